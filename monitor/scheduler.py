"""The monitor's schedule: APScheduler 3 ``BackgroundScheduler`` with two jobs.

``poll``: every ``tick`` seconds (± jitter) runs :func:`monitor.pipeline.run_once`, which polls the
sources that are due (each source keeps its own next poll time, with jitter, backoff and
``Retry-After``). ``deliver``: retries due alert deliveries. Both jobs have ``max_instances=1`` and
``coalesce=True``: a slow cycle makes the next one wait, never pile up. Every fetch has a total
deadline and a hung one is abandoned by the pipeline, so the schedule always moves on.

Each job opens its own database connection (``open_db``), as SQLite connections are not shared
between threads here.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from apscheduler.schedulers.background import BackgroundScheduler

from monitor import alerts as alerts_mod
from monitor import pipeline
from monitor.config import Hooks, MonitorConfig
from monitor.db import Database

log = logging.getLogger(__name__)


class MonitorScheduler:
    def __init__(self, open_db: Callable[[], Database], *,
                 config: MonitorConfig | None = None, hooks: Hooks | None = None,
                 tick: float = 60.0, deliver_every: float = 30.0, analyzer=None) -> None:
        self.open_db = open_db
        self.config = config or MonitorConfig()
        self.hooks = hooks
        self.analyzer = analyzer
        self.tick = tick
        self.deliver_every = deliver_every
        self.last_summary: pipeline.Summary | None = None
        self.scheduler = BackgroundScheduler(
            job_defaults={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
            timezone="UTC")

    def start(self) -> None:
        self.scheduler.add_job(self.poll, "interval", seconds=self.tick,
                               jitter=max(1, int(self.tick * 0.1)), id="monitor-poll",
                               replace_existing=True, next_run_time=_soon())
        self.scheduler.add_job(self.deliver, "interval", seconds=self.deliver_every,
                               jitter=max(1, int(self.deliver_every * 0.1)),
                               id="monitor-deliver", replace_existing=True)
        self.scheduler.start()

    def shutdown(self, wait: bool = False) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=wait)

    @property
    def running(self) -> bool:
        return self.scheduler.running

    def poll(self) -> pipeline.Summary | None:
        db = self.open_db()
        try:
            self.last_summary = pipeline.run_once(db, config=self.config, hooks=self.hooks,
                                                  analyzer=self.analyzer)
            return self.last_summary
        except Exception:  # a failed cycle is logged; the next tick tries again
            log.exception("monitor poll cycle failed")
            return None
        finally:
            db.close()

    def deliver(self) -> alerts_mod.DeliveryStats | None:
        db = self.open_db()
        try:
            return alerts_mod.deliver_pending(db, config=self.config)
        except Exception:
            log.exception("alert delivery failed")
            return None
        finally:
            db.close()


def _soon():
    from datetime import timedelta

    from monitor.db import utcnow

    return utcnow() + timedelta(seconds=5)
