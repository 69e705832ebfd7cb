"""The OpenAPI document tells the truth about errors: every one is application/problem+json."""
from __future__ import annotations

import re

# --- errors in the OpenAPI document ----------------------------------------------------------
# Every error leaves the API as RFC 9457 application/problem+json (server.errors.problem);
# APIFlask documents its own {message, detail} as application/json. ``problem_openapi`` is an
# APIFlask spec processor (``app.spec_processor(problem_openapi)``) that documents what is sent.

PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "object",
                   "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "additionalProperties": True,
}


_NUMBERED = re.compile(r"^(.*\D)(\d+)$")


def dedupe_schemas(spec: dict) -> dict:
    """APIFlask registers an output schema again after apispec has registered it as a nested
    schema of a list page, under a numbered name (``AccountOut1``). Identical copies are folded
    back into the first name and every reference follows."""
    schemas = spec.get("components", {}).get("schemas", {})
    renames = {}
    for name in list(schemas):
        m = _NUMBERED.match(name)
        if m and m.group(1) in schemas and schemas[m.group(1)] == schemas[name]:
            renames[f"#/components/schemas/{name}"] = f"#/components/schemas/{m.group(1)}"
            del schemas[name]

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str) and node["$ref"] in renames:
                node["$ref"] = renames[node["$ref"]]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if renames:
        walk(spec)
    return spec


def problem_openapi(spec: dict) -> dict:
    """Document every error answer as ``application/problem+json`` with the Problem schema, and
    add a ``default`` error response to every operation (404, 409, 429 … share the shape)."""
    spec.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for item in spec.get("paths", {}).values():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete") or not isinstance(op, dict):
                continue
            responses = op.setdefault("responses", {})
            # an operation answering HTML (the emailed link) answers its errors in HTML too
            html = {k: v for r in responses.values() for k, v in (r.get("content") or {}).items()
                    if k == "text/html"}
            for code, resp in responses.items():
                if code != "default" and str(code)[:1] in ("4", "5"):
                    kept = {k: v for k, v in (resp.get("content") or {}).items()
                            if k != "application/json"}
                    resp["content"] = {**kept, **problem}
            responses.setdefault("default", {"description": "Error (RFC 9457 problem)",
                                             "content": {**html, **problem}})
    return dedupe_schemas(spec)
