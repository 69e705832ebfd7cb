"""Verdicts on messages written here, DKIM/ARC-signed in the test with a test key published on a
loopback DNS server."""
from __future__ import annotations

import pytest

from mail_support import (GENUINE_TEXT, PHISHING_TEXT, LoopbackDns, TestKey, arc_forward,
                          build_message, dead_dns_address, dkim_sign)
from monitor.mail.auth import DnsConfig
from monitor.mail.message import MalformedMessage, parse
from monitor.mail.verdict import VerdictConfig, judge


@pytest.fixture(scope="module")
def key(tmp_path_factory):
    return TestKey(tmp_path_factory.mktemp("key"))


@pytest.fixture(scope="module")
def dns_server(key):
    server = LoopbackDns()
    server.publish_key("s1", "amazon.com", key)
    server.publish_key("arc", "forwarder.test", key)
    server.publish_key("s1", "amazon-seller-verify.info", key)
    server.zone["_dmarc.amazon.com"] = "v=DMARC1; p=quarantine"
    yield server
    server.close()


@pytest.fixture
def config(dns_server):
    return VerdictConfig(dns=DnsConfig(nameservers=[dns_server.address], timeout=2.0),
                         trusted_arc=("forwarder.test",))


def genuine(key, **kw):
    raw = build_message(sender="Amazon Seller Central <seller-notification@amazon.com>",
                        subject="Action required: verify your emergency contact",
                        text=GENUINE_TEXT, **kw)
    return dkim_sign(raw, key, "amazon.com")


def test_signed_notice_from_the_marketplace_is_genuine(key, config):
    v = judge(genuine(key), config)
    assert v["verdict"] == "genuine", v["reasons"]
    assert "amazon.com" in v["reasons"][0] and "DKIM verified" in v["reasons"][0]
    assert v["authentication"]["dmarc_aligned"] is True
    assert v["phishing"]["flag"] is False


def test_changed_after_signing_is_not_genuine(key, config):
    raw = genuine(key).replace(b"28 February 2025", b"28 January 2025")
    v = judge(raw, config)
    assert v["verdict"] == "suspicious"
    assert "did not verify" in v["reasons"][0]
    assert "DMARC p=quarantine" in v["reasons"][0]


def test_unsigned_mail_with_the_marketplace_sender_is_suspicious(config):
    raw = build_message(sender="seller-notification@amazon.com", subject="Verify your contact",
                        text=GENUINE_TEXT)
    v = judge(raw, config)
    assert v["verdict"] == "suspicious"
    assert "no signature" in v["reasons"][0]


def test_lookalike_sender_signed_by_its_own_domain_is_phishing(key, config):
    raw = build_message(sender="Amazon Seller Central <notice@amazon-seller-verify.info>",
                        subject="Urgent: verify your emergency contact", text=PHISHING_TEXT)
    v = judge(dkim_sign(raw, key, "amazon-seller-verify.info"), config)
    assert v["verdict"] == "phishing"
    text = " ".join(v["reasons"])
    assert "imitates Amazon" in text
    assert "password" in text
    assert "Seller Central's messages and Account Health" in text
    assert v["phishing"]["flag"] is True


def test_html_link_that_reads_like_seller_central_but_goes_elsewhere(config):
    html = ("<html><head><style>p{}</style><script>alert(1)</script></head><body>"
            "<p>Please review your account.</p>"
            '<p><a href="https://login.example-billing.test/x">sellercentral.amazon.com</a></p>'
            "</body></html>")
    raw = build_message(sender="Amazon <info@mailer.example-billing.test>",
                        subject="Your Amazon account", html=html)
    v = judge(raw, config)
    assert v["verdict"] == "phishing"
    assert any("reads sellercentral.amazon.com but goes to login.example-billing.test" in r
               for r in v["reasons"])


def test_forwarded_genuine_mail_with_arc_is_genuine(key, config):
    forwarded = arc_forward(genuine(key), key, "forwarder.test")
    v = judge(forwarded, config)
    assert v["authentication"]["dkim_fail"] == ["amazon.com"]  # the subject tag broke it
    assert v["authentication"]["arc"] == "pass"
    assert v["verdict"] == "genuine", v["reasons"]
    assert "forwarded by forwarder.test" in v["reasons"][0]


def test_arc_from_an_untrusted_forwarder_does_not_make_it_genuine(key, dns_server):
    forwarded = arc_forward(genuine(key), key, "forwarder.test")
    cfg = VerdictConfig(dns=DnsConfig(nameservers=[dns_server.address], timeout=2.0),
                        trusted_arc=("someone-else.test",))
    v = judge(forwarded, cfg)
    assert v["verdict"] == "suspicious"
    assert any("do not trust" in r for r in v["reasons"])


def test_offline_is_unknown_never_genuine(key):
    cfg = VerdictConfig(dns=DnsConfig(nameservers=[dead_dns_address()], timeout=0.5))
    v = judge(genuine(key), cfg)
    assert v["verdict"] == "unknown"
    assert "DNS did not answer" in v["reasons"][0]
    assert v["authentication"]["dns_unavailable"] is True


def test_phishing_is_recognised_offline_too():
    cfg = VerdictConfig(dns=DnsConfig(nameservers=[dead_dns_address()], timeout=0.5))
    raw = build_message(sender="Seller Support <notice@amaz0n-sellers.com>",
                        subject="Verify now", text=PHISHING_TEXT)
    assert judge(raw, cfg)["verdict"] == "phishing"


def test_authentication_results_trusted_only_from_the_configured_server(dns_server):
    raw = build_message(
        sender="seller-notification@amazon.com", subject="Verify your emergency contact",
        text=GENUINE_TEXT,
        extra_headers={"Authentication-Results":
                       "mx.example-shop.test; dkim=pass header.d=amazon.com; "
                       "dmarc=pass header.from=amazon.com"})
    base = dict(dns=DnsConfig(nameservers=[dns_server.address], timeout=2.0))
    assert judge(raw, VerdictConfig(**base, authserv_id="mx.example-shop.test"))["verdict"] \
        == "genuine"
    # the same header is worthless when it is not from the seller's own server
    assert judge(raw, VerdictConfig(**base, authserv_id="mx.other.test"))["verdict"] \
        == "suspicious"
    assert judge(raw, VerdictConfig(**base))["verdict"] == "suspicious"


def test_brand_in_name_from_free_mail_with_link_and_pressure_is_phishing(config):
    raw = build_message(sender="Amazon Seller Central <sc.team.notice@freemail.test>",
                        subject="Account deactivation notice",
                        text="Your account will be deactivated within 24 hours. "
                             "Review it now at https://review-center.example.test/start")
    v = judge(raw, config)
    assert v["verdict"] == "phishing"
    assert "claims to be Amazon but comes from freemail.test" in v["reasons"][0]


def test_mail_that_does_not_claim_the_marketplace_is_unknown(config):
    raw = build_message(sender="news@shop-tools.test", subject="Our spring newsletter",
                        text="New features in our repricer this month.")
    assert judge(raw, config)["verdict"] == "unknown"


@pytest.mark.parametrize("charset,cte,text", [
    ("iso-2022-jp", None, "緊急連絡先を確認してください。セラーセントラルの設定から確認できます。"),
    ("shift_jis", "quoted-printable", "緊急連絡先の認証をお願いします。"),
    ("gb18030", "base64", "请验证您的紧急联系人电话号码。"),
    ("gbk", "quoted-printable", "请在卖家平台验证紧急联系人。"),
    ("utf-8", "quoted-printable", "Bitte bestätigen Sie Ihren Notfallkontakt – danke."),
])
def test_charsets_and_transfer_encodings(charset, cte, text):
    raw = build_message(sender="seller-notification@amazon.com", subject="通知 notice",
                        text=text, charset=charset, cte=cte)
    assert charset.encode() in raw.lower() or b"gb" in raw.lower()
    assert parse(raw).text == text


def test_html_only_mail_becomes_text_without_scripts():
    html = ("<html><body><script>steal()</script><style>.x{color:red}</style>"
            '<div style="display:none">hidden words</div><p>Verify your contact</p>'
            '<p><a href="https://sellercentral.amazon.com/x">Seller Central</a></p></body></html>')
    mail = parse(build_message(sender="a@amazon.com", subject="s", html=html))
    assert "Verify your contact" in mail.text
    assert "steal" not in mail.text and "color" not in mail.text and "hidden" not in mail.text
    assert mail.links[0].href == "https://sellercentral.amazon.com/x"


def test_attachments_are_ignored():
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "a@amazon.com", "b@shop.test", "with file"
    msg.set_content("the body")
    msg.add_attachment(b"%PDF-1.4 secret", maintype="application", subtype="pdf",
                       filename="invoice.pdf")
    msg.add_attachment("attached text", filename="notes.txt")
    assert parse(msg.as_bytes()).text == "the body"


@pytest.mark.parametrize("raw", [b"", b"\x00\x01\x02binary", b"just some words\nno headers",
                                 "not bytes"])
def test_malformed_is_a_clear_error(raw):
    with pytest.raises(MalformedMessage):
        parse(raw)


def test_signed_html_notice_with_the_marketplaces_click_tracking_is_genuine(key, config):
    html = ("<p>Verify your emergency contact in Seller Central.</p>"
            '<p><a href="https://r1.awstrack.me/L0/https:%2F%2Fsellercentral.amazon.com%2Fx">'
            "sellercentral.amazon.com</a></p>")
    raw = build_message(sender="seller-notification@amazon.com", subject="Verify your contact",
                        html=html)
    v = judge(dkim_sign(raw, key, "amazon.com"), config)
    assert v["verdict"] == "genuine", v["reasons"]


def test_signed_by_the_marketplace_but_linking_to_a_lookalike_is_not_genuine(key, config):
    raw = build_message(sender="seller-notification@amazon.com", subject="Verify your contact",
                        text="Verify here: https://amazon-seller-verify.info/login")
    v = judge(dkim_sign(raw, key, "amazon.com"), config)
    assert v["verdict"] == "suspicious"
    assert "not what they seem" in v["reasons"][0]
