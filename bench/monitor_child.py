"""One monitor poll in its own process, so that CPU time and peak RSS are this poll's alone.

``python -m bench.monitor_child DB --phase first|repoll [--import-from URL_BASE --n N]`` prints
one JSON object: wall and CPU seconds of ``run_once(all=True)``, of which the fetch/store phase,
peak RSS (KiB, ``ru_maxrss``), the summary counts. The first phase creates the database and
imports the sources (import time reported apart). Analysis uses a constant stub by default (its
own cost is ``bench_analysis``'s figure) and alert delivery is off: this measures polling.

``--analysis real`` runs the monitor's own analyzer instead (what ``run_once`` uses when no
analyzer is passed), ``--budget S`` overrides the analysis time budget of the cycle (the
default, ``MonitorConfig.analysis_budget``, could leave a large first poll half analysed), and
``--profile FILE`` writes a cProfile of the ``run_once`` call (``pstats`` format).
"""
from __future__ import annotations

import argparse
import json
import resource
import time


def stub_analyzer(record: dict) -> dict:
    return {"id": record["id"], "label": "unrelated", "score": 0.0, "reasons": ["bench stub"],
            "facts": {}, "story": f"bench-{record['id']}"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--phase", choices=("first", "repoll"), required=True)
    parser.add_argument("--feeds")
    parser.add_argument("--n", type=int, default=0)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--analysis", choices=("stub", "real"), default="stub")
    parser.add_argument("--budget", type=float, default=None)
    parser.add_argument("--profile", default=None)
    args = parser.parse_args(argv)

    from monitor import pipeline
    from monitor.config import MonitorConfig
    from monitor.sources.service import import_sources
    from server.db import open_db

    db = open_db(args.db)
    out: dict = {"phase": args.phase}
    if args.phase == "first":
        # several comma-separated bases: feed i is feed i // H of base i % H (H hosts)
        bases = args.feeds.split(",")
        entries = [{"name": f"Feed {i}", "kind": "feed",
                    "url": f"{bases[i % len(bases)]}/feed/{i // len(bases)}.xml",
                    "language": "en", "marketplaces": ["US"], "interval": "30m",
                    "official": False} for i in range(args.n)]
        t = time.perf_counter()
        import_sources(db, entries, user_id=None)
        out["import_s"] = time.perf_counter() - t
    config = MonitorConfig()
    if args.workers:
        config.workers = args.workers
    marks: dict = {}

    def on_start(n: int) -> None:
        marks["due"] = n

    def progress(_result) -> None:
        marks["last"] = time.perf_counter()
        marks["cpu_last"] = time.process_time()

    analyzer = stub_analyzer if args.analysis == "stub" else None   # None: the real one
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    cpu0, t0 = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    summary = pipeline.run_once(db, all=True, analyzer=analyzer, deliver=False,
                                on_start=on_start, progress=progress, config=config,
                                analysis_budget=args.budget)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    out.update({
        "wall_s": wall, "cpu_s": cpu, "analysis": args.analysis,
        "fetch_store_wall_s": marks.get("last", t0) - t0,
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "due": marks.get("due"), "sources": summary.sources, "ok": summary.ok,
        "not_modified": summary.not_modified, "failing": summary.failing,
        "skipped": summary.skipped, "new_items": summary.new_items,
        "analyzed": summary.analyzed, "errors": summary.errors[:5],
        "states": sorted({r.state for r in summary.results}),
        "first_error": next((r.error for r in summary.results if r.error), None),
    })
    if args.phase == "first":
        # run_once drains the analysis queue within its time budget; anything a budget left
        # behind is drained here, outside the timing, so that the re-poll measures polling only
        from monitor.policies import process_pending

        t = time.perf_counter()
        while process_pending(db, analyzer=analyzer).analyzed:
            pass
        out["drain_s"] = time.perf_counter() - t
    db.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
