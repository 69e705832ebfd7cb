"""Bearer-token authentication for the API (APIFlask's HTTPTokenAuth)."""
from __future__ import annotations

from apiflask import HTTPTokenAuth

from server.db import get_db
from server.errors import Unauthorized
from server.services.auth import User, user_for_token

auth = HTTPTokenAuth(scheme="Bearer", security_scheme_name="BearerAuth")


@auth.verify_token
def _verify(token: str) -> User | None:
    return user_for_token(get_db(), token)


@auth.error_handler
def _unauthorized(status: int):
    raise Unauthorized("A valid bearer token is required: pair the extension or run "
                       "`sellerguard token create`.", headers={"WWW-Authenticate": "Bearer"})


def current_user() -> User:
    return auth.current_user
