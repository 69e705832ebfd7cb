"""Benchmark of the batch story clustering alone (``monitor.analysis.story.assign_stories``) on
1,000 / 10,000 items: signatures plus clustering, without the rest of the analysis.  Items are the
devset texts recombined (as in ``bench_analysis``) with facts drawn at random (platform, label,
channel, a date in one of eight years), so the batch holds many near-duplicates — the hard case
for an inverted index.  Run: ``python -m bench.bench_story [--sizes 1000,10000]``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from pathlib import Path

from monitor.analysis.evaluate import load
from monitor.analysis.story import StoryFacts, assign_stories

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "monitor" / "analysis" / "data"
OUT = ROOT / "bench" / "results" / "story.json"
LABELS = ("contact_verification", "other_verification", "unrelated", "unrelated")
PLATFORMS = ("amazon", "ebay", "etsy", "walmart", None)
TYPES = (["two_step_verification", "phone"], ["emergency_contact", "phone"], ["email"], [])


def synth(items: list[dict], n: int, seed: int = 7) -> list[StoryFacts]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a, b = rng.choice(items), rng.choice(items)
        text = a["text"] + (" " + b["text"] if rng.random() < 0.5 else "")
        when = dt.date(2017 + rng.randrange(8), 1 + rng.randrange(12), 1 + rng.randrange(28)) \
            if rng.random() < 0.7 else None
        label = rng.choice(LABELS)
        out.append(StoryFacts(label=label, platform=rng.choice(PLATFORMS),
                              contact_types=rng.choice(TYPES) if label == LABELS[0] else [], subtopic=None,
                              effective=None, deadline=None, announced=None, published=when,
                              title=a.get("title") or "", text=text))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    args = ap.parse_args(argv)
    dev = load(str(DATA / "devset.jsonl")) + load(str(DATA / "devset_holdout.jsonl"))
    rows = []
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        facts = synth(dev, n)
        t0, c0 = time.perf_counter(), time.process_time()
        for sf in facts:
            sf.compact()
        t1 = time.perf_counter()
        stories = assign_stories(facts)
        t2, cpu = time.perf_counter(), time.process_time() - c0
        row = {"items": n, "signature_seconds": round(t1 - t0, 3), "cluster_seconds": round(t2 - t1, 3),
               "items_per_second": round(n / (t2 - t0), 1), "items_per_cpu_second": round(n / cpu, 1) if cpu else None,
               "stories": len(set(stories))}
        rows.append(row)
        print(f"{n:>7} items  signatures {t1 - t0:6.2f} s  clustering {t2 - t1:6.2f} s  "
              f"{row['items_per_second']:9.1f} items/s  {row['stories']} stories", flush=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"throughput": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
