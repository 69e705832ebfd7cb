"""Guides as data: every marketplace of the catalogue has a complete guide in its languages."""
from __future__ import annotations

import re

import pytest

from monitor import marketplaces
from server import guides
from server.errors import NotFound, ValidationFailed

CODES = marketplaces.codes()
GUIDE_ID = "emergency-contact-verification"
CASES = {"landline", "cancelled_number", "non_local_number", "no_code"}


def _guide(code, lang=None):
    answer = guides.get_guides(code, lang)
    (guide,) = [g for g in answer["guides"] if g["id"] == GUIDE_ID]
    return answer, guide


@pytest.mark.parametrize("code", CODES)
def test_every_marketplace_has_a_complete_guide(code):
    market = marketplaces.get(code)
    answer, guide = _guide(code)
    assert answer["marketplace"] == code
    assert answer["host"] == market.host
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", answer["version"])
    assert guide["start_url"] == f"https://{market.host}/notifications/preferences"
    assert len(guide["steps"]) >= 5
    for step in guide["steps"]:
        assert step["title"] and step["body"]
        assert "{" not in step["title"] + step["body"], step  # every placeholder filled
        assert step["page"]["path_prefixes"]
        if step["target"] is not None:
            assert step["target"]["selectors"] or step["target"]["texts"]
    assert {t["case"] for t in guide["troubleshooting"]} == CASES
    assert all(t["text"] and "{" not in t["text"] for t in guide["troubleshooting"])
    assert guide["detect"]["verified"] and guide["detect"]["unverified"]


@pytest.mark.parametrize(
    "code,lang", [(m.code, lang) for m in marketplaces.all_marketplaces() for lang in m.languages]
)
def test_each_marketplace_language_is_written(code, lang):
    """The page language of every marketplace has its own texts and detection phrases."""
    answer, guide = _guide(code, lang)
    assert answer["language"] == lang
    english = _guide(code, "en")[1]
    own = guides._texts(lang)["guides"][GUIDE_ID]
    for phrase in own["detect"]["verified"] + own["detect"]["unverified"]:
        assert phrase in guide["detect"]["verified"] + guide["detect"]["unverified"]
    # English detection phrases are always there too: Seller Central is often used in English.
    assert set(english["detect"]["verified"]) <= set(guide["detect"]["verified"])
    if lang != "en":
        assert guide["title"] != english["title"]


@pytest.mark.parametrize("lang", guides.languages())
def test_language_files_are_complete(lang):
    texts = guides._texts(lang)
    base = guides._texts("en")
    assert set(texts["ui"]) == set(base["ui"])
    own, eng = texts["guides"][GUIDE_ID], base["guides"][GUIDE_ID]
    assert set(own["steps"]) == set(eng["steps"])
    assert set(own["troubleshooting"]) == CASES


@pytest.mark.parametrize("lang", guides.languages())
def test_no_verified_phrase_hides_inside_an_unverified_one_unstripped(lang):
    """Detection strips unverified phrases before looking for verified ones (see content/detect.js):
    "Unverified" contains "verified", so every verified phrase must still be tellable apart."""
    det = guides._texts(lang)["guides"][GUIDE_ID]["detect"]
    for phrase in det["verified"]:
        assert phrase.lower() not in [u.lower() for u in det["unverified"]]


@pytest.mark.parametrize(
    "requested,expected",
    [("de-DE", "de"), ("DE", "de"), ("zh-CN", "zh_CN"), ("zh_CN", "zh_CN"), ("zh", "zh_CN"), ("ko", "de"), (None, "de")],
)
def test_language_choice(requested, expected):
    assert guides.get_guides("DE", requested)["language"] == expected


def test_uk_is_found_by_gb_and_lowercase():
    assert guides.get_guides("gb")["marketplace"] == "UK"
    assert guides.get_guides("jp")["host"] == "sellercentral-japan.amazon.com"


def test_non_local_advice_names_the_calling_code():
    _, guide = _guide("DE", "en")
    text = {t["case"]: t["text"] for t in guide["troubleshooting"]}["non_local_number"]
    assert "+49" in text and "Germany" in text


def test_unknown_marketplace_is_not_found():
    with pytest.raises(NotFound):
        guides.get_guides("XX")


@pytest.mark.parametrize("bad", ["<script>", "e n", "1234"])
def test_malformed_language_is_rejected(bad):
    with pytest.raises(ValidationFailed):
        guides.get_guides("US", bad)


def test_missing_marketplace_is_rejected():
    with pytest.raises(ValidationFailed):
        guides.get_guides("", "en")


# ---- GET /api/v1/guides ----

def test_api_answers_the_guide_in_the_page_language(client, headers):
    r = client.get("/api/v1/guides?marketplace=jp&lang=ja-JP", headers=headers)
    assert r.status_code == 200, r.json
    assert r.json["marketplace"] == "JP" and r.json["language"] == "ja"
    assert r.json["guides"][0]["start_url"] == "https://sellercentral-japan.amazon.com/notifications/preferences"
    assert "確認済み" in r.json["guides"][0]["detect"]["verified"]


def test_api_needs_a_token(client):
    r = client.get("/api/v1/guides?marketplace=US")
    assert r.status_code == 401
    assert r.headers["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "query,status,slug",
    [("marketplace=XX", 404, "not-found"), ("", 422, "validation-failed"),
     ("marketplace=DEU", 422, "validation-failed"), ("marketplace=DE&lang=%3Cb%3E", 422, "validation-failed")],
)
def test_api_errors_are_problems(client, headers, query, status, slug):
    r = client.get(f"/api/v1/guides?{query}", headers=headers)
    assert r.status_code == status
    assert r.json["type"] == f"urn:sellerguard:problem:{slug}"
    assert "Traceback" not in r.get_data(as_text=True)
