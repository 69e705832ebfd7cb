"""The concept prefilter and the first-character dispatch regexes find exactly the hits of the plain
concept regexes (lexicon.concept_regex), whatever the script, case or digits of the text."""

import re

import pytest

from monitor.analysis import lexicon
from monitor.analysis.prefilter import TextKeys, dispatch_regex, fold, scan_plan

TEXTS = [
    "Verify your emergency contact: enter the 6-digit code we sent by SMS before March 3.",
    "VERIFY YOUR E-MAIL ADDRESS AND PHONE NUMBER IN SELLER CENTRAL",
    "Bitte bestätigen Sie Ihre Notfallkontaktdaten bis zum 1. März in der Zwei-Schritt-Verifizierung.",
    "Vérifiez votre adresse e-mail et votre numéro de téléphone avant le 3 mars.",
    "请在3月1日前验证紧急联系人的电话号码和邮箱，否则账户将被限制。Seller Central 通知",
    "緊急連絡先の電話番号とメールアドレスを確認してください。２段階認証",
    "긴급 연락처 전화번호를 확인하세요. 판매자 센터",
    "İstanbul satıcıları: telefon numaranızı doğrulayın, aksi halde hesabınız askıya alınır.",
    "Enter the \u0966\u0967\u0968 digit code (non-ASCII digits) and the \u212aelvin sign",
    "ſeller central: verify your phone",
    "complete the \u212aYC check of your business",
    "",
    "x",
]


def _hits(rx, text):
    return [(m.start(), m.end(), lexicon.group_lang(m.lastgroup)) for m in rx.finditer(text) if m.end() > m.start()]


@pytest.mark.parametrize("text", TEXTS)
def test_plan_finds_the_plain_hits(text):
    plan = dict(scan_plan(TextKeys(text)))
    assert list(plan) == list(lexicon.CONCEPTS)
    for concept in lexicon.CONCEPTS:
        plain = _hits(lexicon.concept_regex(concept), text)
        rx = plan[concept]
        assert (_hits(rx, text) if rx is not None else []) == plain, concept


@pytest.mark.parametrize("text", TEXTS)
def test_dispatch_regex_matches_like_the_plain_one_on_plain_texts(text):
    keys = TextKeys(text)
    if keys.exact:  # the dispatch regexes are only used for texts without other digits / moved characters
        return
    for concept in lexicon.CONCEPTS:
        assert _hits(dispatch_regex(concept), text) == _hits(lexicon.concept_regex(concept), text), concept


def test_some_concepts_are_skipped_and_exact_mode_is_taken_when_needed():
    plan = dict(scan_plan(TextKeys("Thank you for selling with us.")))
    assert any(rx is None for rx in plan.values())
    assert TextKeys("code \u0967\u0968\u0969").exact
    assert not TextKeys("code 123 验证").exact
    assert TextKeys("the \u212aYC check").exact  # KELVIN SIGN folds to k but is no Latin word character


def test_fold_keeps_the_length_and_folds_like_ignorecase():
    s = "ÄÖÜ İ ſ ΣΑΣ Straße"
    f = fold(s)
    assert len(f) == len(s)
    for a, b in zip(s, f):
        assert re.fullmatch(re.escape(b), a, re.IGNORECASE)
