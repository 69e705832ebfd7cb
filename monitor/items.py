"""Items: stable identity, cleaned text, language, stored once.

Identity is the feed's GUID, else the normalised link, else a hash of title and text. Some feeds
rotate their GUIDs (a timestamp or session in the id); every item therefore also carries a
``link_key`` (hash of normalised link + normalised title) and an entry matching an existing item
on either is the same item. Re-polling the same content changes nothing; changed content on a
known item updates it and queues it for analysis again (a policy may have gained a deadline).
"""
from __future__ import annotations

import hashlib
import html as html_lib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from monitor.sources.base import Entry
from monitor.store import insert, row, update

MAX_TEXT = 100_000
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ref_?|_ga|igshid|yclid|spm|"
    r"sessionid|sid|phpsessid|jsessionid)$", re.I)


def normalize_link(url: str | None) -> str | None:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters,
    sorted query, no trailing slash; ``http`` and ``https`` are the same link."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = re.sub(r";jsessionid=[^/?#]*", "", parts.path, flags=re.I) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMS.match(k)
    ))
    return urlunsplit(("https", netloc, path, query, ""))


def clean_text(content: str | None) -> str:
    """Plain text from HTML (scripts and styles dropped, entities decoded, whitespace folded)."""
    if not content:
        return ""
    if "<" in content and ">" in content:
        soup = BeautifulSoup(content, "lxml")
        for tag in soup(["script", "style", "noscript", "template", "iframe"]):
            tag.decompose()
        for br in soup.find_all(["br", "p", "div", "li", "h1", "h2", "h3", "h4", "tr"]):
            br.insert_after("\n")
        text = soup.get_text(" ")
    else:
        text = html_lib.unescape(content)
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n[ \n]*", "\n", text).strip()
    return text[:MAX_TEXT]


def _norm_title(title: str | None) -> str:
    return re.sub(r"\s+", " ", clean_text(title or "")).strip().casefold()


def content_hash(title: str | None, text: str) -> str:
    return hashlib.sha256(f"{_norm_title(title)}\n{text}".encode()).hexdigest()


def link_key(link: str | None, title: str | None) -> str | None:
    norm = normalize_link(link)
    if not norm:
        return None
    return hashlib.sha256(f"{norm}\n{_norm_title(title)}".encode()).hexdigest()[:32]


def identity(entry: Entry, text: str) -> str:
    if entry.guid and entry.guid.strip():
        return "guid:" + entry.guid.strip()[:500]
    norm = normalize_link(entry.link)
    if norm:
        return "link:" + norm
    return "hash:" + content_hash(entry.title, text)


# --- language ---------------------------------------------------------------------------------
# A small script + stop-word detector. The chosen dependencies have no language detector and the
# analysis needs only the broad language (it is multilingual anyway); a source's declared
# language always wins over this guess.

_STOPWORDS = {
    "en": "the and to of for you your will is are be on with this that from by as must",
    "de": "der die das und ist nicht sie ihr ihre mit für auf den dem des ein eine werden bis zum",
    "es": "el la los las de que y en para por con su sus una un se del al es debe",
    "fr": "le la les des et est une un pour que dans du vous votre sur avec au sont doit",
    "it": "il la le di che e per un una del della con sono gli nel al è deve",
    "pt": "o a os as de que e do da para com um uma em seu sua não são deve",
    "nl": "de het een en van is dat op te voor met zijn niet uw u wordt",
    "sv": "och att det som är en på för med av till har inte ett du ditt",
    "pl": "i w na z że się do nie jest dla to o od po jak",
    "tr": "ve bir bu için ile da de olarak gibi daha çok ya",
}
_STOP = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.U)


def detect_language(text: str) -> str | None:
    """ISO 639-1 guess from the script, then from stop words; None when unsure."""
    sample = text[:4000]
    counts = {"kana": 0, "han": 0, "hangul": 0, "arabic": 0, "cyrillic": 0, "devanagari": 0,
              "thai": 0, "latin": 0}
    for ch in sample:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF:
            counts["kana"] += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            counts["han"] += 1
        elif 0xAC00 <= o <= 0xD7AF:
            counts["hangul"] += 1
        elif 0x0600 <= o <= 0x06FF:
            counts["arabic"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["cyrillic"] += 1
        elif 0x0900 <= o <= 0x097F:
            counts["devanagari"] += 1
        elif 0x0E00 <= o <= 0x0E7F:
            counts["thai"] += 1
        elif ch.isalpha() and o < 0x0250:
            counts["latin"] += 1
    if counts["kana"] >= 3 and counts["kana"] * 10 >= counts["han"]:
        return "ja"
    if counts["han"] >= 5 and counts["han"] >= counts["latin"] / 4:
        return "zh"
    for script, lang in (("hangul", "ko"), ("arabic", "ar"), ("cyrillic", "ru"),
                         ("devanagari", "hi"), ("thai", "th")):
        if counts[script] >= 5 and counts[script] >= counts["latin"] / 2:
            return lang
    words = [w.casefold() for w in _WORD.findall(sample)]
    if len(words) < 3:
        return None
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOP.items()}
    best = max(scores, key=scores.get)
    if scores[best] < 2:
        return None
    return best


# --- storing ----------------------------------------------------------------------------------

def store_entries(db, source: dict, entries: list[Entry], now: str) -> tuple[list[int], int]:
    """Store new entries of ``source``; call inside a transaction. Returns (new item ids,
    number of known items whose content changed)."""
    new_ids: list[int] = []
    changed = 0
    for entry in entries:
        text = clean_text(entry.content)
        title = clean_text(entry.title)[:1000] or None
        if not title and not text:
            continue
        ident = identity(entry, text)
        lkey = link_key(entry.link, title)
        chash = content_hash(title, text)
        existing = row(
            db,
            "SELECT id, content_hash, identity FROM items WHERE source_id = ? AND "
            "(identity = ? OR (link_key IS NOT NULL AND link_key = ?)) ORDER BY id LIMIT 1",
            [source["id"], ident, lkey],
        )
        if existing:
            if existing["content_hash"] != chash and existing["identity"] == ident:
                update(db, "items", existing["id"], {
                    "title": title, "text": text, "content_hash": chash, "analyzed_at": None,
                    "url": entry.link, "published_at": entry.published,
                })
                changed += 1
            continue
        language = entry.language or source.get("language") or detect_language(
            f"{title or ''}\n{text}")
        item_id = insert(db, "items", {
            "source_id": source["id"], "identity": ident, "link_key": lkey,
            "guid": entry.guid, "url": entry.link, "title": title, "text": text,
            "author": entry.author, "language": language, "published_at": entry.published,
            "fetched_at": now, "content_hash": chash,
        }, or_ignore=True)
        if item_id:
            new_ids.append(item_id)
    return new_ids, changed
