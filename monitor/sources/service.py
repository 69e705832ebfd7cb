"""The sources service: what the server's ``/sources`` API and the CLI call.

A user sees the shipped defaults (``user_id`` NULL) and their own sources, and may change only
their own; touching a default or another user's source raises :class:`NotFound` (the answer does
not reveal whether another user's source exists).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import yaml

from monitor.db import iso, transaction, utcnow
from monitor.errors import NotFound, SourceConfigError
from monitor.redact import redact_text, redact_url
from monitor.sources import state as kind_state
from monitor.sources.base import format_interval, kind_class, validate_source
from monitor.store import dumps, insert, loads, page, row, rows, update

DEFAULTS_FILE = Path(__file__).with_name("defaults.yaml")
_COLUMNS = ("name", "kind", "url", "language", "marketplaces", "interval_s", "official",
            "settings", "enabled")

_SELECT = """SELECT s.*, st.state, st.last_checked_at, st.last_success_at, st.last_error,
                    st.consecutive_failures, st.next_poll_at, st.last_status, st.items_total,
                    st.broken
             FROM sources s LEFT JOIN source_state st ON st.source_id = s.id"""


def public(s: dict, user_id: int | None = None) -> dict:
    settings = loads(s["settings"], {}) if isinstance(s["settings"], str) else s["settings"]
    return {
        "id": s["id"], "name": s["name"], "kind": s["kind"],
        "url": redact_url(s["url"], all_extras=False),  # user:password@, ?apikey= … hidden
        "language": s["language"],
        "marketplaces": loads(s["marketplaces"], []) if isinstance(s["marketplaces"], str)
        else s["marketplaces"],
        "interval": format_interval(s["interval_s"]), "interval_s": s["interval_s"],
        "official": bool(s["official"]), "enabled": bool(s["enabled"]),
        "selectors": settings.get("selectors"), "author_filter": settings.get("author_filter"),
        "settings": _public_settings(s["kind"], settings),
        "shared": s["user_id"] is None,
        "editable": s["user_id"] is not None and (user_id is None or s["user_id"] == user_id),
        "health": {
            "state": s.get("state") or "new", "last_checked_at": s.get("last_checked_at"),
            "last_success_at": s.get("last_success_at"),
            "last_error": redact_text(s.get("last_error")),
            "last_status": s.get("last_status"),
            "consecutive_failures": s.get("consecutive_failures") or 0,
            "next_poll_at": s.get("next_poll_at"), "broken": bool(s.get("broken")),
            "items": s.get("items_total") or 0,
        },
        "created_at": s["created_at"], "updated_at": s["updated_at"],
    }


def _public_settings(kind: str, settings: dict) -> dict:
    """The kind's settings with its secrets masked (a source of an unknown kind shows none)."""
    try:
        return kind_class(kind).public_settings(settings or {})
    except SourceConfigError:
        return {}


def list_sources(db, user_id: int | None, page_no: int = 1, per_page: int = 50) -> dict:
    """Shared defaults and the user's own sources (all sources for ``user_id`` None)."""
    sql, params = _SELECT, []
    if user_id is not None:
        sql += " WHERE s.user_id IS NULL OR s.user_id = ?"
        params.append(user_id)
    result = page(db, sql + " ORDER BY s.user_id IS NOT NULL, s.id", params, page_no, per_page)
    result["items"] = [public(s, user_id) for s in result["items"]]
    return result


def get_source(db, user_id: int | None, source_id: int) -> dict:
    """:raise NotFound: not visible to this user."""
    s = _visible(db, user_id, source_id)
    return public(s, user_id)


def _visible(db, user_id: int | None, source_id: int) -> dict:
    s = row(db, _SELECT + " WHERE s.id = ?", [source_id])
    if not s or (user_id is not None and s["user_id"] not in (None, user_id)):
        raise NotFound(f"source {source_id} not found")
    return s


def _own(db, user_id: int | None, source_id: int) -> dict:
    s = row(db, "SELECT * FROM sources WHERE id = ?", [source_id])
    if not s or s["user_id"] != user_id:
        raise NotFound(f"source {source_id} not found (or not yours to change)")
    return s


def _columns(clean: dict) -> dict:
    return {
        "name": clean["name"], "kind": clean["kind"], "url": clean["url"],
        "language": clean["language"], "marketplaces": dumps(clean["marketplaces"]),
        "interval_s": clean["interval_s"], "official": int(clean["official"]),
        "settings": dumps(clean["settings"]), "enabled": int(clean["enabled"]),
    }


def create_source(db, user_id: int | None, data: dict) -> dict:
    """Create a source for ``user_id`` (None: a shared default, for the operator only).

    :raise SourceConfigError: invalid definition, or the user has this URL already.
    """
    cols = _columns(validate_source(data))
    now = iso(utcnow())
    with transaction(db):
        if row(db, "SELECT id FROM sources WHERE COALESCE(user_id, 0) = COALESCE(?, 0) AND url = ?",
               [user_id, cols["url"]]):
            raise SourceConfigError(f"a source with url {cols['url']} exists already", field="url")
        sid = insert(db, "sources", {"user_id": user_id, **cols, "created_at": now,
                                     "updated_at": now})
        db.execute("INSERT INTO source_state (source_id) VALUES (?) ON CONFLICT DO NOTHING", [sid])
    return get_source(db, user_id, sid)


def update_source(db, user_id: int | None, source_id: int, data: dict) -> dict:
    """Change some fields of the user's own source. :raise NotFound, SourceConfigError."""
    with transaction(db):
        current = _own(db, user_id, source_id)
        cols = _columns(validate_source(data, partial=True, current=current))
        changed = {k: v for k, v in cols.items() if current[k] != v}
        if changed:
            if "url" in changed and row(
                    db, "SELECT id FROM sources WHERE COALESCE(user_id, 0) = COALESCE(?, 0) AND url = ?"
                    " AND id != ?", [user_id, cols["url"], source_id]):
                raise SourceConfigError(f"a source with url {cols['url']} exists already",
                                        field="url")
            update(db, "sources", source_id, {**changed, "updated_at": iso(utcnow())})
            if {"url", "kind", "settings"} & set(changed):
                # a new address or parser: forget validators and poll soon
                db.execute("""UPDATE source_state SET etag = NULL, last_modified = NULL,
                              next_poll_at = NULL WHERE source_id = ?""", [source_id])
            if {"url", "kind"} & set(changed):
                kind_state.forget(db, source_id)  # another mailbox/folder: its own UIDs
    return get_source(db, user_id, source_id)


def delete_source(db, user_id: int | None, source_id: int) -> None:
    """Delete the user's own source with its items. :raise NotFound."""
    with transaction(db):
        _own(db, user_id, source_id)
        db.execute("DELETE FROM sources WHERE id = ?", [source_id])


def check_source(db, user_id: int | None, source_id: int, *, fetcher=None, config=None) -> dict:
    """Fetch and parse a visible source now, without conditional headers and without storing
    anything: ``{"ok", "state", "status", "error", "entries", "sample": [...]}``.
    :raise NotFound."""
    from monitor.config import MonitorConfig
    from monitor.fetch import Fetcher
    from monitor.pipeline import fetch_and_parse

    s = _visible(db, user_id, source_id)
    config = config or MonitorConfig()
    own = fetcher is None
    fetcher = fetcher or Fetcher(config.fetch)
    try:
        out = fetch_and_parse(s, fetcher)
    finally:
        if own:
            fetcher.close()
    if out.error is not None:
        return {"ok": False, "state": getattr(out.error, "state", "failing"),
                "status": out.status, "error": str(out.error), "entries": 0, "sample": []}
    from monitor.items import clean_text

    sample = [{"title": e.title, "link": e.link, "published": e.published, "author": e.author,
               "text": clean_text(e.content)[:300]} for e in (out.entries or [])[:10]]
    return {"ok": True, "state": "ok", "status": out.status, "error": None,
            "entries": len(out.entries or []), "sample": sample}


check_source.__test__ = False


def load_file(path_or_fp: str | Path | IO[str]) -> list[dict]:
    """Read a sources file (YAML, JSON accepted): ``{"sources": [...]}`` or a bare list.
    :raise SourceConfigError: unreadable or wrongly shaped."""
    if hasattr(path_or_fp, "read"):
        text = path_or_fp.read()
        name = getattr(path_or_fp, "name", "<stdin>")
    else:
        try:
            text = Path(path_or_fp).read_text("utf-8")
        except OSError as exc:
            raise SourceConfigError(f"cannot read {path_or_fp}: {exc.strerror}") from None
        name = str(path_or_fp)
    try:
        doc: Any = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise SourceConfigError(f"{name}: not valid YAML/JSON: {exc}") from None
    if isinstance(doc, dict):
        doc = doc.get("sources")
    if not isinstance(doc, list):
        raise SourceConfigError(f"{name}: expected a 'sources:' list")
    return doc


def import_sources(db, entries: list[dict], user_id: int | None = None) -> dict:
    """Create or update sources by URL (within the owner); importing the same entries twice
    changes nothing. All entries are validated before anything is written.

    Returns ``{"created": [ids], "updated": [ids], "unchanged": [ids]}``.
    :raise SourceConfigError: naming the entry (1-based) that is wrong.
    """
    cleaned = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        try:
            clean = _columns(validate_source(entry))
        except SourceConfigError as exc:
            raise SourceConfigError(f"source #{n} ({(entry or {}).get('name', '?')}): {exc}",
                                    field=exc.field) from None
        if clean["url"] in seen:
            raise SourceConfigError(f"source #{n}: url {clean['url']} appears twice", field="url")
        seen.add(clean["url"])
        cleaned.append(clean)
    out: dict[str, list[int]] = {"created": [], "updated": [], "unchanged": []}
    now = iso(utcnow())
    with transaction(db):
        for cols in cleaned:
            current = row(db, "SELECT * FROM sources WHERE COALESCE(user_id, 0) = COALESCE(?, 0) "
                              "AND url = ?", [user_id, cols["url"]])
            if current is None:
                sid = insert(db, "sources", {"user_id": user_id, **cols, "created_at": now,
                                             "updated_at": now})
                db.execute("INSERT INTO source_state (source_id) VALUES (?) ON CONFLICT DO NOTHING", [sid])
                out["created"].append(sid)
                continue
            changed = {k: v for k, v in cols.items() if current[k] != v}
            if changed:
                update(db, "sources", current["id"], {**changed, "updated_at": now})
                out["updated"].append(current["id"])
            else:
                out["unchanged"].append(current["id"])
    return out


def install_defaults(db) -> dict:
    """Import the shipped ``defaults.yaml`` as shared sources (idempotent; call at init)."""
    return import_sources(db, load_file(DEFAULTS_FILE), user_id=None)


def marketplaces_of(db, source_ids) -> list[list[str]]:
    """The marketplace codes of each of these sources (an empty list: a source about every
    marketplace); what the server needs to narrow a policy to the accounts it concerns."""
    ids = sorted({int(i) for i in source_ids if i})
    if not ids:
        return []
    marks = ",".join("?" for _ in ids)
    return [loads(r["marketplaces"], []) or []
            for r in rows(db, f"SELECT marketplaces FROM sources WHERE id IN ({marks})", ids)]
