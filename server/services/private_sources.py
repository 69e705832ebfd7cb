"""Who may make the server fetch loopback and private-network addresses (issue 12, item 8).

In a multi-user install any token holder could otherwise read local services (an admin panel on
127.0.0.1, a router, another container) through ``POST /sources/{id}/check``. So a source may
reach loopback / private ranges only when it is a shared (operator's) source, belongs to the
instance owner — the first user, the one ``sellerguard init`` creates — or when the setting
``ALLOW_PRIVATE_SOURCES`` (``SELLERGUARD_ALLOW_PRIVATE_SOURCES=1``) allows it for everyone.
The monitor applies the policy on every fetch and redirect hop (``FetchConfig.private_ok``);
the API also refuses such a URL when a source is saved, with a 422 naming ``url``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

from monitor import db as mdb
from monitor.config import MonitorConfig
from monitor.fetch import FetchConfig, NetworkError, PrivateAddress, guard_private
from server.errors import ValidationFailed


def owner_id(db) -> int | None:
    """The instance owner: the first user."""
    return db.scalar("SELECT MIN(id) FROM users")


def may_reach_private(db, settings: dict, user_id: int | None) -> bool:
    return bool(settings.get("ALLOW_PRIVATE_SOURCES")) or user_id is None \
        or user_id == owner_id(db)


def policy(database: str, settings: dict) -> Callable[[int | None], bool]:
    """``private_ok(owner)`` for the monitor's fetcher (its own short connection per call, so it
    works from the monitor's worker threads)."""
    if settings.get("ALLOW_PRIVATE_SOURCES"):
        return lambda _owner: True

    def private_ok(owner: int | None) -> bool:
        if owner is None:
            return True
        db = mdb.connect(database)
        try:
            return owner == owner_id(db)
        finally:
            db.close()

    return private_ok


def monitor_config(settings: dict, base: MonitorConfig | None = None) -> MonitorConfig:
    """The monitor's configuration with the server's private-network policy in its fetcher."""
    base = base or MonitorConfig()
    fetch: FetchConfig = replace(base.fetch, private_ok=policy(settings["DATABASE"], settings))
    return replace(base, fetch=fetch)


def check_url(db, settings: dict, user_id: int, url: str | None) -> None:
    """At save time. :raise ValidationFailed: (422, field ``url``) a non-owner's URL names a
    loopback/private host; a host that does not resolve now is checked again at fetch time."""
    if not url or may_reach_private(db, settings, user_id):
        return
    try:
        parts = urlsplit(url)
        guard_private(parts.hostname or "", parts.port)
    except PrivateAddress as exc:
        raise ValidationFailed(errors={"url": [str(exc)]}) from None
    except (NetworkError, ValueError):
        return
