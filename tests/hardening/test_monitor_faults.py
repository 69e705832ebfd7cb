"""Hostile sources at the pipeline level, beside tests/monitor/test_mon_fetch.py (which covers
each fetch outcome): alternative spellings of the metadata address, more non-HTTP schemes, a
deflate bomb, and one full ``run_once`` in which hostile sources sit between good ones — the good
ones' items are all stored and every hostile one is recorded with a clear state."""
from __future__ import annotations

import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.feeds import feed_body
from monitor import fetch as f
from monitor import pipeline
from monitor.config import MonitorConfig
from monitor.db import connect
from monitor.fetch import FetchConfig, Fetcher
from monitor.sources.service import import_sources
from server.db import open_db

CFG = FetchConfig(connect_timeout=2, read_timeout=1.0, deadline=2.5, max_bytes=200_000,
                  max_redirects=3)


@pytest.mark.parametrize("url", [
    "http://2852039166/latest/meta-data/",          # 169.254.169.254 as one integer
    "http://0xa9fea9fe/latest/",                    # … in hex
    "http://169.254.169.254./latest/",              # trailing dot
    "http://[::ffff:169.254.169.254]/latest/",      # IPv4-mapped IPv6
    "http://[fd00:ec2::254]/latest/",
    "http://METADATA.GOOGLE.INTERNAL/computeMetadata/v1/",
])
def test_metadata_spellings_refused(url):
    with Fetcher(CFG) as fx, pytest.raises((f.ForbiddenAddress, f.NetworkError)) as exc:
        fx.fetch(url)
    assert not isinstance(exc.value, f.NetworkError) or "resolve" in str(exc.value)


@pytest.mark.parametrize("url", ["gopher://127.0.0.1/", "data:text/plain,hi", "javascript:alert(1)",
                                 "file://localhost/etc/passwd", "ws://127.0.0.1/", "//127.0.0.1/"])
def test_non_http_schemes_refused(url):
    with Fetcher(CFG) as fx, pytest.raises(f.UnsupportedScheme):
        fx.fetch(url)


def test_metadata_allowed_when_configured():
    allowed = FetchConfig(allow_link_local=True)
    assert f.check_url("http://169.254.169.254/", allowed)[0] == "169.254.169.254"
    assert f.check_url("http://[fd00:ec2::254]/", allowed)[0] == "fd00:ec2::254"


class _Hostile(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, *a):
        pass


def _site():
    stop = threading.Event()
    deflate_bomb = zlib.compress(b"\0" * 50_000_000, 9)

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *a):
            pass

        def _send(self, status, body=b"", **headers):
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k.replace("_", "-"), v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            p = self.path
            if p.startswith("/good/"):
                return self._send(200, feed_body(int(p.split("/")[2])),
                                  Content_Type="application/rss+xml")
            if p == "/deflate-bomb":
                return self._send(200, deflate_bomb, Content_Encoding="deflate")
            if p == "/loop":
                return self._send(302, Location="/loop2")
            if p == "/loop2":
                return self._send(302, Location="/loop")
            if p == "/to-metadata":
                return self._send(301, Location="http://169.254.169.254/latest/meta-data/")
            if p == "/bad-encoding":
                return self._send(200, b"<?xml version='1.0' encoding='utf-16'?>\xff\xfe<rss>\x00",
                                  Content_Type="application/rss+xml; charset=utf-16")
            if p == "/drip":
                self.send_response(200)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(100):
                    if stop.wait(0.2):
                        return
                    try:
                        self.wfile.write(b" ")
                        self.wfile.flush()
                    except OSError:
                        return
                return
            self._send(404)

    server = _Hostile(("127.0.0.1", 0), H)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, stop


def test_hostile_sources_do_not_cost_the_good_ones(tmp_path):
    # The monitor sends one request per host at a time, and a host whose request timed out has
    # its other sources skipped for the cycle. So each hostile route gets its own server here,
    # and the good feeds another one.
    hostile = ["/deflate-bomb", "/loop", "/to-metadata", "/bad-encoding", "/drip"]
    sites = {h: _site() for h in ["good", *hostile]}
    base = {h: f"http://127.0.0.1:{srv.server_address[1]}" for h, (srv, _stop) in sites.items()}
    entries = [{"name": f"good {i}", "kind": "feed", "url": f"{base['good']}/good/{i}",
                "language": "en"} for i in range(3)]
    entries += [{"name": h, "kind": "feed", "url": base[h] + h, "language": "en"}
                for h in hostile]
    entries.append({"name": "metadata", "kind": "feed", "url": "http://169.254.169.254/x",
                    "language": "en"})
    db = open_db(tmp_path / "sellerguard.db")
    try:
        import_sources(db, entries)
        config = MonitorConfig(fetch=CFG, workers=4, fetch_grace=2.0)
        summary = pipeline.run_once(db, all=True, config=config, deliver=False,
                                    analyzer=lambda r: {"id": r["id"], "label": "unrelated",
                                                        "score": 0, "reasons": [], "facts": {},
                                                        "story": str(r["id"])})
        states = {r.name: (r.state, r.error) for r in summary.results}
        assert summary.ok == 3 and summary.new_items == 9, states
        for name in hostile + ["metadata"]:
            state, error = states[name]
            assert state in ("failing", "blocked"), (name, state)
            assert error, name
        assert "decompression" in states["/deflate-bomb"][1] or "exceeds" in states["/deflate-bomb"][1]
        assert "loop" in states["/loop"][1] or "redirect" in states["/loop"][1]
        assert "link-local" in states["/to-metadata"][1] or "metadata" in states["/to-metadata"][1]
        assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 9
    finally:
        for server, stop in sites.values():
            stop.set()
            server.shutdown()
            server.server_close()
        db.close()


@pytest.mark.sqlite_file  # the WAL journal of the embedded file
def test_connect_helper_is_usable(tmp_path):  # the suites open the same file from threads
    db = connect(tmp_path / "x.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
