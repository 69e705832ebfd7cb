"""``analyze``: one announcement record in, one analysis object out (DESIGN §3.2)."""

from __future__ import annotations

import datetime as dt
import json
from typing import IO

from . import lexicon
from .classify import classify
from .dates import parse_published
from .extract import consequences, contact_types, marketplace, method, platform, policy_dates, where
from .features import OV_CONCEPTS, build
from .story import story_key

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
            "facts": _empty_facts(), "story": f"invalid/{hash_id(rid)}"}


def hash_id(value: object) -> str:
    import hashlib

    return hashlib.sha1(repr(value).encode("utf-8", "replace")).hexdigest()[:12]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def analyze(record: dict, *, today: dt.date | None = None) -> dict:
    """Classify one announcement and extract its facts; never raises on bad input."""
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
    decision = classify(doc, dates)
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
        core = decision.cv_sents if decision.label == "contact_verification" else decision.ov_sents
        facts["consequences"] = consequences(doc, core)
        facts["where"] = where(doc)
        notes.extend(dates.notes)
        if decision.label == "contact_verification":
            facts["contact_types"] = contact_types(doc, decision.cv_sents)
            facts["method"] = method(doc, decision.cv_sents)
        else:
            kinds = set()
            for i in decision.ov_sents:
                kinds |= doc.by_sent[i] & set(OV_CONCEPTS)
            ov_sub = next((sub for c, sub in lexicon.OV_SUBTOPICS if c in kinds), None)
    elif published is None and not record.get("published"):
        notes.append("no publication date")
    anchor = dates.effective or dates.deadline or dates.announced
    if decision.label == "unrelated":
        anchor = None
    facts["notes"] = list(dict.fromkeys(notes))
    story = story_key(decision.label, plat, facts["contact_types"], ov_sub, anchor.year if anchor else None,
                      doc.title, doc.body, notification_contacts=doc.has("notif_prefs"), method=facts["method"])
    rid_out = rid if isinstance(rid, (str, int)) and not isinstance(rid, bool) else (None if rid is None else str(rid))
    return {"id": rid_out, "label": decision.label, "score": float(max(0.0, min(1.0, decision.score))),
            "reasons": decision.reasons, "facts": facts, "story": story}


def analyze_line(line: str, *, today: dt.date | None = None) -> dict:
    try:
        rec = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return invalid(None, f"not valid JSON ({type(exc).__name__})")
    if not isinstance(rec, dict):
        return invalid(None, "not a JSON object")
    if not isinstance(rec.get("id"), (str, int)) or isinstance(rec.get("id"), bool):
        if rec.get("id") is None:
            bad = invalid(None, "missing id")
        else:
            bad = invalid(str(rec.get("id"))[:200], "id is not a string")
        return bad
    try:
        return analyze(rec, today=today)
    except Exception as exc:  # never crash on one hostile record
        return invalid(rec.get("id"), f"could not be analysed ({type(exc).__name__})")


def analyze_stream(in_fp: IO[str], out_fp: IO[str], *, today: dt.date | None = None) -> int:
    """Read JSON Lines from ``in_fp``, write one JSON line per input line to ``out_fp``."""
    count = 0
    for line in in_fp:
        if not line.strip():
            continue
        out_fp.write(json.dumps(analyze_line(line, today=today), ensure_ascii=False) + "\n")
        count += 1
    return count
