"""Fair limits that cannot be multiplied (issue 12, item 5) and 415 for non-JSON bodies
(item 10): case-variant duplicate contacts are refused, one destination on two seller accounts
shares its budget, and a request refused for its content type spends no pairing attempt."""
from __future__ import annotations

from verification_fixtures import API, MOBILE_DE, add_account, add_contact, clock, start  # noqa: F401
from server.db import get_db
from server.services import auth


def test_case_variant_duplicate_contacts_are_refused(client, headers, account):
    first = client.post(f"{API}/accounts/{account['id']}/contacts",
                        json={"kind": "email", "value": "Ops@shop.example"}, headers=headers)
    assert first.status_code == 201
    for variant in ("OPS@shop.example", "ops@SHOP.example", "ops@shop.example"):
        r = client.post(f"{API}/accounts/{account['id']}/contacts",
                        json={"kind": "email", "value": variant}, headers=headers)
        assert r.status_code == 409 and r.content_type == "application/problem+json", r.json


def test_one_number_on_two_accounts_shares_its_budget(app, client, headers, clock):  # noqa: F811
    a = add_account(client, headers)
    b = add_account(client, headers)
    first = add_contact(client, headers, a["id"], "phone", MOBILE_DE)
    second = add_contact(client, headers, b["id"], "phone", MOBILE_DE)
    v = start(client, headers, first["id"]).json
    r = start(client, headers, second["id"])  # no second set of five tries while one is pending
    assert r.status_code == 409 and r.json["contact_id"] == first["id"]
    for _ in range(5):
        client.post(f"{API}/verifications/{v['id']}/check", json={"code": "000000"},
                    headers=headers)
    assert client.get(f"{API}/verifications/{v['id']}", headers=headers).json["status"] \
        == "max_attempts_reached"
    r = start(client, headers, second["id"])  # the lockout follows the number
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1


def test_destination_budget_ignores_case(app, client, headers, clock):  # noqa: F811
    app.config["VERIFY_SENDS_PER_DESTINATION_PER_HOUR"] = 2
    contacts = [add_contact(client, headers, add_account(client, headers)["id"], "email", value)
                for value in ("Ops@shop.example", "OPS@shop.example", "oPs@shop.example")]
    for c in contacts[:2]:
        v = start(client, headers, c["id"], "email").json
        client.post(f"{API}/verifications/{v['id']}/cancel", headers=headers)
    r = start(client, headers, contacts[2]["id"], "email")
    assert r.status_code == 429 and r.json["type"].endswith("too-many-sends")


def test_post_without_json_content_type_is_415(client, headers, account):
    for ctype, data in (("application/x-www-form-urlencoded", "name=x"),
                        ("text/plain", '{"name": "x"}'), (None, None)):
        r = client.post(f"{API}/accounts", data=data, headers={**headers, **(
            {"Content-Type": ctype} if ctype else {})})
        assert r.status_code == 415 and r.json["type"].endswith("unsupported-media-type"), ctype
    assert client.post(f"{API}/accounts", json={"name": "ok", "marketplaces": ["DE"]}, headers=headers).status_code == 201
    # operations without a body still take a bare POST
    assert client.post(f"{API}/accounts/{account['id']}/contacts", headers=headers,
                       data="kind=phone").status_code == 415


def test_refused_content_type_spends_no_pairing_attempt(app, client):
    app.config["PAIRING_RATE_LIMIT"] = "3 per minute"
    for _ in range(10):
        assert client.post(f"{API}/pair", data="code=AAAA-BBBB").status_code == 415
        assert client.post(f"{API}/pair", json={}).status_code == 422
    with app.app_context():
        user = auth.create_user(get_db(), "seller")
        code, _ = auth.create_pairing_code(get_db(), app.config["SECRET"], user)
    assert client.post(f"{API}/pair", json={"code": "AAAA-BBBB"}).status_code == 401
    assert client.post(f"{API}/pair", json={"code": code}).status_code == 201
    assert client.post(f"{API}/pair", json={"code": "AAAA-CCCC"}).status_code == 401
    assert client.post(f"{API}/pair", json={"code": "AAAA-DDDD"}).status_code == 429
