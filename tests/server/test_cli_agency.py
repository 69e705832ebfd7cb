"""The CLI for agencies: status with ids, next-step commands, filters and 80-column wrapping;
alerts ack of several ids or --all, alerts show; --reveal."""
from __future__ import annotations

import json

from click.testing import CliRunner

from monitor import alerts
from monitor.db import transaction
from server.cli import main
from server.db import open_db


def _cli(home):
    def run(*args):
        return CliRunner().invoke(main, ["--home", str(home), *args], catch_exceptions=False,
                                  env={"SELLERGUARD_OFFLINE": "1", "COLUMNS": "200"})
    return run


CSV = ("account,marketplaces,merchant_id,kind,value,role\n"
       "Acme Europe Limited Liability Company With A Remarkably Long Name For Testing Wraps,DE|FR,A1X,phone,0151 23456789,\n"
       "Acme Europe Limited Liability Company With A Remarkably Long Name For Testing Wraps,,,email,ops@acme.de,\n"
       "Beta US,US,,phone,+1 206 555 0100,\n"
       "Gamma,DE,,,,\n")


def test_status_shows_ids_commands_filters_and_wraps_at_80(tmp_path):
    run = _cli(tmp_path / "home")
    run("init")
    (tmp_path / "a.csv").write_text(CSV, "utf-8")
    run("accounts", "import", str(tmp_path / "a.csv"))
    out = run("status").output
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), [line for line in lines if len(line) > 80]
    name = "Acme Europe Limited Liability Company With A Remarkably Long Name For Testing Wraps"
    assert name not in out  # too long for one line: wrapped ...
    assert all(word in out.split() for word in name.split())  # ... between words, never inside one
    assert "$ sellerguard verify start 1 --channel sms" in out
    assert "$ sellerguard contacts add 3 phone VALUE" in out  # Gamma has no contacts
    assert "#1 " in out and "email #2 " in out
    data = json.loads(run("status", "--json").output)
    assert [a["next_command"] for a in data["accounts"]][:1] == ["sellerguard verify start 1 --channel sms"]
    only_us = json.loads(run("status", "--marketplace", "US", "--json").output)
    assert [a["name"] for a in only_us["accounts"]] == ["Beta US"]
    assert json.loads(run("status", "-q", "gamma", "--json").output)["accounts_page"]["total"] == 1
    paged = run("status", "--per-page", "1", "--needs-action").output
    assert "Next page: sellerguard status --page 2 --needs-action --per-page 1" in paged
    assert "+4915123456789" not in out and "+4915123456789" in run("status", "--reveal").output


def test_alerts_ack_several_or_all_and_show(tmp_path):
    run = _cli(tmp_path / "home")
    run("init")
    db = open_db(tmp_path / "home" / "sellerguard.db")
    user_id = db.execute("SELECT id FROM users").fetchone()[0]
    with transaction(db):
        ids = [alerts.raise_alert(db, user_id=user_id, kind="policy_new", key=f"k{i}",
                                  title=f"Policy {i}", body="Verify the emergency contact.\nBy March.")
               for i in range(4)]
    shown = run("alerts", "show", str(ids[0]))
    assert "Policy 0" in shown.output and "By March." in shown.output
    assert f"sellerguard alerts ack {ids[0]}" in shown.output
    both = json.loads(run("alerts", "ack", str(ids[0]), str(ids[1]), "--json").output)
    assert both["acked"] == ids[:2]
    again = run("alerts", "ack", str(ids[0]), "999")
    assert again.exit_code == 1 and "999" in again.output
    rest = json.loads(run("alerts", "ack", "--all", "--json").output)
    assert rest["acked"] == ids[2:]
    assert run("alerts", "ack").exit_code == 2  # neither ids nor --all


def test_bulk_ack_api_is_per_user(client, app, make_user):
    from server.db import get_db

    user, h = make_user("a")
    _other, h2 = make_user("b")
    with app.app_context():
        db = get_db()
        with transaction(db):
            ids = [alerts.raise_alert(db, user_id=user.id, kind="source_broken", key=f"s{i}", title="t", body="b")
                   for i in range(3)]
    assert client.post("/api/v1/alerts/ack", json={"ids": ids}, headers=h2).json["not_found"] == ids
    assert client.post("/api/v1/alerts/ack", json={"ids": ids[:1]}, headers=h).json["acked"] == ids[:1]
    assert client.post("/api/v1/alerts/ack", json={"all": True}, headers=h).json["acked"] == ids[1:]
    assert client.post("/api/v1/alerts/ack", json={}, headers=h).status_code == 422
