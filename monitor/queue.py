"""The monitor's work as tasks on a job queue that several worker processes share.

The embedded default (``sellerguard serve``) keeps APScheduler in-process (:mod:`monitor.scheduler`).
With PostgreSQL, ``sellerguard worker`` runs this instead, as many times, on as many machines, as
needed. The queue is Procrastinate on the same PostgreSQL database:

- nothing more to run or back up (no Redis); a job and the rows it reads live in one database;
- ``lock``: no two jobs with one lock run at the same time across all workers; ``queueing_lock``:
  at most one job with that key waits in the queue;
- a periodic task is deferred once per tick however many workers run;
- workers send heartbeats, so the jobs of a worker killed mid-job are found and retried.

Tasks (names are ``sellerguard.*``):

``tick`` (every ``tick_s`` seconds): defers one ``poll`` per due source, ``analyze`` when items
    wait for analysis, ``deliver`` when deliveries are due.

Besides the tasks, every worker looks for the jobs of workers whose heartbeat stopped
(``stalled_s``) and puts them back in the queue (:meth:`Queue.retry_stalled`).
``poll(source_id)``: lock ``host:<host:port>`` — one request per host at a time across all
    workers (politeness), hence one poll per source at a time; queueing lock ``poll:<id>``. It
    polls only if the source is still due and it can take the source's lease (an embedded
    scheduler on the same database honours the same lease). A retried job (its worker died)
    takes the lease over: the queue's lock guarantees that no other worker polls that host.
``analyze``: lock ``analysis``; drains the analysis queue (``items.analyzed_at IS NULL``) for up
    to ``config.analysis_budget`` seconds, then defers ``deliver``.
``deliver``: lock ``delivery``; the outbox's claims and idempotency keys make each delivery go
    out once per channel.

The server registers its own periodic tasks (hold reminders) with :func:`Queue.periodic`.
"""
from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from monitor import alerts as alerts_mod
from monitor import db as mdb
from monitor import pipeline
from monitor.config import Hooks, MonitorConfig
from monitor.db import iso, transaction, utcnow
from monitor.errors import MonitorError
from monitor.fetch import Fetcher
from monitor.store import row

log = logging.getLogger(__name__)

PREFIX = "sellerguard."
# A worker looks for jobs when one is queued (LISTEN/NOTIFY) and every POLL_QUEUE_S seconds. A job
# waiting for its host's lock is not announced when the lock frees, so this bounds how long a
# host sits idle between two polls (a cheap indexed query per idle worker).
POLL_QUEUE_S = 0.2
SCHEMA_PROBE = "procrastinate_jobs"


class QueueError(MonitorError):
    """The job queue cannot be used (no PostgreSQL, or Procrastinate is not installed)."""


@dataclass
class Runtime:
    """What the tasks of one worker process share: the database, the monitor's configuration
    and hooks, one fetcher (its per-host locks are per process; across processes the queue's
    ``host:`` locks keep politeness), and a connection per worker thread."""
    database: str
    config: MonitorConfig = field(default_factory=MonitorConfig)
    hooks: Hooks | None = None
    analyzer: Callable[[dict], dict] | None = None
    sender: Callable | None = None
    stalled_s: float = 30.0
    _local: threading.local = field(default_factory=threading.local, repr=False)
    _fetcher: Fetcher | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def db(self) -> mdb.Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = mdb.connect(self.database)
        elif db.in_transaction:  # a task that died inside a transaction must not leak it
            db.rollback()
        return db

    @property
    def fetcher(self) -> Fetcher:
        with self._lock:
            if self._fetcher is None:
                self._fetcher = Fetcher(self.config.fetch)
            return self._fetcher

    def close(self) -> None:
        with self._lock:
            if self._fetcher is not None:
                self._fetcher.close()
                self._fetcher = None


def _procrastinate():
    try:
        import procrastinate
    except ImportError as exc:  # pragma: no cover - the postgres extra is missing
        raise QueueError("the job queue needs Procrastinate: pip install 'sellerguard[postgres]'") from exc
    return procrastinate


def _cron(tick_s: int) -> str:
    if tick_s < 1 or (tick_s < 60 and 60 % tick_s) or (tick_s >= 60 and tick_s % 60):
        raise QueueError(f"tick of {tick_s} s: use a divisor of 60 seconds or whole minutes")
    if tick_s < 60:
        return f"* * * * * */{tick_s}"
    return f"*/{tick_s // 60} * * * *"


class Queue:
    """One Procrastinate app with the monitor's tasks, for the database ``url``."""

    def __init__(self, url: str, runtime: Runtime | None = None, *, tick_s: int = 30,
                 pool_size: int = 8) -> None:
        if not mdb.is_url(url):
            raise QueueError("the job queue runs on PostgreSQL: set SELLERGUARD_DATABASE_URL="
                             "postgresql://… (the embedded SQLite default uses `sellerguard serve`)")
        pc = _procrastinate()
        self.url = url
        self.runtime = runtime or Runtime(url)
        self.app = pc.App(connector=pc.PsycopgConnector(conninfo=url, min_size=1,
                                                        max_size=max(2, pool_size)))
        self._register(tick_s)

    # --- tasks ----------------------------------------------------------------------------------

    def _register(self, tick_s: int) -> None:
        app = self.app
        task = app.task

        self.poll = task(name=PREFIX + "poll", pass_context=True)(self._poll)
        self.analyze = task(name=PREFIX + "analyze", pass_context=True, lock="analysis",
                            queueing_lock="analyze")(self._analyze)
        self.deliver = task(name=PREFIX + "deliver", pass_context=True, lock="delivery",
                            queueing_lock="deliver")(self._deliver)
        self.tick = app.periodic(cron=_cron(tick_s))(
            task(name=PREFIX + "tick", pass_context=True, lock="tick",
                 queueing_lock="tick")(self._tick))

    def periodic(self, name: str, cron: str, func: Callable[[Runtime], object]) -> None:
        """Add a periodic task ``sellerguard.<name>`` calling ``func(runtime)``, once per tick
        across all workers (the server's hold reminders)."""
        def run(context, timestamp: int):
            return func(self.runtime)

        self.app.periodic(cron=cron)(
            self.app.task(name=PREFIX + name, pass_context=True, lock=name,
                          queueing_lock=name)(run))

    def _defer(self, task, **configure) -> int | None:
        from procrastinate.exceptions import AlreadyEnqueued

        kwargs = configure.pop("kwargs", {})
        try:
            return task.configure(**configure).defer(**kwargs)
        except AlreadyEnqueued:
            return None

    def _tick(self, context, timestamp: int) -> dict:
        rt = self.runtime
        db = rt.db()
        now = utcnow()
        now_s = iso(now)
        deferred = 0
        for src in pipeline.due_sources(db, now):
            lease = row(db, "SELECT lease_until FROM source_state WHERE source_id = ?", [src["id"]])
            if lease and lease["lease_until"] and lease["lease_until"] > now_s:
                continue  # being polled (by a worker, or an embedded scheduler)
            if self._defer(self.poll, lock=f"host:{pipeline.host_key(src)}",
                           queueing_lock=f"poll:{src['id']}", kwargs={"source_id": src["id"]}):
                deferred += 1
        if db.execute("SELECT 1 FROM items WHERE analyzed_at IS NULL LIMIT 1").fetchone():
            self._defer(self.analyze)
        if db.execute("""SELECT 1 FROM alert_deliveries WHERE (state = 'pending' AND next_attempt_at <= ?)
                         OR (state = 'sending' AND claimed_until < ?) LIMIT 1""",
                      [now_s, now_s]).fetchone():
            self._defer(self.deliver)
        return {"deferred": deferred}

    def _poll(self, context, source_id: int) -> str:
        rt = self.runtime
        db = rt.db()
        now = utcnow()
        due = pipeline.due_sources(db, now, source_id=source_id)
        if not due:
            return "not due"  # polled meanwhile (a job deferred while the previous one ran)
        took = pipeline.claim(db, source_id, now, rt.config.lease_s)
        if not took and context.job.attempts > 0:
            took = _take_over(db, source_id, now, rt.config.lease_s)
        if not took:
            return "leased"
        result = pipeline.poll_source(db, due[0], fetcher=rt.fetcher, config=rt.config,
                                      hooks=rt.hooks)
        if result.new_items or result.changed_items:
            self._defer(self.analyze)
        return result.state

    def _analyze(self, context) -> dict:
        rt = self.runtime
        db = rt.db()
        summary = pipeline.Summary()
        pipeline.analyze_pending(db, summary, analyzer=rt.analyzer, hooks=rt.hooks,
                                 budget=rt.config.analysis_budget)
        for err in summary.errors:
            log.warning("analysis: %s", err)
        if summary.alerts or summary.policies_new or summary.policies_updated:
            self._defer(self.deliver)
        return {"analyzed": summary.analyzed, "policies_new": summary.policies_new,
                "alerts": summary.alerts}

    def _deliver(self, context) -> dict:
        rt = self.runtime
        stats = alerts_mod.deliver_pending(rt.db(), config=rt.config, sender=rt.sender)
        return {"sent": stats.sent, "failed": stats.failed}

    # --- the queue itself -----------------------------------------------------------------------

    async def retry_stalled(self) -> int:
        """Put the jobs of workers whose heartbeat stopped back in the queue; returns how many.
        Every worker runs this on its own timer, outside the queue: a task doing it could itself
        be held by the dead worker (its lock with it)."""
        from procrastinate.exceptions import UniqueViolation
        from procrastinate.jobs import Status

        manager = self.app.job_manager
        n = 0
        for job in await manager.get_stalled_jobs(seconds_since_heartbeat=self.runtime.stalled_s):
            try:
                await asyncio.to_thread(self._release, job)
            except Exception:  # noqa: BLE001 - the claims then expire on their own (lease_s)
                log.exception("freeing the claims of stalled job %s failed", job.id)
            try:
                await manager.retry_job(job)
            except UniqueViolation:  # the same work is queued again already: drop this copy
                await manager.finish_job(job, Status.FAILED, False)
                log.warning("dropping job %s of a worker that stopped (queued again already): %s",
                            job.id, job.call_string)
                continue
            except Exception as exc:  # noqa: BLE001 - another worker took it over meanwhile
                log.info("stalled job %s not retried: %s", job.id, type(exc).__name__)
                continue
            n += 1
            log.warning("retrying job %s of a worker that stopped: %s", job.id, job.call_string)
        return n

    def _release(self, job) -> None:
        """Free what a dead job had claimed in the monitor's tables, so that the copy that runs
        next (this job retried, or the same work queued again meanwhile) is not kept waiting for
        the claim to expire (``lease_s``). Safe because the dead job is still "doing": its queue
        lock keeps every other job with that lock (its host's polls, other deliveries) away."""
        db = self.runtime.db()
        if job.task_name == PREFIX + "poll" and "source_id" in job.task_kwargs:
            pipeline.release(db, int(job.task_kwargs["source_id"]))
        elif job.task_name == PREFIX + "deliver":
            alerts_mod.release_claims(db)

    async def _rescue(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            try:
                await self.retry_stalled()
            except Exception:  # noqa: BLE001 - the database may be away for a moment
                log.exception("looking for stalled jobs failed")

    def install_schema(self) -> bool:
        """Create the queue's tables once (several workers may start at the same moment: the
        database's write lock makes one of them do it). Returns True if it created them."""
        db = mdb.connect(self.url)
        try:
            with transaction(db):
                if db.scalar("SELECT to_regclass(?)", [SCHEMA_PROBE]) is not None:
                    return False
                db.raw.execute(self.app.schema_manager.get_schema())
            return True
        finally:
            db.close()

    def run_worker(self, *, concurrency: int = 4, name: str | None = None,
                   heartbeat_s: float = 5.0, wait: bool = True) -> None:
        """Run a worker until SIGINT/SIGTERM (or, with ``wait=False``, until the queue is empty)."""
        self.install_schema()

        async def run() -> None:
            async with self.app.open_async():
                rescue = asyncio.create_task(self._rescue(max(1.0, self.runtime.stalled_s / 2)))
                try:
                    await self.app.run_worker_async(
                        concurrency=concurrency, name=name, wait=wait,
                        update_heartbeat_interval=heartbeat_s,
                        stalled_worker_timeout=self.runtime.stalled_s,
                        delete_jobs="successful", fetch_job_polling_interval=POLL_QUEUE_S)
                finally:
                    rescue.cancel()

        try:
            asyncio.run(run())
        finally:
            self.runtime.close()


def _take_over(db, source_id: int, now, lease_s: float) -> bool:
    with transaction(db):
        cur = db.execute("UPDATE source_state SET lease_until = ? WHERE source_id = ?",
                         [iso(now + timedelta(seconds=lease_s)), source_id])
    return cur.rowcount == 1
