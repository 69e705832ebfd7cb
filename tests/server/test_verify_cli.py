"""CLI: verify start/check, outbox, channels add/list/test — as a new user would."""
from __future__ import annotations

import json

from click.testing import CliRunner

from server.cli import main

from verification_fixtures import MOBILE_DE, code_in, receiver  # noqa: F401


def run(home, *args, ok=True):
    result = CliRunner().invoke(main, ["--home", str(home), *args])
    if ok:
        assert result.exit_code == 0, (args, result.output, result.exception)
    return result


def jrun(home, *args):
    return json.loads(run(home, *args, "--json").stdout)


def test_new_user_flow_through_the_outbox(tmp_path, monkeypatch):
    monkeypatch.setenv("SELLERGUARD_OFFLINE", "1")
    home = tmp_path / "home"
    jrun(home, "init")
    account = jrun(home, "accounts", "add", "Acme", "-m", "DE")
    contact = jrun(home, "contacts", "add", str(account["id"]), "phone", MOBILE_DE)
    v = jrun(home, "verify", "start", str(contact["id"]), "--channel", "sms")
    assert v["status"] == "pending" and v["delivered_via"] == "outbox" and v["created"] is True
    human = run(home, "outbox")
    assert "DEVELOPMENT OUTBOX" in human.output and "NOT sent" in human.output
    messages = jrun(home, "outbox", "--limit", "5")
    assert messages[0]["destination"] == MOBILE_DE
    code = code_in(messages[0]["body"])
    bad = run(home, "verify", "check", str(v["id"]), f"{(int(code) + 1) % 1000000:06d}", ok=False)
    assert bad.exit_code == 1 and "wrong" in bad.output.lower() and "Traceback" not in bad.output
    done = jrun(home, "verify", "check", str(v["id"]), code)
    assert done["status"] == "approved"
    contacts = jrun(home, "contacts", "list", str(account["id"]))
    assert contacts[0]["local_status"] == "verified"


def test_landline_refusal_and_override_on_the_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("SELLERGUARD_OFFLINE", "1")
    home = tmp_path / "home"
    jrun(home, "init")
    account = jrun(home, "accounts", "add", "Acme", "-m", "DE")
    landline = jrun(home, "contacts", "add", str(account["id"]), "phone", "+493012345678")
    refused = run(home, "verify", "start", str(landline["id"]), "--channel", "sms", ok=False)
    assert refused.exit_code == 1 and "cannot receive SMS" in refused.output
    v = jrun(home, "verify", "start", str(landline["id"]), "--channel", "sms", "--override-checks")
    assert v["status"] == "pending"


def test_channels_add_list_test_with_a_local_receiver(tmp_path, monkeypatch, receiver):  # noqa: F811
    monkeypatch.setenv("SELLERGUARD_OFFLINE", "1")
    home = tmp_path / "home"
    jrun(home, "init")
    url = f"json://user:topsecret@127.0.0.1:{receiver.port}/sms"
    ch = jrun(home, "channels", "add", "gateway", url, "--purpose", "sms", "--purpose", "alerts")
    assert ch["purposes"] == ["sms", "alerts"] and "topsecret" not in ch["url"]
    listed = jrun(home, "channels", "list")
    assert [c["name"] for c in listed] == ["gateway"] and "topsecret" not in json.dumps(listed)
    tested = jrun(home, "channels", "test", str(ch["id"]))
    assert tested == {"ok": True, "error": None} and len(receiver.requests) == 1
    bad = run(home, "channels", "add", "bad", "nope://x", "--purpose", "sms", ok=False)
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    account = jrun(home, "accounts", "add", "Acme", "-m", "DE")
    contact = jrun(home, "contacts", "add", str(account["id"]), "phone", MOBILE_DE)
    v = jrun(home, "verify", "start", str(contact["id"]), "--channel", "sms")
    assert v["delivered_via"] == "channel" and receiver.requests[-1]["body"]["to"] == MOBILE_DE
