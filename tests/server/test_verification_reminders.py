"""Reminders when a hold ends: once per hold, through the user's alerts channels."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from server.db import get_db
from server.services import reminders

from verification_fixtures import API, MOBILE_DE, add_account, add_channel, add_contact, outbox_items, receiver  # noqa: F401


def test_hold_end_is_reminded_once_through_alert_channels(app, client, make_user, receiver):  # noqa: F811
    user, headers = make_user()
    account = add_account(client, headers, name="Hold Shop")
    phone = add_contact(client, headers, account["id"], "phone", MOBILE_DE)
    add_channel(client, headers, receiver.url("/alerts"), ["alerts"])
    until = (datetime.now(UTC) + timedelta(days=3)).date()
    r = client.post(f"{API}/contacts/{phone['id']}/hold", json={"until": until.isoformat()}, headers=headers)
    assert r.status_code == 200
    with app.app_context():
        db = get_db()
        last_day = datetime.combine(until, datetime.min.time(), UTC) + timedelta(hours=23)
        assert reminders.remind_ended_holds(db, last_day) == 0  # on hold through `until`
        day_after = datetime.combine(until + timedelta(days=1), datetime.min.time(), UTC) + timedelta(hours=1)
        assert reminders.remind_ended_holds(db, day_after) == 1
        assert reminders.remind_ended_holds(db, day_after + timedelta(hours=1)) == 0  # idempotent
    assert len(receiver.requests) == 1
    message = receiver.requests[0]["body"]["message"]
    assert "Hold Shop" in message and until.isoformat() in message and MOBILE_DE not in message
    types = [e["type"] for e in client.get(f"{API}/events", headers=headers).json["items"]]
    assert "notify.sent" in types
    # a new hold date is a new reminder
    later = until + timedelta(days=10)
    with app.app_context():
        db = get_db()
        db.execute("UPDATE contacts SET on_hold_until = ? WHERE id = ?", [later.isoformat(), phone["id"]])
        assert reminders.remind_ended_holds(db, datetime.combine(later + timedelta(days=1), datetime.min.time(), UTC)) == 1


def test_without_alert_channels_the_reminder_lands_in_the_outbox(app, client, make_user):
    user, headers = make_user()
    account = add_account(client, headers)
    phone = add_contact(client, headers, account["id"], "phone", MOBILE_DE)
    until = (datetime.now(UTC) + timedelta(days=1)).date()
    client.post(f"{API}/contacts/{phone['id']}/hold", json={"until": until.isoformat()}, headers=headers)
    with app.app_context():
        assert reminders.remind_ended_holds(get_db(), datetime.combine(until + timedelta(days=1), datetime.min.time(), UTC)) == 1
    items = outbox_items(app, user.id)
    assert items[0]["channel"] == "alerts" and "hold" in items[0]["subject"].lower()


def test_a_claim_left_by_a_killed_run_is_sent_after_its_lease(app, client, make_user, receiver):  # noqa: F811
    user, headers = make_user()
    account = add_account(client, headers)
    phone = add_contact(client, headers, account["id"], "phone", MOBILE_DE)
    add_channel(client, headers, receiver.url("/alerts"), ["alerts"])
    until = (datetime.now(UTC) + timedelta(days=1)).date()
    client.post(f"{API}/contacts/{phone['id']}/hold", json={"until": until.isoformat()}, headers=headers)
    after = datetime.combine(until + timedelta(days=1), datetime.min.time(), UTC)
    with app.app_context():
        db = get_db()
        # a run claimed the reminder and died before sending (result still NULL)
        db.execute("INSERT INTO hold_reminders (user_id, contact_id, hold_until, sent_at) VALUES (?, ?, ?, ?)",
                   [user.id, phone["id"], until.isoformat(), after.strftime("%Y-%m-%dT%H:%M:%SZ")])
        assert reminders.remind_ended_holds(db, after + timedelta(minutes=10)) == 0  # claim still leased
        assert reminders.remind_ended_holds(db, after + reminders.CLAIM_LEASE + timedelta(minutes=1)) == 1
        assert reminders.remind_ended_holds(db, after + 2 * reminders.CLAIM_LEASE) == 0
    assert len(receiver.requests) == 1
