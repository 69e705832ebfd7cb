"""API throughput and latency, side by side on one server in one run:

- ``GET /api/v1/health`` (no auth, no database): the ceiling;
- the extension's unchanged poll at 10,000 accounts: ``GET /status`` with ``If-None-Match`` (a 304);
- ``GET /status`` (first page) at 10, 1,000 and 10,000 accounts, and at 10,000 accounts right after
  a change (each timed GET follows an untimed ``PUT /contacts/{id}/amazon-status``: no answer can
  come from anything cached);
- ``POST /accounts/import`` of a 10,000 accounts × 2 contacts CSV (every phone and email check run;
  the bench server is offline, so no DNS);
- the server's resident memory (peak and at the end).

One waitress server (4 threads, rate limits off) in a subprocess; the load driver
(``bench.load``) in a second process on loopback, keep-alive clients, a fixed request count per
figure and a time bound. Both share the machine's cores, so the figures are a floor for a real
client on another host.
"""
from __future__ import annotations

import csv
import io
import tempfile
import time
from pathlib import Path

from bench import seed
from bench.common import ServerProcess, row, run_json

# (accounts, query, requests, max seconds)
SCENARIOS = [(10, "", 1000, 15.0), (1000, "", 500, 20.0), (10_000, "", 500, 20.0),
             (10_000, "?per_page=100", 300, 20.0)]
UNCHANGED = (10_000, 3000, 15.0)
CHANGED = (10_000, 300, 30.0)
HEALTH = (3000, 15.0)
IMPORT_ACCOUNTS = 10_000
CONCURRENCY = 4
ROUNDS = 3


def _merged(runs: list[dict]) -> dict:
    """Rounds of one figure as one: requests and time summed; latency percentiles of the rounds'
    (the worst round's p99, the median round's p50)."""
    wall = sum(r["wall_s"] for r in runs)
    ok = sum(r["ok"] for r in runs)
    statuses: dict = {}
    for r in runs:
        for k, v in r["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
    p50s = sorted(r["p50_ms"] for r in runs)
    return {"ok": ok, "requested": sum(r["requested"] for r in runs), "rps": ok / wall if wall else None,
            "stopped_early": any(r["stopped_early"] for r in runs), "errors": sum(r["errors"] for r in runs),
            "statuses": statuses, "p50_ms": p50s[len(p50s) // 2], "p99_ms": max(r["p99_ms"] for r in runs),
            "mean_bytes": runs[0]["mean_bytes"], "rounds": runs}


def _drive(url: str, requests: int, max_s: float, token: str | None, *extra: str,
           concurrency: int = CONCURRENCY) -> dict:
    args = ["-m", "bench.load", url, "--requests", str(requests), "--concurrency",
            str(concurrency), "--max-seconds", str(max_s), *extra]
    if token:
        args += ["--token", token]
    return run_json(args, timeout=max_s + 180)


def _rows(name: str, r: dict, how: str, ok: str = "200") -> list[dict]:
    note = f"{r['ok']} of {r['requested']} requests answered {ok}"
    if r["stopped_early"]:
        note += " (stopped at the time bound)"
    if r["errors"] or set(r["statuses"]) - {ok}:
        note += f"; statuses {r['statuses']}, errors {r['errors']}"
    how = f"{how}; {note}"
    return [
        row("api", f"{name}: throughput", round(r["rps"] or 0, 1), "req/s", how, raw=r),
        row("api", f"{name}: p50 latency", round(r["p50_ms"], 1), "ms", how),
        row("api", f"{name}: p99 latency", round(r["p99_ms"], 1), "ms", how),
    ]


def _rss_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in KiB (Linux /proc)."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def import_csv(n: int) -> bytes:
    """A CSV of ``n`` accounts, each with an emergency phone and an emergency email."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["account", "marketplaces", "merchant_id", "kind", "value", "role"])
    for i in range(1, n + 1):
        writer.writerow([f"Imported {i}", "DE|FR", f"A{i:09d}", "phone", f"+49 151 {i:08d}", "emergency"])
        writer.writerow([f"Imported {i}", "", "", "email", f"ops{i}@shop{i % 200}.example", "emergency"])
    return buf.getvalue().encode()


def _import(base: str, token: str, n: int) -> tuple[float, dict]:
    import httpx

    body = import_csv(n)
    with httpx.Client(timeout=600, trust_env=False) as client:
        started = time.perf_counter()
        r = client.post(base + "/accounts/import", content=body,
                        headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"})
        seconds = time.perf_counter() - started
    r.raise_for_status()
    return seconds, r.json()


def _a_contact(base: str, token: str) -> int:
    import httpx

    with httpx.Client(timeout=60, trust_env=False) as client:
        status = client.get(base + "/status?per_page=1", headers={"Authorization": f"Bearer {token}"}).json()
    return status["accounts"][0]["contacts"][0]["id"]


def run(quick: bool = False) -> list[dict]:
    scenarios = SCENARIOS if not quick else [(10, "", 200, 5.0), (1000, "", 50, 10.0)]
    health = HEALTH if not quick else (300, 5.0)
    unchanged = UNCHANGED if not quick else (1000, 300, 5.0)
    changed = CHANGED if not quick else (1000, 30, 10.0)
    import_n = IMPORT_ACCOUNTS if not quick else 500
    out: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="sg-bench-api-") as tmp:
        home = Path(tmp)
        db = seed.open_home(home)
        tokens = {}
        for n in sorted({s[0] for s in scenarios} | {unchanged[0], changed[0]}):
            user, token = seed.make_user(db, f"bench{n}")
            seed.seed_accounts(db, user.id, n)
            tokens[n] = token
        _importer, import_token = seed.make_user(db, "importer")
        db.close()
        with ServerProcess(home) as server:
            base = server.base + "/api/v1"
            how = (f"waitress 4 threads, subprocess; driver: separate process, {CONCURRENCY} "
                   "keep-alive clients on 127.0.0.1")
            # warm-up (imports, first connection, SQLite page cache)
            _drive(base + "/health", 20, 10, None)
            n, requests, max_s = unchanged
            _drive(base + "/status", 2, 60, tokens[n])
            # /health and the unchanged poll in alternating rounds: on a shared machine the load
            # drifts, and back-to-back rounds see the same load (the ratio is per round)
            health_runs, poll_runs = [], []
            for _ in range(ROUNDS):
                health_runs.append(_drive(base + "/health", health[0] // ROUNDS, health[1], None))
                poll_runs.append(_drive(base + "/status", requests // ROUNDS, max_s, tokens[n], "--if-none-match"))
            ratios = sorted((p["rps"] or 0) / (h["rps"] or 1) for h, p in zip(health_runs, poll_runs))
            r = _merged(health_runs)
            out += _rows("GET /health (ceiling)", r, how)
            r = _merged(poll_runs)
            out += _rows(f"GET /status unchanged (If-None-Match → 304), {n:,} accounts", r, how, ok="304")
            out.append(row("api", f"unchanged /status ÷ /health rate, {n:,} accounts", round(ratios[len(ratios) // 2], 2),
                           "ratio", f"goal ≥ 0.5; median of {ROUNDS} alternating rounds on the same server "
                           f"(rounds: {', '.join(f'{x:.2f}' for x in ratios)})"))

            n, requests, max_s = changed
            touch = f"{base}/contacts/{_a_contact(base, tokens[n])}/amazon-status"
            r = _drive(base + "/status", requests, max_s, tokens[n], "--touch", touch, concurrency=1)
            out += _rows(f"GET /status first page right after a change, {n:,} accounts", r,
                         "one client; each timed GET follows an untimed PUT amazon-status (goal p99 < 50 ms); "
                         + how.split(";")[0])

            for n, query, requests, max_s in scenarios:
                _drive(base + "/status" + query, 2, 60, tokens[n])
                r = _drive(base + "/status" + query, requests, max_s, tokens[n])
                rows = _rows(f"GET /status{query} (no ETag), {n:,} accounts", r, how)
                rows[0]["how"] += f"; body {r['mean_bytes'] / 1024:,.0f} KiB"
                out += rows

            seconds, report = _import(base, import_token, import_n)
            out.append(row("api", f"POST /accounts/import CSV, {import_n:,} accounts × 2 contacts",
                           round(seconds, 1), "s",
                           f"every phone and email check run (offline: no DNS), one transaction; "
                           f"{report['accounts']['created']:,} accounts and {report['contacts']['created']:,} "
                           f"contacts created, {report['refused']} rows refused (goal < 60 s)"))
            seconds, report = _import(base, import_token, import_n)
            out.append(row("api", f"POST /accounts/import same CSV again, {import_n:,} × 2", round(seconds, 1), "s",
                           f"idempotent: {report['contacts']['unchanged']:,} contacts unchanged, "
                           f"{report['contacts']['created']} created"))
            mem = _rss_kib(server.proc.pid)
            if mem:
                out.append(row("api", "server resident memory, peak over the run", round(mem["VmHWM"] / 1024, 1),
                               "MiB", "VmHWM of the server process after every figure above (goal < 200 MB)"))
                out.append(row("api", "server resident memory at the end", round(mem["VmRSS"] / 1024, 1), "MiB",
                               "VmRSS of the server process"))
    return out


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m bench.bench_api")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    result = run(quick=args.quick)
    if args.json:
        print(json.dumps(result, indent=1, default=str))
    else:
        for r in result:
            print(f"{r['figure']:<75} {r['value']!s:>10} {r['unit']}")
