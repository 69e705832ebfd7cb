"""Fixture Seller Central sites over HTTPS on 127.0.0.1, answering for the real host names.

Chromium is told to resolve the Seller Central hosts to this server (``--host-resolver-rules``),
so the extension's shipped manifest (https only) applies unchanged. The certificate is
self-signed, made with ``openssl`` for the test session, and Chromium ignores its errors.
"""
from __future__ import annotations

import html
import json
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SITES = {k: v for k, v in json.loads((FIXTURES / "sites.json").read_text("utf-8")).items() if not k.startswith("_")}


def make_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    names = ",".join(f"DNS:{h}" for h in SITES)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=sellercentral.test", "-addext", f"subjectAltName={names}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


class FixtureSite:
    """The running server; ``state[host]`` is what the Notification Preferences page shows."""

    def __init__(self, directory: Path):
        self.state: dict[str, dict] = {
            host: {"email": "unverified", "phone": "unverified", "email_value": "", "phone_value": ""} for host in SITES
        }
        self.requests: list[tuple[str, str]] = []
        cert, key = make_certificate(directory)
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status: int, body: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):  # noqa: N802
                host = (self.headers.get("Host") or "").split(":")[0].lower()
                site.requests.append((host, self.path))
                if host not in SITES:
                    return self._send(404, b"unknown host", "text/plain")
                if self.path.startswith("/__fixture/state"):
                    return self._send(200, json.dumps(site.state[host]).encode(), "application/json")
                if self.path.startswith("/__fixture/app.js"):
                    return self._send(200, (FIXTURES / "app.js").read_bytes(), "text/javascript")
                return self._send(200, site.page(host).encode("utf-8"), "text/html; charset=utf-8")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def page(self, host: str) -> str:
        site = SITES[host]
        out = (FIXTURES / "app.html").read_text("utf-8")
        words = site["words"]
        out = out.replace("{{words_json}}", json.dumps(words, ensure_ascii=False).replace("</", "<\\/"))
        out = out.replace("{{lang}}", site["lang"])
        for key, value in words.items():
            out = out.replace("{{" + key + "}}", html.escape(value))
        return out

    def resolver_rules(self) -> str:
        return ", ".join(f"MAP {host} 127.0.0.1:{self.port}" for host in SITES)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
