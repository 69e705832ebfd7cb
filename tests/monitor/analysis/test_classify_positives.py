"""Real contact-verification events in every language are found, also inside other news or next to
a phishing warning.  Cases are data: (id, language, title, text); the cases below the table came
from the former per-blind-set files.  The texts here are written for the rules, not copied from any
data set."""

import pytest

from analysis_support import run as _run
from monitor.analysis import analyze

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


# from blind3
def test_requirement_paragraph_inside_other_news_counts():
    text = ("The cloud unit AWS grew 17% and advertising revenue rose 20% in the quarter.\n\n"
            "Separately, since March 4 the marketplace has asked every third-party seller to verify the "
            "emergency contact phone number and email address with a one-time code.\n\n"
            "AWS margins widened, and the shares rose 3%.")
    out = _run(text, "Quarterly results: AWS growth, ads up 20%", published="2024-04-30")
    assert out["label"] == "contact_verification"


# from blind3
def test_real_notice_with_a_phishing_warning_is_news():
    text = ("The notice is real: since 4 March the marketplace has required every seller to verify the emergency "
            "contact phone number and email address with a one-time password in Seller Central.\n\n"
            "Copies are circulating too: 'Verify within 24 hours or your account will be suspended. Click here.' "
            "Those links are phishing.")
    out = _run(text, "Emergency contact check: real, and the fakes", published="2024-03-20")
    assert out["label"] == "contact_verification"


# from blind5
def test_question_about_a_dated_mandate_is_not_troubleshooting():
    out = _run("We got the notice that two-step verification becomes mandatory from March 3. Half of our staff have "
               "no work phone - will they be locked out after March 3?",
               "Mandatory 2SV - cannot log in without a phone?", published="2024-02-20",
               url="https://sellercentral.example.com/forums/t/2sv-mandatory")
    assert out["label"] == "contact_verification"
