"""Reminders when a contact's hold ends (scheduled every 15 minutes by ``server.monitoring``).

A hold (``POST /contacts/{id}/hold {"until": date}``) postpones the verification the seller must
do in Seller Central; the contact is on hold through ``until`` (as ``/status`` says). The day after
(UTC) the seller is told once per hold through their "alerts" channels. ``hold_reminders``
remembers (contact, until): a run claims the row before sending, so two schedulers never send it
twice; a claim whose send never finished (the process was killed) is free again after
``CLAIM_LEASE``. Setting a new hold date gives a new reminder.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from monitor.db import iso, transaction, utcnow
from server.services import accounts, messages, notify
from server.services.masking import mask

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(hours=1)


def remind_ended_holds(db, now: datetime | None = None) -> int:
    """Remind every user whose contacts' holds have ended and were not reminded yet.
    Returns the number of reminders sent (or recorded in the outbox)."""
    now = now or utcnow()
    today = now.date().isoformat()
    stale = iso(now - CLAIM_LEASE)
    due = db.execute(
        "SELECT c.id, c.user_id, c.account_id, c.kind, c.value, c.on_hold_until FROM contacts c "
        "WHERE c.on_hold_until IS NOT NULL AND c.on_hold_until < ? AND NOT EXISTS ("
        "  SELECT 1 FROM hold_reminders r WHERE r.contact_id = c.id AND r.hold_until = c.on_hold_until"
        "  AND (r.result IS NOT NULL OR r.sent_at > ?))"
        " ORDER BY c.id", [today, stale]).fetchall()
    sent = 0
    for contact_id, user_id, account_id, kind, value, until in due:
        with transaction(db):  # claim first: a concurrent run skips what we claimed
            claimed = db.execute(
                "INSERT INTO hold_reminders (user_id, contact_id, hold_until, sent_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", [user_id, contact_id, until, iso(now)]).rowcount
            if not claimed:  # a claim left by a killed run, past its lease
                claimed = db.execute(
                    "UPDATE hold_reminders SET sent_at = ? WHERE contact_id = ? AND hold_until = ? "
                    "AND result IS NULL AND sent_at <= ?", [iso(now), contact_id, until, stale]).rowcount
        if not claimed:
            continue
        try:
            account = accounts.get(db, user_id, account_id)
        except Exception:  # noqa: BLE001 - the account went away meanwhile
            continue
        lang = messages.language_for(account["marketplaces"])
        title = messages.text(lang, "hold_ended_title")
        body = messages.text(lang, "hold_ended_body", kind=messages.kind_name(lang, kind),
                             masked=mask(kind, value), account=account["name"], until=until)
        result = notify.notify_user(db, user_id, title, body, subject_type="contact",
                                    subject_id=contact_id, reason="hold_ended",
                                    key=f"hold-{contact_id}-{until}")
        outcome = "sent" if result["sent"] else (result["via"] or "failed")
        db.execute("UPDATE hold_reminders SET result = ? WHERE contact_id = ? AND hold_until = ?",
                   [outcome, contact_id, until])
        sent += 1
    return sent
