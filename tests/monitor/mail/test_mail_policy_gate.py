"""A feed item whose text phishes (the issue's example: a look-alike link asking for login,
password and OTP) never becomes a policy, whatever its label; a real notice still does."""
from __future__ import annotations

from mail_support import PHISHING_TEXT
from monitor import policies
from monitor.db import iso, transaction, utcnow
from monitor.items import store_entries
from monitor.sources import service
from monitor.sources.base import Entry
from monitor.store import loads, rows

NOTICE = ("Starting January 24, 2025, Amazon requires all sellers to verify the emergency contact "
          "phone number and email address in Seller Central > Settings > Notification Preferences "
          "using a one-time password (OTP). Sellers who do not verify may have their selling "
          "privileges affected.")


def test_phishing_text_from_a_feed_is_no_policy(db):
    source = service.create_source(db, 7, {"name": "Forum", "kind": "feed",
                                           "url": "http://127.0.0.1:9/feed", "language": "en"})
    with transaction(db):
        store_entries(db, source, [
            Entry(title="Verify your emergency contact now", guid="p-1", content=PHISHING_TEXT,
                  published="2025-01-30T10:00:00Z", language="en"),
            Entry(title="Amazon requires sellers to verify emergency contacts", guid="n-1",
                  content=NOTICE, published="2025-01-30T10:00:00Z", language="en")],
            iso(utcnow()))
    policies.process_pending(db)
    analysed = {r["guid"]: loads(r["analysis"]) for r in rows(db, "SELECT guid, analysis FROM items")}
    assert analysed["p-1"]["phishing"]["flag"] is True
    assert analysed["n-1"]["phishing"]["flag"] is False
    members = rows(db, "SELECT i.guid FROM policy_items pi JOIN items i ON i.id = pi.item_id")
    assert [m["guid"] for m in members] == ["n-1"]
