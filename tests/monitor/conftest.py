"""Fixtures for the monitor's tests (helpers live in mon_support.py)."""
from __future__ import annotations

import pytest

from mon_support import Receiver, Site, stub_analyze
from monitor.config import MonitorConfig
from monitor.db import connect
from monitor.fetch import FetchConfig
from monitor.store import migrate_monitor


@pytest.fixture
def db(tmp_path):
    database = connect(tmp_path / "sellerguard.db")
    migrate_monitor(database)
    yield database
    database.close()


@pytest.fixture
def fast_config():
    return MonitorConfig(
        fetch=FetchConfig(connect_timeout=2, read_timeout=1.5, deadline=3.0, max_bytes=300_000,
                          max_redirects=4),
        workers=4, fetch_grace=2.0, health_threshold=1, backoff_cap=3600,
        delivery_backoff_base=0.0, delivery_max_attempts=3)



@pytest.fixture
def site_factory():
    sites: list[Site] = []

    def make() -> Site:
        s = Site()
        sites.append(s)
        return s

    yield make
    for s in sites:
        s.close()


@pytest.fixture
def site(site_factory):
    return site_factory()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def analyzer():
    return stub_analyze
