from apiflask import APIBlueprint

from server.api.schemas import EventPage, EventQuery, page_body
from server.auth_http import auth, current_user
from server.db import get_db
from server.services import events

bp = APIBlueprint("events", __name__, tag="Audit")


@bp.get("/events")
@bp.auth_required(auth)
@bp.input(EventQuery, location="query", arg_name="query")
@bp.output(EventPage)
def list_events(query):
    """The audit trail of the caller's own changes, newest first."""
    items, total = events.list_events(get_db(), current_user().id, query["page"], query["per_page"],
                                      query.get("subject_type"), query.get("subject_id"))
    return page_body(items, total, query)
