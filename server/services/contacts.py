"""Contacts of seller accounts: normalised value, checks, local and marketplace status, hold."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date


from monitor.db import Database, iso, transaction, utcnow
from server.errors import Conflict, NotFound, ValidationFailed
from server.services import accounts, events
from server.services.checks import CheckError, check_contact
from server.services.masking import mask

COLUMNS = ("id, account_id, kind, role, value, checks, local_status, local_verified_at, "
           "amazon_status, amazon_status_source, amazon_status_at, on_hold_until, hold_reason, "
           "created_at, updated_at")

AMAZON_STATUSES = ("unknown", "unverified", "verified")
ROLES = ("emergency", "primary", "other")
KINDS = ("email", "phone")


@dataclass(frozen=True)
class CheckSettings:
    offline: bool = False
    timeout: float = 2.0
    nameserver: str | None = None

    @classmethod
    def from_config(cls, config) -> CheckSettings:
        return cls(bool(config.get("OFFLINE")), float(config.get("DNS_TIMEOUT", 2.0)),
                   config.get("DNS_NAMESERVER") or None)


def out(row) -> dict:
    return {
        "id": row[0], "account_id": row[1], "kind": row[2], "role": row[3], "value": row[4],
        "masked": mask(row[2], row[4]), "checks": json.loads(row[5]), "local_status": row[6],
        "local_verified_at": row[7],
        "amazon_status": {"status": row[8], "source": row[9], "at": row[10]},
        "on_hold_until": row[11], "hold_reason": row[12], "created_at": row[13], "updated_at": row[14],
    }


def get(db: Database, user_id: int, contact_id: int) -> dict:
    """:raise NotFound: no such contact for this user (another user's contact gets the same answer)."""
    row = db.execute(f"SELECT {COLUMNS} FROM contacts WHERE id = ? AND user_id = ?",
                     [contact_id, user_id]).fetchone()
    if row is None:
        raise NotFound("No such contact.")
    return out(row)


def list_for_account(db: Database, user_id: int, account_id: int, page: int = 1,
                     per_page: int = 50):
    accounts.get(db, user_id, account_id)
    total = db.scalar("SELECT COUNT(*) FROM contacts WHERE account_id = ? AND user_id = ?",
                      [account_id, user_id])
    rows = db.execute(
        f"SELECT {COLUMNS} FROM contacts WHERE account_id = ? AND user_id = ? "
        "ORDER BY CASE role WHEN 'emergency' THEN 0 WHEN 'primary' THEN 1 ELSE 2 END, id "
        "LIMIT ? OFFSET ?", [account_id, user_id, per_page, (page - 1) * per_page]).fetchall()
    return [out(r) for r in rows], total


def _run_checks(kind: str, value: str, marketplaces: list[str], settings: CheckSettings):
    try:
        return check_contact(kind, value, marketplaces, offline=settings.offline,
                             timeout=settings.timeout, nameserver=settings.nameserver)
    except CheckError as exc:
        raise ValidationFailed(errors={"value": [str(exc)]}) from None


def _ensure_unique(db, account_id: int, kind: str, value: str, exclude: int | None = None) -> None:
    # case-insensitively: Ops@, OPS@ and ops@ are one mailbox (and one limits budget)
    row = db.execute("SELECT id FROM contacts WHERE account_id = ? AND kind = ? AND "
                     "lower(value) = lower(?) AND id != ?",
                     [account_id, kind, value, exclude or -1]).fetchone()
    if row:
        raise Conflict("This account already has this contact.", contact_id=row[0])


def create(db: Database, user_id: int, account_id: int, data: dict,
           settings: CheckSettings, *, actor: str = "api") -> dict:
    account = accounts.get(db, user_id, account_id)
    result = _run_checks(data["kind"], data["value"], account["marketplaces"], settings)  # DNS: outside the lock
    now = iso(utcnow())
    with transaction(db):
        accounts.get(db, user_id, account_id)
        _ensure_unique(db, account_id, data["kind"], result.value)
        cur = db.execute(
            "INSERT INTO contacts (user_id, account_id, kind, role, value, checks, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [user_id, account_id, data["kind"], data.get("role", "emergency"), result.value,
             json.dumps(result.checks), now, now])
        contact = get(db, user_id, cur.fetchone()["id"])
        events.record(db, user_id, "contact.created", "contact", contact["id"],
                      {"account_id": account_id, "kind": contact["kind"], "role": contact["role"],
                       "value": contact["masked"],
                       "warnings": [w["code"] for w in result.checks["warnings"]]}, actor=actor)
    return contact


def update(db: Database, user_id: int, contact_id: int, data: dict,
           settings: CheckSettings, *, actor: str = "api") -> tuple[dict, bool]:
    """Change role and/or value. A new value is re-checked and resets both verification states.
    Returns (contact, value_changed)."""
    before = get(db, user_id, contact_id)
    result = None
    if "value" in data:
        account = accounts.get(db, user_id, before["account_id"])
        result = _run_checks(before["kind"], data["value"], account["marketplaces"], settings)
    now = iso(utcnow())
    with transaction(db):
        current = get(db, user_id, contact_id)
        changes: dict = {}
        if "role" in data and data["role"] != current["role"]:
            changes["role"] = data["role"]
        value_changed = result is not None and result.value != current["value"]
        if value_changed and result.value.lower() == current["value"].lower():
            _ensure_unique(db, current["account_id"], current["kind"], result.value,
                           exclude=contact_id)
        if result is not None:
            changes["checks"] = json.dumps(result.checks)
        if value_changed:
            _ensure_unique(db, current["account_id"], current["kind"], result.value, exclude=contact_id)
            changes.update(value=result.value, local_status="unverified", local_verified_at=None,
                           amazon_status="unknown", amazon_status_source=None, amazon_status_at=None)
        if changes:
            changes["updated_at"] = now
            sets = ", ".join(f"{k} = ?" for k in changes)
            db.execute(f"UPDATE contacts SET {sets} WHERE id = ? AND user_id = ?",
                       [*changes.values(), contact_id, user_id])
        contact = get(db, user_id, contact_id)
        if value_changed:
            events.record(db, user_id, "contact.value_changed", "contact", contact_id,
                          {"from": current["masked"], "to": contact["masked"],
                           "local_status": "unverified"}, actor=actor)
        elif changes:
            events.record(db, user_id, "contact.updated", "contact", contact_id,
                          {k: contact[k] for k in ("role",) if k in changes}, actor=actor)
    return contact, value_changed


def recheck_account(db: Database, user_id: int, account_id: int,
                    settings: CheckSettings) -> None:
    """Re-run phone checks after the account's marketplaces changed (local-ness depends on them)."""
    account = accounts.get(db, user_id, account_id)
    items, _ = list_for_account(db, user_id, account_id, 1, 10_000)
    for contact in items:
        if contact["kind"] != "phone":
            continue
        try:
            result = check_contact("phone", contact["value"], account["marketplaces"])
        except CheckError:
            continue
        with transaction(db):
            db.execute("UPDATE contacts SET checks = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                       [json.dumps(result.checks), iso(utcnow()), contact["id"], user_id])


def delete(db: Database, user_id: int, contact_id: int, *, actor: str = "api") -> None:
    with transaction(db):
        contact = get(db, user_id, contact_id)
        db.execute("DELETE FROM contacts WHERE id = ? AND user_id = ?", [contact_id, user_id])
        events.record(db, user_id, "contact.deleted", "contact", contact_id,
                      {"account_id": contact["account_id"], "value": contact["masked"]}, actor=actor)


def set_amazon_status(db: Database, user_id: int, contact_id: int, status: str,
                      source: str, *, actor: str = "api") -> dict:
    """Record what the seller or the extension saw in Seller Central."""
    if status not in AMAZON_STATUSES:
        raise ValidationFailed(errors={"status": [f"Use one of {', '.join(AMAZON_STATUSES)}."]})
    now = iso(utcnow())
    with transaction(db):
        before = get(db, user_id, contact_id)
        db.execute("UPDATE contacts SET amazon_status = ?, amazon_status_source = ?, amazon_status_at = ?, "
                   "updated_at = ? WHERE id = ? AND user_id = ?",
                   [status, source, now, now, contact_id, user_id])
        if before["amazon_status"]["status"] != status:
            events.record(db, user_id, "contact.amazon_status", "contact", contact_id,
                          {"from": before["amazon_status"]["status"], "to": status, "source": source},
                          actor=actor)
        return get(db, user_id, contact_id)


def set_hold(db: Database, user_id: int, contact_id: int, until: date | None,
             reason: str | None = None, *, actor: str = "api") -> dict:
    """Put a contact on hold until a date (None lifts the hold)."""
    if until is not None and until <= utcnow().date():
        raise ValidationFailed(errors={"until": ["The hold must end after today."]})
    now = iso(utcnow())
    with transaction(db):
        get(db, user_id, contact_id)
        db.execute("UPDATE contacts SET on_hold_until = ?, hold_reason = ?, updated_at = ? "
                   "WHERE id = ? AND user_id = ?",
                   [until.isoformat() if until else None, reason if until else None, now,
                    contact_id, user_id])
        events.record(db, user_id, "contact.hold" if until else "contact.hold_lifted", "contact",
                      contact_id, {"until": until.isoformat() if until else None}, actor=actor)
        return get(db, user_id, contact_id)
