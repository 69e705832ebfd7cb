"""Dutch (nl): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Fewer words than the main languages: the core concepts, the date
cues and the commonest traps.
"""

from __future__ import annotations

CODE = "nl"
NAME = "Dutch"
SCRIPT = "latin"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
    "september": 9, "oktober": 10, "november": 11, "december": 12,
}
MONTH_SUFFIX = ""

# weekday name -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6,
}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({"de", "het", "een", "en", "van", "voor", "niet", "zijn", "met", "op", "je",
                                        "jouw", "uw", "verkopers", "worden", "wordt", "moeten", "vanaf", "ook", "dat"})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [r"vanaf", r"sinds", r"met ingang van", r"gaat in op"],
        "after": [],
    },
    "deadline": {
        "before": [r"uiterlijk(?: op)?", r"vóór|voor", r"tot(?: en met)?", r"deadline(?: is)?"],
        "after": [],
    },
    "announced": {
        "before": [r"(?:aangekondigd|gepubliceerd|bekendgemaakt) op"],
        "after": [],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"aangekondigd", r"aankondiging", r"bekendgemaakt", r"gepubliceerd"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "NL": [r"nederland", r"nederlandse"], "BE": [r"belgië", r"belgie", r"belgische"], "DE": [r"duitsland"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = []
MARKETPLACE_TEMPLATES: list[str] = [r"amazon\s+{c}\b"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:stuur|deel|geef) (?:ons )?(?:uw |je )(?:wachtwoord|inloggegevens|verificatiecode|code)",
    r"klik op de (?:onderstaande )?link hieronder",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    r"accountinstellingen",
    r"beveiligingsinstellingen",
    r"inloggen en beveiliging",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [r"noodcontact\w*", r"contactpersoon voor noodgevallen"],
    "two_step": [r"tweestapsverificatie", r"verificatie in twee stappen", r"tweefactorauthenticatie",
                 r"twee-?factor-?authenticatie", r"authenticatie in twee stappen"],
    "phone": [r"telefoonnummers?", r"mobiel(?:e)? nummers?", r"telefoon", r"gsm-?nummer"],
    "email": [r"e-?mailadres(?:sen)?", r"e-?mail"],
    "contact_details": [r"contactgegevens", r"contactinformatie"],
    "verify": [r"verifi\w*", r"bevestig\w*", r"controle\w*", r"valideer\w*"],
    "update": [r"bijwerk\w*", r"bij te werken", r"wijzig\w*"],
    "otp": [r"verificatiecode\w*", r"bevestigingscode\w*", r"eenmalige code", r"sms-?code\w*", r"(?:een|de) code"],
    "sms": [r"sms(?:je)?", r"tekstbericht\w*"],
    "require": [r"verplicht\w*", r"moet", r"moeten", r"vereist", r"noodzakelijk", r"gevraagd"],
    "event": [r"vanaf", r"binnenkort", r"nieuwe (?:regel|verplichting|eis)\w*", r"invoer\w*", r"aangekondigd"],
    "seller": [r"verkopers?", r"handelaren", r"winkeliers?", r"webwinkels?"],
    "consequence": [r"geblokkeerd", r"opgeschort", r"gedeactiveerd", r"beperkt", r"niet meer (?:verkopen|inloggen)"],
    "buyer": [r"kopers?", r"klanten"],
    "ov_identity": [r"identiteit\w*", r"identiteitsbewijs", r"paspoort"],
    "ov_bank": [r"bankrekening\w*", r"bankgegevens"],
    "ov_tax": [r"btw(?:-nummer)?", r"belasting\w*", r"dac7"],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"oplichter\w*", r"oplichting",
    ],
    "trap_phishing": [r"phishing", r"nepmail\w*", r"valse e-?mails?"],
    "trap_optional": [r"optioneel", r"vrijwillig\w*"],
    "help_page": [r"hoe (?:wijzig|voeg|stel)", r"stap voor stap", r"handleiding"],
}
