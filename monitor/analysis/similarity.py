"""Text signatures for story clustering: cheap, deterministic and mostly language-independent.

A signature is the set of an item's features:

* word features: words of three letters or more, cut to their first six letters (a crude stem:
  "verification"/"verified" and "Verifizierung"/"verifiziert" meet), from the title and the first
  ``MAX_CHARS`` characters of the text;
* CJK features: character bigrams of Han/Kana runs (Chinese and Japanese have no spaces);
* language-independent features, which a translation shares with its original: numbers of two
  digits or more (``#2025``, ``#24``), the policy's dates resolved against the publication
  (``@2025-01``), the platform (``!amazon``), the hosts of links in the text (``^example.com``) and
  Latin words inside CJK text (``OTP``, ``Seller Central``), which are word features already.

Sets of strings, compared with a weighted cosine (weights: the batch's IDF, or 1), cost one regex
pass per item and a set intersection per compared pair; no hashing scheme to keep stable across
processes (Python's ``hash`` is salted per process, so MinHash over it would not be deterministic).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field

MAX_CHARS = 3000
STEM = 6
BIGRAMS = False
FULL_DATES = True
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_CJK_BIGRAM = re.compile(f"(?=([{_CJK}]{{2}}))")
_WORD = re.compile(r"[^\W\d_]{3,}")
_NUMBER = re.compile(r"(?<![\d.])\d{2,4}(?![\d])")
_HOST = re.compile(r"https?://(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})", re.I)


@dataclass
class Signature:
    features: frozenset
    _norms: dict = field(default_factory=dict, repr=False, compare=False)

    def norm(self, idf: dict | None) -> float:
        key = id(idf)
        got = self._norms.get(key)
        if got is None:
            if idf is None:
                got = math.sqrt(len(self.features))
            else:
                got = math.sqrt(sum(idf.get(f, 1.0) ** 2 for f in self.features))
            self._norms = {key: got}  # one weighting at a time (the current batch)
        return got

    def cosine(self, other: "Signature", idf: dict | None = None) -> float:
        if not self.features or not other.features:
            return 0.0
        common = self.features & other.features
        if not common:
            return 0.0
        if idf is None:
            dot = float(len(common))
        else:
            dot = sum(idf.get(f, 1.0) ** 2 for f in common)
        return dot / (self.norm(idf) * other.norm(idf))


def signature(title: str, text: str, *, platform: str | None = None, url: str = "",
              dates: list[dt.date] | tuple = (), years_known: bool = True) -> Signature:
    raw = f"{title or ''}\n{(text or '')[:MAX_CHARS]}"
    if not raw.isascii():
        raw = unicodedata.normalize("NFKC", raw)
    raw = raw.lower()
    feats: set[str] = set()
    if raw.isascii():
        latin = raw
    else:
        feats.update(_CJK_BIGRAM.findall(raw))
        latin = _CJK_RUN.sub(" ", raw)
    words = [w[:STEM] for w in _WORD.findall(latin)]
    feats.update(words)
    if BIGRAMS:
        feats.update(a + " " + b for a, b in zip(words, words[1:]))
    feats.update("#" + n.lstrip("0") for n in _NUMBER.findall(latin))
    feats.update("^" + h.lower() for h in _HOST.findall(raw))
    for d in dates:
        # the day of the year, which a translation or a repost without the year shares
        feats.add(f"@{d.month:02d}-{d.day:02d}")
        if years_known:
            feats.add(f"@{d.year}-{d.month:02d}")
            if FULL_DATES:
                feats.add(f"@{d.isoformat()}")
    if platform:
        feats.add("!" + platform)

    return Signature(frozenset(feats))
