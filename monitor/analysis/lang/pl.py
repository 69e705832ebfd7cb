"""Polish (pl): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "pl"
NAME = "Polish"
SCRIPT = "latin"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
    "styczeń": 1, "stycznia": 1,
    "luty": 2, "lutego": 2,
    "marzec": 3, "marca": 3,
    "kwiecień": 4, "kwietnia": 4,
    "maj": 5, "maja": 5,
    "czerwiec": 6, "czerwca": 6,
    "lipiec": 7, "lipca": 7,
    "sierpień": 8, "sierpnia": 8,
    "wrzesień": 9, "września": 9,
    "październik": 10, "października": 10,
    "listopad": 11, "listopada": 11,
    "grudzień": 12, "grudnia": 12,
}
MONTH_SUFFIX = ""

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "poniedziałek": 0,
    "wtorek": 1,
    "środa": 2, "środę": 2,
    "czwartek": 3,
    "piątek": 4,
    "sobota": 5, "sobotę": 5,
    "niedziela": 6, "niedzielę": 6,
}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({"będzie", "czy", "dla", "jak", "jest", "na", "nie", "od", "oraz", "po",
    "przez", "się", "są", "że"})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [r"od(?: dnia)?"],
        "after": [],
    },
    "deadline": {
        "before": [r"termin (?:upływa|mija)(?: z dniem)?", r"do(?: dnia)?"],
        "after": [],
    },
    "announced": {
        "before": [r"ogłosił\w*"],
        "after": [],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"ogłos\w*"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "PL": [r"polska", r"polsce"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = []
MARKETPLACE_TEMPLATES: list[str] = [r"amazon\s+{c}\b"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:wyślij|udostępnij|przekaż) (?:nam )?(?:swoje )?(?:hasło|kod|dane logowania)",
    r"kliknij (?:w )?poniższy link",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    r"ustawienia (?:konta|bezpieczeństwa)",
    r"logowanie i bezpieczeństwo",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"kontakt\w* awaryjn\w*", r"kontaktu awaryjnego",
    ],
    "two_step": [
        r"weryfikacj\w* dwuetapow\w*", r"uwierzytelniani\w* dwuskładnikow\w*", r"logowani\w* dwuetapow\w*",
    ],
    "phone": [
        r"numer\w* telefon\w*", r"telefon\w*", r"komórk\w*",
    ],
    "email": [
        r"adres\w* e-?mail", r"e-?mail(?:a|em|u|e|i|om|ami|ach)?", r"poczt\w* elektroniczn\w*",
    ],
    "contact_details": [
        r"dan\w* kontaktow\w*",
    ],
    "notif_prefs": [
        r"ustawieni\w* powiadomień",
    ],
    "verify": [
        r"weryfik\w*", r"zweryfik\w*", r"potwierdz\w*", r"potwierdź\w*",
    ],
    "otp": [
        r"kod\w* (?:weryfikacyjn\w*|sms\w*|jednorazow\w*|z sms\w*|z aplikacji)", r"(?:kodem|kod) wysłan\w*",
    ],
    "sms": [
        r"sms\w*",
    ],
    "require": [
        r"obowiązk\w*", r"musi", r"muszą", r"wymaga\w*", r"wymóg", r"należy", r"będzie wymaga\w*",
    ],
    "event": [
        r"od(?= (?:dnia )?\d)", r"wprowadz\w*", r"now\w* (?:wymog|wymóg|zasad|obowiąz)\w*", r"ogłosił\w*",
        r"zacznie", r"rozpoczn\w*", r"od teraz",
    ],
    "seller": [
        r"sprzedawc\w*", r"sprzedając\w*", r"kont\w* firmow\w*",
    ],
    "consequence": [
        r"zablokow\w*", r"zawiesz\w*", r"wstrzyma\w*",
    ],
    "buyer": [
        r"kupując\w*", r"klient\w*",
    ],
    "ov_identity": [
        r"tożsamoś\w*", r"dowod\w* osobist\w*", r"paszport\w*",
    ],
    "ov_address": [
        r"adres\w* (?:firmy|siedziby|zamieszkania|działalności)", r"pocztówk\w*",
    ],
    "ov_bank": [
        r"kont\w* bankow\w*", r"rachun\w* bankow\w*", r"przelew\w* weryfikacyjn\w*",
    ],
    "ov_tax": [
        r"nip", r"podatk\w*", r"podatkow\w*", r"dac7",
    ],
    "ov_kyc": [
        r"krs", r"dokument\w* firmow\w*", r"kyc",
    ],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"oszust\w*",
    ],
    "trap_phishing": [
        r"phishing\w*", r"wyłudz\w*",
    ],
    "trap_optional": [
        r"opcjonaln\w*", r"dobrowoln\w*",
    ],
    "trap_nonseller": [
        r"program\w* partnersk\w*",
    ],
    "trap_other_topic": [
        r"prowizj\w*", r"opłat\w*", r"zwrot\w*", r"dostaw\w*",
    ],
    "help_page": [
        r"jak (?:zmienić|dodać|zaktualizować)", r"poradnik", r"krok po kroku",
    ],
}
