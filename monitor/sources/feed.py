"""``feed`` sources: RSS 0.9x/1.0 (RDF)/2.0, Atom and JSON Feed."""
from __future__ import annotations

import calendar
import json
from datetime import UTC, datetime

import feedparser

from monitor.db import iso
from monitor.sources.base import Entry, ParseError, SourceKind


def _iso_struct(value) -> str | None:
    if not value:
        return None
    try:
        return iso(datetime.fromtimestamp(calendar.timegm(value), UTC))
    except (OverflowError, ValueError, TypeError):
        return None


class FeedSource(SourceKind):
    """An RSS, Atom, RDF or JSON Feed document.

    No settings of its own. Parsed with feedparser from the fetched bytes and the response headers
    (so the declared charset is honoured); feedparser never fetches. A document with no entries
    that feedparser flags as malformed is a :class:`ParseError`; a well-formed empty feed is "no
    news". JSON Feed is read here because feedparser 6 does not read it.
    """

    __kind__ = "feed"
    optional = ()
    accept = ("application/rss+xml, application/atom+xml, application/feed+json, "
              "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")

    def parse(self, response) -> list[Entry]:
        body: bytes = response.body
        ctype = response.headers.get("content-type", "").lower()
        if "json" in ctype or body.lstrip()[:1] == b"{":
            return self._json_feed(body)
        parsed = feedparser.parse(body, response_headers=response.headers,
                                  sanitize_html=False, resolve_relative_uris=True)
        usable = [e for e in parsed.entries if e.get("title") or e.get("link")]
        if parsed.bozo and not usable:
            # feedparser's loose parser recovers slightly broken feeds (kept), but from truly
            # broken XML it returns empty shells: that is a fault of the source, not "no news"
            raise ParseError(f"malformed feed: {parsed.get('bozo_exception')}")
        if not parsed.entries and not parsed.get("version"):
            raise ParseError("not a feed (no RSS, Atom or RDF root element)")
        lang = (parsed.feed.get("language") or "").split("-")[0].lower() or None
        out = []
        for e in usable:
            content = ""
            if e.get("content"):
                content = "\n".join(c.get("value", "") for c in e.content)
            content = content or e.get("summary", "") or ""
            out.append(Entry(
                title=e.get("title"),
                link=e.get("link"),
                guid=e.get("id") or e.get("guid"),
                content=content,
                author=e.get("author"),
                published=_iso_struct(e.get("published_parsed") or e.get("updated_parsed")),
                language=(e.get("language") or lang),
            ))
        return out

    def _json_feed(self, body: bytes) -> list[Entry]:
        try:
            doc = json.loads(body.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ParseError(f"malformed JSON feed: {exc}") from None
        if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
            raise ParseError("not a JSON Feed (no jsonfeed.org version)")
        items = doc.get("items")
        if not isinstance(items, list):
            raise ParseError("JSON Feed without an items list")
        lang = (doc.get("language") or "").split("-")[0].lower() or None
        out = []
        for it in items:
            if not isinstance(it, dict):
                continue
            authors = it.get("authors") or ([it["author"]] if it.get("author") else [])
            published = it.get("date_published") or it.get("date_modified")
            try:
                published = iso(datetime.fromisoformat(published.replace("Z", "+00:00"))) \
                    if published else None
            except (ValueError, AttributeError):
                published = None
            out.append(Entry(
                title=it.get("title"),
                link=it.get("url") or it.get("external_url"),
                guid=str(it["id"]) if it.get("id") is not None else None,
                content=it.get("content_html") or it.get("content_text") or it.get("summary") or "",
                author=(authors[0] or {}).get("name") if authors else None,
                published=published,
                language=(it.get("language") or lang),
            ))
        return out
