"""Files private (issue 12, item 7): the database, its -wal and -shm are 0600 in a 0700 home;
an existing home that others can read is tightened, with a warning."""
from __future__ import annotations

import logging
import sqlite3
import stat
from pathlib import Path

import pytest

from server import create_app

pytestmark = pytest.mark.sqlite_file  # the embedded file's permissions

API = "/api/v1"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_home_and_database_files_are_private(tmp_path, make_user, app, client):
    home = Path(app.config["HOME"])
    db = Path(app.config["DATABASE"])
    keep = sqlite3.connect(db)  # an open reader keeps -wal and -shm in place
    keep.execute("SELECT COUNT(*) FROM users").fetchone()
    _, headers = make_user()
    assert client.post(f"{API}/accounts", json={"name": "A", "marketplaces": ["DE"]},
                       headers=headers).status_code == 201
    files = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), home / "secret.key"]
    assert all(f.exists() for f in files)
    keep.close()
    assert _mode(home) == 0o700
    for f in files:
        if f.exists():
            assert _mode(f) == 0o600, (f.name, oct(_mode(f)))


def test_an_open_home_is_tightened_with_a_warning(tmp_path, caplog):
    home = tmp_path / "home"
    create_app({"HOME": home, "OFFLINE": True, "MONITOR": False})
    home.chmod(0o755)
    db = home / "sellerguard.db"
    db.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="sellerguard.files"):
        create_app({"HOME": home, "OFFLINE": True, "MONITOR": False})
    assert _mode(home) == 0o700 and _mode(db) == 0o600
    assert any("readable by others" in r.getMessage() for r in caplog.records)
