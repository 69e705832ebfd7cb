"""Run every store, API and monitor test on PostgreSQL too.

When ``SELLERGUARD_TEST_POSTGRES`` names a server (``make test-postgres`` starts a throwaway one,
see ``tests/support/postgres.py``), each test gets a fresh database, copied from a template the
migrations built once, and ``SELLERGUARD_DATABASE_URL`` points at it: the app, the CLI, the
monitor and any process a test starts use it instead of the SQLite file. Without it (``make
test``) nothing changes. Tests marked ``sqlite_file`` are about the SQLite file itself
(permissions, WAL files, a second raw connection): they keep SQLite in both runs. Tests marked
``postgres`` are about what only PostgreSQL offers (the shared job queue): in ``make test`` they
start a throwaway server of their own, so they run in both runs too.
"""
from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import pytest

from monitor import db as mdb

ENV = "SELLERGUARD_TEST_POSTGRES"
TEMPLATE = "sg_template"
_numbers = itertools.count(1)


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_file: a test about the embedded SQLite file; "
                                       "it runs on SQLite in the PostgreSQL run as well")
    config.addinivalue_line("markers", "postgres: a test of PostgreSQL-only features; without "
                                       "SELLERGUARD_TEST_POSTGRES it starts its own server")


def _with_db(url: str, name: str) -> str:
    """The server address ``url`` with the database ``name``."""
    return url[: url.rindex("/")] + "/" + name


def _admin(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


@pytest.fixture(scope="session")
def postgres_template():
    url = os.environ.get(ENV)
    if not url:
        yield None
        return
    from server.db import open_db

    with _admin(url) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {TEMPLATE}")
    saved = os.environ.get(mdb.URL_ENV)
    os.environ[mdb.URL_ENV] = _with_db(url, TEMPLATE)
    try:
        open_db(None).close()
    finally:
        if saved is None:
            os.environ.pop(mdb.URL_ENV, None)
        else:
            os.environ[mdb.URL_ENV] = saved
    yield url


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server: the run's (``SELLERGUARD_TEST_POSTGRES``), or a throwaway one."""
    url = os.environ.get(ENV)
    if url:
        yield url
        return
    sys.path.insert(0, str(Path(__file__).parent / "support"))
    import postgres  # tests/support/postgres.py

    with postgres.server() as url:
        yield url


@pytest.fixture(autouse=True)
def database_engine(request, postgres_template, monkeypatch):
    """The engine of this test: a fresh PostgreSQL database, or SQLite (the default)."""
    if postgres_template is None and request.node.get_closest_marker("postgres"):
        server = request.getfixturevalue("postgres_server")
        name = f"q{os.getpid()}_{next(_numbers)}"
        with _admin(server) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        monkeypatch.setenv(mdb.URL_ENV, _with_db(server, name))
        yield "postgresql"
        monkeypatch.delenv(mdb.URL_ENV, raising=False)
        with _admin(server) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        return
    if postgres_template is None or request.node.get_closest_marker("sqlite_file"):
        monkeypatch.delenv(mdb.URL_ENV, raising=False)
        yield "sqlite"
        return
    name = f"t{os.getpid()}_{next(_numbers)}"
    with _admin(postgres_template) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    monkeypatch.setenv(mdb.URL_ENV, _with_db(postgres_template, name))
    yield "postgresql"
    monkeypatch.delenv(mdb.URL_ENV, raising=False)
    with _admin(postgres_template) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
