"""API blueprints, one per area. Each module exposes ``bp``; register new areas here."""
from __future__ import annotations

import importlib

from apiflask import APIFlask

BLUEPRINTS = [
    "server.api.health",
    "server.api.pairing",
    "server.api.account_files",
    "server.api.accounts",
    "server.api.contacts",
    "server.api.events",
    "server.api.verifications",
    "server.api.bulk",
    "server.api.channels",
    "server.api.status",
    "server.api.monitor",
    "server.api.guides",
    "server.api.messages",
]


def register_blueprints(app: APIFlask, prefix: str) -> None:
    for name in BLUEPRINTS:
        app.register_blueprint(importlib.import_module(name).bp, url_prefix=prefix)
