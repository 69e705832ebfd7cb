"""Onboarding by file: accounts and their contacts from CSV or JSON rows.

One row per contact (``account, marketplaces, merchant_id, kind, value, role``; ``marketplaces``
as ``DE|FR``); a row without ``kind``/``value`` adds just the account. Every row is validated on
its own and the report says which rows were refused and why; the accepted rows are written in one
transaction (all of them or none). Importing the same file again changes nothing: an account is
the user's account of that name, a contact is that account's contact of that kind and
normalised value.

Every contact is checked the way ``POST /accounts/{id}/contacts`` checks it, before the write
lock is taken; an import asks DNS about each mail domain once (``domain_cache``), and the
offline setting skips DNS.
"""
from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


from monitor.db import Database, iso, transaction, utcnow
from server.errors import ValidationFailed
from server.services import accounts, events
from server.services.checks import CheckError, check_contact
from server.services.contacts import KINDS, ROLES, CheckSettings

COLUMNS = ("account", "marketplaces", "merchant_id", "kind", "value", "role")
MAX_ROWS = 50_000
MAX_NAME = 200
# a cell the export protected against formula injection (see account_export.safe_cell)
_PROTECTED = re.compile(r"^'(?=[=+\-@\t\r])")


class ImportFileError(ValidationFailed):
    """The file as a whole cannot be read (not one of its rows)."""


@dataclass
class Row:
    number: int  # CSV: the line the row ends on (the header is line 1); JSON: 1-based index
    data: dict


@dataclass
class _Account:
    name: str
    marketplaces: list[str] | None = None
    merchant_id: str | None = None
    first_row: int = 0
    refused: str | None = None  # why rows of this account cannot be imported
    refused_row: int | None = None  # the row that says so (its own message has no "see row")
    contacts: list[tuple[int, str, str, str, dict]] = field(default_factory=list)  # row, kind, value, role, checks


def _cell(value) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return _PROTECTED.sub("", text)


def parse_csv(text: str) -> list[Row]:
    """Rows of a CSV file with a header line (``,`` or ``;`` separated, UTF-8, BOM allowed).

    :raise ImportFileError: no header, no ``account`` column, too many rows."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ImportFileError("The file is empty: it needs a header line such as "
                              f"'{','.join(COLUMNS)}' and one row per contact.")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower().lstrip("\ufeff") for h in next(reader)]
    _check_header(header)
    out = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        out.append(Row(reader.line_num, dict(zip(header, cells))))
        if len(out) > MAX_ROWS:
            raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows; split it.")
    return out


def parse_json(data) -> list[Row]:
    """Rows of a JSON array of objects (or ``{"rows": [...]}``) with the CSV's column names."""
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        data = data["rows"]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ImportFileError("Send a JSON array of rows (objects with the columns "
                              f"{', '.join(COLUMNS)}), or {{\"rows\": [...]}}.")
    if len(data) > MAX_ROWS:
        raise ImportFileError(f"More than {MAX_ROWS:,} rows; split the import.")
    rows = []
    for i, r in enumerate(data, start=1):
        item = {str(k).strip().lower(): v for k, v in r.items()}
        if isinstance(item.get("marketplaces"), list):
            item["marketplaces"] = "|".join(str(m) for m in item["marketplaces"])
        rows.append(Row(i, item))
    if rows:
        _check_header(list({k for r in rows for k in r.data}))
    return rows


def parse(content: bytes | str, content_type: str) -> list[Row]:
    """Rows from a file's bytes by its type (``text/csv`` or ``application/json``)."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError("The file is not UTF-8 text; save it as 'CSV UTF-8'.") from None
    if "json" in (content_type or ""):
        try:
            return parse_json(json.loads(content))
        except ValueError as exc:
            raise ImportFileError(f"The file is not valid JSON: {exc}") from None
    return parse_csv(content)


def _check_header(header: list[str]) -> None:
    if "account" not in header:
        raise ImportFileError(f"The header has no 'account' column; expected {', '.join(COLUMNS)}.")


def _marketplaces(text: str) -> list[str]:
    return [c for c in re.split(r"[|,;\s]+", text.upper()) if c]


def import_rows(db: Database, user_id: int, rows: Iterable[Row], settings: CheckSettings, *,
                dry_run: bool = False, actor: str = "api",
                progress: Callable[[int], None] | None = None) -> dict:
    """Validate every row, then write the accepted ones in one transaction; returns the report
    (``dry_run``: the same report, nothing written)."""
    started = time.perf_counter()
    rows = list(rows)
    refused: list[dict] = []

    def refuse(row: Row, name: str, fld: str, message: str) -> None:
        refused.append({"row": row.number, "account": name, "field": fld, "message": message})

    existing = {name: (aid, json.loads(m), mid) for aid, name, m, mid in db.execute(
        "SELECT id, name, marketplaces, merchant_id FROM accounts WHERE user_id = ? ORDER BY id DESC",
        [user_id])}  # DESC: of two accounts with one name, the oldest wins
    plans: dict[str, _Account] = {}
    # pass 1: the accounts, each with the first marketplaces the file gives it
    for row in rows:
        name = _cell(row.data.get("account"))
        if not name or len(name) > MAX_NAME:
            continue
        plan = plans.setdefault(name, _Account(name, first_row=row.number))
        markets = _cell(row.data.get("marketplaces"))
        if markets and plan.marketplaces is None and plan.refused is None:
            try:
                plan.marketplaces = accounts.normalise_marketplaces(_marketplaces(markets))
            except ValidationFailed as exc:
                plan.refused = exc.extra_data["errors"]["marketplaces"][0]
                plan.refused_row = row.number
        mid = _cell(row.data.get("merchant_id"))
        if mid and plan.merchant_id is None:
            plan.merchant_id = mid[:100]
    for plan in plans.values():
        if plan.marketplaces is None and plan.name in existing:
            plan.marketplaces = existing[plan.name][1]
        if plan.marketplaces is None and plan.refused is None:
            plan.refused = ("A new account needs its marketplaces (e.g. DE|FR) on one of its rows.")

    # pass 2: every row on its own; the checks run here, outside any write lock
    domain_cache: dict = {}
    seen: dict[tuple, int] = {}
    accepted = 0
    for done, row in enumerate(rows, start=1):
        if progress:
            progress(done)
        name = _cell(row.data.get("account"))
        if not name:
            refuse(row, name, "account", "Give the account's name.")
            continue
        if len(name) > MAX_NAME:
            refuse(row, name[:40], "account", f"The account name is longer than {MAX_NAME} characters.")
            continue
        plan = plans[name]
        markets = _cell(row.data.get("marketplaces"))
        if plan.refused:
            refuse(row, name, "marketplaces", plan.refused if plan.refused_row in (None, row.number)
                   else f"The account is not imported: see row {plan.refused_row}.")
            continue
        if markets and accounts.normalise_marketplaces(_marketplaces(markets)) != plan.marketplaces:
            refuse(row, name, "marketplaces", f"The account's marketplaces are {'|'.join(plan.marketplaces)} "
                   "(from an earlier row); give the same on every row or leave them empty.")
            continue
        kind, value = _cell(row.data.get("kind")).lower(), _cell(row.data.get("value"))
        role = _cell(row.data.get("role")).lower() or "emergency"
        if not kind and not value:
            accepted += 1  # the account alone
            continue
        if kind not in KINDS:
            refuse(row, name, "kind", f"Use kind 'phone' or 'email' (got {kind[:20]!r})." if kind
                   else "Give the contact's kind (phone or email).")
            continue
        if not value:
            refuse(row, name, "value", f"Give the {kind}.")
            continue
        if role not in ROLES:
            refuse(row, name, "role", f"Use role {', '.join(ROLES)} (got {role[:20]!r}).")
            continue
        try:
            result = check_contact(kind, value, plan.marketplaces, offline=settings.offline,
                                   timeout=settings.timeout, nameserver=settings.nameserver,
                                   domain_cache=domain_cache)
        except CheckError as exc:
            refuse(row, name, "value", str(exc))
            continue
        key = (name, kind, result.value)
        if key in seen:
            accepted += 1  # the same contact twice in the file: once is enough
            continue
        seen[key] = row.number
        plan.contacts.append((row.number, kind, result.value, role, result.checks))
        accepted += 1

    report = {"dry_run": dry_run, "rows": len(rows), "accepted": accepted, "refused": len(refused),
              "accounts": {"created": 0, "updated": 0, "unchanged": 0},
              "contacts": {"created": 0, "updated": 0, "unchanged": 0},
              "refused_rows": sorted(refused, key=lambda r: r["row"])}
    writable = [p for p in plans.values() if not p.refused]
    try:
        with transaction(db):
            _write(db, user_id, writable, report, settings)
            if dry_run:
                raise _DryRun  # the same counts, nothing kept
            if any(report[k][c] for k in ("accounts", "contacts") for c in ("created", "updated")):
                events.record(db, user_id, "accounts.imported", None, None,
                              {"accounts": report["accounts"], "contacts": report["contacts"],
                               "refused": len(refused)}, actor=actor)
    except _DryRun:
        pass
    report["seconds"] = round(time.perf_counter() - started, 3)
    return report


class _DryRun(Exception):
    """Rolls the write transaction of a dry run back."""


def _write(db, user_id: int, plans: list[_Account], report: dict, settings: CheckSettings) -> None:
    """Apply the plans (inside the caller's transaction); re-reads what exists under the lock."""
    now = iso(utcnow())
    current = {}
    for aid, name, m, mid in db.execute(
            "SELECT id, name, marketplaces, merchant_id FROM accounts WHERE user_id = ? ORDER BY id DESC",
            [user_id]):
        current[name] = (aid, json.loads(m), mid)
    have: dict[tuple, tuple[int, str]] = {}
    for cid, aid, kind, value, role in db.execute(
            "SELECT id, account_id, kind, value, role FROM contacts WHERE user_id = ?", [user_id]):
        have[(aid, kind, value)] = (cid, role)
    new_contacts, role_changes, rechecks = [], [], []
    for plan in plans:
        if plan.name in current:
            aid, markets, mid = current[plan.name]
            changes = {}
            if plan.marketplaces != markets:
                changes["marketplaces"] = json.dumps(plan.marketplaces)
                rechecks.append(aid)
            if plan.merchant_id and plan.merchant_id != mid:
                changes["merchant_id"] = plan.merchant_id
            if changes:
                sets = ", ".join(f"{k} = ?" for k in changes)
                db.execute(f"UPDATE accounts SET {sets}, updated_at = ? WHERE id = ?",
                           [*changes.values(), now, aid])
                report["accounts"]["updated"] += 1
            else:
                report["accounts"]["unchanged"] += 1
        else:
            aid = db.scalar(
                "INSERT INTO accounts (user_id, name, merchant_id, marketplaces, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                [user_id, plan.name, plan.merchant_id, json.dumps(plan.marketplaces), now, now])
            report["accounts"]["created"] += 1
        for _row, kind, value, role, checks in plan.contacts:
            found = have.get((aid, kind, value))
            if found is None:
                new_contacts.append((user_id, aid, kind, role, value, json.dumps(checks), now, now))
                have[(aid, kind, value)] = (0, role)
                report["contacts"]["created"] += 1
            elif found[1] != role:
                role_changes.append((role, now, found[0]))
                report["contacts"]["updated"] += 1
            else:
                report["contacts"]["unchanged"] += 1
    db.executemany(
        "INSERT INTO contacts (user_id, account_id, kind, role, value, checks, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new_contacts)
    db.executemany("UPDATE contacts SET role = ?, updated_at = ? WHERE id = ?", role_changes)
    from server.services import contacts  # the marketplaces changed: phones' locality with them

    for aid in rechecks:
        contacts.recheck_account(db, user_id, aid, settings)

