"""Spanish (es): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "es"
NAME = "Spanish"
SCRIPT = "latin"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9, "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
}
MONTH_SUFFIX = ""

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "lunes": 0,
    "martes": 1,
    "miércoles": 2, "miercoles": 2,
    "jueves": 3,
    "viernes": 4,
    "sábado": 5, "sabado": 5,
    "domingo": 6,
}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({"al", "con", "de", "del", "desde", "el", "en", "es", "la", "las", "los",
    "para", "por", "que", "se", "su", "sus", "una", "y"})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [r"desde(?: el)?", r"a partir del?", r"comenz[oó](?: el)?", r"entra en vigor(?: el)?"],
        "after": [],
    },
    "deadline": {
        "before": [r"(?:plazo\s+)?vence(?: el)?", r"(?:prorrogad|ampliad|extendid|aplazad)[oa] (?:hasta|al)(?: el)?",
            r"antes del?", r"hasta el", r"plazo(?: hasta)?"],
        "after": [],
    },
    "announced": {
        "before": [r"(?:anuncio|comunicado|publicaci[oó]n)(?:\s+[\w-]+){0,5}?\s+del", r"anunci[oó] el",
            r"publicado el", r"sali[oó] el", r"(?:comunic[oó]|inform[oó]|notific[oó])(?:\s+\w+){0,4}?\s+el",
            r"anuncio\s*[(:]"],
        "after": [],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"foros?\b",
    r"publicaci[oó]n",
    r"comunicado",
    r"anunci\w*",
    r"publicad\w*",
    r"aviso oficial",
    r"comunic\w*",
    r"inform[oó]",
    r"notific\w*"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "ES": [r"españa"],
    "MX": [r"méxico", r"mexico"],
    "US": [r"estados unidos", r"ee\.?\s?uu\.?"],
    "EU": [r"europa", r"ue"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = [" en ", "\nen "]
MARKETPLACE_TEMPLATES: list[str] = [r"amazon\s+{c}\b",
    r"\ben {c}\b"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:env[ií]e(?:nos)?|comparta|d[ií]ganos|facil[ií]tenos|proporci[oó]nenos) (?:su |tu )?(?:contraseña|clave|pin|c[oó]digo|datos de (?:acceso|la tarjeta))",
    r"haga clic en el (?:siguiente )?enlace (?:de abajo|a continuaci[oó]n)",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    r"configuraci[oó]n de (?:la cuenta|seguridad)",
    r"inicio de sesi[oó]n y seguridad", r"al iniciar sesi[oó]n",
    r"informaci[oó]n de la cuenta",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"contactos? de emergencia", r"tel[eé]fono de emergencia",
    ],
    "two_step": [
        r"verificaci[oó]n en dos pasos", r"autenticaci[oó]n (?:en dos pasos|de dos factores|de doble factor)",
        r"doble factor", r"verificaci[oó]n de dos pasos",
    ],
    "phone": [
        r"n[uú]meros? de (?:tel[eé]fono|celular|m[oó]vil)", r"tel[eé]fonos?", r"celular(?:es)?", r"m[oó]vil",
    ],
    "email": [
        r"correos?(?: electr[oó]nicos?)?", r"e-?mail", r"direcci[oó]n de correo",
    ],
    "contact_details": [
        r"datos de contacto", r"informaci[oó]n de contacto",
    ],
    "notif_prefs": [
        r"preferencias de notificaci[oó]n",
    ],
    "login_settings": [
        r"configuraci[oó]n de inicio de sesi[oó]n",
    ],
    "verify": [
        r"verific\w*", r"confirm\w*", r"validar\w*", r"validaci[oó]n",
    ],
    "update": [
        r"actualiz\w*",
    ],
    "provide": [
        r"presentar\w*", r"presente[ns]?\b", r"presentad[oa]s?", r"subir", r"proporcion\w*", r"complet(?!ely)\w*", r"mostr\w*", r"introducir", r"hacer",
    ],
    "otp": [
        r"c[oó]digos? (?:de verificaci[oó]n|de un solo uso|de seguridad|por sms|sms)",
        r"contrase[ñn]a de un solo uso", r"(?:un|el) c[oó]digo",
    ],
    "sms": [
        r"sms", r"whatsapp", r"mensaje de texto",
    ],
    "link": [
        r"enlace de (?:verificaci[oó]n|confirmaci[oó]n)", r"enlace (?:enviado|recibido)",
    ],
    "call": [
        r"llamada(?: de voz| autom[aá]tica)?",
    ],
    "require": [
        r"obligatori\w*", r"exig\w*", r"deber[aá]n?", r"debe[ns]?", r"tienen que", r"tiene que", r"hay que",
        r"obliga\w*", r"requisito", r"requiere\w*", r"pedir[aá]", r"tienes que",
        r"(?:empezado|comenzado|comenz[oó]|empez[oó]) a (?:pedir|solicitar|exigir)", r"pide[n]? a (?:los|las|todos)",
        r"solicita[n]? a (?:los|las|todos)",
    ],
    "event": [
        r"desde", r"a partir del?", r"comenz\w*",
        r"nuev[ao]s? (?:requisito|regla|norma|pol[ií]tica|obligaci[oó]n|verificaci[oó]n|exigencia|medida|fecha|plazo)\w*",
        r"ahora", r"anunci(?!os\b)\w*", r"introdujo", r"a finales de", r"har[aá] obligatori\w*", r"empez\w*",
    ],
    "seller": [
        r"vendedor\w*", r"quienes venden", r"seller central", r"que venden", r"para vender",
    ],
    "consequence": [
        r"suspend\w*", r"suspensi[oó]n\w*", r"desactivaci[oó]n\w*", r"bloque\w*", r"restricci\w*", r"no podr[aá]n",
        r"dejar de recibir",
    ],
    "buyer": [
        r"compradores?", r"clientes?",
    ],
    "ov_identity": [
        r"identidad", r"documento de identidad", r"pasaporte", r"selfie", r"foto del documento",
    ],
    "ov_video": [
        r"videollamada", r"video ?llamada",
    ],
    "ov_address": [
        r"postal(?:es)?", r"direcci[oó]n (?:comercial|postal|f[ií]sica)",
    ],
    "ov_bank": [
        r"cuenta bancaria", r"tarjeta de cr[eé]dito", r"datos bancarios",
    ],
    "ov_tax": [
        r"fiscal\w*", r"impuestos?", r"nif", r"dac7",
    ],
    "ov_kyc": [
        r"kyc", r"ley inform", r"documentaci[oó]n",
    ],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"fraud\w*",
    ],
    "trap_phishing": [
        r"estafa\w*", r"suplant\w*", r"phishing", r"correos falsos", r"enga[ñn]o\w*",
    ],
    "scam_shape": [
        r"en (?:un plazo de )?\d{1,2} horas", r"haga clic", r"haz clic en el enlace",
        r"estimado (?:vendedor|cliente)",
    ],
    "trap_troubleshoot": [
        r"no (?:me )?llega", r"no recibo", r"no he recibido", r"no puedo (?:iniciar sesi[oó]n|entrar)",
    ],
    "trap_optional": [
        r"opcional\w*", r"de forma voluntaria", r"ya puedes", r"ahora pueden",
    ],
    "trap_nonseller": [
        r"afiliados?", r"programa de afiliados", r"contrataci[oó]n p[uú]blica", 
        r"aseguradoras?", 
    ],
    "trap_listing": [
        r"publicaciones", r"fotos", r"t[ií]tulos", r"descripciones",
    ],
    "trap_ban": [
        r"prohib\w*", r"no se permite", r"ocult\w*",
    ],
    "trap_other_topic": [
        r"tarifas?", r"comisi[oó]n\w*", r"devoluci[oó]n\w*", r"aranceles?", r"inventario", r"prime day",
    ],
    "trap_eligibility": [
        r"requisitos? para", r"elegib\w*", r"garant[ií]a de salud de la cuenta",
    ],
    "help_page": [
        r"cómo", r"c[oó]mo (?:cambiar|a[ñn]adir|agregar|configurar|activar|verificar|hacer|editar|actualizar)", r"gu[ií]a", r"paso a paso", r"para cambiar", r"para iniciar sesi[oó]n", r"en cualquier momento",
        r"(?:si|cuando) (?:cambias|añades|agregas|modificas|editas)", r"al (?:cambiar|añadir|agregar|modificar)",
    ],
    "first_person_problem": [
        r"a alguien m[aá]s", r"alguien sabe", r"ayuda",
    ],
    "notice_email": [
        r"(?:recibieron|recib[ií]|lleg[oó]) (?:un|el) correo", r"el correo de amazon",
        r"por correo(?: electr[oó]nico)? a (?:sus|los|las|todos)",
    ],
    "comm_channel": [
        r"por tel[eé]fono o correo", r"cont[aá]ct\w+ con",
    ],
    "doubt": [
        r"es real", r"es leg[ií]tim\w*", r"pens[eé]", r"cre[ií] que", r"pensaron",
    ],
    "reassure": [
        r"es real(?!\?)", r"no es phishing", r"es leg[ií]tim\w*(?!\?)",
    ],
    "background": [
        r"anteriormente", r"el año pasado", r"ya hab[ií]a", r"como siempre", r"como de costumbre", r"distint[ao] de",
        r"no confundir",
    ],
    "prompt": [
        r"aviso", r"me pide", r"nos pide", r"me sale", r"me salta",
    ],
    "login": [
        r"inici(?:ar|o de) sesi[oó]n", r"iniciar sesion", r"login",
    ],
    # the earlier state a change replaces ("optional so far, mandatory from ...")
    "formerly": [
        r"hasta ahora", r"anteriormente", r"ya no",
    ],
    # the protective purpose of a measure ("to prevent fraud"): fraud as a motive, not a phishing warning
    "motive": [
        r"para (?:proteger|prevenir|evitar|combatir|luchar)", r"lucha contra", r"proteger", r"prevenir",
    ],
    "past_deadline": [
        r"original\w*", r"venci[oó]",
    ],
}
