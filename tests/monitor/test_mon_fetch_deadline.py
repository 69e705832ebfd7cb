"""The fetch deadline bounds the whole exchange: a real loopback server that trickles its header
bytes, or answers ``100 Continue`` for ever, is cut off at the deadline (issue 12, item 1)."""
import pytest

from mon_support import endless_continue, trickle_headers
from monitor import fetch as f
from monitor.fetch import FetchConfig, Fetcher

# read timeout far above the deadline: only the total deadline can end these fetches
CFG = FetchConfig(connect_timeout=2, read_timeout=30, deadline=1.5, max_bytes=100_000)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("make", [trickle_headers, endless_continue],
                         ids=["header-bytes-trickle", "endless-100-continue"])
def test_deadline_covers_headers(site, make):
    url = site.route("/slow", handler=make(site))
    with Fetcher(CFG) as fetcher, pytest.raises(f.DeadlineExceeded) as info:
        fetcher.fetch(url)
    assert "within 1.5 s" in str(info.value)


def test_deadline_leaves_a_normal_fetch_alone(site):
    url = site.route("/ok", body=b"<rss/>", headers={"Content-Type": "application/rss+xml"})
    with Fetcher(CFG) as fetcher:
        assert fetcher.fetch(url).body == b"<rss/>"
        assert fetcher.fetch(url).body == b"<rss/>"  # a reused connection, deadline reset
