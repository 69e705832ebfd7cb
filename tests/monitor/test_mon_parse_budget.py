"""Parsing has a budget (issue 12, item 2): pages built to cost minutes of CPU are refused as a
source fault ("page too complex") while the other sources of the cycle complete."""
from __future__ import annotations

import pytest
import yaml

from mon_support import rss
from monitor import parse_budget, pipeline
from monitor.fetch import Response
from monitor.sources.base import ParseError
from monitor.sources.html import HtmlSource
from monitor.sources.service import DEFAULTS_FILE, create_source

FORUM = yaml.safe_load(DEFAULTS_FILE.read_text("utf-8"))["sources"][0]  # the shipped selectors
LINK = b"<a href='/seller-forums/discussions/t/x'>Verify your contact</a>"


def nested_divs(n: int) -> bytes:
    return b"<html><body>" + b"<div>" * n + b"x" + b"</div>" * n + b"</body></html>"


def nested_forum(levels: int) -> bytes:
    """Items inside items: every level is a list item of the Seller Forums selector."""
    return (b"<html><body>" + (b"<ul><li>" + LINK + b"<span class='author'>News_Amazon</span>")
            * levels + b"</li></ul>" * levels + b"</body></html>")


def _page(body: bytes) -> Response:
    return Response(url="https://sellercentral.amazon.com/seller-forums/discussions", status=200,
                    headers={"content-type": "text/html"}, body=body)


def _forum_source() -> HtmlSource:
    settings = HtmlSource.validate({"selectors": FORUM["selectors"],
                                    "author_filter": FORUM.get("author_filter")})
    return HtmlSource(settings, language="en")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("body,limit", [
    (nested_divs(200_000), "elements"),
    (nested_forum(1_500), "nested"),            # ~181 KB
], ids=["200k-nested-divs", "181kb-nested-forum"])
def test_hostile_pages_are_too_complex(body, limit):
    with pytest.raises(parse_budget.PageTooComplex, match=f"page too complex.*{limit}"):
        _forum_source().parse(_page(body))


def test_the_time_budget_is_checked_between_items(monkeypatch):
    monkeypatch.setattr(parse_budget, "SECONDS", 0.0)
    body = b"<html><body><ul>" + (b"<li>" + LINK + b"<span class='author'>News_Amazon</span>"
                                  b"</li>") * 50 + b"</ul></body></html>"
    with pytest.raises(ParseError, match="took more than"):
        _forum_source().parse(_page(body))


def test_a_normal_forum_page_parses():
    body = b"<html><body><ul>" + (b"<li>" + LINK + b"<span class='author'>News_Amazon</span>"
                                  b"</li>") * 50 + b"</ul></body></html>"
    assert len(_forum_source().parse(_page(body))) == 50


@pytest.mark.timeout(120)
def test_a_complex_page_is_one_source_fault(db, site, fast_config, analyzer):
    bad = create_source(db, 1, {"name": "bomb", "kind": "html", "selectors": FORUM["selectors"],
                                "url": site.route("/bomb", body=nested_forum(1_500),
                                                  headers={"Content-Type": "text/html"})})
    good = create_source(db, 1, {"name": "feed", "kind": "feed", "url": site.route(
        "/feed", body=rss([{"title": "t", "link": "http://n.test/1", "guid": "g1"}]),
        headers={"Content-Type": "application/rss+xml"})})
    summary = pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer)
    states = {r.source_id: (r.state, r.error) for r in summary.results}
    assert states[good["id"]][0] == "ok"
    assert states[bad["id"]][0] == "failing" and "too complex" in states[bad["id"]][1]
