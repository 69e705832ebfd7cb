"""One module per language (monitor/analysis/lang/): each is complete, and the facade assembles them."""

from __future__ import annotations

import re

import pytest

from monitor.analysis import dates, lexicon, text
from monitor.analysis.lang import MODULES, ORDER, REQUIRED

CORE_CONCEPTS = ("phone", "email", "verify", "require", "two_step", "seller")
LANGS = list(ORDER)


@pytest.mark.parametrize("code", LANGS)
def test_module_defines_every_name(code):
    mod = MODULES[code]
    missing = [name for name in REQUIRED if not hasattr(mod, name)]
    assert not missing
    assert mod.CODE == code
    assert mod.SCRIPT in ("latin", "cjk", "hangul", "arabic")


@pytest.mark.parametrize("code", LANGS)
def test_twelve_months_and_seven_weekdays(code):
    mod = MODULES[code]
    if mod.MONTH_SUFFIX:  # numeric months: 1月, 1월
        assert not mod.MONTHS
    else:
        assert set(mod.MONTHS.values()) == set(range(1, 13))
    days = set(mod.WEEKDAYS.values()) | set(getattr(mod, "WEEKDAY_CHARS", {}).values())
    assert days == set(range(7))


@pytest.mark.parametrize("code", LANGS)
def test_date_cues_and_announcement_words(code):
    mod = MODULES[code]
    for role in ("effective", "deadline"):
        cues = mod.DATE_CUES[role]
        assert cues["before"] or cues["after"], f"{code}: no {role} cue"
    assert set(mod.DATE_CUES) == {"effective", "deadline", "announced"}
    assert mod.ANNOUNCE_WORDS or mod.DATE_CUES["announced"]["before"] or mod.DATE_CUES["announced"]["after"]
    assert mod.PHISHING_REQUEST and mod.SETTINGS_PAGES


@pytest.mark.parametrize("code", LANGS)
def test_core_concepts(code):
    mod = MODULES[code]
    missing = [c for c in CORE_CONCEPTS if not mod.CONCEPTS.get(c)]
    assert not missing
    unknown = set(mod.CONCEPTS) - set(lexicon.CONCEPTS)
    assert not unknown


@pytest.mark.parametrize("code", LANGS)
def test_every_fragment_compiles(code):
    mod = MODULES[code]
    frags = [f for fs in mod.CONCEPTS.values() for f in fs]
    frags += [f for role in mod.DATE_CUES.values() for side in role.values() for f in side]
    frags += list(mod.ANNOUNCE_WORDS) + list(mod.PHISHING_REQUEST)
    frags += [n for ns in mod.COUNTRIES.values() for n in ns]
    for f in frags:
        re.compile(f, re.I)
    for t in mod.MARKETPLACE_TEMPLATES:
        assert "{c}" in t


@pytest.mark.parametrize("code", [c for c in LANGS if MODULES[c].SCRIPT == "latin"])
def test_latin_languages_have_stop_words(code):
    mod = MODULES[code]
    assert len(mod.STOP_WORDS) >= 10
    assert code in text.SUPPORTED


def test_facade_assembles_every_language():
    for code, mod in MODULES.items():
        for concept, frags in mod.CONCEPTS.items():
            assert lexicon.CONCEPTS[concept][code] == list(frags)
    for name, num in dates.MONTHS.items():
        assert name == name.lower() and 1 <= num <= 12
    # the cue tables keep their shape: "before" ends at the date, "after" starts after it
    for role, cue in lexicon.DATE_CUES.items():
        assert cue["before"].endswith(r"\W{0,3}$")
        assert cue["after"].startswith("^")
    assert "EU" in lexicon.MARKETPLACE_CODES and "JP" in lexicon.MARKETPLACE_CODES


# Short sentences, one per language: a word of the language's module is found by the concept regex.
SAMPLES = [
    ("en", "phone", "Please confirm your phone number."),
    ("de", "phone", "Bitte bestätigen Sie Ihre Telefonnummer."),
    ("es", "verify", "Debes verificar tu número."),
    ("fr", "email", "Confirmez votre adresse e-mail."),
    ("it", "phone", "Conferma il numero di telefono."),
    ("pt", "phone", "Confirme o seu número de telefone."),
    ("pl", "verify", "Musisz zweryfikować numer."),
    ("tr", "phone", "Telefon numaranızı doğrulayın."),
    ("nl", "two_step", "Zet tweestapsverificatie aan."),
    ("zh", "phone", "请验证手机号码"),
    ("ja", "two_step", "2段階認証を設定してください"),
    ("ko", "two_step", "2단계 인증을 설정하세요"),
    ("ar", "phone", "يرجى تأكيد رقم الهاتف"),
]


@pytest.mark.parametrize("code,concept,sentence", SAMPLES, ids=[s[0] for s in SAMPLES])
def test_language_words_are_matched(code, concept, sentence):
    own = re.compile("|".join(MODULES[code].CONCEPTS[concept]), re.I)
    assert own.search(sentence)
    assert lexicon.concept_regex(concept).search(sentence)  # and the assembled regex finds the concept


@pytest.mark.parametrize("sentence,hint,expected", [
    ("Die Händler müssen ab dem 1. März ihre Telefonnummer bestätigen, sonst wird das Konto gesperrt.", None, "de"),
    ("Les vendeurs doivent confirmer leur numéro de téléphone avant le 1er mars pour leur compte.", None, "fr"),
    ("Verkopers moeten vanaf 1 maart hun telefoonnummer bevestigen, anders wordt het account geblokkeerd.", None,
     "nl"),
    ("Säljare måste bekräfta sitt telefonnummer före den 1 mars.", "sv", "sv"),  # no word list: the hint stands
    ("Продавцы должны подтвердить номер телефона.", "bg", "bg"),
    ("出品者は2段階認証を設定する必要があります。", None, "ja"),
])
def test_language_guess(sentence, hint, expected):
    assert text.detect_language(sentence, hint) == expected
