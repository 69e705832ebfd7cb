"""Measure the analysis: story-grouped cross-validation on the real corpus, and the team's own sets.

    python -m monitor.analysis.evaluate --corpus PATH --cv story [--folds K] [--hide-half B] [--sets FILE ...]
    python -m monitor.analysis.evaluate FILE [FILE ...] [--errors] [--json]

``--corpus``: the real labelled corpus (``../shared/corpus/announcements.jsonl``, see its README).
The rule and feature extraction runs on every record; the model of each fold is trained only on
its training part, and no story (event) is in both parts of a fold (a record without a story is a
group of its own).  Printed: contact-verification P/R/F1 overall, per language and without
BOUNDARY records, 3-class accuracy, dates found, contact-types Jaccard, story pairwise F1, the
list of errors; then the team's own sets (``tests/monitor/analysis/data/*.jsonl``) scored with
the shipped model — for information, they decide nothing.

The rows "half A / half B of the stories" split the same cross-validated predictions by a stable
hash of the story (``story_eval.half_of``).  ``--hide-half B`` leaves half B's errors out of the
list: revise rules reading half A's errors only, and half B's row is then a figure on texts the
revision never looked at (the whole-corpus figure is flattered by every rule written while reading
the errors).

A team set (``FILE``) holds the input fields of DESIGN §3.2 plus the expectations: ``label``,
``story_group`` (items of one event share it), ``contact_types`` and, where the text states
them, ``effective_date``, ``deadline``, ``announced_date``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .core import analyze_many
from .story_eval import half_of

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
    outs = analyze_many([{k: it.get(k) for k in INPUT_KEYS if k in it} for it in items])
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


CORPUS_DEFAULT = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "announcements.jsonl"
TEAM_SETS = Path(__file__).resolve().parents[2] / "tests" / "monitor" / "analysis" / "data"
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTHS = {m: i for i, ms in enumerate((
    ("january", "jan", "januar", "enero", "janvier", "gennaio"), ("february", "feb", "februar", "febrero", "février"),
    ("march", "mar", "märz", "marzo", "mars"), ("april", "apr", "abril", "avril", "aprile"),
    ("may", "mai", "mayo", "maggio"), ("june", "jun", "juni", "junio", "juin", "giugno"),
    ("july", "jul", "juli", "julio", "juillet", "luglio"), ("august", "aug", "agosto", "août"),
    ("september", "sep", "sept", "septiembre", "septembre", "settembre"),
    ("october", "oct", "oktober", "octubre", "octobre", "ottobre"),
    ("november", "nov", "noviembre", "novembre"), ("december", "dec", "dezember", "diciembre", "décembre", "dicembre")),
    1) for m in ms}
_MD_NAME = (re.compile(r"\b([a-zäéû]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.I),
            re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([a-zäéû]+)\b", re.I))
_MD_CJK = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def gold_date(value: str | None) -> tuple[str, tuple] | None:
    """A corpus fact as a checkable date: ("iso", (y, m, d)) or ("md", (m, d)) for a date whose
    year the text does not state; None for a phrase that names no day ("early 2020", "today")."""
    if not value:
        return None
    m = _ISO.match(value)
    if m:
        return "iso", tuple(int(g) for g in m.groups())
    if "year not stated" not in value and "Jahr nicht genannt" not in value:
        return None
    m = _MD_CJK.search(value)
    if m:
        return "md", (int(m.group(1)), int(m.group(2)))
    for k, rx in enumerate(_MD_NAME):
        for m in rx.finditer(value):
            name, day = (m.group(1), m.group(2)) if k == 0 else (m.group(2), m.group(1))
            month = _MONTHS.get(name.lower())
            if month and 1 <= int(day) <= 31:
                return "md", (month, int(day))
    return None


def date_matches(gold: tuple[str, tuple], predicted: str | None) -> bool:
    if not predicted:
        return False
    y, m, d = (int(x) for x in predicted.split("-"))
    kind, val = gold
    return (y, m, d) == val if kind == "iso" else (m, d) == val


@dataclass
class CorpusReport:
    n: int
    folds: int
    overall: dict
    per_language: dict
    without_boundary: dict
    accuracy: float
    dates_found: int
    dates_checked: int
    dates_unchecked: int
    contact_types_jaccard: float | None
    story: dict
    errors: list[dict]
    date_misses: list[dict]
    story_per_item: dict = field(default_factory=dict)
    halves: dict = field(default_factory=dict)  # "A"/"B" -> the overall row on that half of the stories


def _prf_dict(gold: list[str], pred: list[str]) -> dict:
    tp = sum(g == CV and p == CV for g, p in zip(gold, pred))
    fp = sum(g != CV and p == CV for g, p in zip(gold, pred))
    fn = sum(g == CV and p != CV for g, p in zip(gold, pred))
    p, r, f = _prf(tp, fp, fn)
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    return {"n": len(gold), "positives": tp + fn, "precision": p, "recall": r, "f1": f, "accuracy": acc}


def story_pairs(gold: list[str | None], pred: list[str]) -> dict:
    """Pairwise precision/recall/F1: same gold story (non-null) against same predicted story."""
    tp = fp = fn = 0
    for (ga, pa), (gb, pb) in itertools.combinations(zip(gold, pred), 2):
        same_gold = ga is not None and ga == gb
        same_pred = pa == pb
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p, r, f = _prf(tp, fp, fn)
    return {"precision": p, "recall": r, "f1": f, "gold_pairs": tp + fn}


def cross_validate_corpus(path: str | Path, folds: int = 5) -> CorpusReport:
    """Story-grouped k-fold CV of the whole analysis (label, facts, story) on the corpus."""
    from . import story as story_mod
    from . import train as tr
    from .core import finish_full
    from .decide import decide

    records = tr.load_corpus(path)
    preps, text_x, dense_x, y = tr.prepare_all(records)
    outs: list[dict | None] = [None] * len(records)
    story_facts: list = [None] * len(records)
    splits = tr.grouped_folds(records, folds)
    groups = tr.groups_of(records)
    for train_idx, test_idx in splits:
        assert not {groups[i] for i in train_idx} & {groups[i] for i in test_idx}
        model = tr.fit(text_x[train_idx], dense_x[train_idx], y[train_idx], dict(tr.DEFAULT_PARAMS, folds=folds),
                       groups=[groups[i] for i in train_idx])
        test = [preps[i] for i in test_idx]
        for i, p, dec in zip(test_idx, test, decide(model, [(p.doc, p.dates, p.rules) for p in test])):
            outs[i], sf = finish_full(p, dec)
            story_facts[i] = sf.compact()
    # stories as `monitor analyze` gives them: the whole input is one batch, clustered across items
    per_item_story = [o["story"] for o in outs]
    for o, st in zip(outs, story_mod.assign_stories(story_facts)):
        if st is not None:
            o["story"] = st
    gold = [r["label"] for r in records]
    pred = [o["label"] for o in outs]
    langs = sorted({r.get("language") or "?" for r in records})
    per_lang = {}
    for lang in langs:
        idx = [i for i, r in enumerate(records) if (r.get("language") or "?") == lang]
        per_lang[lang] = _prf_dict([gold[i] for i in idx], [pred[i] for i in idx])
    nb = [i for i, r in enumerate(records) if "BOUNDARY" not in (r.get("label_note") or "")]
    halves = {}
    for half in "AB":
        idx = [i for i, r in enumerate(records) if half_of(r) == half]
        halves[half] = _prf_dict([gold[i] for i in idx], [pred[i] for i in idx])
    found = checked = unchecked = 0
    misses = []
    jac = []
    for r, o in zip(records, outs):
        if r["label"] != CV:
            continue
        facts = r.get("facts") or {}
        for key in ("effective_date", "deadline", "announced_date"):
            g = gold_date(facts.get(key))
            if g is None:
                unchecked += bool(facts.get(key))
                continue
            checked += 1
            if date_matches(g, o["facts"][key]):
                found += 1
            else:
                misses.append({"id": r["id"], "fact": key, "gold": facts.get(key), "predicted": o["facts"][key],
                               "half": half_of(r)})
        if o["label"] == CV:
            e, g2 = set(facts.get("contact_types") or []), set(o["facts"]["contact_types"])
            jac.append(len(e & g2) / len(e | g2) if e | g2 else 1.0)
    errors = [{"id": r["id"], "gold": r["label"], "predicted": o["label"], "score": o["score"],
               "language": r.get("language"), "boundary": "BOUNDARY" in (r.get("label_note") or ""),
               "half": half_of(r)}
              for r, o in zip(records, outs) if r["label"] != o["label"]]
    return CorpusReport(
        n=len(records), folds=len(splits), overall=_prf_dict(gold, pred), per_language=per_lang,
        without_boundary=_prf_dict([gold[i] for i in nb], [pred[i] for i in nb]),
        accuracy=sum(g == p for g, p in zip(gold, pred)) / len(gold),
        dates_found=found, dates_checked=checked, dates_unchecked=unchecked,
        contact_types_jaccard=sum(jac) / len(jac) if jac else None,
        story=story_pairs([r.get("story") for r in records], [o["story"] for o in outs]),
        story_per_item=story_pairs([r.get("story") for r in records], per_item_story),
        errors=errors, date_misses=misses, halves=halves)


def format_corpus(path: str, rep: CorpusReport, *, hide_half: str | None = None) -> str:
    def row(name: str, d: dict) -> str:
        return (f"{name:<22} {d['n']:>5} {d['positives']:>5}  {d['precision']:6.3f} {d['recall']:6.3f} "
                f"{d['f1']:6.3f}  {d['accuracy']:6.3f}")

    lines = [f"corpus {path}: story-grouped {rep.folds}-fold cross-validation (no story in train and test)",
             f"{'contact_verification':<22} {'items':>5} {'pos':>5}  {'P':>6} {'R':>6} {'F1':>6}  {'acc':>6}",
             row("overall", rep.overall), row("without BOUNDARY", rep.without_boundary)]
    lines += [row(f"  language {lang}", d) for lang, d in rep.per_language.items()]
    lines += [row(f"half {h} of the stories", d) for h, d in rep.halves.items()]
    dates = f"{rep.dates_found}/{rep.dates_checked}" + (f" = {rep.dates_found / rep.dates_checked:.3f}" if rep.dates_checked else "")
    jac = "n/a" if rep.contact_types_jaccard is None else f"{rep.contact_types_jaccard:.3f}"
    lines += ["",
              f"3-class accuracy          {rep.accuracy:.3f}",
              f"dates found (positives)   {dates}  ({rep.dates_unchecked} phrase facts with no day, not checked)",
              f"contact_types Jaccard     {jac}",
              f"story pairwise P/R/F1     {rep.story['precision']:.3f} / {rep.story['recall']:.3f} / "
              f"{rep.story['f1']:.3f}  ({rep.story['gold_pairs']} gold pairs; the corpus as one batch, "
              "as `monitor analyze` reads its input)",
              f"  one item at a time      {rep.story_per_item['precision']:.3f} / {rep.story_per_item['recall']:.3f} / "
              f"{rep.story_per_item['f1']:.3f}  (analyze() per record, no batch)" if rep.story_per_item else "",
              "", f"errors ({len(rep.errors)}): id  gold -> predicted (score)"]
    shown = [e for e in rep.errors if hide_half is None or e["half"] != hide_half]
    if hide_half:
        lines.append(f"  (the {len(rep.errors) - len(shown)} of half {hide_half} are not listed: judge a rule change "
                     f"by half {hide_half}'s figures without reading its texts)")
    lines += [f"  {e['id']}  {e['gold']} -> {e['predicted']} ({e['score']:.2f}) [{e['language']}]"
              + ("  BOUNDARY" if e["boundary"] else "") for e in shown]
    lines += ["", f"date misses ({len(rep.date_misses)}):"]
    lines += [f"  {m['id']}  {m['fact']}: {m['predicted']} (corpus: {m['gold']})" for m in rep.date_misses
              if hide_half is None or m["half"] != hide_half]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m monitor.analysis.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", help="team sets to score with the shipped model")
    ap.add_argument("--corpus", help="real labelled corpus for cross-validation")
    ap.add_argument("--cv", choices=("story",), default="story", help="grouping of the cross-validation folds")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--errors", action="store_true", help="list the items that were got wrong")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--hide-half", choices=("A", "B"),
                    help="do not list the errors of this half of the stories (tune on the other, judge on it)")
    args = ap.parse_args(argv)
    if not args.files and not args.corpus:
        ap.error("give --corpus PATH and/or team set FILEs")
    results: dict = {}
    if args.corpus:
        from .train import CorpusError

        try:
            crep = cross_validate_corpus(args.corpus, args.folds)
        except CorpusError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        results["corpus"] = asdict(crep)
        if not args.json:
            print(format_corpus(args.corpus, crep, hide_half=args.hide_half))
            print()
        files = args.files or sorted(str(p) for p in TEAM_SETS.glob("*.jsonl"))
        if files and not args.json:
            print("team sets (written by the team; scored with the shipped model, for information only)")
    else:
        files = args.files
    for path in files:
        rep = evaluate(load(path))
        results[path] = {k: v for k, v in asdict(rep).items() if k != "errors"}
        if not args.json:
            print(format_table(path, rep))
            if args.errors:
                for e in rep.errors:
                    print(f"  {e['id']}: {'; '.join(e['problems'])}  [{e['story']}]")
            print()
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
