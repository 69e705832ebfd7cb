"""Onboarding and export by file: per-row report, one transaction, idempotent re-import, DNS once
per mail domain, formula-safe CSV; the API and the CLI."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from server.cli import main
from server.db import get_db
from server.services import account_export, account_import
from server.services.contacts import CheckSettings
from tests.server.test_mail_dns import _serve_dns, _zone_answer

HEADER = "account,marketplaces,merchant_id,kind,value,role\n"
GOOD = HEADER + (
    "Acme EU,DE|FR,A1X,phone,0151 23456789,emergency\n"
    "Acme EU,,,email,ops@acme.de,\n"
    "Acme EU,,,email,team@acme.de,primary\n"
    "Beta,DE,,,,\n"
)


def _import(client, headers, body, content_type="text/csv", query=""):
    return client.post(f"/api/v1/accounts/import{query}", data=body,
                       headers={**headers, "Content-Type": content_type})


def test_csv_import_then_reimport_changes_nothing(client, headers):
    r = _import(client, headers, GOOD)
    assert r.status_code == 200, r.json
    report = r.json
    assert report["accepted"] == 4 and report["refused"] == 0
    assert report["accounts"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert report["contacts"] == {"created": 3, "updated": 0, "unchanged": 0}
    accounts = client.get("/api/v1/accounts", headers=headers).json["items"]
    assert {a["name"]: a["marketplaces"] for a in accounts} == {"Acme EU": ["DE", "FR"], "Beta": ["DE"]}
    acme = next(a for a in accounts if a["name"] == "Acme EU")
    assert acme["merchant_id"] == "A1X"
    contacts = client.get(f"/api/v1/accounts/{acme['id']}/contacts", headers=headers).json["items"]
    assert sorted((c["kind"], c["value"], c["role"]) for c in contacts) == [
        ("email", "ops@acme.de", "emergency"), ("email", "team@acme.de", "primary"),
        ("phone", "+4915123456789", "emergency")]
    again = _import(client, headers, GOOD).json
    assert again["accounts"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert again["contacts"] == {"created": 0, "updated": 0, "unchanged": 3}
    # the status sees the imported contacts (the stored next steps are kept by the triggers)
    status = client.get("/api/v1/status", headers=headers).json
    assert status["counts"]["contacts"] == 3 and status["summary"]["by_step"]["add_emergency_contact"] == 1


BAD_ROWS = [
    ("Bad,XX,,phone,+4915123456780,", "marketplaces", "Unknown marketplace"),
    (",DE,,phone,+4915123456781,", "account", "name"),
    ("Shop,DE,,fax,123,", "kind", "phone' or 'email"),
    ("Shop,DE,,phone,not a number,", "value", "phone"),
    ("Shop,DE,,email,,", "value", "Give the email"),
    ("Shop,DE,,email,a@b.de,boss", "role", "emergency"),
    ("New,,,email,a@b.de,", "marketplaces", "needs its marketplaces"),
    ("Acme EU,US,,email,z@acme.de,", "marketplaces", "DE|FR"),
]


@pytest.mark.parametrize("line,field,words", BAD_ROWS, ids=[b[1] + "-" + str(i) for i, b in enumerate(BAD_ROWS)])
def test_a_bad_row_is_refused_with_its_reason_and_the_rest_is_imported(client, headers, line, field, words):
    report = _import(client, headers, GOOD + line + "\n").json
    assert report["refused"] == 1 and report["accepted"] == 4
    [refused] = report["refused_rows"]
    assert refused["row"] == 6 and refused["field"] == field and words in refused["message"]
    assert report["contacts"]["created"] == 3


def test_json_import_dry_run_and_the_one_transaction(client, headers, app):
    rows = [{"account": "J", "marketplaces": ["DE"], "kind": "phone", "value": "+49 151 23456789"}]
    dry = _import(client, headers, json.dumps(rows), "application/json", "?dry_run=true").json
    assert dry["dry_run"] and dry["contacts"]["created"] == 1
    assert client.get("/api/v1/accounts", headers=headers).json["total"] == 0  # nothing written
    done = _import(client, headers, json.dumps({"rows": rows}), "application/json").json
    assert done["accounts"]["created"] == 1 and not done["dry_run"]

    # a failure during the write leaves nothing half-written
    with app.app_context():
        db = get_db()
        user_id = db.execute("SELECT id FROM users").fetchone()[0]
        parsed = account_import.parse(GOOD, "text/csv")
        original = account_import._write

        def broken(db, user_id, plans, report, settings):
            original(db, user_id, plans, report, settings)
            raise RuntimeError("disk full")

        account_import._write = broken
        try:
            with pytest.raises(RuntimeError):
                account_import.import_rows(db, user_id, parsed, CheckSettings(offline=True))
        finally:
            account_import._write = original
        assert db.execute("SELECT COUNT(*) FROM accounts").fetchone()[0] == 1


@pytest.mark.parametrize("body,content_type,words", [
    ("", "text/csv", "empty"),
    ("name,value\nx,y\n", "text/csv", "'account' column"),
    ("{\"a\": 1}", "application/json", "JSON array"),
    ("[1, 2]", "application/json", "JSON array"),
    (b"\xff\xfeA", "text/csv", "UTF-8"),
])
def test_unreadable_files_are_one_clear_error(client, headers, body, content_type, words):
    r = _import(client, headers, body, content_type)
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert words in json.dumps(r.json)


def test_import_larger_than_the_api_body_limit(client, headers, app):
    body = HEADER + "".join(f"Shop {i},DE,{'M' * 90}{i},phone,+49151{i:08d},\n" for i in range(3000))
    assert len(body) > app.config["MAX_CONTENT_LENGTH"]
    r = _import(client, headers, body)
    assert r.status_code == 200 and r.json["accounts"]["created"] == 3000
    # the other endpoints keep their limit
    big = client.post("/api/v1/accounts", data=json.dumps({"name": "x" * len(body)}),
                      headers={**headers, "Content-Type": "application/json"})
    assert big.status_code == 413


def test_each_mail_domain_is_asked_once(tmp_path):
    asked = []

    def answer(query):
        asked.append(query.question[0].name.to_text())
        return _zone_answer(query)

    address, close = _serve_dns(answer)
    try:
        from server.services.checks import check_contact

        cache: dict = {}
        for i in range(5):
            result = check_contact("email", f"u{i}@shop-mx.com", ["DE"], nameserver=address, domain_cache=cache)
            assert result.checks["mail_accepts"] is True
    finally:
        close()
    assert asked.count("shop-mx.com.") == 1


@pytest.mark.parametrize("value,safe", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+4915123456789", "'+4915123456789"),
    ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Acme", "Acme"), ("", ""),
])
def test_export_cells_are_formula_safe(value, safe):
    assert account_export.safe_cell(value) == safe


def test_export_round_trips_and_hostile_names_are_defused(client, headers):
    body = HEADER + "\"=cmd|' /C calc'!A0\",DE,,phone,+4915123456789,\n" + GOOD.split("\n", 1)[1]
    assert _import(client, headers, body).json["refused"] == 0
    exported = client.get("/api/v1/accounts/export", headers=headers)
    assert exported.mimetype == "text/csv" and "attachment" in exported.headers["Content-Disposition"]
    cells = [c for row in csv.reader(io.StringIO(exported.get_data(as_text=True))) for c in row]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert "'=cmd|' /C calc'!A0" in cells and "'+4915123456789" in cells
    again = _import(client, headers, exported.get_data()).json  # the export re-imports as it is
    assert again["refused"] == 0 and again["accounts"]["created"] == 0 and again["contacts"]["created"] == 0
    as_json = client.get("/api/v1/accounts/export?format=json&masked=true", headers=headers).json
    assert {r["account"] for r in as_json} == {"=cmd|' /C calc'!A0", "Acme EU", "Beta"}
    assert all("•" in r["value"] for r in as_json if r["value"])


def test_export_is_per_user(client, headers, make_user):
    _import(client, headers, GOOD)
    _, other = make_user("other")
    assert client.get("/api/v1/accounts/export?format=json", headers=other).json == []


def test_cli_import_export_rename(tmp_path):
    def run(*args):
        return CliRunner().invoke(main, ["--home", str(tmp_path / "home"), *args], catch_exceptions=False,
                                  env={"SELLERGUARD_OFFLINE": "1"})

    run("init")
    path = tmp_path / "accounts.csv"
    path.write_text(GOOD + "Bad,XX,,phone,+4915123456780,\n", "utf-8")
    result = run("accounts", "import", str(path))
    assert result.exit_code == 2  # some rows refused
    assert "Imported 4 of 5 rows" in result.output and "row 6 Bad: marketplaces" in result.output
    report = json.loads(run("accounts", "import", str(path), "--json").output)
    assert report["contacts"]["unchanged"] == 3
    out = tmp_path / "export.csv"
    assert run("accounts", "export", "-o", str(out)).exit_code == 0
    assert out.read_text("utf-8").startswith("account,marketplaces") and oct(out.stat().st_mode)[-3:] == "600"
    acme = next(a for a in json.loads(run("accounts", "list", "--json").output) if a["name"] == "Acme EU")
    renamed = json.loads(run("accounts", "rename", str(acme["id"]), "Acme Europe", "--json").output)
    assert renamed["name"] == "Acme Europe"
