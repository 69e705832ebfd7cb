"""Accounts and contacts: CRUD, checks on create/update, pagination, the audit trail."""
from __future__ import annotations


def test_account_crud_and_audit(client, headers):
    r = client.post("/api/v1/accounts", json={"name": "Acme", "marketplaces": ["de", "FR", "DE"],
                                              "merchant_id": "A1B2C3"}, headers=headers)
    assert r.status_code == 201
    account = r.json
    assert account["marketplaces"] == ["DE", "FR"]
    r = client.patch(f"/api/v1/accounts/{account['id']}", json={"name": "Acme GmbH"}, headers=headers)
    assert r.json["name"] == "Acme GmbH" and r.json["marketplaces"] == ["DE", "FR"]
    assert client.get(f"/api/v1/accounts/{account['id']}", headers=headers).json["name"] == "Acme GmbH"
    assert client.delete(f"/api/v1/accounts/{account['id']}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/accounts/{account['id']}", headers=headers).status_code == 404
    types = [e["type"] for e in client.get("/api/v1/events", headers=headers).json["items"]]
    assert types[:3] == ["account.deleted", "account.updated", "account.created"]


def test_pagination(client, headers):
    for i in range(7):
        client.post("/api/v1/accounts", json={"name": f"A{i}", "marketplaces": ["US"]}, headers=headers)
    page = client.get("/api/v1/accounts?page=2&per_page=3", headers=headers).json
    assert page["total"] == 7 and page["page"] == 2 and [a["name"] for a in page["items"]] == ["A3", "A4", "A5"]
    assert client.get("/api/v1/accounts?page=3&per_page=3", headers=headers).json["items"][0]["name"] == "A6"


def test_judged_scenario_de_account(client, headers):
    """A DE account with an Italian mobile, a German landline and a US number."""
    acc = client.post("/api/v1/accounts", json={"name": "Shop DE", "marketplaces": ["DE"]}, headers=headers).json
    url = f"/api/v1/accounts/{acc['id']}/contacts"
    italian = client.post(url, json={"kind": "phone", "value": "+39 347 123 4567"}, headers=headers).json
    landline = client.post(url, json={"kind": "phone", "value": "030 12345678"}, headers=headers).json
    us = client.post(url, json={"kind": "phone", "value": "+1 206 555 0100", "role": "other"}, headers=headers).json
    assert italian["value"] == "+393471234567" and italian["checks"]["line_type"] == "mobile"
    assert [w["code"] for w in italian["checks"]["warnings"]] == ["not_local"]
    assert landline["value"] == "+493012345678"
    assert [w["code"] for w in landline["checks"]["warnings"]] == ["landline"]
    assert landline["checks"]["sms_capable"] is False
    assert {w["code"] for w in us["checks"]["warnings"]} == {"line_type_unknown", "not_local"}
    assert us["checks"]["sms_capable"] is None
    assert "•" in italian["masked"] and "1234567" not in italian["masked"]
    listed = client.get(url, headers=headers).json["items"]
    assert [c["role"] for c in listed] == ["emergency", "emergency", "other"]


def test_changing_marketplaces_rechecks_locality(client, headers):
    acc = client.post("/api/v1/accounts", json={"name": "S", "marketplaces": ["DE"]}, headers=headers).json
    c = client.post(f"/api/v1/accounts/{acc['id']}/contacts", json={"kind": "phone", "value": "+39 347 1234567"},
                    headers=headers).json
    assert c["checks"]["not_local_to"] == ["DE"]
    client.patch(f"/api/v1/accounts/{acc['id']}", json={"marketplaces": ["IT"]}, headers=headers)
    assert client.get(f"/api/v1/contacts/{c['id']}", headers=headers).json["checks"]["local_to"] == ["IT"]


def test_value_change_resets_verification_state(client, headers, account, app):
    c = client.post(f"/api/v1/accounts/{account['id']}/contacts", json={"kind": "phone", "value": "+49 151 23456789"},
                    headers=headers).json
    client.put(f"/api/v1/contacts/{c['id']}/amazon-status", json={"status": "verified", "source": "extension"},
               headers=headers)
    with app.app_context():
        from server.db import get_db
        get_db().execute("UPDATE contacts SET local_status='verified' WHERE id=?", [c["id"]])
    same = client.patch(f"/api/v1/contacts/{c['id']}", json={"value": "0151 23456789"}, headers=headers).json
    assert same["local_status"] == "verified"  # same number in another format: nothing changed
    changed = client.patch(f"/api/v1/contacts/{c['id']}", json={"value": "+49 151 98765432"}, headers=headers).json
    assert changed["local_status"] == "unverified" and changed["amazon_status"]["status"] == "unknown"
    events = client.get(f"/api/v1/events?subject_type=contact&subject_id={c['id']}", headers=headers).json["items"]
    assert "contact.value_changed" in [e["type"] for e in events]
    assert "98765432" not in str(events) and "23456789" not in str(events)


def test_amazon_status_and_hold(client, headers, account):
    c = client.post(f"/api/v1/accounts/{account['id']}/contacts", json={"kind": "email", "value": "ops@shop.de"},
                    headers=headers).json
    r = client.put(f"/api/v1/contacts/{c['id']}/amazon-status", json={"status": "verified", "source": "extension"},
                   headers=headers)
    assert r.json["amazon_status"]["status"] == "verified" and r.json["amazon_status"]["source"] == "extension"
    assert client.post(f"/api/v1/contacts/{c['id']}/hold", json={"until": "2000-01-01"}, headers=headers).status_code == 422
    r = client.post(f"/api/v1/contacts/{c['id']}/hold", json={"until": "2099-01-01", "reason": "new SIM"}, headers=headers)
    assert r.json["on_hold_until"] == "2099-01-01"
    assert client.delete(f"/api/v1/contacts/{c['id']}/hold", headers=headers).json["on_hold_until"] is None


import pytest  # noqa: E402


@pytest.mark.parametrize("body,field", [
    ({"name": "   ", "marketplaces": ["DE"]}, "name"),
    ({"name": "A", "marketplaces": []}, "marketplaces"),
    ({"name": "A"}, "marketplaces"),
])
def test_an_account_needs_a_name_and_a_marketplace(client, headers, body, field):
    r = client.post("/api/v1/accounts", json=body, headers=headers)
    assert r.status_code == 422 and field in r.json["errors"]
