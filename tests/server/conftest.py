"""Fixtures for server tests: a fresh app on a temporary data home per test, real SQLite file."""
from __future__ import annotations

import itertools

import pytest

from server import create_app
from server.db import get_db
from server.services import auth

_names = itertools.count(1)


@pytest.fixture
def app(tmp_path):
    app = create_app({"HOME": tmp_path / "home", "OFFLINE": True, "MONITOR": False,
                      "TESTING": True})
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    """make_user(name=None) -> (User, headers with its bearer token)."""

    def make(name: str | None = None):
        with app.app_context():
            db = get_db()
            user = auth.create_user(db, name or f"user{next(_names)}")
            token = auth.create_token(db, user, name="test")
        return user, {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
def headers(make_user):
    return make_user("seller")[1]


@pytest.fixture
def account(client, headers):
    """An account selling in DE and FR."""
    r = client.post("/api/v1/accounts", json={"name": "Acme EU", "marketplaces": ["DE", "FR"]},
                    headers=headers)
    assert r.status_code == 201, r.json
    return r.json
