"""Conditional GETs for the lists the extension polls (``/status``, ``/alerts``).

The ETag is the user's data version (bumped by triggers in the same transaction as every write
to what these lists show, see ``server.services.status_schema``), the day and the query string.
:func:`conditional` sits between authentication and query parsing: an ``If-None-Match`` that
names the current ETag gets a ``304`` after one indexed read, before anything else is done.
"""
from __future__ import annotations

import functools

from flask import Response, g, make_response, request

from server.auth_http import current_user
from server.db import get_db
from server.services import status


def request_etag(scope: str) -> str:
    """The current ETag of this request's answer (unquoted, weak)."""
    return status.current_etag(get_db(), current_user().id,
                               scope + "?" + request.query_string.decode("latin-1"))


def _mark(response: Response, tag: str) -> Response:
    response.set_etag(tag, weak=True)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def conditional(scope: str):
    """Decorate a GET view (under ``auth_required``, above ``input``): ``304`` while unchanged,
    else the view runs and its response carries the ETag (the view may set ``g.etag`` itself,
    computed in the snapshot it read)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            tag = request_etag(scope)
            if request.if_none_match and request.if_none_match.contains_weak(tag):
                return _mark(Response(status=304), tag)
            g.etag = tag
            response = make_response(view(*args, **kwargs))
            if response.status_code == 200:
                _mark(response, g.etag)
            return response

        return wrapper

    return decorator
