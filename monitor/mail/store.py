"""What the monitor keeps about mail read by ``imap`` sources (namespace ``monitor.mail``), and
what a mail's verdict does once its item is analysed.

``mail_messages``: one row per item that came from a mailbox — the verdict and its reasons, who
sent it and which mailbox it reached. :func:`route` is called by the policy step for every
analysed item: an item without a mail row goes the feed way (``None``); a mail decides itself:

- ``phishing``: one ``phishing`` alert to the mailbox's owner (key per item and user), never a
  policy;
- ``genuine``: the policy path like a feed item (the alert names the source as the
  marketplace's mail);
- ``suspicious`` / ``unknown`` that reads like a contact-verification notice: one
  ``mail_unverified`` alert (check Seller Central itself), never a policy.
"""
from __future__ import annotations

from monitor import alerts as alerts_mod
from monitor.db import migrate
from monitor.store import dumps, loads, row

NAMESPACE = "monitor.mail"

STEPS: list[str] = [
    """
    CREATE TABLE mail_messages (
        item_id INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        message_id TEXT,
        mailbox TEXT,
        sender TEXT,
        verdict TEXT NOT NULL,
        reasons TEXT NOT NULL DEFAULT '[]',
        detail TEXT NOT NULL DEFAULT '{}',
        received_at TEXT NOT NULL
    );
    CREATE INDEX mail_messages_source ON mail_messages (source_id, verdict);
    """,
]

LABEL = "contact_verification"


def migrate_mail(db) -> int:
    return migrate(db, NAMESPACE, STEPS)


def record(db, source: dict, entries, now: str) -> int:
    """Keep the verdict of each mail entry (``entry.meta["mail"]``) next to its item; call in
    the transaction that stored the items. Returns how many rows were written."""
    from monitor.items import clean_text, identity  # items imports the sources package

    count = 0
    for entry in entries:
        meta = (getattr(entry, "meta", None) or {}).get("mail")
        if not meta:
            continue
        ident = identity(entry, clean_text(entry.content))
        item = row(db, "SELECT id FROM items WHERE source_id = ? AND identity = ?",
                   [source["id"], ident])
        if not item:
            continue
        cur = db.execute(
            """INSERT INTO mail_messages (item_id, source_id, message_id, mailbox,
               sender, verdict, reasons, detail, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT DO NOTHING""",
            [item["id"], source["id"], meta.get("message_id"), meta.get("mailbox"),
             meta.get("from"), meta["verdict"], dumps(meta.get("reasons") or []),
             dumps(meta.get("authentication") or {}), now])
        count += cur.rowcount
    return count


def verdict_for(db, item_id: int) -> dict | None:
    found = row(db, "SELECT * FROM mail_messages WHERE item_id = ?", [item_id])
    if not found:
        return None
    found["reasons"] = loads(found["reasons"], [])
    found["detail"] = loads(found["detail"], {})
    return found


def _recipients(db, source_id: int, hooks) -> list[int]:
    from monitor.policies import recipients_for_source

    source = row(db, "SELECT * FROM sources WHERE id = ?", [source_id])
    return recipients_for_source(db, source, hooks) if source else []


def _what(item: dict, label: str | None) -> str:
    if label == LABEL:
        return "verification request"
    return "message"


def route(db, item: dict, result: dict, *, hooks=None, now: str) -> str | None:
    """What an analysed item's mail verdict decides; call inside the item's transaction.

    Returns None for an item that is not a mail (the feed path goes on), else ``"policy"``
    (genuine: go on with the policy path) or ``"handled"`` (alerted or kept, no policy).
    """
    mail = verdict_for(db, item["id"])
    if mail is None:
        return None
    verdict, label = mail["verdict"], result.get("label")
    if verdict == "genuine":
        return "policy"
    brand = "Amazon"
    mailbox = mail["mailbox"] or "your mailbox"
    reasons = mail["reasons"] or []
    subject = item.get("title") or "(no subject)"
    if verdict == "phishing":
        for uid in _recipients(db, item["source_id"], hooks):
            alerts_mod.raise_alert(
                db, user_id=uid, kind="phishing", key=f"phishing:item:{item['id']}:u{uid}",
                title=f"Phishing: a message imitating {brand}'s {_what(item, label)} reached "
                      f"{mailbox}"[:250],
                body="\n".join([
                    f"A message imitating {brand}'s {_what(item, label)} reached {mailbox}.",
                    f"Subject: {subject}", f"From: {mail['sender'] or 'unknown'}", "",
                    "Do not click its links, do not reply and do not enter any password or code.",
                    f"Genuine notices also appear in Seller Central's messages and Account "
                    "Health: open Seller Central yourself to check.", "", "Why:",
                    *[f"- {r}" for r in reasons[:8]]]),
                source_id=item["source_id"], now=now)
        return "handled"
    if label == LABEL:
        for uid in _recipients(db, item["source_id"], hooks):
            alerts_mod.raise_alert(
                db, user_id=uid, kind="mail_unverified",
                key=f"mail_unverified:item:{item['id']}:u{uid}",
                title=f"Unconfirmed: a message about {brand} contact verification reached "
                      f"{mailbox}"[:250],
                body="\n".join([
                    f"A message that reads like {brand}'s contact-verification request reached "
                    f"{mailbox}, but SellerGuard could not confirm that {brand} sent it "
                    f"({verdict}).", f"Subject: {subject}",
                    f"From: {mail['sender'] or 'unknown'}", "",
                    "Do not use its links. Open Seller Central yourself: genuine notices also "
                    "appear in its messages and Account Health.", "", "Why:",
                    *[f"- {r}" for r in reasons[:8]]]),
                source_id=item["source_id"], now=now)
    return "handled"
