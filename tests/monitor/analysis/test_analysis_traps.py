"""Every trap category of POLICY-LANGUAGE.md, in several languages, is `unrelated`, and its
reason names the trap.  Cases are data: (id, language, title, text, expected trap word)."""

import pytest

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
    ("assoc-ja", "ja", "アソシエイトの2段階認証", "Amazonアソシエイトでは10月1日から2段階認証が必須になります。", "not a seller marketplace"),
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
    assert any(r.startswith("trap:") and word in r for r in out["reasons"]), out["reasons"]


POSITIVES = [
    ("pos-en", "en", "Amazon sellers must verify emergency contact",
     "Starting January 24, Amazon requires sellers to verify the emergency contact email and phone number with a "
     "one-time password in Settings > Notification Preferences."),
    ("pos-zh", "zh", "亚马逊强制验证紧急联系人", "亚马逊自1月24日起要求卖家通过验证码验证紧急联系人的手机和邮箱。"),
    ("pos-ja", "ja", "緊急連絡先の認証が必須に", "1月24日より、出品者は緊急連絡先の電話番号とメールアドレスを認証コードで認証する必要があります。"),
    ("pos-de", "de", "Notfallkontakt: Verifizierung Pflicht", "Seit dem 24. Januar müssen Verkäufer ihren Notfallkontakt per Code verifizieren."),
    ("pos-es", "es", "Contacto de emergencia obligatorio", "Desde el 24 de enero los vendedores deben verificar el teléfono del contacto de emergencia."),
    ("pos-fr", "fr", "Contact d'urgence", "Depuis le 24 janvier, les vendeurs doivent vérifier le numéro de leur contact d'urgence."),
    ("pos-2sv", "en", "2SV becomes mandatory for sellers", "All seller accounts must enable two-step verification by March 2."),
]


@pytest.mark.parametrize("case", POSITIVES, ids=[p[0] for p in POSITIVES])
def test_real_event_in_every_language(case):
    cid, lang, title, text = case
    out = analyze({"id": cid, "title": title, "text": text, "language": lang, "published": "2025-02-10"})
    assert out["label"] == "contact_verification", out["reasons"]
    assert out["score"] >= 0.5


def test_trap_reasons_are_readable():
    out = analyze({"id": "r", "title": "Phishing alert", "text": "Scam emails ask sellers to verify phone numbers.",
                   "published": "2025-01-01"})
    assert out["reasons"][0].startswith("label unrelated")
