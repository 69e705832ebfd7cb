"""The seam between the server and the monitor: the hooks through which the monitor learns about
users and accounts (it knows neither), starting its scheduler inside ``sellerguard serve`` (the
embedded default), and the queue worker of ``sellerguard worker`` (PostgreSQL)."""
from __future__ import annotations

import logging
import threading

from flask import Flask

from monitor import db as mdb
from monitor.config import Hooks
from server.services import impact, private_sources

log = logging.getLogger(__name__)


def hooks_for(database: str) -> Hooks:
    """Hooks reading users and accounts through their own connection (one per thread), so they
    work from the monitor's worker threads while it holds its own write transaction (WAL)."""
    local = threading.local()

    def conn():
        if getattr(local, "db", None) is None:
            local.db = mdb.connect(database)
        return local.db

    def impact_hook(user_id: int, policy: dict) -> list[str]:
        return impact.impact_lines(conn(), user_id, policy)

    def all_users() -> list[int]:
        return [r[0] for r in conn().execute("SELECT id FROM users ORDER BY id")]

    return Hooks(impact=impact_hook, all_users=all_users)


def start(app: Flask):
    """Start the monitor's scheduler in this process; returns it (``.shutdown()`` to stop)."""
    from monitor.scheduler import MonitorScheduler
    from server.services import reminders

    database = app.config["DATABASE"]
    sched = MonitorScheduler(lambda: mdb.connect(database), hooks=hooks_for(database),
                             config=private_sources.monitor_config(app.config))
    sched.start()
    sched.scheduler.add_job(lambda: _remind(app, reminders), "interval", minutes=15, id="hold-reminders",
                            jitter=30, replace_existing=True)
    log.info("monitor scheduler started")
    return sched


def _remind(app: Flask, reminders) -> None:
    db = mdb.connect(app.config["DATABASE"])
    try:
        reminders.remind_ended_holds(db, mdb.utcnow())
    finally:
        db.close()


def queue_for(config: dict, *, tick_s: int = 30, stalled_s: float = 30.0, pool_size: int = 8):
    """The monitor's job queue with the server's hooks and its hold reminders (every 15 min)."""
    from monitor.queue import Queue, Runtime
    from server.services import reminders

    database = config["DATABASE"]
    runtime = Runtime(database, config=private_sources.monitor_config(config),
                      hooks=hooks_for(database), stalled_s=stalled_s)
    queue = Queue(database, runtime, tick_s=tick_s, pool_size=pool_size)
    queue.periodic("remind", "*/15 * * * *",
                   lambda rt: reminders.remind_ended_holds(rt.db(), mdb.utcnow()))
    return queue
