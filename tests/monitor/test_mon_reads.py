"""The reads the monitor exports to the server (the server does not query the monitor's tables):
open alerts and their counts, policy facts by id, the marketplaces of sources; and
``Database.scalar``."""
from __future__ import annotations

import pytest

from monitor import alerts, policies
from monitor.db import transaction
from monitor.sources import service as sources
from monitor.store import dumps, insert

NOW = "2026-12-01T10:00:00Z"


def _policy(db, story: str, facts: dict) -> int:
    return insert(db, "policies", {"story": story, "title": story, "facts": dumps(facts),
                                   "first_seen_at": NOW, "updated_at": NOW})


def _source(db, url: str, marketplaces: list[str]) -> int:
    return insert(db, "sources", {"name": url, "kind": "rss", "url": url,
                                  "marketplaces": dumps(marketplaces), "created_at": NOW,
                                  "updated_at": NOW})


@pytest.fixture
def filled(db):
    with transaction(db):
        p1 = _policy(db, "s1", {"contact_types": ["phone"], "marketplace": "DE"})
        p2 = _policy(db, "s2", {"contact_types": ["email"]})
        src = _source(db, "https://example.test/feed", ["US"])
        made = {
            "old_policy": alerts.raise_alert(db, user_id=1, kind="policy", key="k1", title="a",
                                             body="b", policy_id=p1, impact=["Shop DE"]),
            "health": alerts.raise_alert(db, user_id=1, kind="source_failing", key="k2",
                                         title="c", body="d", source_id=src),
            "new_policy": alerts.raise_alert(db, user_id=1, kind="policy_updated", key="k3",
                                             title="e", body="f", policy_id=p2),
            "other_user": alerts.raise_alert(db, user_id=2, kind="policy", key="k4", title="g",
                                             body="h", policy_id=p1),
        }
    return {"p1": p1, "p2": p2, "source": src, **made}


def test_open_counts_split_policy_and_source_alerts_per_user(db, filled):
    assert alerts.open_counts(db, 1) == {"policy": 2, "source": 1}
    assert alerts.open_counts(db, 2) == {"policy": 1, "source": 0}
    alerts.ack_alert(db, 1, filled["old_policy"])
    assert alerts.open_counts(db, 1) == {"policy": 1, "source": 1}
    assert alerts.open_counts(db, 99) == {"policy": 0, "source": 0}


def test_open_alerts_put_policies_first_newest_first_and_decode_impact(db, filled):
    listed = alerts.open_alerts(db, 1, 10)
    assert [a["id"] for a in listed] == [filled["new_policy"], filled["old_policy"], filled["health"]]
    assert listed[1]["impact"] == ["Shop DE"] and listed[0]["impact"] == []
    assert set(listed[0]) == {"id", "kind", "title", "policy_id", "source_id", "created_at", "impact"}
    assert [a["id"] for a in alerts.open_alerts(db, 1, 1)] == [filled["new_policy"]]
    assert [a["id"] for a in alerts.open_alerts(db, 2, 10)] == [filled["other_user"]]


def test_policy_facts_by_id_in_one_read(db, filled):
    facts = policies.facts_by_id(db, [filled["p2"], None, filled["p1"], filled["p1"], 12345])
    assert facts == {filled["p1"]: {"contact_types": ["phone"], "marketplace": "DE"},
                     filled["p2"]: {"contact_types": ["email"]}}
    assert policies.facts_by_id(db, []) == {}


def test_marketplaces_of_sources(db, filled):
    with transaction(db):
        everywhere = _source(db, "https://example.test/all", [])
    assert sources.marketplaces_of(db, [filled["source"]]) == [["US"]]
    assert sorted(sources.marketplaces_of(db, [filled["source"], everywhere])) == [[], ["US"]]
    assert sources.marketplaces_of(db, []) == []


def test_scalar_is_the_first_column_or_none(db, filled):
    assert db.scalar("SELECT COUNT(*) FROM alerts WHERE user_id = ?", [1]) == 3
    assert db.scalar("SELECT id FROM alerts WHERE key = ?", ["missing"]) is None
