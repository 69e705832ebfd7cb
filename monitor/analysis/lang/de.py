"""German (de): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "de"
NAME = "German"
SCRIPT = "latin"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1,
    "februar": 2,
    "märz": 3, "maerz": 3, "mrz": 3, "mär": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10, "okt": 10,
    "november": 11,
    "dezember": 12, "dez": 12,
}
MONTH_SUFFIX = ""

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "montag": 0,
    "dienstag": 1,
    "mittwoch": 2,
    "donnerstag": 3,
    "freitag": 4,
    "samstag": 5,
    "sonntag": 6,
}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({"ab", "auf", "bei", "das", "dem", "den", "der", "die", "ein", "eine", "für",
    "ihre", "ist", "mit", "müssen", "nicht", "sie", "und", "von", "werden", "wird", "zu"})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [r"ab(?: dem)?", r"seit(?: dem)?", r"vom", r"beginnend", r"gilt",
            r"(?:startete|begann|gestartet) am"],
        "after": [],
    },
    "deadline": {
        "before": [r"stichtag(?: ist| den| am| zum)?(?: der| den)?",
            r"(?:als )?stichtag (?:gilt|nennt|ist)(?: der| den)?", r"(?:endet|läuft ab) am",
            r"(?:verlängert|verschoben)(?: bis| auf)(?: zum| den)?", r"bis(?: zum| spätestens)?",
            r"spätestens(?: bis)?(?: zum)?", r"frist(?: bis)?", r"frist (?:ist|endet)(?: der| am)?"],
        "after": [r"nachholen", r"(?:\w+\s+){0,2}(?:stichtag|frist)"],
    },
    "announced": {
        "before": [r"(?:mitteilung|ankündigung|beitrag|nachricht|post)(?:\s+[\w-]+){0,5}?\s+(?:vom|am)",
            r"angekündigt am", r"veröffentlicht am"],
        "after": [r"angekündigt", r"mitgeteilt"],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"foren\b",
    r"beitrag",
    r"angekündigt",
    r"mitteilung",
    r"ankündigung",
    r"veröffentlicht",
    r"mitgeteilt"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "DE": [r"deutschland", r"deutsche[nrm]?"],
    "US": [r"usa", r"us-amerikanische[nrm]?"],
    "UK": [r"großbritannien", r"britische[nrm]?"],
    "FR": [r"frankreich"],
    "ES": [r"spanien"],
    "IT": [r"italien"],
    "JP": [r"japan"],
    "EU": [r"eu", r"europa", r"europäische[nrm]?"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = ["marktplatz", "marktpl", "shop", "in der eu"]
MARKETPLACE_TEMPLATES: list[str] = [r"amazon\s+{c}\b",
    r"\b{c}\s+(?:marktplatz|shop)\b",
    r"\b(?:auf|im) (?:dem )?{c}n? marktplatz"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:senden|schicken|teilen|nennen|geben) sie uns (?:ihr(?:e|en)? )?(?:passwort|kennwort|zugangsdaten|pin|code|bestätigungscode|sicherheitscode|kreditkartendaten)",
    r"(?:klicken|tippen) sie (?:auf )?(?:den )?(?:folgenden|untenstehenden) link",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    r"konto-?einstellungen", r"mein ebay",
    # the moment a check prompts
    r"beim (?:einloggen|anmelden|login)",
    r"beim (?:einstellen|aufgeben|schalten|erstellen)(?: (?:einer|eines|neuer|von))? (?:anzeigen?|artikel[ns]?|angebot\w*|inserat\w*)",
    r"bei der (?:anzeigenaufgabe|kontaktaufnahme|registrierung)", r"anzeigenaufgabe",
    r"sicherheitseinstellungen",
    r"anmeldung und sicherheit",
    r"kontoinformationen",
    r"verkäuferprofil",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"notfall[-\s]?kontakt\w*", r"notfallkontaktdaten", r"notfall[-\s]?telefonnummer",
    ],
    "two_step": [
        r"zwei[-\s]?schritt[-\s]?(?:verifizierung|authentifizierung|bestätigung)\w*",
        r"zwei[-\s]?faktor[-\s]?(?:authentifizierung|authentisierung)\w*",
        r"mehr[-\s]?faktor[-\s]?authentifizierung\w*", r"2fa[-\s]?pflicht",
    ],
    "phone": [
        r"telefonnummer\w*", r"handynummer\w*", r"mobilnummer\w*", r"rufnummer\w*", r"festnetz\w*", r"telefon",
        r"handy", r"sms-?(?:verifizierung|bestätigung|prüfung|authentifizierung)\w*",
    ],
    "email": [
        r"e-?mail(?:-?adressen?)?", r"mailadresse",
    ],
    "contact_details": [
        r"kontaktdaten", r"kontaktinformationen", r"kontaktangaben",
    ],
    "notif_prefs": [
        r"benachrichtigungseinstellungen", r"benachrichtigungs-?einstellungen",
    ],
    "login_settings": [
        r"anmeldeeinstellungen",
    ],
    "verify": [
        r"verifi\w*", r"bestätig\w*", r"validier\w*", r"überprüf\w*", r"prüfung", r"authentifizier\w*",
    ],
    "update": [
        r"aktualisier\w*",
    ],
    "provide": [
        r"vorlegen", r"vorzeigen", r"einreichen", r"hochladen", r"angeben", r"angegeben", r"eingegeben", r"hinterleg\w*", r"eintragen", r"übermitteln", r"vervollständig\w*",
    ],
    "otp": [
        r"bestätigungscode\w*", r"einmalcode\w*", r"einmalpasswort\w*", r"sicherheitscode\w*", r"sms-?tan",
        r"sms-?code\w*", r"verifizierungscode\w*", r"prüfcode\w*", r"(?:vier|fünf|sechs|acht)stellige[nmrs]? (?:code|pin)\w*", r"\d-?stellige[nmrs]? (?:code|pin)\w*", r"(?:einem|einen|den|der) code",
    ],
    "sms": [
        r"sms",
    ],
    "link": [
        r"bestätigungslink\w*", r"verifizierungslink\w*", r"link (?:in der e-?mail|zugeschickt|geschickt)",
    ],
    "call": [
        r"sprachanruf\w*", r"automatische[nm]? anruf\w*", r"anruf",
    ],
    "require": [
        r"muss", r"müssen", r"pflicht\w*", r"verpflichtend\w*", r"verlangt", r"fordert", r"erforderlich",
        r"obligatorisch", r"zwingend", r"verpflichtet\w*", r"benötig(?:t|en)", r"notwendig\w*", r"müsst",
    ],
    "event": [
        r"ab(?= (?:dem|sofort|\d))", r"ab sofort", r"seit", r"künftig", r"neuerdings",
        r"neue[nrs]? (?:pflicht|regel|vorgabe|anforderung|richtlinie|verifizierung|überprüfung|bestätigung|termin|stichtag|frist)\w*",
        r"führt [^.!?\n]{0,60}ein", r"einführ\w*", r"eingeführt", r"angekündigt", r"ab jetzt", r"ab (?:heute|morgen)", r"startet",
        r"gestartet",
        r"nun (?:offiziell|auch|verpflichtend|pflicht|für alle)",
        r"(?:ist|sind|wird|werden|muss|müssen|gilt|gelten|verlangt|fordert|startet|führt|beginnt) (?:\w+ ){0,3}?jetzt",
        r"jetzt (?:auch |schon )?(?:pflicht|verpflichtend|müssen|muss|verlangt|gilt|startet)",
        r"ende (?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)",
        r"wird .{0,40}(?:pflicht|verpflichtend)",
    ],
    "seller": [
        r"verkäufer\w*", r"händler\w*", r"shop-inhaber", r"seller central", r"online-?händler\w*", r"anbieter(?:in|innen)?",
        r"gewerbliche[nr]? (?:anbieter|verkäufer|nutzer|händler)\w*", r"inserent\w*", r"verkaufsplattform\w*",
        r"verkaufsportal\w*", r"kleinanzeigen-?(?:portal|plattform|markt)\w*", r"inserier\w*",
        r"anzeigen? (?:schalten|aufgeben|inserieren)",
    ],
    "consequence": [
        r"sperr\w*", r"gesperrt", r"eingeschränkt", r"ausgesperrt", r"deaktivier\w*", r"zurückhalten",
        r"beschränkung\w*",
    ],
    "buyer": [
        r"käufer\w*", r"kunden\w*", r"kundin\w*", r"psd2", r"(?:starke )?kundenauthentifizierung", r"online-?shopping",
        r"online-?einkäuf\w*", r"online-?einkauf\w*", r"online-?banking", r"(?:kredit)?kartenzahlung\w*", r"zahlungsdienst\w*",
        r"bezahlvorg[aä]ng\w*", r"karteninhaber\w*", r"3-?d[- ]secure",
        r"online-?käufe?n?", r"online-?zahlung\w*", r"zahlungen? (?:per|mit) (?:kredit)?karte\w*", r"zahlungsverkehr\w*",
    ],
    "ov_identity": [
        r"identität\w*", r"ausweis\w*", r"reisepass", r"personalausweis", r"geburtsdatum",
    ],
    "ov_video": [
        r"video-?anruf\w*", r"video-?call", r"video-?verifizierung",
    ],
    "ov_address": [
        r"postkarte\w*",
        r"(?<!mail-)(?<!mail)(?:adressen?|adress(?:verifizierung|bestätigung|prüfung|nachweis|änderung)\w*)(?! (?:de notification|e-?mail|électronique|mail|de courriel|de messagerie))",
        r"anschrift",
    ],
    "ov_bank": [
        r"bankverbindung\w*", r"bankkonto\w*", r"kreditkarte\w*", r"bankdaten",
    ],
    "ov_tax": [
        r"steuer\w*", r"umsatzsteuer\w*", r"dac7",
    ],
    "ov_kyc": [
        r"kyc", r"inform-?gesetz\w*", r"unternehmensdaten", r"geschäftsdaten", r"handelsregister\w*",
    ],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"betrüger\w*", r"betrug\w*",
    ],
    "trap_phishing": [
        r"phishing\w*", r"betrugs-?(?:e-?mails?|sms|nachrichten?)", r"gefälscht\w*", r"fake-?mails?", r"nachgemacht\w*",
    ],
    "scam_shape": [
        r"innerhalb von \d{1,2} stunden", r"klicken sie (?:auf den|hier)", r"sehr geehrte[rs]? (?:verkäufer|kunde)",
    ],
    "trap_troubleshoot": [
        r"kommt nicht\b", r"konto zurück", r"kann ich mich nicht", r"erhalte keinen", r"erhalte ich keinen",
        r"keinen code", r"komme nicht (?:mehr )?in", r"nicht (?:mehr )?empfangen",
    ],
    "trap_optional": [
        r"freiwillig\w*", r"optional\w*", r"können (?:jetzt|ab sofort)?\s*(?:freiwillig )?.{0,30}aktivieren",
        r"keine pflicht", r"besteht nicht", r"(?:deaktivieren|ausschalten) (?:können|kann)",
        r"(?:kann|können) [^.!?\n]{0,40}(?:deaktiviert|ausgeschaltet) werden", r"lässt sich [^.!?\n]{0,30}deaktivieren",
    ],
    "trap_nonseller": [
        r"partnerprogramm\w*", r"affiliate\w*", r"vergabe\w*", 
        r"versicherung\w*", r"versicherer\w*", 
    ],
    "trap_listing": [
        r"angebot\w*", r"artikelbeschreibung\w*", r"produktbilder?", r"bilder",
    ],
    "trap_ban": [
        r"verbiet\w*", r"verboten", r"untersagt", r"entfernt",
    ],
    "trap_other_topic": [
        r"gebühr\w*", r"rücksend\w*", r"zöll\w*", r"zoll", r"prime day", r"lagerbest\w*", r"blitzangebote?",
    ],
    "trap_eligibility": [
        r"voraussetzung\w*", r"berechtigt", r"kontozustandsgarantie",
    ],
    "help_page": [
        r"so ändern", r"anleitung", r"schritt für schritt", r"jederzeit", r"wie sie", r"ändern sie",
        r"für die anmeldung", r"wenn sie .{0,40}(?:ändern|hinzufügen|bearbeiten)",
        r"so änder(?:t|n) ihr",
        r"(?:falls|wenn) (?:ihr|sie|du) .{0,40}(?:aktiviert|eingerichtet|geändert|hinzugefügt) (?:habt|haben|hast)", r"wie ihr", r"so geht(?:'s| es)\b", r"in diesem (?:artikel|beitrag|ratgeber)", r"lest ihr hier",
    ],
    "first_person_problem": [
        r"hat jemand", r"was tun", r"hilfe",
    ],
    "notice_email": [
        r"(?:eine|die) (?:e-)?mail (?:von|bekommen)", r"mail von amazon", r"e-?mail bekommen",
    ],
    "comm_channel": [
        r"per telefon oder e-?mail", r"kontaktieren sie",
    ],
    "doubt": [
        r"ist (?:das|die mail) echt", r"dachte\w*", r"hielten?", r"zunächst für", r"erst für",
    ],
    "reassure": [
        r"ist echt", r"kein phishing", r"tatsächlich",
    ],
    "background": [
        r"zuvor", r"bereits im vergangenen", r"letztes jahr", r"früher schon", r"wie gewohnt", r"wie bisher",
        r"wie üblich", r"nicht zu verwechseln", r"unabhängig von der",
    ],
    "prompt": [
        r"hinweis", r"aufforderung", r"aufgefordert", r"will,? dass ich", r"fordert (?:mich|uns)",
    ],
    "login": [
        r"anmeld\w*", r"einlogg\w*", r"login",
    ],
    # the earlier state a change replaces ("optional so far, mandatory from ...")
    "formerly": [
        r"bisher\w*", r"bislang", r"vorher", r"zuvor", r"nicht mehr",
    ],
    # the protective purpose of a measure ("to prevent fraud"): fraud as a motive, not a phishing warning
    "motive": [
        r"zum schutz", r"schützen", r"vorzubeugen", r"vorbeugen", r"bekämpf\w*", r"eindämmen", r"verhindern", r"gegen (?:betrug|betrüger|fake|missbrauch)\w*", r"mehr sicherheit", r"sicherheit (?:zu )?(?:verbessern|erhöhen)",
    ],
    "past_deadline": [
        r"ursprünglich", r"verstrichen",
    ],
}
