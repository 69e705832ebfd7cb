"""A small multilingual date extractor and year resolver.

Why not dateparser for the body text: its ``search_dates`` is slow (hundreds of milliseconds on a
long article), guesses languages, and happily turns words like "now" or "may" into dates.  The
texts we read state policy dates in a handful of shapes ("January 24th", "24. Januar 2025",
"24 de enero", "1er février", "2025年1月24日", "1月24日", "2025-01-24", "24.01.2025"), so a table of
month names and a few regular expressions find them in microseconds, and we keep full control of
the year inference (most of these texts give no year; the year comes from the publication date).
dateparser is used only as a last resort for odd ``published`` strings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    # en
    1: ["january", "jan"], 2: ["february", "feb"], 3: ["march", "mar"], 4: ["april", "apr"], 5: ["may"],
    6: ["june", "jun"], 7: ["july", "jul"], 8: ["august", "aug"], 9: ["september", "sept", "sep"],
    10: ["october", "oct"], 11: ["november", "nov"], 12: ["december", "dec"],
}
_MONTH_NAMES_OTHER = {
    # de
    1: ["januar", "jänner", "janvier", "enero", "janv"], 2: ["februar", "février", "fevrier", "febrero", "févr"],
    3: ["märz", "maerz", "mrz", "mär", "mars", "marzo"], 4: ["abril", "avril"],
    5: ["mai", "mayo"], 6: ["juni", "juin", "junio"], 7: ["juli", "juillet", "julio", "juil"],
    8: ["août", "aout", "agosto"], 9: ["septembre", "septiembre", "setiembre"],
    10: ["oktober", "okt", "octobre", "octubre"], 11: ["novembre", "noviembre"],
    12: ["dezember", "dez", "décembre", "decembre", "diciembre"],
}
for _m, _names in list(_MONTH_NAMES.items()) + list(_MONTH_NAMES_OTHER.items()):
    for _n in _names:
        MONTHS[_n] = _m

_MONTH_ALT = "|".join(sorted((re.escape(n) for n in MONTHS), key=len, reverse=True))
_YEAR = r"(?P<y>(?:19|20)\d{2})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")),
    ("cjk", re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]")),
    # Month D(th)(, YYYY)
    ("mdy", re.compile(
        r"(?<![\w])(?P<mon>" + _MONTH_ALT + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?!\s*(?:%|percent))"
        r"(?:,?\s+" + _YEAR + r")?", re.I)),
    # D(.|er|th) (de) Month( (de) YYYY)
    ("dmy", re.compile(
        r"(?<![\w.])(?P<d>\d{1,2})(?:\.|er|st|nd|rd|th|º|°|o(?=\s))?\s*(?:de\s+)?(?P<mon>" + _MONTH_ALT + r")\.?(?![\w])"
        r"(?:\s*(?:de|del)?\s*,?\s*" + _YEAR + r")?", re.I)),
    # 24.01.2025 / 24.01.
    ("dotted", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?:(?P<y>(?:19|20)\d{2})(?!\d)|(?!\d))")),
    # "the 24th" (day only; month from the publication date)
    ("dayonly", re.compile(r"(?<=\bthe )(?P<d>\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of\s+)?(?:" + _MONTH_ALT + r"))", re.I)),
    # 1/24/2025 (en) or 24/1/2025 (others): only with a year
    ("slash", re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?!\d)")),
]


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int


def find_dates(text: str, lang: str = "en") -> list[DateMention]:
    """All date mentions (possibly without a year), left to right, non-overlapping."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            gd = m.groupdict()
            y = int(gd["y"]) if gd.get("y") else None
            try:
                if kind == "dayonly":
                    mo, d = 0, int(gd["d"])
                    if not 1 <= d <= 31:
                        continue
                    found.append(DateMention(s, e, m.group(0), None, 0, d))
                    taken.append((s, e))
                    continue
                if kind in ("iso", "cjk", "dotted"):
                    mo, d = int(gd["m"]), int(gd["d"])
                elif kind == "slash":
                    a, b = int(gd["a"]), int(gd["b"])
                    mo, d = (a, b) if lang in ("en", "zh", "ja") else (b, a)
                    if mo > 12 and d <= 12:
                        mo, d = d, mo
                else:
                    mon = gd["mon"]
                    if mon == "may" or mon == "mar":  # English verbs / Spanish "mar"
                        continue
                    mo, d = MONTHS[mon.lower()], int(gd["d"])
            except (KeyError, ValueError):
                continue
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                continue
            if kind == "dotted" and y is None and lang not in ("de",):
                continue
            if y is not None:
                try:
                    dt.date(y, mo, d)
                except ValueError:
                    continue
            found.append(DateMention(s, e, m.group(0), y, mo, d))
            taken.append((s, e))
    found.sort(key=lambda dm: dm.start)
    return found


def resolve_year(month: int, day: int, published: dt.date, *, past_bias: bool = False,
                 future_bias: bool = False) -> dt.date | None:
    """The most plausible full date for a month-day seen in a text published on ``published``.

    Announcements talk about the recent past and the next months: candidates in the previous,
    same and next year are scored by their distance to the publication date; a date more than
    ~2 months ahead is penalised (texts rarely announce that far ahead without giving the year),
    and tense cues ("began", "since" / "by", "deadline") tilt the choice.
    """
    best = None
    best_cost = None
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            cand = dt.date(y, month, day)
        except ValueError:
            continue
        diff = (cand - published).days
        cost = abs(diff)
        if diff > 62:
            cost += 120
        if past_bias and diff > 3:
            cost += 200
        if future_bias and diff < -31:
            cost += 90
        if best_cost is None or cost < best_cost:
            best, best_cost = cand, cost
    return best


def parse_published(value: object) -> dt.date | None:
    """The publication date from ISO, RFC 2822 or a loose date string; None when unreadable."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(float(value), tz=dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()[:100]
    if not s:
        return None
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    for dm in find_dates(s, "en"):
        if dm.year:
            try:
                return dt.date(dm.year, dm.month, dm.day)
            except ValueError:
                continue
    try:  # last resort, narrow: one short string, known languages, no auto-detection
        import dateparser

        got = dateparser.parse(s, languages=["en", "de", "es", "fr", "zh", "ja"],
                               settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
        return got.date() if got else None
    except Exception:
        return None
