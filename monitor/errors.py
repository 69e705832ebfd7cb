"""The monitor's named exceptions. The server maps them to problem+json answers."""
from __future__ import annotations


class MonitorError(Exception):
    """Base of every error the monitor raises on purpose."""


class NotFound(MonitorError):
    """No such object for this user (also for objects the user may see but not change)."""


class Invalid(MonitorError, ValueError):
    """Input data is not acceptable; the message says which field and why."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class SourceConfigError(Invalid):
    """A source's settings are wrong (unknown kind, missing selector, bad URL …)."""


class ChannelError(Invalid):
    """An Apprise URL is not usable."""
