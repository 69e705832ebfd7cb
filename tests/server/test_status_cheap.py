"""GET /status at agency scale: ETag/304 from the per-user data version, stored next steps that
agree with the Python rules, one page (needing action first) and its filters."""
from __future__ import annotations

from datetime import timedelta

import pytest

from monitor import alerts
from monitor.db import transaction, utcnow
from server.db import get_db
from server.services import auth, status


def _add(client, headers, name, markets=("DE",), merchant_id=None, contacts=()):
    account = client.post("/api/v1/accounts", json={"name": name, "marketplaces": list(markets),
                                                    "merchant_id": merchant_id}, headers=headers).json
    made = []
    for kind, value in contacts:
        r = client.post(f"/api/v1/accounts/{account['id']}/contacts", json={"kind": kind, "value": value},
                        headers=headers)
        assert r.status_code == 201, r.json
        made.append(r.json)
    return account, made


def _sql(app, sql, params=()):
    with app.app_context():
        db = get_db()
        with transaction(db):
            db.execute(sql, list(params))


def test_unchanged_status_is_a_304_and_every_kind_of_write_changes_it(client, headers, app, make_user):
    account, (phone, mail) = _add(client, headers, "Shop", contacts=[("phone", "+49 151 23456789"),
                                                                      ("email", "ops@shop.de")])
    first = client.get("/api/v1/status", headers=headers)
    tag = first.headers["ETag"]
    assert first.status_code == 200 and tag.startswith('W/"')
    again = client.get("/api/v1/status", headers={**headers, "If-None-Match": tag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == tag
    # another page or filter has its own tag
    assert client.get("/api/v1/status?per_page=5", headers={**headers, "If-None-Match": tag}).status_code == 200

    writes = [
        lambda: client.put(f"/api/v1/contacts/{phone['id']}/amazon-status", json={"status": "verified"},
                           headers=headers),
        lambda: client.patch(f"/api/v1/accounts/{account['id']}", json={"name": "Shop 2"}, headers=headers),
        lambda: _sql(app, "UPDATE contacts SET local_status = 'verified' WHERE id = ?", [mail["id"]]),
        lambda: _raise(app, phone["account_id"]),
        lambda: client.delete(f"/api/v1/contacts/{mail['id']}", headers=headers),
    ]
    for write in writes:
        before = client.get("/api/v1/status", headers=headers)
        write()
        after = client.get("/api/v1/status", headers={**headers, "If-None-Match": before.headers["ETag"]})
        assert after.status_code == 200, write
        assert after.headers["ETag"] != before.headers["ETag"]
        assert after.json != {**before.json, "generated_at": after.json["generated_at"]}

    # another user's write leaves this user's tag alone
    tag = client.get("/api/v1/status", headers=headers).headers["ETag"]
    _, other = make_user("other")
    _add(client, other, "Theirs", contacts=[("phone", "+49 151 23456780")])
    assert client.get("/api/v1/status", headers={**headers, "If-None-Match": tag}).status_code == 304


def _raise(app, account_id):
    with app.app_context():
        db = get_db()
        user_id = db.execute("SELECT user_id FROM accounts WHERE id = ?", [account_id]).fetchone()[0]
        with transaction(db):
            alerts.raise_alert(db, user_id=user_id, kind="policy_new", key=f"p{account_id}",
                               title="New policy", body="b")


def test_alert_list_has_an_etag_too(client, headers, app):
    account, _ = _add(client, headers, "Shop")
    r = client.get("/api/v1/alerts", headers=headers)
    assert client.get("/api/v1/alerts", headers={**headers, "If-None-Match": r.headers["ETag"]}).status_code == 304
    _raise(app, account["id"])
    changed = client.get("/api/v1/alerts", headers={**headers, "If-None-Match": r.headers["ETag"]})
    assert changed.status_code == 200 and len(changed.json["items"]) == 1


STATES = [  # (name, contacts as (kind, value, role, local, amazon), expected account step)
    ("empty", [], "add_emergency_contact"),
    ("phone only", [("phone", "+49 151 11111111", "emergency", "verified", "verified")], "add_emergency_contact"),
    ("done", [("phone", "+49 151 22222222", "emergency", "verified", "verified"),
              ("email", "a@shop.de", "emergency", "verified", "verified")], None),
    ("landline", [("phone", "+49 30 12345678", "emergency", "verified", "verified"),
                  ("email", "b@shop.de", "emergency", "verified", "verified")], "fix_contact"),
    ("local", [("phone", "+49 151 33333333", "emergency", "verified", "verified"),
               ("email", "c@shop.de", "emergency", "unverified", "unknown")], "verify_locally"),
    ("amazon", [("phone", "+49 151 44444444", "emergency", "verified", "unverified"),
                ("email", "d@shop.de", "emergency", "verified", "verified")], "verify_on_amazon"),
    ("primary", [("phone", "+49 151 55555555", "emergency", "verified", "verified"),
                 ("email", "e@shop.de", "emergency", "verified", "verified"),
                 ("email", "f@shop.de", "primary", "unverified", "unknown")], "verify_locally"),
]


@pytest.fixture
def agency(client, headers, app):
    ids = {}
    for name, contacts, _ in STATES:
        account, _c = _add(client, headers, name, markets=("DE",) if name != "amazon" else ("FR",),
                           merchant_id=f"M-{name.upper().replace(' ', '')}")
        ids[name] = account["id"]
        for kind, value, role, local, amazon in contacts:
            c = client.post(f"/api/v1/accounts/{account['id']}/contacts",
                            json={"kind": kind, "value": value, "role": role}, headers=headers).json
            _sql(app, "UPDATE contacts SET local_status = ?, amazon_status = ? WHERE id = ?", [local, amazon, c["id"]])
    return ids


def test_stored_steps_agree_with_the_rules_and_accounts_needing_action_come_first(client, headers, agency):
    body = client.get("/api/v1/status", headers=headers).json
    got = {a["name"]: (a["next_step"] or {}).get("code") for a in body["accounts"]}
    assert got == {name: step for name, _, step in STATES}
    flags = [a["needs_action"] for a in body["accounts"]]
    assert flags == sorted(flags, reverse=True) and flags.count(False) == 1
    needing = [name for name, _, step in STATES if step]
    assert body["summary"]["needs_action"] == len(needing)
    assert body["summary"]["done"] == 1
    assert body["summary"]["by_step"] == {
        code: sum(1 for _, _, step in STATES if step == code) for code in status.STEP_CODES}
    # counts as the per-contact rules give them
    contacts = [c for a in body["accounts"] for c in a["contacts"]]
    assert body["counts"]["contacts"] == len(contacts)
    assert body["counts"]["verified"] == sum(1 for c in contacts if c["next_step"] is None)
    assert body["counts"]["pending_steps"] == (sum(1 for c in contacts if c["next_step"]) +
                                               sum(1 for a in body["accounts"]
                                                   if (a["next_step"] or {}).get("code") == "add_emergency_contact"))


@pytest.mark.parametrize("query,names", [
    ("q=prim", ["primary"]),
    ("q=m-landline", ["landline"]),              # merchant id, any case
    ("q=c@shop", ["local"]),                      # a contact's address
    ("q=0151 333 33333", ["local"]),              # a phone, written nationally with spaces
    ("q=%25", []),                                # LIKE wildcards are literal
    ("needs_action=false", ["done"]),
    ("marketplace=fr", ["amazon"]),
    ("needs_action=true&marketplace=DE&q=on", ["phone only"]),
    ("needs_action=false&q=on", ["done"]),  # M-DONE
], ids=["name", "merchant-id", "email", "phone", "wildcard", "done", "marketplace", "combined", "combined-none"])
def test_filters(client, headers, agency, query, names):
    body = client.get(f"/api/v1/status?{query}", headers=headers).json
    assert sorted(a["name"] for a in body["accounts"]) == sorted(names)
    assert body["accounts_page"]["total"] == len(names)
    assert body["counts"]["accounts"] == len(STATES)  # counts ignore the filters


def test_a_hold_that_ends_brings_the_step_back(client, headers, app, agency):
    body = client.get("/api/v1/status?q=local", headers=headers).json
    mail = next(c for c in body["accounts"][0]["contacts"] if c["kind"] == "email")
    until = (utcnow().date() + timedelta(days=2)).isoformat()
    assert client.post(f"/api/v1/contacts/{mail['id']}/hold", json={"until": until},
                       headers=headers).status_code == 200
    held = client.get("/api/v1/status?q=local", headers=headers).json
    assert held["accounts"][0]["needs_action"] is False and held["summary"]["on_hold"] == 1
    with app.app_context():
        db = get_db()
        user = auth.get_user(db, "seller")
        later = status.build(db, user, today=utcnow().date() + timedelta(days=3),
                             filters=status.Filters(q="local"))
    assert later["accounts"][0]["next_step"]["code"] == "verify_locally"
    assert later["accounts"][0]["needs_action"] is True and later["summary"]["on_hold"] == 0


def _from_scratch(db, user_id: int, today: str) -> dict:
    """The summary recomputed from the contacts alone (what the triggers must keep)."""
    from server.services.status_schema import account_summary_sets

    db.execute("CREATE TEMP TABLE IF NOT EXISTS acc_copy AS SELECT * FROM accounts WHERE 1 = 0")
    db.execute("DELETE FROM acc_copy")
    db.execute("INSERT INTO acc_copy SELECT * FROM accounts WHERE user_id = ?", [user_id])
    db.execute(f"UPDATE acc_copy SET {account_summary_sets('acc_copy.id', repr(today))}")
    row = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(n_contacts), 0), COALESCE(SUM(n_verified), 0), COALESCE(SUM(n_pending), 0), "
        "COUNT(hold_ends), " + ", ".join(f"COALESCE(SUM(CASE WHEN next_code = '{c}' THEN 1 ELSE 0 END), 0)" for c in
                                         ("fix_contact", "add_emergency_contact", "verify_locally", "verify_on_amazon"))
        + " FROM acc_copy").fetchone()
    return dict(zip(("accounts", "contacts", "verified", "pending", "held_accounts", "fix_contact",
                     "add_emergency_contact", "verify_locally", "verify_on_amazon"), row))


def test_the_stored_summary_matches_a_recount_after_every_kind_of_write(client, headers, app, agency):
    with app.app_context():
        db = get_db()
        user = auth.get_user(db, "seller")
        today = utcnow().date().isoformat()

        def stored():
            cols = ("accounts", "contacts", "verified", "pending", "held_accounts", "fix_contact",
                    "add_emergency_contact", "verify_locally", "verify_on_amazon")
            return dict(zip(cols, db.execute(f"SELECT {', '.join(cols)} FROM user_summary WHERE user_id = ?",
                                             [user.id]).fetchone()))

        body = client.get("/api/v1/status", headers=headers).json
        ids = {a["name"]: a for a in body["accounts"]}
        mail = next(c for c in ids["local"]["contacts"] if c["kind"] == "email")
        phone = next(c for c in ids["landline"]["contacts"] if c["kind"] == "phone")
        steps = [
            lambda: client.post(f"/api/v1/contacts/{mail['id']}/hold",
                                json={"until": (utcnow().date() + timedelta(days=5)).isoformat()}, headers=headers),
            lambda: client.patch(f"/api/v1/contacts/{phone['id']}", json={"value": "+49 151 99999999"}, headers=headers),
            lambda: client.patch(f"/api/v1/contacts/{phone['id']}", json={"role": "other"}, headers=headers),
            lambda: client.delete(f"/api/v1/accounts/{ids['primary']['id']}", headers=headers),
            lambda: client.patch(f"/api/v1/accounts/{ids['amazon']['id']}", json={"marketplaces": ["DE"]},
                                 headers=headers),
            lambda: client.delete(f"/api/v1/contacts/{mail['id']}/hold", headers=headers),
            lambda: _sql(app, "DELETE FROM contacts WHERE account_id = ?", [ids["done"]["id"]]),
        ]
        assert stored() == _from_scratch(db, user.id, today)
        for step in steps:
            r = step()
            assert r is None or r.status_code in (200, 204), r.json
            assert stored() == _from_scratch(db, user.id, today), step
