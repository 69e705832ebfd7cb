"""Seeding helpers shared by the benchmarks and the hardening tests.

Accounts and contacts are inserted with plain SQL in one transaction (the services would run the
phone/email checks once per contact, which is not what these figures are about); the ``checks``
JSON is what the real checks produce for one mobile number and one address, so ``/status`` has
realistic work to do per contact.
"""
from __future__ import annotations

import json
from pathlib import Path

from monitor.db import connect, iso, transaction, utcnow
from server.db import open_db
from server.services import auth
from server.services.checks import check_contact

MARKETPLACES = ["DE", "FR"]


def open_home(home: Path):
    """Open (create and migrate) the database of a data home."""
    return open_db(Path(home) / "sellerguard.db")


def make_user(db, name: str) -> tuple[auth.User, str]:
    """A user and a fresh API token for it."""
    user = auth.create_user(db, name)
    token = auth.create_token(db, user, name="bench")
    return user, token


def seed_accounts(db, user_id: int, n: int, *, contacts_per_account: int = 2) -> None:
    """``n`` accounts selling in DE and FR, each with an emergency phone and an emergency email."""
    phone = check_contact("phone", "+49 151 23456789", MARKETPLACES)
    email = check_contact("email", "ops@example.com", MARKETPLACES, offline=True)
    now = iso(utcnow())
    markets = json.dumps(MARKETPLACES)
    with transaction(db):
        start = db.execute("SELECT COALESCE(MAX(id), 0) FROM accounts").fetchone()[0]
        db.executemany(
            "INSERT INTO accounts (id, user_id, name, merchant_id, marketplaces, created_at, updated_at) "
            "VALUES (?, ?, ?, NULL, ?, ?, ?)",
            [(start + i, user_id, f"Account {i}", markets, now, now) for i in range(1, n + 1)])
        db.sync_ids("accounts")  # PostgreSQL: the identity goes on after the explicit ids
        rows = []
        for i in range(1, n + 1):
            kinds = [("phone", phone), ("email", email)][:contacts_per_account]
            for kind, res in kinds:
                # distinct values, so that nothing per value can be cached across contacts
                value = f"+49151{i:08d}" if kind == "phone" else f"ops{i}@example.com"
                rows.append((user_id, start + i, kind, "emergency", value, json.dumps(res.checks),
                             now, now))
        db.executemany(
            "INSERT INTO contacts (user_id, account_id, kind, role, value, checks, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def count(db, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


__all__ = ["connect", "open_home", "make_user", "seed_accounts", "count"]
