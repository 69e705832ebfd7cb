"""The team's development sets stay usable for `make eval`'s second table.  Quality thresholds
on them no longer belong in tests: the figure that matters is the story-grouped cross-validation
on the real corpus (`make eval`)."""

def test_devset_is_big_and_varied(devset, holdout):
    assert len(devset) >= 150 and len(holdout) >= 50
    langs = {it["language"] for it in devset}
    assert {"en", "zh", "ja", "de", "es", "fr"} <= langs
    labels = {it["label"] for it in devset}
    assert labels == {"contact_verification", "other_verification", "unrelated"}
