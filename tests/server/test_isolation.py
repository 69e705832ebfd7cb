"""A user never reads, changes or learns of the existence of another user's data."""
from __future__ import annotations

import pytest


@pytest.fixture
def alice_and_bob(client, make_user):
    _, alice = make_user("alice")
    _, bob = make_user("bob")
    acc = client.post("/api/v1/accounts", json={"name": "Alice US", "marketplaces": ["US"]}, headers=alice).json
    contact = client.post(f"/api/v1/accounts/{acc['id']}/contacts",
                          json={"kind": "phone", "value": "+1 206 555 0100"}, headers=alice).json
    return alice, bob, acc, contact


def test_every_endpoint_hides_other_users_data(client, alice_and_bob):
    alice, bob, acc, contact = alice_and_bob
    a, c = acc["id"], contact["id"]
    calls = [
        ("get", f"/api/v1/accounts/{a}", None),
        ("patch", f"/api/v1/accounts/{a}", {"name": "pwned"}),
        ("delete", f"/api/v1/accounts/{a}", None),
        ("get", f"/api/v1/accounts/{a}/contacts", None),
        ("post", f"/api/v1/accounts/{a}/contacts", {"kind": "phone", "value": "+1 206 555 0101"}),
        ("get", f"/api/v1/contacts/{c}", None),
        ("patch", f"/api/v1/contacts/{c}", {"role": "other"}),
        ("delete", f"/api/v1/contacts/{c}", None),
        ("put", f"/api/v1/contacts/{c}/amazon-status", {"status": "verified"}),
        ("post", f"/api/v1/contacts/{c}/hold", {"until": "2099-01-01"}),
        ("delete", f"/api/v1/contacts/{c}/hold", None),
    ]
    for method, url, body in calls:
        theirs = getattr(client, method)(url, json=body, headers=bob)
        missing = getattr(client, method)(url.replace(f"/{a}", "/999999").replace(f"/{c}", "/999999"),
                                          json=body, headers=bob)
        assert theirs.status_code == 404, (method, url)
        # the same answer as for something that does not exist: nothing to learn
        assert theirs.get_json() == missing.get_json(), (method, url)
    assert client.get("/api/v1/accounts", headers=bob).json["total"] == 0
    bob_events = client.get("/api/v1/events", headers=bob).json["items"]
    assert {e["type"] for e in bob_events} <= {"user.created", "token.created"}
    assert "alice" not in str(bob_events).lower()
    assert client.get(f"/api/v1/contacts/{c}", headers=alice).json["role"] == "emergency"
    assert client.get(f"/api/v1/accounts/{a}", headers=alice).json["name"] == "Alice US"


def test_me_is_the_token_owner(client, alice_and_bob):
    alice, bob, *_ = alice_and_bob
    assert client.get("/api/v1/me", headers=alice).json["name"] == "alice"
    assert client.get("/api/v1/me", headers=bob).json["name"] == "bob"
