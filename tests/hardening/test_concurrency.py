"""The API under concurrent clients (threads against a real waitress server on 127.0.0.1) while
the monitor writes to the same SQLite file (``run_once`` against local feeds, repeatedly, in a
thread of this process): no "database is locked", no 5xx, no lost write. Figures are printed
(run with ``-s``) for the hardening note; nothing asserts a timing."""
from __future__ import annotations

import threading
import time

import httpx

from bench import seed
from bench.feeds import FeedFarm
from monitor import pipeline
from monitor.sources.service import import_sources

CLIENTS = 8
WRITES_PER_CLIENT = 25
FEEDS = 40


def _stub(record: dict) -> dict:
    return {"id": record["id"], "label": "unrelated", "score": 0.0, "reasons": ["stub"],
            "facts": {}, "story": f"s-{record['id']}"}


def test_api_writes_while_monitor_writes(live_server, seeded):
    farm = FeedFarm(FEEDS)
    db = seed.connect(seeded["home"] / "sellerguard.db")
    import_sources(db, farm.sources(), user_id=None)
    stop = threading.Event()
    monitor_cycles, monitor_errors = [0], []

    def monitor_loop():
        mdb = seed.connect(seeded["home"] / "sellerguard.db")
        try:
            while not stop.is_set():
                farm.version += 1  # every feed changes: each cycle stores new items
                summary = pipeline.run_once(mdb, all=True, analyzer=_stub, deliver=False)
                monitor_errors.extend(summary.errors)
                monitor_cycles[0] += 1
        except Exception as exc:  # noqa: BLE001 - reported below
            monitor_errors.append(repr(exc))
        finally:
            mdb.close()

    created: list[int] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client(n: int):
        with httpx.Client(base_url=live_server.base + "/api/v1", headers=seeded["headers"],
                          timeout=60, trust_env=False) as c:
            for i in range(WRITES_PER_CLIENT):
                r = c.post("/accounts", json={"name": f"c{n}-{i}", "marketplaces": ["DE"]})
                if r.status_code != 201:
                    with lock:
                        failures.append(f"POST {r.status_code} {r.text[:200]}")
                    continue
                aid = r.json()["id"]
                r2 = c.post(f"/accounts/{aid}/contacts",
                            json={"kind": "phone", "role": "emergency", "value": f"+4915{n:02d}{i:07d}"})
                s = c.get("/status")
                with lock:
                    created.append(aid)
                    for resp in (r2, s):
                        if resp.status_code >= 300:
                            failures.append(f"{resp.request.method} {resp.url.path} "
                                            f"{resp.status_code} {resp.text[:200]}")

    mon = threading.Thread(target=monitor_loop, daemon=True)
    mon.start()
    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(240)
    api_s = time.perf_counter() - started
    stop.set()
    mon.join(120)
    farm.close()

    accounts = db.execute("SELECT COUNT(*) FROM accounts WHERE name LIKE 'c%-%'").fetchone()[0]
    contacts = db.execute("SELECT COUNT(*) FROM contacts c JOIN accounts a ON a.id = c.account_id"
                          " WHERE a.name LIKE 'c%-%'").fetchone()[0]
    items = db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    events = db.execute("SELECT COUNT(*) FROM events WHERE type = 'account.created'").fetchone()[0]
    db.close()
    print(f"\nconcurrency: {CLIENTS} clients x {WRITES_PER_CLIENT} (POST account, POST contact, "
          f"GET status) in {api_s:.1f} s; monitor cycles {monitor_cycles[0]} over {FEEDS} feeds, "
          f"{items} items stored; accounts {accounts}, contacts {contacts}, failures "
          f"{len(failures)}, monitor errors {len(monitor_errors)}")

    assert not [f for f in failures if "locked" in f.lower()]
    assert failures == []
    assert monitor_errors == [] and monitor_cycles[0] >= 1
    assert accounts == len(created) == CLIENTS * WRITES_PER_CLIENT
    assert contacts == accounts
    assert events >= accounts
    assert items >= FEEDS * 3  # the monitor's writes were kept too
