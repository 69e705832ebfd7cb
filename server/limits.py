"""Rate limits (flask-limiter): per IP for pairing, per token for everything else."""
from __future__ import annotations

import hashlib

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def token_or_ip() -> str:
    """The caller's key: its token when the token is valid, else its address (made-up tokens
    must not each get a fresh allowance)."""
    from server.auth_http import bearer_user

    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer ") and bearer_user() is not None:
        return "tok:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:32]
    return "ip:" + (get_remote_address() or "unknown")


def api_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def pairing_limit() -> str:
    return current_app.config["PAIRING_RATE_LIMIT"]


limiter = Limiter(key_func=token_or_ip, storage_uri="memory://", headers_enabled=False,
                  default_limits=[api_limit])


def retry_after_seconds(default: int = 60) -> int:
    """Seconds until the limit that was just hit resets (for ``Retry-After``)."""
    import time

    try:
        current = limiter.current_limit
        if current is not None:
            return max(1, int(current.reset_at - time.time()) + 1)
    except Exception:  # noqa: BLE001 - outside a limited request there is no current limit
        pass
    return default
