"""Delivery of verification messages through the user's Apprise channels, or the dev outbox.

Channels come from ``monitor.channels`` (purposes ``sms`` / ``email`` / ``alerts``). A channel URL
names the provider and the sender; SellerGuard adds the recipient at send time:

- ``json://``, ``jsons://``, ``form://``, ``forms://``, ``xml://``, ``xmls://`` (your own webhook or
  SMS gateway): the destination goes into the payload as the field ``to`` (Apprise's ``:to=``
  payload parameter), the message text is the payload's ``message``.
- ``mailto://`` / ``mailtos://``: the ``to=`` parameter is set to the address (any ``to=`` in the
  configured URL is replaced).
- every other scheme (Twilio ``twilio://SID:TOKEN@FROM``, Vonage ``vonage://KEY:SECRET@FROM``,
  AWS SNS ``sns://KEY/SECRET/REGION``, SendGrid ``sendgrid://KEY:FROM``, …): the destination is
  appended as the last path element, which is how Apprise's SMS and mail plugins take targets.

So that a code is never sent to anyone but the contact, the built URL is instantiated and
refused when the plugin then has more than one recipient (the configured URL already named one)
or carries ``cc``/``bcc`` recipients.

With no channel for the purpose the message goes to the ``outbox`` table (development sink),
with a warning in the log on every send and ``via == "outbox"`` for the caller to show. The outbox
is never used as a fallback when a configured channel fails: that is a failure, with its reason.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit, urlunsplit

import apprise

from monitor import channels
from monitor.db import iso, transaction, utcnow

log = logging.getLogger(__name__)

PAYLOAD_SCHEMES = frozenset({"json", "jsons", "form", "forms", "xml", "xmls"})
MAIL_SCHEMES = frozenset({"mailto", "mailtos"})
OUTBOX_WARNING = ("No {purpose} channel is configured: the message was written to the development "
                  "outbox (`sellerguard outbox`), not sent. Add a channel with purpose '{purpose}' "
                  "to deliver for real.")


class DestinationError(ValueError):
    """The channel URL cannot be used to reach exactly this one recipient."""


@dataclass
class DeliveryResult:
    ok: bool
    via: str | None  # "channel" | "outbox" | None (nothing could be sent)
    channel_ids: list[int] = field(default_factory=list)
    error: str | None = None
    warning: str | None = None


def _replace_query_param(query: str, names: tuple[str, ...], param: str) -> str:
    kept = [p for p in query.split("&") if p and p.split("=", 1)[0].lower() not in names]
    return "&".join([*kept, param])


def destination_url(url: str, destination: str) -> str:
    """``url`` with ``destination`` added as its only recipient (rules in the module docstring).

    :raise DestinationError: the result would reach someone else too.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    encoded = quote(destination, safe="@" if "@" in destination else "")
    if scheme in PAYLOAD_SCHEMES:
        query = _replace_query_param(parts.query, (":to", "%3ato"), f":to={encoded}")
        built = urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
    elif scheme in MAIL_SCHEMES:
        query = _replace_query_param(parts.query, ("to",), f"to={encoded}")
        built = urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
    else:
        path = parts.path.rstrip("/") + "/" + encoded
        built = urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))
    plugin = apprise.Apprise.instantiate(built, suppress_exceptions=True)
    if plugin is None:
        raise DestinationError("Apprise cannot use this channel URL with the destination added.")
    targets = getattr(plugin, "targets", None)
    if isinstance(targets, (list, tuple, set)) and len(targets) > 1:
        raise DestinationError("The channel URL already names a recipient; remove it — SellerGuard "
                               "adds the contact being verified as the only recipient.")
    if getattr(plugin, "cc", None) or getattr(plugin, "bcc", None):
        raise DestinationError("The channel URL has cc/bcc recipients; remove them so that codes "
                               "reach only the contact being verified.")
    return built


def _scrub(text: str | None, secrets_: list[str]) -> str | None:
    """Remove codes, tokens and full destinations from provider error texts before storing them."""
    if text is None:
        return None
    for s in secrets_:
        if s:
            text = text.replace(s, "\u2022" * 6)
    return text[:500]


def write_outbox(db, user_id: int, purpose: str, destination: str, subject: str | None, body: str,
                 verification_id: int | None = None) -> int:
    """Record one message in the development sink (full destination and text, on purpose)."""
    with transaction(db):
        cur = db.execute(
            "INSERT INTO outbox (user_id, channel, destination, subject, body, verification_id, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [user_id, purpose, destination, subject, body, verification_id, iso(utcnow())])
        row_id = cur.fetchone()["id"]
    log.warning("OUTBOX (development sink, NOT SENT): %s message for user %s written to the outbox "
                "(row %s); add a channel with purpose '%s' to deliver for real", purpose, user_id,
                row_id, purpose)
    return row_id


def list_outbox(db, user_id: int, limit: int = 20) -> list[dict]:
    return [r.as_dict() for r in db.execute(
        "SELECT id, channel, destination, subject, body, verification_id, created_at FROM outbox "
        "WHERE user_id = ? ORDER BY id DESC LIMIT ?", [user_id, limit])]


def deliver(db, user_id: int, purpose: str, destination: str, subject: str | None, body: str, *,
            key: str | None = None, verification_id: int | None = None, allow_outbox: bool = True,
            scrub: list[str] | None = None) -> DeliveryResult:
    """Send one message to ``destination`` through the user's channels for ``purpose``
    (``sms``/``email``), trying them in order until one accepts it; never raises for delivery
    failures. With no channel: the outbox when allowed, else a failure saying what to configure."""
    configured = channels.urls_for(db, user_id, purpose)
    secrets_ = [destination, *(scrub or [])]
    if not configured:
        if not allow_outbox:
            return DeliveryResult(False, None, error=f"No '{purpose}' channel is configured and the "
                                  "development outbox is disabled (VERIFY_OUTBOX).")
        write_outbox(db, user_id, purpose, destination, subject, body, verification_id)
        return DeliveryResult(True, "outbox", warning=OUTBOX_WARNING.format(purpose=purpose))
    errors: list[str] = []
    tried: list[int] = []
    for channel_id, url in configured:
        tried.append(channel_id)
        try:
            built = destination_url(url, destination)
        except DestinationError as exc:
            errors.append(f"channel {channel_id}: {exc}")
            continue
        # SMS plugins prepend the title to the text; an SMS has no subject.
        result = channels.send(built, (subject or "") if purpose != "sms" else "", body,
                               key=f"{key}-c{channel_id}" if key else None)
        if result.ok:
            return DeliveryResult(True, "channel", [channel_id])
        errors.append(f"channel {channel_id}: {_scrub(result.error, secrets_) or 'delivery failed'}")
    return DeliveryResult(False, None, tried, error=_scrub("; ".join(errors), secrets_))
