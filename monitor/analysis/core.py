"""``analyze``: one announcement record in, one analysis object out (DESIGN §3.2)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import IO

from . import lexicon
from dataclasses import dataclass

from .classify import Decision, classify
from .dates import parse_published
from .decide import decide
from .extract import DateFacts, consequences, contact_types, marketplace, method, platform, policy_dates, where
from .features import CONTACT_CONCEPTS, OV_CONCEPTS, Doc, build
from .model import Model, ModelError, default_model
from . import story as story_mod
from .phishing import assess as assess_phishing

log = logging.getLogger(__name__)

LABELS = ("contact_verification", "other_verification", "unrelated")
CONTACT_TYPES = ("email", "phone", "emergency_contact", "two_step_verification", "contact_details")
METHODS = ("otp", "sms", "email_link", "call", "unknown")


def _empty_facts() -> dict:
    return {"marketplace": None, "contact_types": [], "method": None, "where": None, "effective_date": None,
            "announced_date": None, "deadline": None, "consequences": None, "notes": []}


def invalid(record_id: object, why: str) -> dict:
    """The answer for an input line that is not a usable record."""
    rid = record_id if isinstance(record_id, (str, int, float)) and not isinstance(record_id, bool) else None
    if isinstance(rid, float):
        rid = str(rid)
    return {"id": rid, "label": "unrelated", "score": 1.0, "reasons": [f"invalid input: {why}"],
            "facts": _empty_facts(), "story": f"invalid/{hash_id(rid)}", "phishing": {"flag": False, "reasons": []}}


def hash_id(value: object) -> str:
    import hashlib

    return hashlib.sha1(repr(value).encode("utf-8", "replace")).hexdigest()[:12]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass
class Prepared:
    """One record read, cut into sentences, with its concept hits, dates and rule evidence."""
    record: dict
    rid: object
    doc: Doc
    dates: DateFacts
    rules: Decision
    published: dt.date | None
    notes: list[str]


def prepare(record: dict, *, today: dt.date | None = None) -> Prepared | dict:
    """Everything before the model's decision; an invalid record gives its final answer (a dict)."""
    if not isinstance(record, dict):
        return invalid(None, "not a JSON object")
    rid = record.get("id")
    text = record.get("text")
    if not isinstance(text, str) and text is not None:
        text = str(text)
    if not (text or record.get("title")):
        out = invalid(rid, "no text")
        out["id"] = rid if isinstance(rid, (str, int)) else out["id"]
        return out
    notes: list[str] = []
    published = parse_published(record.get("published"))
    if record.get("published") and published is None:
        notes.append("publication date could not be read")
    if published and today and published > today + dt.timedelta(days=1):
        notes.append(f"publication date {published.isoformat()} is in the future; ignored")
        published = None
    doc = build(record, published)
    if published is None and doc.dateline_date is not None and not (today and doc.dateline_date > today):
        published = doc.published = doc.dateline_date
        notes.append(f"publication date {published.isoformat()} read from the page")
    dates = policy_dates(doc, today=today)
    return Prepared(record, rid, doc, dates, classify(doc, dates), published, notes)


def _core_sents(doc: Doc, found: set[int], concepts: tuple[str, ...]) -> set[int]:
    """The sentences the facts are read from: the rules' core, else every sentence naming the subject."""
    return found or {i for i, cs in enumerate(doc.by_sent) if cs & set(concepts)}


def finish_full(prep: Prepared, decision: Decision) -> tuple[dict, story_mod.StoryFacts]:
    """The analysis object of DESIGN §3.2 from a prepared record and the model's decision, with what
    the story clustering of a batch needs."""
    doc, dates, record, notes, published = prep.doc, prep.dates, prep.record, list(prep.notes), prep.published
    facts = _empty_facts()
    plat = platform(doc)
    if plat and plat != "amazon":
        notes.append(f"platform: {lexicon.PLATFORMS[plat][0]} (not Amazon)")
    facts["announced_date"] = _iso(dates.announced)
    ov_sub = None
    if decision.label in ("contact_verification", "other_verification"):
        facts["marketplace"] = marketplace(doc, plat)  # decides the affected accounts: positives only
        facts["effective_date"] = _iso(dates.effective)
        facts["deadline"] = _iso(dates.deadline)
        if decision.label == "contact_verification":
            core = _core_sents(doc, decision.cv_sents, CONTACT_CONCEPTS + ("two_step",))
        else:
            core = _core_sents(doc, decision.ov_sents, OV_CONCEPTS)
        facts["consequences"] = consequences(doc, core)
        facts["where"] = where(doc)
        notes.extend(dates.notes)
        if decision.label == "contact_verification":
            facts["contact_types"] = contact_types(doc, core)
            facts["method"] = method(doc, core)
        else:
            kinds = set()
            for i in core:
                kinds |= doc.by_sent[i] & set(OV_CONCEPTS)
            ov_sub = next((sub for c, sub in lexicon.OV_SUBTOPICS if c in kinds), None)
    elif published is None and not record.get("published"):
        notes.append("no publication date")
    facts["notes"] = list(dict.fromkeys(notes))
    sf = story_mod.StoryFacts(
        label=decision.label, platform=plat, contact_types=facts["contact_types"], subtopic=ov_sub,
        effective=dates.effective, deadline=dates.deadline, announced=dates.announced, published=published,
        title=doc.title, text=doc.body, url=doc.url, notification_contacts=doc.has("notif_prefs"),
        method=facts["method"], concepts=frozenset(k for k, v in doc.hits.items() if v),
        # extract.policy_dates notes a policy date's year it resolved without a publication date
        year_guessed=any("not stated and no publication date" in n for n in dates.notes))
    rid = prep.rid
    rid_out = rid if isinstance(rid, (str, int)) and not isinstance(rid, bool) else (None if rid is None else str(rid))
    return {"id": rid_out, "label": decision.label, "score": float(max(0.0, min(1.0, decision.score))),
            "reasons": decision.reasons, "facts": facts, "story": story_mod.story_key(sf),
            "phishing": assess_phishing(record.get("text") if isinstance(record.get("text"), str) else "",
                                        title=record.get("title") if isinstance(record.get("title"), str) else None)}, sf


def finish(prep: Prepared, decision: Decision) -> dict:
    """The analysis object of DESIGN §3.2 from a prepared record and the model's decision."""
    return finish_full(prep, decision)[0]


def analyze_many_full(records: list, *, today: dt.date | None = None,
                      model: Model | None = None) -> list[tuple[dict, story_mod.StoryFacts | None]]:
    """``analyze`` over a batch (the model scores the whole batch at once), with each record's story
    facts (None for an invalid record)."""
    model = model or default_model()
    preps = [prepare(r, today=today) for r in records]
    ready = [p for p in preps if isinstance(p, Prepared)]
    decisions = iter(decide(model, [(p.doc, p.dates, p.rules) for p in ready]))
    return [finish_full(p, next(decisions)) if isinstance(p, Prepared) else (p, None) for p in preps]


def analyze_many(records: list, *, today: dt.date | None = None, model: Model | None = None) -> list[dict]:
    """``analyze`` over a batch: the model scores the whole batch at once."""
    return [out for out, _ in analyze_many_full(records, today=today, model=model)]


def analyze_full(record: dict, *, today: dt.date | None = None,
                 model: Model | None = None) -> tuple[dict, story_mod.StoryFacts | None]:
    """``analyze`` plus what the story clustering of a batch needs (None for invalid input)."""
    return analyze_many_full([record], today=today, model=model)[0]


def analyze(record: dict, *, today: dt.date | None = None, model: Model | None = None) -> dict:
    """Classify one announcement and extract its facts; never raises on bad input.

    A missing or damaged model file is not bad input: it raises ``ModelError`` (run ``make train``).
    """
    return analyze_many([record], today=today, model=model)[0]


def _read_line(line: str) -> tuple[dict | None, dict | None]:
    """(record, None) for a usable input line, (None, the answer) for one that is not."""
    try:
        rec = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return None, invalid(None, f"not valid JSON ({type(exc).__name__})")
    if not isinstance(rec, dict):
        return None, invalid(None, "not a JSON object")
    if not isinstance(rec.get("id"), (str, int)) or isinstance(rec.get("id"), bool):
        if rec.get("id") is None:
            return None, invalid(None, "missing id")
        return None, invalid(str(rec.get("id"))[:200], "id is not a string")
    return rec, None


def _safe_many(recs: list[dict], today: dt.date | None,
               model: Model | None) -> list[tuple[dict, story_mod.StoryFacts | None]]:
    try:
        return analyze_many_full(recs, today=today, model=model)
    except ModelError:
        raise
    except Exception:
        if len(recs) == 1:
            return [(invalid(recs[0].get("id"), f"could not be analysed ({type(sys.exc_info()[1]).__name__})"), None)]
        # one hostile record must not cost the batch: redo it one by one
        return [pair for r in recs for pair in _safe_many([r], today, model)]


def analyze_line(line: str, *, today: dt.date | None = None, model: Model | None = None) -> dict:
    rec, bad = _read_line(line)
    return bad if bad is not None else _safe_many([rec], today, model)[0][0]


BATCH = 128


def analyze_stream(in_fp: IO[str], out_fp: IO[str], *, today: dt.date | None = None,
                   model: Model | None = None) -> int:
    """Read JSON Lines from ``in_fp``, write one JSON line per input line to ``out_fp``, in input order.

    Lines are scored in batches of ``BATCH`` (the model's matrix products run once per batch). The
    whole input is one batch for stories: every line is analysed, then the stories are clustered over
    the input (``story.assign_stories``: an undated repost joins its dated original), then written.
    """
    model = model or default_model()
    outs: list[dict] = []
    facts: list[story_mod.StoryFacts | None] = []
    batch: list[tuple[dict | None, dict | None]] = []

    def flush() -> None:
        recs = [rec for rec, bad in batch if bad is None]
        pairs = iter(_safe_many(recs, today, model)) if recs else iter(())
        for rec, bad in batch:
            out, sf = (bad, None) if bad is not None else next(pairs)
            outs.append(out)
            facts.append(sf.compact() if sf is not None else None)
        batch.clear()

    for line in in_fp:
        if not line.strip():
            continue
        batch.append(_read_line(line))
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    try:
        stories = story_mod.assign_stories(facts)
    except Exception:  # the per-item keys are still a valid answer; never lose the batch
        log.exception("story clustering failed; per-item story keys kept")
        stories = [None] * len(outs)
    for out, story in zip(outs, stories):
        if story is not None:
            out["story"] = story
        out_fp.write(json.dumps(out, ensure_ascii=False) + "\n")
    return len(outs)
