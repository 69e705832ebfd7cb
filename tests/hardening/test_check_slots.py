"""On-demand source checks cannot take every request thread (issue 12, item 1): against a real
waitress server, checks of sources that trickle their header bytes hold at most one slot per
user and ``SOURCE_CHECKS_MAX`` (2) in all; more answer 429/503 at once and ``/health`` answers
throughout."""
from __future__ import annotations

import sys
import threading
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "monitor"))

from bench import seed  # noqa: E402
from bench.common import ServerProcess  # noqa: E402
from mon_support import Site, trickle_headers, wait_for  # noqa: E402
from monitor.sources import service as sources  # noqa: E402


@pytest.fixture
def slow_sites():
    sites = [Site(), Site()]
    for s in sites:
        s.route("/feed", handler=trickle_headers(s, interval=0.5, count=2000))
    yield sites
    for s in sites:
        s.close()


@pytest.mark.timeout(180)
def test_checks_are_capped_and_health_answers(home, slow_sites):
    db = seed.open_home(home)
    tokens = [seed.make_user(db, f"user{i}")[1] for i in range(3)]
    ids = [sources.create_source(db, None, {"name": f"slow {i}", "kind": "feed",
                                            "url": s.url("/feed")})["id"]
           for i, s in enumerate(slow_sites)]
    db.close()
    auth = [{"Authorization": f"Bearer {t}"} for t in tokens]
    results: dict[str, httpx.Response] = {}

    with ServerProcess(home, threads=4) as server, httpx.Client(base_url=server.base + "/api/v1",
                                                                 timeout=120) as client:
        def check(label, who, sid):
            results[label] = client.post(f"/sources/{sid}/check", headers=auth[who])

        running = [threading.Thread(target=check, args=("a", 0, ids[0]), daemon=True)]
        running[0].start()
        assert wait_for(lambda: slow_sites[0].hits.get("/feed", 0) >= 1, 30)
        second = client.post(f"/sources/{ids[1]}/check", headers=auth[0], timeout=10)
        assert second.status_code == 429, second.text
        assert second.headers["Content-Type"] == "application/problem+json"
        assert second.headers.get("Retry-After")

        running.append(threading.Thread(target=check, args=("b", 1, ids[1]), daemon=True))
        running[1].start()
        assert wait_for(lambda: slow_sites[1].hits.get("/feed", 0) >= 1, 30)
        third = client.post(f"/sources/{ids[0]}/check", headers=auth[2], timeout=10)
        assert third.status_code == 503, third.text
        assert third.json()["type"].endswith(":checks-busy")

        for _ in range(5):  # the API keeps its threads while both checks hang on their sources
            assert client.get("/health", timeout=5).status_code == 200
            assert client.get("/me", headers=auth[2], timeout=5).status_code == 200

        for s in slow_sites:
            s.stop.set()  # the sources hang up: the checks end and report a failure
        for t in running:
            t.join(90)
        assert results["a"].status_code == 200 and results["a"].json()["ok"] is False
        assert results["b"].status_code == 200 and results["b"].json()["ok"] is False
        again = client.post(f"/sources/{ids[0]}/check", headers=auth[2], timeout=60)
        assert again.status_code == 200  # the slots were given back
