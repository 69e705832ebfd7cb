"""``make bench`` / ``python -m bench``: run every benchmark, print one table, write
``bench/results/summary.json``.

``python -m bench --quick`` runs smaller sizes (a smoke run); ``--full`` adds the 100,000-item
analysis run (about 7 minutes on 2 cores, so not in the default); ``--only api,monitor`` picks
modules
(``urlwatch``: SellerGuard's first poll against urlwatch's first run, ``bench.bench_urlwatch``).
Benchmarks are never part of ``make test`` and nothing here asserts a timing.
"""
from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
import traceback

from bench.common import ROOT, env, row

RESULTS = ROOT / "bench" / "results"
MODULES = ("analysis", "api", "monitor", "urlwatch", "postgres", "extension")


def run_analysis(quick: bool, full: bool = False) -> list[dict]:
    """``bench_analysis`` is its own program (it writes ``analysis.json``): run it in a child
    process and turn its JSON into rows."""
    sizes = "1000" if quick else "1000,10000,100000" if full else "1000,10000"
    proc = subprocess.run([sys.executable, "-m", "bench.bench_analysis", "--sizes", sizes],
                          cwd=ROOT, env=env(), capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    data = json.loads((RESULTS / "analysis.json").read_text("utf-8"))
    out = []
    for t in data.get("throughput", []):
        out.append(row("analysis", f"monitor analyze, {t['items']:,} items", t["items_per_second"],
                       "items/s", f"analyze_stream on generated items (devset texts recombined), "
                       f"one process; {t['seconds']} s in all"))
    for name, q in data.get("quality", {}).items():
        for key in ("cv_precision", "cv_recall", "cv_f1", "label_accuracy", "story_f1",
                    "date_accuracy", "contact_types_jaccard"):
            if q.get(key) is not None:
                out.append(row("analysis", f"{name}: {key.replace('_', ' ')}", round(q[key], 3),
                               "ratio", f"monitor.analysis.evaluate, {q.get('n', '')} labelled "
                               f"items ({'devset' if name == 'devset' else 'devset_holdout'}.jsonl)"))
    return out


def run_module(name: str, quick: bool, full: bool = False) -> list[dict]:
    if name == "analysis":
        return run_analysis(quick, full)
    module = __import__(f"bench.bench_{name}", fromlist=["run"])
    return module.run(quick=quick)


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="smaller sizes (smoke run)")
    parser.add_argument("--full", action="store_true", help="add 100,000 analysis items")
    parser.add_argument("--only", default=",".join(MODULES))
    args = parser.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 180)
    rows: list[dict] = []
    timings: dict[str, float] = {}
    for name in [m.strip() for m in args.only.split(",") if m.strip()]:
        console.print(f"[bold]running {name}[/bold] …")
        started = time.perf_counter()
        try:
            rows += run_module(name, args.quick, args.full)
        except Exception as exc:  # one broken module must not hide the others' figures
            traceback.print_exc()
            rows.append(row(name, f"{name} benchmark", None, f"not measured: failed: {exc}"[:300],
                            "see the traceback above"))
        timings[name] = round(time.perf_counter() - started, 1)

    table = Table(title="SellerGuard benchmarks" + (" (quick)" if args.quick else ""),
                  show_lines=False)
    for col in ("figure", "value", "unit", "how measured"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["figure"], _fmt(r["value"]), r["unit"], r["how"])
    console.print(table)

    RESULTS.mkdir(parents=True, exist_ok=True)
    summary = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "quick": args.quick,
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": __import__("os").cpu_count()},
        "module_seconds": timings,
        "rows": rows,
    }
    path = RESULTS / "summary.json"
    path.write_text(json.dumps(summary, indent=1, ensure_ascii=False, default=str), "utf-8")
    console.print(f"wrote {path.relative_to(ROOT)} (module seconds: {timings})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
