"""The audit trail: every change is an event of its user. Values in ``data`` are already masked."""
from __future__ import annotations

import json


from monitor.db import Database, iso, utcnow


def record(db: Database, user_id: int, type_: str, subject_type: str | None,
           subject_id: int | None, data: dict | None = None, *, actor: str = "api") -> None:
    db.execute(
        "INSERT INTO events (user_id, at, actor, type, subject_type, subject_id, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [user_id, iso(utcnow()), actor, type_, subject_type, subject_id,
         json.dumps(data or {}, ensure_ascii=False)],
    )


def list_events(db: Database, user_id: int, page: int, per_page: int,
                subject_type: str | None = None, subject_id: int | None = None):
    where, params = "user_id = ?", [user_id]
    if subject_type:
        where += " AND subject_type = ?"
        params.append(subject_type)
    if subject_id is not None:
        where += " AND subject_id = ?"
        params.append(subject_id)
    total = db.scalar(f"SELECT COUNT(*) FROM events WHERE {where}", params)
    rows = db.execute(
        f"SELECT id, at, actor, type, subject_type, subject_id, data FROM events WHERE {where} "
        "ORDER BY id DESC LIMIT ? OFFSET ?",
        [*params, per_page, (page - 1) * per_page],
    ).fetchall()
    items = [
        {**r.as_dict(), "data": json.loads(r["data"])}
        for r in rows
    ]
    return items, total
