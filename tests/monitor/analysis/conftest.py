import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def load(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fp:
        return [json.loads(line) for line in fp if line.strip()]


@pytest.fixture(scope="session")
def devset() -> list[dict]:
    return load("devset.jsonl")


@pytest.fixture(scope="session")
def holdout() -> list[dict]:
    return load("devset_holdout.jsonl")
