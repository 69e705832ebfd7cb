"""Helpers for the new-seller journeys (test_journeys.py): a SellerGuard server of their own that
the tests drive only through the ``sellerguard`` CLI and can stop and start again on the same
port, a local RSS feed server, and a local JSON webhook receiver (Apprise ``json://``).
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


class JourneyServer:
    """``sellerguard init`` + ``serve`` in its own data home. The installation watches only the
    sources the tests add: the shipped (shared, internet) sources are switched off, so
    ``monitor run --all`` never leaves this machine."""

    def __init__(self, home: Path):
        self.home = home
        self.env = {**os.environ, "SELLERGUARD_OFFLINE": "true", "SELLERGUARD_PAIRING_RATE_LIMIT": "1000 per minute",
                    "COLUMNS": "240", "PYTHONUNBUFFERED": "1", "NO_COLOR": "1",
                    # the journeys' users are not the instance owner, and their feeds are on
                    # loopback: the setting that allows that (issue 12, item 8)
                    "SELLERGUARD_ALLOW_PRIVATE_SOURCES": "1"}
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.base = ""
        self.output: list[str] = []
        self.cli("init", "--json")
        with sqlite3.connect(home / "sellerguard.db") as db:
            db.execute("UPDATE sources SET enabled = 0 WHERE user_id IS NULL")

    def cli(self, *args: str, json_out: bool = False, check: bool = True):
        """Runs ``sellerguard --home H ARGS``; with json_out, parses stdout as JSON."""
        cmd = [sys.executable, "-m", "server.cli", "--home", str(self.home), *args]
        done = subprocess.run(cmd, capture_output=True, text=True, env=self.env, cwd=ROOT, timeout=180)
        if check and done.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return json.loads(done.stdout) if json_out else done.stdout

    def start(self) -> None:
        assert self.process is None
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "--home", str(self.home), "serve", "--port", str(self.port), "--no-monitor"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=self.env, cwd=ROOT)
        deadline = time.monotonic() + 90
        base = None
        while time.monotonic() < deadline and base is None:
            line = self.process.stdout.readline()
            if not line:
                if self.process.poll() is not None:
                    break
                continue
            self.output.append(line)
            m = re.search(r"(http://127\.0\.0\.1:(\d+))", line)
            if m:
                base, self.port = m.group(1), int(m.group(2))
        if base is None:
            self.stop()
            raise AssertionError("sellerguard serve did not start:\n" + "".join(self.output[-30:]))
        self.base = base
        # Keep reading its output so a chatty server never blocks on a full pipe.
        threading.Thread(target=self._drain, args=(self.process,), daemon=True).start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise AssertionError("sellerguard serve does not answer /health")

    def _drain(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            self.output.append(line)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def new_user(self, name: str) -> str:
        self.cli("user", "add", name)
        return name

    def pairing_code(self, user: str) -> str:
        return self.cli("pair", "--user", user, "--json", json_out=True)["code"]

    def outbox(self, user: str) -> list[dict]:
        return self.cli("outbox", "--user", user, "--json", json_out=True)


def _serve(handler_cls) -> tuple[ThreadingHTTPServer, threading.Thread]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_cls)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd, thread


class FeedServer:
    """Plain HTTP on 127.0.0.1 serving one RSS document at ``/feed.xml``."""

    def __init__(self, rss: str):
        self.rss = rss
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                server.hits.append(self.path)
                if self.path.split("?")[0] != "/feed.xml":
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = server.rss.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd, self.thread = _serve(Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.xml"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class JsonReceiver:
    """A webhook for Apprise's ``json://127.0.0.1:PORT/path``: records every POSTed JSON body."""

    def __init__(self):
        self.messages: list[dict] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"null")
                except ValueError:
                    body = {"raw": raw.decode("utf-8", "replace")}
                with receiver.lock:
                    receiver.messages.append({"path": self.path, "headers": dict(self.headers), "body": body})
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd, self.thread = _serve(Handler)
        self.port = self.httpd.server_address[1]

    def url(self, path: str = "hook") -> str:
        return f"json://127.0.0.1:{self.port}/{path}"

    def received(self) -> list[dict]:
        with self.lock:
            return list(self.messages)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(items: list[dict], title: str = "Marketplace Seller News") -> str:
    """An RSS 2.0 document; each item has title, link, guid, published (RFC 822), text."""
    from xml.sax.saxutils import escape

    parts = [f"<item><title>{escape(i['title'])}</title><link>{escape(i['link'])}</link>"
             f"<guid isPermaLink=\"false\">{escape(i['guid'])}</guid><pubDate>{i['published']}</pubDate>"
             f"<dc:creator>{escape(i.get('author', 'News desk'))}</dc:creator>"
             f"<description>{escape(i['text'])}</description></item>" for i in items]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{escape(title)}</title><link>http://127.0.0.1/</link>"
            "<description>News for marketplace sellers</description><language>en</language>"
            + "".join(parts) + "</channel></rss>")
