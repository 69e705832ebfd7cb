"""Stories: one value for every report of the same policy event (DESIGN §3.2).

Two ways to a story, one per situation:

* **One item alone** (``analyze()``, the monitor's per-item path): ``story_key`` builds a key from
  the facts — ``<label>/<platform>/<core channel or subtopic>/<year>`` — where the year is the
  policy's anchor (effective date, else deadline, else announcement, else publication).  The year
  keeps two campaigns of one platform on one channel (Amazon's 2SV mandate of 2017 and its 2024
  re-run) apart; an undated repost gets no year, and the monitor's policy store
  (``monitor.policies``) then joins it to a compatible policy by similarity (``similar``).
* **A batch** (``analyze_stream``, ``sellerguard monitor analyze``): ``assign_stories`` clusters
  every item of the batch.  Two items are one story when their texts are similar enough (cosine of
  batch-IDF weighted features, ``similarity.Signature``), their event times are compatible
  (``_time_compatible``: two items dated years apart never merge) and their platforms do not
  contradict.  The features are language-independent where possible — numbers, dates resolved
  against the publication date, platform names, link hosts, Latin words inside CJK text — so a
  translation shares them with its original even where no word matches.  The label is *not* a
  wall: reports of one event are sometimes classified differently (a how-to repost of a mandate),
  and the contract is one value per event.

Why batch IDF rather than fixed word lists: in a batch of seller news the words every item shares
("amazon", "sellers", "account") weigh nothing, and the words of one event ("postcard", "video
call", "Kleinanzeigen", "2段階認証") weigh a lot — the Feedly/Google-News style of near-duplicate and
event clustering, with no per-language stop list to keep.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from . import lexicon
from .similarity import Signature, signature

CV = "contact_verification"
OV = "other_verification"

# Two items whose event times are further apart than this are two events, however similar.
MAX_EVENT_GAP_DAYS = 400


@dataclass
class StoryFacts:
    """What the story of one analysed item is built from (filled in by ``core.analyze_full``)."""

    label: str
    platform: str | None
    contact_types: list[str]
    subtopic: str | None
    effective: dt.date | None
    deadline: dt.date | None
    announced: dt.date | None
    published: dt.date | None
    title: str
    text: str
    url: str = ""
    notification_contacts: bool = False
    method: str | None = None
    concepts: frozenset = field(default_factory=frozenset)
    sig: Signature | None = None

    @property
    def anchor(self) -> dt.date | None:
        """The policy's own date: effective, else deadline, else announced."""
        return self.effective or self.deadline or self.announced

    @property
    def when(self) -> dt.date | None:
        """Best estimate of the event's time: the anchor, else the publication date."""
        return self.anchor or self.published

    def signature(self) -> Signature:
        if self.sig is None:
            self.sig = signature(self.title, self.text, platform=self.platform, url=self.url,
                                 dates=[d for d in (self.effective, self.deadline, self.announced) if d])
        return self.sig

    def compact(self) -> "StoryFacts":
        """Compute the signature and drop the texts (a batch keeps only what clustering needs)."""
        self.signature()
        self.key = story_key(self)
        self.title = self.text = ""
        return self

    key: str | None = None


def core_channel(sf: StoryFacts) -> str:
    """The most specific contact channel (contact verification) or subtopic (other verification)."""
    if sf.label == CV:
        types = sf.contact_types or _channels_from_concepts(sf.concepts)
        core = next((t for t in lexicon.CONTACT_CORE_ORDER if t in types), "contact")
        if sf.notification_contacts and core in ("phone", "email", "contact_details", "contact") \
                and sf.method != "email_link":
            # a phone or email checked with a code in Notification Preferences is one of the
            # notification/emergency contacts kept there: the same check as a report naming them
            core = "emergency_contact"
        return core
    if sf.label == OV:
        return sf.subtopic or next((sub for c, sub in lexicon.OV_SUBTOPICS if c in sf.concepts), "general")
    return "news"


def _channels_from_concepts(concepts: frozenset) -> list[str]:
    names = {"emergency_contact": "emergency_contact", "two_step": "two_step_verification",
             "phone": "phone", "email": "email"}
    return [v for k, v in names.items() if k in concepts]


def _norm_title(text: str) -> str:
    t = unicodedata.normalize("NFKC", text or "").lower()
    t = re.sub(r"^(?:re|fwd?|aw|wg)\s*:\s*", "", t)
    t = re.sub(r"[\W_]+", " ", t).strip()
    return t[:200]


def story_key(sf: StoryFacts) -> str:
    """The per-item story: the same for reports of one event that agree on platform, core channel
    and year; an unrelated item is keyed by its normalised title."""
    if sf.key is not None:
        return sf.key
    plat = sf.platform or "unknown"
    if sf.label in (CV, OV):
        when = sf.when
        key = f"{sf.label}/{plat}/{core_channel(sf)}"
        return f"{key}/{when.year}" if when else key
    basis = _norm_title(sf.title) or _norm_title(sf.text[:300])
    digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
    return f"unrelated/{digest}"


# --- compatibility -----------------------------------------------------------------------------

def _gap(a: dt.date | None, b: dt.date | None) -> int | None:
    return None if a is None or b is None else abs((a - b).days)


def _time_compatible(a: StoryFacts, b: StoryFacts) -> bool:
    gap = _gap(a.when, b.when)
    return gap is None or gap <= MAX_EVENT_GAP_DAYS


def _platforms_conflict(a: StoryFacts, b: StoryFacts) -> bool:
    return bool(a.platform and b.platform and a.platform != b.platform)


def link_score(a: StoryFacts, b: StoryFacts, idf: dict | None = None) -> float:
    """How strongly two items look like reports of one event: the cosine of their signatures plus
    what their facts agree on (platform, label and core channel, close dates); 0 when their times
    rule it out."""
    if not _time_compatible(a, b):
        return 0.0
    score = a.signature().cosine(b.signature(), idf)
    if a.platform and a.platform == b.platform:
        score += SAME_PLATFORM_BONUS
    elif _platforms_conflict(a, b):
        score -= OTHER_PLATFORM_PENALTY
    if a.label != b.label:
        score -= OTHER_LABEL_PENALTY
    elif a.label in (CV, OV) and core_channel(a) == core_channel(b):
        score += SAME_CORE_BONUS
    gap = _gap(a.when, b.when)
    if gap is not None and gap <= CLOSE_DAYS:
        score += CLOSE_DATES_BONUS
    return score


def similar(a: StoryFacts, b: StoryFacts) -> bool:
    """Whether ``b`` may join ``a``'s story when no batch is at hand (the monitor's policy store)."""
    return link_score(a, b) >= LINK_THRESHOLD_ALONE


SAME_PLATFORM_BONUS = 0.05
OTHER_PLATFORM_PENALTY = 0.15
SAME_CORE_BONUS = 0.10
OTHER_LABEL_PENALTY = 0.15
CLOSE_DAYS = 45
CLOSE_DATES_BONUS = 0.05
LINK_THRESHOLD_ALONE = 0.35


# --- batch clustering --------------------------------------------------------------------------

class _Clusters:
    """Union-find whose roots remember the earliest and latest event time of their members, so
    that a union never makes one story span more than ``MAX_EVENT_GAP_DAYS`` (an undated repost
    similar to both the 2017 and the 2024 campaign joins one of them, never bridges the two)."""

    def __init__(self, whens: list[dt.date | None]) -> None:
        self.parent = list(range(len(whens)))
        self.span = [(w, w) for w in whens]
        self._members: dict[int, list[int]] = {}

    def members(self, root: int) -> list[int]:
        return self._members.get(root) or [root]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def compatible(self, ri: int, rj: int) -> bool:
        (lo1, hi1), (lo2, hi2) = self.span[ri], self.span[rj]
        los = [d for d in (lo1, lo2) if d]
        his = [d for d in (hi1, hi2) if d]
        return not (los and his and (max(his) - min(los)).days > MAX_EVENT_GAP_DAYS)

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        (lo1, hi1), (lo2, hi2) = self.span[ri], self.span[rj]
        los = [d for d in (lo1, lo2) if d]
        his = [d for d in (hi1, hi2) if d]
        lo, hi = (min(los) if los else None), (max(his) if his else None)
        if lo and hi and (hi - lo).days > MAX_EVENT_GAP_DAYS:
            return False
        root, child = min(ri, rj), max(ri, rj)
        self.parent[child] = root
        self.span[root] = (lo, hi)
        self._members[root] = self.members(root) + self._members.pop(child, [child])
        return True


def candidate_pairs(sigs: list[Signature], df: dict) -> set[tuple[int, int]]:
    """Pairs that share at least one of their rarer features (an inverted index: the work grows
    with the batch and the posting lengths, capped at ``CANDIDATE_MAX_DF``, not with its square)."""
    postings: dict = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for k, s in enumerate(sigs):
        rare = sorted((f for f in s.features if 1 < df[f] <= CANDIDATE_MAX_DF), key=lambda f: (df[f], f))
        for f in rare[:CANDIDATES_PER_ITEM]:
            pairs.update((j, k) for j in postings[f])
        for f in rare:
            postings[f].append(k)
    return pairs


def _profile(group: list[StoryFacts]) -> tuple[str, str, str] | None:
    """(label, platform, core channel) most members of a cluster agree on, when that is a known
    platform's contact or other verification; None otherwise."""
    votes: dict[tuple[str, str, str], int] = defaultdict(int)
    for sf in group:
        if sf.label in (CV, OV) and sf.platform:
            votes[(sf.label, sf.platform, core_channel(sf))] += 1
    if not votes:
        return None
    best = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    return best[0] if best[1] * 2 >= len(group) else None


def _merge_by_facts(clusters: "_Clusters", items: list[StoryFacts], scores: dict, idf: dict) -> None:
    """Second pass: text clusters that agree on label, platform and core channel and whose times
    are compatible are one story — a Japanese and an English report of one mandate share almost no
    words, but they name the same platform, channel and (when dated) time.  Larger clusters first;
    each joins the compatible group it links best to (so an undated cluster picks one campaign)."""
    roots = sorted({clusters.find(k) for k in range(len(items))})
    by_profile: dict[tuple, list[int]] = defaultdict(list)
    for r in roots:
        prof = _profile([items[k] for k in clusters.members(r)])
        if prof is not None:
            by_profile[prof].append(r)
    for rs in by_profile.values():
        rs.sort(key=lambda r: (-len(clusters.members(r)), r))
        heads: list[int] = []
        for r in rs:
            best, best_score = None, FACT_LINK
            for h in heads:
                hr = clusters.find(h)
                if not clusters.compatible(hr, r):
                    continue
                got = _average_link(clusters.members(hr), clusters.members(r), items, scores, idf)
                if got >= best_score:
                    best, best_score = hr, got
            if best is None:
                heads.append(r)
            else:
                clusters.union(best, r)


FACT_LINK = 0.10


def _average_link(a: list[int], b: list[int], items: list[StoryFacts], scores: dict, idf: dict) -> float:
    """Mean link score between two clusters (average linkage keeps one strong pair from chaining
    two stories together); at most ``AVERAGE_SAMPLE`` members of each side are compared."""
    a, b = a[:AVERAGE_SAMPLE], b[:AVERAGE_SAMPLE]
    total = 0.0
    for x in a:
        for y in b:
            key = (x, y) if x < y else (y, x)
            got = scores.get(key)
            if got is None:
                got = scores[key] = link_score(items[key[0]], items[key[1]], idf)
            total += got
    return total / (len(a) * len(b))


AVERAGE_SAMPLE = 12
AVERAGE_LINK = 0.25
CANDIDATE_MAX_DF = 60
CANDIDATES_PER_ITEM = 40
LINK_THRESHOLD = 0.25


def assign_stories(facts: list[StoryFacts | None], *, all_pairs: bool = False) -> list[str | None]:
    """One story per item of a batch (None where the item had no facts: invalid input).

    Candidate pairs (``candidate_pairs``, or every pair with ``all_pairs``) are scored with
    ``link_score`` under the batch's IDF weights and linked strongest first while the score clears
    ``LINK_THRESHOLD`` and the merged story's time span stays within ``MAX_EVENT_GAP_DAYS``.  Each
    story is named from its most telling member (``_cluster_name``), with a suffix when two
    clusters would share a name."""
    idx = [i for i, sf in enumerate(facts) if sf is not None]
    items = [facts[i] for i in idx]
    n = len(items)
    sigs = [sf.signature() for sf in items]
    df: dict = defaultdict(int)
    for s in sigs:
        for f in s.features:
            df[f] += 1
    idf = {f: math.log((1 + n) / (1 + c)) + 1.0 for f, c in df.items()}
    pairs = ((j, k) for k in range(n) for j in range(k)) if all_pairs else candidate_pairs(sigs, df)
    edges = []
    for j, k in pairs:
        score = link_score(items[j], items[k], idf)
        if score >= LINK_THRESHOLD:
            edges.append((-score, j, k))
    edges.sort()
    clusters = _Clusters([sf.when for sf in items])
    scores = {(j, k): -neg for neg, j, k in edges}
    for neg, j, k in edges:
        rj, rk = clusters.find(j), clusters.find(k)
        if rj == rk:
            continue
        if _average_link(clusters.members(rj), clusters.members(rk), items, scores, idf) >= AVERAGE_LINK:
            clusters.union(j, k)
    _merge_by_facts(clusters, items, scores, idf)
    members: dict[int, list[int]] = defaultdict(list)
    for k in range(n):
        members[clusters.find(k)].append(k)
    out: list[str | None] = [None] * len(facts)
    used: dict[str, int] = {}
    for root in sorted(members):
        name = _cluster_name([items[k] for k in members[root]])
        used[name] = used.get(name, 0) + 1
        if used[name] > 1:
            name = f"{name}~{used[name]}"
        for k in members[root]:
            out[idx[k]] = name
    return out


def _cluster_name(group: list[StoryFacts]) -> str:
    """The per-item key of the cluster's most telling member: a contact verification before an
    other verification before an unrelated item; among those the dated before the undated, the
    earliest first (input order breaks ties)."""
    rank = {CV: 0, OV: 1}

    def order(pair):
        k, sf = pair
        when = sf.when
        return (rank.get(sf.label, 2), when is None, when or dt.date.min, k)

    _, best = min(enumerate(group), key=order)
    if len(group) == 1 or best.label not in (CV, OV):
        return story_key(best)
    when = min((sf.when for sf in group if sf.label == best.label and sf.when), default=None)
    base = f"{best.label}/{best.platform or 'unknown'}/{core_channel(best)}"
    return f"{base}/{when.year}" if when else base
