"""Fact extraction: contact types, method, where, marketplace, policy dates, consequences."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import lexicon
from .dates import resolve_year
from .features import CONTACT_CONCEPTS, OV_CONCEPTS, Doc
from .prefilter import exact_only, fold, literal_scan

def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compiled once, with a look-ahead on the characters a match can start with (``lexicon.guard``):
    the scanner then skips most positions with one test instead of trying every alternative."""
    return re.compile(lexicon.guard(pattern), flags)


_ARTICLE = r"(?:\s+(?:the|dem|den|der|el|le|la|del))?\W{0,3}$"
# a cue word starts a word: "publicado el 30" is no Polish "do" (deadline) followed by "el"
_CUE = {role: (_rx(r"(?<![A-Za-z\u00c0-\u024f])" + c["before"].replace(r"\W{0,3}$", _ARTICLE), re.I),
               _rx(c["after"], re.I))
        for role, c in lexicon.DATE_CUES.items()}
_WEAK_BEFORE = re.compile(r"(?:\bon|\ble|\bam|\bel|于|於)\W{0,3}$", re.I)
# A cue that is only one of those little words ("on", "le", "于") is weak; "desde el" is not.
_WEAK_ONLY = re.compile(r"(?:on|le|am|el|于|於)(?:\s+(?:the|dem|den|der|el|le|la|del))?", re.I)
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?、\n]")
_CJK_ANNOUNCE = _rx(r"お達し|消息|发布|公布|宣布|发出|发文|发帖|披露|発表|公表|明らかに|告知|公告|お知らせ|通知(?!首选|偏好|设置|設定)")
# "X は1月30日、……と発表した" / "亚马逊1月30日，……宣布": a CJK date standing alone before a comma is
# the date of the sentence's main (announcing) verb.
_CJK_DATE_COMMA = re.compile(r"^\s*[、，,]")
# "starting today", "ab heute": the requirement starts on the day of the announcement.
_TODAY_START = _rx(r"\b(?:starting|beginning|effective|as of|from) today\b|\bnow (?:requires?|required|mandatory|enforces?)\b|\bist (?:ab )?(?:jetzt|nun) (?:pflicht|verpflichtend)\b|\bab heute\b|\b(?:a partir de|desde) hoy\b|"
                          r"\b(?:à partir d'|dès) aujourd'hui\b|即日起|从今天起|今日から|本日から|本日より|"
                          r"\bsince this morning\b|\bseit heute(?: morgen)?\b|\bdesde (?:esta mañana|hoy)\b|\bdepuis ce matin\b|"
                          r"\bbeginning today\b|\bfrom today\b|\bda oggi\b|\bod dziś\b|\bod dzisiaj\b|오늘부터", re.I)
_PAST_WORDS = _rx(r"began|started|since|live since|went live|seit|depuis|desde|comenz|以来|开始了|已", re.I)
# Spanish and Portuguese "desde" is "since" and also "from": "desde el 15 de abril será obligatoria"
_DESDE = _rx(r"\bdesde\b", re.I)
_FUTURE_ES_PT = _rx(r"\b\w{2,}(?:rá|rán|rão)\b|\bvan? a\b|\bvai\b|\bvão\b", re.I)
_NOISE = _rx(lexicon.DATE_NOISE, re.I)
_ANNOUNCE = _rx(lexicon.ANNOUNCE_WORDS, re.I)
_PAST_DEADLINE = lexicon.concept_regex("past_deadline")
# "the deadline is now 15 November", "extended to", "verschoben auf", "延期至": the date that replaces
# an earlier one; it is the live deadline whatever "original" stands near it
_REVISED = _rx(r"(?:\b(?:is|are|deadline)\s+now|\bnew (?:deadline|date)(?: of| is)?|\bneue[nr]? (?:frist|stichtag)(?: ist)?(?: der| am)?|"
                      r"\bnuev[oa] (?:plazo|fecha(?: l[ií]mite)?)(?: es| del?)?(?: el)?|\bnouvelle (?:date(?: limite)?|échéance)(?: est| du| au)?(?: le)?|新的?截止(?:日期|时间)?(?:为|是)?|新たな期限(?:は)?|\b(?:extended|pushed back|moved|postponed|delayed)(?:\s+[\w-]+){0,3}?\s+"
                      r"(?:to|until)|\b(?:verlängert|verschoben)\s+(?:bis|auf)(?: zum| den)?|"
                      r"\b(?:prorrogad|ampliad|extendid|aplazad)[oa]\s+(?:hasta|al)(?: el)?|"
                      r"\b(?:reporté|repoussé|prolongé)e?\s+(?:au|jusqu'au)|延长至|延期至|推迟至|延至|顺延至)(?:\s+(?:the|dem|den|el|le))?\W{0,3}$", re.I)
_ENFORCE = _rx(lexicon.ENFORCE_WORDS, re.I)
# "These policies go into effect on August 2": a date sentence that points back at the policy the title
# names, however far its body sentence is
_POLICY_ANAPHORA = _rx(lexicon.POLICY_ANAPHORA, re.I)
# "did not release the announcement until January 30": the day it was announced, not a deadline
_ANNOUNCED_UNTIL = _rx(r"(?:announc|releas|publish|post|notif|inform)\w*(?:\s+[\w-]+){0,3}?\s+(?:until|till)\W{0,3}$", re.I)
_NONCOMPLIANT = _rx(lexicon.NONCOMPLIANT_WORDS, re.I)
_ENFORCE_PERIOD = _rx(lexicon.ENFORCE_PERIOD, re.I)
_ENFORCE_OBLIGATION = re.compile(lexicon.ENFORCE_OBLIGATION)
_LETTER_RUN = re.compile(r"[^\W\d_]{2,}|[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_CLAUSE_STOP = re.compile(r"[;；。！？!?\n]")
ENFORCE_WINDOW = 120
_NEAR_POLICY = set(CONTACT_CONCEPTS) | {"two_step", "verify", "otp"}
_POLICY_CONCEPTS = set(CONTACT_CONCEPTS) | set(OV_CONCEPTS) | {"two_step", "verify", "otp", "require"}
_SETTINGS_PAGE = _rx(lexicon.LB + "(?:" + lexicon.SETTINGS_PAGES + ")", re.I)
_PATH_RE = re.compile(
    r"((?:Seller Cent(?:ral|er|re)|卖家中心|卖家后台|セラーセントラル|[A-Z][\w\u00c0-\u024f]*|[\u4e00-\u9fff\u3040-\u30ff]{2,8})"
    r"(?:[ \w\u00c0-\u024f'\u4e00-\u9fff\u3040-\u30ff「」]{0,30}?)"
    r"(?:\s*(?:>|→|»|-)\s*[「]?[\w\u00c0-\u024f\u4e00-\u9fff\u3040-\u30ff][\w\u00c0-\u024f '\u4e00-\u9fff\u3040-\u30ff」]{1,40}){1,4})")


MAX_DATE_MENTIONS = 200
SENTENCE_WINDOW = 400


@dataclass
class PolicyDate:
    role: str
    date: dt.date | None
    text: str
    strong: bool
    sent: int
    past: bool = False
    year_unknown: bool = False
    revised: bool = False
    enforce: bool = False  # a deadline read from a consequence ("ab dem … gesperrt"), not a deadline cue


@dataclass
class DateFacts:
    effective: dt.date | None = None
    deadline: dt.date | None = None
    announced: dt.date | None = None
    all: list[PolicyDate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _enforcement(doc: Doc, k: int, s_start: int, s_end: int) -> bool:
    """Whether date ``k`` is the day a consequence hits the accounts that have not complied.

    The date's clause runs to the nearest clause stop (;。!? or a line break, not a comma) or the
    neighbouring date of the sentence; it must name a consequence (suspended, gesperrt, 停止 …) and
    the non-compliant (unverified, nicht bestätigte, 未認証 …), and no obligation ("must", "müssen",
    "必须"): "from March 1 sellers must verify or be suspended" dates the requirement, not its end;
    nor a period counted from the date ("within 7 days"), after which the consequence falls."""
    dm = doc.dates[k]
    lo = max(s_start, dm.start - ENFORCE_WINDOW)
    hi = min(s_end, dm.end + ENFORCE_WINDOW)
    if k > 0 and doc.dates[k - 1].end <= dm.start:
        lo = max(lo, doc.dates[k - 1].end)
    if k + 1 < len(doc.dates) and doc.dates[k + 1].start >= dm.end:
        hi = min(hi, doc.dates[k + 1].start)
    left, right = doc.full[lo:dm.start], doc.full[dm.end:hi]
    stops = list(_CLAUSE_STOP.finditer(left))
    if stops:
        lo += stops[-1].end()
        left = left[stops[-1].end():]
    stop = _CLAUSE_STOP.search(right)
    if stop:
        hi = dm.end + stop.start()
        right = right[:stop.start()]
    clause = left + " " + right
    if not _ENFORCE.search(clause) or not _NONCOMPLIANT.search(clause):
        return False
    if _ENFORCE_PERIOD.search(clause) or _ENFORCE_OBLIGATION.search(clause):
        return False  # "明天起……需验证……，7天内未完成验证的店铺将被限制": the date starts it
    return not any(lo <= h.start < hi and not h.text.lower().startswith("enforc")
                   for h in doc.hits.get("require", ()))


# A date in the page address: "/2020/09/21/", "/2021-03-15-", "/20200921000165" (a news id that starts
# with the day)
_URL_DATE = re.compile(r"(?<!\d)(20\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d{1,5}(?:\D|$))|"
                       r"(?<!\d)(20\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)")
_URL_DATE_LONG = re.compile(r"(?<!\d)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{4,8}(?!\d)")


_BARE_YEAR = re.compile(r"(?<![\d.,/-])((?:19|20)\d{2})(?![\d,.]\d)(?!\s*(?:%|percent|x\b))")
MAX_YEAR_SCAN = 20_000
YEAR_ONLY = "the latest year the text names"


def url_date(url: str) -> dt.date | None:
    """The day a page address carries, if any (the path only, not the host)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    path = parts.path + ("?" + parts.query if parts.query else "")
    for rx in (_URL_DATE, _URL_DATE_LONG):
        for m in rx.finditer(path):
            g = [x for x in m.groups() if x is not None]
            try:
                return dt.date(int(g[0]), int(g[1]), int(g[2]))
            except ValueError:
                continue
    return None


ANALYSIS_DAY = "the day of the analysis"


def year_anchor(doc: Doc, today: dt.date | None = None) -> tuple[dt.date, str]:
    """The day a text without a publication date is read from, and where it comes from: the date in
    its address, else the latest full date the text states, else the day of the analysis."""
    d = url_date(doc.url)
    if d is not None and (today is None or d <= today):
        return d, "the date in the page address"
    full = []
    for dm in doc.dates:
        if dm.year is not None and dm.month:
            try:
                full.append(dt.date(dm.year, dm.month, dm.day))
            except ValueError:
                continue
    if today is not None:
        full = [f for f in full if f <= today]
    if full:
        return max(full), "the latest full date in the text"
    now = today or dt.date.today()
    years = [int(y) for y in _BARE_YEAR.findall(doc.full[:MAX_YEAR_SCAN])]
    years = [y for y in years if y <= now.year]
    if years:
        return dt.date(max(years), 1, 1), YEAR_ONLY
    return now, ANALYSIS_DAY


def policy_dates(doc: Doc, *, today: dt.date | None = None) -> DateFacts:
    """Dates the text ties to the policy, with their role, years resolved against published.

    Without a publication date, a date without a year is resolved against ``year_anchor`` and the
    notes say so."""
    out = DateFacts()
    anchor, anchor_from = (doc.published, None) if doc.published is not None else (None, None)
    anchored: list[PolicyDate] = []
    cjk = doc.lang in ("zh", "ja")
    full_dates: dict[tuple[int, int], dt.date] = {}
    for dm in doc.dates:
        if dm.year is not None:
            try:
                full_dates.setdefault((dm.month, dm.day), dt.date(dm.year, dm.month, dm.day))
            except ValueError:
                pass
    for k, (dm, si) in enumerate(zip(doc.dates, doc.date_sent)):
        if k >= MAX_DATE_MENTIONS:
            break  # a text with hundreds of dates is a table or an attack, not an announcement
        if k in doc.dateline:
            continue
        if dm.part == "header":
            pd = PolicyDate("announced", dt.date(dm.year, dm.month, dm.day), dm.text, True, si)
            out.all.append(pd)
            continue
        sent_concepts = doc.by_sent[si]
        s_start, s_end = doc.sents[si]
        # a "sentence" of thousands of characters (text without punctuation) is read around the date
        s_start, s_end = max(s_start, dm.start - SENTENCE_WINDOW), min(s_end, dm.end + SENTENCE_WINDOW)
        sentence = doc.full[s_start:s_end]
        prev = doc.by_sent[si - 1] if si > 0 else set()
        if not (sent_concepts & _POLICY_CONCEPTS or prev & {"emergency_contact", "two_step"}
                or (prev & set(CONTACT_CONCEPTS) and prev & {"verify", "otp"})):
            # a date in a sentence that names nothing of a policy; accept only strong cues in
            # texts whose title names the policy, and only near a body sentence that does (a
            # long roundup names the policy in its title but dates other news in other sections)
            title_policy = any(doc.by_sent[t] & _POLICY_CONCEPTS for t in range(doc.title_sents))
            if not title_policy:
                continue
            body = range(doc.title_sents, len(doc.by_sent))
            if len(body) > 6 and not any(doc.by_sent[j] & _NEAR_POLICY for j in range(si - 2, si + 3)
                                         if j in body and j != si) \
                    and not _POLICY_ANAPHORA.search(doc.full[max(s_start, dm.start - 80):dm.start]):
                continue
        if _NOISE.search(sentence):
            continue
        before = doc.full[max(s_start, dm.start - 45):dm.start]
        after = doc.full[dm.end:min(s_end, dm.end + 24)]
        role, strong = None, True
        clause = _CLAUSE_END.split(doc.full[dm.end:s_end], 1)[0]
        for r in (() if _ANNOUNCED_UNTIL.search(before) else ("deadline", "announced", "effective")):
            b, a = _CUE[r]
            mb, ma = b.search(before), a.search(after)
            if r == "effective" and not ma and mb and _WEAK_ONLY.fullmatch(mb.group(0).strip(" \t,.:;")):
                continue
            if r == "announced" and not _ANNOUNCE.search(doc.full[max(s_start, dm.start - 60):dm.end + 40]):
                if not (cjk and _CJK_ANNOUNCE.search(clause)) or _CUE["effective"][1].search(after) \
                        or _CUE["deadline"][1].search(after):
                    continue  # "4月1日から……と発表した": the date the rule starts, not the announcement
                role = r  # "于1月30日在卖家论坛发布公告": the date of the announcing clause
                break
            if mb or ma:
                role = r
                break
        if role is None and _ANNOUNCED_UNTIL.search(before):
            role = "announced"
        enforce = False
        if role in (None, "effective") and dm.part in (None, "relative") and _enforcement(doc, k, s_start, s_end):
            role, strong, enforce = "deadline", True, True  # "ab dem 1. September … gesperrt"
        if dm.part == "start":
            role, strong = "effective", True  # "between 1 and 31 October": the first day opens it
        elif dm.part == "end":
            role, strong = "deadline", True
        elif dm.part == "relative_past" and role != "announced":
            continue  # "started showing for me on Monday": one seller's day, not the policy's start
        elif dm.part == "relative_end" and role != "deadline":
            continue  # "since the end of January" is vague; "by the end of the month" is a day
        if role is None and cjk and _CJK_DATE_COMMA.match(doc.full[dm.end:s_end]) \
                and _CJK_ANNOUNCE.search(doc.full[dm.end:s_end]):
            role, strong = "announced", True
        if role is None:
            near = doc.full[max(s_start, dm.start - 60):min(s_end, dm.end + 40)]
            if cjk and not doc.full[s_start:dm.start].strip(" 　年0123456789") and _CJK_ANNOUNCE.search(sentence):
                near = sentence  # "2025年1月30日、Amazonは……と発表しました"
            if _ANNOUNCE.search(near):
                role, strong = "announced", False
            elif _WEAK_BEFORE.search(before) or sent_concepts & {"verify", "require", "two_step", "emergency_contact"}:
                role, strong = "effective", False
            else:
                continue
        past = bool(_PAST_WORDS.search(before) or _PAST_WORDS.search(after))
        if past and _DESDE.search(before) and not _PAST_WORDS.search(_DESDE.sub(" ", before)) \
                and not _PAST_WORDS.search(after) and _FUTURE_ES_PT.search(sentence):
            past = False  # "desde" under a future verb is "from"
        if dm.month == 0:  # "the 24th": month of publication, or the one before
            if doc.published is None:
                continue
            y, mo = doc.published.year, doc.published.month
            if dm.day > doc.published.day:
                y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
            try:
                out.all.append(PolicyDate(role, dt.date(y, mo, dm.day), dm.text, False, si, past))
            except ValueError:
                pass
            continue
        if dm.year is not None:
            try:
                d = dt.date(dm.year, dm.month, dm.day)
            except ValueError:
                continue
            pd = PolicyDate(role, d, dm.text, strong, si, past)
        elif doc.published is not None:
            d = resolve_year(dm.month, dm.day, doc.published, past_bias=past or role == "announced",
                             future_bias=role == "deadline" and not past)
            pd = PolicyDate(role, d, dm.text, strong, si, past)
        elif (dm.month, dm.day) in full_dates:  # "30 de junio" in the title, "30 de junio de 2020" below
            pd = PolicyDate(role, full_dates[(dm.month, dm.day)], dm.text, strong, si, past)
        else:
            if anchor is None:
                anchor, anchor_from = year_anchor(doc, today)
            if anchor_from == YEAR_ONLY:
                try:
                    d = dt.date(anchor.year, dm.month, dm.day)
                except ValueError:
                    continue
            else:
                on_analysis_day = anchor_from == ANALYSIS_DAY
                d = resolve_year(dm.month, dm.day, anchor, past_bias=past or role == "announced" or
                                 not on_analysis_day, future_bias=role == "deadline" and not past,
                                 not_after=anchor if past and on_analysis_day else None)
                if d is None:
                    continue
            pd = PolicyDate(role, d, dm.text, strong, si, past, year_unknown=True)
            anchored.append(pd)
        pd.enforce = enforce
        if role == "deadline" and _REVISED.search(before):
            pd.revised = True
        elif role == "deadline" and _PAST_DEADLINE.search(doc.full[max(s_start, dm.start - 80):min(s_end, dm.end + 60)]):
            pd.past = True
        out.all.append(pd)

    def pick(role: str) -> PolicyDate | None:
        cands = [p for p in out.all if p.role == role]
        if not cands:
            return None
        if role == "deadline":
            live = [p for p in cands if not p.past]
            cands = [p for p in live if p.revised] or live or cands
        strong = [p for p in cands if p.strong]
        # a deadline named as such ("by", "bis", "截止") before one read from a consequence
        return ([p for p in strong if not p.enforce] or strong or cands)[0]

    eff, dl, ann = pick("effective"), pick("deadline"), pick("announced")
    out.effective = eff.date if eff else None
    out.deadline = dl.date if dl else None
    out.announced = ann.date if ann and ann.date else doc.published
    if out.effective is None and out.announced is not None and _TODAY_START.search(doc.full):
        out.effective = out.announced
    if dl is None and eff is not None and eff.date is not None and _mandatory_from(doc, eff):
        # "from 31 October two-step verification is mandatory": an account without it on that day is
        # out, so the day it starts is also the day to have it done by
        out.deadline = eff.date
        out.notes.append(f"deadline: the requirement applies from {eff.date.isoformat()}")
        dl = eff
    elif dl is None and eff is not None and eff.date is not None and (words := _deadline_anaphora(doc, eff)):
        out.deadline = eff.date
        out.notes.append(f"deadline: '{words}' refers to {eff.date.isoformat()}")
        dl = eff
    for p in (eff, dl, ann):
        if p is not None and p.year_unknown and p.date is not None:
            out.notes.append(f"year of {p.role} date '{p.text.strip()}' not stated and no publication date: "
                             f"resolved to {p.date.year} against {anchor_from}")
    others = [p for p in out.all if p.date and p not in (eff, dl, ann) and p.role == "deadline"]
    for p in others:
        out.notes.append(f"another deadline mentioned: {p.date.isoformat()} ('{p.text.strip()}')")
    if out.effective and out.announced and out.effective < out.announced:
        out.notes.append("retroactive: effective date "
                         f"{out.effective.isoformat()} precedes announcement {out.announced.isoformat()}")
    return out


_MANDATORY_NOW = _rx(lexicon.MANDATORY_FROM, re.I)


_DEADLINE_ANAPHORA = _rx(lexicon.DEADLINE_ANAPHORA, re.I)


def _deadline_anaphora(doc: Doc, p: PolicyDate) -> str | None:
    """The words that name the effective date ``p`` as a deadline ("by this date") in its sentence
    or the next one, if any."""
    for j in (p.sent, p.sent + 1):
        if j < len(doc.sents):
            m = _DEADLINE_ANAPHORA.search(doc.sentence(j))
            if m:
                return m.group(0)
    return None


def _mandatory_from(doc: Doc, p: PolicyDate) -> bool:
    """Whether the sentence of the effective date ``p`` makes the requirement mandatory from it."""
    s, e = doc.sents[p.sent]
    sentence = doc.full[s:e]
    j = p.sent + 1
    while j < len(doc.sents) and j <= p.sent + 2 and len(sentence) < 80:  # "2017年10月31日より、" / … / "必須となります。"
        sentence += " " + doc.sentence(j)
        j += 1
    return (bool(_MANDATORY_NOW.search(sentence)) and not _ENFORCE_PERIOD.search(sentence)
            and not doc.by_sent[p.sent] & {"trap_optional"})


def contact_types(doc: Doc, core_sents: set[int]) -> list[str]:
    """Contact channels the policy is about, from the sentences that carry the requirement."""
    strong = {i for i in core_sents if "background" not in doc.by_sent[i]}
    scope = (strong or set(core_sents)) | set(range(doc.title_sents))
    found: set[str] = set()
    for i in scope:
        cs = doc.by_sent[i]
        if "emergency_contact" in cs:
            found.add("emergency_contact")
        if "two_step" in cs:
            found.add("two_step_verification")
        if "phone" in cs:
            found.add("phone")
        if "email" in cs:
            found.add("email")
    near = {j for i in core_sents for j in (i - 1, i, i + 1) if 0 <= j < len(doc.by_sent)}
    if "two_step_verification" in found and any(doc.by_sent[j] & {"phone"} for j in near):
        found.add("phone")
    if found & {"emergency_contact", "two_step_verification"} and any("sms" in doc.by_sent[j] for j in near):
        found.add("phone")  # a code by SMS goes to a phone: the phone is one of the channels checked
    if not found:
        for i in scope:
            if doc.by_sent[i] & {"contact_details", "notif_prefs"}:
                found.add("contact_details")
    if "emergency_contact" in found and any(h.text.lower() == "ecn" for h in doc.hits.get("emergency_contact", ())):
        found.add("phone")
    return [t for t in lexicon.CONTACT_CORE_ORDER if t in found]


def method(doc: Doc, core_sents: set[int]) -> str:
    scope = set(core_sents)
    for i in list(scope):
        scope.update({i - 1, i + 1})
    scope = {i for i in scope if 0 <= i < len(doc.by_sent)}

    def any_in(concept: str) -> bool:
        return any(concept in doc.by_sent[i] for i in scope) or doc.in_title(concept)

    otp_hits = [h for h in doc.hits.get("otp", ()) if h.sent in scope]
    explicit_otp = any(re.search(r"otp|one|一次性|ワンタイム|einmal|solo uso|usage unique|\d", h.text, re.I)
                       for h in otp_hits)
    if explicit_otp:
        return "otp"
    if any_in("sms") and (otp_hits or any_in("phone")):
        return "sms"
    if any_in("link"):
        return "email_link"
    if otp_hits:
        return "otp"
    if any_in("call"):
        return "call"
    return "unknown"


def where(doc: Doc) -> str | None:
    for concept, canonical in lexicon.WHERE_CANONICAL.items():
        if doc.has(concept):
            return canonical
    shown = doc.shown or doc.full  # quoted as written (same offsets)
    m = _PATH_RE.search(doc.full)
    if m and ">" in m.group(0) or (m and "→" in m.group(0)):
        return re.sub(r"\s+", " ", shown[m.start():m.end()]).strip()[:120]
    page = _SETTINGS_PAGE.search(doc.full)
    if page:  # a page named without a path ("Advanced Security Settings", "高度なセキュリティ設定"), a
        # console ("Play Console"), the moment a check prompts ("beim Aufgeben einer Anzeige")
        return shown[page.start():page.end()].strip()
    return None


def platform(doc: Doc) -> str | None:
    if not doc.platforms:
        host = urlsplit(doc.url).hostname or "" if doc.url else ""
        for key in lexicon.PLATFORMS:
            if key in host.replace("-", ""):
                return key
        return None
    best = max(doc.platforms.items(), key=lambda kv: (kv[1], kv[0] == "amazon"))
    return best[0]


MARKETPLACE_WINDOW = (40, 60)  # characters before and after an anchor word searched for a marketplace phrase


def _anchor_windows(text: str) -> list[tuple[int, int]]:
    """Merged spans around the anchor words of the marketplace phrases (``str.find`` is far faster
    than letting the big alternation try every position)."""
    low = text.lower()
    if len(low) != len(text):  # a case mapping changed the length: positions would not line up
        return [(0, len(text))]
    before, after = MARKETPLACE_WINDOW
    spans = []
    for word in lexicon.MARKETPLACE_ANCHORS:
        i = low.find(word)
        while i != -1:
            spans.append((max(0, i - before), min(len(text), i + len(word) + after)))
            i = low.find(word, i + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def marketplace(doc: Doc, plat: str | None) -> str | None:
    """The Amazon marketplace (a code of monitor/data/marketplaces.json, or EU) the text names: its
    domain, "Amazon Japan", "日本のAmazon", "all sellers in the US store", "美国站"; the most named one
    wins.  None for another platform's policy: the codes are Amazon's, and they decide which of the
    user's accounts are affected."""
    if plat not in (None, "amazon"):
        return None
    counts: dict[str, int] = {}
    scan = literal_scan(lexicon.marketplace_regex())
    folded, exact = fold(doc.full), exact_only(doc.full)
    for lo, hi in _anchor_windows(doc.full):
        for m in scan.finditer(doc.full, lo, hi, folded=folded, exact=exact):
            if m.lastgroup:
                counts[m.lastgroup] = counts.get(m.lastgroup, 0) + 1
    if counts:
        return max(counts.items(), key=lambda kv: kv[1])[0]
    host = ""
    if doc.url:
        try:
            host = (urlsplit(doc.url).hostname or "").lower()
        except ValueError:
            host = ""
    if host and (plat in (None, "amazon") and "amazon" in host):
        for pat, cc in lexicon.HOST_COUNTRY:
            if re.search(pat, host):
                return cc
    if plat in (None, "amazon") and doc.lang == "ja":
        return "JP"
    return None


_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\b(?:[\w-]+\.)+(?:com|net|org|info|xyz|top|io|co|de|jp|cn|uk|fr|es|it)/\S*", re.I)
_HOST = re.compile(r"\b(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?=[/\s:?#)\]\"'>,;]|$)", re.I)
_PHISHING_REQUEST = _rx(lexicon.PHISHING_REQUEST, re.I)
# "Amazon will never ask you to enter your password": a warning, not a request
_NEGATED = _rx(r"(?:\bnever|\bnie(?:mals)?|\bjamais|\bnunca|\bmai\b|\bnooit|绝不|决不|不会|從不|从不|決して|절대)[^.!?。\n]{0,40}$", re.I)
# brands a look-alike host imitates: the platform keys of the lexicon
_BRANDS = tuple(k for k in lexicon.PLATFORMS if len(k) >= 4)


def lookalike_host(host: str) -> bool:
    """A host that imitates a platform's domain: amaz0n-seller.com, amazon.com.verify-account.xyz."""
    h = host.lower().rstrip(".")
    plain = h.replace("0", "o").replace("rn", "m").replace("1", "l")
    for brand in _BRANDS:
        if brand not in plain:
            continue
        if re.fullmatch(r"(?:[a-z0-9-]+\.)*" + brand + r"\.(?:com|net|co\.[a-z]{2}|com\.[a-z]{2}|[a-z]{2})", h):
            return False  # the brand's own domain (any country), or a subdomain of it
        return not any(h == d or h.endswith("." + d) for d in lexicon.FIRST_PARTY_DOMAINS)
    return False


def phishing_shaped(doc: Doc) -> bool:
    """The text is, or quotes, a scam message: it asks for a password, code or card details, or pushes a
    link (not a "we will never ask you to …" warning), or it links to a look-alike of a platform's domain."""
    for m in _PHISHING_REQUEST.finditer(doc.full):
        if not _NEGATED.search(doc.full, max(0, m.start() - 60), m.start()):
            return True
    return any(lookalike_host(m.group(1)) for m in _HOST.finditer(doc.full))


def consequences(doc: Doc, core_sents: set[int]) -> str | None:
    """The sentence that says what happens to accounts that do not comply; never from a phishing text,
    never a link."""
    hits = doc.hits.get("consequence", ())
    if not hits or doc.count("scam_shape") >= 2 or phishing_shaped(doc):
        return None
    near = [h for h in hits if any(abs(h.sent - c) <= 3 for c in core_sents)] or list(hits)
    for h in near:
        if doc.by_sent[h.sent] & {"scam_shape", "trap_phishing"}:
            continue  # "failure to comply will result in permanent suspension": the scam's threat
        text = _URL.sub(" ", doc.sentence(h.sent))
        text = re.sub(r"\s+", " ", text).strip(" -–—:|")
        if len(_LETTER_RUN.findall(text)) >= 3:
            return text[:240]
    return None
