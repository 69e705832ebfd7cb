"""Helpers for the mail tests: a DNS server on loopback with a zone the test fills, RSA test keys
made by openssl, messages written here and DKIM/ARC-signed with dkimpy."""
from __future__ import annotations

import base64
import socket
import subprocess
import threading
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from datetime import UTC, datetime

import dkim
import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset


class LoopbackDns:
    """A UDP DNS server on 127.0.0.1 answering TXT records from ``zone`` (name → text)."""

    def __init__(self) -> None:
        self.zone: dict[str, str] = {}
        self.silent = False  # True: never answer (a resolver times out)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.queries: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                data, peer = self.sock.recvfrom(4096)
            except (TimeoutError, socket.timeout, OSError):
                continue
            try:
                query = dns.message.from_wire(data)
            except Exception:  # noqa: BLE001
                continue
            name = query.question[0].name.to_text().lower()
            self.queries.append(name)
            if self.silent:
                continue
            response = dns.message.make_response(query)
            response.flags |= dns.flags.AA
            key = name.rstrip(".")
            if key in self.zone and query.question[0].rdtype == dns.rdatatype.TXT:
                text = self.zone[key]
                chunks = " ".join(f'"{text[i:i + 250]}"' for i in range(0, len(text), 250))
                response.answer.append(dns.rrset.from_text(name, 60, "IN", "TXT", chunks))
            else:
                response.set_rcode(dns.rcode.NXDOMAIN)
            self.sock.sendto(response.to_wire(), peer)

    def publish_key(self, selector: str, domain: str, key: "TestKey") -> None:
        self.zone[f"{selector}._domainkey.{domain}"] = f"v=DKIM1; k=rsa; p={key.public_b64}"

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


def dead_dns_address() -> str:
    """A loopback UDP port where nothing answers (bound, then closed)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"127.0.0.1:{port}"


class TestKey:
    __test__ = False

    def __init__(self, tmp_dir) -> None:
        path = tmp_dir / "dkim.pem"
        subprocess.run(["openssl", "genrsa", "-out", str(path), "2048"], check=True,
                       capture_output=True)
        self.private_pem = path.read_bytes()
        der = subprocess.run(["openssl", "rsa", "-in", str(path), "-pubout", "-outform", "DER"],
                             check=True, capture_output=True).stdout
        self.public_b64 = base64.b64encode(der).decode("ascii")


def build_message(*, sender: str, to: str = "ops@example-shop.test", subject: str,
                  text: str | None = None, html: str | None = None, charset: str = "utf-8",
                  cte: str | None = None, message_id: str | None = None,
                  extra_headers: dict | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime(2025, 1, 24, 9, 30, tzinfo=UTC))
    msg["Message-ID"] = message_id or make_msgid(domain="mail.test")
    for k, v in (extra_headers or {}).items():
        msg[k] = v
    if text is not None:
        msg.set_content(text, charset=charset, cte=cte)
    if html is not None:
        if text is None:
            msg.set_content(html, subtype="html", charset=charset, cte=cte)
        else:
            msg.add_alternative(html, subtype="html", charset=charset, cte=cte)
    return msg.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def dkim_sign(raw: bytes, key: TestKey, domain: str, selector: str = "s1") -> bytes:
    sig = dkim.sign(raw, selector.encode(), domain.encode(), key.private_pem,
                    include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
    return sig + raw


def arc_forward(raw: bytes, key: TestKey, forwarder: str, *, selector: str = "arc",
                dkim_result: str = "pass", signer: str = "amazon.com",
                subject_tag: str = "[fwd] ") -> bytes:
    """What a forwarding service does: records what it verified (Authentication-Results),
    changes the message (a subject tag, which breaks the original signature) and seals it."""
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    out = []
    for line in lines:
        if line.lower().startswith(b"subject:"):
            line = b"Subject: " + subject_tag.encode() + line.split(b":", 1)[1].lstrip()
        out.append(line)
    ar = (f"Authentication-Results: {forwarder}; dkim={dkim_result} header.d={signer} "
          f"header.s=s1; dmarc={dkim_result} header.from={signer}").encode()
    changed = ar + b"\r\n" + b"\r\n".join(out) + b"\r\n\r\n" + body
    seal = dkim.arc_sign(changed, selector.encode(), forwarder.encode(), key.private_pem,
                         forwarder.encode(),
                         include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
    return b"".join(seal) + changed


GENUINE_TEXT = (
    "Hello,\n\nTo keep your selling account secure, verify the emergency contact email address and "
    "phone number on your account by 28 February 2025.\n\nSign in to Seller Central, go to "
    "Settings > Notification Preferences and confirm each contact with the one-time password "
    "we send to it.\n\nhttps://sellercentral.amazon.com/notifications/preferences\n\n"
    "Accounts whose emergency contact is not verified may be deactivated.\n"
    "Amazon will never ask you to send your password by email.\n\nAmazon Seller Central")

PHISHING_TEXT = (
    "Dear seller,\n\nWe could not verify your emergency contact. Verify within 48 hours or your "
    "account will be suspended.\n\nClick below and enter your login, password and the OTP code "
    "we sent you:\nhttps://sellercentral-amazon.verify-now.info/account/verify\n\n"
    "Amazon Seller Support")


def now_iso() -> str:
    return datetime.now(UTC).isoformat()
