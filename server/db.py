"""The server's seam with the database: one connection per request (``get_db``), and the
migrations of every package applied by ``init_db``.

A served app keeps one connection per thread and database file and hands it to each request of
that thread (opening a connection — WAL pragma included — cost more than an unchanged ``/status``
answer); a request that leaves a transaction open has it rolled back at its end. Under
``TESTING`` (hundreds of short-lived apps) each request opens and closes its own.

The schema steps of each package live next to the code that owns the tables; this module only
lists them in the order they must run.
"""
from __future__ import annotations

import importlib
import os
import threading
from pathlib import Path

from flask import Flask, current_app, g

from monitor import db as mdb

# (namespace, "module:attribute") — each package owns its tables and its migration list.
MIGRATION_SETS: list[tuple[str, str]] = [
    ("monitor", "monitor.store:STEPS"),
    ("monitor.sources", "monitor.sources.state:STEPS"),
    ("monitor.mail", "monitor.mail.store:STEPS"),
    ("server", "server.schema:MIGRATIONS"),
    ("server.verification", "server.services.verification_schema:STEPS"),
    ("server.status", "server.services.status_schema:STEPS"),
]


def _steps(ref: str):
    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


def open_db(target: str | Path) -> mdb.Database:
    """Open and migrate the database (``SELLERGUARD_DATABASE_URL`` when set, else ``target``).

    For the SQLite file (created with its folder when missing) the folder is made 0700 (an
    existing one readable by others is tightened, see ``config.make_home``) and the file, its
    ``-wal`` and ``-shm`` are created under a 0077 umask and kept 0600: they hold contact values
    and channel secrets. A PostgreSQL database must exist; its tables are created here."""
    from server import config as cfg

    if mdb.url_from_env() or mdb.is_url(target):
        db = mdb.connect(target)
        for namespace, ref in MIGRATION_SETS:
            mdb.migrate(db, namespace, _steps(ref))
        return db
    path = Path(target)
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


_threads = threading.local()  # {database path: connection} of the serving thread


def get_db() -> mdb.Database:
    """The request's connection, opened (or taken from this thread's) on first use."""
    if "db" not in g:
        path = str(current_app.config["DATABASE"])
        if current_app.config.get("DB_REUSE_CONNECTIONS"):
            conns = _threads.__dict__.setdefault("conns", {})
            if path not in conns:
                conns[path] = mdb.connect(path)
            g.db, g.db_reused = conns[path], True
        else:
            g.db = mdb.connect(path)
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is None:
        return
    if g.pop("db_reused", False):
        if db.in_transaction:  # never hand an open transaction to the next request
            db.rollback()
        return
    db.close()


def init_app(app: Flask) -> None:
    """Migrate once at start-up and close each request's connection when it ends."""
    open_db(app.config["DATABASE"]).close()
    app.config.setdefault("DB_REUSE_CONNECTIONS", not app.testing)
    app.teardown_appcontext(close_db)
