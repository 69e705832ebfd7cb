"""A policy found by the monitor, seen through the server: impact on the caller's accounts,
alerts naming them, isolation of users' own sources."""
from __future__ import annotations

from server.db import get_db
from server.monitoring import hooks_for

ANNOUNCEMENT = (
    "Starting January 24, 2025, Amazon requires all sellers to verify the emergency contact phone "
    "number and email address in Seller Central > Settings > Notification Preferences using a "
    "one-time password (OTP). Sellers who do not verify may have their selling privileges affected."
)


def _feed_item(app, user_id=None, title="Amazon now requires sellers to verify emergency contact details"):
    from monitor import policies
    from monitor.db import iso, transaction, utcnow
    from monitor.items import store_entries
    from monitor.sources import service
    from monitor.sources.base import Entry

    with app.app_context():
        db = get_db()
        source = service.create_source(db, user_id, {
            "name": "Test forum", "kind": "feed", "url": f"http://127.0.0.1:9/feed{user_id}",
            "language": "en", "marketplaces": ["US"], "official": True})
        with transaction(db):
            store_entries(db, {**source, "id": source["id"]}, [Entry(
                title=title, link="http://127.0.0.1:9/post/1", guid="post-1", content=ANNOUNCEMENT,
                published="2025-01-30T10:00:00Z", language="en")], iso(utcnow()))
        stats = policies.process_pending(db, hooks=hooks_for(app.config["DATABASE"]))
    return stats


def test_policy_alert_names_affected_accounts(client, make_user, app):
    user, h = make_user("seller")
    us = client.post("/api/v1/accounts", json={"name": "US shop", "marketplaces": ["US"]}, headers=h).json
    client.post("/api/v1/accounts", json={"name": "JP shop", "marketplaces": ["JP"]}, headers=h)
    client.post(f"/api/v1/accounts/{us['id']}/contacts", json={"kind": "phone", "value": "+1 800 555 0199"},
                headers=h)
    stats = _feed_item(app, user_id=user.id)
    assert stats.matched == 1 and stats.policies_new == 1
    alerts = client.get("/api/v1/alerts", headers=h).json["items"]
    assert len(alerts) == 1 and alerts[0]["kind"] == "policy_new"
    assert "emergency_contact" in alerts[0]["facts"]["contact_types"]
    assert any("US shop" in line and "toll free" in line for line in alerts[0]["impact"])
    policy_id = alerts[0]["policy_id"]
    policy = client.get(f"/api/v1/policies/{policy_id}", headers=h).json
    assert policy["label"] == "contact_verification"
    assert policy["sources"][0]["published"] == "2025-01-30T10:00:00Z"  # API-SHAPES field names
    reasons = {(a["account_name"], a["reason"]) for a in policy["affected"]}
    assert any(name == "US shop" and "no emergency email" in reason for name, reason in reasons)
    assert all(name != "JP shop" for name, _ in reasons)  # the policy is about US
    status = client.get("/api/v1/status", headers=h).json
    assert status["counts"]["open_alerts"] == 1 and status["alerts"][0]["facts"]["contact_types"]
    acked = client.post(f"/api/v1/alerts/{alerts[0]['id']}/ack", headers=h).json
    assert acked["state"] == "acked"
    assert client.get("/api/v1/alerts", headers=h).json["total"] == 0
    assert client.get("/api/v1/alerts?state=all", headers=h).json["total"] == 1


def test_other_users_sources_and_policies_are_invisible(client, make_user, app):
    owner, h_owner = make_user("owner")
    _, h_other = make_user("other")
    _feed_item(app, user_id=owner.id)
    mine = client.get("/api/v1/policies", headers=h_owner).json
    assert mine["total"] == 1
    pid = mine["items"][0]["id"]
    assert client.get("/api/v1/policies", headers=h_other).json["total"] == 0
    assert client.get(f"/api/v1/policies/{pid}", headers=h_other).status_code == 404
    source_ids = [s["id"] for s in client.get("/api/v1/sources", headers=h_owner).json["items"]]
    assert source_ids and client.get("/api/v1/sources", headers=h_other).json["total"] == 0
    r = client.patch(f"/api/v1/sources/{source_ids[0]}", json={"name": "x"}, headers=h_other)
    assert r.status_code == 404 and r.content_type == "application/problem+json"
    alert_id = client.get("/api/v1/alerts", headers=h_owner).json["items"][0]["id"]
    assert client.post(f"/api/v1/alerts/{alert_id}/ack", headers=h_other).status_code == 404


def test_shared_source_alerts_every_user(client, make_user, app):
    _, a = make_user("a")
    _, b = make_user("b")
    _feed_item(app, user_id=None)
    assert client.get("/api/v1/alerts", headers=a).json["total"] == 1
    assert client.get("/api/v1/alerts", headers=b).json["total"] == 1


def test_source_api_validation(client, headers):
    r = client.post("/api/v1/sources", json={"name": "x", "kind": "html", "url": "http://127.0.0.1:9/"},
                    headers=headers)
    assert r.status_code == 422 and r.content_type == "application/problem+json"  # html needs selectors
    r = client.post("/api/v1/sources", json={"name": "x", "kind": "feed", "url": "ftp://x/"}, headers=headers)
    assert r.status_code == 422
    r = client.post("/api/v1/sources", json={"name": "Feed", "kind": "feed", "url": "http://127.0.0.1:9/f",
                                             "interval": "2h"}, headers=headers)
    assert r.status_code == 201 and r.json["interval_s"] == 7200 and r.json["editable"]


def test_a_users_own_source_cannot_rewrite_a_shared_policy(client, make_user, app):
    """A private source marked "official" reporting the same story must not change the title,
    link, dates or alerts other users get, nor show up in their policies."""
    attacker, h_attacker = make_user("attacker")
    _, h_victim = make_user("victim")
    _feed_item(app, user_id=None)  # the shared report
    shared = client.get("/api/v1/policies", headers=h_victim).json["items"][0]
    _feed_item(app, user_id=attacker.id,
               title="URGENT: re-verify your emergency contact now or lose your account")
    victim_policies = client.get("/api/v1/policies", headers=h_victim).json["items"]
    assert [p["id"] for p in victim_policies] == [shared["id"]]
    again = client.get(f"/api/v1/policies/{shared['id']}", headers=h_victim).json
    assert again["title"] == shared["title"] and again["dates"] == shared["dates"]
    assert {s["name"] for s in again["sources"]} == {"Test forum"} and len(again["sources"]) == 1
    victim_alerts = client.get("/api/v1/alerts?state=all", headers=h_victim).json["items"]
    assert len(victim_alerts) == 1 and "URGENT" not in victim_alerts[0]["body"]
    own = client.get("/api/v1/policies", headers=h_attacker).json["items"]
    assert any("URGENT" in p["title"] for p in own)  # the attacker's report is their own policy


def test_sources_channels_and_acks_are_in_the_audit_trail(client, headers):
    src = client.post("/api/v1/sources", json={"name": "F", "kind": "feed", "url": "http://127.0.0.1:9/f"},
                      headers=headers).json
    client.patch(f"/api/v1/sources/{src['id']}", json={"name": "G"}, headers=headers)
    client.delete(f"/api/v1/sources/{src['id']}", headers=headers)
    ch = client.post("/api/v1/channels", json={"name": "hook", "url": "json://127.0.0.1:9/secret-path",
                                               "purposes": ["alerts"]}, headers=headers).json
    client.delete(f"/api/v1/channels/{ch['id']}", headers=headers)
    trail = client.get("/api/v1/events", headers=headers).json["items"]
    types = [e["type"] for e in trail]
    for expected in ("source.created", "source.updated", "source.deleted", "channel.created", "channel.deleted"):
        assert expected in types
    assert "secret-path" not in str(trail)  # channel URLs carry provider secrets: never audited
