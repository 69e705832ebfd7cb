"""Story pairwise precision/recall/F1 on a labelled corpus (not needed by ``make test``).

Every pair of records is a decision: the gold says "same story" when both records carry the same
non-null ``story`` (null is a one-off, its own group); the prediction says so when both got the
same story value.  Reported three ways, to tell story errors from label errors:

* ``batch, predicted labels`` — what ``sellerguard monitor analyze`` writes (``analyze_stream``);
* ``batch, gold labels`` — the same clustering with each record's label replaced by the gold one;
* ``per item, predicted labels`` — ``analyze()`` one record at a time (the monitor's per-item key);
* ``per item + policy store`` — the same keys read in input order the way the monitor's policy
  store joins them (``policy_store``): a contact verification whose key no stored policy has joins
  a compatible one (``story.pick_policy``: an undated report joins the campaign it reads most like).

``--split-half`` also scores the two halves of the corpus apart (stories, and one-offs by id, split
by a stable hash of their name): tune the weights of ``story.py`` looking at half A only and the
half B figure is one on stories the tuning never saw.

``--cv-labels`` adds the honest row: the batch with each record's label from story-grouped
cross-validation (``evaluate --cv story``'s folds: a model that never saw the record's story), so
that the clustering is measured under the label errors it meets on texts never seen — the shipped
model was trained on this corpus and labels it almost perfectly.  It trains one model per fold
(about 45 s).

``--errors`` lists the stories split or merged (``--errors-half A``: half A's only, each half
clustered on its own as ``--split-half`` scores it; ``--store-errors``: the policy store's).

Usage: ``python -m monitor.analysis.story_eval --corpus PATH [--errors [--errors-half A]
[--store-errors]] [--split-half] [--cv-labels]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from .core import analyze_full
from .similarity import signature
from .story import CV, PolicyCandidate, StoryFacts, assign_stories, pick_policy, story_key

INPUT_KEYS = ("id", "title", "text", "url", "language", "published")


@dataclass
class PairScore:
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int


def pairwise(gold: list[str | None], pred: list[str | None]) -> PairScore:
    """Pairwise scores of ``pred`` against ``gold`` (None in gold: a group of its own), counted by
    group sizes rather than by enumerating pairs."""
    def pairs(counter: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    gold_ids = [g if g is not None else ("one-off", k) for k, g in enumerate(gold)]
    pred_ids = [p if p is not None else ("none", k) for k, p in enumerate(pred)]
    same_gold = pairs(Counter(gold_ids))
    same_pred = pairs(Counter(pred_ids))
    tp = pairs(Counter(zip(gold_ids, pred_ids)))
    fp, fn = same_pred - tp, same_gold - tp
    p = tp / same_pred if same_pred else 0.0
    r = tp / same_gold if same_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PairScore(round(p, 3), round(r, 3), round(f, 3), tp, fp, fn)


def policy_store(facts: list[StoryFacts | None]) -> list[str | None]:
    """Per-item stories as the monitor's policy store ends up with them, items read in order: a
    contact verification joins the policy with exactly its key, else the one ``pick_policy`` picks
    among those stored (same platform, agreeing channel, compatible time; a policy's time and
    contact types are its items' as ``policies._merge_facts`` makes them), else starts one; any other
    item keeps its key (the store keeps contact verifications only; DESIGN §3.2's stories of one
    batch are ``assign_stories``')."""
    stored: dict[str, PolicyCandidate] = {}
    out: list[str | None] = []
    for sf in facts:
        if sf is None:
            out.append(None)
            continue
        key = story_key(sf)
        if sf.label != CV or key in stored:
            out.append(key)
            continue
        sig = signature(sf.title, sf.text)
        types = frozenset(sf.contact_types)
        ref = pick_policy(key, sf.when, sig, list(stored.values()), types=types)
        if ref is None:
            stored[key] = PolicyCandidate(ref=key, key=key, when=sf.when, sig=sig, types=types)
            ref = key
        else:
            # the policy's facts are its items' (``policies._merge_facts``): the first date known,
            # the union of the contact types
            c = stored[ref]
            c.when, c.types = c.when or sf.when, c.types | types
        out.append(ref)
    return out


def load(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fp:
        return [json.loads(line) for line in fp if line.strip()]


def _fresh(sf: StoryFacts, **changes) -> StoryFacts:
    return replace(sf, sig=None, key=None, **changes)


def evaluate(records: list[dict]) -> dict:
    """Scores of the three ways on ``records`` (each with a gold ``story`` and ``label``)."""
    t0 = time.perf_counter()
    analysed = [analyze_full({k: r.get(k) for k in INPUT_KEYS}) for r in records]
    t1 = time.perf_counter()
    gold = [r.get("story") for r in records]
    facts = [sf for _, sf in analysed]
    per_item = [out["story"] for out, _ in analysed]
    batch_pred = assign_stories([_fresh(sf) if sf else None for sf in facts])
    t2 = time.perf_counter()
    gold_facts = [_fresh(sf, label=r["label"]) if sf else None for sf, r in zip(facts, records)]
    batch_gold = assign_stories(gold_facts)
    per_item_gold = [story_key(sf) if sf else None for sf in gold_facts]
    store_pred = policy_store([_fresh(sf) if sf else None for sf in facts])
    return {
        "n": len(records),
        "batch_predicted_labels": pairwise(gold, batch_pred),
        "batch_gold_labels": pairwise(gold, batch_gold),
        "per_item_predicted_labels": pairwise(gold, per_item),
        "per_item_gold_labels": pairwise(gold, per_item_gold),
        "store_predicted_labels": pairwise(gold, store_pred),
        "seconds_analysis": round(t1 - t0, 3),
        "seconds_clustering": round(t2 - t1, 3),
        "predicted": batch_pred,
        "predicted_gold_labels": batch_gold,
        "store_predicted": store_pred,
        "facts": facts,
    }


def cv_facts(records: list[dict], folds: int = 5) -> list[StoryFacts]:
    """Each record's story facts with the label of a model trained on the other folds (story-grouped
    folds of the records sorted by id, as ``evaluate --cv story`` makes them)."""
    from . import train as tr
    from .core import finish_full
    from .decide import decide

    order = sorted(range(len(records)), key=lambda k: records[k]["id"])
    ordered = [records[k] for k in order]
    preps, text_x, dense_x, y = tr.prepare_all(ordered)
    groups = tr.groups_of(ordered)
    out: list = [None] * len(records)
    for train_idx, test_idx in tr.grouped_folds(ordered, folds):
        model = tr.fit(text_x[train_idx], dense_x[train_idx], y[train_idx], dict(tr.DEFAULT_PARAMS, folds=folds),
                       groups=[groups[i] for i in train_idx])
        test = [preps[i] for i in test_idx]
        for i, p, dec in zip(test_idx, test, decide(model, [(p.doc, p.dates, p.rules) for p in test])):
            out[order[i]] = finish_full(p, dec)[1]
    return out


def half_of(record: dict) -> str:
    """"A" or "B": the half of the corpus a record's story (a one-off: its id) falls in."""
    name = str(record.get("story") or record.get("id"))
    return "AB"[int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 2]


def split_half(records: list[dict], facts: list[StoryFacts | None],
               cv: list[StoryFacts] | None = None) -> dict:
    """Batch pairwise scores (predicted and gold labels; cross-validated labels when ``cv`` is
    given) and the policy store's (predicted labels; cv labels with ``cv``) of each half on its
    own."""
    out = {}
    for half in "AB":
        idx = [k for k, r in enumerate(records) if half_of(r) == half]
        gold = [records[k].get("story") for k in idx]
        pred = assign_stories([_fresh(facts[k]) if facts[k] else None for k in idx])
        with_gold = assign_stories([_fresh(facts[k], label=records[k]["label"]) if facts[k] else None
                                    for k in idx])
        store = policy_store([_fresh(facts[k]) if facts[k] else None for k in idx])
        out[half] = {"n": len(idx), "predicted_labels": pairwise(gold, pred),
                     "gold_labels": pairwise(gold, with_gold),
                     "store_predicted_labels": pairwise(gold, store)}
        if cv is not None:
            out[half]["cv_labels"] = pairwise(gold, assign_stories([_fresh(cv[k]) for k in idx]))
            out[half]["store_cv_labels"] = pairwise(gold, policy_store([_fresh(cv[k]) for k in idx]))
    return out


def errors(records: list[dict], pred: list[str | None]) -> list[str]:
    """Gold stories split over several predicted stories, and predicted stories holding several
    gold stories (one-offs named by their id)."""
    lines = []
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_pred: dict[str, list[int]] = defaultdict(list)
    for k, r in enumerate(records):
        by_gold[r.get("story") or f"one-off:{r.get('id')}"].append(k)
        by_pred[str(pred[k])].append(k)
    for g, ks in sorted(by_gold.items()):
        parts = Counter(pred[k] for k in ks)
        if len(ks) > 1 and len(parts) > 1:
            lines.append(f"split  {g}: {sorted(parts.values(), reverse=True)}")
    for p, ks in sorted(by_pred.items()):
        golds = Counter(records[k].get("story") or f"one-off:{records[k].get('id')}" for k in ks)
        if len(golds) > 1:
            lines.append(f"merged {p}: " + ", ".join(f"{g} x{c}" for g, c in golds.most_common()))
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m monitor.analysis.story_eval", description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True, help="JSON Lines with gold 'story' and 'label'")
    ap.add_argument("--errors", action="store_true", help="list split and merged stories (gold labels)")
    ap.add_argument("--errors-half", choices=("A", "B"),
                    help="with --errors: list the errors of this half's stories only (tune on A)")
    ap.add_argument("--store-errors", action="store_true",
                    help="with --errors: list the policy store's errors (predicted labels) instead of the batch's")
    ap.add_argument("--json", action="store_true", help="print JSON only")
    ap.add_argument("--split-half", action="store_true", help="also score each half of the stories on its own")
    ap.add_argument("--cv-labels", action="store_true",
                    help="also score the batch with labels from story-grouped cross-validation (trains 5 models)")
    args = ap.parse_args(argv)
    try:
        records = load(args.corpus)
    except (OSError, ValueError) as exc:
        print(f"cannot read {args.corpus}: {exc}", file=sys.stderr)
        return 2
    res = evaluate(records)
    keys = [("batch (monitor analyze), predicted labels", "batch_predicted_labels"),
            ("batch (monitor analyze), gold labels", "batch_gold_labels"),
            ("per item (analyze()), predicted labels", "per_item_predicted_labels"),
            ("per item (analyze()), gold labels", "per_item_gold_labels"),
            ("per item + policy store, predicted labels", "store_predicted_labels")]
    cv = None
    if args.cv_labels:
        cv = cv_facts(records)
        gold = [r.get("story") for r in records]
        res["batch_cv_labels"] = pairwise(gold, assign_stories([_fresh(sf) for sf in cv]))
        res["per_item_cv_labels"] = pairwise(gold, [story_key(_fresh(sf)) for sf in cv])
        res["store_cv_labels"] = pairwise(gold, policy_store([_fresh(sf) for sf in cv]))
        keys += [("batch, cross-validated labels", "batch_cv_labels"),
                 ("per item, cross-validated labels", "per_item_cv_labels"),
                 ("per item + policy store, cv labels", "store_cv_labels")]
    rows = [(name, res[key]) for name, key in keys]
    if args.json:
        print(json.dumps({"n": res["n"], **{key: vars(res[key]) for _, key in keys},
                          "seconds_clustering": res["seconds_clustering"]}))
        return 0
    print(f"story pairwise scores on {res['n']} records ({args.corpus})")
    print(f"{'':45} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}")
    for name, s in rows:
        print(f"{name:45} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:6} {s.fp:6} {s.fn:6}")
    print(f"analysis {res['seconds_analysis']} s, batch clustering {res['seconds_clustering']} s")
    if args.split_half:
        print("\nsplit half (batch; each half clustered on its own)")
        for half, got in split_half(records, res["facts"], cv).items():
            names = ("predicted_labels", "gold_labels", "store_predicted_labels")
            for name in names + (("cv_labels", "store_cv_labels") if cv else ()):
                s = got[name]
                label = f"half {half} ({got['n']} records), {name.replace('_', ' ')}"
                print(f"{label:45} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:6} {s.fp:6} {s.fn:6}")
    if args.errors:
        which, pred = "batch, gold labels", res["predicted_gold_labels"]
        if args.store_errors:
            which, pred = "policy store, predicted labels", res["store_predicted"]
        idx = [k for k, r in enumerate(records) if args.errors_half in (None, half_of(r))]
        if args.errors_half:
            which += f", half {args.errors_half} only"
            # the half clustered on its own, as its split-half row scores it
            if args.store_errors:
                pred = policy_store([_fresh(res["facts"][k]) if res["facts"][k] else None for k in idx])
            else:
                pred = assign_stories([_fresh(res["facts"][k], label=records[k]["label"]) if res["facts"][k]
                                       else None for k in idx])
        else:
            pred = [pred[k] for k in idx]
        print(f"\nerrors ({which}):")
        for line in errors([records[k] for k in idx], pred):
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
