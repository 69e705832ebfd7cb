"""Quality floors on the development sets (measured figures minus a margin; see the report in
monitor/analysis/README or `python -m monitor.analysis.evaluate`).  No timings are asserted."""

import pytest

from monitor.analysis.evaluate import evaluate

# measured 2025 devset: cv F1 1.00, story F1 0.98; holdout (first blind run) cv F1 0.93
FLOORS = {
    "devset": {"cv_f1": 0.92, "label_accuracy": 0.90, "story_f1": 0.85, "date_accuracy": 0.85,
               "contact_types_jaccard": 0.85},
    "holdout": {"cv_f1": 0.88, "label_accuracy": 0.85, "story_f1": 0.80, "date_accuracy": 0.80,
                "contact_types_jaccard": 0.80},
}


@pytest.mark.parametrize("name", ["devset", "holdout"])
def test_quality_floor(name, devset, holdout):
    rep = evaluate(devset if name == "devset" else holdout)
    for metric, floor in FLOORS[name].items():
        assert getattr(rep, metric) >= floor, (metric, getattr(rep, metric), rep.errors[:10])


def test_devset_is_big_and_varied(devset, holdout):
    assert len(devset) >= 150 and len(holdout) >= 50
    langs = {it["language"] for it in devset}
    assert {"en", "zh", "ja", "de", "es", "fr"} <= langs
    labels = {it["label"] for it in devset}
    assert labels == {"contact_verification", "other_verification", "unrelated"}
