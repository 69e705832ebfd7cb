"""Train the shipped classifier on the real labelled corpus.

    python -m monitor.analysis.train [--corpus PATH] [--out PATH] [--folds K]

Reads the corpus (JSON Lines with ``id``, ``title``, ``text``, ``language``, ``published``,
``label``, ``story``), extracts the rule evidence and the hashed n-grams of every record, measures
the model by story-grouped k-fold cross-validation (no event in both train and test; records with
a null story are their own group), fits the calibration temperature on those out-of-fold scores,
trains the final model on every record and writes it (``model.save``) with the corpus SHA-256 and
the cross-validation figures.  Deterministic: records sorted by id, fixed seeds, the same corpus
gives the same file byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from scipy import sparse

from . import evidence
from .model import CLASSES, DEFAULT_HASHING, MODEL_PATH, Model, save, text_matrix

DEFAULT_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "announcements.jsonl"
INPUT_KEYS = ("id", "title", "text", "url", "language", "published")
SEED = 0
DEFAULT_PARAMS = {"C": 1.0, "dense_scale": 0.5, "story_power": 0.5, "folds": 5, "rule_vote": 1.0}
RULE_VOTES = (0.0, 0.5, 1.0, 1.5, 2.0)  # measured and printed by ``train``; the prior stays DEFAULT_PARAMS


class CorpusError(ValueError):
    """The training corpus is missing or malformed."""


def corpus_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_corpus(path: str | Path) -> list[dict]:
    """The labelled records, sorted by id; a missing file or a bad line is a ``CorpusError``."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"corpus not found: {path}")
    records = []
    with open(path, encoding="utf-8") as fp:
        for n, line in enumerate(fp, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise CorpusError(f"{path}:{n}: not valid JSON ({exc})") from exc
            if not isinstance(rec, dict) or rec.get("label") not in CLASSES or not isinstance(rec.get("id"), (str, int)):
                raise CorpusError(f"{path}:{n}: a record needs an id and a label among {', '.join(CLASSES)}")
            records.append(rec)
    if not records:
        raise CorpusError(f"{path}: no records")
    ids = [str(r["id"]) for r in records]
    if len(set(ids)) != len(ids):
        raise CorpusError(f"{path}: duplicate ids")
    return sorted(records, key=lambda r: str(r["id"]))


def groups_of(records: list[dict]) -> list[str]:
    """One group per story; a record without a story is a group of its own."""
    return [f"story:{r['story']}" if r.get("story") else f"id:{r['id']}" for r in records]


def grouped_folds(records: list[dict], k: int = 5, seed: int = SEED) -> list[tuple[np.ndarray, np.ndarray]]:
    """Story-grouped, label-stratified folds: (train indexes, test indexes) with disjoint groups."""
    from sklearn.model_selection import StratifiedGroupKFold

    y = [r["label"] for r in records]
    groups = groups_of(records)
    k = max(2, min(k, len(set(groups))))
    splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    return [(np.asarray(tr), np.asarray(te)) for tr, te in splitter.split(np.zeros(len(y)), y, groups)]


def prepare_all(records: list[dict]):
    """(prepared records, hashed text matrix, dense evidence matrix, labels)."""
    from .core import Prepared, prepare

    preps = []
    for r in records:
        p = prepare({k: r.get(k) for k in INPUT_KEYS})
        if not isinstance(p, Prepared):
            raise CorpusError(f"record {r['id']}: {p['reasons'][0]}")
        preps.append(p)
    text_x = text_matrix([p.doc.full for p in preps], DEFAULT_HASHING)
    dense_x = np.array([evidence.vector(p.doc, p.dates, p.rules) for p in preps], dtype=np.float64)
    y = np.array([CLASSES.index(r["label"]) for r in records])
    return preps, text_x, dense_x, y


def story_weights(groups: list[str], power: float) -> np.ndarray:
    """1 / size**power per record: an event reposted sixteen times does not outweigh sixteen events."""
    from collections import Counter

    size = Counter(groups)
    w = np.array([1.0 / size[g] ** power for g in groups])
    return w * len(w) / w.sum()


def fit(text_x, dense_x, y, params: dict = DEFAULT_PARAMS, meta: dict | None = None,
        groups: list[str] | None = None) -> Model:
    """One logistic regression over hashed n-grams and scaled evidence (balanced classes, stories
    down-weighted by their size when ``groups`` are given)."""
    from sklearn.linear_model import LogisticRegression

    scale = float(params["dense_scale"])
    x = sparse.hstack([text_x, sparse.csr_matrix(dense_x * scale)], format="csr")
    clf = LogisticRegression(C=float(params["C"]), class_weight="balanced", max_iter=2000, tol=1e-4)
    sw = story_weights(groups, float(params.get("story_power", 0.0))) if groups is not None else None
    clf.fit(x, y, sample_weight=sw)
    coef = np.zeros((len(CLASSES), x.shape[1]))
    bias = np.zeros(len(CLASSES))
    if len(clf.classes_) > 2:
        coef[clf.classes_] = clf.coef_
        bias[clf.classes_] = clf.intercept_
    else:  # a tiny corpus without one class: split the binary logit in halves
        lo, hi = clf.classes_
        coef[hi], bias[hi] = clf.coef_[0] / 2, clf.intercept_[0] / 2
        coef[lo], bias[lo] = -clf.coef_[0] / 2, -clf.intercept_[0] / 2
    for cls in set(range(len(CLASSES))) - set(clf.classes_.tolist()):
        bias[cls] = -30.0  # a class never seen in training is never predicted
    n_text = text_x.shape[1]
    m = dict(meta or {}, hashing=dict(DEFAULT_HASHING), dense_scale=scale, C=float(params["C"]),
             story_power=float(params.get("story_power", 0.0)), temperature=1.0,
             rule_vote=float(params.get("rule_vote", 0.0)))
    return Model(coef[:, :n_text].astype(np.float32), coef[:, n_text:].astype(np.float32), bias.astype(np.float32), m)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises the log loss of the out-of-fold logits (grid, deterministic)."""
    best_t, best = 1.0, float("inf")
    for t in np.exp(np.linspace(np.log(0.2), np.log(5.0), 161)):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        lp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -lp[np.arange(len(y)), y].mean()
        if loss < best - 1e-12:
            best_t, best = float(t), loss
    return round(best_t, 4)


def scores(y: np.ndarray, pred: np.ndarray) -> dict:
    cv = CLASSES.index("contact_verification")
    tp = int(((pred == cv) & (y == cv)).sum())
    fp = int(((pred == cv) & (y != cv)).sum())
    fn = int(((pred != cv) & (y == cv)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"cv_precision": round(p, 4), "cv_recall": round(r, 4), "cv_f1": round(f, 4),
            "accuracy": round(float((pred == y).mean()), 4), "n": int(len(y))}


def cross_validate(records, text_x, dense_x, y, params: dict = DEFAULT_PARAMS):
    """Out-of-fold logits of story-grouped k-fold CV."""
    logits = np.zeros((len(y), len(CLASSES)))
    groups = groups_of(records)
    for tr, te in grouped_folds(records, params["folds"]):
        m = fit(text_x[tr], dense_x[tr], y[tr], params, groups=[groups[i] for i in tr])
        logits[te] = m.logits(text_x[te], dense_x[te])
    return logits


def rule_labels_of(preps) -> np.ndarray:
    return np.array([CLASSES.index(p.rules.label) for p in preps])


def train(corpus: str | Path, out: str | Path | None = MODEL_PATH, params: dict = DEFAULT_PARAMS,
          log=print) -> Model:
    records = load_corpus(corpus)
    digest = corpus_sha256(corpus)
    log(f"corpus {corpus}: {len(records)} records, sha256 {digest[:16]}…")
    preps, text_x, dense_x, y = prepare_all(records)
    oof = cross_validate(records, text_x, dense_x, y, params)
    votes = np.eye(len(CLASSES))[rule_labels_of(preps)]
    for a in RULE_VOTES:
        s = scores(y, (oof + a * votes).argmax(axis=1))
        log(f"  rule vote {a:.1f}: contact_verification F1 {s['cv_f1']:.3f}, 3-class accuracy {s['accuracy']:.3f}")
    vote = float(params.get("rule_vote", 0.0))
    oof = oof + vote * votes
    cv = scores(y, oof.argmax(axis=1))
    temperature = fit_temperature(oof, y)
    log(f"story-grouped {params['folds']}-fold CV (rule vote {vote}): contact_verification P {cv['cv_precision']:.3f} "
        f"R {cv['cv_recall']:.3f} F1 {cv['cv_f1']:.3f}, 3-class accuracy {cv['accuracy']:.3f}; "
        f"temperature {temperature}")
    meta = {"corpus_sha256": digest, "corpus_records": len(records),
            "corpus_labels": {c: int((y == i).sum()) for i, c in enumerate(CLASSES)},
            "cv": dict(cv, scheme=f"story-grouped stratified {params['folds']}-fold, seed {SEED}"),
            "seed": SEED}
    model = fit(text_x, dense_x, y, params, meta, groups=groups_of(records))
    model.meta["temperature"] = temperature
    model.meta["rule_vote"] = vote
    if out is not None:
        save(model, out)
        log(f"wrote {out} ({Path(out).stat().st_size // 1024} KiB)")
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m monitor.analysis.train", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="labelled JSON Lines (default: %(default)s)")
    ap.add_argument("--out", default=str(MODEL_PATH), help="model file to write (default: the shipped one)")
    ap.add_argument("--folds", type=int, default=DEFAULT_PARAMS["folds"])
    args = ap.parse_args(argv)
    try:
        train(args.corpus, args.out, dict(DEFAULT_PARAMS, folds=args.folds))
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
