"""Start verification for every unverified contact of a selection, within the single-start limits."""
from __future__ import annotations

from server.db import get_db


def _account(client, headers, name, contacts, markets=("DE",)):
    a = client.post("/api/v1/accounts", json={"name": name, "marketplaces": list(markets)}, headers=headers).json
    for kind, value in contacts:
        assert client.post(f"/api/v1/accounts/{a['id']}/contacts", json={"kind": kind, "value": value},
                           headers=headers).status_code == 201
    return a


def test_bulk_start_for_a_selection_skips_what_cannot_receive_and_is_resumable(client, headers, app):
    _account(client, headers, "Shop A", [("phone", "+49 151 11111111"), ("email", "a@shop.example")])
    _account(client, headers, "Shop B", [("phone", "+49 30 12345678")])  # a landline: skipped
    _account(client, headers, "Other", [("phone", "+49 151 22222222")])
    r = client.post("/api/v1/verifications/bulk", json={"q": "shop"}, headers=headers)
    assert r.status_code == 200, r.json
    body = r.json
    assert sorted(s["channel"] for s in body["started"]) == ["email", "sms"]
    assert [s["reason"] for s in body["skipped"]] and "landline" in body["skipped"][0]["reason"]
    assert body["stopped"] is None
    with app.app_context():
        states = dict(get_db().execute("SELECT value, local_status FROM contacts").fetchall())
    assert states["+4915111111111"] == "pending" and states["+4915122222222"] == "unverified"
    # again: the started ones are pending now, nothing is sent twice
    again = client.post("/api/v1/verifications/bulk", json={"q": "shop"}, headers=headers).json
    assert again["started"] == []


def test_bulk_start_stops_at_a_limit_and_says_when_to_go_on(client, headers, app):
    app.config["VERIFY_SENDS_PER_DESTINATION_PER_HOUR"] = 1
    a = _account(client, headers, "Shop A", [("phone", "+49 151 11111111"), ("email", "a@shop.example")])
    phone = client.get(f"/api/v1/accounts/{a['id']}/contacts", headers=headers).json["items"][0]
    v = client.post(f"/api/v1/contacts/{phone['id']}/verifications", json={"channel": "sms"}, headers=headers).json
    client.post(f"/api/v1/verifications/{v['id']}/cancel", headers=headers)  # one send this hour used
    body = client.post("/api/v1/verifications/bulk", json={}, headers=headers).json
    assert body["started"] == [] and body["stopped"]["contact_id"] == phone["id"]
    assert body["stopped"]["retry_after"] >= 1 and body["stopped"]["reason"]


def test_bulk_start_counts_against_the_start_limit_per_token(tmp_path):
    from server import create_app
    from server.services import auth

    app = create_app({"HOME": tmp_path / "h", "OFFLINE": True, "MONITOR": False, "TESTING": True,
                      "RATELIMIT_ENABLED": True, "VERIFY_TOKEN_RATE_LIMIT": "3 per minute"})
    client = app.test_client()
    with app.app_context():
        db = get_db()
        user = auth.create_user(db, "u")
        headers = {"Authorization": f"Bearer {auth.create_token(db, user)}"}
    for i in range(4):
        _account(client, headers, f"S{i}", [("phone", f"+49 151 1111111{i}")])
    ok = client.post("/api/v1/verifications/bulk", json={"limit": 2}, headers=headers)
    assert ok.status_code == 200 and len(ok.json["started"]) == 2
    r = client.post("/api/v1/verifications/bulk", json={"limit": 2}, headers=headers)
    assert r.status_code == 429  # 2 + 2 starts are over the 3 a token may do in a minute
    assert int(r.headers["Retry-After"]) >= 1
