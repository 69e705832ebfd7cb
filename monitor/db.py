"""The one SQLite file: connections, transactions and versioned migrations.

Every package owns its tables and registers its own migration list under a namespace
(``monitor``, ``server``, ``server.verification``); :func:`migrate` applies the missing steps in order, each in
its own transaction, and records them in ``schema_migrations``. A step is never edited once
released: a new version is a new step, so an existing database never loses data.

Connections run in autocommit mode; writers group their statements in :func:`transaction`, which
takes the write lock up front (``BEGIN IMMEDIATE``) so that two writers queue on the busy timeout
instead of failing with "database is locked" when a read transaction tries to upgrade.
Inside a transaction use ``db.execute``; sqlite-utils' own write helpers commit on their own.
"""
from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

BUSY_TIMEOUT_MS = 10_000

Step = str | Callable[[sqlite_utils.Database], None]

_local = threading.local()


class MigrationError(RuntimeError):
    """A migration step failed; the database is left at the previous version."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(dt: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, seconds precision — the one timestamp format we store."""
    if dt is None:
        return None
    return dt.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open the database file in WAL mode with a busy timeout and foreign keys on."""
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return sqlite_utils.Database(conn)


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction (``BEGIN IMMEDIATE``); nested calls become savepoints."""
    conn = db.conn
    if conn.in_transaction:
        name = f"sp_{id(object())}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _statements(script: str) -> Iterator[str]:
    """Split a script into complete statements (sqlite3.complete_statement knows the grammar)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf
            buf = ""
    if buf.strip():
        raise MigrationError(f"incomplete SQL statement: {buf.strip()[:80]}")


def current_version(db: sqlite_utils.Database, namespace: str) -> int:
    _ensure_migrations_table(db)
    row = db.execute(
        "SELECT MAX(version) FROM schema_migrations WHERE namespace = ?", [namespace]
    ).fetchone()
    return row[0] or 0


def _ensure_migrations_table(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " namespace TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL,"
        " PRIMARY KEY (namespace, version))"
    )


def migrate(db: sqlite_utils.Database, namespace: str, steps: Sequence[Step]) -> int:
    """Apply the steps of ``namespace`` not yet applied; returns the new version."""
    version = current_version(db, namespace)
    if version > len(steps):
        raise MigrationError(
            f"database has {namespace} version {version}, this program knows {len(steps)}: "
            "upgrade SellerGuard instead of downgrading the database"
        )
    for number, step in enumerate(steps[version:], start=version + 1):
        try:
            with transaction(db):
                if callable(step):
                    step(db)
                else:
                    for statement in _statements(step):
                        db.execute(statement)
                db.execute(
                    "INSERT INTO schema_migrations (namespace, version, applied_at) VALUES (?, ?, ?)",
                    [namespace, number, iso(utcnow())],
                )
        except sqlite3.Error as exc:
            raise MigrationError(f"{namespace} migration {number} failed: {exc}") from exc
        version = number
    return version
