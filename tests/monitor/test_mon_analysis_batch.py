"""The analysis queue scores items a chunk at a time when the analyzer has a batch form
(``many``, as ``policies.default_analyzer()`` has): the stored answers are those of one call per
item, a batch that fails falls back to one call per item (so one bad item spoils only itself),
and the real default analyzer stores what ``monitor.analysis.analyze`` says of each item."""
import json

from monitor import policies
from monitor.sources.service import create_source
from monitor.store import insert, rows


def _add(db, source_id, n, *, bad=()):
    for k in range(n):
        title = "BAD" if k in bad else f"Seller news {k}"
        insert(db, "items", {"source_id": source_id, "identity": f"i{k}", "title": title,
                             "text": f"Weekly marketplace update {k}: fees and shipping.",
                             "published_at": None, "fetched_at": "2025-03-01T00:00:00Z",
                             "content_hash": f"h{k}"})


def _one(record):
    if record["title"] == "BAD":
        raise ValueError("cannot read this one")
    return {"id": record["id"], "label": "unrelated", "score": 0.1, "reasons": [record["title"]],
            "facts": {}, "story": None}


def _stored(db):
    return [(r["id"], json.loads(r["analysis"]), r["label"])
            for r in rows(db, "SELECT id, analysis, label FROM items ORDER BY id")]


def test_a_batch_analyzer_stores_what_one_call_per_item_stores(db, tmp_path):
    src = create_source(db, None, {"name": "press", "kind": "feed", "url": "http://press.test/feed"})
    _add(db, src["id"], 250)
    calls = []

    def batched(record):
        return _one(record)

    def many(records):
        calls.append(len(records))
        return [_one(r) for r in records]

    batched.many = many
    stats = policies.process_pending(db, analyzer=batched)
    assert stats.analyzed == 250 and not stats.errors
    assert calls == [policies.ANALYSIS_CHUNK, policies.ANALYSIS_CHUNK, 50]
    batch_answers = _stored(db)
    db.execute("UPDATE items SET analysis = NULL, analyzed_at = NULL, label = NULL")
    assert policies.process_pending(db, analyzer=_one).analyzed == 250
    assert _stored(db) == batch_answers


def test_a_failing_batch_falls_back_to_one_call_per_item(db):
    src = create_source(db, None, {"name": "press", "kind": "feed", "url": "http://press.test/feed"})
    _add(db, src["id"], 30, bad={7})

    def batched(record):
        return _one(record)

    batched.many = lambda records: [_one(r) for r in records]   # raises on the bad one
    stats = policies.process_pending(db, analyzer=batched)
    assert stats.analyzed == 30 and len(stats.errors) == 1 and "cannot read this one" in stats.errors[0]
    stored = _stored(db)
    assert "error" in stored[7][1] and stored[7][2] is None
    assert all(s[2] == "unrelated" for k, s in enumerate(stored) if k != 7)


def test_a_passed_deadline_still_moves_one_item(db):
    src = create_source(db, None, {"name": "press", "kind": "feed", "url": "http://press.test/feed"})
    _add(db, src["id"], 10)

    def batched(record):
        return _one(record)

    batched.many = lambda records: [_one(r) for r in records]
    stats = policies.process_pending(db, analyzer=batched, deadline=0.0)
    assert stats.analyzed == 1 and stats.stopped


def test_the_default_analyzer_batches_and_answers_as_analyze_does(db):
    from monitor.analysis import analyze

    src = create_source(db, None, {"name": "press", "kind": "feed", "url": "http://press.test/feed"})
    _add(db, src["id"], 12)
    default = policies.default_analyzer()
    assert callable(getattr(default, "many", None))
    assert policies.process_pending(db).analyzed == 12
    for item in rows(db, "SELECT * FROM items ORDER BY id"):
        assert json.loads(item["analysis"]) == json.loads(json.dumps(analyze(policies._record(item))))
