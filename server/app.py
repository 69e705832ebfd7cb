"""The application factory."""
from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

from apiflask import APIFlask
from flask import Response, json, request
from werkzeug.exceptions import HTTPException

from server import config as cfg
from server import db
from monitor.errors import MonitorError
from server.api.openapi import problem_openapi
from server.errors import PROBLEM_PREFIX, from_monitor, problem
from server.guards import SqliteInt, json_content_type, strict_json_body
from server.limits import limiter

log = logging.getLogger(__name__)

# apispec warns when APIFlask registers an output schema it already added as a nested one;
# server.api.openapi.dedupe_schemas folds the copies back, so the document stays exact.
warnings.filterwarnings("ignore", message=".*has already been added to the spec", category=UserWarning)

API_PREFIX = "/api/v1"


def create_app(overrides: dict[str, Any] | None = None, *, home: str | Path | None = None) -> APIFlask:
    """Build the API. ``overrides`` win over the data home's config file and the environment;
    tests pass ``{"HOME": tmp_path}`` (and anything else) here."""
    overrides = dict(overrides or {})
    home_path = cfg.resolve_home(overrides.pop("HOME", None) or home)
    settings = cfg.load(home_path, overrides)

    app = APIFlask(
        __name__,
        title="SellerGuard API",
        version="1",
        spec_path=f"{API_PREFIX}/openapi.json",
        # no Swagger UI page: APIFlask loads it from a CDN, and a tool whose data stays on the
        # seller's machine runs no remote code next to their token; the JSON document is enough
        docs_path=None,
    )
    app.config.update(settings)
    app.config["SECRET"] = cfg.secret_key(home_path)
    app.config["VALIDATION_ERROR_STATUS_CODE"] = 422
    app.config["SPEC_FORMAT"] = "json"
    app.config["SECURITY_SCHEMES"] = {
        "BearerAuth": {"type": "http", "scheme": "bearer"},
    }
    app.config["INFO"] = {
        "description": "Keep every seller account's contacts verified; hear first about new "
        "contact-verification policies. Errors are application/problem+json (RFC 9457).",
    }
    app.json.sort_keys = False

    db.init_app(app)
    app.before_request(json_content_type)  # before the limiter: a 415 spends no allowance
    limiter.init_app(app)
    app.error_processor(problem)
    app.spec_processor(problem_openapi)
    app.url_map.converters["int"] = SqliteInt  # before the blueprints' routes are built
    from server.api.account_files import import_body_limit

    app.before_request(import_body_limit)  # before the JSON guard reads the body
    app.before_request(strict_json_body)

    @app.errorhandler(MonitorError)
    def monitor_error(exc: MonitorError):
        return problem(from_monitor(exc))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):  # never a stack trace to the client
        if isinstance(exc, HTTPException):
            return exc
        log.exception("unhandled error on %s %s", request.method, request.path)
        body = {"type": PROBLEM_PREFIX + "internal-error", "title": "Internal error", "status": 500,
                "detail": "Something went wrong on the server; the error was logged."}
        return Response(json.dumps(body), status=500, mimetype="application/problem+json")

    from server.api import register_blueprints

    register_blueprints(app, API_PREFIX)
    return app
