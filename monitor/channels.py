"""A user's Apprise channels (alerts, SMS, email) and the one function that sends through them.

A channel is ``{id, user_id, name, url, purposes, created_at}``; the URL carries secrets, so reads
give :func:`masked_url` and only :func:`urls_for` (for the sender) returns the real one.
HTTP webhooks (``json://``, ``xml://``, ``form://``) get the delivery's idempotency key as an
``X-SellerGuard-Idempotency-Key`` header, so a receiver can drop a repeat after a crash between
"sent" and "recorded as sent".
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlsplit

import apprise

from monitor.db import iso, transaction, utcnow
from monitor.errors import ChannelError, NotFound
from monitor.fetch import ForbiddenAddress, NetworkError, guard_address
from monitor.names import message, unsafe_characters
from monitor.redact import redact_text, redact_url
from monitor.store import dumps, insert, loads, page, row, rows

# Apprise's own records (its DEBUG lines quote payloads and provider URLs with their keys) go only
# to the LogCapture of :func:`send`, never to the process's log; failures come back redacted in
# ``SendResult.error``.
logging.getLogger("apprise").propagate = False

PURPOSES = ("alerts", "sms", "email")
HEADER_SCHEMES = frozenset({"json", "jsons", "xml", "xmls", "form", "forms"})
IDEMPOTENCY_HEADER = "X-SellerGuard-Idempotency-Key"


@dataclass
class SendResult:
    ok: bool
    error: str | None = None


def masked_url(url: str) -> str:
    """The URL with its secrets hidden: Apprise's own privacy rendering, then
    :func:`monitor.redact.redact_url` for what that leaves in clear (webhook ``+Header`` values,
    ``-param`` and ``:field`` values, secret query parameters and token-like path segments)."""
    plugin = apprise.Apprise.instantiate(url, suppress_exceptions=True)
    if plugin is None:
        scheme = url.split("://", 1)[0] if "://" in url else "?"
        return f"{scheme}://****"
    return redact_url(plugin.url(privacy=True))


def _contacted_hosts(plugin) -> set[str]:
    """Every host name an Apprise plugin may connect to, read generically from the parsed plugin
    (never a per-scheme list, so a new plugin is guarded too): ``host`` and every other attribute
    named ``*host`` (``smtp_host`` …), and the host of every attribute holding an http(s) URL
    (``api_url`` …). Provider plugins (Twilio, Vonage …) keep an account or a number in ``host``;
    such a value does not resolve and passes."""
    hosts: set[str] = set()
    for name, value in vars(plugin).items():
        if not isinstance(value, str) or not value:
            continue
        if name == "host" or name.endswith("host"):
            hosts.add(value)
        elif value.startswith(("http://", "https://")):
            try:
                host = urlsplit(value).hostname
            except ValueError:
                host = None
            if host:
                hosts.add(host)
    return hosts


def _guard(plugin, url: str) -> None:
    """Refuse any channel whose plugin would contact a link-local or cloud-metadata address (the
    same guard as the monitor's fetcher), whatever its scheme; a host that does not resolve now
    is left to the send, which checks again."""
    port = getattr(plugin, "port", None)
    for host in sorted(_contacted_hosts(plugin)):
        try:
            guard_address(host, port if isinstance(port, int) else None)
        except ForbiddenAddress as exc:
            raise ChannelError(f"channel refused: {exc}", field="url") from None
        except NetworkError:
            continue


def validate_url(url: str) -> str:
    """:raise ChannelError: Apprise does not understand the URL, or it points at a link-local or
    cloud-metadata address."""
    url = (url or "").strip()
    if not url or "://" not in url:
        raise ChannelError("url must be an Apprise URL such as json://host/path or mailto://…",
                           field="url")
    plugin = apprise.Apprise.instantiate(url, suppress_exceptions=True)
    if plugin is None:
        raise ChannelError(f"Apprise does not support this URL ({url.split('://')[0]}://…)",
                           field="url")
    _guard(plugin, url)
    return url


def _with_key(url: str, key: str | None) -> str:
    if not key or urlsplit(url).scheme.lower() not in HEADER_SCHEMES:
        return url
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}+{IDEMPOTENCY_HEADER}={key}"


def send(url: str, title: str, body: str, *, key: str | None = None) -> SendResult:
    """Send one message through one Apprise URL; never raises for delivery failures."""
    try:
        validate_url(url)  # again at send time: a name may resolve elsewhere now
    except ChannelError as exc:
        return SendResult(False, str(exc))
    a = apprise.Apprise()
    if not a.add(_with_key(url, key)):
        return SendResult(False, "Apprise rejected the channel URL")
    with apprise.LogCapture(level=apprise.logging.DEBUG) as log:
        try:
            # plain text: announcement titles and facts must never become HTML in an email
            result = a.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT)
        except Exception as exc:  # a plugin bug must not stop the delivery loop
            return SendResult(False, _without_secrets(f"{type(exc).__name__}: {exc}", url))
    if bool(result):
        return SendResult(True)
    return SendResult(False, _without_secrets(failure_reason(log.getvalue()), url)[:500])


def failure_reason(log_text: str) -> str:
    """The last warning Apprise logged, with the cause it logs only at debug level (the SMTP
    server's answer: ``535 Authentication failed``, a refused recipient, a TLS error …)."""
    lines = [ln.split(" - ", 2) for ln in log_text.strip().splitlines()]
    lines = [ln for ln in lines if len(ln) == 3]
    warning = next((m for _, lvl, m in reversed(lines) if lvl in ("WARNING", "ERROR")),
                   "delivery failed")
    cause = next((m for _, lvl, m in reversed(lines) if lvl == "DEBUG" and (
        "Exception" in m or "error" in m.lower() or "refused" in m.lower())), None)
    return f"{warning} ({cause})" if cause and cause not in warning else warning


def _without_secrets(text: str, url: str) -> str:
    """No password, token or key from the channel URL in an error shown to the user."""
    text = redact_text(text) or ""
    try:
        parts = urlsplit(url)
        secrets = [parts.password] + [v for k, v in parse_qsl(parts.query) if _secretish(k)]
    except ValueError:
        secrets = []
    for secret in filter(None, secrets):
        if len(secret) >= 3:
            text = text.replace(secret, "****").replace(quote(secret, safe=""), "****")
    return text


def _secretish(name: str) -> bool:
    n = name.lower()
    return any(w in n for w in ("pass", "pwd", "secret", "token", "key", "auth"))


def _public(ch: dict) -> dict:
    return {
        "id": ch["id"], "user_id": ch["user_id"], "name": ch["name"],
        "url": masked_url(ch["url"]), "purposes": loads(ch["purposes"], []),
        "created_at": ch["created_at"],
    }


def list_channels(db, user_id: int, page_no: int = 1, per_page: int = 50) -> dict:
    """The user's channels, URLs masked: ``{"items", "total", "page", "per_page"}``."""
    result = page(db, "SELECT * FROM channels WHERE user_id = ? ORDER BY id", [user_id],
                  page_no, per_page)
    result["items"] = [_public(c) for c in result["items"]]
    return result


def get_channel(db, user_id: int, channel_id: int) -> dict:
    """:raise NotFound: no such channel for this user."""
    ch = row(db, "SELECT * FROM channels WHERE id = ? AND user_id = ?", [channel_id, user_id])
    if not ch:
        raise NotFound(f"channel {channel_id} not found")
    return _public(ch)


def add_channel(db, user_id: int, name: str, url: str,
                purposes: list[str] | tuple[str, ...] = ("alerts",)) -> dict:
    """Add an Apprise channel. :raise ChannelError: bad URL, name or purposes."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ChannelError("name is required (at most 100 characters)", field="name")
    if unsafe_characters(name):
        raise ChannelError(f"name {message(unsafe_characters(name))}", field="name")
    url = validate_url(url)
    purposes = list(dict.fromkeys(purposes or ("alerts",)))
    bad = [p for p in purposes if p not in PURPOSES]
    if bad:
        raise ChannelError(f"unknown purpose(s) {', '.join(bad)}; allowed: {', '.join(PURPOSES)}",
                           field="purposes")
    with transaction(db):
        if row(db, "SELECT id FROM channels WHERE user_id = ? AND name = ?", [user_id, name]):
            raise ChannelError(f"a channel named {name!r} exists already", field="name")
        cid = insert(db, "channels", {
            "user_id": user_id, "name": name, "url": url, "purposes": dumps(purposes),
            "created_at": iso(utcnow()),
        })
    return get_channel(db, user_id, cid)


def delete_channel(db, user_id: int, channel_id: int) -> None:
    """:raise NotFound: no such channel for this user."""
    with transaction(db):
        cur = db.execute("DELETE FROM channels WHERE id = ? AND user_id = ?", [channel_id, user_id])
        if cur.rowcount == 0:
            raise NotFound(f"channel {channel_id} not found")


def test_channel(db, user_id: int, channel_id: int) -> dict:
    """Send a test message now: ``{"ok": bool, "error": str|None}``. :raise NotFound."""
    ch = row(db, "SELECT * FROM channels WHERE id = ? AND user_id = ?", [channel_id, user_id])
    if not ch:
        raise NotFound(f"channel {channel_id} not found")
    result = send(ch["url"], "SellerGuard test message",
                  f"This is a test of the channel {ch['name']!r}. If you read this, alerts "
                  "will reach you here.")
    return {"ok": result.ok, "error": result.error}


test_channel.__test__ = False  # not a pytest test despite the name


def urls_for(db, user_id: int, purpose: str) -> list[tuple[int, str]]:
    """``(channel id, real URL)`` of the user's channels for ``purpose`` (for senders only)."""
    return [
        (c["id"], c["url"])
        for c in rows(db, "SELECT id, url, purposes FROM channels WHERE user_id = ? ORDER BY id",
                      [user_id])
        if purpose in loads(c["purposes"], [])
    ]
