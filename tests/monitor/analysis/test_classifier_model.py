"""The trained classifier: deterministic training, the file format, the shipped model, grouped CV,
clear errors, readable reasons.  The tiny corpus here is written for these tests."""

import json
import re

import numpy as np
import pytest

from monitor.analysis import analyze, analyze_stream
from monitor.analysis import evaluate as ev
from monitor.analysis import model as M
from monitor.analysis import train as T

POS = [
    ("Marketplace asks sellers to verify their phone", "Starting 3 June 2024 every seller must verify the phone "
     "number on the account with a one-time code."),
    ("Sellers must confirm the emergency contact", "From 1 July 2024 all sellers have to confirm the emergency "
     "contact email address with a verification code or listings are paused."),
    ("Two-step verification becomes mandatory for sellers", "Starting next month, sellers must turn on two-step "
     "verification with a phone number to sign in to the seller portal."),
]
OV = [
    ("Sellers must upload an identity document", "From 2 May 2024 every seller must verify their identity with a "
     "passport or ID card and a selfie."),
    ("Bank account verification for sellers", "Sellers are now required to verify the bank account that receives "
     "payouts by uploading a bank statement."),
    ("Tax information required", "All sellers must provide tax information (DAC7) by 31 January 2024."),
]
UNREL = [
    ("Beware of phishing mails", "Scammers send fake mails asking you to verify your account phone; never click "
     "the link."),
    ("New fees for sellers", "From 1 August 2024 the referral fee for home goods drops to 8 percent."),
    ("How to change your password", "Go to Settings and choose a new password. This help page explains how."),
    ("Holiday shipping deadlines", "Ship orders by 20 December to arrive before the holidays."),
]


def _corpus(tmp_path, copies=2):
    rows = []
    for label, items in (("contact_verification", POS), ("other_verification", OV), ("unrelated", UNREL)):
        for k, (title, text) in enumerate(items):
            for c in range(copies):  # reposts of one event share its story
                rows.append({"id": f"{label[:2]}-{k}-{c}", "title": title, "text": text, "language": "en",
                             "published": "2024-05-01", "label": label,
                             "story": f"{label[:2]}-{k}" if c or k % 2 == 0 else None,
                             "facts": {"effective_date": None} if label == "contact_verification" else None})
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpus")
    corpus = _corpus(tmp)
    out1, out2 = tmp / "a.npz", tmp / "b.npz"
    params = dict(T.DEFAULT_PARAMS, folds=3)
    m = T.train(corpus, out1, params, log=lambda *_: None)
    T.train(corpus, out2, params, log=lambda *_: None)
    return corpus, out1, out2, m


def test_training_is_deterministic_byte_for_byte(tiny):
    corpus, out1, out2, _ = tiny
    assert out1.read_bytes() == out2.read_bytes()


def test_model_round_trips_and_records_its_corpus(tiny):
    corpus, out1, _, m = tiny
    loaded = M.load(out1)
    assert loaded.meta["corpus_sha256"] == T.corpus_sha256(corpus)
    assert loaded.meta["corpus_records"] == 20
    assert set(loaded.meta["cv"]) >= {"cv_precision", "cv_recall", "cv_f1", "accuracy", "scheme"}
    assert np.allclose(loaded.w_text, m.w_text, atol=1e-3)  # stored as float16
    assert np.array_equal(loaded.w_dense, m.w_dense.astype(np.float32))
    rec = {"id": "x", "title": POS[0][0], "text": POS[0][1], "published": "2024-05-01"}
    a, b = analyze(rec, model=m), analyze(rec, model=loaded)
    assert a["label"] == b["label"] and abs(a["score"] - b["score"]) < 0.01


def test_tiny_model_learns_its_own_examples(tiny):
    *_, m = tiny
    for (title, text), label in ((POS[1], "contact_verification"), (OV[0], "other_verification"),
                                 (UNREL[1], "unrelated")):
        assert analyze({"id": "x", "title": title, "text": text}, model=m)["label"] == label


def test_shipped_model_loads_offline_and_names_its_corpus():
    m = M.load()
    assert re.fullmatch(r"[0-9a-f]{64}", m.meta["corpus_sha256"])
    assert m.meta["format_version"] == M.FORMAT_VERSION
    assert 0.0 <= m.meta["cv"]["cv_f1"] <= 1.0 and "story-grouped" in m.meta["cv"]["scheme"]
    assert m.meta["corpus_records"] > 100
    assert M.MODEL_PATH.stat().st_size < 5 * 1024 * 1024
    raw = M.MODEL_PATH.read_bytes()
    assert b"verify the emergency" not in raw.lower()  # weights, no texts


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(M.ModelMissing, match="make train"):
        M.load(tmp_path / "none.npz")


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_corrupt_model_is_a_clear_error(tmp_path, content):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(content)
    with pytest.raises(M.ModelCorrupt, match="make train"):
        M.load(bad)


def test_model_of_other_features_is_refused(tiny, tmp_path):
    *_, m = tiny
    other = M.Model(m.w_text, m.w_dense[:, :-1], m.bias, dict(m.meta))
    path = tmp_path / "other.npz"
    M.save(other, path)
    with pytest.raises(M.ModelCorrupt, match="wrong shape"):
        M.load(path)


def test_grouped_folds_never_split_a_story(tmp_path):
    records = T.load_corpus(_corpus(tmp_path, copies=3))
    groups = T.groups_of(records)
    assert len(set(groups)) < len(records)  # the test means something: stories have several records
    folds = T.grouped_folds(records, 3)
    seen = []
    for tr, te in folds:
        assert not {groups[i] for i in tr} & {groups[i] for i in te}
        seen.extend(te.tolist())
    assert sorted(seen) == list(range(len(records)))


def test_null_story_is_its_own_group():
    recs = [{"id": "a", "story": None}, {"id": "b", "story": None}, {"id": "c", "story": "s"}, {"id": "d", "story": "s"}]
    g = T.groups_of(recs)
    assert g[0] != g[1] and g[2] == g[3]


def test_bad_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(T.CorpusError, match="not found"):
        T.load_corpus(tmp_path / "missing.jsonl")
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": "a", "label": "maybe"}\n', encoding="utf-8")
    with pytest.raises(T.CorpusError, match="label"):
        T.load_corpus(p)


def test_reasons_name_the_sentences_that_decided():
    out = analyze({"id": "r", "title": "Marketplace requires sellers to verify the emergency contact",
                   "text": "Hello sellers. Starting 24 January 2025, every seller must verify the phone number of "
                           "the emergency contact with a one-time password. Unverified accounts may be paused.",
                   "published": "2025-01-30"})
    assert out["label"] == "contact_verification"
    assert out["reasons"][0].startswith("label contact_verification")
    assert any(re.search(r"sentence \d|the title", r) for r in out["reasons"][1:])
    assert all(isinstance(r, str) and r for r in out["reasons"])


def test_stream_batches_keep_order(tiny):
    import io

    *_, m = tiny
    lines = [json.dumps({"id": f"i{k}", "title": t, "text": x}) for k, (t, x) in enumerate((POS + OV + UNREL) * 30)]
    out = io.StringIO()
    assert analyze_stream(io.StringIO("\n".join(lines) + "\nnot json\n"), out, model=m) == len(lines) + 1
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert ids == [f"i{k}" for k in range(len(lines))] + [None]


@pytest.mark.parametrize("gold,predicted,ok", [
    ("2024-03-28", "2024-03-28", True),
    ("2024-03-28 (as early as)", "2024-03-28", True),
    ("2024-03-28", "2023-03-28", False),
    ("January 24th (year not stated)", "2025-01-24", True),
    ("30th of June (year not stated)", "2024-06-30", True),
    ("Tuesday 31 October (year not stated)", "2017-10-31", True),
    ("2月5日 (February 5; year not stated)", "2025-02-05", True),
    ("January 24 (year not stated)", "2025-01-25", False),
    ("January 24 (year not stated)", None, False),
])
def test_corpus_dates_compare_as_stated(gold, predicted, ok):
    g = ev.gold_date(gold)
    assert g is not None and ev.date_matches(g, predicted) is ok


@pytest.mark.parametrize("phrase", ["early 2020", "today (date not stated)", "summer 2017", None])
def test_corpus_phrases_without_a_day_are_not_checked(phrase):
    assert ev.gold_date(phrase) is None


def test_story_pairs():
    r = ev.story_pairs(["a", "a", None, None, "b"], ["x", "x", "y", "y", "z"])
    assert r["precision"] == 0.5 and r["recall"] == 1.0


def test_evaluate_cross_validates_a_corpus(tmp_path, capsys):
    corpus = _corpus(tmp_path)
    rc = ev.main(["--corpus", str(corpus), "--cv", "story", "--folds", "3", "--json"])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)["corpus"]
    assert data["n"] == 20 and data["folds"] == 3
    assert set(data["overall"]) >= {"precision", "recall", "f1", "accuracy"}
    assert "en" in data["per_language"]
    for e in data["errors"]:
        assert set(e) >= {"id", "gold", "predicted", "score"}


def test_evaluate_splits_the_stories_in_halves_and_can_hide_one(tmp_path, capsys):
    from monitor.analysis.story_eval import half_of

    corpus = _corpus(tmp_path)
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    ev.main(["--corpus", str(corpus), "--cv", "story", "--folds", "3", "--json"])
    data = json.loads(capsys.readouterr().out)["corpus"]
    halves = {h: [r for r in records if half_of(r) == h] for h in "AB"}
    assert all(halves.values())  # both halves hold records
    assert {h: data["halves"][h]["n"] for h in "AB"} == {h: len(rs) for h, rs in halves.items()}
    # every report of one story falls in the same half
    for r in records:
        assert all(half_of(o) == half_of(r) for o in records if r.get("story") and o.get("story") == r["story"])
    errors_b = [e for e in data["errors"] if e["half"] == "B"]
    ev.main(["--corpus", str(corpus), "--cv", "story", "--folds", "3", "--hide-half", "B"])
    out = capsys.readouterr().out
    assert "half A of the stories" in out and "half B of the stories" in out
    assert f"the {len(errors_b)} of half B are not listed" in out
    for e in errors_b:
        assert f"  {e['id']}  " not in out
    for e in data["errors"]:
        if e["half"] == "A":
            assert f"  {e['id']}  " in out


def test_evaluate_reports_a_missing_corpus(tmp_path, capsys):
    assert ev.main(["--corpus", str(tmp_path / "none.jsonl")]) == 2
    assert "not found" in capsys.readouterr().err


def test_big_stories_are_down_weighted():
    w = T.story_weights(["s", "s", "s", "s", "a", "b"], 0.5)
    assert w[0] == pytest.approx(w[4] / 2) and w.sum() == pytest.approx(6)


def test_train_cli_reports_a_missing_corpus(tmp_path, capsys):
    assert T.main(["--corpus", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "m.npz")]) == 2
    assert "not found" in capsys.readouterr().err
    assert not (tmp_path / "m.npz").exists()


@pytest.mark.parametrize("hashing", [M.DEFAULT_HASHING,
                                     dict(M.DEFAULT_HASHING, n_features=1 << 8, char_ngrams=[1, 3], word_ngrams=[1, 3]),
                                     dict(M.DEFAULT_HASHING, char_ngrams=[3, 5], word_ngrams=[2, 2])])
def test_text_matrix_is_the_hashing_vectorizers_matrix(hashing):
    from scipy import sparse

    texts = [t + "\n" + b for t, b in POS + OV + UNREL] + [
        "", " ", "a", "ab  c\t\td", "x" * 6000, "请在3月1日前验证紧急联系人的电话号码", "緊急連絡先の\u3000電話番号",
        "Ünïcödé straße İstanbul 😀 \x1c\x1dsep", "2024-06-03 12:00 +49 30 1234567"]
    char, word = M._vectorizers(hashing["n_features"], *hashing["char_ngrams"], *hashing["word_ngrams"])
    norm = [M.normalise(t, hashing["max_chars"]) for t in texts]
    want = sparse.hstack([char.transform(norm), word.transform(norm)], format="csr")
    got = M.text_matrix(texts, hashing)
    assert type(got) is type(want) and got.shape == want.shape
    for a in ("indptr", "indices", "data"):
        assert getattr(got, a).dtype == getattr(want, a).dtype
        assert getattr(got, a).tobytes() == getattr(want, a).tobytes(), a
