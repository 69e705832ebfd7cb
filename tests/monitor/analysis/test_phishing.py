"""The phishing flag from text alone (monitor.analysis.phishing) and its place in analyze()."""
from __future__ import annotations

import pytest

from monitor.analysis import analyze
from monitor.analysis.phishing import assess, credential_requests
from monitor.mail.domains import lookalike, org_domain

PHISHING = [
    # (text, a word the reasons must contain)
    ("Your seller account will be suspended within 48 hours. Enter your login, password and OTP "
     "at https://sellercentral-amazon.verify-now.info/login", "look-alike"),
    ("Reply to this email with your password and card number to keep selling.", "password"),
    ("Amazon Seller Central: confirm your card number and CVV here: "
     "https://billing-check.example.test/pay", "card"),
    ("Verify your account at http://amaz0n-sellers.com/verify", "look-alike"),
    ("アカウントが停止されます。パスワードを入力してください http://amazon-co-jp.account-check.example/",
     "look-alike"),
    ("您的账户将被冻结。请在 http://amazon-seller-verify.example/ 输入密码和验证码", "look-alike"),
]

NOT_PHISHING = [
    # genuine-style notices: sign in yourself, enter the code the marketplace sends there
    "Verify your emergency contact: sign in to Seller Central, go to Settings > Notification "
    "Preferences and enter the one-time password we send to your phone. "
    "https://sellercentral.amazon.com/notifications Accounts not verified may be deactivated.",
    "Amazon will never ask for your password or OTP by email. Do not share your code.",
    # trade press writing about the rule, linking to itself, with a deadline
    "Amazon sellers must verify their emergency contact within 30 days, reports "
    "https://news.example.test/amazon-contact-rule",
    "Bitte bestätigen Sie Ihren Notfallkontakt in Seller Central: https://sellercentral.amazon.de/",
    # another site's help page asking for its own password; CJK text running into a host name
    "Go to https://admin.partner-site.example/ and enter your password to log in.",
    "平素よりamazon.co.jpをご利用いただきありがとうございます。2段階認証を設定してください。",
    "Address any known account issues before attempting to send another OTP.Steps to resolve",
]


@pytest.mark.parametrize("text,word", PHISHING)
def test_phishing_texts_are_flagged_with_reasons(text, word):
    out = assess(text)
    assert out["flag"] is True
    assert any(word in r for r in out["reasons"]), out["reasons"]


@pytest.mark.parametrize("text", NOT_PHISHING)
def test_genuine_and_press_texts_are_not_flagged(text):
    assert assess(text)["flag"] is False


@pytest.mark.parametrize("domain,why", [
    ("amaz0n.com", "disguises"), ("arnazon.de", "disguises"), ("amazom.com", "one letter"),
    ("xn--mazon-3ve.com", "mixes alphabets"), ("amazon-seller-verify.info", "uses the name"),
    ("sellercentral-amazon.verify-now.info", "uses the name"),
])
def test_lookalike_domains(domain, why):
    assert why in (lookalike(domain) or "")


@pytest.mark.parametrize("domain", ["sellercentral.amazon.co.uk", "amazon.co.jp",
                                    "m.media-amazon.com", "amazonaws.com", "example.com",
                                    "sellercentral-europe.amazon.com"])
def test_real_or_unrelated_domains_are_not_lookalikes(domain):
    assert lookalike(domain) is None


def test_registrable_domain_uses_the_public_suffix_list():
    assert org_domain("a.b.sellercentral.amazon.com.mx") == "amazon.com.mx"
    assert org_domain("mail.amazon.co.uk") == "amazon.co.uk"


def test_warning_sentences_are_not_requests():
    assert credential_requests("Never enter your password on a page you reached by a link.") == []


def test_analyze_carries_the_flag_and_keeps_the_label_contract():
    out = analyze({"id": "p1", "title": "Verify your emergency contact",
                   "text": PHISHING[0][0], "url": None, "language": "en", "published": None})
    assert out["phishing"]["flag"] is True
    assert out["label"] in ("contact_verification", "other_verification", "unrelated")
    clean = analyze({"id": "g1", "title": "Emergency contact verification",
                     "text": NOT_PHISHING[0], "url": None, "language": "en", "published": None})
    assert clean["phishing"] == {"flag": False, "reasons": []}
