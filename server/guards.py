"""Request guards: inputs that would otherwise fail deep in a service (and answer 500) are
refused at the door with a clear problem+json."""
from __future__ import annotations

import json as _json

from flask import current_app, request
from werkzeug.routing import IntegerConverter

from server.errors import ApiError, UnsupportedMediaType

# --- ids in paths ------------------------------------------------------------------------------
# SQLite integers are signed 64-bit; Werkzeug's ``int`` converter accepts any length, and an id
# like /accounts/217675107203516792832 raised OverflowError deep in sqlite3 (a 500). Registered as
# the app's ``int`` converter (``app.url_map.converters["int"] = SqliteInt``), a larger id simply
# does not match the route: 404 problem.


SQLITE_MAX_INT = 2**63 - 1


class SqliteInt(IntegerConverter):
    def __init__(self, map, *args, **kwargs):  # noqa: A002 - Werkzeug's signature
        kwargs.setdefault("max", SQLITE_MAX_INT)
        super().__init__(map, *args, **kwargs)


# --- request bodies ------------------------------------------------------------------------------
# Three JSON bodies reached the services and failed there with a 500: a lone surrogate
# ("\ud800": UnicodeEncodeError in sqlite3), an integer of more than 4,300 digits (ValueError from
# Python's int limit) and 100,000 nested arrays (RecursionError). ``strict_json_body`` is a
# ``before_request`` hook (``app.before_request(strict_json_body)``) that parses a JSON body once
# and answers 400 problem for each of these before any view runs.

def strict_json_body():
    if not request.is_json or not request.content_length and not request.data:
        return None
    try:
        data = _json.loads(request.get_data(cache=True))
        _json.dumps(data, ensure_ascii=False).encode("utf-8")  # lone surrogates cannot be stored
    except (ValueError, RecursionError, UnicodeError) as exc:
        raise ApiError("The request body is not valid JSON.",
                       detail=f"{type(exc).__name__}: {str(exc)[:200]}") from None
    return None


# --- content type ------------------------------------------------------------------------------
# An operation that takes a JSON body answered a form post or a text/plain body with 422 ("field
# missing"), which sends the caller looking at their fields. ``json_content_type`` answers 415
# instead, and is registered before the rate limiter so a refused request spends no allowance
# (pairing attempts are counted only when a code was actually tried).

def json_content_type():
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or request.method not in ("POST", "PUT", "PATCH"):
        return None
    if not getattr(view, "_spec", {}).get("body") or request.is_json:
        return None
    raise UnsupportedMediaType(
        "This operation takes a JSON body.",
        detail=f"Send Content-Type: application/json (got "
               f"{(request.content_type or 'none')[:100]!r}).")
