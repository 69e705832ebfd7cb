"""Request and response schemas of local verification and channels (validate and document)."""
from __future__ import annotations

from apiflask import Schema
from apiflask.fields import Boolean, Integer, List, String
from apiflask.validators import Length, OneOf

from server.api.schemas import page_of, safe_text

STATUSES = ["pending", "approved", "expired", "canceled", "max_attempts_reached", "failed"]


class VerificationStartIn(Schema):
    channel = String(required=True, validate=OneOf(["sms", "email"]))
    override_checks = Boolean(load_default=False)
    language = String(load_default=None, allow_none=True, validate=OneOf(["en", "zh_CN"]))


class VerificationCheckIn(Schema):
    code = String(required=True, validate=Length(min=1, max=32))


class VerificationOut(Schema):
    id = Integer(required=True)
    contact_id = Integer(required=True)
    channel = String(required=True, validate=OneOf(["sms", "email"]))
    status = String(required=True, validate=OneOf(STATUSES))
    destination = String(required=True, metadata={"description": "Masked destination."})
    language = String(required=True)
    expires_at = String(required=True)
    attempts = Integer(required=True)
    max_attempts = Integer(required=True)
    attempts_left = Integer(required=True)
    sends = Integer(required=True)
    max_sends = Integer(required=True)
    next_resend_at = String(allow_none=True, required=True)
    failure_reason = String(allow_none=True, required=True)
    delivered_via = String(allow_none=True, required=True, validate=OneOf(["outbox", "channel"]))
    warning = String(allow_none=True, required=True,
                     metadata={"description": "Set when the message went to the development outbox "
                                              "instead of a real provider."})
    override_checks = Boolean(required=True)
    approved_at = String(allow_none=True, required=True)
    created_at = String(required=True)
    updated_at = String(required=True)


class ChannelIn(Schema):
    name = String(required=True, validate=[Length(min=1, max=100), safe_text])
    url = String(required=True, validate=Length(min=4, max=2000))
    purposes = List(String(validate=OneOf(["alerts", "sms", "email"])), load_default=lambda: ["alerts"],
                    validate=Length(min=1, max=3))


class ChannelOut(Schema):
    id = Integer(required=True)
    name = String(required=True)
    url = String(required=True, metadata={"description": "Apprise URL with its secrets masked."})
    purposes = List(String(), required=True)
    created_at = String(required=True)


class ChannelTestOut(Schema):
    ok = Boolean(required=True)
    error = String(allow_none=True, required=True)


ChannelPage = page_of(ChannelOut, "ChannelPage")
