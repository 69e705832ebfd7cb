"""Source kinds as small classes registered by ``__kind__`` (the urlwatch pattern).

A kind declares its required and optional settings, validates them once
(:meth:`SourceKind.validate`, raising :class:`SourceConfigError` with a clear message) and turns a
fetched :class:`~monitor.fetch.Response` into :class:`Entry` objects (:meth:`SourceKind.parse`).
A parse that cannot be trusted raises :class:`ParseError`; a selector that matched nothing raises
:class:`SelectorMatchedNothing` — a source fault, never "no news".

:func:`validate_source` normalises a whole source definition (the YAML/JSON/API shape of
DESIGN §3.1) into the column values of the ``sources`` table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

from monitor import marketplaces
from monitor.errors import MonitorError, SourceConfigError
from monitor.names import message, unsafe_characters

MIN_INTERVAL_S = 60
MAX_INTERVAL_S = 7 * 24 * 3600
DEFAULT_INTERVAL_S = 1800


class ParseError(MonitorError):
    """The body could not be read as this kind of source (malformed XML, not a feed …)."""

    state = "failing"


class SelectorMatchedNothing(ParseError):
    """A CSS selector matched nothing: the page changed shape, or the selector is wrong."""

    state = "empty_selector"


@dataclass
class Entry:
    """One announcement as read from a source, before identity and cleaning (see items.py)."""

    title: str | None = None
    link: str | None = None
    guid: str | None = None
    content: str = ""              # HTML or text
    author: str | None = None
    published: str | None = None   # ISO 8601 UTC or None
    language: str | None = None
    meta: dict | None = None       # what the kind knows beyond the item (a mail's verdict …)


REGISTRY: dict[str, type[SourceKind]] = {}


@dataclass
class Context:
    """What a kind may use to retrieve: the HTTP fetcher (shared, per-host locks) and the
    monitor's configuration. Kinds that do not speak HTTP use only their own settings."""

    fetcher: Any = None
    config: Any = None
    # called once the HTTP exchange is over, before parsing (the pipeline then lets the next
    # source of the same host go while this one is parsed); kinds that fetch more than once
    # or not at all never call it
    fetched: Any = None


class SourceKind:
    """Base of source kinds. Subclasses set ``__kind__`` and are registered automatically."""

    __kind__: ClassVar[str] = ""
    required: ClassVar[tuple[str, ...]] = ()
    optional: ClassVar[tuple[str, ...]] = ()
    accept: ClassVar[str] = "*/*"
    #: URL schemes a source of this kind may have
    schemes: ClassVar[tuple[str, ...]] = ("http", "https")
    #: settings that hold secrets: stored, never returned (masked) and never logged
    secret_settings: ClassVar[tuple[str, ...]] = ()
    #: one line for the API, CLI and manage page
    summary: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__kind__:
            REGISTRY[cls.__kind__] = cls

    def __init__(self, settings: dict, *, language: str | None = None,
                 source: dict | None = None) -> None:
        self.settings = settings
        self.language = language
        self.source = source or {}
        self.status: int | None = None   # the last retrieval's protocol status (HTTP code)
        self.warnings: list[str] = []    # the last retrieval's partial faults (source health)

    @classmethod
    def validate(cls, settings: dict) -> dict:
        """Check the kind's own settings; return them normalised."""
        settings = dict(settings or {})
        unknown = sorted(set(settings) - set(cls.required) - set(cls.optional))
        if unknown:
            raise SourceConfigError(
                f"{cls.__kind__} source: unknown setting(s) {', '.join(unknown)}; "
                f"allowed: {', '.join(cls.required + cls.optional) or 'none'}", field=unknown[0])
        missing = [k for k in cls.required if not settings.get(k)]
        if missing:
            raise SourceConfigError(
                f"{cls.__kind__} source: missing setting(s) {', '.join(missing)}", field=missing[0])
        return settings

    def parse(self, response: Any) -> list[Entry]:  # pragma: no cover - abstract
        raise NotImplementedError

    def retrieve(self, state: dict, context: Context) -> tuple[list[Entry], dict]:
        """Read what is new at the source: ``(entries, new state)`` (urlwatch's retrieve).

        ``state`` is what the previous successful retrieval returned (the pipeline stores it
        with the items, in one transaction). The default speaks HTTP through the shared fetcher
        with conditional requests and hands the response to :meth:`parse`; a fault raises a
        :class:`~monitor.errors.MonitorError` (its ``state`` names the source health).
        """
        resp = context.fetcher.fetch(self.source["url"], etag=state.get("etag"),
                                     last_modified=state.get("last_modified"),
                                     accept=self.accept, owner=self.source.get("user_id"))
        self.status = resp.status
        if context.fetched is not None:
            context.fetched()
        entries = self.parse(resp)
        return entries, {"etag": resp.etag, "last_modified": resp.last_modified}

    def store(self, db, source: dict, entries: list[Entry], now: str) -> None:
        """After the entries are stored (same transaction): keep what the kind knows about
        them beyond the item itself. Nothing by default."""

    @classmethod
    def public_settings(cls, settings: dict) -> dict:
        """Settings as shown to the user: secrets replaced by ``"****"`` when set."""
        return {k: ("****" if k in cls.secret_settings and v else v)
                for k, v in (settings or {}).items()}

    @classmethod
    def describe(cls) -> dict:
        return {"kind": cls.__kind__, "summary": cls.summary or (cls.__doc__ or "").strip()
                .splitlines()[0], "schemes": list(cls.schemes), "required": list(cls.required),
                "optional": list(cls.optional), "secrets": list(cls.secret_settings)}


def kinds() -> list[dict]:
    """Every registered kind, for the API, the CLI and the manage page."""
    return [REGISTRY[k].describe() for k in sorted(REGISTRY)]


def kind_class(kind: str) -> type[SourceKind]:
    try:
        return REGISTRY[kind]
    except KeyError:
        raise SourceConfigError(
            f"unknown source kind {kind!r}; known: {', '.join(sorted(REGISTRY))}", field="kind"
        ) from None


def build(source: dict) -> SourceKind:
    """The kind object for a ``sources`` row (settings already validated when stored)."""
    from monitor.store import loads

    settings = source.get("settings")
    if isinstance(settings, str):
        settings = loads(settings, {})
    return kind_class(source["kind"])(settings or {}, language=source.get("language"),
                                      source=source)


_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(value: Any) -> int:
    """``"30m"``, ``"1h"``, ``"1d"``, ``"90s"`` or a number of seconds → seconds."""
    if isinstance(value, bool):
        raise SourceConfigError("interval must be a duration like 30m", field="interval")
    if isinstance(value, (int, float)):
        seconds = int(value)
    else:
        m = _INTERVAL.match(str(value or ""))
        if not m:
            raise SourceConfigError(
                f"interval {value!r} is not a duration (use e.g. 90s, 30m, 1h, 1d)",
                field="interval")
        seconds = int(float(m.group(1)) * _UNIT[m.group(2).lower()])
    if not MIN_INTERVAL_S <= seconds <= MAX_INTERVAL_S:
        raise SourceConfigError(
            f"interval must be between {MIN_INTERVAL_S // 60} minute and "
            f"{MAX_INTERVAL_S // 86400} days", field="interval")
    return seconds


def format_interval(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


_FIELDS = {"name", "kind", "url", "language", "marketplaces", "interval", "official",
           "selectors", "author_filter", "enabled", "settings"}
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


def validate_source(data: dict, *, partial: bool = False, current: dict | None = None) -> dict:
    """Normalise a source definition into ``sources`` column values.

    ``partial`` (PATCH): only the given fields are checked, merged over ``current``.
    :raise SourceConfigError: with the offending field.
    """
    if not isinstance(data, dict):
        raise SourceConfigError("a source must be a mapping")
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise SourceConfigError(f"unknown field(s) {', '.join(unknown)}", field=unknown[0])
    merged: dict[str, Any] = {}
    if partial and current:
        from monitor.store import loads

        settings = loads(current["settings"], {}) if isinstance(current.get("settings"), str) \
            else dict(current.get("settings") or {})
        merged = {
            "name": current["name"], "kind": current["kind"], "url": current["url"],
            "language": current.get("language"),
            "marketplaces": loads(current["marketplaces"], [])
            if isinstance(current.get("marketplaces"), str) else current.get("marketplaces", []),
            "interval": current.get("interval_s", DEFAULT_INTERVAL_S),
            "official": bool(current.get("official")), "enabled": bool(current.get("enabled", 1)),
            "settings": settings,
        }
    current_settings = dict(merged.get("settings") or {})
    merged.update({k: v for k, v in data.items() if k not in ("selectors", "author_filter")})
    settings = dict(merged.pop("settings", None) or {})
    if partial and "settings" in data:
        kind_now = kind_class(str(merged.get("kind") or "").strip().lower()) \
            if merged.get("kind") in REGISTRY else None
        for key in (kind_now.secret_settings if kind_now else ()):
            # a secret is never sent back to the client, so a change that omits it (or sends
            # the mask) keeps the stored one
            if settings.get(key) in (None, "", "****") and current_settings.get(key):
                settings[key] = current_settings[key]
    if "selectors" in data:
        settings["selectors"] = data["selectors"]
    if "author_filter" in data:
        settings["author_filter"] = data["author_filter"]
    settings = {k: v for k, v in settings.items() if v is not None}

    name = str(merged.get("name") or "").strip()
    if not name or len(name) > 200:
        raise SourceConfigError("name is required (at most 200 characters)", field="name")
    if unsafe_characters(name):
        raise SourceConfigError(f"name {message(unsafe_characters(name))}", field="name")
    kind = str(merged.get("kind") or "").strip().lower()
    cls = kind_class(kind)
    url = str(merged.get("url") or "").strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
        valid = parts.scheme in cls.schemes and bool(parts.hostname) and len(url) <= 2000
    except ValueError:  # "http://[::1/", "http://host:99999/"
        valid = False
    if not valid:
        want = "an http(s) URL" if cls.schemes == ("http", "https") else \
            " or ".join(f"{s}://" for s in cls.schemes) + " URL"
        raise SourceConfigError(f"url must be {want}, got {url[:200]!r}", field="url")
    language = merged.get("language")
    if language in ("", None):
        language = None
    else:
        language = str(language).strip()
        if not _LANG.match(language):
            raise SourceConfigError(f"language {language!r} is not an ISO 639 code",
                                    field="language")
    mps = merged.get("marketplaces") or []
    if isinstance(mps, str):
        mps = [mps]
    if not isinstance(mps, list):
        raise SourceConfigError("marketplaces must be a list of codes", field="marketplaces")
    codes = []
    for code in mps:
        try:
            codes.append(marketplaces.get(str(code)).code)
        except marketplaces.UnknownMarketplace as exc:
            raise SourceConfigError(str(exc), field="marketplaces") from None
    interval = parse_interval(merged.get("interval", DEFAULT_INTERVAL_S))
    settings = cls.validate(settings)
    return {
        "name": name, "kind": kind, "url": url, "language": language,
        "marketplaces": sorted(dict.fromkeys(codes)), "interval_s": interval,
        "official": bool(merged.get("official", False)),
        "enabled": bool(merged.get("enabled", True)), "settings": settings,
    }
