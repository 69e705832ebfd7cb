"""Text cleaning, mojibake repair, sentence splitting and language detection.

Everything here is cheap and offline.  HTML goes through BeautifulSoup/lxml only when the text
looks like markup.  Mojibake repair is a tiny, conservative version of what ``ftfy`` does for the
one case seen in reposts (UTF-8 bytes decoded as Windows-1252/Latin-1): each run of suspicious
characters is re-encoded and decoded as UTF-8, and kept only when that succeeds.  We do not pull in
ftfy for this one case.  Language detection is script-based (kana -> ja, Han -> zh) plus a
stop-word vote among en/de/es/fr; it only decides the order of numeric dates and the language
shown in reasons, since the lexicon is matched in every language anyway.  A model-based detector
(py3langid) would add a dependency and a model file for no gain on these six languages.
"""

from __future__ import annotations

import html
import re
import unicodedata

MAX_INPUT_CHARS = 400_000  # raw text read at most (before HTML stripping)
MAX_TEXT_CHARS = 20_000  # cleaned text analysed at most

_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,500}>")
_DROP_BLOCKS_RE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_WS_RE = re.compile(r"[ \t\r\f\v\u00a0\u200b\u3000]+")
_CTRL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Windows-1252 / Latin-1 reverse map: character -> byte, for mojibake repair.
_CP1252_REVERSE: dict[str, int] = {}
for _b in range(256):
    try:
        _ch = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        _ch = chr(_b)
    _CP1252_REVERSE[_ch] = _b
_MOJI_CHARS = "".join(sorted(ch for ch, b in _CP1252_REVERSE.items() if b >= 0x80))
_MOJI_RUN_RE = re.compile("[" + re.escape(_MOJI_CHARS) + "]{2,}")
_MOJI_HINT_RE = re.compile("[ÃÂâäåæçèéïðÐÑ][" + re.escape(_MOJI_CHARS) + "]")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-cp1252 damage, run by run; leave anything else untouched."""
    if not _MOJI_HINT_RE.search(text):
        return text

    def fix(m: re.Match[str]) -> str:
        run = m.group(0)
        try:
            fixed = bytes(_CP1252_REVERSE[c] for c in run).decode("utf-8")
        except (UnicodeDecodeError, KeyError):
            return run
        return fixed

    return _MOJI_RUN_RE.sub(fix, text)


def strip_html(text: str) -> str:
    """Markup to plain text; block elements become line breaks."""
    if not _TAG_RE.search(text):
        return html.unescape(text) if "&" in text else text
    text = _DROP_BLOCKS_RE.sub(" ", text)
    try:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(text, "lxml")
        for bad in soup(["script", "style", "noscript", "template", "iframe", "object"]):
            bad.decompose()
        for br in soup.find_all(["br", "p", "div", "li", "h1", "h2", "h3", "h4", "tr"]):
            br.insert_after("\n")
        return soup.get_text(" ")
    except Exception:  # pragma: no cover - bs4/lxml missing or hostile markup
        return html.unescape(_TAG_RE.sub(" ", text))


def clean(text: object, limit: int = MAX_TEXT_CHARS) -> str:
    """Any value to clean, normalised, bounded plain text."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    text = text[:MAX_INPUT_CHARS]
    text = strip_html(text)
    text = repair_mojibake(text)
    text = unicodedata.normalize("NFKC", text)
    text = _CTRL_RE.sub(" ", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("＞", ">").replace("›", ">")
    text = _WS_RE.sub(" ", text)
    text = re.sub(r"\s*\n\s*", "\n", text)
    return text.strip()[:limit]


# Sentence boundaries: Latin punctuation followed by space and a capital/opening mark, CJK
# sentence punctuation, and line breaks.
_SENT_RE = re.compile(
    r"(?<=[.!?])\s+(?=[\"'“(¿¡A-ZÄÖÜÀÂÉÈÊÎÔÛÇÑ\u3000-\u9fff])|(?<=[。！？；!?])|\n+"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of a cleaned text."""
    spans = []
    start = 0
    for m in _SENT_RE.finditer(text):
        end = m.start()
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


_KANA_RE = re.compile(r"[\u3040-\u30ff]")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7af]")
_WORD_RE = re.compile(r"[a-zäöüßàâçéèêëîïôûùñáíóú']+", re.I)
_STOP = {
    "en": {"the", "and", "to", "of", "is", "are", "you", "your", "will", "with", "for", "that", "this", "sellers",
           "have", "must", "from", "on", "it", "not"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "sie", "ihre", "mit", "für", "ab", "dem", "den", "von", "wird",
           "müssen", "auf", "ein", "eine", "zu", "werden", "bei"},
    "es": {"el", "la", "los", "las", "de", "que", "y", "en", "para", "por", "con", "su", "sus", "una", "del", "se",
           "desde", "es", "al"},
    "fr": {"le", "la", "les", "de", "des", "et", "en", "pour", "que", "du", "une", "est", "vous", "votre", "leur",
           "sur", "au", "avec", "à", "d'un", "qui"},
}
SUPPORTED = ("en", "zh", "ja", "de", "es", "fr")


def detect_language(text: str, hint: object = None) -> str:
    """Best guess among en/zh/ja/de/es/fr (or 'ko'/'und'); the hint wins when the script agrees."""
    sample = text[:3000]
    kana = len(_KANA_RE.findall(sample))
    han = len(_HAN_RE.findall(sample))
    hangul = len(_HANGUL_RE.findall(sample))
    hint_s = str(hint).lower().split("-")[0].split("_")[0] if isinstance(hint, str) and hint else ""
    if kana >= 3 or (kana and han and kana * 10 >= han):
        return "ja"
    if han >= 5:
        return "zh" if hint_s != "ja" else "ja"
    if hangul >= 5:
        return "ko"
    words = [w.lower() for w in _WORD_RE.findall(sample)]
    if hint_s in ("en", "de", "es", "fr") and len(words) < 8:
        return hint_s
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOP.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        return hint_s if hint_s in SUPPORTED else "und"
    if hint_s in scores and scores[hint_s] >= 0.6 * scores[best]:
        return hint_s
    return best
