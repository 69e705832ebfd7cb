"""Best-effort notices to the seller through their "alerts" channels (Apprise).

A notice that cannot be delivered never fails the action that caused it; the outcome (sent
through which channels, or the scrubbed error, or "outbox" when no alert channel exists) is
recorded as an event so the seller can see it in the audit trail.
"""
from __future__ import annotations

import logging

from monitor import channels
from server.services import delivery, events

log = logging.getLogger(__name__)


def notify_user(db, user_id: int, title: str, body: str, *, subject_type: str | None = None,
                subject_id: int | None = None, reason: str = "notice", key: str | None = None,
                actor: str = "system") -> dict:
    """Send ``title``/``body`` to every alerts channel of the user. Returns
    ``{"sent": [channel ids], "failed": [{"channel_id", "error"}], "via": "channel"|"outbox"|None}``
    and records a ``notify.sent`` / ``notify.failed`` event. Never raises for delivery problems."""
    result: dict = {"sent": [], "failed": [], "via": None}
    try:
        configured = channels.urls_for(db, user_id, "alerts")
        if not configured:
            delivery.write_outbox(db, user_id, "alerts", "(alerts)", title, body)
            result["via"] = "outbox"
        for channel_id, url in configured:
            sent = channels.send(url, title, body, key=f"{key}-c{channel_id}" if key else None)
            if sent.ok:
                result["sent"].append(channel_id)
                result["via"] = "channel"
            else:
                result["failed"].append({"channel_id": channel_id, "error": sent.error})
    except Exception as exc:  # noqa: BLE001 - best effort: a notice never breaks the caller
        log.exception("notifying user %s failed", user_id)
        result["failed"].append({"channel_id": None, "error": f"{type(exc).__name__}: {exc}"[:300]})
    ok = bool(result["sent"]) or result["via"] == "outbox"
    events.record(db, user_id, "notify.sent" if ok else "notify.failed", subject_type, subject_id,
                  {"reason": reason, **result}, actor=actor)
    return result
