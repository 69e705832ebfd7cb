"""Fixtures of the hardening suites: a real waitress server in a subprocess on 127.0.0.1."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` (seed helpers, server subprocess) lives at the root
    sys.path.insert(0, str(ROOT))

from bench import seed  # noqa: E402
from bench.common import ServerProcess  # noqa: E402


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


@pytest.fixture
def seeded(home):
    """A data home with one user ``seller`` owning 3 accounts with 2 contacts each."""
    db = seed.open_home(home)
    user, token = seed.make_user(db, "seller")
    seed.seed_accounts(db, user.id, 3)
    db.close()
    return {"home": home, "user": user, "token": token,
            "headers": {"Authorization": f"Bearer {token}"}}


@pytest.fixture
def live_server(seeded):
    """The API under waitress (8 threads, rate limits off) serving the seeded home."""
    with ServerProcess(seeded["home"], threads=8) as server:
        yield server
