"""The server's seam with the database: one connection per request (``get_db``), closed at the
end of it, and the migrations of every package applied by ``init_db``.

The schema steps of each package live next to the code that owns the tables; this module only
lists them in the order they must run.
"""
from __future__ import annotations

import importlib
import os
from pathlib import Path

import sqlite_utils
from flask import Flask, current_app, g

from monitor import db as mdb

# (namespace, "module:attribute") — each package owns its tables and its migration list.
MIGRATION_SETS: list[tuple[str, str]] = [
    ("monitor", "monitor.store:STEPS"),
    ("monitor.sources", "monitor.sources.state:STEPS"),
    ("monitor.mail", "monitor.mail.store:STEPS"),
    ("server", "server.schema:MIGRATIONS"),
    ("server.verification", "server.services.verification_schema:STEPS"),
]


def _steps(ref: str):
    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open and migrate the database file (creating it and its folder when missing).

    The folder is made 0700 (an existing one readable by others is tightened, see
    ``config.make_home``) and the file, its ``-wal`` and ``-shm`` are created under a 0077 umask
    and kept 0600: they hold contact values and channel secrets."""
    from server import config as cfg

    path = Path(path)
    cfg.make_home(path.parent)
    old = os.umask(0o077)  # SQLite creates -wal/-shm on first use, like the file itself
    try:
        db = mdb.connect(path)
        for namespace, ref in MIGRATION_SETS:
            mdb.migrate(db, namespace, _steps(ref))
    finally:
        os.umask(old)
    cfg.private_files(path)
    return db


def get_db() -> sqlite_utils.Database:
    """The request's connection, opened on first use."""
    if "db" not in g:
        g.db = mdb.connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


def init_app(app: Flask) -> None:
    """Migrate once at start-up and close each request's connection when it ends."""
    open_db(app.config["DATABASE"]).conn.close()
    app.teardown_appcontext(close_db)
