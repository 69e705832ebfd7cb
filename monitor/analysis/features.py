"""Turn one cleaned announcement into concept hits per sentence (the shared input of the
classifier, the fact extractor and the story key)."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from . import lexicon
from .prefilter import TextKeys, concept_hits, literal_scan
from .dates import DateMention, find_dates, find_relative, merge_mentions
from .han import to_simplified
from .text import clean, detect_language, split_sentences

CONTACT_CONCEPTS = ("emergency_contact", "phone", "email", "contact_details", "notif_prefs")
OV_CONCEPTS = ("ov_identity", "ov_video", "ov_address", "ov_bank", "ov_tax", "ov_kyc")
ALL_CONCEPTS = tuple(lexicon.CONCEPTS)

# A hit of a concept that lies inside a hit of another concept is not counted for the first:
# "two-step verification" is not a "verification" act, "verification code" is an OTP.
# "Getting started" (a guide's heading) is not a change that started.
_MASKED_BY = {"verify": ("two_step",), "require": ("two_step",), "event": ("help_page",), "help_page": ("two_step",), "phone": ("trap_nonseller", "comm_channel"),
             "email": ("notice_email", "comm_channel"), "buyer": ("ov_kyc",)}


@dataclass
class Hit:
    concept: str
    lang: str
    text: str
    start: int
    end: int
    sent: int


@dataclass
class Doc:
    id: object
    title: str
    body: str
    full: str
    lang: str
    url: str
    published: dt.date | None
    sents: list[tuple[int, int]]
    title_sents: int  # number of sentences that belong to the title
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    by_sent: list[set[str]] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    date_sent: list[int] = field(default_factory=list)
    platforms: dict[str, int] = field(default_factory=dict)
    dateline: set[int] = field(default_factory=set)  # indexes into dates: the page's own date
    dateline_date: dt.date | None = None
    # ``full`` as the source wrote it, when the text is read in another form (Traditional Chinese
    # is matched in Simplified characters, same offsets); quotes are taken from it
    shown: str = ""

    def sentence(self, i: int) -> str:
        s, e = self.sents[i]
        return (self.shown or self.full)[s:e].strip()

    def has(self, concept: str) -> bool:
        return bool(self.hits.get(concept))

    def count(self, concept: str) -> int:
        return len(self.hits.get(concept, ()))

    def in_title(self, concept: str) -> bool:
        return any(h.sent < self.title_sents for h in self.hits.get(concept, ()))

    def sents_with(self, *concepts: str) -> list[int]:
        return [i for i, cs in enumerate(self.by_sent) if all(c in cs for c in concepts)]

    def first(self, concept: str) -> Hit | None:
        hs = self.hits.get(concept)
        return hs[0] if hs else None


def _sent_index(starts: list[int], pos: int) -> int:
    """The sentence holding ``pos``: the last one starting at or before it (else the first)."""
    return max(0, bisect_right(starts, pos) - 1)


def build(record: dict, published: dt.date | None) -> Doc:
    title = clean(record.get("title"), limit=1000)
    body = clean(record.get("text"))
    full = (title + "\n" + body) if title else body
    lang = detect_language(body or title, record.get("language"))
    shown = ""
    if lang == "zh":  # read in Simplified characters (monitor.analysis.han); quoted as written
        shown = full
        title, body, full = to_simplified(title), to_simplified(body), to_simplified(full)
        shown = "" if shown == full else shown
    url = record.get("url") if isinstance(record.get("url"), str) else ""
    title_spans = split_sentences(title) if title else []
    body_spans = split_sentences(body) if body else []
    offset = len(title) + 1 if title else 0
    sents = list(title_spans) + [(s + offset, e + offset) for s, e in body_spans]
    if not sents:
        sents = [(0, 0)]
    doc = Doc(record.get("id"), title, body, full, lang, url or "", published, sents, len(title_spans), shown=shown)
    doc.by_sent = [set() for _ in sents]
    spans_by_concept: dict[str, list[tuple[int, int]]] = {}
    keys = TextKeys(full)
    for concept, matches in concept_hits(keys, full):
        hs = []
        for m in matches:
            start, end = m.span()
            if end == start:
                continue
            hs.append(Hit(concept, lexicon.group_lang(m.lastgroup), shown[start:end] if shown else m.group(0),
                          start, end, 0))
        spans_by_concept[concept] = [(h.start, h.end) for h in hs]
        doc.hits[concept] = hs
    for concept, maskers in _MASKED_BY.items():
        mask = [sp for mk in maskers for sp in spans_by_concept.get(mk, [])]
        if mask:
            doc.hits[concept] = [h for h in doc.hits[concept]
                                 if not any(ms <= h.start and h.end <= me for ms, me in mask)]
    starts = [s for s, _ in sents]
    for concept, hs in doc.hits.items():
        for h in hs:
            h.sent = _sent_index(starts, h.start)
            doc.by_sent[h.sent].add(concept)
    for m in literal_scan(lexicon.platform_regex()).finditer(full, folded=keys.folded, exact=keys.exact):
        key = m.lastgroup
        if key:
            w = 2 if m.start() < len(title) else 1
            doc.platforms[key] = doc.platforms.get(key, 0) + w
    doc.dates = merge_mentions(find_dates(full, lang), find_relative(full, published))
    doc.date_sent = [_sent_index(starts, d.start) for d in doc.dates]
    if _FWD_FROM.search(full) and _FWD_SUBJECT.search(full):
        # a message forwarded with its headers: the "Date:" line dates the notice itself
        for dm in doc.dates:
            ls = full.rfind("\n", 0, dm.start) + 1
            if dm.year is not None and _FWD_DATE.match(full, ls) and not full[ls:dm.start].count("\n"):
                dm.part = "header"
    _find_dateline(doc, offset)
    return doc


_FWD_FROM = re.compile(r"^\W{0,3}(?:from|von|de|da|od|发件人|寄件者|差出人|보낸 사람)\s*[:：]", re.I | re.M)
_FWD_SUBJECT = re.compile(r"^\W{0,3}(?:subject|betreff|asunto|objet|oggetto|temat|主题|主旨|件名|제목)\s*[:：]", re.I | re.M)
_FWD_DATE = re.compile(r"\W{0,3}(?:date|sent|datum|gesendet|fecha|enviado|envoy[ée]|data|inviato|wys[łl]ano|日期|发送时间|"
                       r"寄件日期|送信日時|日時|날짜|보낸 날짜)\s*[:：]", re.I)


# The page's own date near the top ("2025-02-05 10:23 来源：雨果网", "By X | January 31, 2025 |",
# "发表于 2025-2-2", a line holding only a date): publication metadata, never a policy date.
_DATELINE_BEFORE = re.compile(
    r"(?:发表于|发布于|发布时间|发表时间|时间|日期|更新于|posted(?: on)?|published(?: on)?|updated(?: on)?|"
    r"veröffentlicht(?: am)?|aktualisiert(?: am)?|publicado(?: el)?|actualizado(?: el)?|publié(?: le)?|"
    r"mis à jour le|投稿日|公開日|更新日|掲載日|\||^\W{0,3}(?:date|datum|fecha|data|日期|日付|날짜))\W{0,3}$", re.I)
_DATELINE_AFTER = re.compile(r"^\s*(?:\d{1,2}:\d{2}|\||来源|作者|阅读|浏览|by\b|von\b|por\b|par\b)", re.I)
_LETTER = re.compile(r"[^\W\d_]")
_STARTS = re.compile(lexicon.DATE_CUES["effective"]["after"] + "|" + lexicon.DATE_CUES["deadline"]["after"], re.I)
DATELINE_WINDOW = 600
# "Last updated 2024-09-03 UTC." anywhere on the page (help pages put it in the footer): the page's
# revision date, never a policy date
_UPDATED_BEFORE = re.compile(
    r"(?<!\w)(?:last (?:updated|modified|reviewed|revised)(?: on)?|page (?:updated|last updated)(?: on)?|"
    r"zuletzt (?:aktualisiert|geändert|bearbeitet)(?: am)?|stand|dernière mise à jour(?: le)?|mis à jour le|"
    r"última (?:actualización|modificación)|actualizado por última vez(?: el)?|ultimo aggiornamento|"
    r"ostatnia aktualizacja|laatst (?:bijgewerkt|gewijzigd)(?: op)?|son güncelleme|"
    r"最終更新日?時?|最后更新(?:时间|日期|于)?|最近更新(?:时间|于)?|更新日時?|최종 (?:수정|업데이트)일?)\W{0,3}$", re.I)


def _find_dateline(doc: Doc, body_offset: int) -> None:
    full = doc.full
    for k, dm in enumerate(doc.dates):
        if dm.year is not None and not (dm.part or "").startswith("relative") and \
                _UPDATED_BEFORE.search(full, max(0, dm.start - 40), dm.start):
            doc.dateline.add(k)
    for k, dm in enumerate(doc.dates):
        if dm.year is None or dm.start < body_offset or (dm.part or "").startswith("relative") or dm.part == "header":
            continue  # a forwarded notice's "Date:" line dates the notice, not the page
        if dm.start - body_offset > DATELINE_WINDOW:
            break
        ls = full.rfind("\n", 0, dm.start) + 1
        le = full.find("\n", dm.end)
        le = len(full) if le < 0 else le
        rest = full[ls:dm.start] + full[dm.end:le]
        before = full[ls:dm.start]
        # a byline after the date ("12.03.2025 von Anna") counts only for a date that opens its
        # line: "ab 1. Februar 2025 von allen Händlern …" is a policy date, not the page's
        try:
            d = dt.date(dm.year, dm.month, dm.day)
        except ValueError:
            continue
        if (_DATELINE_BEFORE.search(before)
                or (_DATELINE_AFTER.search(full[dm.end:le]) and not _LETTER.search(before))
                or not _LETTER.search(rest)
                # the publication day opening a line near the top ("2026-01-16 2 跨境卖家常问…"),
                # unless a cue makes it a start ("2026-01-16起")
                or (d == doc.published and not _LETTER.search(before) and not _STARTS.match(full[dm.end:dm.end + 24]))):
            doc.dateline.add(k)
            if doc.dateline_date is None:
                doc.dateline_date = d
