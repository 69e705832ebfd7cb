"""Versioned migrations: applied once, in order, never losing data; no downgrade."""
from __future__ import annotations

import pytest

from monitor import db as mdb
from server.db import open_db


def test_reopening_keeps_data_and_versions(tmp_path):
    path = tmp_path / "sg.db"
    db = open_db(path)
    db.execute("INSERT INTO users (name, created_at) VALUES ('kept', 'now')")
    version = mdb.current_version(db, "server")
    db.close()
    db = open_db(path)
    assert db.execute("SELECT name FROM users").fetchall() == [("kept",)]
    assert mdb.current_version(db, "server") == version >= 1
    if db.name == "sqlite":  # the embedded file's settings
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_new_step_applies_to_existing_database(tmp_path):
    db = mdb.connect(tmp_path / "x.db")
    steps = ["CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);"]
    assert mdb.migrate(db, "demo", steps) == 1
    db.execute("INSERT INTO t (a) VALUES ('old row')")
    steps.append("ALTER TABLE t ADD COLUMN b TEXT NOT NULL DEFAULT 'x';\nCREATE INDEX t_b ON t(b);")
    assert mdb.migrate(db, "demo", steps) == 2
    assert db.execute("SELECT a, b FROM t").fetchall() == [("old row", "x")]
    assert mdb.migrate(db, "demo", steps) == 2  # idempotent


def test_failed_step_rolls_back_whole_step(tmp_path):
    db = mdb.connect(tmp_path / "x.db")
    mdb.migrate(db, "demo", ["CREATE TABLE t (id INTEGER PRIMARY KEY);"])
    bad = ["CREATE TABLE t (id INTEGER PRIMARY KEY);", "CREATE TABLE u (id INTEGER);\nTHIS IS NOT SQL;"]
    with pytest.raises(mdb.MigrationError):
        mdb.migrate(db, "demo", bad)
    assert mdb.current_version(db, "demo") == 1
    assert "u" not in db.tables() and "t" in db.tables()


def test_database_newer_than_program_is_refused(tmp_path):
    db = mdb.connect(tmp_path / "x.db")
    mdb.migrate(db, "demo", ["CREATE TABLE a (id INTEGER);", "CREATE TABLE b (id INTEGER);"])
    with pytest.raises(mdb.MigrationError, match="upgrade"):
        mdb.migrate(db, "demo", ["CREATE TABLE a (id INTEGER);"])
