"""Users, API tokens and pairing codes.

Tokens are 256-bit random secrets shown once and stored only as SHA-256 hashes (a fast hash is
right for high-entropy secrets and lets us find the row by its hash). Pairing codes are short, so
they are stored as a keyed hash (HMAC with the installation secret), are single use and expire
after ``PAIRING_TTL_MINUTES``; the route that redeems them is rate limited.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta


from monitor.db import Database, iso, parse_iso, transaction, utcnow
from monitor.names import message, unsafe_characters
from server.errors import Conflict, NotFound, Unauthorized, ValidationFailed
from server.services import events

TOKEN_PREFIX = "sg_"
PAIRING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
PAIRING_LENGTH = 8


@dataclass(frozen=True)
class User:
    id: int
    name: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _code_hash(secret: bytes, code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hmac.new(secret, normalised.encode("ascii", "ignore"), hashlib.sha256).hexdigest()


def create_user(db: Database, name: str) -> User:
    name = name.strip()
    if not name:
        raise Conflict("A user needs a name.")
    if unsafe_characters(name):
        raise ValidationFailed(errors={"name": [f"A user name {message(unsafe_characters(name))}."]})
    with transaction(db):
        if db.execute("SELECT 1 FROM users WHERE name = ?", [name]).fetchone():
            raise Conflict(f"User {name!r} already exists.")
        cur = db.execute(
            "INSERT INTO users (name, created_at) VALUES (?, ?) RETURNING id", [name, iso(utcnow())]
        )
        user = User(cur.fetchone()["id"], name)
        events.record(db, user.id, "user.created", "user", user.id, {"name": name}, actor="cli")
    return user


def list_users(db: Database) -> list[User]:
    return [User(r["id"], r["name"]) for r in db.execute("SELECT id, name FROM users ORDER BY id")]


def get_user(db: Database, name: str | None = None) -> User:
    """A user by name; with no name, the only user (the common single-seller install)."""
    if name is None:
        users = list_users(db)
        if len(users) == 1:
            return users[0]
        if not users:
            raise NotFound("There is no user yet: run `sellerguard init` or `sellerguard user add NAME`.")
        raise NotFound("Several users exist: name one with --user NAME.")
    row = db.execute("SELECT id, name FROM users WHERE name = ?", [name]).fetchone()
    if row is None:
        raise NotFound(f"No user named {name!r}.")
    return User(row[0], row[1])


def create_token(db: Database, user: User, name: str = "cli") -> str:
    """A new token for ``user``; the plaintext is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction(db):
        db.execute(
            "INSERT INTO tokens (user_id, name, token_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?)",
            [user.id, name, hash_token(token), token[:7], iso(utcnow())],
        )
        events.record(db, user.id, "token.created", "user", user.id, {"name": name}, actor="cli")
    return token


def user_for_token(db: Database, token: str | None) -> User | None:
    """The user a bearer token belongs to, or None (unknown, revoked or malformed)."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    digest = hash_token(token)
    row = db.execute(
        "SELECT t.id, t.token_hash, u.id, u.name, t.last_used_at FROM tokens t "
        "JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL",
        [digest],
    ).fetchone()
    if row is None or not hmac.compare_digest(row[1], digest):
        return None
    now = utcnow()
    last = parse_iso(row[4])
    if last is None or now - last > timedelta(minutes=5):  # bounded write amplification
        db.execute("UPDATE tokens SET last_used_at = ? WHERE id = ?", [iso(now), row[0]])
    return User(row[2], row[3])


def create_pairing_code(db: Database, secret: bytes, user: User, ttl_minutes: int = 10):
    """A short single-use code the extension exchanges for a token. Returns (code, expires_at)."""
    raw = "".join(secrets.choice(PAIRING_ALPHABET) for _ in range(PAIRING_LENGTH))
    code = f"{raw[:4]}-{raw[4:]}"
    now = utcnow()
    expires = now + timedelta(minutes=ttl_minutes)
    with transaction(db):
        db.execute("DELETE FROM pairing_codes WHERE expires_at < ?", [iso(now)])
        db.execute(
            "INSERT INTO pairing_codes (user_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
            [user.id, _code_hash(secret, code), iso(now), iso(expires)],
        )
        events.record(db, user.id, "pairing.code_created", "user", user.id, {}, actor="cli")
    return code, expires


def redeem_pairing_code(db: Database, secret: bytes, code: str) -> tuple[User, str]:
    """Exchange a valid, unused, unexpired code for a new token (single use)."""
    digest = _code_hash(secret, code or "")
    now = iso(utcnow())
    with transaction(db):
        row = db.execute(
            "SELECT p.id, p.code_hash, u.id, u.name FROM pairing_codes p JOIN users u ON u.id = p.user_id "
            "WHERE p.code_hash = ? AND p.used_at IS NULL AND p.expires_at >= ?",
            [digest, now],
        ).fetchone()
        if row is None or not hmac.compare_digest(row[1], digest):
            raise Unauthorized("This pairing code is not valid. Run `sellerguard pair` for a new one.")
        db.execute("UPDATE pairing_codes SET used_at = ? WHERE id = ?", [now, row[0]])
        user = User(row[2], row[3])
        token = create_token(db, user, name="paired extension")
        events.record(db, user.id, "pairing.redeemed", "user", user.id, {}, actor="api")
    return user, token
