"""A worker dies holding a job: what the job had claimed in the monitor's tables is freed before
the job is retried or dropped, so the copy that runs next is not kept waiting for the claim to
expire (``lease_s``, 10 minutes). The race this covers: a tick queued a second poll of a source
while the first one was running; the first one's worker died after it took the source's lease;
the first copy is dropped (the second is queued) and the second must find the source free."""
from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
from datetime import timedelta

import pytest

from monitor import alerts, channels, pipeline
from monitor import db as mdb
from monitor.db import iso, transaction, utcnow
from monitor.queue import PREFIX, Queue, Runtime
from monitor.sources.service import import_sources
from monitor.store import migrate_monitor

pytestmark = pytest.mark.postgres


@pytest.fixture()
def queue():
    url = os.environ[mdb.URL_ENV]
    db = mdb.connect(url)
    migrate_monitor(db)
    q = Queue(url, Runtime(url, stalled_s=5))
    q.install_schema()
    yield q, db
    q.runtime.close()
    db.close()


def _stalled_job(db, task: str, *, lock: str, queueing_lock: str, kwargs: dict) -> int:
    """A job in "doing" of a worker whose heartbeat stopped an hour ago."""
    with transaction(db):
        worker = db.scalar("INSERT INTO procrastinate_workers (last_heartbeat) "
                           "VALUES (now() - interval '1 hour') RETURNING id")
        return db.scalar(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, lock, queueing_lock, args, "
            "status, worker_id, attempts) VALUES ('default', ?, ?, ?, ?::jsonb, 'doing', ?, 0) "
            "RETURNING id", [PREFIX + task, lock, queueing_lock, json.dumps(kwargs), worker])


def _retry(q: Queue) -> int:
    """``retry_stalled`` on an event loop of its own thread (as a worker runs it; another test of
    the session may have left a loop running on this one)."""
    async def run() -> int:
        async with q.app.open_async():
            return await q.retry_stalled()
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result(60)


def _job(db, job_id: int) -> dict:
    return dict(db.execute("SELECT status, attempts FROM procrastinate_jobs WHERE id = ?",
                           [job_id]).fetchone())


def test_a_dropped_poll_frees_the_source_for_the_copy_queued_meanwhile(queue):
    q, db = queue
    (sid,) = import_sources(db, [{"name": "feed", "url": "http://127.0.0.1:9/feed.xml", "kind": "feed"}])["created"]
    now = utcnow()
    assert pipeline.claim(db, sid, now, 600)  # the dead worker's poll took the lease
    dead = _stalled_job(db, "poll", lock="host:127.0.0.1:9", queueing_lock=f"poll:{sid}",
                        kwargs={"source_id": sid})
    # a tick queued the same poll while the first one ran (its queueing lock covers "todo" only)
    with q.app.open():
        queued = q._defer(q.poll, lock="host:127.0.0.1:9", queueing_lock=f"poll:{sid}",
                          kwargs={"source_id": sid})
    assert queued

    assert _retry(q) == 0  # nothing retried: the copy is dropped
    assert _job(db, dead)["status"] == "failed"
    assert _job(db, queued)["status"] == "todo"
    # the queued copy (a first attempt, so it does not take leases over) can claim the source
    assert pipeline.claim(db, sid, now + timedelta(seconds=1), 600)


def test_a_retried_poll_frees_only_its_own_source(queue):
    q, db = queue
    created = import_sources(db, [{"name": n, "url": f"http://127.0.0.1:9/{n}.xml", "kind": "feed"}
                                  for n in ("a", "b")])["created"]
    now = utcnow()
    for sid in created:
        assert pipeline.claim(db, sid, now, 600)
    dead = _stalled_job(db, "poll", lock="host:127.0.0.1:9", queueing_lock=f"poll:{created[0]}",
                        kwargs={"source_id": created[0]})

    assert _retry(q) == 1
    assert _job(db, dead)["status"] == "todo"
    leases = {r["source_id"]: r["lease_until"] for r in db.execute(
        "SELECT source_id, lease_until FROM source_state")}
    assert leases[created[0]] is None
    assert leases[created[1]] is not None  # another worker's lease stays


def test_a_dead_delivery_run_makes_its_claimed_deliveries_due_again(queue):
    q, db = queue
    channels.add_channel(db, 1, "hook", "json://127.0.0.1:9/hook")
    with transaction(db):
        alerts.raise_alert(db, user_id=1, kind="policy", key="policy:1", title="t", body="b")
    later = iso(utcnow() + timedelta(minutes=10))
    with transaction(db):  # the dead run had claimed it for lease_s
        db.execute("UPDATE alert_deliveries SET state = 'sending', attempts = 1, claimed_until = ?",
                   [later])
    dead = _stalled_job(db, "deliver", lock="delivery", queueing_lock="deliver", kwargs={})

    assert _retry(q) == 1
    assert _job(db, dead)["status"] == "todo"
    (d,) = db.execute("SELECT state, attempts, claimed_until, next_attempt_at FROM alert_deliveries")
    assert (d["state"], d["attempts"], d["claimed_until"]) == ("pending", 1, None)
    assert d["next_attempt_at"] <= iso(utcnow())
