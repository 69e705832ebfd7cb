"""Measure the fact extractor on the real corpus (``../shared/corpus/announcements.jsonl``).

Usage: ``python -m monitor.analysis.facts_eval --corpus PATH [--errors] [--json]``

Runs ``analyze()`` on every positive record (contact_verification, other_verification) and compares
its facts with the gold ``facts`` of the corpus:

- dates: every gold ``effective_date`` / ``announced_date`` / ``deadline`` that names one day. A gold
  value that starts with an ISO date is that date; a gold value whose head (the text before the first
  "(" or ";") starts with a date is that date; with "(year not stated)" it is found when the predicted
  date has that month and day and, when the record has a ``published`` date, its year is the one the
  resolver should pick (the one nearest to ``published``, see ``dates.resolve_year``); without a
  ``published`` date, month and day decide. Phrases that name no day ("early 2020", "summer 2021",
  "today (date not stated)") are not counted.
  Two figures: *end to end* (the facts of ``analyze``, which gives dates only to texts it classifies as
  positive) and *extraction* (the dates of ``policy_dates`` whatever the label).
- marketplace: the Amazon marketplace code (``marketplace``) for gold values that name Amazon (a country
  in brackets gives the code, none means no code expected) and the platform for the others.
- method and where: exact method; where is found when the gold names a place and the output has one.

Never needed by ``make test``: the corpus is third-party text and stays outside the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import lexicon
from .core import analyze
from .dates import find_dates, parse_published, resolve_year
from .extract import marketplace, platform, policy_dates
from .features import build
from .text import clean, detect_language

DATE_FIELDS = ("effective_date", "announced_date", "deadline")
INPUT_KEYS = ("id", "title", "text", "url", "language", "published")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_NO_YEAR = re.compile(r"year not stated|jahr nicht genannt", re.I)
_NOW = re.compile(r"^\s*(?:now|as of today|today|ab heute|ab sofort)\b", re.I)
_DATED = re.compile(r"dated (\d{4}-\d{2}-\d{2})")
_HEAD_END = re.compile(r"[(;]")
# gold platform name -> the platform key of lexicon.PLATFORMS (None: a platform the lexicon need not know)
_COUNTRY_WORDS = {"japan": "JP", "north america": "US", "usa": "US", "us": "US", "jp": "JP", "germany": "DE",
                  "uk": "UK", "united kingdom": "UK", "france": "FR", "spain": "ES", "italy": "IT", "canada": "CA"}


@dataclass
class GoldDate:
    field: str
    raw: str
    date: dt.date | None  # full date when the gold gives (or implies) the year
    month: int
    day: int
    year_stated: bool


def _load_marketplaces() -> dict[str, str]:
    """Names and retail domains of monitor/data/marketplaces.json -> code."""
    path = Path(__file__).resolve().parent.parent / "data" / "marketplaces.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out = dict(_COUNTRY_WORDS)
    for m in data["marketplaces"]:
        out[m["name"].lower()] = m["code"]
        out[m["retail_domain"].lower()] = m["code"]
        out[m["code"].lower()] = m["code"]
    return out


def parse_gold_date(field_name: str, raw: object, published: dt.date | None, lang: str) -> GoldDate | None:
    """The day a gold date value names, or None when it names no single day."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    m = _ISO.match(raw)
    if m:
        d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return GoldDate(field_name, raw, d, d.month, d.day, True)
    head = _HEAD_END.split(raw, 1)[0]
    if _NOW.match(head):
        dm = _DATED.search(raw)
        if dm:
            d = dt.date.fromisoformat(dm.group(1))
            return GoldDate(field_name, raw, d, d.month, d.day, True)
        return None
    mentions = [x for x in find_dates(head, "en") + find_dates(head, lang) if x.month and x.start <= 12]
    if not mentions:
        # "이달 24일 (the 24th of this month; … so September 24)": a day alone, its month in the note
        day = re.match(r"^\s*\S*\s*(\d{1,2})\s*(?:일|日|th|st|nd|rd)", head)
        if not day:
            return None
        cands = [x for x in find_dates(raw, "en") if x.month and x.day == int(day.group(1))]
        if not cands:
            return None
        mentions = cands[-1:]
    dm = min(mentions, key=lambda x: x.start)
    if dm.year:
        d = dt.date(dm.year, dm.month, dm.day)
        return GoldDate(field_name, raw, d, d.month, d.day, True)
    if published is not None:
        d = resolve_year(dm.month, dm.day, published)
        return GoldDate(field_name, raw, d, dm.month, dm.day, False)
    return GoldDate(field_name, raw, None, dm.month, dm.day, False)


def date_found(gold: GoldDate, predicted: str | None) -> bool:
    if not predicted:
        return False
    try:
        p = dt.date.fromisoformat(predicted)
    except ValueError:
        return False
    if gold.date is not None:
        return p == gold.date
    return (p.month, p.day) == (gold.month, gold.day)


def gold_marketplace(raw: object, codes: dict[str, str]) -> tuple[str | None, str | None] | None:
    """(expected platform key or 'other', expected Amazon code or None); None when the gold is empty."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    low = raw.lower()
    plat = None
    for key, (name, _pats) in lexicon.PLATFORMS.items():
        if low.startswith(name.lower()) or low.startswith(key):
            plat = key
            break
    if plat is None and low.startswith("ebay"):
        plat = "kleinanzeigen" if "kleinanzeigen" in low else "ebay"
    if plat == "ebay" and "kleinanzeigen" in low:
        plat = "kleinanzeigen"
    code = None
    if plat == "amazon":
        inner = re.search(r"\(([^)]*)\)", raw)
        if inner:
            for part in re.split(r"[,;]\s*", inner.group(1)):
                part = part.strip().lower()
                for word, cc in codes.items():
                    if part == word or part.endswith(" " + word) or part == "amazon." + word:
                        code = cc
                        break
                if code:
                    break
    return (plat or "other"), code


@dataclass
class FactsReport:
    positives: int = 0
    dates_total: int = 0
    dates_found_e2e: int = 0
    dates_found_extract: int = 0
    by_field: dict = field(default_factory=dict)
    mp_total: int = 0
    mp_ok: int = 0
    mp_ok_extract: int = 0
    plat_total: int = 0
    plat_ok: int = 0
    method_total: int = 0
    method_ok: int = 0
    where_total: int = 0
    where_ok: int = 0
    phishing_consequences: int = 0
    url_consequences: int = 0
    seconds_dates: float = 0.0
    seconds_find: float = 0.0
    texts: int = 0
    lang_ok_hint: int = 0
    lang_ok_nohint: int = 0
    seconds_lang: float = 0.0
    errors: list = field(default_factory=list)


def evaluate(records: list[dict]) -> FactsReport:
    rep = FactsReport()
    codes = _load_marketplaces()
    t_dates = 0.0
    for rec in records:
        inp = {k: rec.get(k) for k in INPUT_KEYS}
        out = analyze(inp)
        facts = out["facts"]
        cons = facts.get("consequences")
        if cons and re.search(r"https?://|www\.", cons):
            rep.url_consequences += 1
        if "phishing" in (rec.get("label_note") or "").lower() and cons:
            rep.phishing_consequences += 1
            rep.errors.append(f"{rec['id']}: phishing text gave consequences {cons[:60]!r}")
        published = parse_published(rec.get("published"))
        doc = build(inp, published)
        if published is None and doc.dateline_date is not None:
            doc.published = doc.dateline_date
        t0 = time.perf_counter()
        find_dates(doc.full, doc.lang)
        t1 = time.perf_counter()
        dfacts = policy_dates(doc)
        t_dates += time.perf_counter() - t1
        rep.seconds_find += t1 - t0
        rep.texts += 1
        sample = clean((rec.get("title") or "") + "\n" + (rec.get("text") or ""))
        t0 = time.perf_counter()
        guess = detect_language(sample)
        rep.seconds_lang += time.perf_counter() - t0
        rep.lang_ok_nohint += guess == rec.get("language")
        rep.lang_ok_hint += detect_language(sample, rec.get("language")) == rec.get("language")
        if rec.get("label") == "unrelated":
            continue
        rep.positives += 1
        gold = rec.get("facts") or {}
        lang = rec.get("language") or "en"
        extracted = {"effective_date": dfacts.effective, "deadline": dfacts.deadline, "announced_date": dfacts.announced}
        for fname in DATE_FIELDS:
            g = parse_gold_date(fname, gold.get(fname), published, lang)
            if g is None:
                continue
            rep.dates_total += 1
            ok_e2e = date_found(g, facts.get(fname))
            ex = extracted[fname]
            ok_ex = date_found(g, ex.isoformat() if ex else None)
            rep.dates_found_e2e += ok_e2e
            rep.dates_found_extract += ok_ex
            f = rep.by_field.setdefault(fname, [0, 0, 0])
            f[0] += 1
            f[1] += ok_e2e
            f[2] += ok_ex
            if not ok_ex or not ok_e2e:
                rep.errors.append(f"{rec['id']}: {fname} gold {g.raw!r} -> analyze {facts.get(fname)} "
                                  f"(label {out['label']}), extract {ex}")
        gm = gold_marketplace(gold.get("marketplace"), codes)
        if gm is not None:
            exp_plat, exp_code = gm
            got_plat = platform(doc)
            rep.plat_total += 1
            plat_ok = (got_plat == exp_plat) or (exp_plat == "other" and got_plat not in ("amazon",)
                                                and got_plat not in lexicon.PLATFORMS)
            rep.plat_ok += plat_ok
            if not plat_ok:
                rep.errors.append(f"{rec['id']}: platform {got_plat} (gold {gold.get('marketplace')!r})")
            if exp_plat == "amazon":
                rep.mp_total += 1
                rep.mp_ok += facts.get("marketplace") == exp_code
                rep.mp_ok_extract += marketplace(doc, got_plat) == exp_code
                if facts.get("marketplace") != exp_code:
                    rep.errors.append(f"{rec['id']}: marketplace {facts.get('marketplace')} "
                                      f"(gold {gold.get('marketplace')!r} -> {exp_code})")
        if gold.get("method") and out["label"] == "contact_verification" and rec["label"] == "contact_verification":
            rep.method_total += 1
            rep.method_ok += facts.get("method") == gold["method"]
            if facts.get("method") != gold["method"]:
                rep.errors.append(f"{rec['id']}: method {facts.get('method')} (gold {gold['method']})")
        if gold.get("where") and out["label"] == rec["label"]:
            rep.where_total += 1
            rep.where_ok += bool(facts.get("where"))
    rep.seconds_dates = t_dates
    return rep


def format_report(rep: FactsReport) -> str:
    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "n/a"

    lines = [f"positives: {rep.positives}",
             f"dates found, end to end (analyze): {pct(rep.dates_found_e2e, rep.dates_total)}",
             f"dates found, extraction (policy_dates, any label): {pct(rep.dates_found_extract, rep.dates_total)}"]
    for fname, (n, e2e, ex) in sorted(rep.by_field.items()):
        lines.append(f"  {fname:<15} end to end {pct(e2e, n)}  extraction {pct(ex, n)}")
    lines += [f"platform: {pct(rep.plat_ok, rep.plat_total)}",
              f"Amazon marketplace code: end to end {pct(rep.mp_ok, rep.mp_total)}, "
              f"extraction {pct(rep.mp_ok_extract, rep.mp_total)}",
              f"method (true and predicted contact_verification): {pct(rep.method_ok, rep.method_total)}",
              f"where named (gold names a place, label right): {pct(rep.where_ok, rep.where_total)}",
              f"phishing texts with consequences: {rep.phishing_consequences}",
              f"consequences holding a URL: {rep.url_consequences}",
              f"find_dates: {rep.texts / rep.seconds_find:.0f} texts/s; policy_dates (mentions found): "
              f"{rep.texts / rep.seconds_dates:.0f} texts/s" if rep.seconds_dates and rep.seconds_find else "",
              f"language guess vs the corpus `language`: {pct(rep.lang_ok_nohint, rep.texts)} without the hint "
              f"({rep.texts / rep.seconds_lang:.0f} texts/s), {pct(rep.lang_ok_hint, rep.texts)} with it"
              if rep.seconds_lang else ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m monitor.analysis.facts_eval", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="../shared/corpus/announcements.jsonl")
    ap.add_argument("--errors", action="store_true", help="list the facts that were got wrong")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    try:
        with open(args.corpus, encoding="utf-8") as fp:
            records = [json.loads(line) for line in fp if line.strip()]
    except OSError as exc:
        print(f"cannot read the corpus: {exc}", file=sys.stderr)
        return 2
    rep = evaluate(records)
    if args.json:
        out = {k: v for k, v in rep.__dict__.items() if k != "errors"}
        print(json.dumps(out, indent=2))
    else:
        print(format_report(rep))
        if args.errors:
            print("\n".join(rep.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
