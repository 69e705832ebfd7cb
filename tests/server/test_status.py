"""GET /status: the next step per contact and account, counts for the badge, alerts with facts."""
from __future__ import annotations

from datetime import date

import pytest

from server.services.status import contact_next_step

TODAY = date(2025, 2, 1)


def contact(**kw):
    base = {"kind": "phone", "checks": {"warnings": []}, "local_status": "verified",
            "amazon_status": {"status": "verified"}, "on_hold_until": None}
    base.update(kw)
    return base


@pytest.mark.parametrize("kw,expected", [
    ({}, None),
    ({"on_hold_until": "2025-03-01", "local_status": "unverified"}, "on_hold"),
    ({"on_hold_until": "2025-01-01", "local_status": "unverified"}, "verify_locally"),
    ({"checks": {"warnings": [{"code": "landline", "severity": "error", "message": "m"}]}}, "fix_contact"),
    ({"checks": {"warnings": [{"code": "not_local", "severity": "warning", "message": "m"}]}}, None),
    ({"local_status": "pending"}, "verify_locally"),
    ({"amazon_status": {"status": "unverified"}}, "verify_on_amazon"),
    ({"amazon_status": {"status": "unknown"}}, "verify_on_amazon"),
], ids=["done", "hold", "hold-ended", "landline", "warning-only", "pending", "amazon", "amazon-unknown"])
def test_contact_next_step(kw, expected):
    step = contact_next_step(contact(**kw), TODAY)
    assert (step and step["code"]) == expected
    if step:
        assert step["message"]


def test_status_for_accounts(client, headers, app):
    de = client.post("/api/v1/accounts", json={"name": "DE shop", "marketplaces": ["DE"]}, headers=headers).json
    us = client.post("/api/v1/accounts", json={"name": "US shop", "marketplaces": ["US"]}, headers=headers).json
    url = f"/api/v1/accounts/{de['id']}/contacts"
    phone = client.post(url, json={"kind": "phone", "value": "0151 23456789"}, headers=headers).json
    mail = client.post(url, json={"kind": "email", "value": "ops@shop.de"}, headers=headers).json
    for c in (phone, mail):
        with app.app_context():
            from server.db import get_db
            get_db().execute("UPDATE contacts SET local_status='verified' WHERE id=?", [c["id"]])
    client.put(f"/api/v1/contacts/{phone['id']}/amazon-status", json={"status": "verified"}, headers=headers)
    status = client.get("/api/v1/status", headers=headers).json
    accounts = {a["name"]: a for a in status["accounts"]}
    assert accounts["DE shop"]["next_step"] == {"code": "verify_on_amazon", "contact_id": mail["id"],
                                                "message": accounts["DE shop"]["next_step"]["message"]}
    assert accounts["US shop"]["next_step"]["code"] == "add_emergency_contact"
    assert accounts["DE shop"]["seller_central"]["host"] == "sellercentral.amazon.de"
    assert status["counts"] == {"accounts": 2, "contacts": 2, "verified": 1, "pending_steps": 2,
                                "open_alerts": 0, "policy_alerts": 0, "source_alerts": 0, "badge": 2}
    shown = [c for a in status["accounts"] for c in a["contacts"]]
    assert all("value" not in c and "•" in c["masked"] for c in shown)
    assert us["id"] in {a["id"] for a in status["accounts"]}


def test_status_needs_token_and_is_per_user(client, make_user):
    assert client.get("/api/v1/status").status_code == 401
    _, a = make_user("a")
    _, b = make_user("b")
    client.post("/api/v1/accounts", json={"name": "A's", "marketplaces": ["US"]}, headers=a)
    assert client.get("/api/v1/status", headers=b).json["accounts"] == []


def test_source_health_alerts_are_listed_but_do_not_raise_the_badge(client, make_user, app):
    from monitor import alerts
    from monitor.db import transaction

    user, h = make_user("s")
    with app.app_context():
        from server.db import get_db
        db = get_db()
        with transaction(db):
            alerts.raise_alert(db, user_id=user.id, kind="source_broken", key="s1", title="Feed down", body="b")
            alerts.raise_alert(db, user_id=user.id, kind="policy_new", key="p1", title="New policy", body="b")
    counts = client.get("/api/v1/status", headers=h).json["counts"]
    assert counts["open_alerts"] == 2 and counts["policy_alerts"] == 1 and counts["badge"] == 1
