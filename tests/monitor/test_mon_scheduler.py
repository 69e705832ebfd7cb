"""The APScheduler wiring: one instance at a time, coalesced, and a hung source does not stop
the schedule."""
from mon_support import rss, stub_analyze, wait_for
from monitor.db import connect
from monitor.scheduler import MonitorScheduler
from monitor.sources.service import create_source


def test_schedule_keeps_running_past_a_hung_source(db, site_factory, fast_config):
    path = db.target
    good, hung = site_factory(), site_factory()
    good.route("/feed", body=rss([{"title": "Hello", "link": "http://x.test/1", "guid": "1"}]))
    hung.route("/feed", delay=120)
    create_source(db, 1, {"name": "good", "kind": "feed", "url": good.url("/feed")})
    bad = create_source(db, 1, {"name": "hung", "kind": "feed", "url": hung.url("/feed")})
    sched = MonitorScheduler(lambda: connect(path), config=fast_config, tick=1,
                             deliver_every=1, analyzer=stub_analyze)
    sched.start()
    try:
        job = sched.scheduler.get_job("monitor-poll")
        assert job.max_instances == 1 and job.coalesce is True
        assert sched.scheduler.get_job("monitor-deliver").max_instances == 1
        assert wait_for(lambda: db.execute(
            "SELECT state FROM source_state WHERE source_id = ?", [bad["id"]]).fetchone()[0]
            == "failing", timeout=60)
        assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 1
        # the cycle stores the source state before it returns its summary: wait for the summary too
        assert wait_for(lambda: sched.last_summary is not None, timeout=60)
        assert sched.last_summary.failing == 1
        # the next cycle runs although the hung server never answered
        first = sched.last_summary
        assert wait_for(lambda: sched.last_summary is not first, timeout=60)
    finally:
        sched.shutdown()
    assert not sched.running
