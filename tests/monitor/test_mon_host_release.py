"""One request per host at a time, not one source: once a feed's request is over its parsing
overlaps the next request to the same host (issue 9), and the host still never sees two
requests at once."""
import threading
import time

from bench.feeds import FeedFarm
from monitor import pipeline
from monitor.sources.feed import FeedSource
from monitor.sources.service import import_sources


def test_the_next_request_goes_out_while_a_feed_is_parsed(db, fast_config, analyzer, monkeypatch):
    farm = FeedFarm(12, items=5)
    overlapped = threading.Event()
    original = FeedSource.parse

    def slow_parse(self, response):
        seen = farm.requests
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline and farm.requests == seen and farm.requests < farm.n:
            time.sleep(0.005)   # wait for the host's next request (or give up)
        if farm.requests > seen:
            overlapped.set()
        return original(self, response)

    monkeypatch.setattr(FeedSource, "parse", slow_parse)
    try:
        import_sources(db, farm.sources(), user_id=None)
        summary = pipeline.run_once(db, all=True, config=fast_config, analyzer=analyzer,
                                    deliver=False)
    finally:
        farm.close()
    assert summary.ok == 12 and summary.new_items == 60 and not summary.errors
    assert overlapped.is_set()
    assert farm.max_in_flight == 1 and farm.requests == 12
