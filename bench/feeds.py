"""A local feed farm: one threaded HTTP server on 127.0.0.1 serving N distinct RSS feeds.

``/feed/<i>.xml`` answers a small RSS document (``items`` items, ``ITEMS`` by default, distinct
per feed; with ``atom=True`` every odd-numbered feed is Atom 1.0 instead) with an ``ETag``; a
request whose ``If-None-Match`` matches gets ``304`` and no body. Requests and 304s are counted. Used by ``bench_monitor`` and the hardening suites.
"""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ITEMS = 3


def feed_body(i: int, version: int = 1, items: int = ITEMS,
              special: tuple[str, str] | None = None) -> bytes:
    """Feed ``i``; ``special`` (title, text) is one more item, the same in every version."""
    parts = ["<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>",
             f"<title>Feed {i}</title><link>http://feeds.test/{i}</link><description>d</description>"]
    if special:
        title, text = special
        parts.append(f"<item><title>{title}</title><link>http://feeds.test/{i}/special</link>"
                     f"<guid isPermaLink='false'>feed{i}-special</guid>"
                     f"<pubDate>Mon, 03 Feb 2025 09:00:00 GMT</pubDate>"
                     f"<description><![CDATA[<p>{text}</p>]]></description></item>")
    for k in range(items):
        parts.append(
            f"<item><title>Seller news {i}-{k} (v{version})</title>"
            f"<link>http://feeds.test/{i}/{version}/{k}</link>"
            f"<guid isPermaLink='false'>feed{i}-v{version}-item{k}</guid>"
            f"<pubDate>Mon, 03 Feb 2025 10:{k % 60:02d}:00 GMT</pubDate>"
            f"<description><![CDATA[<p>Weekly marketplace update {i}-{k}: fees, shipping "
            f"templates and holiday cut-off dates.</p>]]></description></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def atom_body(i: int, version: int = 1, items: int = ITEMS) -> bytes:
    """Feed ``i`` as Atom 1.0: the same items as :func:`feed_body`."""
    parts = ["<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>",
             f"<title>Feed {i}</title><id>urn:feed:{i}</id><link href='http://feeds.test/{i}'/>",
             "<updated>2025-02-03T10:00:00Z</updated>"]
    for k in range(items):
        parts.append(
            f"<entry><title>Seller news {i}-{k} (v{version})</title>"
            f"<link href='http://feeds.test/{i}/{version}/{k}'/>"
            f"<id>urn:feed{i}-v{version}-item{k}</id>"
            f"<updated>2025-02-03T10:{k % 60:02d}:00Z</updated>"
            f"<summary type='html'>&lt;p&gt;Weekly marketplace update {i}-{k}: fees, shipping "
            f"templates and holiday cut-off dates.&lt;/p&gt;</summary></entry>")
    parts.append("</feed>")
    return "".join(parts).encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024

    def handle_error(self, request, client_address):  # clients may hang up; not our concern
        pass


class FeedFarm:
    """N feeds on one server. ``version`` can be bumped to make every feed change."""

    def __init__(self, n: int, *, specials: dict[int, tuple[str, str]] | None = None,
                 items: int = ITEMS, atom: bool = False) -> None:
        self.n = n
        self.items = items
        self.atom = atom
        self.version = 1
        self.requests = 0
        self.not_modified = 0
        self.specials = specials or {}
        self.fetches: dict[int, int] = {}   # feed -> requests answered (200 or 304)
        self.in_flight = 0
        self.max_in_flight = 0              # most requests at once: 1 when clients are polite
        self._lock = threading.Lock()
        self._cache: dict[tuple[int, int], bytes] = {}
        farm = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in two writes: without this, Nagle + delayed ACK add
            # ~40 ms to every 200 on loopback and the figures measure the kernel, not us
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def do_GET(self):
                with farm._lock:
                    farm.requests += 1
                    farm.in_flight += 1
                    farm.max_in_flight = max(farm.max_in_flight, farm.in_flight)
                try:
                    self._get()
                finally:
                    with farm._lock:
                        farm.in_flight -= 1

            def _get(self):
                path = self.path.split("?")[0]
                try:
                    i = int(path.removeprefix("/feed/").removesuffix(".xml"))
                except ValueError:
                    i = -1
                if not (0 <= i < farm.n) or not path.startswith("/feed/"):
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                version = farm.version
                etag = f'"f{i}-v{version}"'
                with farm._lock:
                    farm.fetches[i] = farm.fetches.get(i, 0) + 1
                if self.headers.get("If-None-Match") == etag:
                    with farm._lock:
                        farm.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                atom = farm.atom and i % 2 == 1 and i not in farm.specials
                body = farm._cache.get((i, version))
                if body is None:
                    body = farm._cache[(i, version)] = (
                        atom_body(i, version, farm.items) if atom else
                        feed_body(i, version, farm.items, special=farm.specials.get(i)))
                self.send_response(200)
                self.send_header("Content-Type", "application/atom+xml; charset=utf-8" if atom
                                 else "application/rss+xml; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, i: int) -> str:
        return f"{self.base}/feed/{i}.xml"

    def sources(self, n: int | None = None) -> list[dict]:
        """Source definitions (the sources-file shape) for the first ``n`` feeds."""
        return [{"name": f"Feed {i}", "kind": "feed", "url": self.url(i), "language": "en",
                 "marketplaces": ["US"], "interval": "30m", "official": False}
                for i in range(self.n if n is None else n)]

    def reset_counts(self) -> None:
        with self._lock:
            self.requests = self.not_modified = 0

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> FeedFarm:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
