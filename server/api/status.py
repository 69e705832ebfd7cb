from apiflask import APIBlueprint
from flask import jsonify

from server.api.status_schemas import StatusOut, StatusQuery
from server.auth_http import auth, current_user
from server.db import get_db
from server.services import status

bp = APIBlueprint("status", __name__, tag="Status")


@bp.get("/status")
@bp.auth_required(auth)
@bp.input(StatusQuery, location="query", arg_name="query")
@bp.output(StatusOut)
def get_status(query):
    """Everything the extension's badge, popup and in-page prompt need, in one call.
    ``per_page`` (with ``page``) lists only some accounts; counts always cover all of them."""
    # The extension polls this every minute and an agency's answer is large: marshmallow's dump
    # of it cost ~70% of the request. ``status.build`` returns exactly the StatusOut shape (the
    # schemathesis suite checks every answer against it), so the answer skips the re-dump.
    return jsonify(status.build(get_db(), current_user(), page=query["page"], per_page=query["per_page"]))
