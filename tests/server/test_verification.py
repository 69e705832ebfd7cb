"""Local verification: every rule of DESIGN §4 as a test that could fail."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from server.db import get_db
from server.errors import PROBLEM_PREFIX
from server.services import verification as svc

from verification_fixtures import (API, LANDLINE_DE, MOBILE_DE, MOBILE_DE_2, MOBILE_UK, add_account,
                                    add_channel, add_contact, check, clock, code_in,  # noqa: F401
                                    outbox_code, outbox_items, receiver, start, wrong)


@pytest.fixture
def seller(client, make_user, clock):  # noqa: F811
    user, headers = make_user()
    account = add_account(client, headers)
    phone = add_contact(client, headers, account["id"], "phone", MOBILE_DE)
    return user, headers, account, phone


def _contact(client, headers, contact_id):
    return client.get(f"{API}/contacts/{contact_id}", headers=headers).json


# --- the happy path, outbox, states of the contact -------------------------------------------------

def test_start_sends_a_six_digit_code_to_the_outbox_loudly_and_check_approves(app, client, seller, caplog):
    user, headers, _, phone = seller
    r = start(client, headers, phone["id"])
    assert r.status_code == 201, r.json
    v = r.json
    assert v["status"] == "pending" and v["channel"] == "sms" and v["sends"] == 1
    assert v["attempts"] == 0 and v["max_attempts"] == 5 and v["max_sends"] == 5
    assert v["delivered_via"] == "outbox" and "outbox" in v["warning"]
    assert "OUTBOX" in caplog.text and "NOT SENT" in caplog.text
    assert v["destination"] != MOBILE_DE and v["destination"].endswith("789")
    assert _contact(client, headers, phone["id"])["local_status"] == "pending"
    code = outbox_code(app, user.id)
    assert len(code) == 6 and code.isdigit()
    r = check(client, headers, v["id"], code)
    assert r.status_code == 200, r.json
    assert r.json["status"] == "approved" and r.json["approved_at"]
    contact = _contact(client, headers, phone["id"])
    assert contact["local_status"] == "verified" and contact["local_verified_at"]


def test_codes_are_strings_with_leading_zeros_from_secrets(monkeypatch):
    monkeypatch.setattr(svc.secrets, "randbelow", lambda n: 42)
    assert svc.new_code() == "000042"


def test_code_hash_is_keyed_and_bound_to_the_verification():
    a = svc.hash_code(b"k1", 1, "123456")
    assert a != svc.hash_code(b"k2", 1, "123456")  # keyed
    assert a != svc.hash_code(b"k1", 2, "123456")  # bound to the verification
    assert "123456" not in a


def test_zh_cn_and_en_texts_carry_the_never_share_warning(app, client, seller):
    user, headers, _, phone = seller
    start(client, headers, phone["id"], language="zh_CN")
    body = outbox_items(app, user.id)[0]["body"]
    assert "验证码" in body and "切勿" in body
    _, headers2 = seller[0], seller[1]
    r = start(client, headers2, add_contact(client, headers2, seller[2]["id"], "phone", MOBILE_DE_2)["id"])
    assert r.json["language"] == "en"
    assert "Never share" in outbox_items(app, user.id)[0]["body"]


# --- idempotent start, cooldown growth, the 6th send ----------------------------------------------

def test_repeat_start_within_cooldown_returns_same_verification_without_sending(app, client, seller, clock):  # noqa: F811
    user, headers, _, phone = seller
    first = start(client, headers, phone["id"]).json
    clock.advance(seconds=29)
    again = start(client, headers, phone["id"])
    assert again.status_code == 200
    assert again.json["id"] == first["id"] and again.json["sends"] == 1
    assert len(outbox_items(app, user.id)) == 1


def test_cooldown_grows_and_the_sixth_send_is_refused(app, client, seller, clock):  # noqa: F811
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    waits = [30, 60, 120, 240]
    for send_no, wait in enumerate(waits, start=2):
        clock.advance(seconds=wait - 1)
        r = start(client, headers, phone["id"])
        assert r.status_code == 200 and r.json["sends"] == send_no - 1, (send_no, r.json)
        clock.advance(seconds=1)
        r = start(client, headers, phone["id"])
        assert r.status_code == 200 and r.json["id"] == v["id"]
        assert r.json["sends"] == send_no, (send_no, r.json)
    assert r.json["sends"] == 5 and r.json["next_resend_at"] is None
    assert len(outbox_items(app, user.id)) == 5
    clock.advance(seconds=480)
    r = start(client, headers, phone["id"])
    assert r.status_code == 429
    assert r.json["type"] == PROBLEM_PREFIX + "max-sends-reached"
    assert int(r.headers["Retry-After"]) > 0
    assert len(outbox_items(app, user.id)) == 5


def test_each_send_draws_a_fresh_code_and_the_old_one_stops_working(app, client, seller, clock):  # noqa: F811
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    old = outbox_code(app, user.id)
    clock.advance(seconds=30)
    start(client, headers, phone["id"])
    new = outbox_code(app, user.id)
    if old != new:  # one in a million they are equal
        assert check(client, headers, v["id"], old).status_code == 422
    assert check(client, headers, v["id"], new).json["status"] == "approved"


# --- wrong codes, the 6th check, resend does not reset ---------------------------------------------

def test_five_wrong_codes_then_429_even_for_the_right_code(app, client, seller):
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    code = outbox_code(app, user.id)
    for i in range(1, 6):
        r = check(client, headers, v["id"], wrong(code))
        assert r.status_code == 422, r.json
        assert r.json["type"] == PROBLEM_PREFIX + "wrong-code"
        assert r.json["attempts_left"] == 5 - i
    assert client.get(f"{API}/verifications/{v['id']}", headers=headers).json["status"] == "max_attempts_reached"
    r = check(client, headers, v["id"], code)  # the sixth, with the right code
    assert r.status_code == 429
    assert r.json["type"] == PROBLEM_PREFIX + "max-attempts-reached"
    assert int(r.headers["Retry-After"]) >= 1
    assert _contact(client, headers, phone["id"])["local_status"] == "unverified"


def test_after_max_attempts_a_new_verification_waits_for_the_lockout(app, client, seller, clock):  # noqa: F811
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    code = outbox_code(app, user.id)
    for _ in range(5):
        check(client, headers, v["id"], wrong(code))
    r = start(client, headers, phone["id"])
    assert r.status_code == 429 and r.json["type"] == PROBLEM_PREFIX + "max-attempts-reached"
    assert 1 <= int(r.headers["Retry-After"]) <= 600
    clock.advance(seconds=601)
    r = start(client, headers, phone["id"])
    assert r.status_code == 201 and r.json["id"] != v["id"] and r.json["attempts"] == 0


def test_a_resend_never_resets_the_failure_count(app, client, seller, clock):  # noqa: F811
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    code = outbox_code(app, user.id)
    for _ in range(3):
        check(client, headers, v["id"], wrong(code))
    clock.advance(seconds=30)
    r = start(client, headers, phone["id"])
    assert r.json["sends"] == 2 and r.json["attempts"] == 3 and r.json["attempts_left"] == 2
    code = outbox_code(app, user.id)
    assert check(client, headers, v["id"], wrong(code)).json["attempts_left"] == 1
    assert check(client, headers, v["id"], wrong(code)).json["attempts_left"] == 0
    assert check(client, headers, v["id"], code).status_code == 429


def test_a_used_code_cannot_be_used_again(app, client, seller):
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    code = outbox_code(app, user.id)
    assert check(client, headers, v["id"], code).status_code == 200
    r = check(client, headers, v["id"], code)
    assert r.status_code == 409 and r.json["type"] == PROBLEM_PREFIX + "not-pending"
    with app.app_context():
        row = get_db().execute("SELECT code_hash, link_hash FROM verifications WHERE id = ?",
                               [v["id"]]).fetchone()
    assert row == (None, None)


def test_a_code_from_another_verification_does_not_match(app, client, seller):
    user, headers, account, phone = seller
    other = add_contact(client, headers, account["id"], "phone", MOBILE_DE_2)
    va = start(client, headers, phone["id"]).json
    code_a = outbox_code(app, user.id)
    for _ in range(3):  # two random codes collide once in a million: draw the second again
        vb = start(client, headers, other["id"]).json
        code_b = outbox_code(app, user.id)
        if code_b != code_a:
            break
        client.post(f"{API}/verifications/{vb['id']}/cancel", headers=headers)
    assert code_a != code_b
    r = check(client, headers, va["id"], code_b)
    assert r.status_code == 422 and r.json["attempts_left"] == 4
    assert check(client, headers, vb["id"], code_b).status_code == 200
    assert check(client, headers, va["id"], code_a).status_code == 200


def test_malformed_code_is_a_validation_error_not_an_attempt(app, client, seller):
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    r = check(client, headers, v["id"], "12ab")
    assert r.status_code == 422 and r.json["type"] == PROBLEM_PREFIX + "validation-failed"
    assert client.get(f"{API}/verifications/{v['id']}", headers=headers).json["attempts"] == 0
    code = outbox_code(app, user.id)
    assert check(client, headers, v["id"], f" {code[:3]}-{code[3:]} ").status_code == 200


def test_full_width_digits_from_an_ime_are_the_same_code(app, client, seller):
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    assert check(client, headers, v["id"], "１２３４５６７").status_code == 422  # 7 digits: malformed
    assert client.get(f"{API}/verifications/{v['id']}", headers=headers).json["attempts"] == 0
    code = outbox_code(app, user.id)
    full_width = "".join(chr(ord(d) + 0xFEE0) for d in code)
    assert check(client, headers, v["id"], full_width).status_code == 200


# --- expiry with the injected clock ---------------------------------------------------------------

def test_sms_code_expires_after_ten_minutes(app, client, seller, clock):  # noqa: F811
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    code = outbox_code(app, user.id)
    clock.advance(minutes=9, seconds=59)
    assert client.get(f"{API}/verifications/{v['id']}", headers=headers).json["status"] == "pending"
    clock.advance(seconds=1)
    r = check(client, headers, v["id"], code)
    assert r.status_code == 410 and r.json["type"] == PROBLEM_PREFIX + "expired"
    assert client.get(f"{API}/verifications/{v['id']}", headers=headers).json["status"] == "expired"
    assert _contact(client, headers, phone["id"])["local_status"] == "unverified"
    r = start(client, headers, phone["id"])  # a new verification after expiry
    assert r.status_code == 201 and r.json["id"] != v["id"]


def test_email_lifetime_defaults_to_one_hour_and_is_capped_at_24h(app, client, seller, clock):  # noqa: F811
    user, headers, account, _ = seller
    mail = add_contact(client, headers, account["id"], "email", "seller@example.com")
    v = start(client, headers, mail["id"], "email").json
    clock.advance(minutes=59)
    assert client.get(f"{API}/verifications/{v['id']}", headers=headers).json["status"] == "pending"
    clock.advance(minutes=1)
    assert client.get(f"{API}/verifications/{v['id']}", headers=headers).json["status"] == "expired"
    settings = svc.Settings.from_config({"SECRET": b"x", "VERIFY_EMAIL_TTL_MINUTES": 100_000,
                                         "VERIFY_SMS_TTL_MINUTES": 60})
    assert settings.email_ttl.total_seconds() == 24 * 3600
    assert settings.sms_ttl.total_seconds() == 600


# --- the daily failure cap across verifications -----------------------------------------------------

def test_at_most_100_failures_per_contact_per_day_across_verifications(app, client, seller, clock):  # noqa: F811
    user, headers, _, phone = seller
    app.config["VERIFY_SENDS_PER_DESTINATION_PER_HOUR"] = 1000
    app.config["VERIFY_LOCKOUT_SECONDS"] = 60
    failures = 0
    for _ in range(20):
        r = start(client, headers, phone["id"])
        assert r.status_code == 201, r.json
        code = outbox_code(app, user.id)
        for _ in range(5):
            assert check(client, headers, r.json["id"], wrong(code)).status_code == 422
            failures += 1
        clock.advance(seconds=61)
    assert failures == 100
    r = start(client, headers, phone["id"])
    assert r.status_code == 429 and r.json["type"] == PROBLEM_PREFIX + "too-many-failures"
    assert int(r.headers["Retry-After"]) > 3600
    clock.advance(hours=24)
    assert start(client, headers, phone["id"]).status_code == 201


def test_daily_cap_blocks_checks_of_a_pending_verification_too(app, client, seller, clock):  # noqa: F811
    user, headers, _, phone = seller
    app.config["VERIFY_DAILY_FAILURES"] = 7
    app.config["VERIFY_LOCKOUT_SECONDS"] = 1
    v = start(client, headers, phone["id"]).json
    code = outbox_code(app, user.id)
    for _ in range(5):
        check(client, headers, v["id"], wrong(code))
    clock.advance(seconds=2)
    v = start(client, headers, phone["id"]).json
    code = outbox_code(app, user.id)
    check(client, headers, v["id"], wrong(code))
    check(client, headers, v["id"], wrong(code))
    r = check(client, headers, v["id"], code)
    assert r.status_code == 429 and r.json["type"] == PROBLEM_PREFIX + "too-many-failures"
    assert "Retry-After" in r.headers


# --- no plaintext code in the database file ------------------------------------------------------

@pytest.mark.sqlite_file  # reads the file, WAL included
def test_no_plaintext_code_or_link_token_anywhere_in_the_database_files(app, client, seller, receiver):  # noqa: F811
    user, headers, account, phone = seller
    db_path = Path(app.config["DATABASE"])
    keep = sqlite3.connect(db_path)  # an open reader keeps the -wal file from being removed
    keep.execute("SELECT COUNT(*) FROM verifications").fetchone()
    add_channel(client, headers, receiver.url(), ["sms", "email"])
    mail = add_contact(client, headers, account["id"], "email", "owner@example.com")
    codes, tokens = [], []
    v = start(client, headers, phone["id"]).json
    codes.append(code_in(receiver.requests[-1]["body"]["message"]))
    start(client, headers, mail["id"], "email")
    text = receiver.requests[-1]["body"]["message"]
    codes.append(code_in(text))
    tokens.append(text.split("/verify-email/")[1].split()[0])
    check(client, headers, v["id"], wrong(codes[0]))
    assert Path(str(db_path) + "-wal").stat().st_size > 0
    blobs = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    keep.close()
    for secret in codes + tokens:
        assert secret.encode() not in blobs, secret
    events = client.get(f"{API}/events?per_page=200", headers=headers).json["items"]
    for secret in codes:
        assert secret not in str(events)
    assert MOBILE_DE not in str(events)


# --- audit trail ----------------------------------------------------------------------------------

def test_every_send_and_check_is_an_event(app, client, seller, clock):  # noqa: F811
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    code = outbox_code(app, user.id)
    check(client, headers, v["id"], wrong(code))
    clock.advance(seconds=30)
    start(client, headers, phone["id"])
    check(client, headers, v["id"], outbox_code(app, user.id))
    items = client.get(f"{API}/events?subject_type=verification&subject_id={v['id']}",
                       headers=headers).json["items"]
    types = [e["type"] for e in reversed(items)]
    assert types == ["verification.started", "verification.sent", "verification.check_failed",
                     "verification.resent", "verification.sent", "verification.approved"]


# --- refusal of numbers that cannot receive SMS, channel/kind mismatch ----------------------------------

def test_landline_is_refused_with_the_reason_unless_overridden(app, client, seller):
    user, headers, account, _ = seller
    landline = add_contact(client, headers, account["id"], "phone", LANDLINE_DE)
    assert landline["checks"]["sms_capable"] is False
    r = start(client, headers, landline["id"])
    assert r.status_code == 422
    assert r.json["type"] == PROBLEM_PREFIX + "cannot-receive-sms"
    assert "landline" in r.json["detail"].lower()
    assert outbox_items(app, user.id) == []
    r = start(client, headers, landline["id"], override_checks=True)
    assert r.status_code == 201 and r.json["override_checks"] is True


def test_channel_must_match_the_contact_kind(client, seller):
    _, headers, _, phone = seller
    r = start(client, headers, phone["id"], "email")
    assert r.status_code == 422 and "channel" in r.json["errors"]


# --- cancel, contact change ---------------------------------------------------------------------

def test_cancel_ends_the_pending_verification(app, client, seller):
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    code = outbox_code(app, user.id)
    r = client.post(f"{API}/verifications/{v['id']}/cancel", headers=headers)
    assert r.status_code == 200 and r.json["status"] == "canceled"
    assert _contact(client, headers, phone["id"])["local_status"] == "unverified"
    assert check(client, headers, v["id"], code).status_code == 409
    assert client.post(f"{API}/verifications/{v['id']}/cancel", headers=headers).status_code == 200


def test_changing_the_contact_cancels_pending_and_notifies_the_seller(app, client, seller, receiver):  # noqa: F811
    user, headers, _, phone = seller
    add_channel(client, headers, receiver.url("/alerts"), ["alerts"])
    v = start(client, headers, phone["id"]).json  # no sms channel: outbox
    code = outbox_code(app, user.id)
    r = client.patch(f"{API}/contacts/{phone['id']}", json={"value": MOBILE_DE_2}, headers=headers)
    assert r.status_code == 200 and r.json["local_status"] == "unverified"
    got = client.get(f"{API}/verifications/{v['id']}", headers=headers).json
    assert got["status"] == "canceled"
    assert check(client, headers, v["id"], code).status_code == 409
    assert len(receiver.requests) == 1
    notice = receiver.requests[0]["body"]["message"]
    assert "changed" in notice and MOBILE_DE not in notice and MOBILE_DE_2 not in notice
    types = [e["type"] for e in client.get(f"{API}/events", headers=headers).json["items"]]
    assert "notify.sent" in types and "verification.canceled" in types


def test_approval_requires_the_value_the_code_was_sent_to(app, client, seller):
    """Defence in depth: even if a value changed without going through the API."""
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    code = outbox_code(app, user.id)
    with app.app_context():
        db = get_db()
        db.execute("UPDATE contacts SET value = ? WHERE id = ?", [MOBILE_DE_2, phone["id"]])
    r = check(client, headers, v["id"], code)
    assert r.status_code == 409
    assert _contact(client, headers, phone["id"])["local_status"] != "verified"


# --- no enumeration ---------------------------------------------------------------------------------

def test_other_users_contacts_and_verifications_look_exactly_like_missing_ones(app, client, make_user, seller):
    _, alice, _, phone = seller
    v = start(client, alice, phone["id"]).json
    _, bob = make_user()
    missing_contact, missing_v = 999_999, 999_999

    def same(method, path_other, path_missing, body=None):
        a = getattr(client, method)(path_other, json=body, headers=bob)
        b = getattr(client, method)(path_missing, json=body, headers=bob)
        assert a.status_code == b.status_code == 404, (a.json, b.json)
        assert a.json == b.json
        assert a.headers.get("Content-Type") == b.headers.get("Content-Type")

    same("post", f"{API}/contacts/{phone['id']}/verifications",
         f"{API}/contacts/{missing_contact}/verifications", {"channel": "sms"})
    same("get", f"{API}/verifications/{v['id']}", f"{API}/verifications/{missing_v}")
    same("post", f"{API}/verifications/{v['id']}/check", f"{API}/verifications/{missing_v}/check",
         {"code": "123456"})
    same("post", f"{API}/verifications/{v['id']}/cancel", f"{API}/verifications/{missing_v}/cancel")
    mine = client.get(f"{API}/verifications/{v['id']}", headers=alice).json
    assert mine["attempts"] == 0 and mine["status"] == "pending" and mine["sends"] == 1


# --- rate limits: per token, per IP, per destination, per country calling code ----------------------

def test_per_token_request_limit_answers_429_with_retry_after(app, client, seller):
    _, headers, account, phone = seller
    app.config["VERIFY_TOKEN_RATE_LIMIT"] = "2 per minute"
    other = add_contact(client, headers, account["id"], "phone", MOBILE_DE_2)
    assert start(client, headers, phone["id"]).status_code == 201
    assert start(client, headers, other["id"]).status_code == 201
    r = start(client, headers, phone["id"])
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert r.headers["Content-Type"].startswith("application/problem+json")


def test_per_address_limit_is_per_user(app, client, make_user, clock):  # noqa: F811
    """Issue 12, item 5: users behind one address each have their own allowance."""
    app.config["VERIFY_IP_RATE_LIMIT"] = "3 per minute"
    _, alice = make_user()
    account = add_account(client, alice)
    numbers = [MOBILE_DE, MOBILE_DE_2, "+4915723456781", "+4917612345678"]
    phones = [add_contact(client, alice, account["id"], "phone", n) for n in numbers]
    assert [start(client, alice, p["id"]).status_code for p in phones] == [201, 201, 201, 429]
    _, bob = make_user()  # same address (the test client), another user: not locked out
    phone = add_contact(client, bob, add_account(client, bob)["id"], "phone", MOBILE_DE)
    assert start(client, bob, phone["id"]).status_code == 201


def test_per_country_calling_code_limit_stops_sms_pumping(app, client, seller, clock):  # noqa: F811
    _, headers, account, phone = seller
    app.config["VERIFY_SMS_PER_COUNTRY_PER_HOUR"] = 2
    numbers = ["+4915223456780", "+4915723456781"]
    contacts_ = [phone] + [add_contact(client, headers, account["id"], "phone", n) for n in numbers]
    assert start(client, headers, contacts_[0]["id"]).status_code == 201
    assert start(client, headers, contacts_[1]["id"]).status_code == 201
    r = start(client, headers, contacts_[2]["id"])
    assert r.status_code == 429 and r.json["type"] == PROBLEM_PREFIX + "country-limit"
    assert "+49" in r.json["title"] and 1 <= int(r.headers["Retry-After"]) <= 3600
    uk = add_contact(client, headers, account["id"], "phone", MOBILE_UK)
    assert start(client, headers, uk["id"]).status_code == 201  # another country code
    clock.advance(hours=1)
    assert start(client, headers, contacts_[2]["id"]).status_code == 201


def test_per_destination_hourly_send_limit(app, client, seller, clock):  # noqa: F811
    _, headers, _, phone = seller
    app.config["VERIFY_SENDS_PER_DESTINATION_PER_HOUR"] = 3
    for _ in range(3):
        v = start(client, headers, phone["id"]).json
        client.post(f"{API}/verifications/{v['id']}/cancel", headers=headers)
    r = start(client, headers, phone["id"])
    assert r.status_code == 429 and r.json["type"] == PROBLEM_PREFIX + "too-many-sends"


# --- the development outbox keeps codes only while they can be used ----------------------------------

def test_outbox_codes_are_redacted_once_replaced_or_the_verification_ends(app, client, seller, clock):  # noqa: F811
    user, headers, _, phone = seller
    v = start(client, headers, phone["id"]).json
    clock.advance(seconds=30)
    start(client, headers, phone["id"])
    items = outbox_items(app, user.id)
    assert "\u2022" * 6 in items[1]["body"]  # the first code died with the resend
    code = code_in(items[0]["body"])
    check(client, headers, v["id"], code)
    for item in outbox_items(app, user.id):
        assert code not in item["body"] and "\u2022" * 6 in item["body"]


def test_language_follows_override_then_phone_region():
    from server.services import messages

    assert messages.language_for(["US"], "zh-CN") == "zh_CN"
    assert messages.language_for(["US"], None, "CN") == "zh_CN"
    assert messages.language_for(["DE"], None, "DE") == "en"
    assert "never" in messages.text("en", "sms", code="000123", minutes=10).lower()
