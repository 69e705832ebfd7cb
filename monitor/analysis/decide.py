"""Label, score and reasons from the trained model (``model``) over the rule evidence.

``decide`` takes a batch of prepared documents (the hashing and the matrix products run once per
batch) and returns one ``classify.Decision`` each: the label of the highest calibrated
probability, that probability as the score, and reasons a seller can read — the evidence
features that pushed the decision most (naming their sentence), the words that weighed most, and
the strongest evidence against it.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from . import evidence
from .classify import TRAP_TERMS, Decision
from .model import CLASSES, TOKEN, Model, column, normalise, text_matrix, word_grams

MAX_FOR = 4
MAX_AGAINST = 2
MAX_WORDS = 4
_GRAM_INDEX: dict[int, dict[str, int]] = {}  # word n-gram -> its column (or -1: not shown), per hash size


def _word_reasons(model: Model, text: str, diff: np.ndarray, indices: np.ndarray, data: np.ndarray) -> list[str]:
    """The word n-grams of this text with the largest weight towards the label."""
    h = model.hashing
    n = h["n_features"]
    vals = dict(zip(indices.tolist(), data.tolist()))
    scored = {}
    cache = _GRAM_INDEX.setdefault(n, {})
    if len(cache) > 200_000:
        cache.clear()
    for gram in word_grams(TOKEN.findall(normalise(text, h["max_chars"])), *h["word_ngrams"]):
        if gram in scored:
            continue
        idx = cache.get(gram)
        if idx is None:
            skip = gram.replace("0", "").strip() == "" or (gram.isascii() and len(gram) < 4)
            idx = cache[gram] = -1 if skip else n + column(gram, n)
        if idx >= 0:
            scored[gram] = diff[idx] * vals.get(idx, 0.0)
    best = sorted((v, g) for g, v in scored.items() if v > 0)[::-1][:MAX_WORDS]
    return [f"'{g}'" for _, g in best]


def decide(model: Model, items: list[tuple], *, explain: bool = True) -> list[Decision]:
    """``items``: (doc, dates, rule decision) triples; one model decision each."""
    if not items:
        return []
    text_x = text_matrix([doc.full for doc, _, _ in items], model.hashing)
    dense_x = np.array([evidence.vector(doc, dates, rules) for doc, dates, rules in items], dtype=np.float64)
    rule_labels = np.array([CLASSES.index(rules.label) for _, _, rules in items])
    probs = model.proba(text_x, dense_x, rule_labels)
    out = []
    for k, (doc, _dates, rules) in enumerate(items):
        p = probs[k]
        c = int(np.argmax(p))
        label = CLASSES[c]
        reasons = [f"label {label}: confidence {p[c]:.2f} (contact verification {p[0]:.2f}, "
                   f"other verification {p[1]:.2f}, unrelated {p[2]:.2f})"]
        if explain:
            if model.rule_vote and rules.label == label:
                reasons.append(f"for: the hand-written rules also say {label} (vote {model.rule_vote:+.2f})")
            r = int(np.argsort(-p)[1])  # the runner-up the decision was taken against
            d_dense = (model.w_dense[c] - model.w_dense[r]) * model.dense_scale * dense_x[k]
            # one line per readable piece of evidence ("phone in the title" is two features)
            pieces: dict[str, float] = {}
            strong = np.flatnonzero(np.abs(d_dense) > 0.05)
            strong = strong[np.argsort(-np.abs(d_dense[strong]), kind="stable")[:3 * (MAX_FOR + MAX_AGAINST)]]
            for i in strong:
                text = evidence.explain(evidence.NAMES[i], doc, rules)
                pieces[text] = pieces.get(text, 0.0) + float(d_dense[i])
            ranked = sorted(pieces.items(), key=lambda kv: -kv[1])
            for text, w in [kv for kv in ranked if kv[1] > 0.05][:MAX_FOR]:
                reasons.append(f"for: {text} (weight {w:+.2f})")
            lo, hi = text_x.indptr[k], text_x.indptr[k + 1]  # row k, as getrow(k) would copy it
            r_indices, r_data = text_x.indices[lo:hi], text_x.data[lo:hi]
            d_text = model.diff("w_text", c, r)
            text_total = float(np.dot(r_data, d_text[r_indices].astype(np.float64)))
            words = _word_reasons(model, doc.full, d_text, r_indices, r_data)
            if words and text_total > 0:
                reasons.append(f"for: wording like {', '.join(words)} (weight of the text {text_total:+.2f})")
            for text, w in [kv for kv in ranked[::-1] if kv[1] < -0.05][:MAX_AGAINST]:
                reasons.append(f"against: {text} (weight {w:+.2f})")
            if text_total < 0:
                reasons.append(f"against: the wording as a whole (weight {text_total:+.2f})")
            # the traps the rules saw, whatever their learned weight: a seller reads why it may not be a policy
            for name in TRAP_TERMS:
                st = rules.terms.get(name, 0.0)
                if st > 0:
                    reasons.append(f"trap: {evidence.explain(name, doc, rules)} (strength {st:.1f})")
        out.append(replace(rules, label=label, score=round(float(p[c]), 3), reasons=reasons,
                           p_cv=float(p[0]), p_ov=float(p[1])))
    return out
