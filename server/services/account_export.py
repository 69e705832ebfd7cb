"""Accounts and contacts as rows for a file (CSV or JSON), in the import's columns.

The rows re-import as they are (``account_import``): one per contact, ``marketplaces`` as
``DE|FR``, an account without contacts as one row without ``kind``/``value``. The extra columns
(``local_status``, ``amazon_status``, ``next_step``) are for reading; the import ignores them.
CSV cells are safe to open in a spreadsheet: a cell starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return gets a leading ``'`` (OWASP's CSV injection advice), which the import
strips again.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator


from server.services.account_import import COLUMNS
from server.services.masking import mask
from monitor.db import Database

EXTRA = ("local_status", "amazon_status", "next_step")
FIELDS = COLUMNS + EXTRA
_RISKY = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_RISKY) else text


def rows(db: Database, user_id: int, *, masked: bool = False) -> Iterator[dict]:
    """The user's accounts and contacts, account by account (contacts in role order)."""
    cursor = db.execute(
        "SELECT a.name, a.marketplaces, a.merchant_id, c.kind, c.value, c.role, c.local_status, "
        "c.amazon_status, CASE WHEN c.id IS NULL THEN a.next_code ELSE c.step_base END "
        "FROM accounts a LEFT JOIN contacts c ON c.account_id = a.id "
        "WHERE a.user_id = ? ORDER BY a.id, "
        "CASE c.role WHEN 'emergency' THEN 0 WHEN 'primary' THEN 1 ELSE 2 END, c.id", [user_id])
    for name, markets, mid, kind, value, role, local, amazon, step in cursor:
        if value is not None and masked:
            value = mask(kind, value)
        yield {"account": name, "marketplaces": "|".join(json.loads(markets)), "merchant_id": mid,
               "kind": kind, "value": value, "role": role, "local_status": local,
               "amazon_status": amazon, "next_step": step}


def to_csv(items) -> Iterator[str]:
    """CSV text in chunks (header first), every cell made safe."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for n, item in enumerate(items, start=1):
        writer.writerow([safe_cell(item[f]) for f in FIELDS])
        if n % 1000 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
