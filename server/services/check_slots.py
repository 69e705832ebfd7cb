"""Bounded on-demand source checks (``POST /sources/{id}/check``).

A check fetches a stranger's URL on a request thread. The fetch itself ends at its deadline
(``monitor.fetch``), but eight slow sources checked at once would still take every waitress
thread for that long and ``/health`` would stop answering. So at most ``SOURCE_CHECKS_MAX``
checks run at once in the whole server and ``SOURCE_CHECKS_PER_USER`` per user; a check beyond
either answers at once with a problem (429 for the user's own cap, 503 for the server's), with
``Retry-After``, and the rest of the API keeps its threads.
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from flask import Flask

from server.errors import ApiError, RateLimited

DEFAULT_TOTAL = 2
DEFAULT_PER_USER = 1
RETRY_AFTER = 10


class ChecksBusy(ApiError):
    """Every server-wide check slot is taken."""

    status_code = 503
    slug = "checks-busy"


class CheckSlots:
    def __init__(self, total: int = DEFAULT_TOTAL, per_user: int = DEFAULT_PER_USER) -> None:
        self.total = max(1, int(total))
        self.per_user = max(1, int(per_user))
        self._lock = threading.Lock()
        self._running = 0
        self._by_user: dict[int, int] = {}

    @contextlib.contextmanager
    def hold(self, user_id: int) -> Iterator[None]:
        """Take a slot for ``user_id`` for the duration of the block.

        :raise RateLimited: the user already runs ``per_user`` checks.
        :raise ChecksBusy: the server already runs ``total`` checks.
        """
        with self._lock:
            if self._by_user.get(user_id, 0) >= self.per_user:
                raise RateLimited(
                    f"You already have {self.per_user} source check(s) running; wait for it to "
                    "finish.", retry_after=RETRY_AFTER)
            if self._running >= self.total:
                raise ChecksBusy(
                    f"The server is running {self.total} source checks already; try again "
                    "shortly.", headers={"Retry-After": str(RETRY_AFTER)})
            self._running += 1
            self._by_user[user_id] = self._by_user.get(user_id, 0) + 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                left = self._by_user.get(user_id, 1) - 1
                if left:
                    self._by_user[user_id] = left
                else:
                    self._by_user.pop(user_id, None)


def for_app(app: Flask) -> CheckSlots:
    slots = app.extensions.get("sellerguard.check_slots")
    if slots is None:
        slots = app.extensions.setdefault("sellerguard.check_slots", CheckSlots(
            app.config.get("SOURCE_CHECKS_MAX", DEFAULT_TOTAL),
            app.config.get("SOURCE_CHECKS_PER_USER", DEFAULT_PER_USER)))
    return slots
