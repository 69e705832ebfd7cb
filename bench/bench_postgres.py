"""The figures of ``bench_api`` and ``bench_monitor`` again on PostgreSQL (issue 13), beside
SQLite's: ``/status`` of a 10,000-account agency, the first poll and the 304 re-poll of 5,000
feeds (``run_once`` in one process), and the same 5,000 feeds on 5 hosts polled through the job
queue by 3 ``sellerguard worker`` processes.

The server is a throwaway PostgreSQL on loopback (``tests/support/postgres.py``: Debian's
``postgresql`` package, fsync off — a benchmark of our SQL, not of the disk). Without it the
module reports "not measured". Nothing here asserts a timing.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import seed
from bench.bench_api import CONCURRENCY, _drive, _rows
from bench.bench_monitor import _poll
from bench.common import PYTHON, ROOT, ServerProcess, env, row
from bench.feeds import ITEMS, FeedFarm

sys.path.insert(0, str(ROOT / "tests" / "support"))
import postgres as pg  # noqa: E402  (tests/support/postgres.py)

URL_ENV = "SELLERGUARD_DATABASE_URL"


def _database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return server[: server.rindex("/")] + "/" + name


def _api(server: str, accounts: int, quick: bool) -> list[dict]:
    os.environ[URL_ENV] = _database(server, "bench_api")
    out: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="sg-bench-pg-") as tmp:
        home = Path(tmp)
        db = seed.open_home(home)
        user, token = seed.make_user(db, "agency")
        seed.seed_accounts(db, user.id, accounts)
        db.close()
        with ServerProcess(home) as srv:
            base = srv.base + "/api/v1"
            how = (f"PostgreSQL; waitress 4 threads, subprocess; driver: separate process, "
                   f"{CONCURRENCY} keep-alive clients on 127.0.0.1")
            _drive(base + "/status", 2, 60, token)
            r = _drive(base + "/status", 300 if not quick else 50, 20.0, token, "--if-none-match")
            out += _rows(f"PostgreSQL: GET /status unchanged (304), {accounts:,} accounts", r, how, ok="304")
            r = _drive(base + "/status", 300 if not quick else 50, 20.0, token)
            out += _rows(f"PostgreSQL: GET /status (no ETag), {accounts:,} accounts", r, how)
    for r in out:
        r["group"] = "postgres"
    return out


def _monitor(server: str, n: int) -> list[dict]:
    os.environ[URL_ENV] = _database(server, "bench_mon")
    g = f"PostgreSQL: monitor, {n:,} feeds"
    with FeedFarm(n) as farm:
        first = _poll(farm, "unused-with-database-url", n, "first")
        again = _poll(farm, "unused-with-database-url", n, "repoll")
    return [
        row("postgres", f"{g}: first poll, wall", round(first["wall_s"], 2), "s",
            f"run_once(all=True), one process, one host; {first['requests']} requests, "
            f"{first['new_items']} new items ({ITEMS}/feed)", raw=first),
        row("postgres", f"{g}: re-poll (304), wall", round(again["wall_s"], 2), "s",
            f"{again['requests_304']} answered 304", raw=again),
        row("postgres", f"{g}: first poll, CPU per source", round(first["cpu_s"] / n * 1000, 2), "ms",
            "time.process_time() of the poll process / sources"),
    ]


def _queue(server: str, n: int, hosts: int = 5, workers: int = 3) -> list[dict]:
    url = os.environ[URL_ENV] = _database(server, "bench_queue")
    from monitor import db as mdb
    from monitor.sources.service import import_sources

    farms = [FeedFarm(n // hosts) for _ in range(hosts)]
    procs: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="sg-bench-q-") as tmp:
        home = Path(tmp) / "home"
        subprocess.run([PYTHON, "-m", "server.cli", "--home", str(home), "init"], cwd=ROOT,
                       env=env(), check=True, capture_output=True)
        db = mdb.connect(url)
        try:
            with mdb.transaction(db):
                db.execute("UPDATE sources SET enabled = 0")
            import_sources(db, [s for f in farms for s in f.sources()], user_id=None)
            start = time.monotonic()
            for k in range(workers):
                procs.append(subprocess.Popen(
                    [PYTHON, "-m", "server.cli", "--home", str(home), "worker", "--tick", "2",
                     "--concurrency", "4", "--name", f"bench{k}"], cwd=ROOT, env=env(),
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            polled = 0
            deadline = start + 900
            while time.monotonic() < deadline:
                polled = db.execute("SELECT COUNT(*) FROM sources s JOIN source_state st ON "
                                    "st.source_id = s.id WHERE s.enabled = 1 AND "
                                    "st.last_checked_at IS NOT NULL").fetchone()[0]
                if polled >= n:
                    break
                time.sleep(0.25)
            wall = time.monotonic() - start
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                p.wait(30)
            db.close()
            for f in farms:
                f.close()
    return [row("postgres", f"PostgreSQL: queue, {n:,} feeds on {hosts} hosts, {workers} workers: "
                "first poll, wall", round(wall, 2), "s",
                f"from starting `sellerguard worker` ×{workers} (4 jobs each, tick 2 s) until every "
                f"source was recorded ({polled:,} of {n:,}); one request per host at a time across "
                "workers, so 5 hosts bound the parallelism; worker start-up included")]


def run(quick: bool = False) -> list[dict]:
    saved = os.environ.get(URL_ENV)
    try:
        with pg.server() as server:
            out = _api(server, 1000 if quick else 10_000, quick)
            out += _monitor(server, 1000 if quick else 5000)
            out += _queue(server, 500 if quick else 5000)
            return out
    except pg.PostgresUnavailable as exc:
        return [row("postgres", "PostgreSQL figures", None, f"not measured: {exc}", "")]
    finally:
        if saved is None:
            os.environ.pop(URL_ENV, None)
        else:
            os.environ[URL_ENV] = saved


if __name__ == "__main__":
    import json

    print(json.dumps(run(quick=True), indent=1, default=str))
