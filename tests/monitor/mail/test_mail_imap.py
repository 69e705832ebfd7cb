"""The ``imap`` source against a real Dovecot on loopback (TLS, its own throwaway configuration),
with messages DKIM-signed here and the key published on a loopback DNS server; the policy and
alert path is the server's own (real accounts, real SQLite file)."""
from __future__ import annotations

import json
import logging
import os
import shutil
import ssl
import tempfile
import time
from pathlib import Path

import pytest
from imapclient import IMAPClient

from dovecot_support import CuttingRelay, Dovecot, TcpServer
from mail_support import (GENUINE_TEXT, PHISHING_TEXT, LoopbackDns, TestKey, arc_forward,
                          build_message, dead_dns_address, dkim_sign)
from monitor import pipeline
from monitor.config import MonitorConfig
from monitor.db import connect
from monitor.fetch import FetchConfig
from server import create_app
from server.db import get_db
from server.monitoring import hooks_for
from server.services import auth



def _dovecot():
    root = Path(tempfile.mkdtemp(prefix="sg-dovecot-"))
    root.chmod(0o755)  # the unprivileged dovecot account reads its configuration here
    server = Dovecot(root)
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


dovecot = pytest.fixture(scope="module")(_dovecot)
# a server of its own for wrong passwords: Dovecot slows down every later login from an address
# that failed one (its auth penalty), which would slow the other tests
own_dovecot = pytest.fixture(scope="function")(_dovecot)


@pytest.fixture(scope="module")
def key(tmp_path_factory):
    return TestKey(tmp_path_factory.mktemp("dkim"))


@pytest.fixture(scope="module")
def dns_server(key):
    server = LoopbackDns()
    server.publish_key("s1", "amazon.com", key)
    server.publish_key("arc", "forwarder.test", key)
    server.zone["_dmarc.amazon.com"] = "v=DMARC1; p=reject"
    yield server
    server.close()


_folders = iter(range(1, 10_000))


@pytest.fixture
def folder(dovecot):
    """A fresh folder of the mailbox for each test (Maildir++ ``.name``)."""
    name = f"t{next(_folders)}"
    for sub in ("cur", "new", "tmp"):
        (dovecot.maildir / f".{name}" / sub).mkdir(parents=True)
    dovecot._own(dovecot.maildir / f".{name}")
    return name


def deliver(dovecot, folder, raw):
    path = dovecot.maildir / f".{folder}" / "new" / f"{os.urandom(8).hex()}.test,S={len(raw)}"
    path.write_bytes(raw)
    dovecot._own(path)


@pytest.fixture
def app(tmp_path):
    return create_app({"HOME": tmp_path / "home", "OFFLINE": True, "MONITOR": False,
                       "TESTING": True, "RATELIMIT_ENABLED": False})


@pytest.fixture
def seller(app):
    client = app.test_client()
    with app.app_context():
        db = get_db()
        user = auth.create_user(db, "seller")
        token = auth.create_token(db, user, name="test")
    h = {"Authorization": f"Bearer {token}"}
    us = client.post("/api/v1/accounts", json={"name": "US shop", "marketplaces": ["US"]},
                     headers=h).json
    client.post(f"/api/v1/accounts/{us['id']}/contacts",
                json={"kind": "phone", "value": "+1 800 555 0199"}, headers=h)
    return client, h


CONFIG = MonitorConfig(
    fetch=FetchConfig(connect_timeout=2, read_timeout=2, deadline=8.0, max_bytes=300_000),
    workers=2, fetch_grace=4.0, health_threshold=1, backoff_cap=3600)


def add_source(client, h, dovecot, folder, *, url=None, dns=None, name="Mailbox", **settings):
    body = {"name": name, "kind": "imap", "url": url or f"{dovecot.url.rsplit('/', 1)[0]}/{folder}",
            "interval": "5m", "marketplaces": ["US"],
            "settings": {"username": dovecot.user, "password": dovecot.password,
                         "tls_ca": dovecot.ca(), "dns": [dns], "timeout": 2,
                         "trusted_arc": ["forwarder.test"], **settings}}
    r = client.post("/api/v1/sources", json=body, headers=h)
    assert r.status_code == 201, r.json
    return r.json


def poll(app):
    db = connect(app.config["DATABASE"])
    try:
        return pipeline.run_once(db, all=True, config=CONFIG, deliver=False,
                                 hooks=hooks_for(app.config["DATABASE"]))
    finally:
        db.close()


def alerts(client, h):
    return client.get("/api/v1/alerts?state=all", headers=h).json["items"]


def genuine(key, subject="Action required: verify your emergency contact"):
    raw = build_message(sender="Amazon Seller Central <seller-notification@amazon.com>",
                        subject=subject, text=GENUINE_TEXT)
    return dkim_sign(raw, key, "amazon.com")


def phishing():
    return build_message(sender="Amazon Seller Central <notice@amazon-seller-verify.info>",
                         subject="Verify your emergency contact within 48 hours",
                         text=PHISHING_TEXT)


def flags(dovecot, folder):
    c = IMAPClient("127.0.0.1", port=dovecot.port,
                   ssl_context=ssl.create_default_context(cadata=dovecot.ca()), timeout=5)
    try:
        c.login(dovecot.user, dovecot.password)
        c.select_folder(folder, readonly=True)
        return {uid: d[b"FLAGS"] for uid, d in c.fetch(c.search(["ALL"]), [b"FLAGS"]).items()}
    finally:
        c.logout()


def test_genuine_notice_raises_one_policy_alert_with_the_affected_accounts(
        dovecot, folder, key, dns_server, app, seller):
    client, h = seller
    notice = genuine(key)
    deliver(dovecot, folder, notice)
    source = add_source(client, h, dovecot, folder, dns=dns_server.address)
    assert source["settings"]["password"] == "****"  # never returned
    assert dovecot.password not in str(client.get("/api/v1/sources", headers=h).json)

    summary = poll(app)
    assert summary.errors == []
    got = alerts(client, h)
    assert [a["kind"] for a in got] == ["policy_new"], got
    assert any("US shop" in line for line in got[0]["impact"])
    assert "from the marketplace's mail" in got[0]["body"]
    # read-only: the mail is still unread and in its folder
    assert all(b"\\Seen" not in f for f in flags(dovecot, folder).values())
    assert len(flags(dovecot, folder)) == 1

    # re-polling (and a second copy of the same message) never alerts twice
    deliver(dovecot, folder, notice.replace(b"\r\n\r\n", b"\r\nX-Copy: 2\r\n\r\n", 1))
    poll(app)
    poll(app)
    assert len(alerts(client, h)) == 1
    health = _source_health(client, h, source["id"])
    assert health["state"] == "ok" and health["items"] == 1


def test_lookalike_phishing_raises_one_phishing_alert_and_no_policy(
        dovecot, folder, dns_server, app, seller):
    client, h = seller
    deliver(dovecot, folder, phishing())
    add_source(client, h, dovecot, folder, dns=dns_server.address)
    poll(app)
    poll(app)
    got = alerts(client, h)
    assert [a["kind"] for a in got] == ["phishing"], got
    assert dovecot.user in got[0]["title"] and "imitating Amazon" in got[0]["title"]
    assert "Do not click" in got[0]["body"]
    assert "Seller Central's messages and Account Health" in got[0]["body"]
    assert client.get("/api/v1/policies", headers=h).json["total"] == 0


def test_forwarded_genuine_mail_with_arc_is_genuine(dovecot, folder, key, dns_server, app,
                                                   seller):
    client, h = seller
    deliver(dovecot, folder, arc_forward(genuine(key), key, "forwarder.test"))
    add_source(client, h, dovecot, folder, dns=dns_server.address)
    poll(app)
    assert [a["kind"] for a in alerts(client, h)] == ["policy_new"]


def test_offline_the_notice_is_unknown_and_never_a_policy(dovecot, folder, key, app, seller):
    client, h = seller
    deliver(dovecot, folder, genuine(key))
    add_source(client, h, dovecot, folder, dns=dead_dns_address())
    poll(app)
    got = alerts(client, h)
    assert [a["kind"] for a in got] == ["mail_unverified"], got
    assert "could not confirm" in got[0]["body"] and "unknown" in got[0]["body"]
    assert client.get("/api/v1/policies", headers=h).json["total"] == 0


def _source_health(client, h, source_id):
    items = client.get("/api/v1/sources?per_page=100", headers=h).json["items"]
    return next(s for s in items if s["id"] == source_id)["health"]


def test_a_50_mb_and_a_malformed_message_leave_a_clear_state_and_lose_nothing(
        dovecot, folder, key, dns_server, app, seller):
    client, h = seller
    head = (b"From: seller-notification@amazon.com\r\nTo: ops@example-shop.test\r\n"
            b"Subject: Your monthly report\r\nMessage-ID: <big-1@amazon.com>\r\n"
            b"Content-Type: text/plain\r\n\r\n")
    tmp = dovecot.maildir / f".{folder}" / "tmp" / "big.test"
    with tmp.open("wb") as fp:  # 50 MB, written as a delivery agent would (tmp/, then new/)
        fp.write(head)
        block = (b"A" * 1022 + b"\r\n") * 1024
        for _ in range(50):
            fp.write(block)
    dovecot._own(tmp)
    tmp.rename(dovecot.maildir / f".{folder}" / "new" / f"big.test,S={tmp.stat().st_size}")
    deliver(dovecot, folder, b"From: seller-notification@amazon.com\r\nSubject: broken\r\n"
                             b"Message-ID: <broken-1@amazon.com>\r\n"
                             b"Content-Type: multipart/mixed; boundary=\"zz\"\r\n\r\n--zz\r\n"
                             b"Content-Type: text/plain; charset=x-no-such-charset\r\n"
                             b"Content-Transfer-Encoding: base64\r\n\r\n!!not base64!!\r\n")
    deliver(dovecot, folder, genuine(key))
    source = add_source(client, h, dovecot, folder, dns=dns_server.address)
    summary = poll(app)
    health = _source_health(client, h, source["id"])
    assert health["state"] == "partial", health
    assert "larger than 10 MB and was not read" in health["last_error"]
    assert health["items"] == 3  # the big one is kept as "not read", none is lost
    assert [a["kind"] for a in alerts(client, h)] == ["policy_new"]
    assert summary.errors == []


def test_dropped_connection_and_hanging_server_are_clear_faults_the_rest_goes_on(
        dovecot, folder, key, dns_server, app, seller):
    client, h = seller
    deliver(dovecot, folder, genuine(key))
    hang, drop = TcpServer("hang"), TcpServer("drop")
    relay = CuttingRelay(dovecot.port)
    try:
        hung = add_source(client, h, dovecot, folder, name="Hangs",
                          url=f"imaps://127.0.0.1:{hang.port}/INBOX", dns=dns_server.address,
                          timeout=1)
        dropped = add_source(client, h, dovecot, folder, name="Drops",
                             url=f"imaps://127.0.0.1:{drop.port}/INBOX",
                             dns=dns_server.address)
        cut = add_source(client, h, dovecot, folder, name="Cut",
                         url=f"imaps://127.0.0.1:{relay.port}/{folder}", dns=dns_server.address)
        # one whole session through the relay (a check stores nothing) tells its size; then
        # the relay cuts the next sessions while the mail itself is coming
        check = client.post(f"/api/v1/sources/{cut['id']}/check", headers=h).json
        assert check["ok"] and check["entries"] == 1, check
        time.sleep(0.5)
        relay.cut_after = relay.totals[-1] - 1500
        poll(app)
        assert _source_health(client, h, hung["id"])["state"] == "failing"
        assert "stopped answering" in _source_health(client, h, hung["id"])["last_error"] \
            or "no answer" in _source_health(client, h, hung["id"])["last_error"]
        assert "cannot connect" in _source_health(client, h, dropped["id"])["last_error"]
        cut_health = _source_health(client, h, cut["id"])
        assert cut_health["state"] == "failing" and "nothing was lost" in cut_health["last_error"]
        assert alerts(client, h)[0]["kind"] in ("source_broken",)
        # the connection works again: the mail that was cut off is read, once
        relay.cut_after = None
        poll(app)
        assert _source_health(client, h, cut["id"])["state"] == "ok"
        kinds = [a["kind"] for a in alerts(client, h)]
        assert kinds.count("policy_new") == 1
    finally:
        hang.close()
        drop.close()
        relay.close()


def test_wrong_password_is_a_clear_error_without_the_secret(own_dovecot, dns_server, app,
                                                           seller, caplog):
    caplog.set_level(logging.DEBUG)  # every logger, IMAPClient's protocol log included
    client, h = seller
    dovecot = own_dovecot
    source = add_source(client, h, dovecot, "INBOX", dns=dns_server.address, timeout=6)
    r = client.patch(f"/api/v1/sources/{source['id']}", headers=h,
                     json={"settings": {**source["settings"], "password": "wrong-secret-99"}})
    assert r.status_code == 200, r.json
    poll(app)
    health = _source_health(client, h, source["id"])
    assert "login refused" in health["last_error"]
    assert "wrong-secret-99" not in health["last_error"]
    assert "wrong-secret-99" not in caplog.text and dovecot.password not in caplog.text
    # a change that sends the mask back keeps the stored password
    r = client.patch(f"/api/v1/sources/{source['id']}", headers=h,
                     json={"settings": {**source["settings"], "password": "****"}})
    db = connect(app.config["DATABASE"])
    stored = db.execute("SELECT settings FROM sources WHERE id = ?", [source["id"]]).fetchone()[0]
    db.close()
    assert "wrong-secret-99" in stored


def test_a_rebuilt_mailbox_with_a_new_uidvalidity_is_not_read_twice(
        dovecot, folder, key, dns_server, app, seller):
    client, h = seller
    deliver(dovecot, folder, genuine(key))
    deliver(dovecot, folder, phishing())
    source = add_source(client, h, dovecot, folder, dns=dns_server.address)
    poll(app)
    assert _source_health(client, h, source["id"])["state"] == "ok", \
        _source_health(client, h, source["id"])
    db = connect(app.config["DATABASE"])
    before = db.execute("SELECT state FROM source_kind_state WHERE source_id = ?",
                        [source["id"]]).fetchone()[0]
    db.close()
    # the server forgets its UIDs (a restored or migrated mailbox): a new UIDVALIDITY
    box = dovecot.maildir / f".{folder}"
    for f in box.iterdir():
        if f.name.startswith("dovecot"):
            f.unlink()
    poll(app)
    db = connect(app.config["DATABASE"])
    after = db.execute("SELECT state FROM source_kind_state WHERE source_id = ?",
                       [source["id"]]).fetchone()[0]
    db.close()
    assert list(json.loads(before)["uids"]) != list(json.loads(after)["uids"])
    assert sorted(a["kind"] for a in alerts(client, h)) == ["phishing", "policy_new"]
    assert _source_health(client, h, source["id"])["items"] == 2
