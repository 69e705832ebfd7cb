"""Score the analysis engine on a labelled JSON Lines file.

Each line holds the input fields of DESIGN §3.2 plus the expectations: ``label``,
``story_group`` (any name; items of one event share it), ``contact_types`` and, where the text
states them, ``effective_date``, ``deadline``, ``announced_date``.

Usage: ``python -m monitor.analysis.evaluate FILE [FILE ...] [--errors] [--json]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import asdict, dataclass, field

from .core import analyze

INPUT_KEYS = ("id", "title", "text", "url", "language", "published")
CV = "contact_verification"


@dataclass
class Report:
    n: int = 0
    label_accuracy: float = 0.0
    cv_precision: float = 0.0
    cv_recall: float = 0.0
    cv_f1: float = 0.0
    ov_f1: float = 0.0
    date_accuracy: float | None = None
    date_checks: int = 0
    contact_types_jaccard: float | None = None
    story_precision: float | None = None
    story_recall: float | None = None
    story_f1: float | None = None
    errors: list[dict] = field(default_factory=list)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(items: list[dict]) -> Report:
    rep = Report(n=len(items))
    outs = [analyze({k: it.get(k) for k in INPUT_KEYS if k in it}) for it in items]
    correct = 0
    counts = {lab: [0, 0, 0] for lab in (CV, "other_verification")}
    date_ok = date_n = 0
    jac: list[float] = []
    for it, out in zip(items, outs):
        exp, got = it["label"], out["label"]
        correct += exp == got
        for lab, c in counts.items():
            if got == lab and exp == lab:
                c[0] += 1
            elif got == lab:
                c[1] += 1
            elif exp == lab:
                c[2] += 1
        wrong = []
        if exp != got:
            wrong.append(f"label {got} (expected {exp}, score {out['score']})")
        if exp == CV and got == CV:
            e, g = set(it.get("contact_types", [])), set(out["facts"]["contact_types"])
            jac.append(len(e & g) / len(e | g) if e | g else 1.0)
            if e != g:
                wrong.append(f"contact_types {sorted(g)} (expected {sorted(e)})")
        if exp == got and exp != "unrelated":
            for key, fkey in (("effective_date", "effective_date"), ("deadline", "deadline"),
                              ("announced_date", "announced_date")):
                if key in it:
                    date_n += 1
                    if out["facts"][fkey] == it[key]:
                        date_ok += 1
                    else:
                        wrong.append(f"{key} {out['facts'][fkey]} (expected {it[key]})")
        if wrong:
            rep.errors.append({"id": it.get("id"), "problems": wrong, "story": out["story"],
                               "reasons": out["reasons"]})
    rep.label_accuracy = correct / len(items) if items else 0.0
    rep.cv_precision, rep.cv_recall, rep.cv_f1 = _prf(*counts[CV])
    rep.ov_f1 = _prf(*counts["other_verification"])[2]
    rep.date_checks = date_n
    rep.date_accuracy = date_ok / date_n if date_n else None
    rep.contact_types_jaccard = sum(jac) / len(jac) if jac else None
    # Story grouping over items that are expected and predicted as verification events.
    pairs_tp = pairs_fp = pairs_fn = 0
    ev = [(it["story_group"], out["story"]) for it, out in zip(items, outs)
          if it["label"] != "unrelated" or out["label"] != "unrelated"]
    for (ga, sa), (gb, sb) in itertools.combinations(ev, 2):
        same_exp, same_got = ga == gb, sa == sb
        if same_exp and same_got:
            pairs_tp += 1
        elif same_got:
            pairs_fp += 1
        elif same_exp:
            pairs_fn += 1
    if ev:
        rep.story_precision, rep.story_recall, rep.story_f1 = _prf(pairs_tp, pairs_fp, pairs_fn)
    return rep


def load(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fp:
        return [json.loads(line) for line in fp if line.strip()]


def format_table(name: str, rep: Report) -> str:
    def f(v: float | None) -> str:
        return "   n/a" if v is None else f"{v:6.3f}"

    rows = [
        ("items", f"{rep.n:6d}"),
        ("label accuracy", f(rep.label_accuracy)),
        ("contact_verification precision", f(rep.cv_precision)),
        ("contact_verification recall", f(rep.cv_recall)),
        ("contact_verification F1", f(rep.cv_f1)),
        ("other_verification F1", f(rep.ov_f1)),
        (f"date accuracy ({rep.date_checks} checks)", f(rep.date_accuracy)),
        ("contact_types Jaccard", f(rep.contact_types_jaccard)),
        ("story pairwise precision", f(rep.story_precision)),
        ("story pairwise recall", f(rep.story_recall)),
        ("story pairwise F1", f(rep.story_f1)),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [name, "-" * (width + 9)] + [f"{k:<{width}}  {v}" for k, v in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m monitor.analysis.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--errors", action="store_true", help="list the items that were got wrong")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args(argv)
    results = {}
    for path in args.files:
        rep = evaluate(load(path))
        results[path] = rep
        if not args.json:
            print(format_table(path, rep))
            if args.errors:
                for e in rep.errors:
                    print(f"  {e['id']}: {'; '.join(e['problems'])}  [{e['story']}]")
            print()
    if args.json:
        print(json.dumps({p: {k: v for k, v in asdict(r).items() if k != "errors"} for p, r in results.items()},
                         indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
