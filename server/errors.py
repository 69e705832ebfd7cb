"""Named exceptions and the one error shape: RFC 9457 ``application/problem+json``.

Services raise these; :func:`problem` turns any HTTP error into the same body, with a stable
``type`` per kind of failure. Nothing else in the server builds an error response.
"""
from __future__ import annotations

import logging

from apiflask.exceptions import HTTPError
from flask import Response, json

log = logging.getLogger(__name__)

PROBLEM_PREFIX = "urn:sellerguard:problem:"

_SLUG_BY_STATUS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-failed",
    429: "rate-limited",
    500: "internal-error",
    503: "unavailable",
}


class ApiError(HTTPError):
    """Base of the server's named errors; ``slug`` becomes the problem ``type``."""

    status_code = 400
    slug = "bad-request"

    def __init__(self, message: str | None = None, *, detail=None, headers=None, **extra):
        super().__init__(self.status_code, message, detail, headers, extra_data=extra)
        self.slug = extra.pop("slug", None) or type(self).slug


class NotFound(ApiError):
    status_code = 404
    slug = "not-found"


class Conflict(ApiError):
    status_code = 409
    slug = "conflict"


class PayloadTooLarge(ApiError):
    status_code = 413
    slug = "payload-too-large"


class UnsupportedMediaType(ApiError):
    status_code = 415
    slug = "unsupported-media-type"


class ValidationFailed(ApiError):
    """A field is invalid; ``errors`` maps each field to its messages."""

    status_code = 422
    slug = "validation-failed"

    def __init__(self, message: str | None = None, *, errors: dict | None = None, **extra):
        super().__init__(message or "The request has invalid fields.", errors=errors or {}, **extra)


class Unauthorized(ApiError):
    status_code = 401
    slug = "unauthorized"


class RateLimited(ApiError):
    status_code = 429
    slug = "rate-limited"

    def __init__(self, message: str | None = None, *, retry_after: int = 60, **extra):
        super().__init__(message, headers={"Retry-After": str(int(retry_after))}, **extra)


def _flatten_validation(detail) -> dict[str, list[str]]:
    """APIFlask reports ``{location: {field: [msg]}}``; we name each field once."""
    errors: dict[str, list[str]] = {}
    if not isinstance(detail, dict):
        return errors
    for location, fields in detail.items():
        if not isinstance(fields, dict):
            errors[str(location)] = [str(fields)]
            continue
        for field, messages in fields.items():
            if isinstance(messages, dict):  # nested (list items, sub-objects)
                for sub, msgs in _flatten_validation({location: messages}).items():
                    errors[f"{field}.{sub}"] = msgs
                continue
            if isinstance(messages, str):
                messages = [messages]
            errors[str(field)] = [str(m) for m in messages]
    return errors


def problem(error: HTTPError) -> Response:
    """The error processor: every failure leaves the API in this shape."""
    status = error.status_code or 500
    slug = getattr(error, "slug", None) or _SLUG_BY_STATUS.get(status, "error")
    body = {
        "type": PROBLEM_PREFIX + slug,
        "title": error.message or "Error",
        "status": status,
    }
    extra = dict(getattr(error, "extra_data", {}) or {})
    if status == 422 and "errors" not in extra:
        body["errors"] = _flatten_validation(error.detail)
        body["title"] = "The request has invalid fields."
        body["detail"] = "; ".join(f"{k}: {' '.join(v)}" for k, v in body["errors"].items())
    elif isinstance(error.detail, str) and error.detail:
        body["detail"] = error.detail
    body.update(extra)
    response = Response(json.dumps(body), status=status, mimetype="application/problem+json")
    for key, value in (error.headers or {}).items():
        response.headers[key] = value
    if status == 429 and "Retry-After" not in response.headers:
        from server.limits import retry_after_seconds

        response.headers["Retry-After"] = str(retry_after_seconds())
    return response


def from_monitor(exc: Exception) -> ApiError:
    """The monitor's named errors in the server's shape (the monitor knows nothing of HTTP)."""
    from monitor import errors as m

    if isinstance(exc, m.NotFound):
        return NotFound("Not found.")
    if isinstance(exc, m.Invalid):
        field = getattr(exc, "field", None) or "body"
        return ValidationFailed(errors={field: [str(exc)]})
    return ApiError(str(exc) or "The monitor refused the request.")
