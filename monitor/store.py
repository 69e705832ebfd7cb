"""The monitor's tables (migration namespace ``monitor``) and small row helpers.

Rows that belong to a user carry ``user_id`` (the users table is the server's, so there is no
foreign key to it). A source with ``user_id`` NULL is a shipped default: every user sees it, no user
can change it. Policies are global facts; alerts, deliveries and channels are per user.

JSON columns hold lists and objects as text; :func:`loads` reads them back.
"""
from __future__ import annotations

import json
from typing import Any

from monitor.db import Database, migrate

NAMESPACE = "monitor"

STEPS: list[str] = [
    # 1: the whole first schema
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        user_id INTEGER,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        url TEXT NOT NULL,
        language TEXT,
        marketplaces TEXT NOT NULL DEFAULT '[]',
        interval_s INTEGER NOT NULL DEFAULT 1800,
        official INTEGER NOT NULL DEFAULT 0,
        settings TEXT NOT NULL DEFAULT '{}',
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX sources_owner_url ON sources (ifnull(user_id, 0), url);

    CREATE TABLE source_state (
        source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
        state TEXT NOT NULL DEFAULT 'new',
        etag TEXT,
        last_modified TEXT,
        last_checked_at TEXT,
        last_success_at TEXT,
        last_error TEXT,
        last_status INTEGER,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        next_poll_at TEXT,
        lease_until TEXT,
        broken INTEGER NOT NULL DEFAULT 0,
        outages INTEGER NOT NULL DEFAULT 0,
        items_total INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX source_state_due ON source_state (next_poll_at);

    CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        identity TEXT NOT NULL,
        link_key TEXT,
        guid TEXT,
        url TEXT,
        title TEXT,
        text TEXT NOT NULL DEFAULT '',
        author TEXT,
        language TEXT,
        published_at TEXT,
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        analysis TEXT,
        analyzed_at TEXT,
        label TEXT,
        story TEXT,
        policy_id INTEGER,
        UNIQUE (source_id, identity)
    );
    CREATE INDEX items_link_key ON items (source_id, link_key);
    CREATE INDEX items_pending ON items (analyzed_at) WHERE analyzed_at IS NULL;
    CREATE INDEX items_story ON items (story);

    CREATE TABLE policies (
        id INTEGER PRIMARY KEY,
        story TEXT NOT NULL UNIQUE,
        title TEXT,
        url TEXT,
        canonical_item_id INTEGER,
        official INTEGER NOT NULL DEFAULT 0,
        marketplace TEXT,
        facts TEXT NOT NULL DEFAULT '{}',
        dates TEXT NOT NULL DEFAULT '[]',
        retroactive INTEGER NOT NULL DEFAULT 0,
        score REAL,
        first_seen_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1
    );

    CREATE TABLE policy_items (
        policy_id INTEGER NOT NULL REFERENCES policies (id) ON DELETE CASCADE,
        item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (policy_id, item_id)
    );

    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL UNIQUE,
        policy_id INTEGER REFERENCES policies (id) ON DELETE SET NULL,
        source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        impact TEXT NOT NULL DEFAULT '[]',
        state TEXT NOT NULL DEFAULT 'open',
        created_at TEXT NOT NULL,
        acked_at TEXT
    );
    CREATE INDEX alerts_user_state ON alerts (user_id, state);

    CREATE TABLE channels (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        url TEXT NOT NULL,
        purposes TEXT NOT NULL DEFAULT '["alerts"]',
        created_at TEXT NOT NULL,
        UNIQUE (user_id, name)
    );

    CREATE TABLE alert_deliveries (
        id INTEGER PRIMARY KEY,
        alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL,
        key TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at TEXT NOT NULL,
        claimed_until TEXT,
        delivered_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX alert_deliveries_due ON alert_deliveries (state, next_attempt_at);
    """,
]


def migrate_monitor(db: Database) -> int:
    """Create or upgrade the monitor's tables; returns the schema version."""
    version = migrate(db, NAMESPACE, STEPS)
    from monitor.sources.state import migrate_state  # the sources' and mail's own tables
    from monitor.mail.store import migrate_mail

    migrate_state(db)
    migrate_mail(db)
    return version


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(value: str | None, default: Any = None) -> Any:
    if value is None or value == "":
        return default
    return json.loads(value)


def row(db: Database, sql: str, params: list | tuple | dict = ()) -> dict | None:
    found = db.execute(sql, params).fetchone()
    return None if found is None else found.as_dict()


def rows(db: Database, sql: str, params: list | tuple | dict = ()) -> list[dict]:
    return [r.as_dict() for r in db.execute(sql, params)]


def insert(db: Database, table: str, values: dict, *, or_ignore: bool = False) -> int | None:
    """INSERT through ``db.execute`` (so it joins the caller's transaction); returns the new id,
    or None when ``or_ignore`` skipped a duplicate."""
    return db.insert(table, values, or_ignore=or_ignore)


def update(db: Database, table: str, pk: int, values: dict, pk_col: str = "id") -> None:
    if not values:
        return
    sets = ", ".join(f"{c} = ?" for c in values)
    db.execute(f"UPDATE {table} SET {sets} WHERE {pk_col} = ?", [*values.values(), pk])


def page(db: Database, sql: str, params: list, page_no: int, per_page: int) -> dict:
    """Paginate a SELECT: ``{"items", "total", "page", "per_page"}`` (page numbers start at 1)."""
    page_no = max(1, int(page_no or 1))
    per_page = max(1, min(500, int(per_page or 50)))
    total = db.scalar(f"SELECT COUNT(*) FROM ({sql}) AS paged", params)
    items = rows(db, f"{sql} LIMIT ? OFFSET ?", [*params, per_page, (page_no - 1) * per_page])
    return {"items": items, "total": total, "page": page_no, "per_page": per_page}
