"""Traditional Chinese is read in Simplified characters (monitor.analysis.han), quoted as written."""

from __future__ import annotations

import pytest

from monitor.analysis import core, han, lexicon
from monitor.analysis.features import build
from monitor.analysis.lang import MODULES

# (Traditional, Simplified): a Taiwan or Hong Kong seller's words and the mainland ones
PAIRS = [
    ("兩步驗證", "两步验证"),
    ("簡訊驗證碼", "简讯验证码"),
    ("蝦皮賣家", "虾皮卖家"),
    ("帳號將被停權", "账号将被停权"),  # 帳 of an account is 账, not 帐
    ("電子郵件地址", "电子邮件地址"),
]


@pytest.mark.parametrize("trad, simp", PAIRS)
def test_one_character_for_one(trad, simp):
    folded = han.to_simplified(trad)
    assert folded == simp
    assert len(folded) == len(trad)


def test_simplified_and_latin_text_stay_as_they_are():
    text = "所有卖家必须完成两步验证 (2SV) by March 1"
    assert han.to_simplified(text) == text


def test_traditional_words_of_the_zh_module_are_also_listed_simplified():
    zh = MODULES["zh"]
    for concept, frags in zh.CONCEPTS.items():
        for frag in frags:
            assert han.to_simplified(frag) in frags, (concept, frag)
    assert han.to_simplified("週一") in zh.WEEKDAYS


def test_with_simplified_keeps_order_and_adds_each_form_once():
    assert han.with_simplified(["驗證", "验证", "賣家"]) == ["驗證", "验证", "賣家", "卖家"]


MANDATE_TW = {"id": "tw", "title": "蝦皮賣家注意：帳號安全新規",
              "text": "自2025年3月1日起，所有賣家必須完成手機簡訊驗證碼的兩步驟驗證，否則帳號將被停權。",
              "published": "2025-02-01", "language": "zh"}
MANDATE_CN = {"id": "cn", "title": "虾皮卖家注意：账号安全新规",
              "text": "自2025年3月1日起，所有卖家必须完成手机短信验证码的两步验证，否则账号将被封号。",
              "published": "2025-02-01", "language": "zh"}


def test_a_taiwan_mandate_reads_like_its_mainland_twin():
    tw, cn = core.analyze(MANDATE_TW), core.analyze(MANDATE_CN)
    assert cn["label"] == "contact_verification"
    assert tw["label"] == cn["label"]
    assert tw["facts"]["effective_date"] == cn["facts"]["effective_date"] == "2025-03-01"
    assert "two_step_verification" in tw["facts"]["contact_types"]
    assert tw["facts"]["method"] == "sms"


def test_reasons_quote_the_traditional_text_as_written():
    # the rules' reasons quote words and sentences; the model's list its (normalised) n-grams
    reasons = " ".join(core.prepare(MANDATE_TW).rules.reasons)
    assert "賣家" in reasons and "兩步驟驗證" in reasons
    assert "卖家" not in reasons and "两步" not in reasons
    assert "所有賣家必須" in " ".join(core.analyze(MANDATE_TW)["reasons"])


def test_two_step_in_taiwan_wording_is_no_guide_step():
    p = core.prepare(MANDATE_TW)
    assert p.doc.has("two_step")
    assert not p.doc.has("help_page")


def test_japanese_keeps_its_kanji():
    doc = build({"id": "ja", "title": "電話番号の確認", "text": "セラーは電話番号を確認してください。"}, None)
    assert doc.lang == "ja"
    assert "電話番号" in doc.full and not doc.shown


def test_platform_named_in_traditional_characters():
    doc = build({"id": "x", "title": "淘寶與蝦皮賣家", "text": "淘寶賣家必須驗證手機。"}, None)
    assert {"taobao", "shopee"} <= set(doc.platforms)
    assert lexicon.PLATFORMS["shopee"]
