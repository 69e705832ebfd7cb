"""Monitor poll cost: N local feeds (100, 1,000, 5,000) served by one threaded HTTP server on
127.0.0.1 (``bench.feeds``), first poll and unchanged re-poll (every feed answers 304 to its
ETag).

Each poll is the monitor's real ``pipeline.run_once(db, all=True)`` on a fresh SQLite file, in its
own child process (``bench.monitor_child``): wall time, CPU time (``time.process_time``) per
source, peak RSS (``ru_maxrss`` of that process) and the requests the feed server received.
Analysis is a constant stub and delivery is off (analysis has its own figures). All feeds share
one host:port, and the monitor sends one request per host at a time by design, so the wall time
is the sum of the requests; sources spread over many hosts poll ``workers`` (4) at a time.
"""
from __future__ import annotations

import tempfile

from bench.common import row, run_json
from bench.feeds import ITEMS, FeedFarm

SIZES = (100, 1000, 5000)


def _poll(farm: FeedFarm, db: str, n: int, phase: str) -> dict:
    farm.reset_counts()
    args = ["-m", "bench.monitor_child", db, "--phase", phase]
    if phase == "first":
        args += ["--feeds", farm.base, "--n", str(n)]
    r = run_json(args, timeout=900)
    r["requests"], r["requests_304"] = farm.requests, farm.not_modified
    return r


def run(quick: bool = False) -> list[dict]:
    sizes = SIZES if not quick else (100, 1000)
    out: list[dict] = []
    per: dict[int, dict] = {}
    for n in sizes:
        with FeedFarm(n) as farm, tempfile.TemporaryDirectory(prefix="sg-bench-mon-") as tmp:
            db = f"{tmp}/sellerguard.db"
            first = _poll(farm, db, n, "first")
            again = _poll(farm, db, n, "repoll")
        per[n] = {"first": first, "repoll": again}
        g = f"monitor, {n:,} feeds"
        how_first = (f"run_once(all=True) in a child process, analysis (stub) of "
                     f"{first['analyzed']} items included; {first['requests']} requests, "
                     f"{first['ok']} feeds ok, {first['new_items']} new items ({ITEMS}/feed), "
                     f"{first['failing']} failing, {first['skipped']} skipped")
        how_again = (f"same database, unchanged feeds; {again['requests']} requests, "
                     f"{again['requests_304']} answered 304, {again['not_modified']} recorded "
                     f"not_modified, {again['new_items']} new items")
        out += [
            row("monitor", f"{g}: first poll, wall", round(first["wall_s"], 2), "s", how_first,
                raw=first),
            row("monitor", f"{g}: re-poll (304), wall", round(again["wall_s"], 2), "s",
                how_again, raw=again),
            row("monitor", f"{g}: first poll, CPU per source", round(first["cpu_s"] / n * 1000, 2),
                "ms", "time.process_time() of the poll process / sources (fetch, parse, store)"),
            row("monitor", f"{g}: re-poll, CPU per source", round(again["cpu_s"] / n * 1000, 2),
                "ms", "time.process_time() / sources; nothing is parsed on a 304"),
            row("monitor", f"{g}: requests sent (first / re-poll)",
                f"{first['requests']} / {again['requests']}", "requests",
                "counted by the feed server"),
            row("monitor", f"{g}: peak memory (first / re-poll)",
                f"{first['maxrss_kib'] / 1024:.0f} / {again['maxrss_kib'] / 1024:.0f}", "MiB",
                "ru_maxrss of the poll process (Python, SQLite, httpx and the pool of `workers` fetch threads)"),
        ]
    lo, hi = min(per), max(per)
    if hi != lo:
        for phase, label in (("first", "first poll"), ("repoll", "re-poll")):
            a, b = per[lo][phase], per[hi][phase]
            out.append(row("monitor", f"growth {lo:,} → {hi:,} feeds, {label}",
                           f"×{b['wall_s'] / a['wall_s']:.1f} wall, ×{(b['cpu_s'] / hi) / (a['cpu_s'] / lo):.2f} CPU/source, "
                           f"+{(b['maxrss_kib'] - a['maxrss_kib']) / 1024:.0f} MiB",
                           f"for ×{hi // lo} sources",
                           "ratios of the figures above (linear growth: CPU/source stays ×1)"))
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(quick=True), indent=1, default=str))
