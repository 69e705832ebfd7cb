"""monitor.fetch against real HTTP servers on 127.0.0.1: every outcome is a named exception."""
import gzip

import pytest

from mon_support import fixture_bytes, gzip_bomb
from monitor import fetch as f
from monitor.fetch import FetchConfig, Fetcher

CFG = FetchConfig(connect_timeout=2, read_timeout=1.0, deadline=2.5, max_bytes=100_000,
                  max_redirects=3)


@pytest.fixture
def fetcher():
    with Fetcher(CFG) as fx:
        yield fx


def _redirect_loop(site):
    site.route("/a", status=302, location="/b")
    site.route("/b", status=302, location="/a")
    return "/a"


def _redirect_chain(site):
    for i in range(6):
        site.route(f"/r{i}", status=302, location=f"/r{i + 1}")
    return "/r0"


# (id, route kwargs or setup function, expected exception, extra check)
CASES = [
    ("http-500", dict(status=500, body=b"oops"), f.HTTPError, lambda e: e.status == 500),
    ("http-404", dict(status=404, body=b"nope"), f.HTTPError, lambda e: e.status == 404),
    ("503-retry-after", dict(status=503, headers={"Retry-After": "120"}), f.HTTPError,
     lambda e: e.retry_after == 120),
    ("429-retry-after", dict(status=429, headers={"Retry-After": "3600"}), f.Blocked,
     lambda e: e.retry_after == 3600 and e.state == "blocked"),
    ("403", dict(status=403, body=b"forbidden"), f.Blocked, lambda e: e.status == 403),
    ("captcha-200", dict(body=fixture_bytes("amazon_captcha.html"),
                         headers={"Content-Type": "text/html"}), f.Blocked, None),
    ("captcha-503", dict(status=503, body=fixture_bytes("amazon_captcha.html"),
                         headers={"Content-Type": "text/html"}), f.Blocked, None),
    ("huge-declared", dict(body=b"x" * 150_000), f.TooLarge, None),
    ("gzip-bomb", dict(body=gzip_bomb(50_000_000),
                       headers={"Content-Encoding": "gzip"}), f.TooLarge, None),
    ("hang-before-headers", dict(delay=30), f.DeadlineExceeded, None),
    ("slow-drip", dict(body=b"<rss>" + b" " * 200, drip=0.05), f.DeadlineExceeded, None),
    ("redirect-loop", _redirect_loop, f.TooManyRedirects, lambda e: "loop" in str(e)),
    ("redirect-chain", _redirect_chain, f.TooManyRedirects, None),
    ("redirect-to-file", dict(status=301, location="file:///etc/passwd"), f.UnsupportedScheme,
     None),
    ("redirect-to-metadata", dict(status=302, location="http://169.254.169.254/latest/"),
     f.ForbiddenAddress, None),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_fetch_outcomes(site, fetcher, case):
    _id, setup, exc_type, check = case
    path = setup(site) if callable(setup) else (site.route("/x", **setup) and "/x")
    with pytest.raises(exc_type) as err:
        fetcher.fetch(site.url(path))
    assert isinstance(err.value, f.FetchError)
    if check:
        assert check(err.value), err.value


def test_chunked_huge_body_without_length(site, fetcher):
    def handler(req):
        req.send_response(200)
        req.send_header("Transfer-Encoding", "chunked")
        req.end_headers()
        chunk = b"y" * 8192
        for _ in range(40):
            try:
                req.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                return
        req.wfile.write(b"0\r\n\r\n")

    site.route("/big", handler=handler)
    with pytest.raises(f.TooLarge):
        fetcher.fetch(site.url("/big"))


def test_conditional_request_and_user_agent(site, fetcher):
    site.route("/feed", body=b"<rss/>", etag='"v1"',
               headers={"Last-Modified": "Wed, 29 Jan 2025 10:00:00 GMT"})
    first = fetcher.fetch(site.url("/feed"))
    assert first.etag == '"v1"' and first.body == b"<rss/>"
    assert first.last_modified == "Wed, 29 Jan 2025 10:00:00 GMT"
    with pytest.raises(f.NotModified):
        fetcher.fetch(site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    sent = site.requests[-1]["headers"]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Wed, 29 Jan 2025 10:00:00 GMT"
    assert sent["User-Agent"].startswith("SellerGuard-Monitor/")


def test_gzip_body_is_decoded(site, fetcher):
    site.route("/gz", body=gzip.compress(b"<rss>hello</rss>"),
               headers={"Content-Encoding": "gzip"})
    assert fetcher.fetch(site.url("/gz")).body == b"<rss>hello</rss>"


def test_redirect_is_followed_within_cap(site, fetcher):
    site.route("/old", status=301, location="/new")
    site.route("/new", body=b"ok")
    resp = fetcher.fetch(site.url("/old"))
    assert resp.body == b"ok" and resp.url.endswith("/new")


@pytest.mark.parametrize("url,exc", [
    ("ftp://127.0.0.1/x", f.UnsupportedScheme),
    ("file:///etc/passwd", f.UnsupportedScheme),
    ("http://169.254.169.254/latest/meta-data/", f.ForbiddenAddress),
    ("http://metadata.google.internal/computeMetadata/v1/", f.ForbiddenAddress),
    ("http://[fd00:ec2::254]/latest/", f.ForbiddenAddress),
    ("http://[fe80::1]/", f.ForbiddenAddress),
])
def test_refused_destinations(fetcher, url, exc):
    with pytest.raises(exc):
        fetcher.fetch(url)


def test_metadata_allowed_by_config():
    cfg = FetchConfig(allow_link_local=True)
    assert f.check_url("http://169.254.169.254/", cfg) == ("169.254.169.254", 80)


def test_loopback_is_allowed():
    assert f.check_url("http://127.0.0.1:8/x", FetchConfig())[0] == "127.0.0.1"


@pytest.mark.parametrize("value,expected", [
    ("120", 120.0), ("0", 0.0), ("99999999", float(f.MAX_RETRY_AFTER)), ("soon", None),
    (None, None),
])
def test_parse_retry_after(value, expected):
    assert f.parse_retry_after(value) == expected


def test_parse_retry_after_http_date():
    from datetime import UTC, datetime
    now = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    assert f.parse_retry_after("Wed, 01 Jan 2025 12:10:00 GMT", now) == 600.0


def test_backoff_grows_and_is_capped():
    import random
    rng = random.Random(1)
    values = [f.backoff(n, 60, 3600, rng) for n in range(1, 12)]
    assert all(30 <= v <= 3600 for v in values)
    assert max(values[-3:]) > values[0]


@pytest.mark.parametrize("body,ctype,expected", [
    (fixture_bytes("amazon_captcha.html"), "text/html", True),
    (b"<html><title>Attention Required! | Cloudflare</title></html>", "text/html", True),
    (b"<rss><item><title>Why captcha pages annoy sellers</title></item></rss>",
     "application/rss+xml", False),
    (fixture_bytes("forum_us.html"), "text/html", False),
])
def test_captcha_detection(body, ctype, expected):
    assert f.looks_like_captcha(body, ctype) is expected
