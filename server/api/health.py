from apiflask import APIBlueprint

from server.api.schemas import Health
from server.limits import limiter

bp = APIBlueprint("health", __name__, tag="System")


@bp.get("/health")
@bp.output(Health)
@limiter.exempt
def health():
    """Liveness: answers without a token."""
    return {"status": "ok", "version": "1"}
