"""``POST /messages/check`` and ``sellerguard mail check``: a raw message in, a verdict out."""
from __future__ import annotations

import base64
import json

import pytest
from click.testing import CliRunner

from mail_support import (GENUINE_TEXT, PHISHING_TEXT, LoopbackDns, TestKey, build_message,
                          dkim_sign)
from server import create_app
from server.cli import main
from server.db import get_db
from server.services import auth


@pytest.fixture(scope="module")
def key(tmp_path_factory):
    return TestKey(tmp_path_factory.mktemp("key"))


@pytest.fixture(scope="module")
def dns_server(key):
    server = LoopbackDns()
    server.publish_key("s1", "amazon.com", key)
    yield server
    server.close()


def make_app(tmp_path, **config):
    return create_app({"HOME": tmp_path / "home", "MONITOR": False, "TESTING": True,
                       "RATELIMIT_ENABLED": False, **config})


def headers_for(app):
    with app.app_context():
        db = get_db()
        user = auth.create_user(db, "seller")
        token = auth.create_token(db, user, name="t")
    return {"Authorization": f"Bearer {token}"}


def genuine(key):
    return dkim_sign(build_message(sender="seller-notification@amazon.com",
                                   subject="Verify your emergency contact", text=GENUINE_TEXT),
                     key, "amazon.com")


PHISH = build_message(sender="Amazon <notice@amazon-seller-verify.info>", subject="Verify now",
                      text=PHISHING_TEXT)


def test_raw_message_checked_against_the_configured_dns(tmp_path, key, dns_server):
    app = make_app(tmp_path, MAIL_DNS=dns_server.address)
    client, h = app.test_client(), headers_for(app)
    r = client.post("/api/v1/messages/check", data=genuine(key),
                    headers={**h, "Content-Type": "message/rfc822"})
    assert r.status_code == 200, r.json
    assert r.json["verdict"] == "genuine" and r.json["from"] == "seller-notification@amazon.com"
    r = client.post("/api/v1/messages/check", data=PHISH,
                    headers={**h, "Content-Type": "message/rfc822"})
    assert r.json["verdict"] == "phishing" and r.json["phishing"]["flag"] is True


def test_offline_server_never_says_genuine(tmp_path, key):
    app = make_app(tmp_path, OFFLINE=True)
    client, h = app.test_client(), headers_for(app)
    r = client.post("/api/v1/messages/check", data=genuine(key),
                    headers={**h, "Content-Type": "message/rfc822"})
    assert r.json["verdict"] == "unknown"


def test_browser_json_forms(tmp_path):
    app = make_app(tmp_path, OFFLINE=True)
    client, h = app.test_client(), headers_for(app)
    r = client.post("/api/v1/messages/check", json={"message": PHISH.decode()}, headers=h)
    assert r.json["verdict"] == "phishing"
    r = client.post("/api/v1/messages/check",
                    json={"message_base64": base64.b64encode(PHISH).decode()}, headers=h)
    assert r.json["verdict"] == "phishing"
    r = client.post("/api/v1/messages/check", json={"message_base64": "%%%"}, headers=h)
    assert r.status_code == 422 and r.mimetype == "application/problem+json"


@pytest.mark.parametrize("body,ctype,status,slug", [
    (b"", "message/rfc822", 422, "not-an-email"),
    (b"\x00\x01\x02 binary, not a message", "application/octet-stream", 422, "not-an-email"),
    (b"a=b", "application/x-www-form-urlencoded", 415, "unsupported-media-type"),
    (b"From: a@amazon.com\r\n\r\n" + b"x" * 70_000, "message/rfc822", 413, "payload-too-large"),
])
def test_errors_are_problem_json(tmp_path, body, ctype, status, slug):
    app = make_app(tmp_path, OFFLINE=True, MAIL_CHECK_MAX_BYTES=64_000)
    client, h = app.test_client(), headers_for(app)
    r = client.post("/api/v1/messages/check", data=body, headers={**h, "Content-Type": ctype})
    assert r.status_code == status, r.data[:300]
    assert r.mimetype == "application/problem+json"
    assert r.json["type"].endswith(slug)


def test_needs_a_token(tmp_path):
    app = make_app(tmp_path, OFFLINE=True)
    r = app.test_client().post("/api/v1/messages/check", data=PHISH,
                               headers={"Content-Type": "message/rfc822"})
    assert r.status_code == 401


def test_source_kinds_come_from_the_registry(tmp_path):
    app = make_app(tmp_path, OFFLINE=True)
    client, h = app.test_client(), headers_for(app)
    kinds = {k["kind"]: k for k in client.get("/api/v1/sources/kinds", headers=h).json["items"]}
    assert set(kinds) >= {"feed", "html", "imap"}
    assert kinds["imap"]["secrets"] == ["password"] and kinds["imap"]["schemes"] == ["imaps"]
    r = client.post("/api/v1/sources", headers=h, json={
        "name": "Box", "kind": "imap", "url": "imaps://127.0.0.1:1/INBOX",
        "settings": {"username": "ops@example-shop.test"}})
    assert r.status_code == 422 and "password" in json.dumps(r.json)
    r = client.post("/api/v1/sources", headers=h, json={
        "name": "Box", "kind": "imap", "url": "https://127.0.0.1:1/INBOX",
        "settings": {"username": "u", "password": "p"}})
    assert r.status_code == 422 and "imaps://" in json.dumps(r.json)


def test_cli_mail_check(tmp_path, key, dns_server):
    path = tmp_path / "notice.eml"
    path.write_bytes(genuine(key))
    runner = CliRunner()
    home = ["--home", str(tmp_path / "h")]
    r = runner.invoke(main, [*home, "mail", "check", str(path), "--json", "--dns",
                             dns_server.address])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["verdict"] == "genuine"
    r = runner.invoke(main, [*home, "mail", "check", str(path), "--offline"])
    assert r.exit_code == 0 and r.output.startswith("UNKNOWN")
    bad = tmp_path / "bad.eml"
    bad.write_bytes(b"\x00\x01 not a message")
    r = runner.invoke(main, [*home, "mail", "check", str(bad)])
    assert r.exit_code != 0 and "not an e-mail message" in r.output


def test_text_without_headers_is_judged_by_its_text_alone(tmp_path):
    app = make_app(tmp_path, OFFLINE=True)
    client, h = app.test_client(), headers_for(app)
    r = client.post("/api/v1/messages/check", data=PHISHING_TEXT.encode(),
                    headers={**h, "Content-Type": "text/plain"})
    assert r.status_code == 200
    assert r.json["verdict"] == "phishing" and "only the text was checked" in r.json["reasons"][0]
    r = client.post("/api/v1/messages/check", data=GENUINE_TEXT.encode(),
                    headers={**h, "Content-Type": "text/plain"})
    assert r.json["verdict"] == "unknown"  # never genuine without a verifiable sender
