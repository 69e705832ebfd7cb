"""Portuguese (pt): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "pt"
NAME = "Portuguese"
SCRIPT = "latin"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
    "janeiro": 1,
    "fevereiro": 2,
    "março": 3,
    "abril": 4,
    "maio": 5,
    "junho": 6,
    "julho": 7,
    "agosto": 8,
    "setembro": 9,
    "outubro": 10,
    "novembro": 11,
    "dezembro": 12,
}
MONTH_SUFFIX = ""

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "segunda-feira": 0,
    "terça-feira": 1, "terca-feira": 1,
    "quarta-feira": 2,
    "quinta-feira": 3,
    "sexta-feira": 4,
    "sábado": 5,
    "domingo": 6,
}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({"as", "com", "da", "das", "do", "dos", "em", "não", "os", "para", "que",
    "seu", "sua", "um", "uma", "vendedores", "é"})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [r"a partir de", r"desde"],
        "after": [],
    },
    "deadline": {
        "before": [r"até(?: o| a)?", r"prazo(?: até)?"],
        "after": [],
    },
    "announced": {
        "before": [r"anunciou em", r"publicado em"],
        "after": [],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"anunci\w*", r"publicad\w*"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "BR": [r"brasil"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = []
MARKETPLACE_TEMPLATES: list[str] = [r"amazon\s+{c}\b"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:envie|compartilhe|informe-nos)(?:-nos)? (?:sua |seu |o )?(?:senha|c[oó]digo)",
    r"clique no link abaixo",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    r"configura[cç][oõ]es (?:da conta|de seguran[cç]a)",
    r"login e seguran[cç]a",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"contatos? de emerg[eê]ncia", r"telefone de emerg[eê]ncia",
    ],
    "two_step": [
        r"verifica[cç][aã]o em (?:duas etapas|dois passos)",
        r"autentica[cç][aã]o (?:em duas etapas|de dois fatores|em dois fatores)", r"dupla autentica[cç][aã]o",
    ],
    "phone": [
        r"n[uú]meros? de (?:telefone|celular)", r"telefones?", r"celular(?:es)?",
    ],
    "email": [
        r"endere[cç]o de e-?mail", r"e-?mail",
    ],
    "contact_details": [
        r"dados de contato", r"informa[cç][oõ]es de contato",
    ],
    "verify": [
        r"verifica[cç][aã]o", r"valida[cç][aã]o", r"confirma[cç][aã]o",
    ],
    "otp": [
        r"c[oó]digos? de (?:verifica[cç][aã]o|seguran[cç]a|confirma[cç][aã]o)", r"senha de uso [uú]nico",
        r"(?:um|o) c[oó]digo",
    ],
    "require": [
        r"obrigat[oó]ri\w*", r"exig\w*", r"dever[aã]o?", r"devem", r"precisam?", r"ter[aã]o? que",
    ],
    "event": [
        r"a partir de", r"desde", r"passa(?:r[aá])? a", r"nov[ao]s? (?:regra|exig[eê]ncia|obrigatoriedade)\w*",
        r"anunci(?!os\b)\w*",
    ],
    "seller": [
        r"vendedor(?:es|as?)?", r"lojistas?",
    ],
    "consequence": [
        r"suspens\w*", r"bloquead\w*", r"desativad\w*",
    ],
    "buyer": [
        r"compradores?", r"clientes",
    ],
}
