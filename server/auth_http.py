"""Bearer-token authentication for the API (APIFlask's HTTPTokenAuth)."""
from __future__ import annotations

from apiflask import HTTPTokenAuth
from flask import g, request

from server.db import get_db
from server.errors import Unauthorized
from server.services.auth import User, user_for_token

auth = HTTPTokenAuth(scheme="Bearer", security_scheme_name="BearerAuth")


_UNSET = object()


def bearer_user() -> User | None:
    """The user of the request's bearer token (looked up once per request)."""
    cached = g.get("_bearer_user", _UNSET)
    if cached is _UNSET:
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else None
        cached = g._bearer_user = user_for_token(get_db(), token)
    return cached


@auth.verify_token
def _verify(token: str) -> User | None:
    return bearer_user()


@auth.error_handler
def _unauthorized(status: int):
    raise Unauthorized("A valid bearer token is required: pair the extension or run "
                       "`sellerguard token create`.", headers={"WWW-Authenticate": "Bearer"})


def current_user() -> User:
    return auth.current_user
