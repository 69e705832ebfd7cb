"""The concept prefilter and the first-character dispatch regexes find exactly the hits of the plain
concept regexes (lexicon.concept_regex), whatever the script, case or digits of the text."""

import re

import pytest

from monitor.analysis import lexicon
from monitor.analysis.prefilter import TextKeys, concept_hits, dispatch_regex, fold, leading_strings, literal_scan

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
def test_dispatch_regex_matches_like_the_plain_one_on_plain_texts(text):
    keys = TextKeys(text)
    if keys.exact:  # the dispatch regexes are only used for texts without other digits / moved characters
        return
    for concept in lexicon.CONCEPTS:
        assert _hits(dispatch_regex(concept), text) == _hits(lexicon.concept_regex(concept), text), concept


def test_some_concepts_are_skipped_and_exact_mode_is_taken_when_needed():
    keys = TextKeys("Thank you for selling with us.")
    assert not all(keys.may_match(concept) for concept in lexicon.CONCEPTS)
    assert TextKeys("code \u0967\u0968\u0969").exact
    assert not TextKeys("code 123 验证").exact
    assert TextKeys("the \u212aYC check").exact  # KELVIN SIGN folds to k but is no Latin word character


def test_fold_keeps_the_length_and_folds_like_ignorecase():
    s = "ÄÖÜ İ ſ ΣΑΣ Straße"
    f = fold(s)
    assert len(f) == len(s)
    for a, b in zip(s, f):
        assert re.fullmatch(re.escape(b), a, re.IGNORECASE)


@pytest.mark.parametrize("text", TEXTS + [
    "Amazon.co.jp と amazon.de: sellers in the US store, 美国站 and the EU marketplaces (eBay, TikTok Shop, 亚马逊)",
    "AMAZON SELLER CENTRAL — ebay-kleinanzeigen, OTTO.de, Bol partner, noon seller, نون",
    "xamazon amazonamazon seller centralseller central",
])
def test_literal_scan_finds_what_finditer_finds(text):
    def sig(it):
        return [(m.span(), m.lastgroup) for m in it]

    for rx in (lexicon.platform_regex(), lexicon.marketplace_regex()):
        scan = literal_scan(rx)
        assert scan.starts is not None  # both regexes start with fixed strings
        assert sig(scan.finditer(text)) == sig(rx.finditer(text))
        for lo, hi in ((0, len(text) // 2), (len(text) // 3, len(text)), (5, 40)):
            assert sig(scan.finditer(text, lo, hi, folded=fold(text))) == sig(rx.finditer(text, lo, hi)), (lo, hi)


def test_leading_strings_of_an_alternation():
    assert leading_strings(r"(?=[ab])(?:(?P<x>abc|b\w+)|(?P<y>\bxyz))") == {"abc", "b", "xyz"}
    assert leading_strings(r"a|\w+") is None  # a match can start with anything


@pytest.mark.parametrize("text", TEXTS + ["verify verify-verification reverify, VERIFICATION: e-mail/email/mail 电话电话"])
def test_concept_hits_are_the_plain_hits(text):
    got = concept_hits(TextKeys(text), text)
    assert [c for c, _ in got] == list(lexicon.CONCEPTS)
    for concept, matches in got:
        assert _hits_of(matches) == _hits(lexicon.concept_regex(concept), text), concept


def _hits_of(matches):
    return [(m.start(), m.end(), lexicon.group_lang(m.lastgroup)) for m in matches if m.end() > m.start()]
