"""French (fr): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "fr"
NAME = "French"
SCRIPT = "latin"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1,
    "février": 2, "fevrier": 2, "févr": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "août": 8, "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12, "decembre": 12,
}
MONTH_SUFFIX = ""

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({"au", "avec", "d'un", "de", "des", "du", "en", "est", "et", "la", "le",
    "les", "leur", "pour", "que", "qui", "sur", "une", "votre", "vous", "à"})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [r"à partir du", r"depuis le", r"dès le", r"dès", r"le", r"entr\w+ en vigueur le",
            r"a (?:commencé|débuté) le"],
        "after": [],
    },
    "deadline": {
        "before": [r"expire le", r"(?:reporté|repoussé|prolongé)e? (?:au|jusqu'au)", r"avant le", r"d'ici le",
            r"au plus tard le", r"jusqu'au", r"date limite(?: est| du| au)?", r"d'ici(?: la| le)?"],
        "after": [],
    },
    "announced": {
        "before": [r"(?:annonce|publication|message)(?:\s+[\w-]+){0,5}?\s+du", r"annoncé le", r"publié le",
            r"annonce\s*[(:]"],
        "after": [],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"annonc\w*", r"publi[ée]\w*"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "FR": [r"france", r"français"],
    "US": [r"états-unis"],
    "DE": [r"allemagne"],
    "EU": [r"ue", r"europe", r"européen\w*"],
    "CA": [r"canada"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = ["vendeurs", "marketplace", "en europe"]
MARKETPLACE_TEMPLATES: list[str] = [r"amazon\s+{c}\b",
    r"\bmarketplace\s+{c}\b",
    r"\bvendeurs (?:de l'|en |aux |d')?{c}\b"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:envoyez|communiquez|transmettez)(?:-nous)? (?:votre |vos )?(?:mot de passe|code|identifiants|coordonnées bancaires)",
    r"cliquez sur le lien ci-dessous",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    r"param[eè]tres (?:du compte|de s[ée]curit[ée])",
    r"connexion et s[ée]curit[ée]", r"lors de (?:la|votre) connexion",
    r"informations (?:du|sur le) compte",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"contacts? d['’]urgence", r"num[ée]ro d['’]urgence",
    ],
    "two_step": [
        r"(?:vérification|validation|authentification) (?:en|à) deux (?:étapes|facteurs)",
        r"double authentification", r"authentification forte",
    ],
    "phone": [
        r"num[ée]ros? de (?:t[ée]l[ée]phone|portable|mobile)", r"t[ée]l[ée]phone", r"portable",
    ],
    "email": [
        r"(?:adresse )?e-?mail", r"courriel", r"adresse électronique",
    ],
    "contact_details": [
        r"coordonn[ée]es", r"informations de contact",
    ],
    "notif_prefs": [
        r"pr[ée]f[ée]rences de notification",
    ],
    "login_settings": [
        r"param[eè]tres de connexion",
    ],
    "verify": [
        r"v[ée]rifi\w*", r"confirm\w*", r"valid(?:er|ez|ation|é|ée|és|ées|ent)\w*",
    ],
    "update": [
        r"mett\w* à jour", r"mise à jour",
    ],
    "provide": [
        r"fournir", r"soumettre", r"t[ée]l[ée]charger", r"compl[ée]t(?!ely)\w*", r"présent(?:er|ez|é|ée|és|ées)\b", r"saisir", r"passer",
    ],
    "otp": [
        r"codes? (?:de v[ée]rification|à usage unique|de s[ée]curit[ée]|par sms|re[çc]u)",
        r"mot de passe à usage unique", r"(?:un|le) code",
    ],
    "sms": [
        r"sms", r"texto",
    ],
    "link": [
        r"lien de (?:v[ée]rification|confirmation)", r"lien (?:envoy[ée]|re[çc]u)",
    ],
    "call": [
        r"appel (?:vocal|automatique)",
    ],
    "require": [
        r"obligatoire", r"doivent", r"doit", r"devront", r"devra", r"exig\w*", r"impos(?:e|é|ée|és|ées|er|ent|era|eront)\b", r"il faut", r"demand\w*",
    ],
    "event": [
        r"à partir du", r"depuis", r"dès", r"désormais", r"à compter d(?:u|e|es)\b", r"officialis\w*", r"prochainement",
        r"nouv(?:el|elle|eau)s? (?:r[eè]gle|obligation|exigence|politique|v[ée]rification|mesure|date|d[ée]lai|[ée]ch[ée]ance)s?",
        r"annonc(?:e|é|ée|és|ées|er|ent|era|ons)\b", r"fin (?:janvier|février)", r"en place depuis", r"rendra", r"devient", r"entre\w* en vigueur",
    ],
    "seller": [
        r"vendeurs?", r"vendeuses?", r"marchands?", r"seller central", r"pour vendre", r"boutiques?",
    ],
    "consequence": [
        r"suspen\w*", r"désactiv\w*", r"bloqu\w*", r"ne pourront plus", r"n'auront plus accès",
    ],
    "buyer": [
        r"acheteurs?", r"acheteuses?", r"clients?",
    ],
    "ov_identity": [
        r"identit[ée]", r"pi[eè]ce d'identit[ée]", r"passeport", r"selfie",
    ],
    "ov_video": [
        r"appel vid[ée]o", r"visioconf[ée]rence",
    ],
    "ov_address": [
        r"carte postale", r"adresse (?:postale|professionnelle)",
    ],
    "ov_bank": [
        r"compte bancaire", r"carte (?:de crédit|bancaire)", r"coordonn[ée]es bancaires",
    ],
    "ov_tax": [
        r"fiscal\w*", r"dac7", r"tva",
    ],
    "ov_kyc": [
        r"kyc", r"loi inform", r"justificatifs?",
    ],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"fraud\w*",
    ],
    "trap_phishing": [
        r"hame[çc]onnage", r"arnaque\w*", r"phishing", r"faux e-?mails?", r"escroquer\w*",
    ],
    "scam_shape": [
        r"sous \d{1,2} heures", r"cliquez (?:ici|sur le lien)", r"cher (?:vendeur|client)",
    ],
    "trap_troubleshoot": [
        r"ne re[çc]oi[st] (?:pas|plus)", r"n'ai pas re[çc]u", r"impossible de (?:me )?connecter",
    ],
    "trap_optional": [
        r"facultati\w*", r"optionnel\w*", r"vous pouvez désormais", r"peuvent désormais",
    ],
    "trap_nonseller": [
        r"partenaires amazon", r"affiliation", r"march[ée]s publics", 
        r"assureurs?",
    ],
    "trap_listing": [
        r"fiches? produits?", r"annonces?", r"images", r"descriptions?",
    ],
    "trap_ban": [
        r"interdi\w*", r"il est interdit", r"masqu\w*",
    ],
    "trap_other_topic": [
        r"frais", r"retours?", r"droits de douane", r"prime day", r"stocks?", r"tarifs?",
    ],
    "trap_eligibility": [
        r"[ée]ligib\w*", r"conditions? d'accès", r"garantie de sant[ée] du compte",
    ],
    "help_page": [
        r"comment (?:modifier|changer|ajouter|activer|v[ée]rifier|faire|configurer|mettre|supprimer|d[ée]sactiver|"
        r"mettre à jour|confirmer)", r"guide", r"pour modifier", r"tutoriel", r"pour vous connecter", r"à tout moment",
        r"(?:si|lorsque|quand) vous (?:modifiez|ajoutez|changez|remplacez)",
    ],
    "first_person_problem": [
        r"quelqu'un", r"une solution",
    ],
    "notice_email": [
        r"des e-?mails aux vendeurs", r"(?:reçu|envoie) (?:un|des) e-?mails?",
    ],
    "comm_channel": [
        r"par t[ée]l[ée]phone ou (?:par )?e-?mail", r"contactez",
    ],
    "doubt": [
        r"cru à", r"pensé", r"est-ce (?:un|une|du)", r"d'abord cru",
    ],
    "reassure": [
        r"c'est (?:bien )?réel", r"pas (?:du|de l')?(?:hameçonnage|phishing)",
    ],
    "background": [
        r"auparavant", r"l'an dernier", r"l'année dernière", r"avait déjà", r"comme d'habitude", r"comme auparavant",
        r"distincte? de", r"à ne pas confondre",
    ],
    "prompt": [
        r"me demande", r"nous demande", r"s'affiche", r"message d'alerte",
    ],
    "login": [
        r"connexion", r"(?:me |se )?connecter", r"login",
    ],
    # the earlier state a change replaces ("optional so far, mandatory from ...")
    "formerly": [
        r"jusqu'(?:ici|à présent|alors)", r"auparavant", r"ne sera plus", r"n'est plus",
    ],
    # the protective purpose of a measure ("to prevent fraud"): fraud as a motive, not a phishing warning
    "motive": [
        r"pour (?:lutter|protéger|prévenir|éviter)", r"lutte contre", r"protéger", r"prévenir",
    ],
    "past_deadline": [
        r"initialement", r"dépassée?",
    ],
}
