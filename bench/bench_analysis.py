"""Benchmark of monitor.analysis: throughput (items/s of the trained-model engine, batched
``analyze_stream``) on 1,000 / 10,000 / 100,000 items made by recombining the devset texts, the CPU
time per item of each stage, plus the devset quality figures.  Writes
bench/results/analysis.json.  Run: ``python -m bench.bench_analysis [--sizes 1000,10000]``."""

from __future__ import annotations

import argparse
import io
import json
import random
import time
from pathlib import Path

from monitor.analysis import analyze_stream
from monitor.analysis.evaluate import evaluate, load

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "monitor" / "analysis" / "data"
OUT = ROOT / "bench" / "results" / "analysis.json"
KEYS = ("id", "title", "text", "url", "language", "published")


def synth(items: list[dict], n: int, seed: int = 7) -> str:
    """n JSON lines: devset texts recombined (sentences of two items of the same language)."""
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        a, b = rng.choice(items), rng.choice(items)
        text = a["text"]
        if b.get("language") == a.get("language") and rng.random() < 0.5:
            text = text + " " + b["text"]
        rec = {k: a.get(k) for k in KEYS}
        rec["id"] = f"bench-{i}"
        rec["text"] = text
        lines.append(json.dumps(rec, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def stages(items: list[dict], n: int = 500) -> dict:
    """CPU milliseconds per item of each stage of the engine: rule evidence (sentences, concept
    regexes, dates), the model's decision (hashing + matrix products, one batch), facts and story."""
    from monitor.analysis.core import Prepared, finish, prepare
    from monitor.analysis.decide import decide
    from monitor.analysis.model import default_model

    recs = [json.loads(line) for line in synth(items, n, seed=11).splitlines()]
    model = default_model()
    c0 = time.process_time()
    preps = [p for p in (prepare(r) for r in recs) if isinstance(p, Prepared)]
    c1 = time.process_time()
    decs = decide(model, [(p.doc, p.dates, p.rules) for p in preps])
    c2 = time.process_time()
    for p, d in zip(preps, decs):
        finish(p, d)
    c3 = time.process_time()
    k = 1000.0 / max(1, len(preps))
    return {"rules_and_dates": round((c1 - c0) * k, 3), "model": round((c2 - c1) * k, 3),
            "facts_and_story": round((c3 - c2) * k, 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    args = ap.parse_args(argv)
    dev = load(str(DATA / "devset.jsonl"))
    hold = load(str(DATA / "devset_holdout.jsonl"))
    results: dict = {"throughput": [], "quality": {}}
    analyze_stream(io.StringIO(synth(dev, 20)), io.StringIO())  # warm up (regex compilation, imports)
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        data = synth(dev + hold, n)
        t0, c0 = time.perf_counter(), time.process_time()
        count = analyze_stream(io.StringIO(data), io.StringIO())
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        # CPU time too: on a shared machine the wall time mostly measures the neighbours
        row = {"items": count, "seconds": round(dt, 3), "items_per_second": round(count / dt, 1),
               "cpu_seconds": round(cpu, 3), "items_per_cpu_second": round(count / cpu, 1) if cpu else None}
        results["throughput"].append(row)
        print(f"{count:>7} items  {dt:8.2f} s  {count / dt:8.1f} items/s   "
              f"cpu {cpu:7.2f} s  {count / cpu if cpu else 0:8.1f} items/cpu-s", flush=True)
    results["stages"] = stages(dev + hold)
    print("stages (cpu ms/item): " + ", ".join(f"{k} {v:.3f}" for k, v in results["stages"].items()), flush=True)
    for name, items in (("devset", dev), ("holdout", hold)):
        rep = evaluate(items)
        q = {k: v for k, v in rep.__dict__.items() if k != "errors"}
        results["quality"][name] = q
        print(f"{name:8} cv P/R/F1 {rep.cv_precision:.3f}/{rep.cv_recall:.3f}/{rep.cv_f1:.3f}  "
              f"label acc {rep.label_accuracy:.3f}  story F1 {rep.story_f1:.3f}  "
              f"dates {rep.date_accuracy:.3f}  types J {rep.contact_types_jaccard:.3f}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
