"""Issue 13: several processes on one PostgreSQL — 2 API processes (``serve --no-monitor``) and 3
queue workers (``sellerguard worker``) — polling 500 local feeds on 5 hosts; one worker is killed
with SIGKILL mid-cycle. Every item is stored once, every alert is delivered once per channel, no
source is polled twice in its interval (only a fetch the killed worker never recorded is
repeated), and no host ever sees two requests at once."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from bench import seed
from bench.common import env as child_env
from bench.feeds import FeedFarm
from monitor import channels
from monitor import db as mdb
from monitor.channels import IDEMPOTENCY_HEADER
from monitor.sources.service import import_sources

pytestmark = pytest.mark.postgres

HOSTS, FEEDS_PER_HOST = 5, 100
AMAZON = ("Action required: verify your emergency contact information",
          "Starting March 1, 2025, all sellers in the US store must verify the emergency contact "
          "phone number and email address on their account with a one-time password (OTP) under "
          "Settings &gt; Notification Preferences in Seller Central. Accounts that do not complete "
          "verification by then may have their listings deactivated.")
EBAY = ("eBay sellers: confirm your mobile phone number",
        "Starting June 15, 2025, eBay sellers must confirm the mobile phone number on their account "
        "with a verification code sent by SMS. Sellers who have not confirmed their phone number by "
        "then will not be able to create new listings.")
# the same two announcements, reposted on several feeds of several hosts: two policies
SPECIALS = [{7: AMAZON, 55: AMAZON}, {7: AMAZON}, {30: EBAY}, {30: EBAY, 80: AMAZON}, {}]
SELLERGUARD = [sys.executable, "-m", "server.cli"]


class Hook:
    """A webhook receiver counting deliveries by idempotency key."""

    def __init__(self) -> None:
        self.keys: Counter = Counter()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                hook.keys[self.headers.get(IDEMPOTENCY_HEADER)] += 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"json://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _spawn(args: list[str], log: Path) -> subprocess.Popen:
    root = Path(__file__).resolve().parents[2]
    return subprocess.Popen([*SELLERGUARD, *args], cwd=root, env=child_env(),
                            stdout=open(log, "w"), stderr=subprocess.STDOUT)  # noqa: SIM115


def _api_base(log: Path, proc: subprocess.Popen, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in log.read_text().splitlines():
            if "SellerGuard API on " in line:
                return line.split("SellerGuard API on ", 1)[1].split()[0]
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    raise AssertionError(f"API process did not start: {log.read_text()[-2000:]}")


def _wait(what: str, cond, timeout: float, logs: list[Path]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return
        time.sleep(0.25)
    tails = "\n".join(f"--- {p.name}\n{p.read_text()[-1500:]}" for p in logs)
    raise AssertionError(f"timed out waiting for {what}\n{tails}")


def test_two_apis_and_three_workers_with_one_killed(tmp_path):
    url = os.environ[mdb.URL_ENV]
    home = tmp_path / "home"
    subprocess.run([*SELLERGUARD, "--home", str(home), "init"], env=child_env(), check=True,
                   capture_output=True, cwd=Path(__file__).resolve().parents[2])
    db = mdb.connect(url)
    user, token = seed.make_user(db, "agency")
    hook = Hook()
    channels.add_channel(db, user.id, "hook", hook.url)
    farms = [FeedFarm(FEEDS_PER_HOST, specials=SPECIALS[h]) for h in range(HOSTS)]
    by_url = {farm.url(i): (h, i) for h, farm in enumerate(farms) for i in range(farm.n)}
    with mdb.transaction(db):  # the built-in sources (real sites) stay out of this test
        db.execute("UPDATE sources SET enabled = 0")
    import_sources(db, [s for farm in farms for s in farm.sources()], user_id=None)
    assert db.execute("SELECT COUNT(*) FROM sources WHERE enabled = 1").fetchone()[0] == len(by_url)

    procs: dict[str, subprocess.Popen] = {}
    logs = {name: tmp_path / f"{name}.log" for name in ("api1", "api2", "w1", "w2", "w3")}
    try:
        for name in ("api1", "api2"):
            procs[name] = _spawn(["--home", str(home), "serve", "--no-monitor", "--port", "0"],
                                 logs[name])
        bases = [_api_base(logs[n], procs[n]) for n in ("api1", "api2")]
        def start_worker(name: str) -> None:
            procs[name] = _spawn(["--home", str(home), "worker", "--tick", "2",
                                  "--stalled-after", "3", "--concurrency", "3", "--name", name],
                                 logs[name])

        def worker_ids() -> list[int]:
            if db.execute("SELECT to_regclass('procrastinate_workers')").fetchone()[0] is None:
                return []
            return [r[0] for r in db.execute("SELECT id FROM procrastinate_workers ORDER BY id")]

        start_worker("w1")  # alone at first, so that its id in the queue is known
        _wait("the first worker", worker_ids, 60, [logs["w1"]])
        (victim,) = worker_ids()
        start_worker("w2")
        start_worker("w3")

        # the API keeps taking writes on both processes while the workers poll
        api_failures: list[str] = []
        created: list[int] = []
        stop = threading.Event()

        def client(base: str, n: int) -> None:
            with httpx.Client(base_url=base + "/api/v1", timeout=60, trust_env=False,
                              headers={"Authorization": f"Bearer {token}"}) as c:
                i = 0
                while not stop.is_set() and i < 40:
                    r = c.post("/accounts", json={"name": f"api{n}-{i}", "marketplaces": ["US"]})
                    s = c.get("/status")
                    if r.status_code != 201 or s.status_code != 200:
                        api_failures.append(f"{base}: {r.status_code} {r.text[:200]} / {s.status_code}")
                    else:
                        created.append(r.json()["id"])
                    i += 1

        clients = [threading.Thread(target=client, args=(b, n), daemon=True)
                   for n, b in enumerate(bases)]
        for t in clients:
            t.start()

        total = HOSTS * FEEDS_PER_HOST
        def victim_jobs() -> list[int]:
            return [r[0] for r in db.execute(
                "SELECT id FROM procrastinate_jobs WHERE status = 'doing' AND worker_id = ?",
                [victim])]

        _wait("a third of the feeds fetched, the first worker busy",
              lambda: sum(len(f.fetches) for f in farms) >= total // 3 and victim_jobs(),
              120, list(logs.values()))
        procs["w1"].send_signal(signal.SIGKILL)
        procs["w1"].wait(10)
        killed_jobs = victim_jobs()  # what it had in hand stays "doing" until taken over
        assert killed_jobs
        fetched_at_kill = {(h, i) for h, f in enumerate(farms) for i in list(f.fetches)}
        recorded_at_kill = {by_url[r[0]] for r in db.execute(
            "SELECT s.url FROM sources s JOIN source_state st ON st.source_id = s.id "
            "WHERE st.last_checked_at IS NOT NULL AND s.enabled = 1")}
        assert len(recorded_at_kill) < total, "the cycle was over before the kill"

        def polled_all() -> bool:
            return db.execute("SELECT COUNT(*) FROM sources s JOIN source_state st ON "
                              "st.source_id = s.id WHERE st.last_checked_at IS NOT NULL "
                              "AND s.enabled = 1").fetchone()[0] == total

        specials = sum(len(s) for s in SPECIALS)

        def settled() -> bool:
            # a poll skipped for a busy host also records last_checked_at and is due again
            # shortly: wait for the items too (a lost item then fails as a timeout)
            return (polled_all()
                    and db.execute("SELECT COUNT(*) FROM items").fetchone()[0] >= total * 3 + specials
                    and db.execute("SELECT COUNT(*) FROM items WHERE analyzed_at IS NULL").fetchone()[0] == 0
                    and db.execute("SELECT COUNT(*) FROM alert_deliveries WHERE state <> 'delivered'"
                                   ).fetchone()[0] == 0
                    and db.execute("SELECT COUNT(*) FROM alert_deliveries").fetchone()[0] > 0)

        _wait("every source polled, analysed and alerted", settled, 240,
              [logs[n] for n in ("w1", "w2", "w3")])
        time.sleep(6)  # three more ticks: nothing is polled again within the interval
        for t in clients:
            t.join(120)
        stop.set()

        # every item stored once: three per feed plus the reposted announcements
        n_items, n_distinct = db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT (source_id, guid)) FROM items").fetchone()
        assert (n_items, n_distinct) == (total * 3 + specials, total * 3 + specials)

        # no source polled twice: a second fetch only for what the killed worker had in hand
        counts = {(h, i): f.fetches.get(i, 0) for h, f in enumerate(farms) for i in range(f.n)}
        assert min(counts.values()) == 1
        twice = {k for k, v in counts.items() if v > 1}
        assert twice <= fetched_at_kill - recorded_at_kill, twice
        assert max(counts.values()) <= 2
        # per-host politeness across workers: never two requests at once to one host
        assert [f.max_in_flight for f in farms] == [1] * HOSTS

        # two policies, each alerted once to the agency's channel
        keys = [r[0] for r in db.execute(
            "SELECT d.key FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id "
            "WHERE a.user_id = ?", [user.id])]
        policy_keys = [k for k in keys if k.startswith("policy:")]
        assert len(policy_keys) == 2, keys
        assert set(hook.keys) == set(keys)
        assert all(n == 1 for n in hook.keys.values()), hook.keys

        assert not api_failures, api_failures[:5]
        assert len(created) == 80
        for name in ("api1", "api2", "w2", "w3"):
            assert procs[name].poll() is None, f"{name} died: {logs[name].read_text()[-2000:]}"
        # the killed worker's jobs were taken over, and nothing of a message reached a log
        worker_logs = "".join(logs[n].read_text() for n in ("w2", "w3"))
        assert worker_logs.count("of a worker that stopped") >= len(killed_jobs), worker_logs
        # none of its jobs is left "doing"; each was done by another worker (successful jobs are
        # deleted) or, when the same work was queued again meanwhile (a tick, an analysis run),
        # dropped as failed
        left = {r[0]: (r[1], r[2]) for r in db.execute(
            "SELECT id, status, task_name FROM procrastinate_jobs WHERE id = ANY(?)", [killed_jobs])}
        assert all(status == "failed" for status, _task in left.values()), left
        assert "eBay sellers" not in worker_logs and "JSON Payload" not in worker_logs
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.terminate()
        for p in procs.values():
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
        hook.close()
        for farm in farms:
            farm.close()
        db.close()
        print(json.dumps({n: logs[n].read_text()[-600:] for n in logs}, indent=1))
