"""SellerGuard's first poll against urlwatch's first run on the same feeds (issue 9).

``FEEDS`` (300) local feeds of ``ITEMS`` (20) items each, RSS and Atom alternately, are served
by one threaded HTTP server on 127.0.0.1 (``bench.feeds.FeedFarm``). Then, each in its own
child process, timed from spawn to exit by this process (``os.wait4``: wall, user+sys CPU,
peak RSS of the child):

- **urlwatch** (PyPI ``urlwatch``, the ``bench`` extra): a first run over a ``urls.yaml`` of the
  300 ``url:`` jobs, with ``--urls``, ``--config``, ``--cache`` in a fresh temporary directory
  (nothing touches the home directory), its one default reporter (stdout) turned off in that
  config and its stdout sent to /dev/null. urlwatch fetches 10 jobs at a time (its
  ``worker.MAX_WORKERS``), stores each body as the job's first snapshot and reports "new";
- **SellerGuard**: ``bench.monitor_child`` on a fresh SQLite file: imports the 300 sources,
  then the real ``pipeline.run_once(all=True)`` with the **real analysis** of every new item
  (``--analysis real``, no time budget cut) and delivery off.

The ratio is SellerGuard's wall time over urlwatch's (the issue's target: at most 3). Both
walls include interpreter start-up and imports. The work is not the same: urlwatch stores 300
documents; SellerGuard parses 300 feeds, stores 6,000 items and analyses each of them
(classification, facts, story), and sends one request per host at a time (DESIGN §5) where
urlwatch sends 10 at once — so a second SellerGuard figure is taken with the feeds spread over
``HOSTS`` ports (each port is a host to both tools), where its ``workers`` fetch in parallel.

``python -m bench.bench_urlwatch [--feeds N --items K --hosts H --profile FILE]`` runs it alone
and writes ``bench/results/urlwatch.json``; ``python -m bench --only urlwatch`` adds its rows to
the summary.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from bench.common import PYTHON, ROOT, env, row
from bench.feeds import FeedFarm

FEEDS = 300
ITEMS = 20
HOSTS = 10
RESULTS = ROOT / "bench" / "results"

URLWATCH_CONFIG = """\
report:
  stdout:
    enabled: false
    color: false
  text:
    details: true
    footer: false
"""


def urlwatch_command() -> list[str] | None:
    """How to start urlwatch with this interpreter (its console script beside it, or the
    module), or None when it is not installed."""
    try:
        import urlwatch  # noqa: F401
    except ImportError:
        return None
    script = Path(PYTHON).with_name("urlwatch")
    if script.exists():
        return [str(script)]
    found = shutil.which("urlwatch")
    return [found] if found else None


def timed(args: list[str], *, cwd: Path, stdout=subprocess.DEVNULL, timeout: float = 1800) -> dict:
    """Run ``args`` to its end: wall seconds (spawn to exit), user+sys CPU seconds and peak RSS
    (KiB) of that child, its exit code and its stdout (when captured) and stderr tail."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env(), stdin=subprocess.DEVNULL,
                                stdout=out if stdout is subprocess.PIPE else stdout, stderr=err)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        out.seek(0)
        return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
                "user_s": usage.ru_utime, "sys_s": usage.ru_stime,
                "maxrss_kib": usage.ru_maxrss, "rc": proc.returncode,
                "stdout": out.read().decode("utf-8", "replace"),
                "stderr_tail": err.read().decode("utf-8", "replace")[-2000:]}


def run_urlwatch(urls: list[str], tmp: Path, *, name: str) -> dict:
    cmd = urlwatch_command()
    if cmd is None:
        raise RuntimeError("urlwatch is not installed (pip install -e '.[bench]')")
    d = tmp / f"urlwatch-{name}"
    d.mkdir()
    (d / "urls.yaml").write_text("\n---\n".join(f"url: {u}" for u in urls) + "\n", "utf-8")
    (d / "urlwatch.yaml").write_text(URLWATCH_CONFIG, "utf-8")
    args = [*cmd, "--urls", str(d / "urls.yaml"), "--config", str(d / "urlwatch.yaml"),
            "--cache", str(d / "cache.db"), "--hooks", str(d / "hooks.py")]
    r = timed(args, cwd=d)
    if r["rc"] != 0:
        raise RuntimeError(f"urlwatch exited {r['rc']}: {r['stderr_tail']}")
    r.pop("stdout")
    # what it stored: one snapshot per job on a first run
    import sqlite3

    with sqlite3.connect(d / "cache.db") as con:
        r["snapshots"] = con.execute("SELECT COUNT(*) FROM CacheEntry").fetchone()[0]
        r["errors"] = con.execute(
            "SELECT COUNT(*) FROM CacheEntry WHERE tries > 0").fetchone()[0]
    return r


def run_sellerguard(farms: list[FeedFarm], n: int, tmp: Path, *, name: str,
                    profile: str | None = None) -> dict:
    db = tmp / f"{name}.db"
    args = [PYTHON, "-m", "bench.monitor_child", str(db), "--phase", "first",
            "--analysis", "real", "--budget", "86400",
            "--feeds", ",".join(f.base for f in farms), "--n", str(n)]
    if profile:
        args += ["--profile", profile]
    r = timed(args, cwd=ROOT, stdout=subprocess.PIPE)
    if r["rc"] != 0:
        raise RuntimeError(f"monitor_child exited {r['rc']}: {r['stderr_tail']}")
    inner = json.loads(r.pop("stdout").strip().splitlines()[-1])
    r["inner"] = inner
    return r


def measure(feeds: int = FEEDS, items: int = ITEMS, hosts: int = HOSTS,
            profile: str | None = None) -> dict:
    out: dict = {"feeds": feeds, "items": items, "hosts": hosts,
                 "loadavg_before": _loadavg(), "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="sg-bench-uw-") as t:
        tmp = Path(t)
        with FeedFarm(feeds, items=items, atom=True) as farm:
            urls = [farm.url(i) for i in range(feeds)]
            farm.reset_counts()
            out["urlwatch"] = run_urlwatch(urls, tmp, name="one-host")
            out["urlwatch"]["requests"] = farm.requests
            out["urlwatch"]["max_in_flight"] = farm.max_in_flight
            farm.reset_counts()
            farm.max_in_flight = 0
            out["sellerguard"] = run_sellerguard([farm], feeds, tmp, name="one-host",
                                                 profile=profile)
            out["sellerguard"]["requests"] = farm.requests
            out["sellerguard"]["max_in_flight"] = farm.max_in_flight
        if hosts > 1:
            with ExitStack() as stack:
                per = -(-feeds // hosts)
                farms = [stack.enter_context(FeedFarm(per, items=items, atom=True))
                         for _ in range(hosts)]
                urls = [farms[i % hosts].url(i // hosts) for i in range(feeds)]
                out["urlwatch_hosts"] = run_urlwatch(urls, tmp, name="hosts")
                out["sellerguard_hosts"] = run_sellerguard(farms, feeds, tmp, name="hosts")
    out["loadavg_after"] = _loadavg()
    out["ratio"] = out["sellerguard"]["wall_s"] / out["urlwatch"]["wall_s"]
    if hosts > 1:
        out["ratio_hosts"] = out["sellerguard_hosts"]["wall_s"] / out["urlwatch_hosts"]["wall_s"]
    return out


def _loadavg() -> str | None:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return None


def rows_of(m: dict) -> list[dict]:
    uw, sg, inner = m["urlwatch"], m["sellerguard"], m["sellerguard"]["inner"]
    g = f"urlwatch comparison, {m['feeds']} feeds × {m['items']} items"
    load = f"load average before/after {m['loadavg_before']} / {m['loadavg_after']} on {m['cpus']} CPUs"
    out = [
        row("urlwatch", f"{g}: urlwatch first run, wall", round(uw["wall_s"], 2), "s",
            f"urlwatch subprocess spawn to exit, fresh cache, reporters off, 10 fetches at once; "
            f"{uw['requests']} requests, {uw['snapshots']} snapshots, {uw['errors']} errors; "
            f"CPU {uw['cpu_s']:.2f} s, peak {uw['maxrss_kib'] / 1024:.0f} MiB", raw=uw),
        row("urlwatch", f"{g}: SellerGuard first poll, wall", round(sg["wall_s"], 2), "s",
            f"bench.monitor_child subprocess spawn to exit: fresh SQLite, import, run_once(all) "
            f"{inner['wall_s']:.2f} s with the real analysis of {inner['analyzed']} items "
            f"({inner['new_items']} new, fetch+store {inner['fetch_store_wall_s']:.2f} s), "
            f"delivery off; one request per host at a time ({sg['requests']} requests, "
            f"{sg['max_in_flight']} at once); CPU {sg['cpu_s']:.2f} s, peak "
            f"{sg['maxrss_kib'] / 1024:.0f} MiB", raw=sg),
        row("urlwatch", f"{g}: ratio SellerGuard / urlwatch, wall", round(m["ratio"], 2), "×",
            f"issue 9 asks for ≤ 3; CPU ratio {sg['cpu_s'] / uw['cpu_s']:.2f}; {load}"),
    ]
    if "ratio_hosts" in m:
        uwh, sgh = m["urlwatch_hosts"], m["sellerguard_hosts"]
        out.append(row(
            "urlwatch", f"{g} on {m['hosts']} hosts: wall SellerGuard / urlwatch",
            f"{sgh['wall_s']:.2f} / {uwh['wall_s']:.2f} s (×{m['ratio_hosts']:.2f})", "s",
            f"the same feeds spread over {m['hosts']} ports of 127.0.0.1 (a host each), where "
            f"SellerGuard's workers fetch in parallel; CPU {sgh['cpu_s']:.2f} / "
            f"{uwh['cpu_s']:.2f} s", raw={"urlwatch": uwh, "sellerguard": sgh}))
    return out


def run(quick: bool = False) -> list[dict]:
    m = measure(feeds=60 if quick else FEEDS)
    _write(m)
    return rows_of(m)


def _write(m: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    m = {"generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **m}
    (RESULTS / "urlwatch.json").write_text(json.dumps(m, indent=1, default=str), "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_urlwatch")
    parser.add_argument("--feeds", type=int, default=FEEDS)
    parser.add_argument("--items", type=int, default=ITEMS)
    parser.add_argument("--hosts", type=int, default=HOSTS,
                        help="also measure with the feeds spread over this many ports (1: skip)")
    parser.add_argument("--profile", help="cProfile of SellerGuard's run_once (one-host run)")
    args = parser.parse_args(argv)
    m = measure(args.feeds, args.items, args.hosts, profile=args.profile)
    _write(m)
    uw, sg = m["urlwatch"], m["sellerguard"]
    print(f"{args.feeds} feeds × {args.items} items, one host; load {m['loadavg_before']} → "
          f"{m['loadavg_after']} ({m['cpus']} CPUs)")
    print(f"  urlwatch    wall {uw['wall_s']:7.2f} s  CPU {uw['cpu_s']:7.2f} s  "
          f"peak {uw['maxrss_kib'] / 1024:4.0f} MiB  requests {uw['requests']}")
    inner = sg["inner"]
    print(f"  SellerGuard wall {sg['wall_s']:7.2f} s  CPU {sg['cpu_s']:7.2f} s  "
          f"peak {sg['maxrss_kib'] / 1024:4.0f} MiB  requests {sg['requests']}  "
          f"(run_once {inner['wall_s']:.2f} s, fetch+store {inner['fetch_store_wall_s']:.2f} s, "
          f"{inner['analyzed']} analysed)")
    print(f"  ratio       wall ×{m['ratio']:.2f}  CPU ×{sg['cpu_s'] / uw['cpu_s']:.2f}")
    if "ratio_hosts" in m:
        uwh, sgh = m["urlwatch_hosts"], m["sellerguard_hosts"]
        print(f"{args.hosts} hosts: urlwatch wall {uwh['wall_s']:.2f} s CPU {uwh['cpu_s']:.2f} s; "
              f"SellerGuard wall {sgh['wall_s']:.2f} s CPU {sgh['cpu_s']:.2f} s; "
              f"ratio ×{m['ratio_hosts']:.2f}")
    print(f"wrote {(RESULTS / 'urlwatch.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
