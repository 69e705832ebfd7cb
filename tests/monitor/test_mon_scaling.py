"""Polling many sources: a bounded pool of fetch threads, a cycle that analyses everything it
stored, and sources of one host that wait their turn instead of being skipped. Behaviour only —
thread counts, states and request counts, never timings."""
from __future__ import annotations

import threading
from datetime import timedelta

from mon_support import Site, rss
from monitor import fetch as fetch_mod
from monitor import pipeline
from monitor.config import MonitorConfig
from monitor.db import parse_iso, utcnow
from monitor.fetch import FetchConfig, Fetcher
from monitor.sources.service import create_source, import_sources


def _feed(i: int, items: int = 2) -> bytes:
    return rss([{"title": f"Item {i}-{k}", "link": f"http://news.test/{i}/{k}",
                 "guid": f"{i}-{k}", "description": "Nothing about contacts."}
                for k in range(items)])


def _states(db) -> dict[int, tuple]:
    return {r[0]: r[1:] for r in db.execute(
        "SELECT source_id, state, consecutive_failures, next_poll_at FROM source_state")}


class _Concurrency:
    """A route handler that counts how many requests are inside it at once."""

    def __init__(self, body: bytes, delay: float = 0.0, stop: threading.Event | None = None):
        self.body, self.delay, self.stop = body, delay, stop or threading.Event()
        self.lock = threading.Lock()
        self.now = self.peak = self.hits = 0

    def __call__(self, h) -> None:
        with self.lock:
            self.now += 1
            self.hits += 1
            self.peak = max(self.peak, self.now)
        try:
            if self.delay:
                self.stop.wait(self.delay)
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            h.send_header("Content-Length", str(len(self.body)))
            h.end_headers()
            h.wfile.write(self.body)
        finally:
            with self.lock:
                self.now -= 1


# --- (a) a bounded pool ----------------------------------------------------------------------

def test_threads_stay_bounded_while_polling_200_sources(db, site_factory, fast_config,
                                                        analyzer):
    sites = [site_factory() for _ in range(4)]
    entries = []
    for i in range(200):
        site = sites[i % len(sites)]
        entries.append({"name": f"feed {i}", "kind": "feed", "language": "en",
                        "url": site.route(f"/feed/{i}.xml", body=_feed(i))})
    import_sources(db, entries, user_id=None)
    baseline = threading.active_count()
    fetch_threads, extra = [], []

    def sample(_result) -> None:
        fetch_threads.append(sum(t.name.startswith("monitor-fetch-")
                                 for t in threading.enumerate()))
        extra.append(threading.active_count() - baseline)

    summary = pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer,
                                progress=sample, deliver=False)
    assert summary.sources == 200 and summary.ok == 200, summary.errors
    assert summary.new_items == 400
    assert len(extra) == 200
    assert max(fetch_threads) <= fast_config.workers
    # the pool, plus at most a couple of keep-alive handler threads per test server
    assert max(extra) <= fast_config.workers + 2 * len(sites) + 2, max(extra)
    # one request per source, each host one request at a time
    assert sum(len(s.requests) for s in sites) == 200


class _HangingFetcher(Fetcher):
    """A fetcher whose requests to ``/hang`` never return until released (a stuck resolver
    or socket that no timeout covers)."""

    def __init__(self, config: FetchConfig, release: threading.Event) -> None:
        super().__init__(config)
        self.release = release

    def fetch(self, url, **kw):
        if url.endswith("/hang"):
            self.release.wait(60)
        return super().fetch(url, **kw)


def test_a_hung_fetch_is_abandoned_and_its_worker_replaced(db, site_factory, analyzer):
    config = MonitorConfig(fetch=FetchConfig(connect_timeout=2, read_timeout=1.5, deadline=1.0),
                           workers=1, fetch_grace=0.5, health_threshold=5)
    stuck, other = site_factory(), site_factory()
    hung = create_source(db, 1, {"name": "hung", "kind": "feed", "url": stuck.url("/hang")})
    same_host = create_source(db, 1, {"name": "same host", "kind": "feed",
                                      "url": stuck.route("/ok", body=_feed(0))})
    good = [create_source(db, 1, {"name": f"good {i}", "kind": "feed",
                                  "url": other.route(f"/f{i}", body=_feed(i))})
            for i in range(3)]
    release = threading.Event()
    fetcher = _HangingFetcher(config.fetch, release)
    try:
        summary = pipeline.run_once(db, all=True, config=config, analyzer=analyzer,
                                    fetcher=fetcher, deliver=False)
        by_id = {r.source_id: r for r in summary.results}
        assert by_id[hung["id"]].state == "failing"
        assert "abandoned" in by_id[hung["id"]].error
        # with one worker, the sources after the hung one still ran: the slot came back
        assert all(by_id[g["id"]].state == "ok" for g in good)
        # the abandoned request may still hold its host: the host's other source waits for
        # the next cycle, without a failure counted against it
        assert by_id[same_host["id"]].state == "skipped"
        st = _states(db)[same_host["id"]]
        assert st[1] == 0 and st[0] != "failing"
    finally:
        release.set()
        fetcher.close()


# --- (b) one cycle analyses what it stored ---------------------------------------------------

def test_one_cycle_analyses_every_stored_item(db, site, fast_config, analyzer):
    for i in range(3):
        create_source(db, 1, {"name": f"big {i}", "kind": "feed",
                              "url": site.route(f"/big{i}", body=_feed(i, items=500))})
    seen: list[str] = []

    def counting(record):
        seen.append(record["id"])
        return analyzer(record)

    summary = pipeline.run_once(db, config=fast_config, analyzer=counting, deliver=False)
    assert summary.new_items == 1500
    assert summary.analyzed == 1500 == len(seen) == len(set(seen))
    assert db.execute("SELECT COUNT(*) FROM items WHERE analyzed_at IS NULL").fetchone()[0] == 0


def test_analysis_budget_ends_the_cycle_and_the_next_one_continues(db, site, fast_config,
                                                                   analyzer):
    create_source(db, 1, {"name": "big", "kind": "feed",
                          "url": site.route("/big", body=_feed(0, items=50))})
    seen: list[str] = []

    def counting(record):
        seen.append(record["id"])
        return analyzer(record)

    first = pipeline.run_once(db, config=fast_config, analyzer=counting, deliver=False,
                              analysis_budget=0)
    assert first.new_items == 50
    assert 1 <= first.analyzed < 50  # the budget ended the cycle; the backlog still moved
    pending = db.execute("SELECT COUNT(*) FROM items WHERE analyzed_at IS NULL").fetchone()[0]
    assert pending == 50 - first.analyzed
    second = pipeline.run_once(db, config=fast_config, analyzer=counting, deliver=False)
    assert second.sources == 0 and second.analyzed == pending
    assert len(seen) == len(set(seen)) == 50


# --- (c) sources of one host wait their turn -------------------------------------------------

def test_sources_of_a_slow_host_are_all_polled_in_one_cycle(db, site, analyzer):
    # five sources on one host, each answering slowly: together they take longer than one
    # fetch's deadline, yet none may be skipped, and the host still sees one request at a time
    config = MonitorConfig(fetch=FetchConfig(connect_timeout=2, read_timeout=1.8, deadline=2.0),
                           workers=4, fetch_grace=1.0, health_threshold=1)
    handler = _Concurrency(_feed(0), delay=0.9)
    ids = []
    for i in range(5):
        site.route(f"/slow{i}", handler=handler)
        ids.append(create_source(db, 1, {"name": f"slow {i}", "kind": "feed",
                                         "url": site.url(f"/slow{i}")})["id"])
    summary = pipeline.run_once(db, config=config, analyzer=analyzer, deliver=False)
    try:
        assert summary.skipped == 0
        assert {r.state for r in summary.results} == {"ok"}, [
            (r.name, r.state, r.error) for r in summary.results]
        assert handler.hits == 5 and handler.peak == 1
        assert all(_states(db)[i][0] == "ok" for i in ids)
    finally:
        handler.stop.set()


def test_a_host_busy_elsewhere_skips_its_sources_without_failing_them(db, site_factory,
                                                                     fast_config, analyzer):
    busy, free = site_factory(), site_factory()
    held = [create_source(db, 1, {"name": f"held {i}", "kind": "feed",
                                  "url": busy.route(f"/f{i}", body=_feed(i))})["id"]
            for i in range(3)]
    other = create_source(db, 1, {"name": "free", "kind": "feed",
                                  "url": free.route("/f", body=_feed(9))})["id"]
    lock = fetch_mod._host_lock(busy.base.split("//", 1)[1])
    assert lock.acquire(timeout=5)  # someone else in this process talks to that host
    try:
        before = utcnow()
        summary = pipeline.run_once(db, config=fast_config, analyzer=analyzer, deliver=False)
    finally:
        lock.release()
    by_id = {r.source_id: r for r in summary.results}
    assert by_id[other].state == "ok"
    assert [by_id[i].state for i in held] == ["skipped"] * 3
    assert summary.skipped == 3 and summary.failing == 0
    assert busy.requests == []
    states = _states(db)
    for i in held:
        state, failures, next_poll = states[i]
        assert state == "new" and failures == 0  # never polled, never failing
        assert parse_iso(next_poll) <= before + timedelta(
            seconds=pipeline.SKIPPED_RETRY_S + 60)  # due again soon, no backoff
    # health_threshold is 1: a failure would have raised a "source broken" alert
    assert db.execute("SELECT COUNT(*) FROM alerts WHERE kind = 'source_broken'"
                      ).fetchone()[0] == 0
    again = pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer,
                              deliver=False)
    assert again.ok == 4 and again.skipped == 0


def test_a_host_that_times_out_costs_one_deadline_not_one_per_source(db, site, fast_config,
                                                                      analyzer):
    # the first source of the host hangs past the read timeout; its siblings are not sent to
    # the same dead host one deadline after another, and are not counted as failing
    hang = create_source(db, 1, {"name": "hang", "kind": "feed",
                                 "url": site.route("/hang", delay=60)})["id"]
    rest = [create_source(db, 1, {"name": f"sibling {i}", "kind": "feed",
                                  "url": site.route(f"/s{i}", body=_feed(i))})["id"]
            for i in range(3)]
    summary = pipeline.run_once(db, config=fast_config, analyzer=analyzer, deliver=False)
    by_id = {r.source_id: r for r in summary.results}
    assert by_id[hang].state == "failing" and "timed out" in by_id[hang].error
    assert [by_id[i].state for i in rest] == ["skipped"] * 3
    assert site.hits.get("/hang") == 1 and not any(site.hits.get(f"/s{i}") for i in range(3))
    assert all(_states(db)[i][:2] == ("new", 0) for i in rest)
    # once the host answers again, every source of it is polled
    site.routes["/hang"].delay = 0
    site.routes["/hang"].body = _feed(7)
    again = pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer,
                              deliver=False)
    assert again.ok == 4 and again.skipped == 0
