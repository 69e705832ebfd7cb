"""Polling cycles against local HTTP servers: every kind of fault is recorded as such while the
other sources complete; 304 costs no parsing; re-polling is idempotent; health alerts."""
from datetime import timedelta

import pytest

from mon_support import fixture_bytes, gzip_bomb, rss
from monitor import pipeline
from monitor.db import parse_iso, utcnow
from monitor.sources import feed as feed_mod
from monitor.sources.service import create_source, get_source

FORUM_SELECTORS = {"item": "article", "link": "a.discussion-title@href",
                   "title": "a.discussion-title", "author": ".post-author-name",
                   "date": "time"}

GOOD_FEED = rss([{"title": "Sellers must verify emergency contact phone by OTP",
                  "link": "http://news.test/ecn", "guid": "ecn-1",
                  "description": "Verify the emergency contact. Effective 2025-01-24.",
                  "pubDate": "Thu, 30 Jan 2025 18:00:00 GMT"},
                 {"title": "Fee changes", "link": "http://news.test/fees", "guid": "fees-1",
                  "description": "New fees from March.", "pubDate": "Wed, 29 Jan 2025 10:00:00 GMT"}])

# (id, kind, route kwargs, expected state, words expected in the error)
FAULTS = [
    ("ok-feed", "feed", dict(body=GOOD_FEED, headers={"Content-Type": "application/rss+xml"}),
     "ok", None),
    ("hang", "feed", dict(delay=60), "failing", "timed out"),
    ("http-500", "feed", dict(status=500), "failing", "500"),
    ("429-retry-after", "feed", dict(status=429, headers={"Retry-After": "7200"}), "blocked",
     "429"),
    ("huge-body", "feed", dict(body=b"<rss>" + b"x" * 400_000), "failing", "exceeds"),
    ("gzip-bomb", "feed", dict(body=gzip_bomb(30_000_000), headers={"Content-Encoding": "gzip"}),
     "failing", "decompression"),
    ("malformed-xml", "feed", dict(body=fixture_bytes("malformed.xml")), "failing", "malformed"),
    ("captcha", "html", dict(body=fixture_bytes("amazon_captcha.html"),
                             headers={"Content-Type": "text/html"}), "blocked", "captcha"),
    ("empty-selector", "html", dict(body=fixture_bytes("forum_redesigned.html"),
                                    headers={"Content-Type": "text/html"}), "empty_selector",
     "matched nothing"),
]


def _make_source(db, site, case_id, kind, route, user_id=1):
    if case_id == "redirect-loop":
        site.route("/a", status=302, location="/b")
        site.route("/b", status=302, location="/a")
        url = site.url("/a")
    else:
        url = site.route("/src", **route)
    data = {"name": case_id, "kind": kind, "url": url, "language": "en"}
    if kind == "html":
        data["selectors"] = FORUM_SELECTORS
    return create_source(db, user_id, data)


def test_every_fault_is_recorded_while_others_complete(db, site_factory, fast_config, analyzer):
    cases = FAULTS + [("redirect-loop", "feed", {}, "failing", "redirect")]
    sources = {}
    for case_id, kind, route, _state, _words in cases:
        sources[case_id] = _make_source(db, site_factory(), case_id, kind, route)
    before = utcnow().replace(microsecond=0)
    seen = []
    summary = pipeline.run_once(db, config=fast_config, analyzer=analyzer, progress=seen.append)
    assert summary.sources == len(cases) == len(seen)
    for case_id, _kind, _route, state, words in cases:
        health = get_source(db, 1, sources[case_id]["id"])["health"]
        assert health["state"] == state, (case_id, health)
        if words:
            assert words in (health["last_error"] or ""), (case_id, health["last_error"])
        if state != "ok":
            assert health["consecutive_failures"] == 1
    assert summary.ok == 1 and summary.new_items == 2
    # Retry-After is honoured: no poll before it
    nxt = parse_iso(get_source(db, 1, sources["429-retry-after"]["id"])["health"]["next_poll_at"])
    assert nxt >= before + timedelta(seconds=7200)
    # nothing of the faulty sources became an item
    assert db.execute("SELECT COUNT(DISTINCT source_id) FROM items").fetchone()[0] == 1


def test_not_modified_costs_no_parsing(db, site, fast_config, analyzer, monkeypatch):
    url = site.route("/feed", body=GOOD_FEED, etag='"abc"',
                     headers={"Content-Type": "application/rss+xml"})
    src = create_source(db, 1, {"name": "f", "kind": "feed", "url": url})
    calls = []
    original = feed_mod.FeedSource.parse
    monkeypatch.setattr(feed_mod.FeedSource, "parse",
                        lambda self, resp: calls.append(1) or original(self, resp))
    assert pipeline.run_once(db, config=fast_config, analyzer=analyzer).ok == 1
    assert len(calls) == 1
    summary = pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer)
    assert summary.not_modified == 1 and summary.new_items == 0
    assert len(calls) == 1  # the 304 was not parsed
    assert site.requests[-1]["headers"]["If-None-Match"] == '"abc"'
    assert get_source(db, 1, src["id"])["health"]["state"] == "not_modified"


def test_repolling_is_idempotent(db, site, fast_config, analyzer):
    url = site.route("/feed", body=GOOD_FEED)
    create_source(db, 1, {"name": "f", "kind": "feed", "url": url})

    def counts():
        return [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("items", "policies", "alerts", "alert_deliveries")]

    pipeline.run_once(db, config=fast_config, analyzer=analyzer)
    first = counts()
    for _ in range(2):
        summary = pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer)
        assert summary.new_items == 0
    assert counts() == first
    assert first[:2] == [2, 1]


def test_rotating_guids_through_the_pipeline(db, site, fast_config, analyzer):
    body = GOOD_FEED
    url = site.route("/feed", body=body)
    create_source(db, 1, {"name": "f", "kind": "feed", "url": url})
    pipeline.run_once(db, config=fast_config, analyzer=analyzer)
    site.routes["/feed"].body = body.replace(b"ecn-1", b"ecn-1-session-42").replace(
        b"fees-1", b"fees-1-session-42")
    summary = pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer)
    assert summary.new_items == 0
    assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 2


def test_not_due_sources_are_not_polled(db, site, fast_config, analyzer):
    url = site.route("/feed", body=GOOD_FEED)
    create_source(db, 1, {"name": "f", "kind": "feed", "url": url, "interval": "1h"})
    pipeline.run_once(db, config=fast_config, analyzer=analyzer)
    assert pipeline.run_once(db, config=fast_config, analyzer=analyzer).sources == 0
    assert pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer).sources == 1


def test_one_health_alert_on_break_and_one_on_recovery(db, site, fast_config, analyzer,
                                                       receiver):
    from monitor.channels import add_channel

    add_channel(db, 1, "hook", receiver.apprise_url)
    url = site.route("/feed", status=500)
    src = create_source(db, 1, {"name": "Flaky", "kind": "feed", "url": url})
    for _ in range(3):
        pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer)
    kinds = [r[0] for r in db.execute("SELECT kind FROM alerts ORDER BY id")]
    assert kinds == ["source_broken"]
    assert get_source(db, 1, src["id"])["health"]["consecutive_failures"] == 3
    site.routes["/feed"].status = 200
    site.routes["/feed"].body = GOOD_FEED
    for _ in range(2):
        pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer)
    kinds = [r[0] for r in db.execute("SELECT kind FROM alerts WHERE kind LIKE 'source%' "
                                      "ORDER BY id")]
    assert kinds == ["source_broken", "source_recovered"]
    titles = [m["payload"]["title"] for m in receiver.messages]
    assert titles[0].startswith("Source broken: Flaky")
    assert any(t.startswith("Source recovered: Flaky") for t in titles)


def test_shared_source_health_alerts_go_to_all_users(db, site, fast_config, analyzer):
    from monitor.config import Hooks

    url = site.route("/feed", status=503)
    create_source(db, None, {"name": "Shared", "kind": "feed", "url": url})
    pipeline.run_once(db, config=fast_config, analyzer=analyzer,
                      hooks=Hooks(all_users=lambda: [1, 2, 3]))
    users = [r[0] for r in db.execute("SELECT user_id FROM alerts ORDER BY user_id")]
    assert users == [1, 2, 3]


def test_analysis_missing_keeps_items_queued(db, site, fast_config):
    url = site.route("/feed", body=GOOD_FEED)
    create_source(db, 1, {"name": "f", "kind": "feed", "url": url})

    summary = pipeline.run_once(db, config=fast_config, analyzer=None)
    # whether or not monitor.analysis exists, the cycle completes and items are stored
    assert summary.new_items == 2
