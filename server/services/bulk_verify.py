"""Start local verification for every unverified contact of a selection of accounts (an agency's
"verify them all"), one contact at a time through ``verification.start``, so every limit of a
single start applies unchanged (per destination, per country code, daily failures, cooldowns).

The selection is the ``/status`` one (``q``, ``marketplace``) or a list of account ids. Contacts
whose checks say they cannot receive the code (``check_error``) are skipped with the reason; the
first limit reached stops the run, and the report says when to go on. Running it again goes on
where it stopped: started contacts are ``pending`` and are not started twice.
"""
from __future__ import annotations


from server.errors import ApiError, RateLimited
from server.services import verification
from server.services.status import Filters, accounts_where
from monitor.db import Database, Row

MAX_PER_RUN = 50


def selection(db: Database, user_id: int, *, q: str | None = None,
              marketplace: str | None = None, account_ids: list[int] | None = None,
              limit: int = MAX_PER_RUN) -> list[Row]:
    """Rows (id, kind, check_error) of the selection's unverified contacts, accounts in the
    status order (needing action first), emergency contacts first."""
    params: dict = {"uid": user_id, "limit": max(1, min(limit, MAX_PER_RUN))}
    where = accounts_where(Filters(q=q, marketplace=marketplace), params)
    if account_ids:
        ids = [int(i) for i in account_ids][:10_000]
        params.update({f"a{i}": v for i, v in enumerate(ids)})
        where += " AND a.id IN (" + ",".join(f":a{i}" for i in range(len(ids))) + ")"
    return db.execute(
        "SELECT c.id, c.kind, c.check_error FROM accounts a JOIN contacts c ON c.account_id = a.id"
        f"{where} AND c.local_status = 'unverified' "
        "ORDER BY a.needs_action DESC, a.id, CASE c.role WHEN 'emergency' THEN 0 WHEN 'primary' THEN 1 ELSE 2 END, c.id "
        "LIMIT :limit", params).fetchall()


def start_unverified(db: Database, settings: verification.Settings, user_id: int, *,
                     q: str | None = None, marketplace: str | None = None,
                     account_ids: list[int] | None = None, limit: int = MAX_PER_RUN,
                     language: str | None = None, actor: str = "api") -> dict:
    started, skipped, stopped = [], [], None
    for contact_id, kind, check_error in selection(db, user_id, q=q, marketplace=marketplace,
                                                   account_ids=account_ids, limit=limit):
        if check_error:
            skipped.append({"contact_id": contact_id, "reason": check_error})
            continue
        channel = verification.CHANNEL_FOR_KIND[kind]
        try:
            v, _created = verification.start(db, settings, user_id, contact_id, channel,
                                             language=language, actor=actor)
        except RateLimited as exc:
            stopped = {"contact_id": contact_id, "reason": exc.message,
                       "retry_after": int((exc.headers or {}).get("Retry-After", 60))}
            break
        except ApiError as exc:  # cannot receive this channel, a value that changed meanwhile
            skipped.append({"contact_id": contact_id, "reason": exc.message})
            continue
        started.append({"contact_id": contact_id, "verification_id": v["id"], "channel": channel,
                        "status": v["status"]})
    return {"started": started, "skipped": skipped, "stopped": stopped}
