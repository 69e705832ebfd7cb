"""Italian (it): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "it"
NAME = "Italian"
SCRIPT = "latin"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
    "gennaio": 1,
    "febbraio": 2,
    "marzo": 3,
    "aprile": 4,
    "maggio": 5,
    "giugno": 6,
    "luglio": 7,
    "agosto": 8,
    "settembre": 9,
    "ottobre": 10,
    "novembre": 11,
    "dicembre": 12,
}
MONTH_SUFFIX = ""

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "lunedì": 0, "lunedi": 0,
    "martedì": 1, "martedi": 1,
    "mercoledì": 2, "mercoledi": 2,
    "giovedì": 3, "giovedi": 3,
    "venerdì": 4, "venerdi": 4,
    "sabato": 5,
    "domenica": 6,
}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({"alla", "anche", "che", "chi", "con", "dal", "dei", "della", "delle", "di",
    "gli", "il", "nel", "non", "per", "sono", "venditori", "è"})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [r"dal", r"dall'", r"a partire dal", r"a decorrere dal"],
        "after": [],
    },
    "deadline": {
        "before": [r"entro(?: il)?"],
        "after": [],
    },
    "announced": {
        "before": [r"(?:annunciato|comunicato) il"],
        "after": [],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"annunci\w*"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "IT": [r"italia"],
    "EU": [r"europa", r"ue"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = []
MARKETPLACE_TEMPLATES: list[str] = [r"amazon\s+{c}\b"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:inviaci|comunicaci|invia|condividi) (?:la tua |il tuo |il )?(?:password|codice|credenziali)",
    r"clicca sul link (?:qui )?sotto",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    r"impostazioni (?:dell'account|account|di sicurezza)",
    r"accesso e sicurezza",
    r"informazioni (?:sull'|dell')account",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"contatt[oi] di emergenza", r"numero di emergenza",
    ],
    "two_step": [
        r"verifica in due (?:passaggi|fasi|step)", r"autenticazione a due fattori", r"doppia autenticazione",
    ],
    "phone": [
        r"numer[oi] di (?:telefono|cellulare)", r"telefono", r"cellulare",
    ],
    "email": [
        r"indirizz\w* e-?mail", r"e-?mail", r"posta elettronica",
    ],
    "contact_details": [
        r"dati di contatto", r"recapiti", r"informazioni di contatto",
    ],
    "notif_prefs": [
        r"preferenze di notifica", r"impostazioni (?:di|delle) notifiche?",
    ],
    "verify": [
        r"verific\w*", r"conferm\w*", r"convalid\w*",
    ],
    "otp": [
        r"codic[ei] (?:di verifica|monouso|otp|via sms|sms|ricevut\w*)", r"password monouso", r"(?:un|il) codice",
    ],
    "sms": [
        r"sms",
    ],
    "link": [
        r"link (?:di (?:verifica|conferma)|ricevuto|inviato)",
    ],
    "require": [
        r"obbligatori\w*", r"deve", r"devono", r"dovranno", r"dovrà", r"richied\w*", r"chied\w*", r"è necessario",
    ],
    "event": [
        r"a partire dal", r"dal(?= \d)", r"da oggi", r"nuov[aoie] (?:regol|obblig|requisit|verific)\w*",
        r"annunciat\w*", r"stanno ricevendo", r"entra in vigore", r"introduc(?:e|ono|endo)\b", r"introdott\w*",
    ],
    "seller": [
        r"venditor\w*", r"commercianti", r"negozi",
    ],
    "consequence": [
        r"sospes\w*", r"bloccat\w*", r"disattivat\w*", r"non riceve\w*", r"smetteranno",
    ],
    "buyer": [
        r"acquirent\w*", r"clienti",
    ],
    "ov_identity": [
        r"identità", r"documento d'identità", r"carta d'identità", r"passaporto", r"selfie", r"data di nascita",
    ],
    "ov_address": [
        r"indirizzo (?:aziendale|della sede|postale)", r"cartolin\w*",
    ],
    "ov_bank": [
        r"conto bancario", r"coordinate bancarie", r"iban",
    ],
    "ov_tax": [
        r"codice fiscale", r"partita iva", r"dati fiscali", r"fiscal\w*", r"dac7",
    ],
    "ov_kyc": [
        r"visura camerale", r"documenti aziendali", r"kyc",
    ],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"frod\w*", r"fraudolent\w*",
    ],
    "trap_phishing": [
        r"truff\w*", r"phishing", r"e-?mail fals\w*",
    ],
    "trap_optional": [
        r"facoltativ\w*", r"opzional\w*", r"possono (?:ora )?attivare",
    ],
    "trap_nonseller": [
        r"affiliazione",
    ],
    "trap_other_topic": [
        r"commission\w*", r"tariff\w*", r"resi", r"spedizion\w*", r"scorte", r"black friday", r"offerte lampo",
    ],
    "help_page": [
        r"come (?:fare|modificare|cambiare|aggiornare)", r"guida", r"passo dopo passo",
    ],
}
