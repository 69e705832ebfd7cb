"""Seller accounts of a user: name, merchant id and the marketplaces they sell in."""
from __future__ import annotations

import json


from monitor import marketplaces as mp
from monitor.db import Database, iso, transaction, utcnow
from server.errors import NotFound, ValidationFailed
from server.services import events

COLUMNS = "id, name, merchant_id, marketplaces, created_at, updated_at"


def _out(row) -> dict:
    return {"id": row[0], "name": row[1], "merchant_id": row[2], "marketplaces": json.loads(row[3]),
            "created_at": row[4], "updated_at": row[5]}


def _name(value: str) -> str:
    name = (value or "").strip()
    if not name:
        raise ValidationFailed(errors={"name": ["Give the account a name (e.g. 'Acme EU')."]})
    return name


def normalise_marketplaces(codes: list[str]) -> list[str]:
    """Known codes, upper case, de-duplicated; at least one (checks and guides depend on it)."""
    if not codes:
        raise ValidationFailed(errors={"marketplaces": [
            "Pick at least one marketplace the account sells in (e.g. DE): contact checks and "
            "the Seller Central guide depend on it."]})
    out, unknown = [], []
    for code in codes:
        try:
            m = mp.get(code)
        except mp.UnknownMarketplace:
            unknown.append(code)
            continue
        if m.code not in out:
            out.append(m.code)
    if unknown:
        raise ValidationFailed(errors={"marketplaces": [
            f"Unknown marketplace {', '.join(map(repr, unknown))}; use one of {', '.join(mp.codes())}."]})
    return out


def get(db: Database, user_id: int, account_id: int) -> dict:
    """:raise NotFound: the account does not exist or belongs to another user (same answer)."""
    row = db.execute(f"SELECT {COLUMNS} FROM accounts WHERE id = ? AND user_id = ?",
                     [account_id, user_id]).fetchone()
    if row is None:
        raise NotFound("No such account.")
    return _out(row)


def list_accounts(db: Database, user_id: int, page: int = 1, per_page: int = 50):
    total = db.scalar("SELECT COUNT(*) FROM accounts WHERE user_id = ?", [user_id])
    rows = db.execute(f"SELECT {COLUMNS} FROM accounts WHERE user_id = ? ORDER BY id LIMIT ? OFFSET ?",
                      [user_id, per_page, (page - 1) * per_page]).fetchall()
    return [_out(r) for r in rows], total


def create(db: Database, user_id: int, data: dict, *, actor: str = "api") -> dict:
    marketplaces = normalise_marketplaces(data.get("marketplaces") or [])
    now = iso(utcnow())
    with transaction(db):
        cur = db.execute(
            "INSERT INTO accounts (user_id, name, merchant_id, marketplaces, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            [user_id, _name(data["name"]), data.get("merchant_id"), json.dumps(marketplaces), now, now])
        account = get(db, user_id, cur.fetchone()["id"])
        events.record(db, user_id, "account.created", "account", account["id"],
                      {"name": account["name"], "marketplaces": marketplaces}, actor=actor)
    return account


def update(db: Database, user_id: int, account_id: int, data: dict, *,
           actor: str = "api") -> tuple[dict, bool]:
    """Change fields; returns (account, marketplaces_changed) so contacts can be re-checked."""
    with transaction(db):
        before = get(db, user_id, account_id)
        changes = {}
        if "name" in data:
            changes["name"] = _name(data["name"])
        if "merchant_id" in data:
            changes["merchant_id"] = data["merchant_id"]
        if "marketplaces" in data:
            changes["marketplaces"] = json.dumps(normalise_marketplaces(data["marketplaces"]))
        if changes:
            changes["updated_at"] = iso(utcnow())
            sets = ", ".join(f"{k} = ?" for k in changes)
            db.execute(f"UPDATE accounts SET {sets} WHERE id = ? AND user_id = ?",
                       [*changes.values(), account_id, user_id])
        after = get(db, user_id, account_id)
        if changes:
            events.record(db, user_id, "account.updated", "account", account_id,
                          {k: after[k] for k in ("name", "merchant_id", "marketplaces") if k in data},
                          actor=actor)
    return after, before["marketplaces"] != after["marketplaces"]


def delete(db: Database, user_id: int, account_id: int, *, actor: str = "api") -> None:
    with transaction(db):
        account = get(db, user_id, account_id)
        db.execute("DELETE FROM accounts WHERE id = ? AND user_id = ?", [account_id, user_id])
        events.record(db, user_id, "account.deleted", "account", account_id,
                      {"name": account["name"]}, actor=actor)
