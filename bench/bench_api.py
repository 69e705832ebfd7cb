"""API throughput and latency: ``GET /api/v1/status`` for users with 10, 1,000 and 10,000
accounts (2 contacts each) beside ``GET /api/v1/health`` (no auth, no database) as the ceiling.

One waitress server (4 threads, rate limits off) in a subprocess; the load driver
(``bench.load``) in a second process on loopback, 4 concurrent keep-alive clients, a fixed
request count per figure and a time bound. Both share the machine's cores, so the figures are
a floor for a real client on another host.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from bench import seed
from bench.common import ServerProcess, row, run_json

# (accounts, query, requests, max seconds)
SCENARIOS = [(10, "", 1000, 15.0), (1000, "", 200, 20.0), (10_000, "", 30, 40.0),
             (10_000, "?per_page=100", 200, 20.0)]
HEALTH = (2000, 15.0)
CONCURRENCY = 4


def _drive(url: str, requests: int, max_s: float, token: str | None) -> dict:
    args = ["-m", "bench.load", url, "--requests", str(requests), "--concurrency",
            str(CONCURRENCY), "--max-seconds", str(max_s)]
    if token:
        args += ["--token", token]
    return run_json(args, timeout=max_s + 180)


def _rows(name: str, r: dict, how: str) -> list[dict]:
    note = f"{r['ok']} of {r['requested']} requests answered 200"
    if r["stopped_early"]:
        note += " (stopped at the time bound)"
    if r["errors"] or set(r["statuses"]) - {"200"}:
        note += f"; statuses {r['statuses']}, errors {r['errors']}"
    how = f"{how}; {note}"
    return [
        row("api", f"{name}: throughput", round(r["rps"] or 0, 1), "req/s", how, raw=r),
        row("api", f"{name}: p50 latency", round(r["p50_ms"], 1), "ms", how),
        row("api", f"{name}: p99 latency", round(r["p99_ms"], 1), "ms", how),
    ]


def run(quick: bool = False) -> list[dict]:
    scenarios = SCENARIOS if not quick else [(10, "", 200, 5.0), (1000, "", 20, 10.0)]
    health = HEALTH if not quick else (300, 5.0)
    out: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="sg-bench-api-") as tmp:
        home = Path(tmp)
        db = seed.open_home(home)
        tokens = {}
        for n in sorted({s[0] for s in scenarios}):
            user, token = seed.make_user(db, f"bench{n}")
            seed.seed_accounts(db, user.id, n)
            tokens[n] = token
        db.conn.close()
        with ServerProcess(home) as server:
            base = server.base + "/api/v1"
            how = (f"waitress 4 threads, subprocess; driver: separate process, {CONCURRENCY} "
                   "keep-alive clients on 127.0.0.1")
            # warm-up (imports, first connection, SQLite page cache)
            _drive(base + "/health", 20, 10, None)
            r = _drive(base + "/health", health[0], health[1], None)
            out += _rows("GET /health (ceiling)", r, how)
            for n, query, requests, max_s in scenarios:
                # warm-up: the first answer also fills the server's masking cache (a real
                # extension polls the same status every minute)
                _drive(base + "/status" + query, 2, 60, tokens[n])
                r = _drive(base + "/status" + query, requests, max_s, tokens[n])
                rows = _rows(f"GET /status{query}, {n:,} accounts", r, how)
                rows[0]["how"] += f"; body {r['mean_bytes'] / 1024:,.0f} KiB"
                out += rows
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1, default=str))
