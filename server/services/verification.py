"""Local verification of contacts by one-time codes (SMS) and codes + links (email).

Rules (DESIGN §4; anchors Twilio Verify, NIST SP 800-63B §5.1.3, OWASP ASVS V2.7):

- A code is 6 digits drawn with ``secrets.randbelow`` (a CSPRNG), kept as a string so leading
  zeros survive. It is stored only as ``HMAC-SHA256(installation secret, "v<id>:<code>")`` — bound
  to the verification that created it, so a code of another verification never matches — and is
  compared with ``hmac.compare_digest``. Every send draws a fresh code (the previous one stops
  working); the hash is erased when the verification leaves ``pending``, so a code works once.
- The emailed link carries a 256-bit random token, stored only as a keyed hash, single use.
- A code lives ``VERIFY_SMS_TTL_MINUTES`` (10, the maximum) by SMS and
  ``VERIFY_EMAIL_TTL_MINUTES`` (default 60, at most 1440) by email, counted from its send.
- At most 5 wrong checks per verification: the fifth turns it ``max_attempts_reached``, and every
  later check is answered 429 with ``Retry-After`` (the lock-out before a new verification may
  start). At most 5 sends per verification; resends wait 30 s, then 60, 120, 240 s
  (``VERIFY_COOLDOWNS``); a resend never resets the failure count. At most
  ``VERIFY_DAILY_FAILURES`` (100) wrong codes per destination per rolling 24 h across
  verifications; past it checks and starts answer 429.
- Sends are limited per destination per hour and, for SMS, per destination country calling code
  per hour (SMS pumping); per-token and per-IP request limits are applied by the API routes.
- States: ``pending → approved | expired | canceled | max_attempts_reached | failed``. Every
  send, check and state change is an event of the audit trail (masked destination, never a code).
- Approval sets the contact's ``local_status`` to ``verified``; starting sets ``pending``; when the
  last pending verification ends otherwise, ``pending`` goes back to ``unverified``.

Time comes from ``Settings.now`` (``app.config["NOW"]`` when set), so tests move the clock
instead of sleeping.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import phonenumbers

from monitor.db import iso, parse_iso, transaction, utcnow
from server.config import DEFAULTS
from server.errors import ApiError, Conflict, NotFound, RateLimited, ValidationFailed
from server.services import accounts, contacts, delivery, events, messages, notify
from server.services.masking import mask

CODE_LENGTH = 6
MAX_ATTEMPTS = 5
MAX_SENDS = 5
SMS_TTL_MAX_MINUTES = 10
EMAIL_TTL_MAX_MINUTES = 24 * 60
STATUSES = ("pending", "approved", "expired", "canceled", "max_attempts_reached", "failed")
CHANNEL_FOR_KIND = {"phone": "sms", "email": "email"}

COLUMNS = ("id, user_id, contact_id, channel, destination, language, status, code_hash, link_hash, "
           "attempts, sends, last_sent_at, next_resend_at, expires_at, locked_until, failure_reason, "
           "delivered_via, channel_ids, warning, override_checks, approved_at, approved_by, "
           "created_at, updated_at")
_NAMES = [c.strip() for c in COLUMNS.split(",")]


class WrongCode(ApiError):
    status_code = 422
    slug = "wrong-code"


class Expired(ApiError):
    status_code = 410
    slug = "expired"


class NotPending(Conflict):
    slug = "not-pending"


class CannotReceive(ApiError):
    status_code = 422
    slug = "cannot-receive"


@dataclass(frozen=True)
class Settings:
    secret: bytes
    now: Callable[[], datetime] = utcnow
    sms_ttl: timedelta = timedelta(minutes=10)
    email_ttl: timedelta = timedelta(minutes=60)
    cooldowns: tuple[int, ...] = (30, 60, 120, 240)
    daily_failures: int = 100
    lockout_seconds: int = 600
    sends_per_destination_per_hour: int = 10
    sms_per_country_per_hour: int = 20
    outbox: bool = True
    public_url: str = "http://127.0.0.1:8750"

    @classmethod
    def from_config(cls, config) -> Settings:
        """From the app's configuration (``server.config``: defaults, file, environment, overrides)."""
        def get(key):
            value = config.get(key)
            return DEFAULTS[key] if value is None else value

        cooldowns = get("VERIFY_COOLDOWNS")
        public = config.get("PUBLIC_URL") or f"http://{config.get('HOST', '127.0.0.1')}:{config.get('PORT', 8750)}"
        return cls(
            secret=config["SECRET"],
            now=config.get("NOW") or utcnow,
            sms_ttl=timedelta(minutes=min(int(get("VERIFY_SMS_TTL_MINUTES")), SMS_TTL_MAX_MINUTES)),
            email_ttl=timedelta(minutes=max(1, min(int(get("VERIFY_EMAIL_TTL_MINUTES")),
                                                   EMAIL_TTL_MAX_MINUTES))),
            cooldowns=tuple(int(x) for x in cooldowns) or (30,),
            daily_failures=int(get("VERIFY_DAILY_FAILURES")),
            lockout_seconds=int(get("VERIFY_LOCKOUT_SECONDS")),
            sends_per_destination_per_hour=int(get("VERIFY_SENDS_PER_DESTINATION_PER_HOUR")),
            sms_per_country_per_hour=int(get("VERIFY_SMS_PER_COUNTRY_PER_HOUR")),
            outbox=bool(get("VERIFY_OUTBOX")),
            public_url=str(public).rstrip("/"),
        )

    def ttl(self, channel: str) -> timedelta:
        return self.sms_ttl if channel == "sms" else self.email_ttl

    def cooldown_after(self, sends: int) -> int:
        """Seconds to wait after the ``sends``-th send: 30, 60, 120, 240 … (growing)."""
        return self.cooldowns[min(max(sends, 1), len(self.cooldowns)) - 1]


# --- secrets -------------------------------------------------------------------------------------

def new_code() -> str:
    return f"{secrets.randbelow(10 ** CODE_LENGTH):0{CODE_LENGTH}d}"


def hash_code(secret: bytes, verification_id: int, code: str) -> str:
    return hmac.new(secret, f"v{verification_id}:{code}".encode(), hashlib.sha256).hexdigest()


def hash_link(secret: bytes, token: str) -> str:
    return hmac.new(secret, f"link:{token}".encode(), hashlib.sha256).hexdigest()


def normalise_code(code: str) -> str:
    """Spaces and dashes dropped; full-width digits (a Japanese or Chinese IME) become ASCII."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", code or ""))


# --- reading -------------------------------------------------------------------------------------

def _row(db, where: str, params: list) -> dict | None:
    found = db.execute(f"SELECT {COLUMNS} FROM verifications WHERE {where}", params).fetchone()
    return dict(zip(_NAMES, found)) if found else None


def out(v: dict) -> dict:
    """The API shape (never the code, the hashes or the full destination)."""
    kind = "phone" if v["channel"] == "sms" else "email"
    return {
        "id": v["id"], "contact_id": v["contact_id"], "channel": v["channel"], "status": v["status"],
        "destination": mask(kind, v["destination"]), "language": v["language"],
        "expires_at": v["expires_at"], "attempts": v["attempts"], "max_attempts": MAX_ATTEMPTS,
        "attempts_left": max(0, MAX_ATTEMPTS - v["attempts"]), "sends": v["sends"],
        "max_sends": MAX_SENDS, "next_resend_at": v["next_resend_at"],
        "failure_reason": v["failure_reason"], "delivered_via": v["delivered_via"],
        "warning": v["warning"], "override_checks": bool(v["override_checks"]),
        "approved_at": v["approved_at"], "created_at": v["created_at"], "updated_at": v["updated_at"],
    }


def _load(db, user_id: int, verification_id: int) -> dict:
    """:raise NotFound: unknown, or another user's (the same answer)."""
    v = _row(db, "id = ? AND user_id = ?", [verification_id, user_id])
    if v is None:
        raise NotFound("No such verification.")
    return v


def _seconds_until(moment: str | None, now: datetime, minimum: int = 1) -> int:
    at = parse_iso(moment)
    if at is None:
        return minimum
    return max(minimum, math.ceil((at - now).total_seconds()))


# --- state changes (callers hold a transaction) ----------------------------------------------------

def _finish(db, v: dict, status: str, now: datetime, *, reason: str | None = None,
            actor: str = "api", extra: dict | None = None, lockout_seconds: int = 600) -> dict:
    """Leave ``pending``: erase the code and link hashes, record the event, fix the contact."""
    changes = {"status": status, "code_hash": None, "link_hash": None, "next_resend_at": None,
               "updated_at": iso(now)}
    if reason is not None:
        changes["failure_reason"] = reason
    if status == "max_attempts_reached":
        changes["locked_until"] = iso(now + timedelta(seconds=lockout_seconds))
    sets = ", ".join(f"{k} = ?" for k in changes)
    db.execute(f"UPDATE verifications SET {sets} WHERE id = ?", [*changes.values(), v["id"]])
    v = {**v, **changes}
    events.record(db, v["user_id"], f"verification.{status}", "verification", v["id"],
                  {"contact_id": v["contact_id"], "channel": v["channel"],
                   "destination": out(v)["destination"], **({"reason": reason} if reason else {}),
                   **(extra or {})}, actor=actor)
    _settle_contact(db, v["user_id"], v["contact_id"])
    _redact_outbox(db, v["id"])
    return v


_CODE_RE = re.compile(r"(?<!\d)\d{%d}(?!\d)" % CODE_LENGTH)
_LINK_RE = re.compile(r"(/verify-email/)[A-Za-z0-9_\-]+")


def _redact_outbox(db, verification_id: int) -> None:
    """Once a verification ends, its codes and link in the development outbox are useless; blank
    them so the outbox does not keep codes longer than they could be used."""
    for row_id, subject, body in db.execute(
            "SELECT id, subject, body FROM outbox WHERE verification_id = ?", [verification_id]).fetchall():
        db.execute("UPDATE outbox SET subject = ?, body = ? WHERE id = ?",
                   [_redact(subject) if subject else subject, _redact(body), row_id])


def _redact(text: str) -> str:
    text = _CODE_RE.sub("\u2022" * CODE_LENGTH, text)
    return _LINK_RE.sub(lambda m: m.group(1) + "\u2022" * 3, text)


def _settle_contact(db, user_id: int, contact_id: int) -> None:
    """``pending`` → ``unverified`` once no verification of the contact is pending."""
    still = db.execute("SELECT 1 FROM verifications WHERE contact_id = ? AND status = 'pending'",
                       [contact_id]).fetchone()
    if not still:
        db.execute("UPDATE contacts SET local_status = 'unverified' WHERE id = ? AND user_id = ? "
                   "AND local_status = 'pending'", [contact_id, user_id])


def _expire_if_due(db, v: dict, now: datetime) -> dict:
    if v["status"] == "pending" and parse_iso(v["expires_at"]) <= now:
        return _finish(db, v, "expired", now, actor="system")
    return v


def _approve(db, v: dict, now: datetime, by: str, actor: str) -> dict:
    changes = {"status": "approved", "code_hash": None, "link_hash": None, "next_resend_at": None,
               "approved_at": iso(now), "approved_by": by, "updated_at": iso(now)}
    sets = ", ".join(f"{k} = ?" for k in changes)
    db.execute(f"UPDATE verifications SET {sets} WHERE id = ?", [*changes.values(), v["id"]])
    db.execute("UPDATE contacts SET local_status = 'verified', local_verified_at = ?, updated_at = ? "
               "WHERE id = ? AND user_id = ?", [iso(now), iso(now), v["contact_id"], v["user_id"]])
    v = {**v, **changes}
    events.record(db, v["user_id"], "verification.approved", "verification", v["id"],
                  {"contact_id": v["contact_id"], "channel": v["channel"],
                   "destination": out(v)["destination"], "by": by}, actor=actor)
    _redact_outbox(db, v["id"])
    return v


def _destination_current(db, v: dict) -> bool:
    """A verification proves only the value it was sent to (defence in depth: value changes also
    cancel pending verifications)."""
    found = db.execute("SELECT value FROM contacts WHERE id = ? AND user_id = ?",
                       [v["contact_id"], v["user_id"]]).fetchone()
    return found is not None and found[0] == v["destination"]


# --- limits --------------------------------------------------------------------------------------

def _window_limit(db, sql: str, params: list, limit: int, window: timedelta, now: datetime,
                  message: str, slug: str) -> None:
    if limit <= 0:  # a limit configured as 0 allows nothing (and has no oldest send to wait for)
        raise RateLimited(message, retry_after=max(1, math.ceil(window.total_seconds())), slug=slug)
    since = iso(now - window)
    rows = db.execute(sql + " AND at > ? ORDER BY at", [*params, since]).fetchall()
    if len(rows) >= limit:
        oldest = parse_iso(rows[len(rows) - limit][0])
        retry = max(1, math.ceil((oldest + window - now).total_seconds()))
        raise RateLimited(message, retry_after=retry, slug=slug)


def _check_failure_cap(db, settings: Settings, user_id: int, destination: str, now: datetime) -> None:
    _window_limit(db, "SELECT at FROM verification_failures WHERE user_id = ? AND "
                  "lower(destination) = lower(?)",
                  [user_id, destination], settings.daily_failures, timedelta(days=1), now,
                  "Too many wrong codes for this contact today; try again later.",
                  "too-many-failures")


def _check_send_limits(db, settings: Settings, user_id: int, channel: str, destination: str,
                       country_code: str | None, now: datetime) -> None:
    _window_limit(db, "SELECT at FROM verification_sends WHERE user_id = ? AND "
                  "lower(destination) = lower(?)",
                  [user_id, destination], settings.sends_per_destination_per_hour,
                  timedelta(hours=1), now,
                  "Too many codes were sent to this contact in the last hour; try again later.",
                  "too-many-sends")
    if channel == "sms" and country_code:
        _window_limit(db, "SELECT at FROM verification_sends WHERE user_id = ? AND channel = 'sms' "
                      "AND country_code = ?", [user_id, country_code],
                      settings.sms_per_country_per_hour, timedelta(hours=1), now,
                      f"Too many SMS to +{country_code} numbers in the last hour (a protection "
                      "against SMS pumping); try again later.", "country-limit")


def _country_code(destination: str) -> str | None:
    try:
        return str(phonenumbers.parse(destination, None).country_code)
    except phonenumbers.NumberParseException:
        return None


def _refuse_unreachable(contact: dict, channel: str) -> None:
    checks = contact.get("checks") or {}
    errors = [w["message"] for w in checks.get("warnings", []) if w.get("severity") == "error"]
    if channel == "sms" and (checks.get("sms_capable") is False or checks.get("valid") is False):
        raise CannotReceive(
            "This phone number probably cannot receive SMS, so no code was sent.",
            detail=" ".join(errors) or "The checks say this number cannot receive SMS.",
            errors={"override_checks": ["Send anyway (API: override_checks: true; CLI: --override-checks) if you are sure "
                                        "the number receives SMS."]},
            reasons=errors, slug="cannot-receive-sms")
    if channel == "email" and checks.get("mail_accepts") is False:
        raise CannotReceive(
            "This email domain cannot receive mail, so no code was sent.",
            detail=" ".join(errors) or "The checks say this domain has no mail server.",
            errors={"override_checks": ["Send anyway (API: override_checks: true; CLI: --override-checks) if you are sure "
                                        "the address receives mail."]},
            reasons=errors, slug="cannot-receive-email")


# --- the flow ------------------------------------------------------------------------------------

def get(db, settings: Settings, user_id: int, verification_id: int) -> dict:
    with transaction(db):
        v = _expire_if_due(db, _load(db, user_id, verification_id), settings.now())
    return out(v)


def list_for_contact(db, settings: Settings, user_id: int, contact_id: int, limit: int = 20) -> list[dict]:
    contacts.get(db, user_id, contact_id)
    now = settings.now()
    with transaction(db):
        rows = [dict(zip(_NAMES, r)) for r in db.execute(
            f"SELECT {COLUMNS} FROM verifications WHERE contact_id = ? AND user_id = ? "
            "ORDER BY id DESC LIMIT ?", [contact_id, user_id, limit]).fetchall()]
        return [out(_expire_if_due(db, v, now)) for v in rows]


def start(db, settings: Settings, user_id: int, contact_id: int, channel: str, *,
          override_checks: bool = False, language: str | None = None,
          actor: str = "api") -> tuple[dict, bool]:
    """Start a verification, or return / resend the pending one. Returns (verification, created).

    Within the resend cooldown the pending verification is returned unchanged (no send); after
    it, the same verification gets a fresh code (a resend), up to 5 sends.
    :raise NotFound, ValidationFailed, CannotReceive, RateLimited:
    """
    now = settings.now()
    contact = contacts.get(db, user_id, contact_id)
    if CHANNEL_FOR_KIND[contact["kind"]] != channel:
        raise ValidationFailed(errors={"channel": [
            f"A {contact['kind']} contact is verified by {CHANNEL_FOR_KIND[contact['kind']]}."]})
    if not override_checks:
        _refuse_unreachable(contact, channel)
    destination = contact["value"]
    account = accounts.get(db, user_id, contact["account_id"])
    lang = messages.language_for(account["marketplaces"], language,
                                 contact["checks"].get("region") if channel == "sms" else None)
    code = new_code()
    link_token = secrets.token_urlsafe(32) if channel == "email" else None
    country = _country_code(destination) if channel == "sms" else None
    created = False
    with transaction(db):
        _check_failure_cap(db, settings, user_id, destination, now)
        v = _row(db, "contact_id = ? AND user_id = ? AND channel = ? AND status = 'pending' "
                 "ORDER BY id DESC LIMIT 1", [contact_id, user_id, channel])
        if v is not None:
            v = _expire_if_due(db, v, now)
        if v is not None and v["status"] == "pending" and v["destination"] != destination:
            v = _finish(db, v, "canceled", now, reason="The contact's value changed.", actor=actor)
        if v is not None and v["status"] == "pending":
            if v["next_resend_at"] and parse_iso(v["next_resend_at"]) > now:
                return out(v), False  # idempotent within the cooldown: same verification, no send
            if v["sends"] >= MAX_SENDS:
                raise RateLimited(
                    f"This verification was sent {MAX_SENDS} times, the maximum; enter the last "
                    "code, or wait until it expires and start a new one.",
                    retry_after=_seconds_until(v["expires_at"], now), slug="max-sends-reached",
                    verification_id=v["id"])
            _check_send_limits(db, settings, user_id, channel, destination, country, now)
            _redact_outbox(db, v["id"])  # the previous code stops working with this resend
        else:
            # keyed on the destination, not the contact: the same number on a second account
            # shares the lockout, and has no second set of five tries while one is pending
            locked = db.execute(
                "SELECT locked_until FROM verifications WHERE user_id = ? AND "
                "lower(destination) = lower(?) AND status = 'max_attempts_reached' AND "
                "locked_until > ? ORDER BY locked_until DESC LIMIT 1",
                [user_id, destination, iso(now)]).fetchone()
            if locked:
                raise RateLimited("Too many wrong codes: wait before starting a new verification.",
                                  retry_after=_seconds_until(locked[0], now),
                                  slug="max-attempts-reached")
            other = db.execute(
                "SELECT id, contact_id FROM verifications WHERE user_id = ? AND contact_id != ? AND "
                "lower(destination) = lower(?) AND status = 'pending' AND expires_at > ? LIMIT 1",
                [user_id, contact_id, destination, iso(now)]).fetchone()
            if other:
                raise Conflict(
                    f"A verification of this {'address' if channel == 'email' else 'number'} is "
                    f"already pending on contact {other[1]}: finish or cancel it first.",
                    verification_id=other[0], contact_id=other[1])
            _check_send_limits(db, settings, user_id, channel, destination, country, now)
            cur = db.execute(
                "INSERT INTO verifications (user_id, contact_id, channel, destination, language, "
                "expires_at, override_checks, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [user_id, contact_id, channel, destination, lang, iso(now + settings.ttl(channel)),
                 int(bool(override_checks)), iso(now), iso(now)])
            v = _row(db, "id = ?", [cur.fetchone()["id"]])
            created = True
            db.execute("UPDATE contacts SET local_status = 'pending' WHERE id = ? AND user_id = ? "
                       "AND local_status = 'unverified'", [contact_id, user_id])
        sends = v["sends"] + 1
        changes = {
            "code_hash": hash_code(settings.secret, v["id"], code),
            "link_hash": hash_link(settings.secret, link_token) if link_token else None,
            "sends": sends, "last_sent_at": iso(now),
            "next_resend_at": iso(now + timedelta(seconds=settings.cooldown_after(sends)))
            if sends < MAX_SENDS else None,
            "expires_at": iso(now + settings.ttl(channel)), "language": lang,
            "override_checks": int(bool(override_checks or v["override_checks"])),
            "updated_at": iso(now),
        }
        sets = ", ".join(f"{k} = ?" for k in changes)
        db.execute(f"UPDATE verifications SET {sets} WHERE id = ?", [*changes.values(), v["id"]])
        v = {**v, **changes}
        send_id = db.scalar(
            "INSERT INTO verification_sends (verification_id, user_id, channel, destination, "
            "country_code, at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            [v["id"], user_id, channel, destination, country, iso(now)])
        events.record(db, user_id, "verification.started" if created else "verification.resent",
                      "verification", v["id"],
                      {"contact_id": contact_id, "channel": channel, "destination": mask(contact["kind"], destination),
                       "send": sends, "language": lang, "attempts": v["attempts"],
                       "override_checks": bool(override_checks)}, actor=actor)

    # Deliver outside the write transaction (a provider may take seconds).
    minutes = int(settings.ttl(channel).total_seconds() // 60)
    if channel == "sms":
        subject, body = None, messages.text(lang, "sms", code=code, minutes=minutes)
    else:
        link = f"{settings.public_url}/api/v1/verify-email/{link_token}"
        subject = messages.text(lang, "email_subject", code=code)
        body = messages.text(lang, "email_body", code=code, link=link, minutes=minutes)
    result = delivery.deliver(db, user_id, channel, destination, subject, body,
                              key=f"verification-{v['id']}-send-{sends}", verification_id=v["id"],
                              allow_outbox=settings.outbox,
                              scrub=[code, *([link_token] if link_token else [])])
    with transaction(db):
        db.execute("UPDATE verification_sends SET ok = ?, via = ?, error = ? WHERE id = ?",
                   [int(result.ok), result.via, result.error, send_id])
        current = _row(db, "id = ?", [v["id"]])
        if result.ok:
            db.execute("UPDATE verifications SET delivered_via = ?, channel_ids = ?, warning = ?, "
                       "failure_reason = NULL WHERE id = ?",
                       [result.via, json.dumps(result.channel_ids), result.warning, v["id"]])
            events.record(db, user_id, "verification.sent", "verification", v["id"],
                          {"via": result.via, "channel_ids": result.channel_ids, "send": sends,
                           **({"warning": "outbox"} if result.via == "outbox" else {})}, actor=actor)
        elif current["status"] == "pending":
            db.execute("UPDATE verifications SET channel_ids = ? WHERE id = ?",
                       [json.dumps(result.channel_ids), v["id"]])
            _finish(db, current, "failed", now, reason=f"Delivery failed: {result.error}",
                    actor=actor, extra={"send": sends})
        else:
            events.record(db, user_id, "verification.send_failed", "verification", v["id"],
                          {"error": result.error, "send": sends}, actor=actor)
        v = _row(db, "id = ?", [v["id"]])
    return out(v), created


def check(db, settings: Settings, user_id: int, verification_id: int, code: str, *,
          actor: str = "api") -> dict:
    """Check a code. Returns the approved verification.

    :raise NotFound: unknown or another user's verification.
    :raise WrongCode: 422 with ``attempts_left`` (the attempt is counted and recorded).
    :raise Expired: 410. :raise NotPending: 409 (approved, canceled, failed).
    :raise RateLimited: 429 with Retry-After (attempts used up, or the daily cap).
    """
    now = settings.now()
    code = normalise_code(code)
    error: ApiError | None = None
    with transaction(db):
        v = _expire_if_due(db, _load(db, user_id, verification_id), now)
        if v["status"] == "expired":
            error = Expired("This verification has expired; start a new one.",
                            verification_id=v["id"], status_detail=v["status"])
        elif v["status"] == "max_attempts_reached":
            error = RateLimited("Too many wrong codes for this verification; wait and start a new one.",
                                retry_after=_seconds_until(v["locked_until"], now),
                                slug="max-attempts-reached", attempts_left=0)
        elif v["status"] != "pending":
            error = NotPending(f"This verification is {v['status']}; a code can be used only once, "
                               "while the verification is pending.", verification_status=v["status"])
        elif not _destination_current(db, v):
            _finish(db, v, "canceled", now, reason="The contact's value changed.", actor=actor)
            error = NotPending("The contact changed after this verification started; start a new one.",
                               verification_status="canceled")
        else:
            _check_failure_cap(db, settings, user_id, v["destination"], now)
            if not re.fullmatch(r"[0-9]{%d}" % CODE_LENGTH, code):
                raise ValidationFailed(errors={"code": [f"Enter the {CODE_LENGTH}-digit code."]})
            expected = v["code_hash"] or ""
            given = hash_code(settings.secret, v["id"], code)
            if expected and hmac.compare_digest(expected, given):
                v = _approve(db, v, now, "code", actor)
            else:
                attempts = v["attempts"] + 1
                db.execute("UPDATE verifications SET attempts = ?, updated_at = ? WHERE id = ?",
                           [attempts, iso(now), v["id"]])
                db.execute("INSERT INTO verification_failures (user_id, verification_id, destination, at) "
                           "VALUES (?, ?, ?, ?)", [user_id, v["id"], v["destination"], iso(now)])
                v = {**v, "attempts": attempts}
                left = max(0, MAX_ATTEMPTS - attempts)
                events.record(db, user_id, "verification.check_failed", "verification", v["id"],
                              {"contact_id": v["contact_id"], "attempts": attempts,
                               "attempts_left": left}, actor=actor)
                if attempts >= MAX_ATTEMPTS:
                    v = _finish(db, v, "max_attempts_reached", now, actor=actor,
                                extra={"attempts": attempts},
                                lockout_seconds=settings.lockout_seconds)
                error = WrongCode(
                    "The code is wrong." + ("" if left else " No attempts are left: start a new "
                                            "verification after the wait."),
                    errors={"code": ["The code is wrong."]}, attempts_left=left,
                    verification_status=v["status"])
    if error is not None:
        raise error
    return out(v)


def cancel(db, settings: Settings, user_id: int, verification_id: int, *, actor: str = "api") -> dict:
    now = settings.now()
    with transaction(db):
        v = _expire_if_due(db, _load(db, user_id, verification_id), now)
        if v["status"] == "canceled":
            return out(v)
        if v["status"] != "pending":
            error = NotPending(f"This verification is {v['status']} and cannot be canceled.",
                               verification_status=v["status"])
        else:
            return out(_finish(db, v, "canceled", now, reason="Canceled.", actor=actor))
    raise error


def approve_by_link(db, settings: Settings, token: str, *,
                    confirm: bool = True) -> tuple[str, dict | None]:
    """Follow an emailed link. Returns (outcome, verification or None) where outcome is
    ``approved`` | ``invalid`` (unknown, used or replaced — one answer) | ``expired`` |
    ``not_pending``; with ``confirm`` False (the page a GET shows, which a mail scanner may
    fetch) nothing is approved and a link that would approve gives ``confirm``."""
    if not token or len(token) > 200:
        return "invalid", None
    now = settings.now()
    digest = hash_link(settings.secret, token)
    with transaction(db):
        v = _row(db, "link_hash = ?", [digest])
        if v is None or not hmac.compare_digest(v["link_hash"] or "", digest):
            return "invalid", None
        v = _expire_if_due(db, v, now)
        if v["status"] == "expired":
            return "expired", v
        if v["status"] != "pending":
            return "not_pending", v
        if not _destination_current(db, v):
            _finish(db, v, "canceled", now, reason="The contact's value changed.", actor="email-link")
            return "invalid", None
        if not confirm:
            return "confirm", v
        return "approved", _approve(db, v, now, "link", "email-link")


def cancel_pending_for_contact(db, settings: Settings, user_id: int, contact_id: int, reason: str, *,
                               actor: str = "api") -> int:
    now = settings.now()
    with transaction(db):
        pending = [dict(zip(_NAMES, r)) for r in db.execute(
            f"SELECT {COLUMNS} FROM verifications WHERE contact_id = ? AND user_id = ? AND "
            "status = 'pending'", [contact_id, user_id]).fetchall()]
        for v in pending:
            _finish(db, v, "canceled", now, reason=reason, actor=actor)
    return len(pending)


def contact_value_changed(db, settings: Settings, user_id: int, before: dict, after: dict, *,
                          actor: str = "api") -> dict:
    """After a contact's value changed: cancel its pending verifications and tell the seller
    through their alerts channels (best effort, recorded as an event)."""
    canceled = cancel_pending_for_contact(db, settings, user_id, after["id"],
                                          "The contact's value changed.", actor=actor)
    account = accounts.get(db, user_id, after["account_id"])
    lang = messages.language_for(account["marketplaces"])
    title = messages.text(lang, "contact_changed_title")
    body = messages.text(lang, "contact_changed_body", kind=messages.kind_name(lang, after["kind"]),
                         account=account["name"], old=before["masked"], new=after["masked"],
                         canceled=canceled)
    # no transaction around it: the notice goes over the network (it records its own event)
    sent = notify.notify_user(db, user_id, title, body, subject_type="contact",
                              subject_id=after["id"], reason="contact_changed", actor=actor,
                              key=f"contact-{after['id']}-changed-{iso(settings.now())}")
    return {"canceled": canceled, "notified": sent}


def update_contact(db, config, user_id: int, contact_id: int, data: dict, *, actor: str = "api") -> dict:
    """Change a contact (API and CLI alike): re-check it and, when its value changed, cancel the
    pending verifications of the old value and tell the seller."""
    before = contacts.get(db, user_id, contact_id)
    contact, changed = contacts.update(db, user_id, contact_id, data,
                                       contacts.CheckSettings.from_config(config), actor=actor)
    if changed:
        contact_value_changed(db, Settings.from_config(config), user_id, before, contact, actor=actor)
    return contact
