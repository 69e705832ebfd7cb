"""Every trap category of POLICY-LANGUAGE.md, in several languages, is not a contact-verification
event, and a reason names the trap.  Cases are data: (id, language, title, text, expected trap word);
the cases below the table came from the former per-blind-set files.
The texts here are written for the rules, not copied from any data set."""

import pytest

from analysis_support import run as _run
from monitor.analysis import analyze

TRAPS = [
    # phishing warnings and scam messages
    ("phish-en", "en", "Warning: scam emails about emergency contact verification",
     "Fraudsters are sending fake notices telling Amazon sellers to verify their emergency contact within 72 hours "
     "via a link. Do not click; Amazon never asks for your password.", "phishing"),
    ("phish-msg-en", "en", "Urgent: verify your account",
     "Dear Seller, your account will be suspended. Click the link below within 24 hours to verify your phone "
     "number and email. Failure to comply will result in permanent deactivation.", "phishing"),
    ("phish-zh", "zh", "钓鱼邮件预警", "有人冒充亚马逊发送邮件，要求卖家在48小时内点击链接验证手机号，请勿点击。", "phishing"),
    ("phish-ja", "ja", "詐欺メールに注意", "Amazonを装ったメールで、電話番号の認証を求めるフィッシング詐欺が増えています。", "phishing"),
    ("phish-de", "de", "Achtung Phishing", "Betrüger fordern Händler per gefälschter Mail auf, ihre Telefonnummer zu bestätigen.",
     "phishing"),
    ("phish-es", "es", "Estafa", "Correos falsos suplantan a Amazon y piden verificar el teléfono del vendedor.", "phishing"),
    ("phish-fr", "fr", "Arnaque", "Un e-mail frauduleux demande aux vendeurs de confirmer leur numéro de téléphone.",
     "phishing"),
    # evergreen help pages
    ("help-en", "en", "Two-Step Verification", "Two-Step Verification is required to sign in to Seller Central. "
     "You can receive codes by text message or an authenticator app. To change the phone number, go to Login "
     "Settings.", "help page"),
    ("help-zh", "zh", "如何修改登录邮箱", "如需修改登录邮箱，请进入登录设置，点击编辑，输入新邮箱并填写验证码即可。", "help page"),
    ("help-ja", "ja", "通知設定の使い方", "通知設定で緊急連絡先を追加できます。電話番号を変更する場合は「編集」をクリックし、認証コードを入力してください。",
     "help page"),
    ("help-es", "es", "Cómo cambiar tu correo", "Para cambiar tu correo electrónico ve a Configuración y confirma el nuevo "
     "correo con el código que te enviamos.", "help page"),
    # optional features
    ("opt-en", "en", "Two-step verification now available", "Sellers can now turn on two-step verification. It is "
     "optional, but we recommend it.", "optional"),
    ("opt-zh", "zh", "两步验证功能上线", "卖家可以自愿开启两步验证，开启后登录需要输入短信验证码。该功能为可选项。", "optional"),
    ("opt-de", "de", "Neu: 2FA", "Händler können die Zwei-Faktor-Authentifizierung ab sofort freiwillig aktivieren.",
     "optional"),
    ("opt-fr", "fr", "Nouveauté", "Les vendeurs peuvent désormais activer la double authentification, de façon facultative.",
     "optional"),
    # login / OTP troubleshooting
    ("ts-en", "en", "Didn't receive the verification code",
     "I'm not receiving the OTP for my emergency contact phone. Has anyone found a fix?", "troubleshooting"),
    ("ts-zh", "zh", "验证码收不到怎么办", "我的手机一直收不到两步验证的短信验证码，无法登录卖家后台，有没有人遇到过？", "troubleshooting"),
    ("ts-ja", "ja", "SMSが届かない", "セラーセントラルのログインで認証コードが届かないです。どうすればいいですか。", "troubleshooting"),
    ("ts-es", "es", "No me llega el código", "No me llega el código de verificación por SMS y no puedo iniciar sesión.",
     "troubleshooting"),
    # buyer-side verification
    ("buyer-en", "en", "Shoppers must verify phone numbers",
     "Starting May 1, new customers must verify a mobile number when they create a shopping account.", "buyer"),
    ("buyer-zh", "zh", "买家需验证手机号", "平台要求买家在下单前通过短信验证手机号码。", "buyer"),
    ("buyer-de", "de", "Käufer-Verifizierung", "Käufer müssen ab Juni ihre Telefonnummer per SMS bestätigen.", "buyer"),
    # non-seller portals
    ("assoc-en", "en", "Amazon Associates requires 2SV", "From October 1 every Associates account must use "
     "two-step verification to sign in.", "not a seller marketplace"),
    ("partner-en", "en", "Partner portal MFA", "All partner portal users must enroll in multi-factor authentication "
     "by April 15.", "not a seller marketplace"),
    ("gov-en", "en", "SAM.gov MFA", "Entities registering on SAM.gov for government contracts must now set up "
     "multi-factor authentication with a phone number.", "not a seller marketplace"),
    # listing bans / hiding buyer phones
    ("ban-en", "en", "No phone numbers in listings", "Starting March 1, listings that include phone numbers or "
     "email addresses in titles or images will be removed.", "ban"),
    ("ban-zh", "zh", "禁止在商品图片中留电话", "平台禁止卖家在商品图片和描述中展示电话号码或邮箱。", "ban"),
    ("ban-es", "es", "Prohibido", "Está prohibido incluir teléfonos o correos en las descripciones de las publicaciones.",
     "ban"),
    # same-template other topics
    ("fee-en", "en", "Changes to FBA fees starting April 15, 2025", "What is changing: starting April 15, 2025 we will "
     "update FBA fees. Who is affected: all sellers. What action is required: review your fees before April 1.",
     "another topic"),
    ("tariff-de", "de", "Neue Zölle ab 9. April", "Ab dem 9. April gelten neue Zölle. Händler müssen ihre Preise "
     "prüfen und sich bei Fragen per Telefon oder E-Mail an den Zollagenten wenden.", "another topic"),
    # eligibility mentions
    ("aha-en", "en", "Account Health Assurance eligibility", "To be eligible you need an AHR above 250 and a valid "
     "emergency contact number on file.", "eligibility"),
    ("aha-zh", "zh", "账户健康保障资格", "符合条件的卖家需要有有效的紧急联系人电话号码，账户健康评级在250以上。", "eligibility"),
]


@pytest.mark.parametrize("case", TRAPS, ids=[t[0] for t in TRAPS])
def test_trap_is_unrelated_with_reason(case):
    cid, lang, title, text, word = case
    out = analyze({"id": cid, "title": title, "text": text, "language": lang, "published": "2025-02-10"})
    assert out["label"] == "unrelated", out["reasons"]
    assert any(word in r for r in out["reasons"]), out["reasons"]


def test_trap_reasons_are_readable():
    out = analyze({"id": "r", "title": "Phishing alert", "text": "Scam emails ask sellers to verify phone numbers.",
                   "published": "2025-01-01"})
    assert out["reasons"][0].startswith("label unrelated")


# from blind2
@pytest.mark.parametrize("title,text,language", [
    ("Lieferantenportal: Zwei-Faktor-Authentifizierung ab 1. Juni Pflicht",
     "Ab dem 1. Juni ist für alle Lieferanten im Lieferantenportal des Versicherers die Zwei-Faktor-Authentifizierung "
     "verpflichtend. Bitte hinterlegen Sie eine Mobilnummer für den SMS-Code.", "de"),
    ("Kundenkonto: Zwei-Schritt-Verifizierung",
     "Der Shop fordert Kundinnen und Kunden auf, die Zwei-Schritt-Verifizierung für ihr Kundenkonto zu aktivieren. "
     "Für Händler ändert sich nichts.", "de"),
    ("Mail provider makes two-step verification mandatory",
     "From June 1 every personal mailbox must use two-step verification; add a phone number to get codes by SMS.", "en"),
])
def test_non_seller_two_step_stories_are_unrelated(title, text, language):
    assert _run(text, title, language=language)["label"] == "unrelated"


# from blind2
def test_other_verification_asked_of_sellers_in_spanish():
    out = _run("La plataforma ha empezado a pedir a los vendedores su NIF y fecha de nacimiento por la directiva DAC7.",
                 "DAC7: qué datos fiscales tienes que dar", language="es")
    assert out["label"] == "other_verification"


# from blind3
def test_non_seller_portal_requirement_stays_unrelated():
    out = _run("Starting July 1, AWS requires multi-factor authentication for root users; customers must register "
               "a phone or security key.", "AWS makes MFA mandatory for root users", published="2024-06-01")
    assert out["label"] == "unrelated"


# from blind3
def test_pure_phishing_warning_stays_unrelated():
    text = ("Sellers are receiving messages that read: 'Verify your phone number within 24 hours or your account "
            "will be suspended. Click here.' The link steals passwords. This is phishing; report it.")
    out = _run(text, "Phishing wave targets sellers", published="2024-03-20")
    assert out["label"] == "unrelated"


# from blind3
def test_mail_sender_authentication_is_not_contact_verification():
    out = _run("From June 1, mailbox providers require bulk senders to authenticate their email with SPF, DKIM and "
               "DMARC. Online shops sending newsletters must verify their sending domain.",
               "New bulk-sender rules", published="2024-05-02")
    assert out["label"] == "unrelated"


# from blind3
def test_how_to_guide_with_new_number_is_evergreen():
    out = _run("Entra en Seller Central, ve a Preferencias de notificación y, en Contacto de emergencia, haz clic en "
               "Editar. Escribe el nuevo teléfono y confirma con el código que recibirás.",
               "Cómo cambiar el contacto de emergencia", published="2023-11-02", language="es")
    assert out["label"] == "unrelated"


# from blind3
def test_long_texts_in_further_scripts_do_not_crash():
    for chunk in ("판매자 연락처 인증 2024년 7월 1일부터 ", "التحقق من رقم الهاتف ١ أكتوبر ٢٠٢٤ ",
                  "satıcılar telefon doğrulama 1 Mart'tan itibaren ", "sprzedawcy weryfikacja od 1 marca "):
        out = _run(chunk * (20_000 // len(chunk) + 1), "x", published="2024-01-01")
        assert out["label"] in ("contact_verification", "other_verification", "unrelated")


# from blind4
def test_code_problem_at_sign_in_stays_troubleshooting():
    out = _run("Whenever I sign in to the seller account a pop-up asks me to verify my phone number, and the code "
               "never arrives. Anyone else?", "Code never arrives at sign-in", published="2024-03-01")
    assert out["label"] == "unrelated"


# from blind4
def test_guide_saying_you_will_be_prompted_is_not_news():
    out = _run("Go to Settings > Notification Preferences and click Edit next to the emergency contact. You will "
               "be prompted to verify the new number with a code sent by SMS.",
               "How to edit the emergency contact in your seller account", published="2023-09-01",
               url="https://blog.example.org/edit-emergency-contact")
    assert out["label"] == "unrelated"


# from blind4
def test_conditional_procedure_is_a_help_page():
    out = _run("Choose which addresses and numbers receive notifications. Emergency contact: used to reach you "
               "about critical account issues. When you add a new number, you will be prompted to confirm it "
               "with a one-time password.", "Notification Preferences", published=None)
    assert out["label"] == "unrelated"


# from blind4
def test_chinese_tip_is_not_a_prompt():
    out = _run("温馨提示：修改紧急联系人手机号时需要输入验证码。本文介绍如何在通知首选项中修改联系方式。",
               "卖家后台设置教程", published="2023-06-01")
    assert out["label"] == "unrelated"


# from blind4
def test_code_sent_for_another_programme_step_is_not_a_contact_policy():
    out = _run("Applicants to Brand Registry must enter the verification code sent to the trademark owner's email "
               "address by 15 June to complete enrollment.", "Brand Registry: enter your code",
               published="2024-06-01")
    assert out["label"] == "unrelated"


# from blind4
def test_delivery_drivers_are_not_sellers():
    out = _run("Delivery drivers must re-verify their identity with a selfie starting next month.",
               "Drivers must take a selfie", published="2024-06-01")
    assert out["label"] == "unrelated"


# from blind5
def test_english_valid_is_not_a_portuguese_verification_act():
    out = _run("To join the protection plan, sellers must keep a healthy rating and have a valid emergency "
               "contact number on file.", "Protection plan conditions")
    assert out["label"] == "unrelated"


# from blind5
def test_code_problem_without_a_dated_mandate_stays_troubleshooting():
    out = _run("I cannot log in, the two-step verification code never arrives on my phone. Any ideas?",
               "Cannot log in - no 2SV code", url="https://sellercentral.example.com/forums/t/no-code")
    assert out["label"] == "unrelated"


def _prepared(title, text, language="en", url=None, published="2024-05-10"):
    from monitor.analysis.core import prepare

    return prepare({"id": "t", "title": title, "text": text, "language": language, "published": published,
                    "url": url})


# Fraud as a crime is the motive of a measure as often as the subject of a warning: alone it is weak
# phishing evidence; next to phishing wording (fake mails, impersonation) it is the warning's.
FRAUD_CASES = [
    ("motive-de", "de", "Kleinanzeigen greift durch: Damit geht es Betrügern an den Kragen",
     "Ab heute müssen Anbieter ihre Telefonnummer angeben. An diese wird ein sechsstelliger Code verschickt.", False),
    ("motive-ja", "ja", "詐欺対策で電話番号の認証を開始",
     "出品者は来月から電話番号をSMSの認証コードで認証する必要があります。", False),
    ("motive-en", "en", "Marketplace fights fraud with phone checks",
     "From June 1 sellers must verify their phone number with a code sent by SMS.", False),
    ("warning-de", "de", "Betrüger verschicken gefälschte Mails",
     "Betrüger fordern Händler per gefälschter Mail auf, ihre Telefonnummer zu bestätigen.", True),
    ("warning-ja", "ja", "詐欺メールに注意",
     "Amazonを装ったメールで、電話番号の認証を求める詐欺が増えています。", True),
    ("warning-en", "en", "Fraud alert", "Fraudsters impersonate the marketplace and ask sellers to verify their phone.",
     True),
]


@pytest.mark.parametrize("case", FRAUD_CASES, ids=[c[0] for c in FRAUD_CASES])
def test_fraud_counts_as_phishing_only_next_to_phishing_wording(case):
    _, lang, title, text, warning = case
    strength = _prepared(title, text, lang).rules.terms.get("trap_phishing", 0.0)
    if warning:
        assert strength >= 0.9
    else:
        assert 0 < strength <= 0.4


# "optional so far" next to a sentence stating the mandate reports the mandate, not an optional feature
OPTIONAL_CASES = [
    ("formerly-de", "de", "Kleinanzeigen verlangt Telefonnummer",
     "Ab sofort müssen Anbieter ihre Telefonnummer per SMS-Code verifizieren. Bisher war die Angabe freiwillig. "
     "Verpflichtend wird sie zunächst in fünf Kategorien.", 0.2),
    ("others-de", "de", "Kleinanzeigen verifiziert Handynummern",
     "Inserenten werden aufgefordert, ihre Telefonnummer mit dem SMS-Code zu verifizieren. Verpflichtend startet die "
     "Maßnahme jetzt in fünf Kategorien. Freiwillig können alle anderen Nutzer ihre Nummer schon jetzt bestätigen.", 0.4),
    ("optional-de", "de", "Neu: 2FA",
     "Händler können die Zwei-Faktor-Authentifizierung ab sofort freiwillig aktivieren und per SMS-Code bestätigen.", 1.0),
]


@pytest.mark.parametrize("case", OPTIONAL_CASES, ids=[c[0] for c in OPTIONAL_CASES])
def test_optional_words_next_to_a_stated_mandate_weigh_less(case):
    _, lang, title, text, at_most = case
    strength = _prepared(title, text, lang).rules.terms.get("trap_optional", 0.0)
    assert 0 < strength <= at_most
    if at_most == 1.0:
        assert strength == 1.0


def test_a_page_revision_date_is_no_policy_date():
    text = ("To help keep merchants safe we require them to verify their phone number. Merchants without a verified "
            "phone number can have their account suspended.\nLast updated 2024-09-03 UTC.")
    p = _prepared("Phone verification", text)
    assert not [d for d in p.dates.all if d.role in ("effective", "deadline")]
    assert p.rules.terms["policy_dated"] == 0.0
    # the same date as a roll-out date is one
    p2 = _prepared("Phone verification", text.replace("Last updated 2024-09-03 UTC.", "Starting 2024-09-03 this applies."))
    assert [d for d in p2.dates.all if d.role == "effective"]


def test_a_guide_heading_is_no_change_wording():
    p = _prepared("Enable 2-step verification", "Getting started\nSellers can receive the verification code by SMS.")
    assert not p.doc.has("event")
    p2 = _prepared("Enable 2-step verification", "Verification has started: sellers receive a code by SMS.")
    assert p2.doc.has("event")


GUIDE_CASES = [
    # (url, text, help trap expected at least)
    ("https://learn.example-market.com/guides/account/2sv", "Sellers can turn on two-step verification with a code.",
     0.6),
    ("https://www.example-market.de/i/seller-university/en/2fa/", "Sellers enter the code sent to their phone.", 0.6),
    (None, "How to enable two-step verification:\n1. Open Settings.\n2. Select Login settings.\n3. Enter the code "
           "sent to your phone.", 0.6),
]


@pytest.mark.parametrize("url,text,at_least", GUIDE_CASES)
def test_guide_urls_and_numbered_steps_are_help_page_evidence(url, text, at_least):
    p = _prepared("Two-step verification", text, url=url, published=None)
    assert p.rules.terms.get("trap_help", 0.0) >= at_least


def test_an_optional_setting_in_a_guide_is_optional():
    p = _prepared("Enable 2-step verification", "If you choose to enable this feature, all users will be required "
                  "to enter a one-time verification code sent to their phone each time they log in.")
    assert p.rules.terms.get("trap_optional", 0.0) > 0


SCAM_SHAPE_CASES = [
    # (url, text, phishing trap expected)
    (None, "Dear Seller, your account will be suspended. Click the link below within 24 hours to verify your phone.",
     True),
    (None, "From 5 March sellers must enable two-step verification. Click here to read more. Click here for help.",
     False),
    ("https://seller-th.example-shop.com/university/essay?id=1",
     "Dear Seller, from 5 March you must enable two-step verification within 24 hours of the prompt.", False),
    ("https://seller-th.example-shop.com/university/essay?id=1",
     "Fake emails impersonate us. Dear Seller, click the link below within 24 hours to verify your phone.", True),
]


@pytest.mark.parametrize("url,text,phishing", SCAM_SHAPE_CASES)
def test_a_scam_shape_is_several_marks_and_never_the_portals_own_page(url, text, phishing):
    st = _prepared("Account security", text, url=url).rules.terms.get("trap_phishing", 0.0)
    assert (st >= 0.7) == phishing, st


def test_a_standing_requirement_restated_is_background_or_help():
    p = _prepared("Publishing checklist", "2-Step Verification is mandatory as of 2021 and still enforced in 2026.")
    assert p.doc.has("background")
    p = _prepared("Two-Step Verification", "Two-Step Verification is required in order to access your account.")
    assert p.doc.has("help_page")


def test_future_tense_on_the_platforms_help_page_weakens_the_help_trap_less():
    text = "Two-Step Verification protects sellers. You will be required to enter a code sent to your phone."
    on_help = _prepared("Two-Step Verification", text, url="https://sellercentral.example.com/help/2sv", published=None)
    elsewhere = _prepared("Two-Step Verification", text + " How to set it up.", published=None)
    assert on_help.doc.has("event")
    assert on_help.rules.terms["trap_help"] > 0.6 > elsewhere.rules.terms.get("trap_help", 0.0)


@pytest.mark.parametrize("text", ["Why is 2FA being made mandatory?", "Dear Developer, we are announcing new policies."])
def test_more_change_wording(text):
    assert _prepared("", text).doc.has("event")


def test_spanish_como_as_is_no_help_page_but_como_cambiar_is():
    assert not _prepared("", "Los vendedores, como cada año, deben verificar su identidad.", language="es").doc.has("help_page")
    assert _prepared("", "Cómo cambiar tu correo en la cuenta de vendedor.", language="es").doc.has("help_page")
    assert _prepared("", "Te explicamos como cambiar el teléfono.", language="es").doc.has("help_page")


def test_a_non_seller_word_away_from_an_identity_check_of_sellers_weighs_little():
    text = ("The marketplace now verifies the identity of new sellers by video call. "
            "Warehouse associates were not affected by the change.")
    assert _prepared("Video calls", text).rules.terms["trap_nonseller"] < 0.2


def test_an_introduction_heading_is_no_change_but_introducing_is():
    assert not _prepared("", "Introduction: sellers verify their phone with a code.").doc.has("event")
    assert _prepared("", "The marketplace is introducing phone checks for sellers.").doc.has("event")


@pytest.mark.parametrize("url", ["https://www.mercadopago.com.mx/ayuda/33319", "https://www.example.de/hilfe/konto",
                                 "https://example.com/help-center/articles/1"])
def test_help_centres_in_other_languages(url):
    p = _prepared("Verificación", "Los vendedores confirman su teléfono con un código.", language="es", url=url,
                  published=None)
    assert p.rules.terms.get("trap_help", 0.0) >= 0.6


def test_scammers_as_the_motive_are_fraud_but_a_scam_mail_is_phishing():
    p = _prepared("Video calls", "The marketplace verifies new sellers by video call, making it harder for scammers to hide.")
    assert p.doc.has("fraud") and not p.doc.has("trap_phishing")
    assert _prepared("", "Beware of this scam email asking sellers to verify their phone.").doc.has("trap_phishing")


def test_an_encyclopedia_article_is_evergreen():
    text = ("Phone number verification is a process required for seller accounts.[1] It confirms the registered "
            "number.[2] It is usually asked for again when the number is changed.[3]")
    assert _prepared("Phone number verification", text, published=None).rules.terms.get("trap_help", 0.0) >= 0.6
    assert _prepared("Phone number verification", text.replace("[1]", "").replace("[2]", "").replace("[3]", ""),
                     published=None).rules.terms.get("trap_help", 0.0) == 0.0


def test_a_ban_on_contact_details_in_shops_is_a_ban():
    p = _prepared("速卖通店铺严禁出现外部联系信息", "卖家禁止店铺出现外部联系信息，如手机号、邮箱等联系方式，8月10日起平台开始审查。",
                  language="zh")
    assert p.rules.terms.get("trap_ban", 0.0) == 1.0


def test_a_date_line_is_the_pages_date_but_an_effective_date_is_not():
    p = _prepared("", "date 2018-05-31\nSellers must now verify their phone number with a code.", published=None)
    assert p.doc.dateline_date is not None and p.doc.dateline_date.isoformat() == "2018-05-31"
    q = _prepared("", "Effective date: 2018-05-31\nSellers must verify their phone number with a code.", published=None)
    assert q.doc.dateline_date is None
    assert q.doc.dates and not q.doc.dateline


def test_a_document_for_integrators_names_your_merchants():
    p = _prepared("Phone verification", "We require your merchants to verify their phone number. Build a form for it.")
    assert p.rules.terms.get("trap_nonseller", 0.0) >= 0.5
    assert _prepared("Publishing requirements: the complete checklist", "Sellers verify their email.").doc.has("help_page")


# Words and what the lexicon reads them as (present: True) or must not (False).  Every language's
# fragments run on every text, so a common word of one language must not read as a concept of
# another ("comment", "present", "Annoncen", "Introduction").
WORDS = [
    ('de', 'An diese Nummer wird ein sechsstelliger Code verschickt.', 'otp', True),
    ('de', 'Der Prüfcode kommt per Kurznachricht.', 'otp', True),
    ('de', 'Zur Authentifizierung der Telefonnummer.', 'verify', True),
    ('en', 'Enter the six-digit code we sent.', 'otp', True),
    ('en', 'In the past few days many sellers have received the following emails.', 'event', True),
    ('en', 'In this article, we will explore the possible reasons for a missing code.', 'help_page', True),
    ('en', 'Troubleshooting OTP issues on the marketplace.', 'trap_troubleshoot', True),
    ('de', 'So ändert ihr eure Telefonnummer, lest ihr hier.', 'help_page', True),
    ('ja', 'この記事では電話番号認証の仕組みを整理しました。', 'help_page', True),
    ('zh', '本文将详细介绍如何更换手机号。', 'help_page', True),
    ('de', 'Betreiber sind gesetzlich dazu verpflichtet, Daten zu melden.', 'require', True),
    ('de', 'Dazu benötigt eBay von Ihnen die Steuernummer.', 'require', True),
    ('de', 'Die Telefonnummer muss im Konto hinterlegt werden.', 'provide', True),
    ('de', 'Die Verifizierung startet nun offiziell.', 'event', True),
    ('de', 'Ab jetzt gilt die Pflicht für alle Händler.', 'event', True),
    ('de', 'Unter dem Menüpunkt wählt ihr jetzt den Button Bearbeiten.', 'event', False),
    ('de', 'Falls ihr die Zwei-Schritt-Verifizierung aktiviert habt, bestätigt ihr den Code.', 'help_page', True),
    ('ja', '手間はかかりますが確実にログインできるようになりました。', 'trap_optional', False),
    ('ja', '二段階認証を設定できるようになりました。', 'trap_optional', True),
    ('ja', '認証方法はSMSです。', 'help_page', False),
    ('ja', '電話番号の変更方法を解説します。', 'help_page', True),
    ('en', 'Leave a comment below.', 'help_page', False),
    ('en', 'At present, sellers were presented with nothing.', 'provide', False),
    ('en', 'The form was completely empty.', 'provide', False),
    ('en', 'It is impossible to say.', 'require', False),
    ('de', 'Auf dem Annoncen-Portal bieten Nutzer Dienste an.', 'event', False),
    ('en', 'The Introduction explains the process.', 'event', False),
    ('fr', 'Comment modifier votre numéro de téléphone', 'help_page', True),
    ('fr', "Vous devez présenter une pièce d'identité.", 'provide', True),
    ('es', 'Debes presentar tu documento.', 'provide', True),
    ('fr', 'La plateforme impose la vérification.', 'require', True),
    ('fr', 'Amazon a annoncé la vérification.', 'event', True),
    ('de', 'Ab heute müssen Nutzer ihre Telefonnummer angeben.', 'event', True),
    ('de', 'Die Plattform führt ab sofort für alle Nutzerinnen und Nutzer die Zwei-Faktor-Authentifizierung ein.', 'event', True),
    ('de', 'Die Funktion wird schrittweise eingeführt.', 'event', True),
    ('de', 'Das führt zu einer Sperre.', 'event', False),
    ('en', 'From today, sellers must verify their phone.', 'event', True),
    ('zh', '所有賣家必須開啟兩步驟驗證。', 'two_step', True),
    ('zh', '賣家須完成簡訊驗證。', 'sms', True),
    ('fr', "À compter de janvier, les vendeurs devront remplir un formulaire.", 'event', True),
    ('fr', "Le site vient d'officialiser la nouvelle.", 'event', True),
    ('es', 'Los anuncios clasificados del periódico.', 'event', False),
    ('es', 'Wallapop anunció la verificación.', 'event', True),
    ('en', 'Amazon is piloting a new system to verify sellers.', 'event', True),
    ('en', 'We are testing a new process that validates sellers.', 'event', True),
    # a check that can be turned off is no requirement
    ('en', 'Two-step verification can be turned off in Login Settings.', 'trap_optional', True),
    ('de', 'Die Zwei-Faktor-Authentifizierung kann jederzeit in den Einstellungen deaktiviert werden.', 'trap_optional', True),
    ('zh', '如果丢失手机，可以请客户经理帮您关闭两步验证。', 'trap_optional', True),
    ('ja', '二段階認証はいつでも無効にできます。', 'trap_optional', True),
    ('ko', '2단계 인증은 설정에서 해제할 수 있습니다.', 'trap_optional', True),
    ('en', 'Sellers can no longer use the old login.', 'trap_optional', False),
    ('de', 'Die Prüfung ist bei Kreditkartenzahlungen verpflichtend.', 'buyer', True),
]


@pytest.mark.parametrize("lang,text,concept,present", WORDS)
def test_a_word_is_read_as_its_concept(lang, text, concept, present):
    assert _prepared("", text, language=lang).doc.has(concept) == present
