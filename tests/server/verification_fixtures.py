"""Helpers for the verification tests: a movable clock, a local HTTP receiver standing in for an
SMS provider or webhook, a real SMTP server (aiosmtpd) on loopback, and shortcuts over the API."""
from __future__ import annotations

import email
import email.policy
import json
import re
import socket
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from server.db import get_db
from server.services import delivery

API = "/api/v1"
MOBILE_DE = "+4915123456789"
MOBILE_DE_2 = "+4915223456780"
LANDLINE_DE = "+493012345678"
MOBILE_UK = "+447911123456"


class Clock:
    """An injected clock (``app.config["NOW"]``): tests move time instead of sleeping."""

    def __init__(self, start: datetime | None = None):
        self.now = start or datetime(2025, 2, 3, 9, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


HIGH_LIMITS = {
    "VERIFY_TOKEN_RATE_LIMIT": "10000 per minute",
    "VERIFY_IP_RATE_LIMIT": "10000 per minute",
    "VERIFY_CHECK_RATE_LIMIT": "10000 per minute",
    "VERIFY_LINK_RATE_LIMIT": "10000 per minute",
}


@pytest.fixture
def clock(app):
    c = Clock()
    app.config["NOW"] = c
    app.config.update(HIGH_LIMITS)  # request-rate limits are tested on their own
    return c


class Receiver:
    """An HTTP server on 127.0.0.1 (port 0) recording JSON/form posts; ``status`` is what it answers."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw
                receiver.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                self.send_response(receiver.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/sms") -> str:
        return f"json://127.0.0.1:{self.port}{path}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSink:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def text(self, index: int = -1) -> str:
        msg = self.messages[index]
        part = msg.get_body(preferencelist=("plain", "html"))
        return part.get_content()


@pytest.fixture
def smtp():
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


def code_in(text: str) -> str:
    found = re.search(r"(?<!\d)(\d{6})(?!\d)", text)
    assert found, text
    return found.group(1)


def outbox_code(app, user_id: int) -> str:
    with app.app_context():
        item = delivery.list_outbox(get_db(), user_id, 1)[0]
    return code_in(item["body"])


def outbox_items(app, user_id: int, limit: int = 100) -> list[dict]:
    with app.app_context():
        return delivery.list_outbox(get_db(), user_id, limit)


def add_contact(client, headers, account_id: int, kind: str, value: str) -> dict:
    r = client.post(f"{API}/accounts/{account_id}/contacts", json={"kind": kind, "value": value},
                    headers=headers)
    assert r.status_code == 201, r.json
    return r.json


def add_account(client, headers, marketplaces=("DE", "FR"), name="Acme") -> dict:
    r = client.post(f"{API}/accounts", json={"name": name, "marketplaces": list(marketplaces)},
                    headers=headers)
    assert r.status_code == 201, r.json
    return r.json


def add_channel(client, headers, url: str, purposes, name: str | None = None) -> dict:
    r = client.post(f"{API}/channels", json={"name": name or f"ch-{len(url)}-{'-'.join(purposes)}",
                                             "url": url, "purposes": list(purposes)}, headers=headers)
    assert r.status_code == 201, r.json
    return r.json


def start(client, headers, contact_id: int, channel: str = "sms", **extra):
    return client.post(f"{API}/contacts/{contact_id}/verifications",
                       json={"channel": channel, **extra}, headers=headers)


def check(client, headers, verification_id: int, code: str):
    return client.post(f"{API}/verifications/{verification_id}/check", json={"code": code},
                       headers=headers)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"
