"""Every output has the exact shape of DESIGN §3.2, whatever the input."""

import io
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from monitor.analysis import CONTACT_TYPES, LABELS, METHODS, analyze, analyze_stream



DATA = Path(__file__).parent / "data"


def load(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fp:
        return [json.loads(line) for line in fp if line.strip()]


DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FACT_KEYS = {"marketplace", "contact_types", "method", "where", "effective_date", "announced_date", "deadline",
             "consequences", "notes"}
INPUT_KEYS = ("id", "title", "text", "url", "language", "published")


def check_shape(out: dict) -> None:
    # §3.2 plus its extension: the phishing flag from the text alone (issue 11)
    assert set(out) == {"id", "label", "score", "reasons", "facts", "story", "phishing"}
    assert isinstance(out["phishing"]["flag"], bool) and set(out["phishing"]) == {"flag", "reasons"}
    assert all(isinstance(r, str) for r in out["phishing"]["reasons"])
    assert out["label"] in LABELS
    assert isinstance(out["score"], float) and 0.0 <= out["score"] <= 1.0
    assert isinstance(out["reasons"], list) and out["reasons"] and all(isinstance(r, str) for r in out["reasons"])
    facts = out["facts"]
    assert set(facts) == FACT_KEYS
    assert isinstance(facts["contact_types"], list) and set(facts["contact_types"]) <= set(CONTACT_TYPES)
    assert len(set(facts["contact_types"])) == len(facts["contact_types"])
    assert facts["method"] is None or facts["method"] in METHODS
    for key in ("effective_date", "announced_date", "deadline"):
        assert facts[key] is None or DATE_RE.match(facts[key]), (key, facts[key])
    for key in ("marketplace", "where", "consequences"):
        assert facts[key] is None or isinstance(facts[key], str)
    assert isinstance(facts["notes"], list) and all(isinstance(n, str) for n in facts["notes"])
    assert isinstance(out["story"], str) and out["story"]
    json.dumps(out)  # serialisable


@pytest.mark.parametrize("name", ["devset.jsonl", "devset_holdout.jsonl"])
def test_shape_of_every_devset_output(name):
    for item in load(name):
        out = analyze({k: item[k] for k in INPUT_KEYS if k in item})
        check_shape(out)
        assert out["id"] == item["id"]
        if out["label"] != "contact_verification":
            assert out["facts"]["contact_types"] == []


def test_constants():
    assert LABELS == ("contact_verification", "other_verification", "unrelated")
    assert set(CONTACT_TYPES) == {"email", "phone", "emergency_contact", "two_step_verification", "contact_details"}
    assert set(METHODS) == {"otp", "sms", "email_link", "call", "unknown"}


GARBAGE = [
    ("not json at all", None),
    ("[1, 2, 3]", None),
    ('"just a string"', None),
    ("{\"id\": \"x1\"}", "x1"),
    ("{\"id\": \"x2\", \"text\": null, \"title\": null}", "x2"),
    ("{\"id\": \"x3\", \"text\": 42}", "x3"),
    ("{\"text\": \"Amazon requires sellers to verify the emergency contact\"}", None),
    ("{\"id\": {\"nested\": true}, \"text\": \"hello\"}", None),
    ("{\"id\": \"x4\", \"text\": \"ok\", \"published\": \"not a date\"}", "x4"),
    ("{\"id\": \"x5\", \"text\": \"ok\", \"published\": 12345678901234567890}", "x5"),
    ("{\"id\": \"x6\", \"text\": [\"a\", \"b\"], \"title\": {\"x\": 1}}", "x6"),
    ("{\"id\": \"x7\"," , None),
    ("[" * 5000 + "]" * 5000, None),
]


@pytest.mark.parametrize("line,expected_id", GARBAGE, ids=[f"garbage-{i}" for i in range(len(GARBAGE))])
def test_garbage_lines_give_one_unrelated_line_each(line, expected_id):
    inp = io.StringIO(line + "\n")
    out = io.StringIO()
    assert analyze_stream(inp, out) == 1
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    check_shape(obj)
    if expected_id is not None:
        assert obj["id"] == expected_id


def test_invalid_lines_say_so():
    out = io.StringIO()
    analyze_stream(io.StringIO("garbage\n"), out)
    obj = json.loads(out.getvalue())
    assert obj["label"] == "unrelated"
    assert any("invalid" in r for r in obj["reasons"])


def test_stream_keeps_order_and_count(devset):
    lines = [json.dumps({k: it[k] for k in INPUT_KEYS if k in it}, ensure_ascii=False) for it in devset[:30]]
    lines.insert(5, "garbage")
    lines.insert(12, "{\"id\": \"only-id\"}")
    out = io.StringIO()
    assert analyze_stream(io.StringIO("\n".join(lines) + "\n"), out) == len(lines)
    got = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(got) == len(lines)
    expected_ids = [json.loads(line).get("id") if line.startswith("{") else None for line in lines]
    assert [g["id"] for g in got] == expected_ids


def test_missing_optional_keys():
    out = analyze({"id": "m", "text": "Amazon now requires all sellers to verify their emergency contact phone number "
                                      "with a one-time password, starting January 24."}, today=dt.date(2026, 3, 1))
    check_shape(out)
    assert out["label"] == "contact_verification"
    assert out["facts"]["announced_date"] is None
    # no publication date and no year in the text: the year is the one nearest the day of the analysis,
    # and the notes say so
    assert out["facts"]["effective_date"] == "2026-01-24"
    assert any("year" in n and "day of the analysis" in n for n in out["facts"]["notes"])
