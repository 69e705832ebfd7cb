from apiflask import APIBlueprint

from server.api.status_schemas import StatusOut
from server.auth_http import auth, current_user
from server.db import get_db
from server.services import status

bp = APIBlueprint("status", __name__, tag="Status")


@bp.get("/status")
@bp.auth_required(auth)
@bp.output(StatusOut)
def get_status():
    """Everything the extension's badge, popup and in-page prompt need, in one call."""
    return status.build(get_db(), current_user())
