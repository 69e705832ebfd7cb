"""``GET /status``: everything the extension's badge, popup and in-page prompt need, in one call.

Built with one query for accounts and one for contacts (never one query per contact).
Counts always cover every account; ``per_page`` limits the accounts listed (an agency with
thousands of accounts need not download them all on every poll) and only the listed contacts are
masked — masking parses the phone number, which dominated the cost of a large status.
"""
from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

import sqlite_utils

from monitor import alerts as monitor_alerts
from monitor import marketplaces as mp
from monitor.db import iso, utcnow
from server.services.masking import mask

NOTIFICATION_PREFERENCES_PATH = "/notifications/preferences"

# the extension polls /status every minute: the same values are masked again and again
_mask = lru_cache(maxsize=65536)(mask)


def contact_next_step(contact: dict, today: date) -> dict | None:
    """The single next step for one contact, with its reason (None when nothing is left)."""
    hold = contact.get("on_hold_until")
    if hold and hold >= today.isoformat():
        return {"code": "on_hold", "message": f"On hold until {hold}; SellerGuard will remind you."}
    errors = [w for w in contact["checks"].get("warnings", []) if w["severity"] == "error"]
    if errors:
        return {"code": "fix_contact", "message": errors[0]["message"]}
    if contact["local_status"] != "verified":
        channel = "SMS" if contact["kind"] == "phone" else "email"
        return {"code": "verify_locally",
                "message": f"Send yourself a test code by {channel} to prove this {contact['kind']} receives it."}
    if contact["amazon_status"]["status"] != "verified":
        return {"code": "verify_on_amazon",
                "message": "Verify it in Seller Central > Settings > Notification Preferences "
                           "(Amazon sends a one-time code)."}
    return None


def _seller_central(markets: list[str]) -> dict | None:
    for code in markets:
        try:
            m = mp.get(code)
        except mp.UnknownMarketplace:
            continue
        return {"host": m.host, "notification_preferences_url": f"https://{m.host}{NOTIFICATION_PREFERENCES_PATH}"}
    return None


def build(db: sqlite_utils.Database, user, today: date | None = None, alert_limit: int = 20,
          page: int = 1, per_page: int | None = None) -> dict:
    """The status, read in one transaction: the accounts and the contacts queries see one
    snapshot (in autocommit mode a contact committed between them by another request pointed at
    an account the first query had not seen: KeyError, a 500 under concurrent writers)."""
    own = not db.conn.in_transaction
    if own:
        db.execute("BEGIN")
    try:
        return _build(db, user, today, alert_limit, page, per_page)
    finally:
        if own:
            db.execute("COMMIT")


def _build(db: sqlite_utils.Database, user, today: date | None, alert_limit: int, page: int,
           per_page: int | None) -> dict:
    today = today or utcnow().date()
    accounts = {r[0]: {"id": r[0], "name": r[1], "marketplaces": json.loads(r[2]),
                       "seller_central": _seller_central(json.loads(r[2])), "contacts": [], "next_step": None}
                for r in db.execute("SELECT id, name, marketplaces FROM accounts WHERE user_id = ? ORDER BY id",
                                    [user.id])}
    rows = db.execute(
        "SELECT id, account_id, kind, role, value, checks, local_status, amazon_status, amazon_status_source, "
        "amazon_status_at, on_hold_until FROM contacts WHERE user_id = ? "
        "ORDER BY account_id, CASE role WHEN 'emergency' THEN 0 WHEN 'primary' THEN 1 ELSE 2 END, id",
        [user.id]).fetchall()
    counts = {"accounts": len(accounts), "contacts": len(rows), "verified": 0, "pending_steps": 0}
    for r in rows:
        checks = json.loads(r[5])
        contact = {"id": r[0], "kind": r[2], "role": r[3], "masked": (r[2], r[4]),
                   "warnings": checks.get("warnings", []), "checks": checks, "local_status": r[6],
                   "amazon_status": {"status": r[7], "source": r[8], "at": r[9]}, "on_hold_until": r[10]}
        contact["next_step"] = contact_next_step(contact, today)
        del contact["checks"]
        if contact["next_step"] is None:
            counts["verified"] += 1
        elif contact["next_step"]["code"] != "on_hold":
            counts["pending_steps"] += 1
        accounts[r[1]]["contacts"].append(contact)
    for account in accounts.values():
        emergency_kinds = {c["kind"] for c in account["contacts"] if c["role"] == "emergency"}
        missing = [k for k in ("phone", "email") if k not in emergency_kinds]
        if missing:
            account["next_step"] = {"code": "add_emergency_contact", "contact_id": None,
                                    "message": f"Add an emergency {' and '.join(missing)}: Amazon asks for both."}
            counts["pending_steps"] += 1
            continue
        for contact in account["contacts"]:
            step = contact["next_step"]
            if step and step["code"] != "on_hold":
                account["next_step"] = {**step, "contact_id": contact["id"]}
                break
    listed = list(accounts.values())
    if per_page is not None:
        listed = listed[(page - 1) * per_page:page * per_page]
    for account in listed:
        for contact in account["contacts"]:
            contact["masked"] = _mask(*contact["masked"])
    open_alerts = monitor_alerts.list_alerts(db, user.id, "open", 1, alert_limit)
    counts["open_alerts"] = open_alerts["total"]
    counts["policy_alerts"] = db.execute(
        "SELECT COUNT(*) FROM alerts WHERE user_id = ? AND state = 'open' AND kind LIKE 'policy%'",
        [user.id]).fetchone()[0]
    # source-health alerts are listed but do not raise the badge: the seller cannot act on them
    counts["badge"] = counts["policy_alerts"] + counts["pending_steps"]
    return {
        "generated_at": iso(utcnow()),
        "user": {"id": user.id, "name": user.name},
        "counts": counts,
        "accounts": listed,
        "accounts_page": {"page": page, "per_page": per_page, "total": len(accounts)},
        "alerts": _alert_summaries(db, open_alerts["items"]),
    }


def policy_facts(db: sqlite_utils.Database, alerts: list[dict]) -> dict[int, dict]:
    """The facts of the alerts' policies, by policy id (one query for all of them)."""
    ids = sorted({a["policy_id"] for a in alerts if a.get("policy_id")})
    facts: dict[int, dict] = {}
    if ids:
        marks = ",".join("?" for _ in ids)
        for pid, raw in db.execute(f"SELECT id, facts FROM policies WHERE id IN ({marks})", ids):
            facts[pid] = json.loads(raw or "{}")
    return facts


def _alert_summaries(db: sqlite_utils.Database, alerts: list[dict]) -> list[dict]:
    """Open alerts with the facts of their policy."""
    facts = policy_facts(db, alerts)
    return [{"id": a["id"], "kind": a["kind"], "title": a["title"], "policy_id": a.get("policy_id"),
             "created_at": a["created_at"], "facts": facts.get(a.get("policy_id")),
             "affected": a.get("impact") or []} for a in alerts]
