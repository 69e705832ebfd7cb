"""One RFC 5322 message read with the standard ``email`` package (``policy=default``).

Every charset Python's codecs know is decoded (ISO-2022-JP, Shift_JIS, GB18030/GBK, Big5, EUC-KR
…; ``gb2312`` is read as its superset GB18030, as mail clients do), quoted-printable and base64
transfer encodings included. Text comes from the ``text/plain`` part, else from the ``text/html``
part turned into text with BeautifulSoup (scripts, styles and other hidden content dropped, never
rendered); the HTML's links are kept with their visible text (a link reading
``sellercentral.amazon.com`` that goes elsewhere is a phishing sign). Attachments are ignored.
A message that cannot be read at all raises :class:`MalformedMessage`.
"""
from __future__ import annotations

import email
import email.policy
import email.utils
import re
from dataclasses import dataclass, field
from datetime import UTC

from bs4 import BeautifulSoup

from monitor.errors import MonitorError

MAX_TEXT = 200_000
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "shift-jis": "shift_jis", "x-sjis": "shift_jis", "sjis": "shift_jis",
            "iso-2022-jp-2": "iso-2022-jp", "ks_c_5601-1987": "euc-kr"}


class MalformedMessage(MonitorError):
    """Not an RFC 5322 message (no headers, or nothing readable)."""

    state = "failing"


@dataclass
class Link:
    href: str
    text: str = ""


@dataclass
class Mail:
    raw: bytes
    subject: str = ""
    from_name: str = ""
    from_addr: str = ""
    from_domain: str = ""
    from_count: int = 0
    to: list[str] = field(default_factory=list)
    date: str | None = None          # ISO 8601 UTC
    message_id: str | None = None
    text: str = ""
    links: list[Link] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    headers: object = None           # the email.message.EmailMessage


def _decode(part) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        return ""
    charset = (part.get_content_charset() or "utf-8").lower()
    charset = _ALIASES.get(charset, charset)
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # an unknown charset name: UTF-8, losing only odd characters
        return payload.decode("utf-8", errors="replace")


def html_to_text(html: str) -> tuple[str, list[Link]]:
    """Visible text of an HTML mail body and its ``<a href>`` links; nothing is rendered."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "head", "object",
                     "embed", "svg"]):
        tag.decompose()
    for tag in soup.select('[style*="display:none"], [style*="display: none"], [hidden]'):
        tag.decompose()
    links = []
    for a in soup.find_all("a", href=True):
        href = str(a.get("href") or "").strip()
        if href and not href.lower().startswith(("mailto:", "tel:", "#")):
            links.append(Link(href=href, text=re.sub(r"\s+", " ", a.get_text(" ")).strip()[:300]))
    for br in soup.find_all(["br", "p", "div", "li", "tr", "h1", "h2", "h3", "table"]):
        br.insert_after("\n")
    text = soup.get_text(" ")
    return text, links


def _fold(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\u00a0", " ")
    text = re.sub(r"[ \t\f\v]+", " ", text)
    return re.sub(r" *\n[ \n]*", "\n", text).strip()[:MAX_TEXT]


def _header(msg, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # noqa: BLE001 - a header the policy cannot parse
        value = None
    if value is None:
        return ""
    return re.sub(r"\s+", " ", str(value)).strip()


def parse(raw: bytes) -> Mail:
    """Read a raw message. :raise MalformedMessage: no header block at all."""
    if not isinstance(raw, (bytes, bytearray)):
        raise MalformedMessage("a message must be bytes")
    raw = bytes(raw)
    head = raw[:65536].lstrip()
    if not head or not re.match(rb"^[!-9;-~]+:", head):
        raise MalformedMessage("not an e-mail message: it does not start with a header line")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    mail = Mail(raw=raw, headers=msg)
    mail.defects = sorted({type(d).__name__ for d in msg.defects})
    mail.subject = _header(msg, "Subject")[:1000]
    froms = msg.get_all("From") or []
    mail.from_count = len(froms)
    pairs = email.utils.getaddresses([str(f) for f in froms])
    if pairs:
        name, addr = pairs[0]
        mail.from_name, mail.from_addr = name.strip(), addr.strip().lower()
        if "@" in mail.from_addr:
            mail.from_domain = mail.from_addr.rsplit("@", 1)[1].strip(".>] ")
        mail.from_count = max(mail.from_count, len([p for p in pairs if p[1]]))
    mail.to = [a.lower() for _n, a in email.utils.getaddresses(
        [str(v) for v in (msg.get_all("To") or []) + (msg.get_all("Delivered-To") or [])]) if a]
    mid = _header(msg, "Message-ID")
    mail.message_id = mid[:500] or None
    date = _header(msg, "Date")
    if date:
        try:
            dt = email.utils.parsedate_to_datetime(date)
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=UTC)
            mail.date = dt.astimezone(UTC).replace(microsecond=0).isoformat().replace(
                "+00:00", "Z")
        except (TypeError, ValueError, IndexError):
            mail.defects.append("UnreadableDate")
    plain, html = None, None
    try:
        for part in msg.walk():
            if part.is_multipart() or part.is_attachment():
                continue
            ctype = part.get_content_type()
            if ctype == "text/plain" and plain is None:
                plain = _decode(part)
            elif ctype == "text/html" and html is None:
                html = _decode(part)
    except Exception as exc:  # noqa: BLE001 - a broken MIME tree: keep the headers
        mail.defects.append(f"UnreadableBody:{type(exc).__name__}")
    links: list[Link] = []
    if html:
        html_text, links = html_to_text(html)
    text = plain if plain and plain.strip() else (html_text if html else "")
    mail.text = _fold(text or "")
    mail.links = links
    if not mail.text and not mail.subject and not froms:
        raise MalformedMessage("nothing readable: no From, no Subject, no text")
    return mail
