"""A send/failure limit configured as 0 refuses with Retry-After (it used to raise IndexError: a 500)."""
from datetime import datetime, timedelta, timezone

import pytest

from monitor import db as mdb
from monitor.db import iso
from server.errors import RateLimited
from server.services.verification import _window_limit


@pytest.fixture
def db(tmp_path):
    conn = mdb.connect(tmp_path / "limits.db")
    conn.execute("CREATE TABLE sends (user_id INTEGER, at TEXT)")
    yield conn
    conn.close()


NOW = datetime(2026, 1, 10, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("limit", [0, -1])
def test_a_zero_limit_refuses_with_the_window_as_retry_after(db, limit):
    with pytest.raises(RateLimited) as exc:
        _window_limit(db, "SELECT at FROM sends WHERE user_id = ?", [1], limit, timedelta(hours=1), NOW,
                      "no sends allowed", "too-many-sends")
    assert exc.value.headers["Retry-After"] == "3600"


def test_a_positive_limit_counts_sends_in_the_window(db):
    for minutes in (50, 20):  # two sends inside the hour
        db.execute("INSERT INTO sends VALUES (1, ?)", [iso(NOW - timedelta(minutes=minutes))])
    _window_limit(db, "SELECT at FROM sends WHERE user_id = ?", [1], 3, timedelta(hours=1), NOW, "m", "s")
    with pytest.raises(RateLimited) as exc:
        _window_limit(db, "SELECT at FROM sends WHERE user_id = ?", [1], 2, timedelta(hours=1), NOW, "m", "s")
    assert exc.value.headers["Retry-After"] == "600"  # the oldest of the two leaves the window in 10 minutes
