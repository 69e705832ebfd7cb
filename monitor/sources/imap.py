"""``imap`` sources: a seller's mailbox read over IMAP with TLS (IMAPClient), every mail judged.

URL ``imaps://host[:port]/FOLDER`` (port 993 by default; the folder may also be a setting).
Settings:
  ``username``, ``password`` (required; the password is an app password, stored like channel
  secrets: never returned — shown as ``****`` — and never logged);
  ``folder`` (default ``INBOX``); ``senders``: addresses or domains to read (default: the
  marketplaces' notification domains *and anything imitating them*, or naming the marketplace in
  the sender's name or subject — phishing has to be read to be recognised); ``subjects``:
  substrings, at least one must occur in the subject; ``max_size_mb`` (default 10): larger mails
  are not downloaded (``RFC822.SIZE`` first) and are recorded as skipped; ``max_messages`` per
  poll (default 50; the rest waits for the next poll); ``since_days`` (default 30): how far back
  the first poll reads; ``timeout`` (seconds, default 20) for connecting and each read, within
  the monitor's overall fetch deadline; ``authserv_id``: the seller's own mail server, whose
  ``Authentication-Results`` are trusted; ``trusted_arc``: forwarders whose ARC seals are
  trusted; ``tls_ca``: a PEM certificate to trust for this server (a self-hosted server with its
  own certificate); ``dns``: nameservers (``host[:port]``) for DKIM/DMARC look-ups.

Read-only: the folder is opened with EXAMINE and bodies are read with ``BODY.PEEK[]``, so no
flag changes and nothing moves. State: the last UID read per UIDVALIDITY (a mailbox rebuilt by
the server starts again from ``since_days``) and the recent Message-IDs (a mail copied twice is
read once). Items are identified by Message-ID, so re-polling never stores — or alerts — twice.
"""
from __future__ import annotations

import email.parser
import email.policy
import email.utils
import socket
import ssl
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote, urlsplit

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError
from imapclient.imapclient import SocketTimeout

from monitor.errors import SourceConfigError
from monitor.fetch import DeadlineExceeded, FetchError, NetworkError, guard_address, guard_private
from monitor.mail.domains import lookalike, mail_domains, org_domain
from monitor.sources.base import Entry, SourceKind

HEADER_FIELDS = b"BODY.PEEK[HEADER.FIELDS (FROM SUBJECT MESSAGE-ID DATE)]"
SEEN_KEEP = 500


class MailboxError(FetchError):
    """The server refused us: login, folder, or a protocol error."""

    state = "failing"


def _strings(value, field: str, limit: int = 50) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value) \
            or len(value) > limit:
        raise SourceConfigError(f"imap source: {field} must be a list of at most {limit} "
                                "non-empty strings", field=field)
    return [v.strip() for v in value]


def _number(settings: dict, key: str, default: float, lo: float, hi: float) -> float:
    value = settings.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
        raise SourceConfigError(f"imap source: {key} must be a number from {lo:g} to {hi:g}",
                                field=key)
    return value


class ImapSource(SourceKind):
    """A mailbox read over IMAP with TLS; each mail gets a verdict (genuine/phishing/…)."""

    __kind__ = "imap"
    summary = "a mailbox (IMAP over TLS, read-only); every mail gets a genuine/phishing verdict"
    schemes = ("imaps",)
    required = ("username", "password")
    optional = ("folder", "senders", "subjects", "max_size_mb", "max_messages", "since_days",
                "timeout", "authserv_id", "trusted_arc", "tls_ca", "dns")
    secret_settings = ("password",)

    @classmethod
    def validate(cls, settings: dict) -> dict:
        settings = super().validate(settings)
        out: dict = {}
        for key in ("username", "password"):
            if not isinstance(settings[key], str) or len(settings[key]) > 500:
                raise SourceConfigError(f"imap source: {key} must be a string", field=key)
            out[key] = settings[key]
        folder = settings.get("folder") or "INBOX"
        if not isinstance(folder, str) or len(folder) > 200 or any(c in folder for c in "\r\n"):
            raise SourceConfigError("imap source: folder must be a folder name", field="folder")
        out["folder"] = folder
        out["senders"] = [s.lower() for s in _strings(settings.get("senders"), "senders")]
        out["subjects"] = _strings(settings.get("subjects"), "subjects")
        out["max_size_mb"] = _number(settings, "max_size_mb", 10, 0.01, 50)
        out["max_messages"] = int(_number(settings, "max_messages", 50, 1, 1000))
        out["since_days"] = int(_number(settings, "since_days", 30, 1, 3650))
        out["timeout"] = _number(settings, "timeout", 20, 0.5, 120)
        auth_id = settings.get("authserv_id")
        if auth_id not in (None, ""):
            if not isinstance(auth_id, str) or len(auth_id) > 255 or " " in auth_id.strip():
                raise SourceConfigError("imap source: authserv_id must be a host name",
                                        field="authserv_id")
            out["authserv_id"] = auth_id.strip()
        out["trusted_arc"] = [d.lower() for d in _strings(settings.get("trusted_arc"),
                                                          "trusted_arc")]
        ca = settings.get("tls_ca")
        if ca not in (None, ""):
            if not isinstance(ca, str) or "BEGIN CERTIFICATE" not in ca or len(ca) > 20000:
                raise SourceConfigError("imap source: tls_ca must be a PEM certificate",
                                        field="tls_ca")
            try:
                ssl.create_default_context(cadata=ca)
            except (ssl.SSLError, ValueError) as exc:
                raise SourceConfigError(f"imap source: tls_ca is not usable: {exc}",
                                        field="tls_ca") from None
            out["tls_ca"] = ca
        out["dns"] = _strings(settings.get("dns"), "dns", limit=5)
        return {k: v for k, v in out.items() if v not in (None, [], "")}

    # --- retrieval ------------------------------------------------------------------------

    def _address(self) -> tuple[str, int, str]:
        parts = urlsplit(self.source.get("url") or "")
        if parts.password:
            raise SourceConfigError("imap source: put the password in the settings, never in "
                                    "the URL", field="url")
        folder = unquote(parts.path.lstrip("/")) or self.settings.get("folder") or "INBOX"
        return parts.hostname or "", parts.port or 993, folder

    def _wanted(self, sender: str, name: str, subject: str) -> bool:
        domain = sender.rsplit("@", 1)[-1] if "@" in sender else ""
        senders = self.settings.get("senders") or []
        if senders:
            ok = any(sender == s or (("@" not in s) and (domain == s or domain.endswith("." + s)))
                     for s in senders)
        else:
            md = mail_domains()
            head = f"{name} {subject}".casefold().replace(" ", "")
            ok = md.is_sender(domain) or bool(lookalike(domain, md)) or any(
                w in head for w in md.brand_words)
        subjects = self.settings.get("subjects") or []
        if ok and subjects:
            ok = any(s.casefold() in subject.casefold() for s in subjects)
        return ok

    def _verdict_config(self):
        from monitor.mail.auth import DnsConfig
        from monitor.mail.verdict import DEFAULT_TRUSTED_ARC, VerdictConfig

        return VerdictConfig(
            dns=DnsConfig(nameservers=self.settings.get("dns") or None,
                          timeout=min(5.0, float(self.settings.get("timeout", 20)))),
            authserv_id=self.settings.get("authserv_id"),
            trusted_arc=tuple(DEFAULT_TRUSTED_ARC) + tuple(self.settings.get("trusted_arc", [])))

    def retrieve(self, state: dict, context) -> tuple[list[Entry], dict]:
        host, port, folder = self._address()
        guard_address(host, port)
        fetch_cfg = getattr(getattr(context, "fetcher", None), "config", None)
        private_ok = getattr(fetch_cfg, "private_ok", None)
        if private_ok is not None and not private_ok(self.source.get("user_id")):
            # the same rule as HTTP sources: only the instance owner (or ALLOW_PRIVATE_SOURCES)
            # may point a mailbox at loopback or a private network
            guard_private(host, port)
        timeout = float(self.settings.get("timeout", 20))
        overall = timeout * 3
        if fetch_cfg is not None and getattr(fetch_cfg, "deadline", None):
            overall = min(overall, float(fetch_cfg.deadline))
        deadline = time.monotonic() + overall
        ctx = ssl.create_default_context(cadata=self.settings.get("tls_ca") or None)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        try:
            client = IMAPClient(host, port=port, ssl=True, ssl_context=ctx,
                                timeout=SocketTimeout(connect=timeout, read=timeout))
        except (socket.timeout, TimeoutError) as exc:
            raise DeadlineExceeded(f"{host}:{port}: no answer within {timeout:g} s") from exc
        except (ssl.SSLError, OSError, IMAPClientError) as exc:
            raise NetworkError(f"{host}:{port}: cannot connect over TLS: "
                               f"{type(exc).__name__}: {exc}") from exc
        try:
            return self._read(client, state, folder, deadline)
        except (socket.timeout, TimeoutError) as exc:
            raise DeadlineExceeded(f"{host}:{port}: the server stopped answering "
                                   f"(no reply within {timeout:g} s); nothing was lost, the "
                                   "mails are read again on the next poll") from exc
        except LoginError:
            raise MailboxError(f"{host}:{port}: login refused for "
                               f"{self.settings.get('username')!r} (check the app password)"
                               ) from None
        except (IMAPClientError, ssl.SSLError, OSError, EOFError) as exc:
            raise NetworkError(f"{host}:{port}: connection lost ({type(exc).__name__}); "
                               "nothing was lost, the mails are read again on the next poll"
                               ) from exc
        finally:
            try:
                client.shutdown()
            except Exception:  # noqa: BLE001 - already gone
                pass

    def _read(self, client: IMAPClient, state: dict, folder: str, deadline: float):
        from monitor.mail.message import MalformedMessage, parse

        client.login(self.settings["username"], self.settings["password"])
        try:
            info = client.select_folder(folder, readonly=True)
        except IMAPClientError as exc:
            raise MailboxError(f"folder {folder!r} cannot be opened: {exc}") from None
        validity = str(int(info.get(b"UIDVALIDITY", 0) or 0))
        uids_state = dict(state.get("uids") or {})
        last = int(uids_state.get(validity, 0))
        seen: list[str] = list(state.get("seen") or [])
        if last:
            criteria = ["UID", f"{last + 1}:*"]
        else:
            since = (datetime.now(UTC) - timedelta(days=int(self.settings.get("since_days", 30))))
            criteria = ["SINCE", since.date()]
        # the oldest first, at most max_messages a poll: the next poll goes on from ``last``
        uids = sorted(u for u in client.search(criteria) if u > last)
        uids = uids[:int(self.settings.get("max_messages", 50))]
        entries: list[Entry] = []
        self.warnings = []
        cap = int(float(self.settings.get("max_size_mb", 10)) * 1024 * 1024)
        heads = client.fetch(uids, [b"RFC822.SIZE", HEADER_FIELDS]) if uids else {}
        config = self._verdict_config()
        mailbox = self.settings["username"]
        for uid in uids:
            if time.monotonic() > deadline:
                self.warnings.append("stopped at the time limit; the remaining mails are read "
                                     "on the next poll")
                break
            data = heads.get(uid) or {}
            size = int(data.get(b"RFC822.SIZE") or 0)
            raw_head = next((v for k, v in data.items() if k.startswith(b"BODY[HEADER")), b"")
            head = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(
                raw_head or b"")
            name, sender = email.utils.parseaddr(str(head.get("From") or ""))
            sender, subject = sender.lower(), str(head.get("Subject") or "")
            mid = str(head.get("Message-ID") or "").strip() or None
            if not self._wanted(sender, name, subject):
                last = uid
                continue
            if mid and mid in seen:
                last = uid
                continue
            if size > cap:
                self.warnings.append(f"mail {uid} ({size / 1048576:.1f} MB, {subject[:60]!r}) "
                                     f"is larger than {cap / 1048576:g} MB and was not read")
                entries.append(self._skipped(uid, validity, mid, sender, subject, mailbox,
                                             f"too large to check ({size / 1048576:.1f} MB)"))
            else:
                body = client.fetch([uid], [b"BODY.PEEK[]"]).get(uid, {})
                raw = body.get(b"BODY[]") or b""
                try:
                    mail = parse(raw)
                except MalformedMessage as exc:
                    self.warnings.append(f"mail {uid} could not be read: {exc}")
                    entries.append(self._skipped(uid, validity, mid, sender, subject, mailbox,
                                                 f"unreadable: {exc}"))
                else:
                    entries.append(self._entry(mail, uid, validity, mailbox, config))
            if mid:
                seen.append(mid)
            last = uid
        uids_state = {validity: last}  # an old UIDVALIDITY's numbers mean nothing any more
        return entries, {"uids": uids_state, "seen": seen[-SEEN_KEEP:]}

    def _entry(self, mail, uid: int, validity: str, mailbox: str, config) -> Entry:
        from monitor.mail.verdict import judge_mail

        verdict = judge_mail(mail, config)
        return Entry(
            title=mail.subject or "(no subject)", link=None,
            guid=f"mid:{mail.message_id}" if mail.message_id else f"uid:{validity}:{uid}",
            content=mail.text, author=mail.from_addr or None, published=mail.date,
            meta={"mail": {"verdict": verdict["verdict"], "reasons": verdict["reasons"],
                           "from": mail.from_addr, "message_id": mail.message_id,
                           "mailbox": mailbox, "authentication": verdict["authentication"]}})

    @staticmethod
    def _skipped(uid, validity, mid, sender, subject, mailbox, why) -> Entry:
        return Entry(
            title=subject or "(no subject)", link=None,
            guid=f"mid:{mid}" if mid else f"uid:{validity}:{uid}",
            content=f"(this mail was not read: {why})", author=sender or None,
            meta={"mail": {"verdict": "unknown", "reasons": [f"not checked: {why}"],
                           "from": sender, "message_id": mid, "mailbox": mailbox}})

    def store(self, db, source: dict, entries: list[Entry], now: str) -> None:
        from monitor.mail import store as mail_store

        mail_store.record(db, source, entries, now)


def sender_domain_filter() -> list[str]:
    """The registrable domains the default filter reads (for documentation and the CLI)."""
    md = mail_domains()
    return sorted({org_domain(d) for d in md.senders})
