"""Rules added after the third blind set (blind3): relative dates and day ranges, forwarded
notices, requirement paragraphs inside other news, further languages (it, pl, tr, ko, ar).

The texts here are written for the rule, not copied from any data set."""

from analysis_support import run as _run
from monitor.analysis.dates import find_dates, find_relative




# ---- dates ------------------------------------------------------------------------------------

def test_next_weekday_and_month_end_resolve_against_publication():
    # 2024-05-08 is a Wednesday
    out = _run("Starting next Tuesday, every seller on the marketplace must confirm the account phone number "
               "with a one-time code. Sellers who have not confirmed it by the end of the month cannot list.",
               "Marketplace makes phone confirmation mandatory", published="2024-05-08")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-05-14"
    assert out["facts"]["deadline"] == "2024-05-31"


def test_vague_month_end_is_not_a_start_date():
    out = _run("Ja, das ist echt: der Marktplatz verlangt seit Ende März von allen Händlern, den Notfallkontakt "
               "per Code zu bestätigen.", "Notfallkontakt bestätigen?", published="2024-04-12", language="de")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] is None


def test_day_range_gives_start_and_end():
    out = _run("From 3 to 28 June 2024 every seller will be asked to confirm the email address and phone number "
               "on the account with a code; accounts not confirmed will be restricted.",
               "Marketplace runs a contact confirmation for sellers", published="2024-05-20")
    assert out["facts"]["effective_date"] == "2024-06-03"
    assert out["facts"]["deadline"] == "2024-06-28"


def test_era_korean_and_cjk_slash_dates():
    assert [(d.year, d.month, d.day) for d in find_dates("令和6年9月2日から", "ja")] == [(2024, 9, 2)]
    assert [(d.year, d.month, d.day) for d in find_dates("2024년 9월 2일부터 9월 30일까지", "ko")] == [
        (2024, 9, 2), (None, 9, 30)]
    assert [(d.month, d.day) for d in find_dates("官方9/2公告，9/9開始", "zh")] == [(9, 2), (9, 9)]
    assert find_dates("ratio 9/9 today", "en") == []


def test_relative_mentions_need_a_publication_date():
    import datetime as dt

    assert find_relative("from tomorrow", None) == []
    assert [(d.year, d.month, d.day) for d in find_relative("bis Ende März", dt.date(2024, 3, 5))] == [(2024, 3, 31)]


def test_forwarded_notice_dates_its_own_today():
    text = ("Anyone else get this?\n\nFrom: Marketplace Seller Support <no-reply@example.com>\n"
            "Date: Tue, Apr 2, 2024 at 8:00 AM\nSubject: Action required: confirm your emergency contact\n\n"
            "Starting today, we ask all sellers to verify the emergency contact phone number and email address "
            "with a one-time password in Seller Central.")
    out = _run(text, "Is this notice real?", published="2024-04-05")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-04-02"


def test_arabic_indic_digits_are_dates():
    out = _run("أعلنت المنصة أنه اعتبارًا من ٣ يونيو ٢٠٢٤ يجب على جميع البائعين التحقق من رقم الهاتف والبريد "
               "الإلكتروني عبر رمز لمرة واحدة.", "التحقق من رقم الهاتف إلزامي للبائعين", published="2024-05-20")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-06-03"


# ---- labels -----------------------------------------------------------------------------------

def test_requirement_paragraph_inside_other_news_counts():
    text = ("The cloud unit AWS grew 17% and advertising revenue rose 20% in the quarter.\n\n"
            "Separately, since March 4 the marketplace has asked every third-party seller to verify the "
            "emergency contact phone number and email address with a one-time code.\n\n"
            "AWS margins widened, and the shares rose 3%.")
    out = _run(text, "Quarterly results: AWS growth, ads up 20%", published="2024-04-30")
    assert out["label"] == "contact_verification"


def test_non_seller_portal_requirement_stays_unrelated():
    out = _run("Starting July 1, AWS requires multi-factor authentication for root users; customers must register "
               "a phone or security key.", "AWS makes MFA mandatory for root users", published="2024-06-01")
    assert out["label"] == "unrelated"


def test_real_notice_with_a_phishing_warning_is_news():
    text = ("The notice is real: since 4 March the marketplace has required every seller to verify the emergency "
            "contact phone number and email address with a one-time password in Seller Central.\n\n"
            "Copies are circulating too: 'Verify within 24 hours or your account will be suspended. Click here.' "
            "Those links are phishing.")
    out = _run(text, "Emergency contact check: real, and the fakes", published="2024-03-20")
    assert out["label"] == "contact_verification"


def test_pure_phishing_warning_stays_unrelated():
    text = ("Sellers are receiving messages that read: 'Verify your phone number within 24 hours or your account "
            "will be suspended. Click here.' The link steals passwords. This is phishing; report it.")
    out = _run(text, "Phishing wave targets sellers", published="2024-03-20")
    assert out["label"] == "unrelated"


def test_mail_sender_authentication_is_not_contact_verification():
    out = _run("From June 1, mailbox providers require bulk senders to authenticate their email with SPF, DKIM and "
               "DMARC. Online shops sending newsletters must verify their sending domain.",
               "New bulk-sender rules", published="2024-05-02")
    assert out["label"] == "unrelated"


def test_german_email_address_is_not_a_business_address():
    out = _run("Amazon fordert Verkäufer auf, die E-Mail-Adressen in den Benachrichtigungseinstellungen bis zum "
               "30. Juni per Bestätigungslink zu bestätigen.", "Benachrichtigungs-E-Mails bestätigen",
               published="2024-06-03", language="de")
    assert out["label"] == "contact_verification"
    assert out["facts"]["contact_types"] == ["email"]


def test_reported_prompts_are_a_roll_out():
    out = _run("Since this morning sellers report being prompted to verify their phone number with a text code "
               "when they sign in to the marketplace's seller portal. The requirement was announced last week.",
               "Phone check at sign-in for sellers", published="2024-05-13")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-05-13"


def test_how_to_guide_with_new_number_is_evergreen():
    out = _run("Entra en Seller Central, ve a Preferencias de notificación y, en Contacto de emergencia, haz clic en "
               "Editar. Escribe el nuevo teléfono y confirma con el código que recibirás.",
               "Cómo cambiar el contacto de emergencia", published="2023-11-02", language="es")
    assert out["label"] == "unrelated"


# ---- further languages --------------------------------------------------------------------------

def test_korean_seller_requirement_and_buyer_trap():
    seller = _run("2024년 7월 1일부터 모든 판매자는 담당자의 휴대폰 번호와 이메일 주소를 인증해야 합니다. 인증번호는 문자로 "
                  "발송됩니다.", "[공지] 판매자 연락처 인증 의무화", published="2024-06-20", language="ko")
    assert seller["label"] == "contact_verification"
    assert seller["facts"]["effective_date"] == "2024-07-01"
    assert set(seller["facts"]["contact_types"]) == {"email", "phone"}
    buyer = _run("7월 1일부터 모든 회원(구매자)은 로그인할 때 휴대폰 본인인증을 해야 합니다.",
                 "회원 휴대폰 인증 의무화", published="2024-06-20", language="ko")
    assert buyer["label"] == "unrelated"


def test_polish_turkish_italian_requirements():
    pl = _run("Od 2 września 2024 r. sprzedawcy muszą potwierdzić numer telefonu kodem SMS.",
              "Obowiązkowa weryfikacja telefonu", published="2024-08-10", language="pl")
    tr = _run("2 Eylül 2024'ten itibaren tüm satıcılar cep telefonu numarasını SMS ile gönderilen kodla "
              "doğrulamak zorunda.", "Telefon doğrulaması zorunlu", published="2024-08-10", language="tr")
    it = _run("Dal 2 settembre i venditori devono verificare il numero di telefono del contatto di emergenza con "
              "un codice via SMS.", "Verifica obbligatoria", published="2024-08-10", language="it")
    for out in (pl, tr, it):
        assert out["label"] == "contact_verification"
        assert out["facts"]["effective_date"] == "2024-09-02"
    assert "emergency_contact" in it["facts"]["contact_types"]


def test_long_texts_in_further_scripts_do_not_crash():
    for chunk in ("판매자 연락처 인증 2024년 7월 1일부터 ", "التحقق من رقم الهاتف ١ أكتوبر ٢٠٢٤ ",
                  "satıcılar telefon doğrulama 1 Mart'tan itibaren ", "sprzedawcy weryfikacja od 1 marca "):
        out = _run(chunk * (20_000 // len(chunk) + 1), "x", published="2024-01-01")
        assert out["label"] in ("contact_verification", "other_verification", "unrelated")
