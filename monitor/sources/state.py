"""Per-kind source state (``source_kind_state``, migration namespace ``monitor.sources``).

A kind's :meth:`~monitor.sources.base.SourceKind.retrieve` returns its new state (the last UID
per UIDVALIDITY of a mailbox, …); the pipeline stores it here in the same transaction as the
items it goes with, so a state is never ahead of the items. HTTP validators (ETag,
Last-Modified) keep their own columns in ``source_state``.
"""
from __future__ import annotations

from monitor.db import migrate
from monitor.store import dumps, loads, row

NAMESPACE = "monitor.sources"

STEPS: list[str] = [
    """
    CREATE TABLE source_kind_state (
        source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
        state TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
    );
    """,
]


def migrate_state(db) -> int:
    return migrate(db, NAMESPACE, STEPS)


def load(db, source_id: int) -> dict:
    found = row(db, "SELECT state FROM source_kind_state WHERE source_id = ?", [source_id])
    return dict(loads(found["state"], {}) or {}) if found else {}


def save(db, source_id: int, state: dict, now: str) -> None:
    """Call inside the transaction that stores the items."""
    db.execute("""INSERT INTO source_kind_state (source_id, state, updated_at) VALUES (?, ?, ?)
                  ON CONFLICT (source_id) DO UPDATE SET state = excluded.state,
                  updated_at = excluded.updated_at""", [source_id, dumps(state), now])


def forget(db, source_id: int) -> None:
    db.execute("DELETE FROM source_kind_state WHERE source_id = ?", [source_id])
