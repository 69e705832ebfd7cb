"""Turkish (tr): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "tr"
NAME = "Turkish"
SCRIPT = "latin"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
    "ocak": 1,
    "şubat": 2, "subat": 2,
    "mart": 3,
    "nisan": 4,
    "mayıs": 5, "mayis": 5,
    "haziran": 6,
    "temmuz": 7,
    "ağustos": 8, "agustos": 8,
    "eylül": 9, "eylul": 9,
    "ekim": 10,
    "kasım": 11, "kasim": 11,
    "aralık": 12, "aralik": 12,
}
MONTH_SUFFIX = ""

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "pazartesi": 0,
    "salı": 1,
    "çarşamba": 2,
    "perşembe": 3,
    "cuma": 4,
    "cumartesi": 5,
    "pazar": 6,
}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({"bir", "bu", "da", "daha", "de", "gibi", "ile", "için", "olan", "olarak",
    "tüm", "ve", "veya"})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [],
        "after": [r"'?\w{0,4} itibaren", r"itibar[ıi]yla"],
    },
    "deadline": {
        "before": [],
        "after": [r"'?\w{0,3} kadar"],
    },
    "announced": {
        "before": [],
        "after": [r"duyurdu"],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"duyur\w*"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "TR": [r"türkiye", r"turkiye"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = []
MARKETPLACE_TEMPLATES: list[str] = [r"amazon\s+{c}\b"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:şifrenizi|parolanızı|doğrulama kodunu|kodu) (?:bize )?(?:gönderin|paylaşın|iletin)",
    r"aşağıdaki bağlantıya tıklayın",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    r"hesap ayarları",
    r"güvenlik ayarları",
    r"giriş ve güvenlik",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"acil (?:durum )?(?:iletişim|irtibat)\w*", r"acil durum kişisi\w*",
    ],
    "two_step": [
        r"iki (?:adımlı|aşamalı|faktörlü) (?:kimlik )?doğrulama\w*",
    ],
    "phone": [
        r"cep telefon\w*", r"telefon numara\w*", r"telefon\w*", r"gsm",
    ],
    "email": [
        r"e-?posta\w*", r"e-?mail(?:ler\w*|ini\w*|in)?",
    ],
    "contact_details": [
        r"iletişim bilgi\w*",
    ],
    "notif_prefs": [
        r"bildirim (?:tercihleri|ayarları)",
    ],
    "verify": [
        r"doğrula\w*", r"onayla\w*", r"teyit\w*",
    ],
    "otp": [
        r"(?:tek kullanımlık|doğrulama|onay|sms) (?:kodu?|şifre\w*)\w*", r"tek kullanımlık",
    ],
    "sms": [
        r"sms",
    ],
    "require": [
        r"zorunlu\w*", r"zorunda", r"gerekiyor", r"gerekli", r"istiyor", r"isteyecek", r"istedi", r"mecburi",
    ],
    "event": [
        r"itibaren", r"itibarıyla", r"başlıyor", r"başladı", r"yeni (?:kural|zorunluluk|düzenleme)\w*", r"duyurdu",
        r"oluyor",
    ],
    "seller": [
        r"satıcı\w*", r"mağaza\w*",
    ],
    "consequence": [
        r"askıya\w*", r"engellen\w*", r"kapatıl\w*", r"bekletil\w*", r"yükleyemeyecek",
    ],
    "buyer": [
        r"alıcı\w*", r"müşteri\w*",
    ],
    "ov_identity": [
        r"kimlik (?:kartı|belgesi)\w*", r"nüfus cüzdanı", r"pasaport\w*",
    ],
    "ov_address": [
        r"adres doğrulama", r"işletme adres\w*",
    ],
    "ov_bank": [
        r"banka hesab\w*", r"iban",
    ],
    "ov_tax": [
        r"vergi\w*",
    ],
    "ov_kyc": [
        r"imza sirküler\w*", r"ticaret sicil\w*",
    ],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"dolandırıc\w*",
    ],
    "trap_phishing": [
        r"oltalama", r"sahte (?:e-?posta|mesaj|sms)\w*",
    ],
    "trap_optional": [
        r"isteğe bağlı", r"opsiyonel",
    ],
    "trap_nonseller": [
        r"satış ortaklığı",
    ],
    "trap_other_topic": [
        r"komisyon\w*", r"ücret\w*", r"iade\w*", r"kargo\w*",
    ],
    "help_page": [
        r"nasıl", r"rehber\w*", r"adım adım",
    ],
}
