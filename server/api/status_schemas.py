"""Schemas of ``GET /status`` and of the monitor's objects as the API shows them."""
from __future__ import annotations

from apiflask import Schema
from apiflask.fields import Boolean, Dict, Float, Integer, List, Nested, String
from apiflask.validators import Length, OneOf, Range

from monitor.sources import REGISTRY as SOURCE_KINDS  # the one list of kinds
from server.api.schemas import AmazonStatus, PageQuery, UserOut, Warning_, page_of, safe_text


class NextStep(Schema):
    code = String(required=True)
    message = String(required=True)
    contact_id = Integer(allow_none=True)


class StatusContact(Schema):
    id = Integer(required=True)
    kind = String(required=True)
    role = String(required=True)
    masked = String(required=True)
    warnings = List(Nested(Warning_), required=True)
    local_status = String(required=True)
    amazon_status = Nested(AmazonStatus, required=True)
    on_hold_until = String(allow_none=True)
    next_step = Nested(NextStep, allow_none=True)


class SellerCentral(Schema):
    host = String(required=True)
    notification_preferences_url = String(required=True)


class StatusAccount(Schema):
    id = Integer(required=True)
    name = String(required=True)
    merchant_id = String(allow_none=True)
    marketplaces = List(String(), required=True)
    seller_central = Nested(SellerCentral, allow_none=True)
    contacts = List(Nested(StatusContact), required=True)
    next_step = Nested(NextStep, allow_none=True)
    needs_action = Boolean(required=True)


class StatusAlert(Schema):
    id = Integer(required=True)
    kind = String(required=True)
    title = String(required=True)
    policy_id = Integer(allow_none=True)
    source_id = Integer(allow_none=True)
    created_at = String(required=True)
    facts = Dict(allow_none=True)
    affected = List(String(), required=True)


class Counts(Schema):
    accounts = Integer(required=True)
    contacts = Integer(required=True)
    verified = Integer(required=True)
    pending_steps = Integer(required=True)
    open_alerts = Integer(required=True)
    policy_alerts = Integer(required=True)
    source_alerts = Integer(required=True)  # source-health alerts (open), not in the badge
    badge = Integer(required=True)  # policy alerts + pending steps


class StepCounts(Schema):
    fix_contact = Integer(required=True)
    add_emergency_contact = Integer(required=True)
    verify_locally = Integer(required=True)
    verify_on_amazon = Integer(required=True)


class Summary(Schema):
    """Accounts by their next step (over every account, whatever the filters)."""

    needs_action = Integer(required=True)
    done = Integer(required=True)
    on_hold = Integer(required=True)  # accounts with a contact on hold
    by_step = Nested(StepCounts, required=True)


class StatusQuery(Schema):
    """One page of accounts (25 by default), those needing action first; counts and the
    summary always cover every account."""

    page = Integer(load_default=1, validate=Range(min=1, max=1_000_000))
    per_page = Integer(load_default=25, validate=Range(min=1, max=1000))
    q = String(load_default=None, validate=Length(max=200),
               metadata={"description": "part of an account's name or merchant id, or of a contact's value"})
    needs_action = Boolean(load_default=None, allow_none=True)
    marketplace = String(load_default=None, validate=Length(min=2, max=10))


class AccountsPage(Schema):
    page = Integer(required=True)
    per_page = Integer(required=True)
    total = Integer(required=True)  # accounts matching the filters


class StatusOut(Schema):
    generated_at = String(required=True)
    user = Nested(UserOut, required=True)
    counts = Nested(Counts, required=True)
    summary = Nested(Summary, required=True)
    accounts = List(Nested(StatusAccount), required=True)
    accounts_page = Nested(AccountsPage, required=True)
    alerts = List(Nested(StatusAlert), required=True)


class SourceHealth(Schema):
    state = String(required=True)
    last_checked_at = String(allow_none=True)
    last_success_at = String(allow_none=True)
    last_error = String(allow_none=True)
    last_status = Integer(allow_none=True)
    consecutive_failures = Integer(required=True)
    next_poll_at = String(allow_none=True)
    broken = Boolean(required=True)
    items = Integer(required=True)


class SourceOut(Schema):
    id = Integer(required=True)
    name = String(required=True)
    kind = String(required=True)
    url = String(required=True)
    language = String(allow_none=True)
    marketplaces = List(String(), required=True)
    interval = String(required=True)
    interval_s = Integer(required=True)
    official = Boolean(required=True)
    enabled = Boolean(required=True)
    selectors = Dict(allow_none=True)
    author_filter = String(allow_none=True)
    settings = Dict(allow_none=True)  # the kind's settings, secrets shown as "****"
    shared = Boolean(required=True)
    editable = Boolean(required=True)
    health = Nested(SourceHealth, required=True)
    created_at = String(required=True)
    updated_at = String(required=True)


class SourceIn(Schema):
    name = String(required=True, validate=[Length(min=1, max=200), safe_text])
    kind = String(required=True, validate=OneOf(sorted(SOURCE_KINDS)))
    url = String(required=True, validate=Length(min=1, max=2000))
    language = String(load_default=None, allow_none=True, validate=Length(max=10))
    marketplaces = List(String(validate=Length(max=10)), load_default=list, validate=Length(max=30))
    interval = String(load_default="30m", validate=Length(max=20))
    official = Boolean(load_default=False)
    enabled = Boolean(load_default=True)
    selectors = Dict(keys=String(), values=String(), load_default=None, allow_none=True)
    author_filter = String(load_default=None, allow_none=True, validate=Length(max=200))
    settings = Dict(keys=String(), load_default=None, allow_none=True)


class SourcePatch(Schema):
    name = String(validate=[Length(min=1, max=200), safe_text])
    url = String(validate=Length(min=1, max=2000))
    language = String(allow_none=True, validate=Length(max=10))
    marketplaces = List(String(validate=Length(max=10)), validate=Length(max=30))
    interval = String(validate=Length(max=20))
    official = Boolean()
    enabled = Boolean()
    selectors = Dict(keys=String(), values=String(), allow_none=True)
    author_filter = String(allow_none=True, validate=Length(max=200))
    settings = Dict(keys=String(), allow_none=True)


class CheckResultOut(Schema):
    ok = Boolean(required=True)
    state = String(required=True)
    status = Integer(allow_none=True)
    error = String(allow_none=True)
    entries = Integer(required=True)
    sample = List(Dict(), required=True)


class PolicySource(Schema):
    source_id = Integer(required=True)
    name = String(required=True)
    official = Boolean(required=True)
    item_id = Integer(required=True)
    title = String(allow_none=True)
    url = String(allow_none=True)
    published = String(allow_none=True, attribute="published_at")
    added_at = String(allow_none=True)


class Affected(Schema):
    account_id = Integer(required=True)
    account_name = String(required=True)
    contact_id = Integer(allow_none=True)
    reason = String(required=True)


class PolicyOut(Schema):
    id = Integer(required=True)
    label = String(required=True)
    story = String(required=True)
    title = String(allow_none=True)
    url = String(allow_none=True)
    official = Boolean(required=True)
    marketplace = String(allow_none=True)
    facts = Dict(required=True)
    dates = List(Dict(), required=True)
    retroactive = Boolean(required=True)
    score = Float(allow_none=True)
    first_seen_at = String(required=True)
    updated_at = String(required=True)
    revision = Integer(required=True)
    sources = List(Nested(PolicySource), required=True)
    affected = List(Nested(Affected))


class Delivery(Schema):
    channel_id = Integer(allow_none=True)
    channel = String(allow_none=True)
    status = String(required=True)  # pending | delivered | failed
    attempts = Integer(required=True)
    last_error = String(allow_none=True)
    next_attempt_at = String(allow_none=True)
    delivered_at = String(allow_none=True)


class AlertOut(Schema):
    id = Integer(required=True)
    kind = String(required=True)
    state = String(required=True)
    title = String(required=True)
    body = String(required=True)
    impact = List(String(), required=True)
    policy_id = Integer(allow_none=True)
    facts = Dict(allow_none=True)  # the policy's facts (§3.2), on lists; null for source alerts
    source_id = Integer(allow_none=True)
    created_at = String(required=True)
    acked_at = String(allow_none=True)
    deliveries = List(Nested(Delivery), required=True)


class AlertQuery(PageQuery):
    state = String(load_default="open", validate=OneOf(["open", "acked", "all"]))


SourcePage = page_of(SourceOut, "SourcePage")
PolicyPage = page_of(PolicyOut, "PolicyPage")
AlertPage = page_of(AlertOut, "AlertPage")


class SourceKindOut(Schema):
    kind = String(required=True)
    summary = String(required=True)
    schemes = List(String(), required=True)
    required = List(String(), required=True)
    optional = List(String(), required=True)
    secrets = List(String(), required=True)


class SourceKinds(Schema):
    items = List(Nested(SourceKindOut), required=True)
