from apiflask import APIBlueprint
from flask import current_app
from flask_limiter.util import get_remote_address

from server.api.schemas import PairIn, PairOut, UserOut
from server.auth_http import auth, current_user
from server.db import get_db
from server.limits import limiter, pairing_limit
from server.services import auth as auth_service

bp = APIBlueprint("pairing", __name__, tag="Auth")


@bp.post("/pair")
# only real attempts spend the budget: a code that was tried (201 or 401), not a malformed request
@limiter.limit(pairing_limit, key_func=lambda: "pair:" + (get_remote_address() or "unknown"),
               deduct_when=lambda response: response.status_code in (201, 401))
@bp.input(PairIn, arg_name="body")
@bp.output(PairOut, status_code=201)
def pair(body):
    """Exchange a pairing code (from `sellerguard pair`) for a token. Rate limited per address."""
    user, token = auth_service.redeem_pairing_code(get_db(), current_app.config["SECRET"], body["code"])
    return {"token": token, "user": {"id": user.id, "name": user.name}}


@bp.get("/me")
@bp.auth_required(auth)
@bp.output(UserOut)
def me():
    """The user the token belongs to."""
    user = current_user()
    return {"id": user.id, "name": user.name}
