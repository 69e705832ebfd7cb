"""Which of a user's accounts and contacts a policy affects, and why.

The monitor knows policies, not accounts; the server answers for it (the ``impact`` hook) and for
``GET /policies/{id}``. An account is in scope when it sells in the policy's marketplace (or the
policy names none, or a region we cannot map to one marketplace). A contact is in scope when its
kind or role is one the policy is about; it is *affected* when something stands between it and a
passed verification: not verified on Amazon, a line that cannot receive SMS, a number not local
to the marketplace, a hold.
"""
from __future__ import annotations

import json
from datetime import date


from monitor import marketplaces as mp
from monitor.db import Database, utcnow
from monitor.sources import service as sources
from server.services.masking import mask

# which contacts a policy about each contact type concerns
_KIND_FOR_TYPE = {"email": {"email"}, "phone": {"phone"}, "two_step_verification": {"phone"},
                  "emergency_contact": {"email", "phone"}, "contact_details": {"email", "phone"}}


def _in_scope(account_markets: list[str], policy_markets: set[str] | None) -> bool:
    return policy_markets is None or bool(policy_markets & set(account_markets))


def policy_marketplaces(db: Database, policy: dict) -> set[str] | None:
    """The marketplaces a policy concerns: the one its text names, else those of the sources that
    reported it (a post on the US forum is about the US); None when it cannot be narrowed."""
    named = (policy.get("facts") or {}).get("marketplace")
    if named:
        try:
            return {mp.get(named).code}
        except mp.UnknownMarketplace:
            return None  # a region such as "EU" or "global": every account may be concerned
    ids = [s["source_id"] for s in policy.get("sources") or [] if s.get("source_id")]
    if not ids:
        return None
    found: set[str] = set()
    for codes in sources.marketplaces_of(db, ids):
        if not codes:
            return None  # a source about every marketplace
        found.update(codes)
    return found or None


def _reasons(contact: dict, markets: set[str] | None, today: date) -> list[str]:
    checks = json.loads(contact["checks"])
    out = []
    if contact["on_hold_until"] and contact["on_hold_until"] >= today.isoformat():
        out.append(f"on hold until {contact['on_hold_until']}")
    if contact["amazon_status"] != "verified":
        out.append("not verified on Amazon" if contact["amazon_status"] == "unverified"
                   else "Amazon verification not confirmed yet")
    if checks.get("sms_capable") is False:
        out.append(f"{(checks.get('line_type') or 'this line').replace('_', ' ')} may not receive the SMS code")
    not_local = checks.get("not_local_to") or []
    if markets is not None:
        not_local = [m for m in not_local if m in markets]
    if not_local:
        out.append(f"not local to {', '.join(not_local)}")
    if checks.get("mail_accepts") is False:
        out.append("its mail domain does not accept mail")
    return out


def affected(db: Database, user_id: int, policy: dict, today: date | None = None) -> list[dict]:
    """``[{account_id, account_name, contact_id, reason}]`` for one user and one policy."""
    today = today or utcnow().date()
    facts = policy.get("facts") or {}
    markets = policy_marketplaces(db, policy)
    types = facts.get("contact_types") or ["contact_details"]
    kinds = set().union(*(_KIND_FOR_TYPE.get(t, {"email", "phone"}) for t in types))
    emergency_only = "emergency_contact" in types
    out: list[dict] = []
    accounts = db.execute("SELECT id, name, marketplaces FROM accounts WHERE user_id = ? ORDER BY id",
                          [user_id]).fetchall()
    for account_id, name, markets_json in accounts:
        if not _in_scope(json.loads(markets_json), markets):
            continue
        cur = db.execute(
            "SELECT id, kind, role, value, checks, amazon_status, on_hold_until FROM contacts "
            "WHERE account_id = ? AND user_id = ? ORDER BY id", [account_id, user_id])
        cols = [d[0] for d in cur.description]
        contacts = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        relevant = [c for c in contacts if c["kind"] in kinds and (not emergency_only or c["role"] == "emergency")]
        for kind in sorted(kinds):
            if emergency_only and not any(c["kind"] == kind for c in relevant):
                out.append({"account_id": account_id, "account_name": name, "contact_id": None,
                            "reason": f"no emergency {kind} contact on file"})
        for contact in relevant:
            reasons = _reasons(contact, markets, today)
            if reasons:
                out.append({"account_id": account_id, "account_name": name, "contact_id": contact["id"],
                            "reason": f"{contact['role']} {contact['kind']} {mask(contact['kind'], contact['value'])}: "
                                      + "; ".join(reasons)})
    return out


def impact_lines(db: Database, user_id: int, policy: dict) -> list[str]:
    """The alert's lines: "Account 'Acme EU': emergency phone +49 30 •••••678: …"."""
    lines = [f"Account '{a['account_name']}': {a['reason']}" for a in affected(db, user_id, policy)]
    return lines or ["None of your accounts needs action for this policy as far as SellerGuard knows."]
