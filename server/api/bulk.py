"""``POST /verifications/bulk``: start local verification for every unverified contact of a
selection, within every limit a single start has."""
from __future__ import annotations

from apiflask import APIBlueprint, Schema
from apiflask.fields import Dict, Integer, List, Nested, String
from apiflask.validators import Length, Range
from flask import request

from server.api.verifications import _ip_key, _limit, settings
from server.auth_http import auth, bearer_user, current_user
from server.db import get_db
from server.limits import limiter
from server.services import bulk_verify

bp = APIBlueprint("bulk", __name__, tag="Verification")


class BulkIn(Schema):
    q = String(load_default=None, validate=Length(max=200))
    marketplace = String(load_default=None, validate=Length(min=2, max=10))
    account_ids = List(Integer(strict=True, validate=Range(min=1, max=2**63 - 1)), load_default=None,
                       allow_none=True, validate=Length(max=10_000))
    # each start counts against the per-token start limit (10 per minute by default), so the
    # default batch is what one minute allows; run again for the next batch
    limit = Integer(load_default=10, validate=Range(min=1, max=bulk_verify.MAX_PER_RUN))
    language = String(load_default=None, validate=Length(max=10))


class Started(Schema):
    contact_id = Integer(required=True)
    verification_id = Integer(required=True)
    channel = String(required=True)
    status = String(required=True)


class Skipped(Schema):
    contact_id = Integer(required=True)
    reason = String(required=True)


class BulkOut(Schema):
    started = List(Nested(Started), required=True)
    skipped = List(Nested(Skipped), required=True)
    stopped = Dict(allow_none=True, metadata={"description": "the limit that stopped the run: "
                                              "contact_id, reason, retry_after (seconds)"})


def _cost() -> int:
    """Each contact this request would start counts against the per-token and per-address
    start limits, as if it had been started alone."""
    user = bearer_user()
    body = request.get_json(silent=True) or {}
    if user is None or not isinstance(body, dict):
        return 1
    try:
        rows = bulk_verify.selection(get_db(), user.id, q=body.get("q"), marketplace=body.get("marketplace"),
                                     account_ids=body.get("account_ids"),
                                     limit=int(body.get("limit") or 10))
    except (TypeError, ValueError):
        return 1
    return max(1, sum(1 for r in rows if not r["check_error"]))


@bp.post("/verifications/bulk")
@bp.auth_required(auth)
@bp.input(BulkIn, arg_name="body")
@bp.output(BulkOut)
@bp.doc(responses={429: "A start limit was reached; see Retry-After."})
@limiter.limit(_limit("VERIFY_TOKEN_RATE_LIMIT"), cost=_cost)
@limiter.limit(_limit("VERIFY_IP_RATE_LIMIT"), key_func=_ip_key("verify-ip"), cost=_cost)
def start_bulk(body):
    """Start verification for every unverified contact of the accounts that match ``q`` /
    ``marketplace`` (or of ``account_ids``), at most ``limit`` (10 by default, 50 at most) per call; contacts that cannot
    receive the code are skipped with the reason, and the first limit reached stops the run."""
    return bulk_verify.start_unverified(get_db(), settings(), current_user().id, q=body["q"],
                                        marketplace=body["marketplace"], account_ids=body["account_ids"],
                                        limit=body["limit"], language=body["language"])
