"""Date, fact and story assertions on team-written texts, moved unchanged from the former
test_analysis_generalise<N>.py files (one per blind set).  The facts and dates are owned by the
fact extractor; a test here asserts a label only where the facts need it.
The texts here are written for the rule, not copied from any data set."""


from analysis_support import run as _run
from monitor.analysis import analyze
from monitor.analysis.dates import find_dates, find_relative
from monitor.analysis.text import split_sentences


# from blind2
def test_german_ordinal_day_and_abbreviation_do_not_end_a_sentence():
    t = "Der Shop hat am 30. Januar im Forum informiert. Codes kommen per SMS bzw. E-Mail. Ich bin 30. Das ist gut."
    assert [t[a:b] for a, b in split_sentences(t)] == [
        "Der Shop hat am 30. Januar im Forum informiert.", "Codes kommen per SMS bzw. E-Mail.", "Ich bin 30.",
        "Das ist gut."]


# from blind2
def test_german_announcement_date_before_month_name():
    out = _run("Wie der Marktplatz am 12. März im Verkäuferforum mitteilte, müssen Händler seit dem 4. März "
                 "ihren Notfallkontakt per Einmalcode bestätigen.", "Amazon: Notfallkontakt bestätigen",
                 published="2024-03-14", language="de")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-03-04"
    assert out["facts"]["announced_date"] == "2024-03-12"


# from blind2
def test_cjk_date_before_comma_is_the_announcing_verbs_date():
    out = _run("楽天は3月5日、出店者に対し4月1日からログイン時の2段階認証を必須にすると明らかにした。"
                 "SMSで届く認証コードの入力が必要になる。", "2段階認証を必須化", published="2024-03-08", language="ja")
    assert out["facts"]["announced_date"] == "2024-03-05"
    assert out["facts"]["effective_date"] == "2024-04-01"


# from blind2
def test_starting_today_is_the_announcement_day():
    out = _run("Notice from Seller Support, May 6, 2024.\nStarting today, we ask all sellers to verify the phone "
                 "number of their primary contact with a code sent by SMS.", "Verify your primary contact phone number",
                 published="2024-05-06")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-05-06"


# from blind2
def test_yearless_date_takes_the_year_of_the_same_day_in_full():
    out = analyze({"id": "t", "title": "¿Verificación en dos pasos obligatoria antes del 15 de octubre?",
                   "text": "Me sale un aviso en Seller Central: la verificación en dos pasos será obligatoria para los "
                           "vendedores y hay que activarla antes del 15 de octubre de 2021.", "language": "es"})
    assert out["facts"]["deadline"] == "2021-10-15"


# from blind2
def test_dates_of_other_sections_of_a_roundup_stay_off_the_policy():
    text = ("本周要闻。\n一、美国关税\n3月2日，美国宣布对部分商品加征关税，自3月9日起生效。\n业内人士提醒卖家评估成本。\n"
            "二、仓储\n亚马逊将调整仓储费。\n三、联系人验证\n亚马逊于2月20日在论坛发布公告：自2月14日起，卖家需要在后台验证紧急联系人的"
            "电话号码，系统会发送验证码。\n四、其他\n欧洲站合规检查加强。")
    out = _run(text, "周报｜关税、仓储、紧急联系人验证", published="2024-03-10", language="zh")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-02-14"
    assert out["facts"]["announced_date"] == "2024-02-20"


# from blind3
def test_next_weekday_and_month_end_resolve_against_publication():
    # 2024-05-08 is a Wednesday
    out = _run("Starting next Tuesday, every seller on the marketplace must confirm the account phone number "
               "with a one-time code. Sellers who have not confirmed it by the end of the month cannot list.",
               "Marketplace makes phone confirmation mandatory", published="2024-05-08")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-05-14"
    assert out["facts"]["deadline"] == "2024-05-31"


# from blind3
def test_vague_month_end_is_not_a_start_date():
    out = _run("Ja, das ist echt: der Marktplatz verlangt seit Ende März von allen Händlern, den Notfallkontakt "
               "per Code zu bestätigen.", "Notfallkontakt bestätigen?", published="2024-04-12", language="de")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] is None


# from blind3
def test_day_range_gives_start_and_end():
    out = _run("From 3 to 28 June 2024 every seller will be asked to confirm the email address and phone number "
               "on the account with a code; accounts not confirmed will be restricted.",
               "Marketplace runs a contact confirmation for sellers", published="2024-05-20")
    assert out["facts"]["effective_date"] == "2024-06-03"
    assert out["facts"]["deadline"] == "2024-06-28"


# from blind3
def test_era_korean_and_cjk_slash_dates():
    assert [(d.year, d.month, d.day) for d in find_dates("令和6年9月2日から", "ja")] == [(2024, 9, 2)]
    assert [(d.year, d.month, d.day) for d in find_dates("2024년 9월 2일부터 9월 30일까지", "ko")] == [
        (2024, 9, 2), (None, 9, 30)]
    assert [(d.month, d.day) for d in find_dates("官方9/2公告，9/9開始", "zh")] == [(9, 2), (9, 9)]
    assert find_dates("ratio 9/9 today", "en") == []


# from blind3
def test_relative_mentions_need_a_publication_date():
    import datetime as dt

    assert find_relative("from tomorrow", None) == []
    assert [(d.year, d.month, d.day) for d in find_relative("bis Ende März", dt.date(2024, 3, 5))] == [(2024, 3, 31)]


# from blind3
def test_forwarded_notice_dates_its_own_today():
    text = ("Anyone else get this?\n\nFrom: Marketplace Seller Support <no-reply@example.com>\n"
            "Date: Tue, Apr 2, 2024 at 8:00 AM\nSubject: Action required: confirm your emergency contact\n\n"
            "Starting today, we ask all sellers to verify the emergency contact phone number and email address "
            "with a one-time password in Seller Central.")
    out = _run(text, "Is this notice real?", published="2024-04-05")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-04-02"


# from blind3
def test_arabic_indic_digits_are_dates():
    out = _run("أعلنت المنصة أنه اعتبارًا من ٣ يونيو ٢٠٢٤ يجب على جميع البائعين التحقق من رقم الهاتف والبريد "
               "الإلكتروني عبر رمز لمرة واحدة.", "التحقق من رقم الهاتف إلزامي للبائعين", published="2024-05-20")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-06-03"


# from blind3
def test_german_email_address_is_not_a_business_address():
    out = _run("Amazon fordert Verkäufer auf, die E-Mail-Adressen in den Benachrichtigungseinstellungen bis zum "
               "30. Juni per Bestätigungslink zu bestätigen.", "Benachrichtigungs-E-Mails bestätigen",
               published="2024-06-03", language="de")
    assert out["label"] == "contact_verification"
    assert out["facts"]["contact_types"] == ["email"]


# from blind3
def test_reported_prompts_are_a_roll_out():
    out = _run("Since this morning sellers report being prompted to verify their phone number with a text code "
               "when they sign in to the marketplace's seller portal. The requirement was announced last week.",
               "Phone check at sign-in for sellers", published="2024-05-13")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-05-13"


# from blind3
def test_korean_seller_requirement_and_buyer_trap():
    seller = _run("2024년 7월 1일부터 모든 판매자는 담당자의 휴대폰 번호와 이메일 주소를 인증해야 합니다. 인증번호는 문자로 "
                  "발송됩니다.", "[공지] 판매자 연락처 인증 의무화", published="2024-06-20", language="ko")
    assert seller["label"] == "contact_verification"
    assert seller["facts"]["effective_date"] == "2024-07-01"
    assert set(seller["facts"]["contact_types"]) == {"email", "phone"}
    buyer = _run("7월 1일부터 모든 회원(구매자)은 로그인할 때 휴대폰 본인인증을 해야 합니다.",
                 "회원 휴대폰 인증 의무화", published="2024-06-20", language="ko")
    assert buyer["label"] == "unrelated"


# from blind3
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


# from blind4
def test_phone_only_report_in_notification_preferences_shares_the_emergency_contact_core():
    a = _run("Since last week sellers see a request to verify the emergency contact phone number and email with "
             "a one-time code in Notification Preferences.", "Marketplace asks sellers to verify emergency contacts",
             published="2024-05-10")
    b = _run("The marketplace now requires sellers to verify the phone number under Notification Preferences: "
             "a one-time code comes by SMS.", "Sellers must verify their phone number", published="2024-05-12")
    assert a["label"] == b["label"] == "contact_verification"
    assert a["story"] == b["story"]


# from blind4
def test_link_confirmation_of_notification_addresses_keeps_its_own_core():
    a = _run("Sellers must verify the emergency contact phone number and email with a one-time code.",
             "Emergency contact verification for sellers", published="2024-05-10")
    b = _run("Sellers must confirm the email addresses in Notification Preferences by clicking the confirmation "
             "link sent to each address before 30 June.", "Confirm your notification emails",
             published="2024-06-02")
    assert b["label"] == "contact_verification"
    assert a["story"] != b["story"]


# from blind4
def test_contrast_with_an_earlier_check_does_not_make_it_the_subject():
    out = _run("Starting 1 September sellers must verify the business phone number with a one-time code. This is "
               "separate from the emergency contact verification earlier this year.",
               "Business phone verification becomes mandatory", published="2024-08-01")
    assert out["facts"]["contact_types"] == ["phone"]


# from blind4
def test_past_weekday_after_an_announcing_verb():
    # 2024-05-10 is a Friday: "on Wednesday" in a forum post is 2024-05-08
    out = _run("In a post on the seller forums on Wednesday, the marketplace said it began requiring sellers to "
               "verify the emergency contact phone with a one-time code on May 2.",
               "Marketplace asks sellers to verify emergency contacts", published="2024-05-10")
    assert out["facts"]["announced_date"] == "2024-05-08"
    assert out["facts"]["effective_date"] == "2024-05-02"


# from blind4
def test_future_weekday_is_not_read_as_past():
    out = _run("The marketplace will require sellers to verify the emergency contact phone starting on Monday.",
               "Emergency contact verification", published="2024-05-10")
    assert out["facts"]["announced_date"] == "2024-05-10"


# from blind4
def test_short_cue_inside_a_word_is_no_deadline():
    out = _run("Según un comunicado publicado el 3 de mayo, los vendedores deben verificar el teléfono del contacto "
               "de emergencia con un código.", "Verificación del contacto de emergencia", published="2024-05-10",
               language="es")
    assert out["facts"]["deadline"] is None
    assert out["facts"]["announced_date"] == "2024-05-03"


# from blind4
def test_sms_code_for_two_step_adds_phone():
    out = _run("Ab dem 1. Juli ist die Zwei-Faktor-Authentifizierung für alle Händler verpflichtend; der Code kommt "
               "per SMS.", "2FA wird Pflicht für Händler", published="2024-06-01", language="de")
    assert out["facts"]["contact_types"] == ["two_step_verification", "phone"]


# from blind4
def test_generic_seller_center_name_is_not_amazon():
    out = _run("Temu通知卖家：自2024年6月1日起，卖家中心账号必须绑定并验证手机号，未完成验证的账号将无法发布商品。",
               "Temu卖家中心强制验证手机号", published="2024-05-20", language="zh")
    assert out["label"] == "contact_verification"
    assert "/temu/" in out["story"]


# from blind4
def test_past_weekday_is_not_a_start_date():
    out = _run("The request to verify the emergency contact phone with a one-time code started showing for me on "
               "Monday.", "Emergency contact verification prompt", published="2024-05-10")
    assert out["facts"]["effective_date"] is None


# from blind5
def test_portuguese_two_step_mandate_has_the_two_step_core():
    out = _run("A partir de 3 de junho de 2024, a Shopee exigirá autenticação de dois fatores de todos os vendedores, "
               "com código de verificação enviado por SMS ao número de celular cadastrado.",
               "Shopee torna a autenticação de dois fatores obrigatória", language="pt")
    assert out["label"] == "contact_verification"
    assert "/two_step_verification" in out["story"]
    assert out["facts"]["effective_date"] == "2024-06-03"


# from blind5
def test_sent_on_and_begin_and_kigen_no_are_date_cues():
    out = _run("In an email sent on April 2, 2024, the marketplace told sellers to verify their phone number with "
               "a one-time code. The prompts begin April 15.", "Sellers must verify phone numbers",
               published="2024-04-04")
    assert out["facts"]["announced_date"] == "2024-04-02"
    assert out["facts"]["effective_date"] == "2024-04-15"
    ja = _run("出品者は電話番号をSMSの認証コードで確認する必要があります。期限の5月31日を過ぎると出品が停止されます。",
              "電話番号の確認が必須に", published="2024-05-01", language="ja")
    assert ja["facts"]["deadline"] == "2024-05-31"


# from blind6
def test_revised_deadline_wins_over_the_original():
    out = _run("Sellers originally had until June 14 to confirm the phone number used for two-step verification "
               "with an SMS code; the deadline is now July 26, 2024.",
               "Amazon gives sellers more time for 2SV phone check", published="2024-06-10")
    assert out["label"] == "contact_verification"
    assert out["facts"]["deadline"] == "2024-07-26"


# from blind6
def test_extended_to_is_the_live_deadline():
    out = _run("Business sellers had to verify their email address with a confirmation link by May 31. "
               "eBay has extended the deadline to June 28, 2024.", "eBay extends email verification deadline",
               published="2024-05-20")
    assert out["facts"]["deadline"] == "2024-06-28"


# from blind6
def test_numeric_dates_of_one_text_read_one_way():
    got = [(d.month, d.day) for d in find_dates("Opens 03/06/2024, closes 28/06/2024.", "en")]
    assert got == [(6, 3), (6, 28)]
    got = [(d.month, d.day) for d in find_dates("Opens 06/03/2024, closes 06/28/2024.", "de")]
    assert got == [(6, 3), (6, 28)]


# from blind6
def test_cjk_date_with_weekday_in_brackets_keeps_its_cue():
    out = _run("楽天市場は、2024年6月3日（月）から出店者のログインに二段階認証を必須とします。認証コードはSMSで届きます。",
               "二段階認証の必須化について", published="2024-05-20", language="ja")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-06-03"


# from blind6
def test_german_range_with_zwischen_und():
    out = _run("Zwischen dem 3. und 17. Juni 2024 müssen alle Händler ihre Telefonnummer per SMS-Code bestätigen.",
               "Telefonnummer bestätigen", published="2024-05-20", language="de")
    assert out["facts"]["effective_date"] == "2024-06-03"
    assert out["facts"]["deadline"] == "2024-06-17"


# from blind6
def test_forum_post_dated_in_spanish_is_the_announcement():
    out = _run("Desde el 3 de junio de 2024 Amazon exige a los vendedores verificar su número de teléfono con un "
               "código por SMS, según una publicación en los foros de vendedores del 06/06/2024.",
               "Amazon exige verificar el teléfono", published="2024-06-12", language="es")
    assert out["facts"]["announced_date"] == "2024-06-06"
    assert out["facts"]["effective_date"] == "2024-06-03"
