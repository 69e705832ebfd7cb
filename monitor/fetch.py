"""Polite, bounded HTTP fetching for sources (httpx; never feedparser's own fetcher).

Every fetch is bounded: connect and read timeouts, a total deadline over the whole exchange
(connect, TLS, status line and headers, endless ``100 Continue``, body: every socket operation
gets at most the time left, so a server that drips one byte a second cannot hold us), a size
cap counted on the wire *and* after decompression, a redirect cap with loop detection, only ``http``/``https``, and no link-local or
cloud-metadata addresses unless the configuration allows them. Requests to one host (host:port)
are serialised within the process. Conditional requests are plain: pass the stored ``etag`` and
``last_modified``; a 304 raises :class:`NotModified` and nothing is parsed.

Outcomes that are not content are named exceptions, all :class:`FetchError`:
:class:`NotModified`, :class:`Blocked` (403, 429, captcha/robot-check pages), :class:`HTTPError`
(other statuses; ``retry_after`` from 503), :class:`TooLarge`, :class:`TooManyRedirects`,
:class:`DeadlineExceeded`, :class:`ForbiddenAddress`, :class:`UnsupportedScheme`,
:class:`NetworkError`.
"""
from __future__ import annotations

import email.utils
import ipaddress
import random
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from monitor.errors import MonitorError

USER_AGENT = (
    "SellerGuard-Monitor/0.1 (self-hosted seller policy monitor; conditional requests, "
    "one request per host at a time)"
)

METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata.goog", "metadata"})
_LINK_LOCAL_V4 = ipaddress.ip_network("169.254.0.0/16")
_LINK_LOCAL_V6 = ipaddress.ip_network("fe80::/10")
_AWS_METADATA_V6 = ipaddress.ip_address("fd00:ec2::254")
# other clouds' fixed metadata / wire-server addresses outside 169.254.0.0/16
_METADATA_V4 = frozenset({ipaddress.ip_address("100.100.100.200"),   # Alibaba
                          ipaddress.ip_address("168.63.129.16")})     # Azure wire server
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_RETRY_AFTER = 7 * 24 * 3600


# --- errors -----------------------------------------------------------------------------------

class FetchError(MonitorError):
    """A fetch did not produce content. ``retry_after``: seconds the server asked us to wait."""

    state = "failing"

    def __init__(self, message: str, *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class NotModified(FetchError):
    """304: the stored copy is current; nothing to parse."""

    state = "not_modified"


class Blocked(FetchError):
    """The site refused us (403, 429) or answered with a captcha / robot-check page."""

    state = "blocked"


class HTTPError(FetchError):
    """Any other non-success status."""


class TooLarge(FetchError):
    """The body (on the wire or decompressed) exceeds the size cap."""


class TooManyRedirects(FetchError):
    """More redirects than allowed, or a redirect loop."""


class DeadlineExceeded(FetchError):
    """The fetch took longer than its total deadline (or a timeout fired)."""


class ForbiddenAddress(FetchError):
    """The host resolves to a link-local or cloud-metadata address."""


class PrivateAddress(ForbiddenAddress):
    """The host is (or resolves to) a loopback or private-network address and the source's
    owner may not reach those."""


class UnsupportedScheme(FetchError):
    """Only http and https are fetched."""


class NetworkError(FetchError):
    """Connection refused, reset, DNS failure, TLS failure …"""


class HostBusy(FetchError):
    """Another request to the same host did not finish in time; try again on the next tick."""


# --- configuration and result ------------------------------------------------------------------

@dataclass
class FetchConfig:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0              # total seconds for one fetch, redirects included
    max_bytes: int = 5 * 1024 * 1024    # on the wire and after decompression
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    allow_link_local: bool = False      # 169.254/16, fe80::/10, fd00:ec2::254, metadata hosts
    verify_tls: bool = True
    # who may fetch loopback / private-network (RFC 1918, ULA, CGNAT …) URLs: called with the
    # source's owner (None: a shared source). None here: everyone (the monitor on its own); the
    # server passes its policy (the instance owner, or everyone with ALLOW_PRIVATE_SOURCES).
    private_ok: Callable[[int | None], bool] | None = None


@dataclass
class Response:
    url: str                            # final URL after redirects
    status: int
    headers: dict[str, str]             # lower-cased names
    body: bytes
    elapsed: float = 0.0
    redirects: list[str] = field(default_factory=list)

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


# --- helpers ----------------------------------------------------------------------------------

def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from ``Retry-After`` (delta-seconds or HTTP-date), capped at a week."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), MAX_RETRY_AFTER))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = (when - (now or datetime.now(UTC))).total_seconds()
    return float(min(max(delta, 0.0), MAX_RETRY_AFTER))


def backoff(failures: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter on the upper half: ``base * 2**(failures-1)``,
    capped, then drawn in [50 %, 100 %] of that."""
    if failures <= 0:
        return base
    raw = min(cap, base * (2 ** min(failures - 1, 30)))
    r = (rng or random).uniform(0.5, 1.0)
    return max(1.0, raw * r)


def jittered(interval: float, fraction: float = 0.1, rng: random.Random | None = None) -> float:
    """``interval`` ± ``fraction`` so that sources with one interval do not poll in lockstep."""
    return max(1.0, interval * (1 + (rng or random).uniform(-fraction, fraction)))


_CAPTCHA_TITLE = re.compile(
    rb"<title[^>]*>[^<]*(robot check|captcha|attention required|just a moment|are you a robot|"
    rb"access denied|verify you are human|bot check|security check)[^<]*</title>",
    re.I,
)
_CAPTCHA_MARKERS = re.compile(
    rb"(/errors/validatecaptcha|g-recaptcha|h-captcha|cf-turnstile|cf-chl-|challenge-platform|"
    rb"name=[\"']?captcha|id=[\"']?captcha|type the characters you see|"
    rb"enter the characters you see below)",
    re.I,
)


def looks_like_captcha(body: bytes, content_type: str = "") -> bool:
    """A robot-check page, judged from structural markers in the first 64 KiB of an HTML body
    (a feed article that merely mentions the word "captcha" is not one)."""
    if content_type and "html" not in content_type and not body[:200].lstrip().lower().startswith(
        (b"<!doctype html", b"<html")
    ):
        return False
    head = body[:65536]
    return bool(_CAPTCHA_TITLE.search(head) or _CAPTCHA_MARKERS.search(head))


def _forbidden(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped:
            addr = addr.ipv4_mapped
        elif addr in _NAT64:
            addr = ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    if isinstance(addr, ipaddress.IPv4Address):
        return addr in _LINK_LOCAL_V4 or addr in _METADATA_V4
    return addr in _LINK_LOCAL_V6 or addr == _AWS_METADATA_V6


def guard_address(host: str, port: int | None = None) -> None:
    """Refuse a host that is, or resolves to, a link-local or cloud-metadata address (SSRF to the
    machine's credentials). Loopback and private networks stay allowed: a self-hosted tool talks
    to local feeds, SMTP servers and webhooks.

    :raise ForbiddenAddress: :raise NetworkError: the host does not resolve.
    """
    host = (host or "").lower().rstrip(".").strip("[]")
    if host in METADATA_HOSTS:
        raise ForbiddenAddress(f"{host} is a cloud metadata host")
    try:
        infos = socket.getaddrinfo(host, port or 0, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise NetworkError(f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%")[0])
        if _forbidden(addr):
            raise ForbiddenAddress(f"{host} resolves to {addr}, a link-local/metadata address")


def is_private(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, RFC 1918, unique-local, CGNAT, unspecified and other non-global addresses."""
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return not addr.is_global or addr.is_loopback or addr.is_private


def guard_private(host: str, port: int | None = None) -> None:
    """:raise PrivateAddress: ``host`` is or resolves to a loopback/private address.
    :raise NetworkError: it does not resolve."""
    host = (host or "").lower().rstrip(".").strip("[]")
    if host == "localhost" or host.endswith(".localhost"):
        raise PrivateAddress(f"{host} is a loopback name, a private-network destination: only "
                             "the instance owner's sources may reach those "
                             "(setting ALLOW_PRIVATE_SOURCES)")
    try:
        infos = socket.getaddrinfo(host, port or 0, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise NetworkError(f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%")[0])
        if is_private(addr):
            raise PrivateAddress(
                f"{host} resolves to {addr}, a loopback/private-network address: only the "
                "instance owner's sources may reach those (setting ALLOW_PRIVATE_SOURCES)")


def check_url(url: str, config: FetchConfig, *, private_ok: bool = True) -> tuple[str, int]:
    """Refuse schemes other than http(s) and metadata / link-local destinations, and with
    ``private_ok`` False loopback / private-network destinations too.

    :raise UnsupportedScheme: not http or https.
    :raise ForbiddenAddress: the host is (or resolves to) a link-local or metadata address.
    :raise NetworkError: the host does not resolve.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsupportedScheme(f"only http and https URLs are fetched, not {scheme or 'none'!r}")
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise UnsupportedScheme(f"URL has no host: {url!r}")
    port = parts.port or (443 if scheme == "https" else 80)
    if not private_ok:
        guard_private(host, port)
    if config.allow_link_local:
        return host, port
    guard_address(host, port)
    return host, port


class _Decoder:
    """Bounded gzip/deflate decoding.

    Written here because httpx's decoders call ``zlib.decompress`` without ``max_length``: one
    64 KiB chunk of a gzip bomb would expand to ~64 MiB in memory before any cap could look at it.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding = encoding
        self.limit = limit
        self.total = 0
        self._first = True
        if encoding in ("gzip", "x-gzip"):
            self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._d = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            self._d = None

    def feed(self, data: bytes) -> bytes:
        if self._d is None:
            self.total += len(data)
            self._check()
            return data
        if self.encoding == "deflate" and self._first:
            self._first = False
            try:
                return self._decompress(data)
            except zlib.error:  # raw deflate without zlib header (old IIS)
                self._d = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._decompress(data)

    def _decompress(self, data: bytes) -> bytes:
        out = bytearray()
        while data:
            try:
                chunk = self._d.decompress(data, self.limit - self.total + 1)
            except zlib.error as exc:
                raise HTTPError(f"corrupt {self.encoding} body: {exc}") from exc
            self.total += len(chunk)
            self._check()
            out += chunk
            data = self._d.unconsumed_tail
            if self._d.eof:
                break
        return bytes(out)

    def flush(self) -> bytes:
        if self._d is None:
            return b""
        tail = self._d.flush()
        self.total += len(tail)
        self._check()
        return tail

    def _check(self) -> None:
        if self.total > self.limit:
            raise TooLarge(f"body exceeds {self.limit} bytes after decompression")


# --- the whole-exchange deadline -----------------------------------------------------------------
# httpx's timeouts are per socket operation: a server that sends one header byte per second, or an
# endless stream of ``100 Continue`` answers, never trips a read timeout, and the streaming loop
# below only looks at the clock once the headers are in. So every socket operation of a fetch gets
# at most the time left until the fetch's deadline (a thread-local set by ``Fetcher._one``), and
# none is started once it has passed. httpx exposes no hook for httpcore's network backend, so
# ``_deadline_transport`` puts this wrapper into the transport's pool (``_pool._network_backend``).

_deadline = threading.local()


def _bounded(timeout: float | None, exc: type[Exception]) -> float | None:
    at = getattr(_deadline, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise exc("the fetch's total deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        return _DeadlineStream(self._inner.start_tls(
            ssl_context, server_hostname, _bounded(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return _DeadlineStream(self._inner.connect_tcp(
            host, port, _bounded(timeout, httpcore.ConnectTimeout), local_address,
            socket_options))

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        return _DeadlineStream(self._inner.connect_unix_socket(
            path, _bounded(timeout, httpcore.ConnectTimeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _deadline_transport(verify: bool) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport(verify=verify, trust_env=False)
    pool = transport._pool
    pool._network_backend = _DeadlineBackend(pool._network_backend)
    return transport


# --- the fetcher ------------------------------------------------------------------------------

_host_guard = threading.Lock()
_host_locks: dict[str, threading.Lock] = {}


def _host_lock(netloc: str) -> threading.Lock:
    with _host_guard:
        return _host_locks.setdefault(netloc, threading.Lock())


class Fetcher:
    """One httpx client with the monitor's limits. Thread-safe; reuse it across sources."""

    def __init__(self, config: FetchConfig | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.config = config or FetchConfig()
        c = self.config
        self.client = httpx.Client(
            timeout=httpx.Timeout(
                connect=c.connect_timeout, read=min(c.read_timeout, c.deadline),
                write=c.read_timeout, pool=c.deadline,
            ),
            follow_redirects=False,
            headers={"User-Agent": c.user_agent, "Accept-Encoding": "gzip, deflate"},
            verify=c.verify_tls,
            transport=transport or _deadline_transport(c.verify_tls),
            trust_env=False,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              accept: str | None = None, owner: int | None = None) -> Response:
        """GET ``url`` within the limits; see the module docstring for the outcomes.
        ``owner``: the user whose source this is (None: shared), for ``config.private_ok``."""
        c = self.config
        private_ok = c.private_ok is None or bool(c.private_ok(owner))
        started = time.monotonic()
        deadline_at = started + c.deadline
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        seen: list[str] = []
        current = url
        while True:
            check_url(current, c, private_ok=private_ok)  # every hop
            if current in seen:
                raise TooManyRedirects(f"redirect loop at {current}")
            seen.append(current)
            if len(seen) > c.max_redirects + 1:
                raise TooManyRedirects(f"more than {c.max_redirects} redirects")
            status, resp_headers, body = self._one(current, headers, deadline_at)
            if status in REDIRECT_STATUSES and resp_headers.get("location"):
                current = urljoin(current, resp_headers["location"])
                continue
            break
        retry_after = parse_retry_after(resp_headers.get("retry-after"))
        ctype = resp_headers.get("content-type", "").lower()
        if status == 304:
            raise NotModified("not modified", status=304)
        if status in (403, 429):
            raise Blocked(f"HTTP {status}: the site refused the request", status=status,
                          retry_after=retry_after)
        if status >= 400 and looks_like_captcha(body, ctype):
            raise Blocked(f"HTTP {status} with a captcha page", status=status,
                          retry_after=retry_after)
        if status >= 300:
            raise HTTPError(f"HTTP {status}", status=status, retry_after=retry_after)
        if looks_like_captcha(body, ctype):
            raise Blocked("captcha / robot-check page instead of content", status=status)
        return Response(url=current, status=status, headers=resp_headers, body=body,
                        elapsed=time.monotonic() - started, redirects=seen[1:])

    def _one(self, url: str, headers: dict[str, str], deadline_at: float
             ) -> tuple[int, dict[str, str], bytes]:
        c = self.config
        netloc = urlsplit(url).netloc.lower()
        lock = _host_lock(netloc)
        if not lock.acquire(timeout=max(0.0, deadline_at - time.monotonic())):
            raise HostBusy(f"another request to {netloc} is still running")
        _deadline.at = deadline_at
        try:
            try:
                with self.client.stream("GET", url, headers=headers) as resp:
                    resp_headers = {k.lower(): v for k, v in resp.headers.items()}
                    status = resp.status_code
                    if status in REDIRECT_STATUSES or status == 304:
                        return status, resp_headers, b""
                    length = resp_headers.get("content-length", "")
                    if length.isdigit() and int(length) > c.max_bytes:
                        raise TooLarge(f"Content-Length {length} exceeds {c.max_bytes} bytes",
                                       status=status)
                    encoding = resp_headers.get("content-encoding", "identity").strip().lower()
                    decoder = _Decoder(encoding, c.max_bytes)
                    raw_total = 0
                    out = bytearray()
                    for chunk in resp.iter_raw():
                        raw_total += len(chunk)
                        if raw_total > c.max_bytes:
                            raise TooLarge(f"body exceeds {c.max_bytes} bytes", status=status)
                        out += decoder.feed(chunk)
                        if time.monotonic() > deadline_at:
                            raise DeadlineExceeded(
                                f"no complete answer within {c.deadline:g} s", status=status)
                    out += decoder.flush()
                    return status, resp_headers, bytes(out)
            except httpx.TimeoutException as exc:
                if time.monotonic() >= deadline_at - 0.01:
                    raise DeadlineExceeded(
                        f"no complete answer within {c.deadline:g} s (headers included)") from exc
                raise DeadlineExceeded(f"timed out: {type(exc).__name__}") from exc
            except httpx.TransportError as exc:
                raise NetworkError(f"{type(exc).__name__}: {exc}") from exc
        finally:
            _deadline.at = None
            lock.release()
