"""``GET /status``: everything the extension's badge, popup and in-page prompt need, in one call.

Cheap when nothing changed: every write to what the status shows bumps the user's data version
(triggers, ``status_schema``), so the ETag is one indexed read and an unchanged poll is a 304.
When something changed, counts, the summary and the order of the accounts (those needing action
first) come from SQL over stored columns (``contacts.check_error``); only the one bounded page of
accounts listed has its contacts' checks decoded, next steps worded and values masked.
"""
from __future__ import annotations

import json
import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache


from monitor import alerts, policies
from monitor import marketplaces as mp
from monitor.db import Database, iso, transaction, utcnow
from server.services.masking import mask
from server.services.status_schema import SUMMARY_COLUMNS, account_summary_sets

NOTIFICATION_PREFERENCES_PATH = "/notifications/preferences"
DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 1000

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


@lru_cache(maxsize=1024)
def _seller_central_of(markets_json: str) -> tuple[str, str] | None:
    for code in json.loads(markets_json):
        try:
            m = mp.get(code)
        except mp.UnknownMarketplace:
            continue
        return m.host, f"https://{m.host}{NOTIFICATION_PREFERENCES_PATH}"
    return None


def _seller_central_cached(markets_json: str) -> dict | None:
    found = _seller_central_of(markets_json)
    return {"host": found[0], "notification_preferences_url": found[1]} if found else None


@dataclass(frozen=True)
class Filters:
    """What one ``/status`` call lists: a page of the accounts that match (counts and the
    summary always cover every account of the user)."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    q: str | None = None
    needs_action: bool | None = None
    marketplace: str | None = None


def data_version(db: Database, user_id: int) -> tuple[int, int]:
    """(the user's data version, the shared policies' version): one indexed read."""
    row = db.execute(
        "SELECT (SELECT version FROM data_versions WHERE user_id = ?), "
        "(SELECT version FROM data_versions WHERE user_id = 0)", [user_id]).fetchone()
    return row[0] or 0, row[1] or 0


def etag_for(user_id: int, version: tuple[int, int], today: date, extra: str = "") -> str:
    """The (unquoted, weak) ETag value: the same exactly while nothing /status shows has changed
    (the date is in it because a hold that ends changes the next steps without a write;
    ``extra`` is the query, so each page and filter has its own)."""
    digest = hashlib.blake2b(extra.encode(), digest_size=6).hexdigest()
    return f"{user_id}.{version[0]}.{version[1]}.{today.isoformat()}.{digest}"


def current_etag(db: Database, user_id: int, extra: str = "",
                 today: date | None = None) -> str:
    return etag_for(user_id, data_version(db, user_id), today or utcnow().date(), extra)


def build(db: Database, user, today: date | None = None, alert_limit: int = 20,
          page: int = 1, per_page: int | None = DEFAULT_PER_PAGE,
          filters: Filters | None = None, etag_extra: str = "") -> dict:
    """The status, read in one transaction (one snapshot for every query).

    Its ``etag`` (not part of the answer's fields) is taken in the same snapshot, so the answer
    and its ETag always agree."""
    filters = filters or Filters(page=page, per_page=per_page or MAX_PER_PAGE)
    today = today or utcnow().date()
    refresh_ended_holds(db, user.id, today)
    own = not db.in_transaction
    if own:
        db.execute("BEGIN")
    try:
        body = _build(db, user, today, alert_limit, filters)
        body["_etag"] = etag_for(user.id, data_version(db, user.id), today, etag_extra)
        return body
    finally:
        if own:
            db.execute("COMMIT")


STEP_CODES = ("fix_contact", "add_emergency_contact", "verify_locally", "verify_on_amazon")


def refresh_ended_holds(db: Database, user_id: int, today: date) -> int:
    """Recompute the stored next step of the accounts whose earliest hold has ended (a date
    passing is not a write, so no trigger saw it). Returns how many accounts were refreshed."""
    if db.execute("SELECT 1 FROM accounts WHERE user_id = ? AND hold_ends IS NOT NULL AND hold_ends < ? "
                  "LIMIT 1", [user_id, today.isoformat()]).fetchone() is None:
        return 0
    with transaction(db):
        return db.execute(
            f"UPDATE accounts SET {account_summary_sets('accounts.id', ':today')} "
            "WHERE user_id = :uid AND hold_ends IS NOT NULL AND hold_ends < :today",
            {"uid": user_id, "today": today.isoformat()}).rowcount


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def accounts_where(filters: Filters, params: dict) -> str:
    """The WHERE clause (over `accounts a`) of a selection: the user, needs_action, marketplace
    and q (name, merchant id, a contact value; a phone number in any format); fills `params`."""
    clauses = ["a.user_id = :uid"]
    if filters.needs_action is True:
        clauses.append("a.needs_action = 1")
    elif filters.needs_action is False:
        clauses.append("a.needs_action = 0")
    if filters.marketplace:
        params["mp"] = f'%"{filters.marketplace.upper()}"%'
        clauses.append("a.marketplaces LIKE :mp")
    q = (filters.q or "").strip()
    if q:
        params["q"] = _like(q.lower())
        # contact values: one scan of the (user, value, account) index, not one lookup per account
        # lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not
        match = ["lower(a.name) LIKE :q ESCAPE '\\'", "lower(COALESCE(a.merchant_id, '')) LIKE :q ESCAPE '\\'",
                 "a.id IN (SELECT k.account_id FROM contacts k WHERE k.user_id = :uid "
                 "AND lower(k.value) LIKE :q ESCAPE '\\')"]
        digits = "".join(ch for ch in q if ch.isdigit())
        if len(digits) >= 4 and not any(ch.isalpha() for ch in q):  # a phone number, any format
            params["qd"] = _like(digits.lstrip("0") or digits)
            match.append("a.id IN (SELECT k.account_id FROM contacts k WHERE k.user_id = :uid "
                         "AND k.value LIKE :qd ESCAPE '\\' AND k.kind = 'phone')")
        clauses.append("(" + " OR ".join(match) + ")")
    return " WHERE " + " AND ".join(clauses)


def _summary(db, params: dict) -> tuple[dict, dict]:
    """Counts (contacts) and the summary (accounts by next step): one row, kept on write by
    triggers (``status_schema``)."""
    cols = ", ".join(SUMMARY_COLUMNS)
    found = db.execute(f"SELECT {cols} FROM user_summary WHERE user_id = :uid", params).fetchone()
    s = dict(zip(SUMMARY_COLUMNS, found or [0] * len(SUMMARY_COLUMNS)))
    by_code = {code: s[code] for code in STEP_CODES}
    needs = sum(by_code.values())
    counts = {"accounts": s["accounts"], "contacts": s["contacts"], "verified": s["verified"],
              "pending_steps": s["pending"] + by_code["add_emergency_contact"]}
    summary = {"needs_action": needs, "done": s["accounts"] - needs, "on_hold": s["held_accounts"],
               "by_step": by_code}
    return counts, summary


def _build(db: Database, user, today: date, alert_limit: int, filters: Filters) -> dict:
    params = {"uid": user.id, "today": today.isoformat()}
    counts, summary = _summary(db, params)
    where = accounts_where(filters, params)
    unfiltered = where == " WHERE a.user_id = :uid"
    params.update(limit=filters.per_page, offset=(filters.page - 1) * filters.per_page)
    # filtered: the total comes with the page (one scan, not a COUNT and then the page)
    listed_rows = db.execute(
        "SELECT a.id, a.name, a.merchant_id, a.marketplaces, "
        + ("0" if unfiltered else "COUNT(*) OVER ()") + " AS total FROM accounts a" + where
        + " ORDER BY a.needs_action DESC, a.id LIMIT :limit OFFSET :offset", params).fetchall()
    if unfiltered:
        total = counts["accounts"]
    elif listed_rows:
        total = listed_rows[0]["total"]
    else:  # a page past the end: count on its own
        total = db.scalar("SELECT COUNT(*) FROM accounts a" + where, params)
    accounts = {r["id"]: {"id": r["id"], "name": r["name"], "merchant_id": r["merchant_id"],
                          "marketplaces": json.loads(r["marketplaces"]),
                          "seller_central": _seller_central_cached(r["marketplaces"]), "contacts": [],
                       "next_step": None, "needs_action": False}
                for r in listed_rows}
    if accounts:
        marks = ",".join("?" for _ in accounts)
        rows = db.execute(
            "SELECT id, account_id, kind, role, value, checks, local_status, amazon_status, "
            "amazon_status_source, amazon_status_at, on_hold_until FROM contacts "
            f"WHERE account_id IN ({marks}) AND +user_id = ? "  # + : the account index, not the user's
            "ORDER BY account_id, CASE role WHEN 'emergency' THEN 0 WHEN 'primary' THEN 1 ELSE 2 END, id",
            [*accounts, user.id]).fetchall()
    else:
        rows = []
    for r in rows:
        checks = json.loads(r["checks"])
        contact = {"id": r["id"], "kind": r["kind"], "role": r["role"],
                   "masked": _mask(r["kind"], r["value"]), "warnings": checks.get("warnings", []),
                   "checks": checks, "local_status": r["local_status"],
                   "amazon_status": {"status": r["amazon_status"], "source": r["amazon_status_source"],
                                     "at": r["amazon_status_at"]},
                   "on_hold_until": r["on_hold_until"]}
        contact["next_step"] = contact_next_step(contact, today)
        del contact["checks"]
        accounts[r["account_id"]]["contacts"].append(contact)
    for account in accounts.values():
        account["next_step"] = account_next_step(account)
        account["needs_action"] = account["next_step"] is not None
    open_counts = alerts.open_counts(db, user.id)
    counts["open_alerts"] = open_counts["policy"] + open_counts["source"]
    counts["policy_alerts"] = open_counts["policy"]
    counts["source_alerts"] = open_counts["source"]
    # source-health alerts are listed but do not raise the badge: the seller cannot act on them
    counts["badge"] = counts["policy_alerts"] + counts["pending_steps"]
    return {
        "generated_at": iso(utcnow()),
        "user": {"id": user.id, "name": user.name},
        "counts": counts,
        "summary": summary,
        "accounts": list(accounts.values()),
        "accounts_page": {"page": filters.page, "per_page": filters.per_page, "total": total},
        "alerts": _alert_summaries(db, alerts.open_alerts(db, user.id, alert_limit)),
    }


def account_next_step(account: dict) -> dict | None:
    """The account's next step: a missing emergency contact first, else its first contact's
    (in role order) that is not on hold."""
    emergency_kinds = {c["kind"] for c in account["contacts"] if c["role"] == "emergency"}
    missing = [k for k in ("phone", "email") if k not in emergency_kinds]
    if missing:
        return {"code": "add_emergency_contact", "contact_id": None,
                "message": f"Add an emergency {' and '.join(missing)}: Amazon asks for both."}
    for contact in account["contacts"]:
        step = contact["next_step"]
        if step and step["code"] != "on_hold":
            return {**step, "contact_id": contact["id"]}
    return None


def _alert_summaries(db: Database, items: list[dict]) -> list[dict]:
    """Open alerts with the facts of their policy."""
    facts = policies.facts_by_id(db, (a.get("policy_id") for a in items))
    return [{"id": a["id"], "kind": a["kind"], "title": a["title"], "policy_id": a.get("policy_id"),
             "source_id": a.get("source_id"), "created_at": a["created_at"],
             "facts": facts.get(a.get("policy_id")), "affected": a.get("impact") or []} for a in items]
