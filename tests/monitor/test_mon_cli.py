"""The monitor's click groups, run through a stand-in for the server's context object over a
real SQLite file."""
import json
import sys
import types

import click
import pytest
from click.testing import CliRunner

from mon_support import rss
from monitor import cli
from monitor.db import connect
from monitor.sources.service import DEFAULTS_FILE


class StandIn:
    """What ``sellerguard``'s context object offers: open_db() and user_id(name)."""

    def __init__(self, path):
        self.path = path
        self.users = {"alice": 1, "bob": 2}

    def open_db(self):
        return connect(self.path)

    def user_id(self, name):
        if name is None:
            return 1
        if name not in self.users:
            raise click.ClickException(f"no user {name}")
        return self.users[name]


@pytest.fixture
def run(tmp_path):
    obj = StandIn(tmp_path / "cli.db")
    group = click.Group("sellerguard", commands={c.name: c for c in cli.COMMANDS})
    runner = CliRunner()

    def invoke(*args, input=None):
        result = runner.invoke(group, list(args), obj=obj, input=input, catch_exceptions=False)
        return result

    invoke.obj = obj
    return invoke


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_sources_import_twice_changes_nothing(run):
    first = _json(run("sources", "import", str(DEFAULTS_FILE), "--json"))
    assert len(first["created"]) >= 10 and not first["updated"]
    second = _json(run("sources", "import", str(DEFAULTS_FILE), "--json"))
    assert second["created"] == [] and second["updated"] == []
    assert sorted(second["unchanged"]) == sorted(first["created"])
    listed = _json(run("sources", "list", "--json", "--per-page", "100"))
    assert listed["total"] == len(first["created"])
    assert all(s["shared"] and not s["editable"] for s in listed["items"])


def test_sources_import_rejects_bad_file_with_a_clear_error(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - name: x\n    kind: feed\n    url: ftp://nope\n")
    result = run("sources", "import", str(bad))
    assert result.exit_code != 0 and "source #1 (x)" in result.output and "url" in result.output
    assert "Traceback" not in result.output


def test_import_from_stdin_as_user_and_check(run, site):
    site.route("/feed", body=rss([{"title": "Hello", "link": "http://x.test/1", "guid": "1"}]))
    yaml_text = f"sources:\n  - name: Mine\n    kind: feed\n    url: {site.url('/feed')}\n"
    created = _json(run("sources", "import", "-", "--user", "bob", "--json", input=yaml_text))
    sid = created["created"][0]
    checked = _json(run("sources", "check", str(sid), "--user", "bob", "--json"))
    assert checked["ok"] and checked["entries"] == 1 and checked["sample"][0]["title"] == "Hello"
    # alice cannot see bob's source
    result = run("sources", "check", str(sid), "--user", "alice")
    assert result.exit_code != 0 and "not found" in result.output


def test_monitor_run_once_json_and_table(run, site, receiver, monkeypatch):
    from mon_support import stub_analyze
    from monitor import policies

    monkeypatch.setattr(policies, "default_analyzer", lambda: stub_analyze)
    site.route("/feed", body=rss([{"title": "Verify your emergency contact phone",
                                   "link": "http://x.test/1", "guid": "1",
                                   "description": "Sellers must verify the emergency contact."}]))
    yaml_text = f"sources:\n  - name: F\n    kind: feed\n    url: {site.url('/feed')}\n"
    run("sources", "import", "-", input=yaml_text)
    from monitor import channels as channels_mod  # managed by `sellerguard channels` (server CLI)

    channels_mod.add_channel(run.obj.open_db(), 1, "hook", receiver.apprise_url)
    summary = _json(run("monitor", "run", "--once", "--json"))
    assert summary["sources"] == 1 and summary["new_items"] == 1
    assert summary["policies_new"] == 1 and summary["delivered"] == 1
    table = run("monitor", "run", "--once", "--all")
    assert table.exit_code == 0 and "1 sources" in table.output

    alerts = _json(run("alerts", "list", "--json"))
    assert alerts["total"] == 1
    aid = alerts["items"][0]["id"]
    assert _json(run("alerts", "ack", str(aid), "--json"))["state"] == "acked"
    assert _json(run("alerts", "list", "--json"))["total"] == 0
    assert run("alerts", "list").exit_code == 0

    pols = _json(run("policies", "list", "--json"))
    assert pols["total"] == 1
    shown = _json(run("policies", "show", str(pols["items"][0]["id"]), "--json"))
    assert shown["sources"][0]["name"] == "F"
    assert run("policies", "show", str(pols["items"][0]["id"])).exit_code == 0
    assert run("policies", "show", "999").exit_code != 0

    deliveries = alerts["items"][0]["deliveries"]
    assert [d["channel"] for d in deliveries] == ["hook"] and deliveries[0]["status"] == "delivered"


def test_monitor_analyze_streams_without_db(run, monkeypatch, tmp_path):
    calls = []

    def analyze_stream(in_fp, out_fp):
        for line in in_fp:
            rec = json.loads(line)
            calls.append(rec["id"])
            out_fp.write(json.dumps({"id": rec["id"], "label": "unrelated"}) + "\n")

    fake = types.ModuleType("monitor.analysis")
    fake.analyze_stream = analyze_stream
    monkeypatch.setitem(sys.modules, "monitor.analysis", fake)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n')
    result = run("monitor", "analyze", "--input", str(src))
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.output.splitlines()] == ["a", "b"]
    assert not (tmp_path / "cli.db").exists()
