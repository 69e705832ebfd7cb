"""Request and response schemas: the same classes validate requests and generate the OpenAPI."""
from __future__ import annotations

from apiflask import Schema
from apiflask.fields import Boolean, Date, Dict, Integer, List, Nested, String
from apiflask.validators import Length, OneOf, Range, Regexp

def safe_text(value: str) -> None:
    """Validator: no control, bidi-override or zero-width characters (``monitor.names``)."""
    from marshmallow import ValidationError

    from monitor.names import message, unsafe_characters

    found = unsafe_characters(value)
    if found:
        raise ValidationError(message(found))


MARKETPLACE = Regexp(r"^[A-Za-z]{2}$", error="Use a two-letter marketplace code such as DE.")


class PageQuery(Schema):
    page = Integer(load_default=1, validate=Range(min=1, max=1_000_000))
    per_page = Integer(load_default=50, validate=Range(min=1, max=200))


def page_of(item_schema: type[Schema], name: str) -> type[Schema]:
    """A list envelope ``{items, page, per_page, total}`` for ``item_schema``."""
    return type(name, (Schema,), {
        "items": List(Nested(item_schema), required=True),
        "page": Integer(required=True),
        "per_page": Integer(required=True),
        "total": Integer(required=True),
    })


def page_body(items, total, query) -> dict:
    return {"items": items, "page": query["page"], "per_page": query["per_page"], "total": total}


class Empty(Schema):
    pass


class Health(Schema):
    status = String(required=True)
    version = String(required=True)


class PairIn(Schema):
    code = String(required=True, validate=Length(min=1, max=32))


class UserOut(Schema):
    id = Integer(required=True)
    name = String(required=True)


class PairOut(Schema):
    token = String(required=True)
    user = Nested(UserOut, required=True)


class AccountIn(Schema):
    name = String(required=True, validate=[Length(min=1, max=200), safe_text])
    merchant_id = String(load_default=None, allow_none=True, validate=[Length(max=64), safe_text])
    marketplaces = List(String(validate=MARKETPLACE), required=True, validate=Length(min=1, max=30))


class AccountPatch(Schema):
    name = String(validate=[Length(min=1, max=200), safe_text])
    merchant_id = String(allow_none=True, validate=[Length(max=64), safe_text])
    marketplaces = List(String(validate=MARKETPLACE), validate=Length(min=1, max=30))


class AccountOut(Schema):
    id = Integer(required=True)
    name = String(required=True)
    merchant_id = String(allow_none=True)
    marketplaces = List(String(), required=True)
    created_at = String(required=True)
    updated_at = String(required=True)


class Warning_(Schema):
    code = String(required=True)
    severity = String(required=True, validate=OneOf(["error", "warning", "info"]))
    message = String(required=True)
    marketplaces = List(String())


class Checks(Schema):
    valid = Boolean(allow_none=True)
    line_type = String(allow_none=True)
    region = String(allow_none=True)
    local_to = List(String())
    not_local_to = List(String())
    sms_capable = Boolean(allow_none=True)
    mail_accepts = Boolean(allow_none=True)
    warnings = List(Nested(Warning_))


class AmazonStatus(Schema):
    status = String(required=True, validate=OneOf(["unknown", "unverified", "verified"]))
    source = String(allow_none=True)
    at = String(allow_none=True)


class ContactIn(Schema):
    kind = String(required=True, validate=OneOf(["email", "phone"]))
    role = String(load_default="emergency", validate=OneOf(["emergency", "primary", "other"]))
    value = String(required=True, validate=[Length(min=1, max=320), safe_text])


class ContactPatch(Schema):
    role = String(validate=OneOf(["emergency", "primary", "other"]))
    value = String(validate=[Length(min=1, max=320), safe_text])


class ContactOut(Schema):
    id = Integer(required=True)
    account_id = Integer(required=True)
    kind = String(required=True)
    role = String(required=True)
    value = String(required=True)
    masked = String(required=True)
    checks = Nested(Checks, required=True)
    local_status = String(required=True)
    local_verified_at = String(allow_none=True)
    amazon_status = Nested(AmazonStatus, required=True)
    on_hold_until = String(allow_none=True)
    hold_reason = String(allow_none=True)
    created_at = String(required=True)
    updated_at = String(required=True)


class AmazonStatusIn(Schema):
    status = String(required=True, validate=OneOf(["unknown", "unverified", "verified"]))
    source = String(load_default="manual", validate=OneOf(["manual", "extension"]))


class HoldIn(Schema):
    until = Date(required=True)
    reason = String(load_default=None, allow_none=True, validate=[Length(max=500), safe_text])


class EventOut(Schema):
    id = Integer(required=True)
    at = String(required=True)
    actor = String(required=True)
    type = String(required=True)
    subject_type = String(allow_none=True)
    subject_id = Integer(allow_none=True)
    data = Dict(required=True)


class EventQuery(PageQuery):
    subject_type = String(validate=OneOf(["account", "contact", "verification", "user", "policy", "alert", "source", "channel"]))
    subject_id = Integer(validate=Range(min=1, max=2**63 - 1))


AccountPage = page_of(AccountOut, "AccountPage")
ContactPage = page_of(ContactOut, "ContactPage")
EventPage = page_of(EventOut, "EventPage")
