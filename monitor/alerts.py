"""Alerts (per user) and their delivery through the outbox ``alert_deliveries``.

An alert is written with an idempotency ``key`` (``policy:12:new:u3``, ``source:4:broken:2:u3`` …):
writing it twice is a no-op. In the same transaction one delivery row per channel of the user
(purpose ``alerts``) is queued. :func:`deliver_pending` claims a due delivery (attempts + 1,
a lease), sends it outside any transaction, and records the outcome: ``delivered`` with the time,
or back to ``pending`` with the error and an exponential backoff, or ``failed`` after the last
attempt. A process killed after the claim leaves a lease that expires; the delivery is then
retried with the same key (receivers of webhooks get it as a header to drop repeats).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from monitor import channels as channels_mod
from monitor.config import MonitorConfig
from monitor.db import iso, parse_iso, transaction, utcnow
from monitor.errors import Invalid, NotFound
from monitor.fetch import backoff
from monitor.store import dumps, insert, loads, page, row, rows

KINDS = ("policy_new", "policy_update", "source_broken", "source_recovered", "phishing",
         "mail_unverified")
STATES = ("open", "acked")


def raise_alert(db, *, user_id: int, kind: str, key: str, title: str, body: str,
                policy_id: int | None = None, source_id: int | None = None,
                impact: list[str] | None = None, now: str | None = None) -> int | None:
    """Write an alert and queue its deliveries; call inside a transaction.

    Returns the new alert id, or None when an alert with this key exists already.
    """
    now = now or iso(utcnow())
    alert_id = insert(db, "alerts", {
        "user_id": user_id, "kind": kind, "key": key, "policy_id": policy_id,
        "source_id": source_id, "title": title, "body": body, "impact": dumps(impact or []),
        "state": "open", "created_at": now,
    }, or_ignore=True)
    if alert_id is None:
        return None
    for channel_id, _url in channels_mod.urls_for(db, user_id, "alerts"):
        insert(db, "alert_deliveries", {
            "alert_id": alert_id, "channel_id": channel_id, "user_id": user_id,
            "key": f"{key}:c{channel_id}", "state": "pending", "attempts": 0,
            "next_attempt_at": now, "created_at": now, "updated_at": now,
        }, or_ignore=True)
    return alert_id


def _deliveries(db, alert_ids: list[int]) -> dict[int, list[dict]]:
    if not alert_ids:
        return {}
    marks = ",".join("?" for _ in alert_ids)
    out: dict[int, list[dict]] = {}
    for d in rows(db, f"""
        SELECT d.alert_id, d.channel_id, c.name AS channel, d.state AS status, d.attempts, d.last_error,
               d.next_attempt_at, d.delivered_at
        FROM alert_deliveries d LEFT JOIN channels c ON c.id = d.channel_id
        WHERE d.alert_id IN ({marks}) ORDER BY d.id""", alert_ids):
        out.setdefault(d.pop("alert_id"), []).append(d)
    return out


def _public(a: dict, deliveries: list[dict]) -> dict:
    return {
        "id": a["id"], "kind": a["kind"], "state": a["state"], "title": a["title"],
        "body": a["body"], "impact": loads(a["impact"], []), "policy_id": a["policy_id"],
        "source_id": a["source_id"], "created_at": a["created_at"], "acked_at": a["acked_at"],
        "deliveries": deliveries,
    }


def list_alerts(db, user_id: int, state: str | None = None, page_no: int = 1,
                per_page: int = 50) -> dict:
    """The user's alerts, newest first, each with its delivery log.

    :raise Invalid: unknown state.
    """
    if state not in (None, "", "all") and state not in STATES:
        raise Invalid(f"state must be one of {', '.join(STATES)}", field="state")
    sql, params = "SELECT * FROM alerts WHERE user_id = ?", [user_id]
    if state in STATES:
        sql += " AND state = ?"
        params.append(state)
    result = page(db, sql + " ORDER BY id DESC", params, page_no, per_page)
    logs = _deliveries(db, [a["id"] for a in result["items"]])
    result["items"] = [_public(a, logs.get(a["id"], [])) for a in result["items"]]
    return result


def get_alert(db, user_id: int, alert_id: int) -> dict:
    """:raise NotFound: not this user's alert."""
    a = row(db, "SELECT * FROM alerts WHERE id = ? AND user_id = ?", [alert_id, user_id])
    if not a:
        raise NotFound(f"alert {alert_id} not found")
    return _public(a, _deliveries(db, [a["id"]]).get(a["id"], []))


def ack_alert(db, user_id: int, alert_id: int) -> dict:
    """Mark the alert acknowledged (idempotent). :raise NotFound."""
    with transaction(db):
        a = row(db, "SELECT id, state FROM alerts WHERE id = ? AND user_id = ?",
                [alert_id, user_id])
        if not a:
            raise NotFound(f"alert {alert_id} not found")
        if a["state"] != "acked":
            db.execute("UPDATE alerts SET state = 'acked', acked_at = ? WHERE id = ?",
                       [iso(utcnow()), alert_id])
    return get_alert(db, user_id, alert_id)


def ack_alerts(db, user_id: int, ids: list[int] | None = None, *, all_open: bool = False) -> dict:
    """Acknowledge several of the user's alerts at once (``all_open``: every open one), in one
    transaction. Returns ``{"acked": [ids newly acked], "already": [...], "not_found": [...]}``;
    another user's alert id is "not found", like one that does not exist."""
    now = iso(utcnow())
    with transaction(db):
        if all_open:
            wanted = [r[0] for r in db.execute(
                "SELECT id FROM alerts WHERE user_id = ? AND state = 'open' ORDER BY id", [user_id])]
        else:
            wanted = list(dict.fromkeys(int(i) for i in ids or []))
        states: dict[int, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" for _ in chunk)
            states.update(db.execute(f"SELECT id, state FROM alerts WHERE user_id = ? AND id IN ({marks})",
                                     [user_id, *chunk]).fetchall())
        acked = [i for i in wanted if states.get(i) == "open"]
        for start in range(0, len(acked), 500):
            chunk = acked[start:start + 500]
            marks = ",".join("?" for _ in chunk)
            db.execute(f"UPDATE alerts SET state = 'acked', acked_at = ? WHERE user_id = ? AND id IN ({marks})",
                       [now, user_id, *chunk])
    return {"acked": acked, "already": [i for i in wanted if states.get(i) == "acked"],
            "not_found": [i for i in wanted if i not in states]}


def open_counts(db, user_id: int) -> dict[str, int]:
    """The user's open alerts counted by what they are about: ``policy`` and ``source`` (health)."""
    found = row(db, "SELECT COUNT(CASE WHEN kind LIKE 'policy%' THEN 1 END) AS policy, "
                    "COUNT(CASE WHEN kind NOT LIKE 'policy%' THEN 1 END) AS source "
                    "FROM alerts WHERE user_id = ? AND state = 'open'", [user_id])
    return {"policy": found["policy"], "source": found["source"]}


def open_alerts(db, user_id: int, limit: int) -> list[dict]:
    """The user's open alerts by importance: policy alerts first, then the rest; newest first."""
    out = rows(db, "SELECT id, kind, title, policy_id, source_id, created_at, impact FROM alerts "
                   "WHERE user_id = ? AND state = 'open' "
                   "ORDER BY kind LIKE 'policy%' DESC, id DESC LIMIT ?", [user_id, limit])
    for a in out:
        a["impact"] = loads(a["impact"], [])
    return out


@dataclass
class DeliveryStats:
    sent: int = 0
    failed: int = 0          # attempts that failed (will be retried unless given up)
    given_up: int = 0
    errors: list[str] = field(default_factory=list)


Sender = Callable[..., "channels_mod.SendResult"]


def release_claims(db, now=None) -> int:
    """Make deliveries claimed by a sender that died due again now (they may have gone out
    before it died: at least once, as after a claim expires). Returns how many."""
    now_s = iso(now or utcnow())
    with transaction(db):
        return db.execute("""UPDATE alert_deliveries SET state = 'pending', claimed_until = NULL,
                              next_attempt_at = ?, updated_at = ? WHERE state = 'sending'""",
                          [now_s, now_s]).rowcount


def deliver_pending(db, *, config: MonitorConfig | None = None, sender: Sender | None = None,
                    now=None, limit: int = 200) -> DeliveryStats:
    """Send due deliveries once each; returns what happened."""
    config = config or MonitorConfig()
    sender = sender or channels_mod.send
    stats = DeliveryStats()
    now_dt = now or utcnow()
    now_s = iso(now_dt)
    due = rows(db, """
        SELECT d.id FROM alert_deliveries d
        WHERE (d.state = 'pending' AND d.next_attempt_at <= ?)
           OR (d.state = 'sending' AND d.claimed_until < ?)
        ORDER BY d.id LIMIT ?""", [now_s, now_s, limit])
    for d in due:
        lease = iso(now_dt + timedelta(seconds=config.lease_s))
        with transaction(db):
            claimed = db.execute("""
                UPDATE alert_deliveries
                SET state = 'sending', attempts = attempts + 1, claimed_until = ?, updated_at = ?
                WHERE id = ? AND ((state = 'pending' AND next_attempt_at <= ?)
                                  OR (state = 'sending' AND claimed_until < ?))""",
                                 [lease, now_s, d["id"], now_s, now_s]).rowcount
        if not claimed:
            continue  # another worker took it
        info = row(db, """
            SELECT d.id, d.key, d.attempts, c.url, a.title, a.body
            FROM alert_deliveries d JOIN channels c ON c.id = d.channel_id
            JOIN alerts a ON a.id = d.alert_id WHERE d.id = ?""", [d["id"]])
        if info is None:  # channel or alert deleted meanwhile
            continue
        result = sender(info["url"], info["title"], info["body"], key=info["key"])
        done = iso(utcnow())
        with transaction(db):
            if result.ok:
                db.execute("""UPDATE alert_deliveries SET state = 'delivered', delivered_at = ?,
                              last_error = NULL, claimed_until = NULL, updated_at = ?
                              WHERE id = ?""", [done, done, info["id"]])
                stats.sent += 1
            elif info["attempts"] >= config.delivery_max_attempts:
                db.execute("""UPDATE alert_deliveries SET state = 'failed', last_error = ?,
                              claimed_until = NULL, updated_at = ? WHERE id = ?""",
                           [result.error, done, info["id"]])
                stats.failed += 1
                stats.given_up += 1
                stats.errors.append(result.error or "")
            else:
                wait = backoff(info["attempts"], config.delivery_backoff_base,
                               config.delivery_backoff_cap)
                nxt = iso(parse_iso(done) + timedelta(seconds=wait))
                db.execute("""UPDATE alert_deliveries SET state = 'pending', last_error = ?,
                              next_attempt_at = ?, claimed_until = NULL, updated_at = ?
                              WHERE id = ?""", [result.error, nxt, done, info["id"]])
                stats.failed += 1
                stats.errors.append(result.error or "")
    return stats
