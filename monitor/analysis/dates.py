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

from .lang import MODULES as _LANGS

# month names of every language (lang/<code>.py), compiled once into one alternation
MONTHS: dict[str, int] = {}
for _mod in _LANGS.values():
    for _n, _m in _mod.MONTHS.items():
        if MONTHS.setdefault(_n.lower(), _m) != _m:  # pragma: no cover - a data error, caught by the tests
            raise ValueError(f"month name {_n!r} means two months")

_LETTERS_MONTH = frozenset(MONTHS)
_MONTH_ALT = "|".join(sorted((re.escape(n) for n in MONTHS), key=len, reverse=True))
_YEAR = r"(?P<y>(?:19|20)\d{2})"
# A word where a month name may stand: the patterns match any word there and the month table decides
# (one dict look-up instead of trying every month name of every language at every position).
_WORD = r"[^\W\d_]{3,12}"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")),
    # Japanese era years: 令和7年 = 2025, 平成31年 = 2019 (the year group holds the era year)
    ("era", re.compile(r"(?P<era>令和|平成)\s*(?P<ey>\d{1,2}|元)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?:\s*[（(](?:周|星期|週)?[一二三四五六日天月火水木金土](?:曜日?)?[）)])?")),
    ("cjk", re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號](?:\s*[（(](?:周|星期|週)?[一二三四五六日天月火水木金土](?:曜日?)?[）)])?")),
    # Korean: 2025년 6월 2일, 6월 30일
    ("ko", re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*년\s*)?(?<!\d)(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일")),
    # day ranges: "between 1 and 31 October 2025", "vom 1. bis 31. Oktober", "del 1 al 31 de octubre",
    # "du 1er au 31 octobre", "1–31 October": the first day is the start, the second the end
    ("range", re.compile(
        r"(?<![\w.])(?:(?:between|from|vom|von|zwischen(?: dem)?|del|du|dal|od|entre(?: el| le)?)\s+)?(?P<d1>\d{1,2})(?:\.|er|st|nd|rd|th)?\s*"
        r"(?:and|to|bis(?: zum)?|und(?: dem)?|al|au|y|et|e|do|-|–|—)\s*(?P<d>\d{1,2})(?:\.|st|nd|rd|th)?\s*(?:de\s+)?"
        r"(?P<mon>" + _WORD + r")\.?(?![\w])(?:\s*(?:de|del)?\s*,?\s*" + _YEAR + r")?", re.I)),
    # Month D(th)(, YYYY)
    # (any word before a number: whether it is a month is a dict look-up, far cheaper than trying ~200
    # month names at every position of the text)
    ("mdy", re.compile(
        r"(?<![\w])(?P<mon>" + _WORD + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?!\s*(?:%|percent))"
        r"(?:,?\s+" + _YEAR + r")?", re.I)),
    # D(.|er|th) (de) Month( (de) YYYY)
    ("dmy", re.compile(
        r"(?<![\w.])(?P<d>\d{1,2})(?:\.|er|st|nd|rd|th|º|°|o(?=\s))?\s*(?:(?:de|of)\s+)?(?P<mon>" + _WORD + r")\.?(?![\w])"
        r"(?:\s*(?:de|del)?\s*,?\s*" + _YEAR + r")?", re.I)),
    # 24.01.2025 / 24.01.
    ("dotted", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?:(?P<y>(?:19|20)\d{2})(?!\d)|(?!\d))")),
    # "the 24th" (day only; month from the publication date)
    ("dayonly", re.compile(r"(?<=\bthe )(?P<d>\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of\s+)?(?:" + _MONTH_ALT + r"))"
                            r"(?!\s+of\s+(?:this|next|last|the)\s+month)", re.I)),
    # 1/24/2025 (en) or 24/1/2025 (others): only with a year
    ("slash", re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?!\d)")),
    # 5/31 next to CJK text ("5/1開始", "官方4/22公告"): month/day, Chinese and Japanese texts only
    ("cjkslash", re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef\s(,:;])(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])(?=[\u3000-\u9fff（(])")),
]


_SLASH = dict(_PATTERNS)["slash"]


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int
    part: str | None = None  # "start"/"end" of a day range, "relative"/"relative_end" (resolved), "header"


_LETTERS = re.compile(r"[^\W\d_]+")
# Every date has a number.  The patterns that start with one are tried only where a run of digits
# starts, and the month-first pattern only where a month name stands before one: a few dozen
# anchored matches instead of a scan of every position per pattern (Python's ``re`` cannot skip ahead
# for patterns that open with a look-behind).
_DIGIT_RUN = re.compile(r"\d+")
_DIGIT_LED = frozenset({"iso", "cjk", "ko", "range", "dmy", "dotted", "dayonly", "slash", "cjkslash"})
_MONTH_BEFORE = re.compile(r"(?<![\w])([^\W\d_]{3,12})\.?\s+$")


def _matches(kind: str, pat: re.Pattern[str], text: str, starts: list[int]):
    """The non-overlapping matches of ``pat`` in ``text``, as ``finditer`` gives them."""
    if kind not in _DIGIT_LED and kind != "mdy":
        yield from pat.finditer(text)
        return
    end = -1
    for p in starts:
        if p < end:
            continue
        if kind == "mdy":
            b = _MONTH_BEFORE.search(text, max(0, p - 18), p)
            if b is None or b.group(1).lower() not in MONTHS or b.start() < end:
                continue
            p = b.start()
        m = pat.match(text, p)
        if m:
            end = m.end()
            yield m


def _skipped_kinds(text: str, lang: str) -> set[str]:
    """Patterns that cannot match ``text``, from a few substring and word-set tests."""
    skip = set()
    if "令和" not in text and "平成" not in text:
        skip.add("era")
    if "月" not in text:
        skip.add("cjk")
    if "월" not in text:
        skip.add("ko")
    if "/" not in text:
        skip |= {"slash", "cjkslash"}
    if lang not in ("zh", "ja"):
        skip.add("cjkslash")
    if "the " not in text and "The " not in text:
        skip.add("dayonly")
    return skip


def find_dates(text: str, lang: str = "en") -> list[DateMention]:
    """All date mentions (possibly without a year), left to right, non-overlapping."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # one text writes all its numeric dates one way: a "30/04/2025" elsewhere in it makes its
    # "01/04/2025" the 1st of April even in English (a UK page), a "04/30/2025" the other way round
    day_first = lang not in ("en", "zh", "ja")
    firsts = [(int(m.group("a")), int(m.group("b"))) for m in _SLASH.finditer(text)] if "/" in text else []
    if any(a > 12 >= b for a, b in firsts):
        day_first = True
    elif any(b > 12 >= a for a, b in firsts):
        day_first = False
    skip = _skipped_kinds(text, lang)
    starts = [m.start() for m in _DIGIT_RUN.finditer(text)]
    if not starts:
        return []
    for kind, pat in _PATTERNS:
        if kind in skip:
            continue
        for m in _matches(kind, pat, text, starts):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            gd = m.groupdict()
            y = int(gd["y"]) if gd.get("y") else None
            if kind == "era":
                ey = 1 if gd["ey"] == "元" else int(gd["ey"])
                y = (2018 if gd["era"] == "令和" else 1988) + ey
            try:
                if kind == "dayonly":
                    mo, d = 0, int(gd["d"])
                    if not 1 <= d <= 31:
                        continue
                    found.append(DateMention(s, e, m.group(0), None, 0, d))
                    taken.append((s, e))
                    continue
                if kind == "range":
                    mo, d1, d = MONTHS[gd["mon"].lower()], int(gd["d1"]), int(gd["d"])
                    if not (1 <= d1 < d <= 31) or gd["mon"].lower() in ("may", "mar", "maj"):
                        continue
                    if y is not None:
                        dt.date(y, mo, d)
                    split, s1 = m.start("d"), m.start("d1")
                    found.append(DateMention(s1, split, text[s1:split], y, mo, d1, "start"))
                    found.append(DateMention(split, e, text[split:e], y, mo, d, "end"))
                    taken.append((s, e))
                    continue
                if kind in ("iso", "cjk", "dotted", "era", "ko", "cjkslash"):
                    mo, d = int(gd["m"]), int(gd["d"])
                elif kind == "slash":
                    a, b = int(gd["a"]), int(gd["b"])
                    mo, d = (b, a) if day_first else (a, b)
                    if mo > 12 and d <= 12:
                        mo, d = d, mo
                else:
                    mon = gd["mon"]
                    if mon == "may" or mon == "mar":  # English verbs / Spanish "mar"
                        continue
                    mo = MONTHS.get(mon.lower())
                    if mo is None:
                        continue
                    d = int(gd["d"])
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
            if kind in ("mdy", "dmy", "dotted", "slash", "iso"):
                # "by Tuesday 31 October", "bis Dienstag, 31. Oktober": the weekday belongs to the date
                wd = _WD_BEFORE.search(text, max(0, s - 16), s)
                if wd:
                    s = wd.start()
            found.append(DateMention(s, e, text[s:e], y, mo, d))
            taken.append((s, e))
    found.sort(key=lambda dm: dm.start)
    return found


def resolve_year(month: int, day: int, published: dt.date, *, past_bias: bool = False,
                 future_bias: bool = False, not_after: dt.date | None = None) -> dt.date | None:
    """The most plausible full date for a month-day seen in a text published on ``published``.

    Announcements talk about the recent past and the next months: candidates in the previous,
    same and next year are scored by their distance to the publication date; a date more than
    ~2 months ahead is penalised (texts rarely announce that far ahead without giving the year),
    and tense cues ("began", "since" / "by", "deadline") tilt the choice.  ``not_after`` rules out
    later candidates: a text read today that says a step "has started on 1月24日" means a past day.
    """
    best = None
    best_cost = None
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            cand = dt.date(y, month, day)
        except ValueError:
            continue
        if not_after is not None and cand > not_after:
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


_PARTIAL_ISO = re.compile(r"((?:19|20)\d{2})(?:-(\d{1,2}))?")


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
    part = _PARTIAL_ISO.fullmatch(s)
    if part:  # "2021-09" -> the 1st of the month; "2021" -> mid-year (month-days resolve into that year)
        y, mo = int(part.group(1)), int(part.group(2) or 7)
        return dt.date(y, mo, 1) if 1 <= mo <= 12 else None
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


# ---------------------------------------------------------------------------------------------
# Relative dates, resolved against the publication date: "next Monday", "tomorrow", "by the end
# of the month", "end of March" / "3月底".  Only shapes that name one day without doubt.
# ---------------------------------------------------------------------------------------------
# weekday names of the Latin- and Arabic-script languages; the CJK weekday characters apart
_WEEKDAYS: dict[str, int] = {}
_CJK_WEEKDAYS: dict[str, int] = {}
for _mod in _LANGS.values():
    if _mod.SCRIPT in ("latin", "arabic"):
        for _n, _d in _mod.WEEKDAYS.items():
            _WEEKDAYS.setdefault(_n.lower(), _d)
    for _c, _d in getattr(_mod, "WEEKDAY_CHARS", {}).items():
        _CJK_WEEKDAYS.setdefault(_c, _d)
_WD_ALT = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_WD_ABBR = r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_WD_BEFORE = re.compile(r"(?<![\w])(?:(?:" + _WD_ALT + "|" + _WD_ABBR + r")\.?|(?:mo|di|mi|do|fr|sa|so)\.),?\s+"
                        r"(?:the\s+|den\s+|le\s+|el\s+)?$", re.I)
# A day of a month named relative to the publication: "이달 24일" (this month), "오는 24일" (the coming 24th),
# "지난 21일", "今月24日", "下个月5号", "the 24th of this month"; and the Korean news dateline "21일 밝혔다"
# ("said on the 21st"): the day of the publication month.
_REL_THIS = ("이달", "이번달", "이번 달", "今月", "本月", "当月", "this")
_REL_NEXT = ("다음달", "다음 달", "내달", "来月", "下月", "下个月", "next")
_REL_LAST = ("지난달", "지난 달", "先月", "上月", "上个月", "last")
_REL_COMING = ("오는", "coming")
_REL_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("next_wd", re.compile(r"(?<![\w])(?:next|this coming|coming|(?:am )?(?:nächsten|kommenden)|(?:el )?pr[oó]ximo|"
                           r"(?:il )?prossimo)\s+(?P<wd>" + _WD_ALT + r")(?![\w])", re.I)),
    ("wd_next", re.compile(r"(?<![\w])(?P<wd>" + _WD_ALT + r")\s+(?:prochain|pr[oó]ximo|prossimo)(?![\w])", re.I)),
    ("cjk_next_wd", re.compile(r"(?:下周|下星期|下週|来週の?)(?P<wd>[一二三四五六日天月火水木金土])")),
    # "in a forum post on Thursday" / "last Thursday" / "am Donnerstag mitgeteilt": a past weekday, the
    # latest such day up to the publication date; only after a past-tense verb of announcing or
    # starting (a bare "on Monday" may as well be the coming one)
    ("past_wd", re.compile(r"(?<![\w])(?:(?:said|posted|announced|told \w+|wrote|confirmed|published|notified \w+|"
                           r"emailed \w+|began|started|launched|went live|appeared|came)(?:\s+[\w-]+){0,5}?\s+on|"
                           r"(?:said|posted|announced|confirmed|published)(?:\s+[\w-]+){0,5}?\s+(?:in\s+\w+\s+)?on|"
                           r"\bon|last|(?:am )?vergangenen|(?:el )?pasado|dernier)\s+(?P<wd>" + _WD_ALT + r")(?![\w])", re.I)),
    ("month_day", re.compile(r"(?P<rel>이달|이번 ?달|다음 ?달|내달|지난 ?달|오는|지난|今月|本月|当月|来月|下个?月|先月|上个?月)\s*"
                             r"(?P<d>\d{1,2})\s*(?:일|日|号|號)")),
    ("month_day_en", re.compile(r"(?<![\w])the (?P<d2>\d{1,2})(?:st|nd|rd|th) of (?P<rel2>this|next|last) month\b", re.I)),
    ("month_day_ko", re.compile(r"(?<![\d월./-])(?P<d3>\d{1,2})일(?=\s*(?:[^\s.]{0,12}\s)?(?:밝혔|발표|공지|전했|알렸))")),
    ("tomorrow", re.compile(r"(?<![\w])(?:tomorrow|ab morgen|(?:a partir de|desde) ma[ñn]ana|demain|domani)(?![\w])|明天|明日(?:から|より|起)", re.I)),
    ("month_end", re.compile(r"(?<![\w])(?:(?:the )?end of (?:the|this) month|ende (?:des|dieses) monats|monatsende|"
                             r"(?:el )?fin(?:al)? de(?:l)? mes|(?:la )?fin du mois|fine (?:del )?mese)(?![\w])|本月底|(?<![\d月])月底前|今月末", re.I)),
    ("named_month_end", re.compile(r"(?<![\w])(?:(?:the )?end of|ende|(?:a )?finales de|fin(?: de)?)\s+(?P<mon>" + _MONTH_ALT +
                                   r")(?![\w])(?:\s+" + _YEAR + r")?|(?<!\d)(?P<m>\d{1,2})\s*月(?:底|末)", re.I)),
]


# Substrings one of which a text must hold for a relative pattern to match it (cheap prechecks).
_REL_HINTS: dict[str, tuple[str, ...]] = {
    "next_wd": (), "wd_next": (), "past_wd": (),  # any weekday name (checked apart)
    "cjk_next_wd": ("下周", "下星期", "下週", "来週"),
    "month_day": ("달", "오는", "지난", "月"),
    "month_day_en": (" month",),
    "month_day_ko": ("일",),
    "tomorrow": ("tomorrow", "morgen", "mañana", "manana", "demain", "domani", "明天", "明日"),
    "month_end": ("of the month", "of this month", "monat", "del mes", "de mes", "du mois", "mese", "月底", "今月末"),
    "named_month_end": ("end of", "ende ", "finales de", "fin ", "月底", "月末"),
}


def _month_last(y: int, mo: int) -> dt.date:
    nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _month_day(published: dt.date, day: int, rel: str) -> dt.date | None:
    """The ``day`` of the month ``rel`` names, seen from ``published``."""
    y, mo = published.year, published.month

    def shift(k: int) -> tuple[int, int]:
        n = y * 12 + (mo - 1) + k
        return n // 12, n % 12 + 1

    if rel in {r.replace(" ", "") for r in _REL_NEXT}:
        y, mo = shift(1)
    elif rel in {r.replace(" ", "") for r in _REL_LAST}:
        y, mo = shift(-1)
    elif rel in _REL_COMING and day < published.day:
        y, mo = shift(1)
    elif rel in ("지난", "past") and day > published.day:
        y, mo = shift(-1)
    try:
        return dt.date(y, mo, day)
    except ValueError:
        return None


def find_relative(text: str, published: dt.date | None) -> list[DateMention]:
    """Relative date mentions with the day they name (publication date as 'today')."""
    if published is None:
        return []
    out: list[DateMention] = []
    low = text.lower()
    skip = {kind for kind, hints in _REL_HINTS.items() if not any(h in low for h in hints)}
    if any(w in low for w in _WEEKDAYS):
        skip -= {"next_wd", "past_wd"}
        if any(w in low for w in ("prochain", "próximo", "proximo", "prossimo")):
            skip.discard("wd_next")
    for kind, pat in _REL_PATTERNS:
        if kind in skip:
            continue
        for m in pat.finditer(text):
            gd = m.groupdict()
            if kind in ("next_wd", "wd_next"):
                wd = _WEEKDAYS.get(gd["wd"].lower())
                if wd is None:
                    continue
                ahead = (wd - published.weekday()) % 7 or 7
                d = published + dt.timedelta(days=ahead)
            elif kind == "past_wd":
                wd = _WEEKDAYS.get(gd["wd"].lower())
                if wd is None:
                    continue
                lead = text[max(0, m.start() - 80):m.start("wd")].lower()
                if not re.search(r"\b(?:last|vergangenen|pasado|dernier)\s*$", lead) and (
                        re.search(r"\bwill\b|\bwird\b|\bstarting\b|\bfrom\b", lead)
                        or not re.search(r"\b(?:said|posted|announced|told|wrote|confirmed|published|notified|emailed|"
                                         r"began|started|launched|went live|appeared|came)\b|\bpost\b", lead)):
                    continue
                back = (published.weekday() - wd) % 7
                d = published - dt.timedelta(days=back)
                m_start = m.start("wd")
                out.append(DateMention(m_start, m.end(), m.group("wd"), d.year, d.month, d.day, "relative_past"))
                continue
            elif kind == "cjk_next_wd":
                monday_next = published + dt.timedelta(days=7 - published.weekday())
                d = monday_next + dt.timedelta(days=_CJK_WEEKDAYS[gd["wd"]])
            elif kind.startswith("month_day"):
                day = int(gd.get("d") or gd.get("d2") or gd.get("d3"))
                rel = (gd.get("rel") or gd.get("rel2") or "").lower().replace(" ", "")
                got = _month_day(published, day, rel if gd.get("d3") is None else "past")
                if got is None:
                    continue
                d = got
            elif kind == "tomorrow":
                d = published + dt.timedelta(days=1)
            elif kind == "month_end":
                d = _month_last(published.year, published.month)
            else:
                if gd.get("m"):
                    mo = int(gd["m"])
                else:
                    name = gd["mon"].lower()
                    if name in ("may", "mar", "maj"):
                        continue
                    mo = MONTHS[name]
                if not 1 <= mo <= 12:
                    continue
                if gd.get("y"):
                    d = _month_last(int(gd["y"]), mo)
                else:
                    near = resolve_year(mo, 1, published, future_bias=True)
                    if near is None:
                        continue
                    d = _month_last(near.year, mo)
            if any(m.start() < o.end and o.start < m.end() for o in out):
                continue
            part = "relative_end" if kind in ("month_end", "named_month_end") else "relative"
            out.append(DateMention(m.start(), m.end(), m.group(0), d.year, d.month, d.day, part))
    out.sort(key=lambda dm: dm.start)
    return out


def merge_mentions(absolute: list[DateMention], relative: list[DateMention]) -> list[DateMention]:
    """Absolute mentions win where the two overlap."""
    taken = [(a.start, a.end) for a in absolute]
    extra = [r for r in relative if not any(r.start < e and s < r.end for s, e in taken)]
    return sorted(absolute + extra, key=lambda dm: dm.start)
