"""``POST /messages/check``: is this email genuine? A raw RFC 5322 message in, a verdict out.

Thin over :func:`monitor.mail.verdict.judge`. The body is the message itself
(``message/rfc822``, ``text/plain`` or ``application/octet-stream``; or, from the browser, JSON
``{"message": text}`` / ``{"message_base64": …}``), at most
``MAIL_CHECK_MAX_BYTES`` (default 5 MB); DNS for DKIM/DMARC as configured (``MAIL_DNS``:
nameservers, ``OFFLINE``: none, so the verdict is at best ``unknown``), ``MAIL_AUTHSERV_ID`` (the
seller's own mail server, whose Authentication-Results are trusted) and ``MAIL_TRUSTED_ARC``
(forwarders whose ARC seals are trusted). Nothing is stored; the message is never logged.
"""
from __future__ import annotations

import base64
import binascii
import json

from apiflask import APIBlueprint, Schema
from apiflask.fields import Boolean, Dict, List, String
from flask import current_app, request

from monitor.mail.auth import DnsConfig
from monitor.mail.message import MalformedMessage
from monitor.mail.verdict import DEFAULT_TRUSTED_ARC, VerdictConfig, judge
from server.auth_http import auth
from server.errors import ApiError, PayloadTooLarge, UnsupportedMediaType, ValidationFailed

bp = APIBlueprint("messages", __name__, tag="Mail")

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class NotAnEmail(ApiError):
    status_code = 422
    slug = "not-an-email"


class VerdictOut(Schema):
    verdict = String(required=True, metadata={"enum": ["genuine", "suspicious", "phishing",
                                                        "unknown"]})
    reasons = List(String(), required=True)
    brand = String(required=True)
    claims_marketplace = Boolean(required=True)
    authentication = Dict(required=True)
    phishing = Dict(required=True)
    to = List(String(), required=True)
    subject = String(allow_none=True)
    message_id = String(allow_none=True)
    # "from" is a Python keyword: declared with data_key
    sender = String(allow_none=True, data_key="from", attribute="from")


def verdict_config(config) -> VerdictConfig:
    ns = config.get("MAIL_DNS") or None
    if isinstance(ns, str):
        ns = [s.strip() for s in ns.split(",") if s.strip()]
    arc = config.get("MAIL_TRUSTED_ARC") or []
    if isinstance(arc, str):
        arc = [s.strip() for s in arc.split(",") if s.strip()]
    return VerdictConfig(
        dns=DnsConfig(nameservers=ns, timeout=float(config.get("DNS_TIMEOUT", 2.0)),
                      offline=bool(config.get("OFFLINE"))),
        authserv_id=config.get("MAIL_AUTHSERV_ID") or None,
        trusted_arc=tuple(DEFAULT_TRUSTED_ARC) + tuple(arc))


def _from_json(data: bytes, cap: int) -> bytes:
    """The browser's form: ``{"message": "<raw text>"}`` or ``{"message_base64": "…"}`` (a
    dropped .eml keeps its 8-bit bytes)."""
    try:
        doc = json.loads(data or b"null")
    except ValueError:
        doc = None
    if not isinstance(doc, dict) or not isinstance(doc.get("message", doc.get("message_base64")),
                                                   str):
        raise ValidationFailed(errors={"message": ["the raw message as a string (message), or "
                                                   "base64 (message_base64)"]})
    if isinstance(doc.get("message_base64"), str):
        try:
            return base64.b64decode(doc["message_base64"][: cap * 2], validate=True)
        except (binascii.Error, ValueError):
            raise ValidationFailed(errors={"message_base64": ["not base64"]}) from None
    return doc["message"].encode("utf-8", "surrogateescape")[: cap + 1]


@bp.post("/messages/check")
@bp.auth_required(auth)
@bp.output(VerdictOut)
@bp.doc(summary="Is this email genuine?",
        description="Send the raw message (message/rfc822) as the body; answers genuine, "
                    "suspicious, phishing or unknown with the reasons. Nothing is stored.")
def check_message():
    cap = int(current_app.config.get("MAIL_CHECK_MAX_BYTES", DEFAULT_MAX_BYTES))
    request.max_content_length = cap  # this route's own cap instead of the JSON routes' one
    if request.content_length is not None and request.content_length > cap:
        raise PayloadTooLarge(f"The message is larger than {cap // 1024} KB.")
    ctype = (request.mimetype or "").lower()
    if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raise UnsupportedMediaType("Send the raw message itself as the body "
                                   "(Content-Type: message/rfc822).")
    raw = request.stream.read(cap + 1) if ctype != "application/json" else \
        _from_json(request.get_data(cache=True), cap)
    if len(raw) > cap:
        raise PayloadTooLarge(f"The message is larger than {cap // 1024} KB.")
    if not raw.strip():
        raise NotAnEmail("The body is empty: paste the whole message, headers included.")
    try:
        return judge(raw, verdict_config(current_app.config))
    except MalformedMessage as exc:
        raise NotAnEmail(str(exc)) from None
