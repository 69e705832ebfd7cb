"""The two fixes the fuzzer found that need a registration in ``server/app.py`` (the lead's file):

    app.url_map.converters["int"] = SqliteInt      # before the blueprints are registered
    app.spec_processor(problem_openapi)
    app.before_request(strict_json_body)

Until ``create_app`` does this itself, the hardening suites apply the same effect to the apps
they build (``harden`` changes nothing once the app has them).
"""
from __future__ import annotations

from werkzeug.routing import IntegerConverter

from server.api.schemas import SQLITE_MAX_INT, problem_openapi, strict_json_body


def harden(app):
    if app.spec_callback is None:
        app.spec_processor(problem_openapi)  # errors documented as application/problem+json
    for rule in app.url_map.iter_rules():
        for conv in (getattr(rule, "_converters", None) or {}).values():
            if isinstance(conv, IntegerConverter) and conv.max is None:
                conv.max = SQLITE_MAX_INT  # larger ids: 404, not OverflowError (500)
    if strict_json_body not in app.before_request_funcs.get(None, []):
        app.before_request(strict_json_body)  # bad JSON bodies: 400, not a 500 in a service
    return app
