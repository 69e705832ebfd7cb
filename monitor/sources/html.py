"""``html`` sources: a list page read through per-source CSS selectors."""
from __future__ import annotations

from datetime import UTC
from urllib.parse import urljoin

import soupsieve
from bs4 import BeautifulSoup

from monitor import parse_budget
from monitor.db import iso
from monitor.errors import SourceConfigError
from monitor.sources.base import Entry, SelectorMatchedNothing, SourceKind

SELECTOR_FIELDS = ("item", "title", "link", "date", "author", "text")


def _split(selector: str) -> tuple[str, str | None]:
    """``"time@datetime"`` → (``"time"``, ``"datetime"``); the attribute part is optional."""
    if "@" in selector:
        css, attr = selector.rsplit("@", 1)
        if attr and all(ch.isalnum() or ch in "-_:" for ch in attr):
            return css.strip(), attr
    return selector.strip(), None


class HtmlSource(SourceKind):
    """A page listing announcements, read with CSS selectors.

    Settings:
      ``selectors`` (required): ``item`` (each announcement's element, required), and relative to
      it ``title``, ``link`` (default: the first ``a[href]``), ``date``, ``author``, ``text``.
      ``css@attr`` reads an attribute instead of the text (``time@datetime``, ``a@href``).
      ``author_filter`` (optional): a name or a list of names; only items whose author is one of
      them are kept (``News_Amazon`` for Amazon's official forum posts).

    An ``item`` selector that matches nothing, or a ``title``/``link`` selector that matches in no
    item, raises :class:`SelectorMatchedNothing`.
    """

    __kind__ = "html"
    required = ("selectors",)
    optional = ("author_filter",)
    accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"

    @classmethod
    def validate(cls, settings: dict) -> dict:
        settings = super().validate(settings)
        sel = settings["selectors"]
        if not isinstance(sel, dict):
            raise SourceConfigError("html source: selectors must be a mapping", field="selectors")
        unknown = sorted(set(sel) - set(SELECTOR_FIELDS))
        if unknown:
            raise SourceConfigError(
                f"html source: unknown selector(s) {', '.join(unknown)}; "
                f"allowed: {', '.join(SELECTOR_FIELDS)}", field="selectors")
        if not sel.get("item"):
            raise SourceConfigError("html source: selectors.item is required", field="selectors")
        clean = {}
        for key, value in sel.items():
            if value in (None, ""):
                continue
            if not isinstance(value, str):
                raise SourceConfigError(f"html source: selectors.{key} must be a string",
                                        field="selectors")
            css, _ = _split(value)
            try:
                soupsieve.compile(css)
            except soupsieve.SelectorSyntaxError as exc:
                raise SourceConfigError(
                    f"html source: selectors.{key} {value!r} is not valid CSS: "
                    f"{str(exc).splitlines()[0]}", field="selectors") from None
            clean[key] = value
        out = {"selectors": clean}
        authors = settings.get("author_filter")
        if authors:
            if isinstance(authors, str):
                authors = [authors]
            if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
                raise SourceConfigError("html source: author_filter must be a name or a list",
                                        field="author_filter")
            if not clean.get("author"):
                raise SourceConfigError(
                    "html source: author_filter needs selectors.author", field="author_filter")
            out["author_filter"] = [a.strip() for a in authors if a.strip()]
        return out

    def parse(self, response) -> list[Entry]:
        sel = self.settings["selectors"]
        charset = None
        ctype = response.headers.get("content-type", "")
        if "charset=" in ctype.lower():
            charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'") or None
        budget = parse_budget.budget()  # elements, nesting and time: over it, a source fault
        budget.check_bytes(response.body)
        soup = BeautifulSoup(response.body, "lxml", from_encoding=charset)
        budget.check_tree(soup)
        base = response.url
        base_tag = soup.find("base", href=True)
        if base_tag:
            base = urljoin(base, base_tag["href"])
        nodes = soup.select(sel["item"])
        if not nodes:
            raise SelectorMatchedNothing(f"selector item {sel['item']!r} matched nothing")
        wanted = {a.casefold() for a in self.settings.get("author_filter", [])}
        found = {"title": 0, "link": 0}
        out: list[Entry] = []
        for node in nodes:
            budget.tick()
            link = self._value(node, sel.get("link") or "a[href]@href", default_attr="href")
            title = self._value(node, sel["title"]) if sel.get("title") else None
            found["title"] += bool(title)
            if title is None and sel.get("link"):
                title = self._value(node, _split(sel["link"])[0])
            if title is None:
                title = self._value(node, "a[href]")
            found["link"] += bool(link)
            author = self._value(node, sel["author"]) if sel.get("author") else None
            if wanted and (author or "").strip().casefold() not in wanted:
                continue
            text = self._value(node, sel["text"]) if sel.get("text") else None
            date_raw = self._value(node, sel["date"], default_attr="datetime") \
                if sel.get("date") else None
            out.append(Entry(
                title=title,
                link=urljoin(base, link) if link else None,
                guid=None,
                content=text or "",
                author=author,
                published=self._date(date_raw),
                language=self.language,
            ))
        for key in ("title", "link"):
            if sel.get(key) and not found[key]:
                raise SelectorMatchedNothing(
                    f"selector {key} {sel[key]!r} matched nothing in {len(nodes)} item(s)")
        return out

    @staticmethod
    def _value(node, selector: str, default_attr: str | None = None) -> str | None:
        css, attr = _split(selector)
        el = node if css in ("", ":scope") else node.select_one(css)
        if el is None:
            return None
        if attr:
            value = el.get(attr)
        elif default_attr and el.get(default_attr):
            value = el.get(default_attr)
        else:
            value = el.get_text(" ", strip=True)
        if isinstance(value, list):
            value = " ".join(value)
        value = (value or "").strip()
        return value or None

    def _date(self, raw: str | None) -> str | None:
        if not raw:
            return None
        import dateparser  # slow to import; only html sources need it

        settings = {"RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC",
                    "PREFER_DATES_FROM": "past"}
        langs = [self.language] if self.language else None
        try:
            when = dateparser.parse(raw, languages=langs, settings=settings) \
                or dateparser.parse(raw, settings=settings)
        except Exception:  # dateparser raises assorted errors on odd input
            return None
        return iso(when.astimezone(UTC)) if when else None
