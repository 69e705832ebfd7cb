"""Delivery of codes: a real SMTP server on loopback, an Apprise json:// URL to a local HTTP
receiver, failing providers, the recipient rules of channel URLs, and the development outbox."""
from __future__ import annotations

import json

import pytest

from server.errors import PROBLEM_PREFIX
from server.services import delivery

from verification_fixtures import (API, MOBILE_DE, add_account, add_channel, add_contact, check,  # noqa: F401
                                   clock, code_in, free_port, outbox_items, receiver, smtp, start,
                                   wrong)


@pytest.fixture
def seller(client, make_user, clock):  # noqa: F811
    user, headers = make_user()
    account = add_account(client, headers)
    phone = add_contact(client, headers, account["id"], "phone", MOBILE_DE)
    mail = add_contact(client, headers, account["id"], "email", "Owner+Shop@Example.com")
    return user, headers, account, phone, mail


# --- recipient rules -----------------------------------------------------------------------------

def test_sms_provider_urls_get_the_destination_as_their_only_target():
    url = delivery.destination_url(
        "twilio://ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb@+15551234567", MOBILE_DE)
    assert url.endswith("/%2B4915123456789")
    with pytest.raises(delivery.DestinationError, match="already names a recipient"):
        delivery.destination_url("twilio://ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                                 "@+15551234567/+15559999999", MOBILE_DE)


def test_webhook_urls_get_the_destination_as_payload_field_to():
    url = delivery.destination_url("json://127.0.0.1:9/sms?:to=%2B1000&x=1", MOBILE_DE)
    assert url.count(":to=") == 1 and ":to=%2B4915123456789" in url and "x=1" in url


def test_mailto_gets_to_replaced_and_refuses_cc():
    url = delivery.destination_url("mailto://u:p@127.0.0.1:25?from=a@b.example&to=old@x.example",
                                   "a+b@c.example")
    assert "to=a%2Bb@c.example" in url and "old@x.example" not in url
    with pytest.raises(delivery.DestinationError, match="cc"):
        delivery.destination_url("mailto://u:p@127.0.0.1:25?from=a@b.example&cc=spy@x.example",
                                 "a@c.example")


# --- SMS-like delivery through Apprise json:// to a local receiver --------------------------------

def test_sms_through_a_json_webhook_reaches_the_receiver_and_the_code_approves(app, client, seller, receiver):  # noqa: F811
    user, headers, _, phone, _ = seller
    add_channel(client, headers, receiver.url("/gateway/sms"), ["sms"])
    r = start(client, headers, phone["id"])
    assert r.status_code == 201 and r.json["delivered_via"] == "channel" and r.json["warning"] is None
    assert len(receiver.requests) == 1
    req = receiver.requests[0]
    assert req["path"] == "/gateway/sms"
    assert req["body"]["to"] == MOBILE_DE
    assert "Never share" in req["body"]["message"]
    assert {k.lower(): v for k, v in req["headers"].items()}.get("x-sellerguard-idempotency-key")
    assert outbox_items(app, user.id) == []  # never the outbox when a channel exists
    code = code_in(req["body"]["message"])
    assert check(client, headers, r.json["id"], code).json["status"] == "approved"


def test_a_provider_answering_500_makes_the_verification_failed_with_the_reason(app, client, seller, receiver):  # noqa: F811
    user, headers, _, phone, _ = seller
    add_channel(client, headers, receiver.url(), ["sms"])
    receiver.status = 500
    r = start(client, headers, phone["id"])
    assert r.json["status"] == "failed", r.json
    reason = r.json["failure_reason"]
    assert reason.startswith("Delivery failed") and "500" in reason
    code = code_in(receiver.requests[0]["body"]["message"])
    assert code not in reason and MOBILE_DE not in reason
    assert outbox_items(app, user.id) == []
    contact = client.get(f"{API}/contacts/{phone['id']}", headers=headers).json
    assert contact["local_status"] != "verified"
    assert check(client, headers, r.json["id"], code).status_code == 409
    events = client.get(f"{API}/events?subject_type=verification", headers=headers).json["items"]
    assert events[0]["type"] == "verification.failed" and "500" in events[0]["data"]["reason"]
    receiver.status = 200  # a new start works once the provider is back
    r2 = start(client, headers, phone["id"])
    assert r2.status_code == 201 and r2.json["id"] != r.json["id"] and r2.json["status"] == "pending"


def test_a_provider_refusing_connections_makes_the_verification_failed(client, seller):
    _, headers, _, phone, _ = seller
    add_channel(client, headers, f"json://127.0.0.1:{free_port()}/sms", ["sms"])
    r = start(client, headers, phone["id"])
    assert r.json["status"] == "failed" and r.json["failure_reason"].startswith("Delivery failed")
    assert r.json["delivered_via"] is None


def test_a_channel_url_naming_another_recipient_is_a_failure_not_a_leak(client, seller, receiver):  # noqa: F811
    _, headers, _, phone, _ = seller
    add_channel(client, headers,
                "twilio://ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb@+15551234567/+15559999999",
                ["sms"])
    r = start(client, headers, phone["id"])
    assert r.json["status"] == "failed" and "already names a recipient" in r.json["failure_reason"]


# --- email through a real SMTP server, and the link -------------------------------------------------

def test_email_code_and_link_through_smtp_on_loopback(app, client, seller, smtp):  # noqa: F811
    user, headers, _, _, mail = seller
    app.config["PUBLIC_URL"] = "http://127.0.0.1:8750"
    add_channel(client, headers, f"mailto://127.0.0.1:{smtp.port}?from=sellerguard@example.com"
                                 "&secure=no", ["email"])
    r = start(client, headers, mail["id"], "email")
    assert r.status_code == 201 and r.json["delivered_via"] == "channel", r.json
    assert len(smtp.messages) == 1
    assert smtp.envelopes[0].rcpt_tos == [mail["value"]]
    msg = smtp.messages[0]
    assert "verification code" in msg["Subject"]
    text = smtp.text()
    code = code_in(msg["Subject"])
    assert code in text and "Never share" in text
    link = [w for w in text.split() if "/api/v1/verify-email/" in w][0]
    assert link.startswith("http://127.0.0.1:8750/api/v1/verify-email/")
    path = link.replace("http://127.0.0.1:8750", "")
    for opened in (client.head(path), client.get(path)):  # a mail scanner's visit approves nothing
        assert opened.status_code == 200 and opened.mimetype == "text/html"
        assert opened.headers["Referrer-Policy"] == "no-referrer"
        assert "form-action 'self'" in opened.headers["Content-Security-Policy"]
    assert '<form method="post"' in client.get(path).get_data(as_text=True)
    contact = client.get(f"{API}/contacts/{mail['id']}", headers=headers).json
    assert contact["local_status"] != "verified"
    page = client.post(path)  # the page's button
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "verified" in page.get_data(as_text=True) and "<form" not in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer" and page.headers["Cache-Control"] == "no-store"
    contact = client.get(f"{API}/contacts/{mail['id']}", headers=headers).json
    assert contact["local_status"] == "verified"
    assert client.post(path).status_code == 404  # single use
    again = client.get(path)
    assert again.status_code == 404 and "not valid" in again.get_data(as_text=True)
    assert check(client, headers, r.json["id"], code).status_code == 409


def test_email_code_alone_approves_and_kills_the_link(app, client, seller, smtp):  # noqa: F811
    _, headers, _, _, mail = seller
    add_channel(client, headers, f"mailto://127.0.0.1:{smtp.port}?from=sg@example.com&secure=no", ["email"])
    r = start(client, headers, mail["id"], "email")
    text = smtp.text()
    code = code_in(smtp.messages[0]["Subject"])
    path = "/api/v1/verify-email/" + text.split("/verify-email/")[1].split()[0]
    assert check(client, headers, r.json["id"], code).json["status"] == "approved"
    assert client.get(path).status_code == 404


def test_email_link_page_is_localised_and_expires(app, client, seller, clock):  # noqa: F811
    user, headers, _, _, mail = seller
    start(client, headers, mail["id"], "email", language="zh_CN")
    body = outbox_items(app, user.id)[0]["body"]
    assert "切勿" in body
    path = "/api/v1/verify-email/" + body.split("/verify-email/")[1].split()[0]
    clock.advance(hours=1)
    page = client.get(path)
    assert page.status_code == 410 and "此链接已过期" in page.get_data(as_text=True)
    assert '<html lang="zh-CN">' in page.get_data(as_text=True)


def test_unknown_link_gives_the_same_page_as_a_used_one(client, seller):
    a = client.get("/api/v1/verify-email/not-a-real-token")
    b = client.get("/api/v1/verify-email/" + "x" * 43)
    assert a.status_code == b.status_code == 404
    assert a.get_data() == b.get_data()


# --- outbox ----------------------------------------------------------------------------------------

def test_outbox_holds_full_destination_and_message_when_nothing_is_configured(app, client, seller):
    user, headers, _, phone, _ = seller
    r = start(client, headers, phone["id"])
    assert r.json["delivered_via"] == "outbox" and "sellerguard outbox" in r.json["warning"]
    item = outbox_items(app, user.id)[0]
    assert item["destination"] == MOBILE_DE and item["channel"] == "sms"
    assert item["verification_id"] == r.json["id"] and code_in(item["body"])


def test_outbox_can_be_disabled_and_then_nothing_configured_is_a_failure(app, client, seller):
    user, headers, _, phone, _ = seller
    app.config["VERIFY_OUTBOX"] = False
    r = start(client, headers, phone["id"])
    assert r.json["status"] == "failed" and "No 'sms' channel" in r.json["failure_reason"]
    assert outbox_items(app, user.id) == []


def test_email_domain_without_mail_is_refused_unless_overridden(app, client, seller):
    _, headers, account, _, _ = seller
    mail = add_contact(client, headers, account["id"], "email", "x@nomail.example")
    from server.db import get_db

    with app.app_context():
        db = get_db()
        checks = json.loads(db.execute("SELECT checks FROM contacts WHERE id = ?", [mail["id"]]).fetchone()[0])
        db.execute("UPDATE contacts SET checks = ? WHERE id = ?",
                   [json.dumps({**checks, "mail_accepts": False}), mail["id"]])
    r = start(client, headers, mail["id"], "email")
    assert r.status_code == 422 and r.json["type"] == PROBLEM_PREFIX + "cannot-receive-email"
    assert start(client, headers, mail["id"], "email", override_checks=True).status_code == 201


def test_link_page_escapes_the_contact_text(app, client, seller):
    user, headers, account, _, _ = seller
    mail = add_contact(client, headers, account["id"], "email", "&abc@example.com")
    start(client, headers, mail["id"], "email")
    body = outbox_items(app, user.id)[0]["body"]
    path = "/api/v1/verify-email/" + body.split("/verify-email/")[1].split()[0]
    html = client.get(path).get_data(as_text=True)
    assert "&amp;" in html and "&\u2022" not in html


def test_link_requests_are_limited_per_ip(app, client, seller):
    app.config["VERIFY_LINK_RATE_LIMIT"] = "3 per minute"
    codes = [client.get(f"/api/v1/verify-email/guess{i}").status_code for i in range(4)]
    assert codes == [404, 404, 404, 429]


def test_a_failing_alert_channel_never_breaks_the_contact_change(app, client, seller, receiver):  # noqa: F811
    _, headers, _, phone, _ = seller
    add_channel(client, headers, receiver.url("/alerts"), ["alerts"])
    receiver.status = 500
    start(client, headers, phone["id"])
    r = client.patch(f"{API}/contacts/{phone['id']}", json={"value": "+4915223456780"}, headers=headers)
    assert r.status_code == 200
    events = client.get(f"{API}/events", headers=headers).json["items"]
    failed = [e for e in events if e["type"] == "notify.failed"]
    assert failed and failed[0]["data"]["failed"][0]["error"]
