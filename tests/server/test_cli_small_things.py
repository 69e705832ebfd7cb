"""Small things a new user hit (issue 12, item 10), each as the user met it."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from server.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(home, *args, input=None):
    return CliRunner().invoke(main, ["--home", str(home), *args], catch_exceptions=False,
                              env={"SELLERGUARD_OFFLINE": "1"}, input=input)


def test_make_run_honours_sellerguard_home(tmp_path):
    out = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "SELLERGUARD_HOME": str(tmp_path / "elsewhere")})
    assert f"--home {tmp_path / 'elsewhere'} serve" in out.stdout, out.stdout


def test_read_commands_never_create_a_home(tmp_path):
    home = tmp_path / "var"
    for args in (["accounts", "list"], ["sources", "list"], ["alerts", "list"], ["pair"],
                 ["outbox"], ["policies", "list"], ["serve", "--no-monitor", "--port", "0"]):
        result = run(home, *args)
        assert result.exit_code != 0, args
        said = " ".join(result.output.split())  # rich wraps long lines
        assert f"no data home at {home}" in said and "sellerguard init" in said
        assert not home.exists(), args
    assert run(home, "init").exit_code == 0 and (home / "secret.key").exists()
    assert run(home, "accounts", "list").exit_code == 0


@pytest.mark.sqlite_file  # on PostgreSQL, API-only servers share a home (test_queue_workers)
def test_a_second_serve_on_one_home_refuses(tmp_path):
    env = {**os.environ, "SELLERGUARD_OFFLINE": "1", "COLUMNS": "200"}
    subprocess.run([sys.executable, "-m", "server.cli", "--home", str(tmp_path), "init"],
                   check=True, env=env, capture_output=True)
    first = subprocess.Popen([sys.executable, "-m", "server.cli", "--home", str(tmp_path), "serve",
                              "--port", "0", "--no-monitor"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    try:
        base = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not base:
            line = first.stdout.readline()
            if not line:
                break
            if m := re.search(r"API on (http://127\.0\.0\.1:\d+)", line):
                base = m.group(1)
        assert base
        second = run(tmp_path, "serve", "--port", "0", "--no-monitor")
        assert second.exit_code != 0
        said = " ".join(second.output.split())
        assert f"already running at {base}" in said and str(first.pid) in said
    finally:
        first.terminate()
        first.wait(20)
    # the lock went with the process: a new server may start (here: it gets past the lock and
    # stops at a port that is taken)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        again = run(tmp_path, "serve", "--port", str(taken.getsockname()[1]), "--no-monitor")
    assert again.exit_code != 0 and "cannot listen" in again.output
    assert "already running" not in again.output


def test_analyze_names_bad_lines_and_exits_non_zero(tmp_path):
    lines = "\n".join([json.dumps({"id": "a", "text": "Verify your emergency contact phone."}),
                       json.dumps({"id": "b"}), json.dumps({"text": "no id"}), "[1]"]) + "\n"
    result = CliRunner().invoke(main, ["--home", str(tmp_path), "monitor",
                                                       "analyze", "--input", "-"], input=lines)
    assert result.exit_code == 1
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(out) == 4 and out[0]["id"] == "a"  # one output line per input line, as before
    assert "line 2: missing or not a string: text" in result.stderr
    assert "line 3: missing or not a string: id" in result.stderr
    assert "line 4: not a JSON object" in result.stderr
    good = CliRunner().invoke(main, ["--home", str(tmp_path), "monitor",
                                                     "analyze", "--input", "-"],
                                              input=lines.splitlines()[0] + "\n")
    assert good.exit_code == 0 and good.stderr == ""


def test_hold_without_a_date_says_what_it_did_and_verify_infers_the_channel(tmp_path):
    run(tmp_path, "init")
    acc = json.loads(run(tmp_path, "accounts", "add", "S", "-m", "DE", "--json").output)
    c = json.loads(run(tmp_path, "contacts", "add", str(acc["id"]), "phone", "0151 23456789",
                       "--json").output)
    nothing = run(tmp_path, "contacts", "hold", str(c["id"]))
    assert "not on hold: nothing changed" in nothing.output and "hold lifted" not in nothing.output
    run(tmp_path, "contacts", "hold", str(c["id"]), "--until", "2099-01-31")
    lifted = run(tmp_path, "contacts", "hold", str(c["id"]))
    assert "the hold (until 2099-01-31) was lifted" in lifted.output
    v = run(tmp_path, "verify", "start", str(c["id"]), "--json")  # no --channel
    assert v.exit_code == 0, v.output
    assert json.loads(v.output)["channel"] == "sms"


@pytest.mark.sqlite_file  # the embedded default: no queue
def test_worker_on_the_sqlite_file_says_what_it_needs(tmp_path):
    run(tmp_path, "init")
    out = run(tmp_path, "worker")
    assert out.exit_code != 0
    said = " ".join(out.output.split())
    assert "SELLERGUARD_DATABASE_URL=postgresql://" in said and "sellerguard serve" in said


@pytest.mark.parametrize("tick", ["7", "0", "90"])
def test_worker_tick_must_fit_the_clock(tmp_path, tick):
    from monitor.queue import QueueError, _cron

    with pytest.raises(QueueError, match="divisor of 60"):
        _cron(int(tick))
    assert _cron(15) == "* * * * * */15" and _cron(120) == "*/2 * * * *"
