"""Helpers for the monitor's tests: local HTTP sites with scripted answers, an Apprise json://
receiver, a deterministic analyzer, small feed builders."""
from __future__ import annotations

import gzip
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


FIXTURES = Path(__file__).with_name("fixtures")


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # clients hang up on purpose in tests
        pass


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0            # before the status line
    drip: float = 0.0             # seconds between body bytes
    etag: str | None = None       # answer 304 when If-None-Match matches
    location: str | None = None
    handler: object = None        # callable(request_handler) for anything else


class Site:
    """A threaded HTTP server on 127.0.0.1:0 answering scripted routes."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.requests: list[dict] = []
        self.stop = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path.split("?")[0]
                site.hits[path] = site.hits.get(path, 0) + 1
                site.requests.append({"path": self.path, "headers": dict(self.headers)})
                route = site.routes.get(path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.handler:
                    return route.handler(self)
                if route.delay:
                    site.stop.wait(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.location:
                    self.send_header("Location", route.location)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if route.drip:
                    for i in range(len(route.body)):
                        if site.stop.wait(route.drip):
                            return
                        try:
                            self.wfile.write(route.body[i:i + 1])
                            self.wfile.flush()
                        except OSError:
                            return
                else:
                    try:
                        self.wfile.write(route.body)
                    except OSError:
                        pass

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, **kw) -> str:
        self.routes[path] = Route(**kw)
        return self.url(path)

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()








def trickle_headers(site: "Site", interval: float = 0.2, count: int = 400):
    """A route handler that sends its status line and headers one byte per ``interval``
    (``count`` padding header bytes), then a tiny feed: each read gets a byte well within any read
    timeout, so only a deadline over the whole exchange ends it."""
    def handler(req) -> None:
        head = b"HTTP/1.1 200 OK\r\nX-Pad: " + b"a" * count + b"\r\nContent-Length: 2\r\n\r\nok"
        req.close_connection = True  # when stopped, hang up instead of waiting for a request
        for i in range(len(head)):
            if site.stop.wait(interval):
                return
            try:
                req.wfile.write(head[i:i + 1])
                req.wfile.flush()
            except OSError:
                return
    return handler


def endless_continue(site: "Site", interval: float = 0.2):
    """A route handler that answers ``100 Continue`` again and again, never a final status."""
    def handler(req) -> None:
        req.close_connection = True
        while not site.stop.wait(interval):
            try:
                req.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                req.wfile.flush()
            except OSError:
                return
    return handler


class Receiver:
    """Records Apprise json:// POSTs; ``fail_next`` answers 500 that many times first."""

    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.fail_next = 0
        rec = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if rec.fail_next > 0:
                    rec.fail_next -= 1
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                try:
                    payload = json.loads(body)
                except ValueError:
                    payload = {"raw": body.decode("utf-8", "replace")}
                rec.messages.append({"path": self.path, "headers": dict(self.headers),
                                     "payload": payload})
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def apprise_url(self) -> str:
        return f"json://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()





# --- a deterministic stand-in for monitor.analysis.analyze (same contract, DESIGN §3.2) -----

_ISO = re.compile(r"(effective|deadline|announced)[:\s]+(\d{4}-\d{2}-\d{2})", re.I)


def stub_analyze(record: dict) -> dict:
    text = f"{record.get('title') or ''}\n{record.get('text') or ''}".lower()
    facts = {"marketplace": None, "contact_types": [], "method": None, "where": None,
             "effective_date": None, "announced_date": None, "deadline": None,
             "consequences": None, "notes": []}
    for m in _ISO.finditer(text):
        key = {"effective": "effective_date", "deadline": "deadline",
               "announced": "announced_date"}[m.group(1).lower()]
        facts[key] = facts[key] or m.group(2)
    mp = re.search(r"\bmarketplace[:\s]+([a-z]{2})\b", text)
    if mp:
        facts["marketplace"] = mp.group(1).upper()
    hit = "verify" in text and ("emergency contact" in text or "phone" in text)
    if "phishing" in text:
        hit = False
    if "emergency contact" in text:
        facts["contact_types"] = ["emergency_contact", "phone"]
        story = "ecn-verification"
    elif "phone" in text:
        facts["contact_types"] = ["phone"]
        story = "phone-verification"
    else:
        story = "other-" + str(record["id"])
    if "otp" in text or "one-time" in text:
        facts["method"] = "otp"
    return {"id": record["id"], "label": "contact_verification" if hit else "unrelated",
            "score": 0.9 if hit else 0.1, "reasons": ["stub"], "facts": facts, "story": story}





def rss(items: list[dict], title: str = "Test feed") -> bytes:
    """A small RSS 2.0 document; item keys: title, link, guid, description, pubDate."""
    parts = [f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
             f"<title>{title}</title><link>http://example.test/</link>"
             f"<description>d</description>"]
    for it in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "pubDate"):
            if it.get(key):
                parts.append(f"<{key}>{it[key]}</{key}>")
        if it.get("description"):
            parts.append(f"<description><![CDATA[{it['description']}]]></description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def gzip_bomb(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)


def wait_for(predicate, timeout: float = 10.0, step: float = 0.05) -> bool:
    """Poll a condition (used to synchronise with subprocesses, never to assert timings)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
