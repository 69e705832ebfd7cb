"""Tunables of the monitor and the hooks through which the server tells it about users.

The monitor does not know users or accounts. The server injects:

``impact(user_id, policy) -> list[str]``
    lines such as "Account 'Acme EU' (DE): emergency phone +49 30 ••••567 is a landline";
``recipients(policy_or_source) -> list[int]``
    the users to alert (default: the owner of a user's source; for shared sources, ``all_users``);
``all_users() -> list[int]``
    every user id (default: users that own a channel or a source).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from monitor.fetch import FetchConfig


@dataclass
class MonitorConfig:
    fetch: FetchConfig = field(default_factory=FetchConfig)
    workers: int = 4                    # concurrent fetches (different hosts)
    fetch_grace: float = 15.0           # beyond fetch.deadline before a fetch counts as hung
    health_threshold: int = 2           # consecutive failures before a "source broken" alert
    backoff_cap: float = 6 * 3600.0     # longest wait between polls of a failing source
    lease_s: float = 600.0              # a claimed source/delivery is free again after this
    delivery_max_attempts: int = 8
    delivery_backoff_base: float = 60.0
    delivery_backoff_cap: float = 6 * 3600.0
    jitter: float = 0.1                 # ± fraction of the interval
    analysis_budget: float = 120.0      # seconds a cycle may spend draining the analysis queue


@dataclass
class Hooks:
    impact: Callable[[int, dict], list[str]] | None = None
    recipients: Callable[[dict], list[int]] | None = None
    all_users: Callable[[], list[int]] | None = None
