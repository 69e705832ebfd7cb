"""Which concept regexes can match a text at all, decided without running them.

Every concept regex (``lexicon.concept_regex``) is an alternation of fragments; a match of a
fragment starts with one of a few fixed strings (``verif\\w*`` starts with ``verif``,
``(?:e-?mail|mail)`` with ``e-mail``, ``email`` or ``mail``).  Those leading strings are read from
each fragment's parse tree once, case-folded the way ``re.IGNORECASE`` compares characters, and cut
to ``K`` characters.  For a text, the leading ``1..K`` characters of each word (where a Latin
fragment can start: after no Latin word character) and the set of its characters (for the CJK
fragments, which start anywhere) are collected once; a concept none of whose leading strings is
there cannot match and its regex is not run.  The test is conservative: a concept whose fragments
cannot be read this way is always run, and a text holding a character whose case folding moves it
across the word-character boundary is scanned with every regex.  The result is the same hits as
running all regexes, only faster.

``concept_hits`` goes one step further: a concept's regex is not run over the whole text but only
tried (``match``) at the places where one of its leading strings that the text holds occurs.
``LiteralScan`` does the same for any regex whose leading strings can be read (the platform and
marketplace regexes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import _sre

from . import lexicon

try:  # Python >= 3.11
    from re import _casefix, _constants as C, _parser as P
    _EXTRA = _casefix._EXTRA_CASES
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]
    _EXTRA = {}

K = 6  # leading characters compared
_MAX_ALTS = 64
_W_CHARS = "0-9A-Za-z_\u00c0-\u024f"
_W = re.compile(f"[{_W_CHARS}]")
_ASCII_W = re.compile(r"[0-9a-z_]")


def _fold_code(code: int) -> int:
    """The representative of the characters ``re.IGNORECASE`` treats as equal to ``code``."""
    lo = _sre.unicode_tolower(code)
    return min((lo, *_EXTRA.get(lo, ())))


class _FoldTable(dict):
    """str.translate table (filled on demand): character -> its case-fold representative.  Keeps
    the characters whose folding changes whether they are Latin word characters in ``moved``."""

    def __init__(self) -> None:
        super().__init__()
        self.moved: set[str] = set()

    def __missing__(self, code: int) -> int:
        f = _fold_code(code)
        if bool(_W.match(chr(code))) != bool(_W.match(chr(f))):
            self.moved.add(chr(code))
        self[code] = f
        return f


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """``text`` with each character replaced by its case-fold representative (same length)."""
    if text.isascii():
        return text.lower()  # for ASCII letters the representative is the lower-case letter
    return text.translate(_TABLE)


def _fold_str(s: str) -> str:
    return "".join(chr(_fold_code(ord(ch))) for ch in s)


def _leading(items) -> tuple[set[str] | None, bool]:
    """(strings a match of ``items`` starts with, cut to K characters; whether each is a whole
    match or a K-character prefix, so that what follows may be appended).  A set holding "" means a
    match can start with anything."""
    cur = {""}
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width: ignoring it only lets more through
        if op is C.LITERAL:
            nxt, exact = {s + _fold_str(chr(av)) for s in cur}, True
        elif op is C.IN:
            chars = []
            for o, a in av:
                if o is C.LITERAL:
                    chars.append(_fold_str(chr(a)))
                elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
                    chars.extend("0123456789")  # texts with other digits are scanned in full (TextKeys)
                else:
                    return cur, False
            if len(chars) > 12:
                return cur, False
            nxt, exact = {s + ch for s in cur for ch in chars}, True
        elif op is C.SUBPATTERN:
            sub, exact = _leading(av[-1])
            if sub is None:
                return cur, False
            nxt = {s + t for s in cur for t in sub}
        elif op is C.BRANCH:
            subs = [_leading(alt) for alt in av[1]]
            if any(s is None for s, _ in subs):
                return cur, False
            nxt = {s + t for s in cur for sub, _ in subs for t in sub}
            exact = all(e for _, e in subs)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            lo, hi, body = av
            sub, e = _leading(body)
            if lo == 0 and hi == 1 and sub is not None and e:
                nxt, exact = cur | {s + t for s in cur for t in sub}, True  # an optional fixed string
                if len(nxt) > _MAX_ALTS:
                    return cur, False
                cur = {s[:K] for s in nxt}
                continue
            if lo == 0:
                return cur, False
            if sub is None:
                return cur, False
            nxt = {s + t for s in cur for t in sub}
            exact = e and lo == hi == 1
        else:
            return cur, False
        if len(nxt) > _MAX_ALTS:
            return cur, False
        # a string cut to K characters stays a valid prefix whatever is appended (it is cut again)
        cur = {s[:K] for s in nxt}
        if not exact:
            return cur, False
        if all(len(s) >= K for s in cur):
            return cur, True  # nothing appended changes a cut string
    return cur, True


@dataclass(frozen=True)
class Needles:
    words: frozenset[str]   # leading strings that start with an ASCII word character (word starts)
    chars: frozenset[str]   # first characters of bare (CJK) fragments
    others: tuple[str, ...]  # leading strings tested as substrings
    always: bool            # some fragment can start with anything: always run the regex


def _needles(concept: str) -> Needles:
    words: set[str] = set()
    chars: set[str] = set()
    others: set[str] = set()
    for lang, frags in lexicon.CONCEPTS[concept].items():
        for frag in frags:
            bounded = lang in lexicon.LATIN_LANGS or frag.isascii()
            try:
                lead, _ = _leading(P.parse(frag, re.IGNORECASE))
            except (re.error, RecursionError, TypeError, ValueError):
                return Needles(frozenset(), frozenset(), (), True)
            if lead is None or "" in lead:
                return Needles(frozenset(), frozenset(), (), True)
            for s in lead:
                if not bounded:
                    chars.add(s[0])
                elif _ASCII_W.match(s[0]):
                    words.add(s)
                else:
                    others.add(s)
    return Needles(frozenset(words), frozenset(chars), tuple(sorted(others)), False)


_NEEDLES: dict[str, Needles] = {}


def needles(concept: str) -> Needles:
    n = _NEEDLES.get(concept)
    if n is None:
        n = _NEEDLES[concept] = _needles(concept)
    return n


# \d also matches digits of other scripts; the needles list only 0-9
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
_WORD_START = re.compile(f"(?<![{_W_CHARS}])(?=([{_W_CHARS}][\\s\\S]{{0,{K - 1}}}))")


class TextKeys:
    """What of one text the needles are compared with."""

    __slots__ = ("folded", "prefixes", "chars", "exact")

    def __init__(self, text: str) -> None:
        self.folded = fold(text)
        # a character whose folding moved it across the word boundary: test nothing, run everything
        self.exact = (bool(_TABLE.moved) and not _TABLE.moved.isdisjoint(text)) or (
            not text.isascii() and _OTHER_DIGIT.search(text) is not None)
        wins = _WORD_START.findall(self.folded)
        self.prefixes = {w[:n] for w in set(wins) for n in range(1, len(w) + 1)}
        self.chars = set(self.folded)

    def may_match(self, concept: str) -> bool:
        if self.exact:
            return True
        n = needles(concept)
        if n.always:
            return True
        if not self.prefixes.isdisjoint(n.words) or not self.chars.isdisjoint(n.chars):
            return True
        f = self.folded
        return any(s in f for s in n.others)


def _buckets(frag_lists: list[tuple[str, list[str]]], suffix: str) -> str | None:
    """One branch per possible first character (``(?=c)`` then, in their order, the fragments that
    can start with c, in a named group per language): at any position only the branch of its
    character can match, and it tries the same fragments in the same order as the plain
    alternation, so the matches are the same; the scanner just skips the fragments that cannot
    start there.  None when a fragment can start with anything."""
    order: list[str] = []
    per_char: dict[str, list[tuple[str, str]]] = {}
    for lang, frags in frag_lists:
        for frag in frags:
            try:
                lead, _ = _leading(P.parse(frag, re.IGNORECASE))
            except (re.error, RecursionError, TypeError, ValueError):
                return None
            if lead is None or "" in lead:
                return None
            for ch in sorted({s[0] for s in lead}):
                if ch not in per_char:
                    order.append(ch)
                    per_char[ch] = []
                per_char[ch].append((lang, frag))
    branches = []
    for i, ch in enumerate(order):
        groups: list[tuple[str, list[str]]] = []
        for lang, frag in per_char[ch]:
            if groups and groups[-1][0] == lang:
                groups[-1][1].append(frag)
            else:
                groups.append((lang, [frag]))
        body = "|".join(f"(?P<{lang}_{suffix}{i}_{j}>{'|'.join(fs)})" for j, (lang, fs) in enumerate(groups))
        branches.append(f"(?={re.escape(ch)})(?:{body})")
    return "|".join(branches)


_DISPATCH: dict[str, re.Pattern[str]] = {}


def dispatch_regex(concept: str) -> re.Pattern[str]:
    """The concept's regex (``lexicon.concept_regex``) rewritten to branch on the first character;
    same matches, same ``group_lang(m.lastgroup)``.  The plain regex where that cannot be done."""
    rx = _DISPATCH.get(concept)
    if rx is not None:
        return rx
    bounded, bare = [], []
    for lang, frags in lexicon.CONCEPTS[concept].items():
        b = [f for f in frags if lang in lexicon.LATIN_LANGS or f.isascii()]
        x = [f for f in frags if f not in b]
        if b:
            bounded.append((lang, b))
        if x:
            bare.append((lang, x))
    parts = []
    src_b = _buckets(bounded, "b") if bounded else ""
    src_x = _buckets(bare, "x") if bare else ""
    latin_only = None
    if src_b is None or src_x is None:
        rx = lexicon.concept_regex(concept)
    else:
        if src_b:
            parts.append(lexicon.LB + lexicon.guard(src_b) + lexicon.RB)
            if src_x:
                latin_only = re.compile(parts[0], re.IGNORECASE)
        if src_x:
            parts.append(lexicon.guard(src_x))
        rx = re.compile("|".join(parts), re.IGNORECASE)
    _DISPATCH[concept] = rx
    _LATIN_ONLY[concept] = latin_only
    return rx


_LATIN_ONLY: dict[str, re.Pattern[str] | None] = {}


def latin_only_regex(concept: str) -> re.Pattern[str] | None:
    """The dispatch regex without its CJK (bare) branch, for texts where that branch cannot match
    (none of its first characters occurs): the bare branch is tried only where the Latin one
    failed, so leaving out a branch that never matches changes no match."""
    dispatch_regex(concept)
    return _LATIN_ONLY[concept]


_PLAN: list[tuple] | None = None


def _plan_table() -> list[tuple]:
    global _PLAN
    if _PLAN is None:
        rows = []
        for concept in lexicon.CONCEPTS:
            n = needles(concept)
            rows.append((concept, n.words, n.chars, n.others, n.always, dispatch_regex(concept),
                         latin_only_regex(concept)))
        _PLAN = rows
    return _PLAN


def _zero_width(item) -> bool:
    """An assertion, or a group of assertions only (``(?-i:(?=[...]))``)."""
    op, av = item
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return True
    return op is C.SUBPATTERN and bool(av[-1]) and all(_zero_width(it) for it in av[-1])


def _alternatives(items) -> list:
    """The top-level alternatives of a parsed pattern: through zero-width assertions around them (a
    ``lexicon.guard`` lookahead, ``lexicon.LB`` / ``RB``), groups and alternations; each
    alternative is a sequence."""
    items = [it for it in items if not _zero_width(it)]  # leaving them out only lets more through
    if len(items) == 1:
        op, av = items[0]
        if op is C.SUBPATTERN:
            return _alternatives(av[-1])
        if op is C.BRANCH:
            return [alt for branch in av[1] for alt in _alternatives(branch)]
    return [items]


def leading_strings(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """The case-folded strings (at most ``K`` characters) a match of ``pattern`` starts with, one of
    them at least; None when some alternative can start with anything (or cannot be read)."""
    try:
        alts = _alternatives(P.parse(pattern, flags))
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    out: set[str] = set()
    for alt in alts:
        lead, _ = _leading(alt)
        if lead is None or "" in lead:
            return None
        out |= lead
    return frozenset(out)


def exact_only(text: str) -> bool:
    """True for a text the leading strings cannot be looked up in: it holds a character whose case
    folding moves it across the Latin word boundary, or digits of another script (``\\d``)."""
    if text.isascii():
        return False
    fold(text)  # fills the fold table for the characters of this text
    return (bool(_TABLE.moved) and not _TABLE.moved.isdisjoint(text)) or _OTHER_DIGIT.search(text) is not None


def _trie_source(strings) -> str:
    """A regex (no flags) matching exactly ``strings``, none of which starts another, as a trie:
    one branch per first character, so the scanner skips the other positions quickly."""
    tree: dict = {}
    for s in strings:
        node = tree
        for ch in s:
            node = node.setdefault(ch, {})

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")" if alts else ""

    return emit(tree)


class LiteralScan:
    """``rx.finditer`` that tries the regex only where one of its leading strings occurs.

    Every match of ``rx`` starts with one of ``leading_strings(rx.pattern)``; the places where one
    of them occurs in the case-folded text (same length, same positions) are found by one
    flag-less regex of those strings, and ``rx.match`` is tried at those places in order, from the
    end of the previous match on, which is what ``finditer`` does at every position (look-behinds
    still see the text before the position).  No leading string is empty, so no match is: the
    matches are the same, only the positions where none can start are not tried.  A regex whose
    leading strings cannot be read, or a text where the look-up is not exact (``exact_only``), is
    scanned with ``rx.finditer`` itself."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        lead = leading_strings(rx.pattern, rx.flags & ~re.UNICODE)
        # a string that another one starts is not looked up: its places are among the other's
        self.starts = None if lead is None else re.compile(_trie_source(
            s for s in sorted(lead) if not any(s != t and s.startswith(t) for t in lead)))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, *, folded: str | None = None,
                 exact: bool | None = None):
        """``rx.finditer(text, pos, endpos)``; ``folded`` and ``exact`` (``fold(text)``,
        ``exact_only(text)``) may be given when the caller has them already."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if self.starts is None or (exact_only(text) if exact is None else exact):
            yield from self.rx.finditer(text, pos, end)
            return
        f = fold(text) if folded is None else folded
        search, match = self.starts.search, self.rx.match
        i = pos
        while True:
            c = search(f, i, end)
            if c is None:
                return
            p = c.start()
            m = match(text, p, end)
            if m is None:
                i = p + 1
            else:
                yield m
                i = m.end()


_SCANS: dict[re.Pattern[str], LiteralScan] = {}


def literal_scan(rx: re.Pattern[str]) -> LiteralScan:
    """The ``LiteralScan`` of ``rx``, built once."""
    s = _SCANS.get(rx)
    if s is None:
        s = _SCANS[rx] = LiteralScan(rx)
    return s


def concept_hits(keys: TextKeys, text: str) -> list[tuple[str, list[re.Match[str]]]]:
    """(concept, its matches in ``text``) for every concept, in ``lexicon.CONCEPTS`` order: the
    matches of ``lexicon.concept_regex(concept).finditer(text)`` (``keys`` is ``TextKeys(text)``).

    Instead of running a regex over the whole text, the regex is only tried where a match can
    start: at the places of the concept's leading strings that the text holds (the word prefixes,
    CJK first characters and other strings ``TextKeys.may_match`` compares), in order, from the end
    of the previous match on, as ``LiteralScan`` does.  A concept that can start with anything, and
    every concept of a text that is scanned exactly (``keys.exact``), runs ``finditer``."""
    if keys.exact:
        return [(concept, list(lexicon.concept_regex(concept).finditer(text))) for concept in lexicon.CONCEPTS]
    out: list[tuple[str, list[re.Match[str]]]] = []
    prefixes, chars, folded = keys.prefixes, keys.chars, keys.folded
    for concept, words, first, others, always, rx, latin in _plan_table():
        if always:
            out.append((concept, list(rx.finditer(text))))
            continue
        cjk = chars & first
        at_word = prefixes & words
        present = [*cjk, *(s for s in others if s in folded)]
        if not present and not at_word:
            out.append((concept, []))
            continue
        if not cjk and latin is not None:
            rx = latin
        starts = set()
        for s in present:
            i = folded.find(s)
            while i >= 0:
                starts.add(i)
                i = folded.find(s, i + 1)
        # a word prefix can only start a match where a word starts (after no Latin word character):
        # "e" of "e-mail" is not looked for inside every word
        w_match = _W.match
        for s in at_word:
            i = folded.find(s)
            while i >= 0:
                if i == 0 or not w_match(folded, i - 1):
                    starts.add(i)
                i = folded.find(s, i + 1)
        matches = []
        nxt = 0
        match = rx.match
        for p in sorted(starts):
            if p >= nxt:
                m = match(text, p)
                if m is not None:
                    matches.append(m)
                    nxt = m.end()
        out.append((concept, matches))
    return out
