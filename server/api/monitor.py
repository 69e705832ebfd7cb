"""Sources, policies and alerts: thin routes over the monitor's services, plus the impact the
server alone can tell (which of the caller's accounts a policy affects)."""
from apiflask import APIBlueprint, Schema
from apiflask.fields import Boolean, Integer, List
from apiflask.validators import Length, Range
from flask import current_app

from monitor import alerts, policies
from monitor.redact import redact_text
from monitor.sources import service as sources
from server.api.conditional import conditional
from server.api.schemas import PageQuery, page_body
from server.api.status_schemas import (AlertOut, AlertPage, AlertQuery, CheckResultOut, PolicyOut,
                                       PolicyPage, SourceIn, SourceKinds, SourceOut, SourcePage,
                                       SourcePatch)
from server.auth_http import auth, current_user
from server.db import get_db
from server.errors import ValidationFailed
from server.services import check_slots, events, impact, private_sources

bp = APIBlueprint("monitor", __name__, tag="Monitor")


def _page(result: dict, query: dict) -> dict:
    return page_body(result["items"], result["total"], query)


@bp.get("/sources")
@bp.auth_required(auth)
@bp.input(PageQuery, location="query", arg_name="query")
@bp.output(SourcePage)
def list_sources(query):
    """The shared default sources and the caller's own, with their health."""
    return _page(sources.list_sources(get_db(), current_user().id, query["page"], query["per_page"]), query)


@bp.get("/sources/kinds")
@bp.auth_required(auth)
@bp.output(SourceKinds)
def source_kinds():
    """The kinds of source this server can read (from the registry), with their settings."""
    from monitor.sources import kinds

    return {"items": kinds()}


@bp.post("/sources")
@bp.auth_required(auth)
@bp.input(SourceIn, arg_name="body")
@bp.output(SourceOut, status_code=201)
def create_source(body):
    db, user_id = get_db(), current_user().id
    private_sources.check_url(db, current_app.config, user_id, body.get("url"))
    source = sources.create_source(db, user_id, body)
    events.record(db, user_id, "source.created", "source", source["id"],
                  {"name": source["name"], "url": source["url"]})
    return source


@bp.patch("/sources/<int:source_id>")
@bp.auth_required(auth)
@bp.input(SourcePatch, arg_name="body")
@bp.output(SourceOut)
def update_source(source_id, body):
    """Change one of the caller's own sources (shared defaults are read-only)."""
    db, user_id = get_db(), current_user().id
    private_sources.check_url(db, current_app.config, user_id, body.get("url"))
    source = sources.update_source(db, user_id, source_id, body)
    events.record(db, user_id, "source.updated", "source", source_id, {"fields": sorted(body)})
    return source


@bp.delete("/sources/<int:source_id>")
@bp.auth_required(auth)
@bp.output({}, status_code=204)
def delete_source(source_id):
    db, user_id = get_db(), current_user().id
    sources.delete_source(db, user_id, source_id)
    events.record(db, user_id, "source.deleted", "source", source_id)
    return ""


@bp.post("/sources/<int:source_id>/check")
@bp.auth_required(auth)
@bp.output(CheckResultOut)
@bp.doc(responses={429: "You already have a check running; see Retry-After.",
                   503: "The server runs its maximum of checks; see Retry-After."})
def check_source(source_id):
    """Fetch and parse the source now, without storing anything; says what it found.
    Checks are bounded: one per user and a few per server at a time (others answer 429/503)."""
    user_id = current_user().id
    with check_slots.for_app(current_app).hold(user_id):
        result = sources.check_source(get_db(), user_id, source_id,
                                      config=private_sources.monitor_config(current_app.config))
    result["error"] = redact_text(result.get("error"))  # an error may quote the URL
    return result


@bp.get("/policies")
@bp.auth_required(auth)
@bp.input(PageQuery, location="query", arg_name="query")
@bp.output(PolicyPage)
def list_policies(query):
    return _page(policies.list_policies(get_db(), current_user().id, query["page"], query["per_page"]), query)


@bp.get("/policies/<int:policy_id>")
@bp.auth_required(auth)
@bp.output(PolicyOut)
def get_policy(policy_id):
    """One policy: merged facts, every source, and which of your accounts it affects and why."""
    db, user = get_db(), current_user()
    policy = policies.get_policy(db, user.id, policy_id)
    policy["affected"] = impact.affected(db, user.id, policy)
    return policy


@bp.get("/alerts")
@bp.auth_required(auth)
@conditional("alerts")
@bp.input(AlertQuery, location="query", arg_name="query")
@bp.output(AlertPage)
def list_alerts(query):
    """Your alerts (open by default; `state=all` for every one), each with its delivery log."""
    state = None if query["state"] == "all" else query["state"]
    db = get_db()
    result = alerts.list_alerts(db, current_user().id, state, query["page"], query["per_page"])
    facts = policies.facts_by_id(db, (a["policy_id"] for a in result["items"]))
    for alert in result["items"]:
        alert["facts"] = facts.get(alert["policy_id"])
    return _page(result, query)


class AckIn(Schema):
    ids = List(Integer(strict=True, validate=Range(min=1, max=2**63 - 1)), load_default=list,
               validate=Length(max=10_000))
    all = Boolean(load_default=False, metadata={"description": "every open alert"})


class AckOut(Schema):
    acked = List(Integer(), required=True)
    already = List(Integer(), required=True)
    not_found = List(Integer(), required=True)


@bp.post("/alerts/ack")
@bp.auth_required(auth)
@bp.input(AckIn, arg_name="body")
@bp.output(AckOut)
def ack_alerts(body):
    """Acknowledge several alerts at once (``ids``), or every open one (``all``)."""
    if bool(body["ids"]) == body["all"]:
        raise ValidationFailed(errors={"ids": ["Give the alert ids, or all: true (not both)."]})
    db, user_id = get_db(), current_user().id
    result = alerts.ack_alerts(db, user_id, body["ids"], all_open=body["all"])
    if result["acked"]:
        events.record(db, user_id, "alerts.acked", "alert", None, {"ids": result["acked"][:1000],
                                                                   "count": len(result["acked"])})
    return result


@bp.post("/alerts/<int:alert_id>/ack")
@bp.auth_required(auth)
@bp.output(AlertOut)
def ack_alert(alert_id):
    db, user_id = get_db(), current_user().id
    alert = alerts.ack_alert(db, user_id, alert_id)
    events.record(db, user_id, "alert.acked", "alert", alert_id, {"kind": alert["kind"]})
    return alert
