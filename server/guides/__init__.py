"""Guides as data: the steps of each marketplace's own verification flow, in its languages.

``data/guide.json`` holds the structure of every guide (steps, the pages they apply to, the
controls they point at); ``data/lang-<code>.json`` holds one language's texts, the words Seller
Central itself shows (``ui``) and the phrases that tell whether a contact is verified. A guide is
assembled per marketplace from the catalogue (:mod:`monitor.marketplaces`): its Seller Central host,
its languages, its country calling code for the advice on non-local numbers.

    >>> get_guides("DE", "de")["guides"][0]["start_url"]
    'https://sellercentral.amazon.de/notifications/preferences'

Detection phrases always include English: sellers often run Seller Central in English on a
non-English marketplace.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

import phonenumbers

from monitor import marketplaces
from server.errors import NotFound, ValidationFailed

__all__ = ["get_guides", "languages", "version", "normalise_language"]

_LANG_RE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


def _read(name: str) -> dict:
    return json.loads(resources.files(__package__).joinpath("data", name).read_text("utf-8"))


@lru_cache(maxsize=1)
def _structure() -> dict:
    return _read("guide.json")


@lru_cache(maxsize=None)
def _texts(lang: str) -> dict:
    return _read(f"lang-{lang}.json")


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """Every language a guide is written in (``en``, ``de``, ``zh_CN`` …)."""
    names = resources.files(__package__).joinpath("data").iterdir()
    return tuple(sorted(p.name[5:-5] for p in names if p.name.startswith("lang-") and p.name.endswith(".json")))


def version() -> str:
    return _structure()["version"]


def normalise_language(lang: str | None) -> str | None:
    """``de-DE`` → ``de``, ``zh-CN``/``zh`` → ``zh_CN``; None when we have no such language.

    :raise ValidationFailed: ``lang`` is not a language tag at all.
    """
    if lang is None or lang == "":
        return None
    if not _LANG_RE.match(lang):
        raise ValidationFailed(errors={"lang": ["Not a language tag, e.g. en, de, zh-CN."]})
    parts = re.split(r"[_-]", lang)
    primary = parts[0].lower()
    if primary == "zh":
        return "zh_CN" if "zh_CN" in languages() else None
    return primary if primary in languages() else None


def _pick_language(market: marketplaces.Marketplace, requested: str | None) -> str:
    """The requested language if we have it, else the marketplace's first we have, else English."""
    lang = normalise_language(requested)
    if lang:
        return lang
    for candidate in market.languages:
        if candidate in languages():
            return candidate
    return _structure()["fallback_language"]


class _Blank(dict):
    """Leaves unknown ``{placeholders}`` as they are instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(text: str, values: dict) -> str:
    return text.format_map(_Blank(values))


def _unique(items) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _build(guide: dict, market: marketplaces.Marketplace, lang: str) -> dict:
    fallback = _structure()["fallback_language"]
    texts, base = _texts(lang), _texts(fallback)
    own = texts["guides"].get(guide["id"]) or base["guides"][guide["id"]]
    eng = base["guides"][guide["id"]]
    calling = phonenumbers.country_code_for_region(market.region)
    values = {
        "host": market.host,
        "marketplace": market.name,
        "calling_code": f"+{calling}" if calling else "",
    }

    def words(key: str) -> list[str]:
        # What Seller Central shows, in the page language and in English.
        return _unique(texts["ui"].get(key, []) + base["ui"].get(key, []))

    def step_text(step_id: str, field: str) -> str:
        entry = own["steps"].get(step_id) or eng["steps"][step_id]
        return _fill(entry[field], values)

    steps = []
    for step in guide["steps"]:
        target = step.get("target")
        steps.append({
            "id": step["id"],
            "title": step_text(step["id"], "title"),
            "body": step_text(step["id"], "body"),
            "page": {"path_prefixes": list(step["page"]["path_prefixes"])},
            "target": None if target is None else {
                "selectors": list(target.get("selectors", [])),
                "texts": words(target["text_key"]) if target.get("text_key") else [],
            },
        })
    detect_cfg = guide["detect"]
    detect = {
        "verified": _unique(own["detect"]["verified"] + eng["detect"]["verified"]),
        "unverified": _unique(own["detect"]["unverified"] + eng["detect"]["unverified"]),
        "page": {"path_prefixes": list(detect_cfg["page"]["path_prefixes"])},
        "section": {
            "selectors": list(detect_cfg["section"]["selectors"]),
            "texts": words(detect_cfg["section"]["text_key"]),
        },
    }
    trouble = own.get("troubleshooting") or {}
    return {
        "id": guide["id"],
        "title": _fill(own["title"], values),
        "summary": _fill(own["summary"], values),
        "start_url": f"https://{market.host}{guide['start_path']}",
        "steps": steps,
        "detect": detect,
        "troubleshooting": [
            {"case": case, "text": _fill(trouble.get(case) or eng["troubleshooting"][case], values)}
            for case in guide["troubleshooting"]
        ],
    }


def get_guides(marketplace_code: str, lang: str | None = None) -> dict:
    """Every guide for one marketplace in one language (the ``GET /guides`` answer).

    :raise NotFound: no marketplace has this code.
    :raise ValidationFailed: ``lang`` is not a language tag.
    """
    if not marketplace_code:
        raise ValidationFailed(errors={"marketplace": ["Give a marketplace code, e.g. US, DE, JP."]})
    try:
        market = marketplaces.get(marketplace_code)
    except marketplaces.UnknownMarketplace:
        raise NotFound(
            "No such marketplace.",
            detail=f"Unknown marketplace {marketplace_code!r}; known: {', '.join(marketplaces.codes())}.",
        ) from None
    chosen = _pick_language(market, lang)
    structure = _structure()
    return {
        "marketplace": market.code,
        "version": structure["version"],
        "language": chosen,
        "languages": [lg for lg in _unique([*market.languages, "en"]) if lg in languages()],
        "host": market.host,
        "hosts": list(market.hosts),
        "guides": [_build(g, market, chosen) for g in structure["guides"]],
    }
