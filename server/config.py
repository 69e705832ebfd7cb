"""Configuration: defaults, then ``config.yaml`` in the data home, then ``SELLERGUARD_*``
environment variables, then the overrides a caller (a test) passes to ``create_app``."""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PORT = 8750

DEFAULTS: dict[str, Any] = {
    "HOST": "127.0.0.1",
    "PORT": DEFAULT_PORT,
    "MONITOR": True,  # start the monitor's scheduler inside `serve`
    "OFFLINE": False,  # skip DNS (MX) look-ups in contact checks
    "DNS_TIMEOUT": 2.0,
    "MAX_CONTENT_LENGTH": 256 * 1024,
    "PAIRING_TTL_MINUTES": 10,
    "PAIRING_RATE_LIMIT": "10 per minute;30 per hour",
    "API_RATE_LIMIT": "600 per minute",
    "RATELIMIT_ENABLED": True,
    "PUBLIC_URL": None,  # base URL used in emailed links; defaults to http://HOST:PORT
    # local verification (DESIGN §4); the lifetimes are capped at 10 min (SMS) and 24 h (email)
    "VERIFY_SMS_TTL_MINUTES": 10,
    "VERIFY_EMAIL_TTL_MINUTES": 60,
    "VERIFY_COOLDOWNS": [30, 60, 120, 240],  # seconds after the 1st, 2nd, 3rd, 4th send
    "VERIFY_DAILY_FAILURES": 100,  # wrong codes per contact per day, across verifications
    "VERIFY_LOCKOUT_SECONDS": 600,  # after 5 wrong codes, before a new verification
    "VERIFY_SENDS_PER_DESTINATION_PER_HOUR": 10,
    "VERIFY_SMS_PER_COUNTRY_PER_HOUR": 20,  # per user and calling code: stops SMS pumping
    "VERIFY_OUTBOX": True,
    # on-demand source checks running at once (server-wide / per user); see services/check_slots
    "SOURCE_CHECKS_MAX": 2,
    "SOURCE_CHECKS_PER_USER": 1,
    # loopback / private-network source URLs for every user, not only the instance owner
    "ALLOW_PRIVATE_SOURCES": False,  # with no channel configured, record messages in the dev outbox
}

ENV_PREFIX = "SELLERGUARD_"


class ConfigError(ValueError):
    """A configuration value is missing or malformed."""


def resolve_home(home: str | os.PathLike | None) -> Path:
    """The data home: explicit argument, else ``SELLERGUARD_HOME``, else ``./var``."""
    value = home or os.environ.get(ENV_PREFIX + "HOME") or "var"
    return Path(value).expanduser().resolve()


def _coerce(value: str, like: Any) -> Any:
    if isinstance(like, list):  # "30,60,120"
        return [int(x) for x in value.replace(";", ",").split(",") if x.strip()]
    if isinstance(like, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        return int(value)
    if isinstance(like, float):
        return float(value)
    return value


def load(home: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Merge the configuration layers into one flat dict of upper-case keys."""
    config = dict(DEFAULTS)
    file = home / "config.yaml"
    if file.exists():
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ConfigError(f"{file}: expected a mapping of settings")
        config.update({str(k).upper(): v for k, v in data.items()})
    for key, value in os.environ.items():
        if key.startswith(ENV_PREFIX) and key != ENV_PREFIX + "HOME":
            name = key[len(ENV_PREFIX):]
            config[name] = _coerce(value, DEFAULTS.get(name, ""))
    config.update(overrides or {})
    config["HOME"] = str(home)
    config.setdefault("DATABASE", str(home / "sellerguard.db"))
    if not config.get("DATABASE"):
        config["DATABASE"] = str(home / "sellerguard.db")
    if config.get("DATABASE_URL"):  # SELLERGUARD_DATABASE_URL=postgresql://... instead of the file
        config["DATABASE"] = str(config["DATABASE_URL"])
    return config


def make_home(home: Path) -> list[str]:
    """Create the data home readable by its owner only: it holds contact values, channel URLs
    with provider secrets and the key of every hash. An existing home that others can read is
    tightened to 0700 when this user owns it, else left alone with a warning. Returns the
    warnings (also logged)."""
    existed = home.exists()
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not existed:
        home.chmod(0o700)  # mkdir's mode is filtered by the umask
        return []
    return secure_home(home)


def secure_home(home: Path) -> list[str]:
    """Tighten (or warn about) a data home whose mode lets group or others in."""
    import logging
    import stat

    log = logging.getLogger("sellerguard.files")
    try:
        st = home.stat()
    except OSError:
        return []
    if not st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        return []
    mode = stat.S_IMODE(st.st_mode)
    if st.st_uid == os.getuid():
        home.chmod(0o700)
        message = (f"data home {home} was readable by others (mode {mode:o}); "
                   "tightened to 700")
    else:
        message = (f"data home {home} is readable by others (mode {mode:o}) and belongs to "
                   "another user; restrict it: chmod 700")
    log.warning(message)
    return [message]


def private_files(database: Path) -> None:
    """The database and its -wal/-shm files: owner read/write only (0600)."""
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm"),
                 Path(f"{database}-journal")):
        try:
            if path.exists() and path.stat().st_mode & 0o077:
                path.chmod(0o600)
        except OSError:
            pass


def secret_key(home: Path) -> bytes:
    """The installation's secret (keyed hashes of codes): created once, readable by the owner only."""
    path = home / "secret.key"
    if not path.exists():
        make_home(home)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def record_running_server(home: Path, url: str) -> None:
    """``serve`` notes its address so that CLI commands (emailed links) point at it."""
    (home / "server.json").write_text(json.dumps({"url": url}), encoding="utf-8")


def running_server_url(home: Path) -> str | None:
    try:
        return json.loads((home / "server.json").read_text(encoding="utf-8")).get("url")
    except (OSError, ValueError, AttributeError):
        return None


class ServeLock:
    """``serve.lock`` in the data home: one server (and one scheduler) per database. The lock
    is an ``flock`` held for the life of the process, so a crashed server leaves no stale lock;
    the file names the pid and address of the holder for the refusal message."""

    def __init__(self, home: Path) -> None:
        self.path = home / "serve.lock"
        self._fd: int | None = None

    def acquire(self) -> dict | None:
        """Take the lock; if another process holds it, return what it recorded."""
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            try:
                holder = json.loads(os.read(fd, 4096) or b"{}")
            except ValueError:
                holder = {}
            os.close(fd)
            return holder if isinstance(holder, dict) else {}
        self._fd = fd
        self.record(None)
        return None

    def record(self, url: str | None) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, json.dumps({"pid": os.getpid(), "url": url}).encode(), 0)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None
