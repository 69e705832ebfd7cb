"""The multilingual vocabulary of the analysis engine: the facade over one module per language.

Each language keeps its words in ``monitor/analysis/lang/<code>.py`` (concept fragments, month and
weekday names, date cue words, announcement words, stop words, marketplace country names); this
module assembles them, once, at import, into the tables the engine uses.

Every *concept* maps a language code to a list of regular-expression fragments (matched
case-insensitively on cleaned, NFKC-normalised text).  Fragments for Latin-script languages are
wrapped in word boundaries automatically; CJK fragments are matched as they are.  Every text is
scanned with every language's fragments (posts mix languages: Chinese articles quote
"Seller Central", German ones say "2FA"), and the language that matched is kept for the reasons.

Nothing here is keyed to a particular text: the words are the ones sellers, marketplaces and the
trade press use for the same things (see shared/POLICY-LANGUAGE.md, "Words for the same things").
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .lang import MODULES as LANG_MODULES

LATIN_LANGS = tuple(code for code, mod in LANG_MODULES.items() if mod.SCRIPT == "latin")
CJK_LANGS = tuple(code for code, mod in LANG_MODULES.items() if mod.SCRIPT == "cjk")
LANGS = LATIN_LANGS + CJK_LANGS
# the six languages the engine started with; the others' fragments are also listed in EXTRA_CONCEPTS
MAIN_LANGS = ("en", "zh", "ja", "de", "es", "fr")

# concept -> language -> fragments, in the order of lang.ORDER
CONCEPTS: dict[str, dict[str, list[str]]] = {}
for _code, _mod in LANG_MODULES.items():
    for _concept, _frags in _mod.CONCEPTS.items():
        CONCEPTS.setdefault(_concept, {})[_code] = list(_frags)
EXTRA_CONCEPTS: dict[str, dict[str, list[str]]] = {
    _concept: {lang: frags for lang, frags in by_lang.items() if lang not in MAIN_LANGS}
    for _concept, by_lang in CONCEPTS.items()
    if any(lang not in MAIN_LANGS for lang in by_lang)
}


# Strong obligation words (a subset of "require"): an optional feature is not optional when these
# stand next to it.
MANDATORY = re.compile(
    r"must|mandatory|compulsory|have to|has to|obligator\w*|required|requires|必须|必需|强制|務必|务必|必須|義務|pflicht\w*|verpflichtend|müssen|"
    r"obligatoire|doivent|devront|deber[aá]n|exig\w*", re.IGNORECASE)

# The state of being mandatory in the sentence of an effective date ("ab dem 31.10. ist die
# Zwei-Schritt-Verifizierung Pflicht", "2017年10月31日より……必須となります"): whoever has not done it by
# that day is out, so that day is also the deadline.  A plain "must verify" from a day is an action
# that starts then, not a gate ("from March 1 sellers must verify or be suspended").
MANDATORY_FROM = (r"\b(?:mandatory|compulsory|required|obligatory|forced|enforced|"
                  r"pflicht\w*|verpflichtend\w*|obligatoire|obligatori\w*|obbligatori\w*|obowiązkow\w*|zorunlu\w*)\b|"
                  r"必需|强制|強制|必須|義務|의무|필수")

# A deadline that points back at the effective date ("it will go into effect starting March 15 … If
# you have not enabled 2FA by this date, you will not be able to …"): that day is also the deadline.
DEADLINE_ANAPHORA = (r"\bby (?:this|that|the same) (?:date|day)\b|\bby then\b|\bbis (?:dahin|zu diesem (?:datum|zeitpunkt|tag))\b|"
                     r"\bhasta (?:esa|esta|dicha) fecha\b|\bd'ici (?:là|cette date)\b|\bavant cette date\b|"
                     r"\bentro (?:tale|questa|quella) data\b|\bdo tego (?:dnia|czasu)\b|\btot (?:die|deze) datum\b|"
                     r"それまでに|届时|到时|截至该日|그때까지|이 날짜까지")

# A date's sentence that points back at the policy the title names, followed by a start verb.
POLICY_ANAPHORA = (r"(?:\b(?:these|the|this|those) (?:new )?(?:polic(?:y|ies)|changes?|rules?|requirements?)|"
                   r"\b(?:diese|die) (?:neuen? )?(?:änderung(?:en)?|regel(?:n|ung(?:en)?)?|pflicht|vorgaben?)|"
                   r"\b(?:estos|estas|los|las) (?:nuev[oa]s )?(?:cambios|reglas|requisitos|pol[ií]ticas)|"
                   r"\b(?:ces|les) (?:nouvelles? )?(?:règles|changements|exigences|politiques)|"
                   r"この(?:変更|規約|ルール|要件)|这些(?:变化|新规|规定|政策)|该(?:规定|政策|新规))"
                   r"(?:\s+[\w-]+){0,4}?\s*(?:go(?:es)?|come|comes|take|takes|will|gelten|treten|entran|entrent|"
                   r"は|将|将于)")

# Platforms: canonical key -> (display name, patterns).  Amazon is the default platform the
# product is about; the others get a note.
PLATFORMS: dict[str, tuple[str, list[str]]] = {
    "amazon": ("Amazon", [r"amazon", r"亚马逊", r"亞馬遜", r"アマゾン", r"아마존", r"أمازون", r"امازون", r"seller central", r"セラーセントラル",
                          r"\bfba\b", r"\becn\b"]),
    # "eBay Kleinanzeigen" is Kleinanzeigen (its name until 2023), not eBay
    "ebay": ("eBay", [r"\bebay\b(?![ -]kleinanzeigen)", r"易贝", r"亿贝"]),
    "etsy": ("Etsy", [r"\betsy\b"]),
    "shopee": ("Shopee", [r"shopee", r"虾皮", r"蝦皮"]),
    "tiktok": ("TikTok Shop", [r"tiktok", r"tik tok", r"抖音"]),
    "walmart": ("Walmart", [r"walmart", r"沃尔玛"]),
    "mercadolibre": ("Mercado Libre", [r"mercado ?libre", r"mercado ?livre", r"美客多"]),
    "temu": ("Temu", [r"\btemu\b"]),
    "aliexpress": ("AliExpress", [r"aliexpress", r"速卖通"]),
    "vinted": ("Vinted", [r"vinted"]),
    "kleinanzeigen": ("Kleinanzeigen", [r"kleinanzeigen"]),
    "otto": ("OTTO", [r"\botto\.de\b", r"\botto market\b", r"\botto partner connect\b", r"\botto-?marktplatz\b"]),
    "zalando": ("Zalando", [r"zalando"]),
    "kaufland": ("Kaufland", [r"kaufland"]),
    "cdiscount": ("Cdiscount", [r"cdiscount"]),
    "allegro": ("Allegro", [r"\ballegro\b"]),
    "rakuten": ("Rakuten", [r"rakuten", r"楽天", r"乐天"]),
    "yahoo_shopping": ("Yahoo! Shopping", [r"yahoo!?\s*(?:ショッピング|shopping)", r"ヤフーショッピング", r"ストアクリエイターpro"]),
    "mercari": ("Mercari", [r"mercari", r"メルカリ"]),
    "lazada": ("Lazada", [r"lazada"]),
    "shopify": ("Shopify", [r"shopify"]),
    "wish": ("Wish", [r"\bwish\.com\b"]),
    "bol": ("bol.com", [r"\bbol\.com\b", r"\b(?-i:Bol)\b", r"\bbol(?= partner)"]),
    "flipkart": ("Flipkart", [r"flipkart"]),
    "coupang": ("Coupang", [r"coupang", r"쿠팡", r"酷澎"]),
    "noon": ("noon", [r"\bnoon\.com\b", r"\bmarketplace noon\b",
                      r"\bnoon(?= (?:seller|sellers|marketplace|will|has|makes|requires|asks|told|is asking))",
                      r"(?<![\u0621-\u064a])[وبل]?نون(?![\u0621-\u064a])"]),
    "trendyol": ("Trendyol", [r"trendyol"]),
    "hepsiburada": ("Hepsiburada", [r"hepsiburada"]),
    "fnac": ("Fnac", [r"\bfnac\b"]),
    "wayfair": ("Wayfair", [r"wayfair"]),
    "newegg": ("Newegg", [r"newegg"]),
    "shein": ("SHEIN", [r"\bshein\b", r"希音"]),
    # app stores, developer consoles and other seller platforms (keys that are no part of a host
    # name where the brand's own domains are not .com/.xx: lookalike_host reads the keys as brands)
    "google_play": ("Google Play", [r"google play", r"play console", r"play store", r"구글 ?플레이", r"グーグルプレイ"]),
    "app_store": ("Apple App Store", [r"app store", r"apple developer", r"apple-entwickler", r"appstore",
                                      r"itunes connect", r"\bapple id\b"]),
    "chrome_web_store": ("Chrome Web Store", [r"chrome[ -]web ?store", r"chrome-webstore"]),
    "mozilla_addons": ("Firefox Add-ons", [r"\bmozilla\b", r"firefox add-?ons?", r"addons\.mozilla"]),
    "steam": ("Steam", [r"\bsteam(?:works)?\b", r"steampowered"]),
    "getyourguide": ("GetYourGuide", [r"getyourguide", r"get your guide"]),
    "unimarket": ("Unimarket", [r"unimarket"]),
    "naver": ("Naver Smart Store", [r"\bnaver\b", r"네이버", r"스마트스토어"]),
    "gmarket": ("Gmarket", [r"gmarket", r"g마켓", r"지마켓"]),
    "dhgate": ("DHgate", [r"dhgate", r"敦煌网", r"敦煌網"]),
    "taobao": ("Taobao", [r"taobao", r"淘宝", r"淘寶"]),
    "tokopedia": ("Tokopedia", [r"tokopedia"]),
    "catawiki": ("Catawiki", [r"catawiki"]),
    "leboncoin": ("leboncoin", [r"leboncoin"]),
    "whatnot": ("Whatnot", [r"\bwhatnot\b"]),
    "delcampe": ("Delcampe", [r"delcampe"]),
    "envato": ("Envato", [r"envato"]),
    "roblox": ("Roblox", [r"roblox"]),
    "ms_partner_center": ("Microsoft Partner Center", [r"partner center"]),
}

# Marketplace (country) cues.  Domain and name forms; EU for "European marketplaces".
_MARKETPLACE_PHRASES: list[tuple[str, str]] = [
    ("US", r"amazon\.com(?![.\w])|\bus marketplace|美国站|美区|美国亚马逊|\bu\.s\. sellers|\bus sellers|amazon us\b|amazon\.com\b(?!\.)"),
    ("UK", r"amazon\.co\.uk|\buk marketplace|英国站|amazon uk\b"),
    ("DE", r"amazon\.de\b|德国站|amazon deutschland|amazon germany"),
    ("FR", r"amazon\.fr\b|法国站|amazon france"),
    ("ES", r"amazon\.es\b|西班牙站|amazon españa|amazon spain|en españa"),
    ("IT", r"amazon\.it\b|意大利站|amazon italia"),
    ("JP", r"amazon\.co\.jp|日本站|amazon japan|アマゾンジャパン|amazon\s*jp\b"),
    ("CA", r"amazon\.ca\b|加拿大站|amazon canada"),
    ("MX", r"amazon\.com\.mx|墨西哥站|en méxico|amazon méxico|amazon mexico"),
    ("BR", r"amazon\.com\.br|巴西站"),
    ("IN", r"amazon\.in\b|印度站"),
    ("AU", r"amazon\.com\.au|澳洲站|澳大利亚站"),
    ("AE", r"amazon\.ae\b|阿联酋站"),
    ("SA", r"amazon\.sa\b|沙特站"),
    ("SG", r"amazon\.sg\b|新加坡站"),
    ("EU", r"欧洲站|european marketplaces|eu marketplaces|sellers in the eu|vendeurs de l'ue|\beu sellers|in der eu\b|en europe\b|europ[äe]isch\w* marktpl\w*"),
]


_MARKETPLACES_JSON = Path(__file__).resolve().parent.parent / "data" / "marketplaces.json"
# Amazon marketplace codes (monitor/data/marketplaces.json) and "EU" for the European marketplaces together
MARKETPLACE_CODES: tuple[str, ...] = tuple(
    m["code"] for m in json.loads(_MARKETPLACES_JSON.read_text(encoding="utf-8"))["marketplaces"]) + ("EU",)


def _marketplace_patterns() -> list[tuple[str, str]]:
    """code -> one alternation: the fixed phrases above, the retail domains of marketplaces.json, and
    each language's country names put into its marketplace phrases ("amazon japan", "日本のAmazon",
    "sellers in the US store", "美国站")."""
    by_code: dict[str, list[str]] = {}
    for code, pat in _MARKETPLACE_PHRASES:
        by_code.setdefault(code, []).append(pat)
    for m in json.loads(_MARKETPLACES_JSON.read_text(encoding="utf-8"))["marketplaces"]:
        by_code.setdefault(m["code"], []).append(re.escape(m["retail_domain"]) + r"(?!\.\w)(?!\w)")
    for mod in LANG_MODULES.values():
        for code, names in mod.COUNTRIES.items():
            if code not in MARKETPLACE_CODES:
                continue
            alt = "(?:" + "|".join(names) + ")"
            by_code.setdefault(code, []).extend(t.replace("{c}", alt) for t in mod.MARKETPLACE_TEMPLATES)
    return [(code, "|".join(dict.fromkeys(pats))) for code, pats in by_code.items()]


MARKETPLACES: list[tuple[str, str]] = _marketplace_patterns()
# Where a marketplace phrase can stand: near one of these words (every phrase above holds one); the
# marketplace regex is run only around them.
MARKETPLACE_ANCHORS: tuple[str, ...] = tuple(dict.fromkeys(
    w for mod in LANG_MODULES.values() for w in mod.MARKETPLACE_ANCHORS))

# A request for a password, code or card details, or a push to a link (every language's PHISHING_REQUEST).
PHISHING_REQUEST = "|".join(f for mod in LANG_MODULES.values() for f in mod.PHISHING_REQUEST)

# Domains platforms serve from that are not "<brand>.<tld>" (images, cloud, short links): not look-alikes.
FIRST_PARTY_DOMAINS = ("media-amazon.com", "ssl-images-amazon.com", "images-amazon.com", "amazonaws.com",
                       "aboutamazon.com", "amazon.jobs", "amazon.science", "amazonpay.com", "amzn.to", "a2z.com",
                       "ebaystatic.com", "ebayimg.com", "etsystatic.com", "shopeemobile.com", "aliexpress.us",
                       "walmartimages.com", "rakuten.co.jp", "tiktokcdn.com", "tiktokshop.com", "shopifycdn.com",
                       "myshopify.com", "steampowered.com", "steamgames.com", "steamcommunity.com",
                       "steamstatic.com")

# Country of a URL host (sellercentral.amazon.de -> DE).
HOST_COUNTRY: list[tuple[str, str]] = [
    (r"\.co\.jp$|\.jp$", "JP"), (r"\.co\.uk$|\.uk$", "UK"), (r"\.de$", "DE"), (r"\.fr$", "FR"),
    (r"\.es$", "ES"), (r"\.it$", "IT"), (r"\.ca$", "CA"), (r"\.com\.mx$|\.mx$", "MX"),
    (r"\.com\.br$|\.br$", "BR"), (r"\.in$", "IN"), (r"\.com\.au$|\.au$", "AU"), (r"\.ae$", "AE"),
    (r"sellercentral-europe", "EU"), (r"sellercentral\.amazon\.com$", "US"),
]

# Settings pages of a seller interface named in any language ("Advanced Security Settings", "高度なセキュリティ設定").
SETTINGS_PAGES = "|".join(f for mod in LANG_MODULES.values() for f in mod.SETTINGS_PAGES)

# Where in the seller interface: concept -> canonical path.
WHERE_CANONICAL = {
    "notif_prefs": "Seller Central > Settings > Notification Preferences",
    "login_settings": "Seller Central > Settings > Login Settings",
}

# Contact-type order of specificity, used for the story key.
CONTACT_CORE_ORDER = ("emergency_contact", "two_step_verification", "phone", "email", "contact_details")

# Other-verification subtopics (concept -> story subtopic), most specific first.
OV_SUBTOPICS = (("ov_video", "video_call"), ("ov_kyc", "business_data"), ("ov_tax", "tax"),
                ("ov_address", "address"), ("ov_bank", "bank"), ("ov_identity", "identity"))

TRAP_LABELS = {
    "trap_phishing": "phishing or scam wording",
    "trap_troubleshoot": "login / code troubleshooting",
    "trap_optional": "optional feature wording",
    "trap_nonseller": "portal that is not a seller marketplace",
    "trap_eligibility": "programme eligibility condition",
    "trap_other_topic": "announcement on another topic (fees, FBA, returns, events, tariffs)",
}


# Word boundaries for Latin-script fragments.  ``\w`` would also count CJK characters as word
# characters, so "Seller Central的" or "eBay强制" would never match; only Latin letters, digits and
# the underscore glue a fragment to its neighbours.
_LATIN_W = r"0-9A-Za-z_\u00c0-\u024f"
# Case-sensitive on purpose (``(?-i:``): the class lists both cases, and an IGNORECASE class test
# costs a case fold at every position scanned.
LB = rf"(?-i:(?<![{_LATIN_W}]))"
RB = rf"(?-i:(?![{_LATIN_W}]))"


def _first_chars(pattern: str) -> set[str] | None:
    r"""The characters a match of ``pattern`` can start with, as character-class items, or None
    when that cannot be said cheaply (a leading ``\w``, ``.``, a negated class...).  Used to put a
    ``(?=[...])`` in front of long alternations so the scanner skips most positions with one test
    instead of trying every branch (Python's ``re`` does no such prefilter for these patterns)."""
    try:
        from re import _constants as C, _parser as P  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_constants as C  # type: ignore[no-redef]
        import sre_parse as P  # type: ignore[no-redef]
    try:
        tree = P.parse(pattern, re.IGNORECASE)
    except re.error:
        return None

    def seq(items) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in items:
            f, nullable = one(op, av)
            if f is None:
                return None, False
            out |= f
            if not nullable:
                return out, False
        return out, True

    def one(op, av) -> tuple[set[str] | None, bool]:
        if op is C.LITERAL:
            ch = chr(av)
            return {re.escape(ch), re.escape(ch.lower()), re.escape(ch.upper())}, False
        if op is C.IN:
            parts = set()
            for o, a in av:
                if o is C.LITERAL:
                    ch = chr(a)
                    parts |= {re.escape(ch), re.escape(ch.lower()), re.escape(ch.upper())}
                elif o is C.RANGE:
                    lo, hi = chr(a[0]), chr(a[1])
                    parts.add(re.escape(lo) + "-" + re.escape(hi))
                    for f in (str.lower, str.upper):
                        if len(f(lo)) == 1 and len(f(hi)) == 1 and f(lo) <= f(hi):
                            parts.add(re.escape(f(lo)) + "-" + re.escape(f(hi)))
                elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
                    parts.add(r"\d")
                else:
                    return None, False
            return parts, False
        if op is C.SUBPATTERN:
            return seq(av[-1])
        if op is C.BRANCH:
            out: set[str] = set()
            nullable = False
            for alt in av[1]:
                f, n = seq(alt)
                if f is None:
                    return None, False
                out |= f
                nullable = nullable or n
            return out, nullable
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            lo, _hi, sub = av
            f, n = seq(sub)
            return f, (lo == 0 or n)
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return set(), True  # zero width
        return None, False

    chars, nullable = seq(tree)
    if chars is None or nullable or not chars:
        return None
    return chars


def _guard(alternation: str) -> str:
    """``alternation`` preceded by a lookahead on its possible first characters, when known."""
    chars = _first_chars(alternation)
    if not chars:
        return alternation
    # both cases are listed, so the class itself is tested case-sensitively (cheaper)
    return "(?-i:(?=[" + "".join(sorted(chars)) + "]))(?:" + alternation + ")"


guard = _guard  # public name for the other analysis modules


def concept_regex_source(concept: str) -> str:
    """One alternation per concept, a named group per language (``en``; ``zh_x`` for the bare
    CJK fragments of a language that also has bounded ones).

    Latin (and ASCII) fragments share *one* pair of boundary checks, so a position inside a word
    is rejected by a single look-behind instead of once per language; the bare CJK fragments come
    after them (at one position only one of the two families can match: they start with
    different scripts).
    """
    bounded_parts, bare_parts = [], []
    for lang, frags in CONCEPTS[concept].items():
        bounded = [f for f in frags if lang in LATIN_LANGS or f.isascii()]
        bare = [f for f in frags if f not in bounded]
        if bounded:
            bounded_parts.append(f"(?P<{lang}>{'|'.join(bounded)})")
        if bare:
            name = lang if not bounded else f"{lang}_x"
            bare_parts.append(f"(?P<{name}>{'|'.join(bare)})")
    parts = []
    if bounded_parts:
        parts.append(LB + _guard("|".join(bounded_parts)) + RB)
    if bare_parts:
        parts.append(_guard("|".join(bare_parts)))
    return "|".join(parts)


@lru_cache(maxsize=None)
def concept_regex(concept: str) -> re.Pattern[str]:
    """One compiled alternation per concept with a named group per language."""
    return re.compile(concept_regex_source(concept), re.IGNORECASE)


def group_lang(name: str | None) -> str:
    """The language of a concept match's group name (``zh_x`` -> ``zh``)."""
    return (name or "").split("_", 1)[0]


def _latin_bounds(pattern: str) -> str:
    r"""``\b`` at the start of an alternative -> LB, elsewhere -> RB (see LB/RB)."""
    pattern = re.sub(r"(^|\|)\\b", lambda m: m.group(1) + LB, pattern)
    return pattern.replace("\\b", RB)


@lru_cache(maxsize=None)
def platform_regex() -> re.Pattern[str]:
    parts = [f"(?P<{key}>{'|'.join(_latin_bounds(p) for p in pats)})" for key, (_, pats) in PLATFORMS.items()]
    return re.compile(_guard("|".join(parts)), re.IGNORECASE)


@lru_cache(maxsize=None)
def marketplace_regex() -> re.Pattern[str]:
    return re.compile(_guard("|".join(f"(?P<{cc}>{_latin_bounds(pat)})" for cc, pat in MARKETPLACES)), re.IGNORECASE)

# ---------------------------------------------------------------------------------------------
# Date roles: a date belongs to a policy only when the words around it say how.  "before" is
# matched at the end of the ~45 characters before the date, "after" at the start of the ~16
# characters after it.
# ---------------------------------------------------------------------------------------------
_CUE_AFTER_PREFIX = {"effective": r"^\W{0,2}", "deadline": r"^\W{0,2}", "announced": r"^\W{0,3}"}


def _cue_alternation(role: str, side: str) -> str:
    frags = list(dict.fromkeys(f for mod in LANG_MODULES.values() for f in mod.DATE_CUES[role][side]))
    return "(?:" + "|".join(frags) + ")"


DATE_CUES: dict[str, dict[str, str]] = {
    role: {"before": _cue_alternation(role, "before") + r"\W{0,3}$",
           "after": _CUE_AFTER_PREFIX[role] + _cue_alternation(role, "after")}
    for role in ("effective", "deadline", "announced")
}
# Words that make a date not the policy's (fee schedules, events, shipping cut-offs).
DATE_NOISE = (r"fee|fees|prime day|lightning deal|black friday|cyber monday|shipping|cut-?off|inventory|storage|"
              r"tariffs?|de minimis|zölle|\bzoll\b|aranceles?|droits de douane|关税|関税|配送费|仓储费|服务费|佣金|"
              r"gebühr|blitzangebot|lagerbestand|tarifa|comisi[oó]n|frais|会员日|秒杀|费用|库存|入仓|手数料|在庫|"
              r"webinar|event|conference|sale")
# Words near a date meaning the announcement itself ("the forum post came on 30 January").
ANNOUNCE_WORDS = "|".join(dict.fromkeys(f for mod in LANG_MODULES.values() for f in mod.ANNOUNCE_WORDS))


# Enforcement stated as a consequence ("ab dem 1. September werden nicht verifizierte Konten gesperrt",
# "after November 15, unverified accounts will be locked out", "11月15日以降、未認証のアカウントは停止されます"):
# a date in one clause with a consequence word and a word naming the accounts that have not complied
# is the deadline, whatever start cue ("ab", "from", "以降", "a partir de") stands before it.
ENFORCE_WORDS = (
    # en
    r"\bsuspen\w*|\bdeactivat\w*|\bdisabled\b|\block(?:ed|s)?(?: out)?\b|\bblock(?:ed|s)?\b|\brestrict\w*|\bon hold\b|"
    r"\bpaused\b|\blose (?:access|the ability)|\bloses? (?:access|the ability)|\b(?:removed|delisted|unpublished|hidden)\b|"
    r"\b(?:can ?not|can't|won't be able to|will not be able to|unable to|no longer (?:be able to )?)\s*(?:sell|list|log|sign|access|upload|receive|create|ship)\w*|"
    # de
    r"\bgesperrt\b|\bsperr\w*|\bdeaktivier\w*|\beingeschränkt\b|\bausgesperrt\b|\bpausiert\b|\bkeine\b[^.;:!?\n]{0,50}\bmehr\b|\bnicht mehr\b|"
    # es / pt / it
    r"\bsuspendid\w*|\bsuspender\w*|\bsuspensi[oó]n|\bbloquead\w*|\bdesactivad\w*|\bdesativad\w*|\brestringid\w*|\bpausad\w*|"
    r"\bno podr[aá]n?\b|\bya no\b|\bsospes\w*|\bbloccat\w*|\bdisattivat\w*|\bnon potranno\b|"
    # fr
    r"\bsuspendu\w*|\bdésactivé\w*|\bbloqué\w*|\brestreint\w*|\bne pourr?ont plus\b|\bn'auront plus\b|"
    # pl / tr
    r"\bzablokow\w*|\bzawiesz\w*|\baskıya\w*|\bengellen\w*|\bkapatıl\w*|(?:yemeyecek|yamayacak)\b|"
    # zh / ja / ko
    r"封号|停用|冻结|凍結|暂停|受限|限制|下架|无法|停止|ログインできなく|できなくな|利用できな|정지|제한|차단")
# The accounts (addresses, partners, sellers) that have not verified: the consequence is about them.
NONCOMPLIANT_WORDS = (
    r"\bun(?:verified|confirmed|validated)\b|\bnon-?(?:verified|compliant)\b|\bnot (?:been )?(?:verified|confirmed|validated)\b|"
    r"\bwithout (?:a |an )?(?:verified|confirmed|verification|verifying)|\b(?:who|that|which) (?:have not|haven't|has not|hasn't|do not|don't|does not|doesn't|did not|didn't|fail)\b|"
    r"\bfail(?:s|ing)? to\b|\bif (?:not|you don't|you do not)\b|\botherwise\b|"
    r"\bnicht (?:verifiziert|bestätigt|validiert)\w*|\bunbestätigt\w*|\bunverifiziert\w*|\bohne (?:bestätigt|verifiziert|gültig)\w*|"
    r"\b(?:die|der|welche) (?:nicht|keine)\b|"
    r"\bno (?:verificad|validad|confirmad)\w*|\bsin (?:verificar|validar|confirmar)\b|\bque no\b|"
    r"\bnon (?:vérifié|confirmé|validé|verificat)\w*|\bqui n'(?:ont|auront) pas\b|\bsans (?:avoir|vérif)\w*|"
    r"\bnão (?:verificad|validad)\w*|\bniezweryfikowan\w*|\bdoğrula(?:ma yapmayan|nmamış|mayan)\w*|"
    r"未认证|未驗證|未验证|未認証|未确认|未確認|未完成|未通过|未绑定|没有验证|未登録|されていない|していない|しない場合|미인증")
# A period counted from the date ("7天内未完成验证的店铺将被限制", "within 14 days", "innerhalb von 7 Tagen"):
# the consequence falls at the end of that period, not on the date itself.
ENFORCE_PERIOD = (r"\d+\s*(?:个)?(?:天|日|営業日|周|週間|小时|時間)(?:内|以内|之内)|"
                  r"\b(?:within|in)\s+\d+\s+(?:days?|weeks?|hours?)\b|\binnerhalb (?:von )?\d+\s+(?:tag|woche|stunde)\w*|"
                  r"\b(?:dentro de|en(?: un plazo de)?)\s+\d+\s+(?:d[ií]as|semanas|horas)\b|\bsous \d+\s+(?:jours|semaines|heures)\b")
# Obligation words the "require" concept does not list but a date's clause may carry ("需验证").
ENFORCE_OBLIGATION = r"需(?!求)|必须|須|応じ"
