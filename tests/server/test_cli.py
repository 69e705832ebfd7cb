"""The `sellerguard` CLI as a user runs it, and `serve` as a real process on loopback."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import httpx
from click.testing import CliRunner

from server.cli import main


def run(home, *args):
    result = CliRunner().invoke(main, ["--home", str(home), *args], catch_exceptions=False,
                                env={"SELLERGUARD_OFFLINE": "1"})
    return result


def test_init_prints_token_once(tmp_path):
    first = run(tmp_path, "init", "--json")
    data = json.loads(first.output)
    assert data["token"].startswith("sg_") and data["created_user"] == "seller"
    assert len(data["default_sources"]["created"]) >= 5
    second = json.loads(run(tmp_path, "init", "--json").output)
    assert second["token"] is None
    assert second["default_sources"]["created"] == []  # importing the defaults again changes nothing


def test_users_tokens_accounts_contacts(tmp_path):
    assert run(tmp_path, "user", "add", "agency").exit_code == 0
    assert run(tmp_path, "user", "add", "agency").exit_code == 1  # clear error, no traceback
    token = json.loads(run(tmp_path, "token", "create", "--user", "agency", "--json").output)["token"]
    assert token.startswith("sg_")
    acc = json.loads(run(tmp_path, "accounts", "add", "Shop DE", "-m", "DE", "--user", "agency", "--json").output)
    out = run(tmp_path, "contacts", "add", str(acc["id"]), "phone", "030 12345678", "--json")
    contact = json.loads(out.output)
    assert [w["code"] for w in contact["checks"]["warnings"]] == ["landline"]
    human = run(tmp_path, "contacts", "list", str(acc["id"]))
    assert "landline" in human.output and "12345678" not in human.output
    bad = run(tmp_path, "contacts", "add", str(acc["id"]), "phone", "not a number")
    assert bad.exit_code == 1 and "value" in bad.output and "Traceback" not in bad.output
    listed = json.loads(run(tmp_path, "accounts", "list", "--json").output)
    assert [a["name"] for a in listed] == ["Shop DE"]


def test_non_loopback_needs_explicit_flag(tmp_path):
    run(tmp_path, "init")
    result = run(tmp_path, "serve", "--host", "0.0.0.0", "--no-monitor")
    assert result.exit_code != 0 and "--allow-remote" in result.output


def test_serve_answers_health_and_pairing_code_works(tmp_path):
    env = {**os.environ, "SELLERGUARD_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "server.cli", "--home", str(tmp_path), "init"], check=True,
                   env=env, capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "server.cli", "--home", str(tmp_path), "serve", "--port", "0",
                             "--no-monitor"], env={**env, "COLUMNS": "200"}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 60
        code = base = None
        while time.monotonic() < deadline and not (code and base):
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if m := re.search(r"API on (http://127\.0\.0\.1:\d+)", line):
                base = m.group(1)
            if m := re.search(r"Pairing code for the extension: ([A-Z0-9]{4}-[A-Z0-9]{4})", line):
                code = m.group(1)
        assert base and code, "".join(lines)
        assert httpx.get(f"{base}/api/v1/health", timeout=10).json()["status"] == "ok"
        r = httpx.post(f"{base}/api/v1/pair", json={"code": code}, timeout=10)
        assert r.status_code == 201
        me = httpx.get(f"{base}/api/v1/me", headers={"Authorization": f"Bearer {r.json()['token']}"}, timeout=10)
        assert me.json()["name"] == "seller"
        from server.cli import Context
        assert Context(tmp_path).config["PUBLIC_URL"] == base  # CLI-sent email links reach this server
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_hold_and_amazon_status_from_the_cli(tmp_path):
    run(tmp_path, "init")
    acc = json.loads(run(tmp_path, "accounts", "add", "S", "-m", "UK", "--json").output)
    c = json.loads(run(tmp_path, "contacts", "add", str(acc["id"]), "email", "ops@shop.co.uk", "--json").output)
    held = json.loads(run(tmp_path, "contacts", "hold", str(c["id"]), "--until", "2099-01-31", "--json").output)
    assert held["on_hold_until"] == "2099-01-31"
    assert run(tmp_path, "contacts", "hold", str(c["id"]), "--until", "2001-01-01").exit_code == 1
    lifted = json.loads(run(tmp_path, "contacts", "hold", str(c["id"]), "--json").output)
    assert lifted["on_hold_until"] is None
    seen = json.loads(run(tmp_path, "contacts", "amazon-status", str(c["id"]), "verified", "--json").output)
    assert seen["amazon_status"]["status"] == "verified" and seen["amazon_status"]["source"] == "manual"


def test_changing_a_value_from_the_cli_cancels_the_pending_verification(tmp_path):
    run(tmp_path, "init")
    acc = json.loads(run(tmp_path, "accounts", "add", "S", "-m", "DE", "--json").output)
    c = json.loads(run(tmp_path, "contacts", "add", str(acc["id"]), "phone", "0151 23456789", "--json").output)
    v = json.loads(run(tmp_path, "verify", "start", str(c["id"]), "--channel", "sms", "--json").output)
    assert v["status"] == "pending"
    changed = run(tmp_path, "contacts", "update", str(c["id"]), "--value", "+49 151 98765432", "--json")
    assert changed.exit_code == 0, changed.output
    assert json.loads(changed.output)["local_status"] == "unverified"
    shown = json.loads(run(tmp_path, "verify", "show", str(v["id"]), "--json").output)
    assert shown["status"] == "canceled"


def test_a_busy_port_is_a_clear_error(tmp_path):
    import socket as _socket

    run(tmp_path, "init")
    with _socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(tmp_path, "serve", "--port", str(port), "--no-monitor")
    assert result.exit_code != 0
    assert "another port" in result.output and "Traceback" not in result.output


def test_a_repeated_start_inside_the_cooldown_says_it_did_not_resend(tmp_path):
    run(tmp_path, "init")
    acc = json.loads(run(tmp_path, "accounts", "add", "S", "-m", "DE", "--json").output)
    c = json.loads(run(tmp_path, "contacts", "add", str(acc["id"]), "phone", "0151 23456789", "--json").output)
    first = json.loads(run(tmp_path, "verify", "start", str(c["id"]), "--channel", "sms", "--json").output)
    again = run(tmp_path, "verify", "start", str(c["id"]), "--channel", "sms")
    assert again.exit_code == 0 and "Not resent" in again.output
    data = json.loads(run(tmp_path, "verify", "start", str(c["id"]), "--channel", "sms", "--json").output)
    assert data["id"] == first["id"] and data["sends"] == 1 and not data["created"] and not data["resent"]
