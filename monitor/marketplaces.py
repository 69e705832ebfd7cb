"""The catalogue of Amazon marketplaces: codes, phone regions, Seller Central hosts, languages.

Data lives in ``monitor/data/marketplaces.json`` so it can be corrected without touching code.
``code`` is Amazon's own short name (``UK``, not ``GB``); ``region`` is the ISO 3166-1 alpha-2
region that ``phonenumbers`` expects (``GB`` for ``UK``). Several European marketplaces share the
unified host ``sellercentral-europe.amazon.com``, so :func:`by_host` returns a list.

    >>> get("uk").region
    'GB'
    >>> [m.code for m in by_host("sellercentral-japan.amazon.com")]
    ['JP']
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources

EU_UNIFIED_HOST = "sellercentral-europe.amazon.com"


class UnknownMarketplace(KeyError):
    """No marketplace has this code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return f"unknown marketplace {self.code!r}; known: {', '.join(codes())}"


@dataclass(frozen=True)
class Marketplace:
    code: str                 # Amazon's code: US, UK, DE, JP …
    name: str                 # English name of the country
    region: str               # ISO 3166-1 alpha-2 for phonenumbers (UK → GB)
    retail_domain: str        # amazon.de …
    hosts: tuple[str, ...]    # Seller Central hosts; hosts[0] is the marketplace's own
    languages: tuple[str, ...]  # main languages, ISO 639-1, most used first
    currency: str
    forum_url: str            # official Seller Forums landing page

    @property
    def host(self) -> str:
        """The marketplace's own Seller Central host."""
        return self.hosts[0]

    @property
    def seller_central_url(self) -> str:
        return f"https://{self.host}/"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["hosts"] = list(self.hosts)
        data["languages"] = list(self.languages)
        data["host"] = self.host
        return data


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, Marketplace]:
    raw = json.loads(
        resources.files("monitor").joinpath("data/marketplaces.json").read_text("utf-8")
    )
    out: dict[str, Marketplace] = {}
    for entry in raw["marketplaces"]:
        m = Marketplace(
            code=entry["code"],
            name=entry["name"],
            region=entry["region"],
            retail_domain=entry["retail_domain"],
            hosts=tuple(h.lower() for h in entry["hosts"]),
            languages=tuple(entry["languages"]),
            currency=entry["currency"],
            forum_url=entry["forum_url"],
        )
        out[m.code] = m
    return out


def all_marketplaces() -> list[Marketplace]:
    """Every known marketplace, in catalogue order."""
    return list(_catalogue().values())


def codes() -> list[str]:
    return list(_catalogue())


def get(code: str) -> Marketplace:
    """The marketplace with this code (case-insensitive; ``GB`` is accepted for ``UK``).

    :raise UnknownMarketplace: no such code.
    """
    key = (code or "").strip().upper()
    if key == "GB":
        key = "UK"
    try:
        return _catalogue()[key]
    except KeyError:
        raise UnknownMarketplace(code) from None


def is_known(code: str) -> bool:
    try:
        get(code)
    except UnknownMarketplace:
        return False
    return True


def by_host(host: str) -> list[Marketplace]:
    """Marketplaces served by a Seller Central host (port and case ignored).

    The unified European host answers with every marketplace reachable through it; an unknown
    host answers ``[]``.
    """
    h = (host or "").strip().lower().rstrip(".")
    if "://" in h:
        h = h.split("://", 1)[1]
    h = h.split("/", 1)[0].rsplit(":", 1)[0] if not h.startswith("[") else h
    return [m for m in _catalogue().values() if h in m.hosts]


def by_region(region: str) -> list[Marketplace]:
    """Marketplaces whose phone region is ``region`` (``GB`` → UK)."""
    r = (region or "").strip().upper()
    return [m for m in _catalogue().values() if m.region == r]


def seller_central_hosts() -> list[str]:
    """Every Seller Central host, each once (for the extension's host permissions)."""
    seen: dict[str, None] = {}
    for m in _catalogue().values():
        for h in m.hosts:
            seen.setdefault(h, None)
    return list(seen)
