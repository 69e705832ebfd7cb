"""Korean (ko): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "ko"
NAME = "Korean"
SCRIPT = "hangul"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
}
MONTH_SUFFIX = "월"

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "월요일": 0,
    "화요일": 1,
    "수요일": 2,
    "목요일": 3,
    "금요일": 4,
    "토요일": 5,
    "일요일": 6,
}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [],
        "after": [r"부터", r"이후", r"부로"],
    },
    "deadline": {
        "before": [r"기한(?:은|는)?"],
        "after": [r"까지"],
    },
    "announced": {
        "before": [],
        "after": [r"(?:일\s*)?밝혔", r"발표", r"공지"],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"밝혔", r"공지", r"발표"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "KR": [r"한국", r"국내"],
    "US": [r"미국"],
    "JP": [r"일본"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = ["아마존"]
MARKETPLACE_TEMPLATES: list[str] = [r"{c}\s*아마존",
    r"아마존\s*{c}"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:비밀번호|인증번호|카드 ?번호)(?:를|을)? ?(?:보내|알려|회신)",
    r"아래 링크를 (?:클릭|눌러)",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    r"보안 ?설정",
    r"계정 ?설정",
    r"회원 ?정보",
    r"로그인 ?보안",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"긴급 ?연락처", r"비상 ?연락처",
    ],
    "two_step": [
        r"2단계 ?인증", r"이중 ?인증", r"2차 ?인증", r"2중 ?인증",
    ],
    "phone": [
        r"휴대폰", r"휴대전화", r"전화번호", r"핸드폰",
    ],
    "email": [
        r"이메일", r"메일 ?주소", r"전자우편",
    ],
    "contact_details": [
        r"연락처", r"담당자 ?정보",
    ],
    "notif_prefs": [
        r"알림 ?설정",
    ],
    "verify": [
        r"인증", r"확인", r"검증",
    ],
    "otp": [
        r"인증번호", r"인증 ?코드", r"일회용 ?비밀번호",
    ],
    "sms": [
        r"문자",
    ],
    "require": [
        r"의무", r"필수", r"해야", r"하여야", r"요구", r"요청",
    ],
    "event": [
        r"부터", r"시행", r"도입", r"공지", r"새로운", r"의무화",
    ],
    "seller": [
        r"판매자", r"셀러", r"입점",
    ],
    "consequence": [
        r"보류", r"정지", r"제한", r"차단",
    ],
    "buyer": [
        r"구매자", r"고객", r"회원",
    ],
    "ov_identity": [
        r"신분증", r"여권",
    ],
    "ov_address": [
        r"사업장 ?주소", r"주소 ?확인",
    ],
    "ov_bank": [
        r"통장", r"계좌",
    ],
    "ov_tax": [
        r"세금", r"사업자등록번호", r"부가세",
    ],
    "ov_kyc": [
        r"사업자 ?등록증", r"서류",
    ],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"사기",
    ],
    "trap_phishing": [
        r"피싱", r"사기 ?(?:문자|메일)", r"스미싱",
    ],
    # the earlier state a change replaces ("optional so far, mandatory from ...")
    "formerly": [
        r"기존", r"이전", r"지금까지",
    ],
    # the protective purpose of a measure ("to prevent fraud"): fraud as a motive, not a phishing warning
    "motive": [
        r"방지", r"예방", r"보호",
    ],
    "trap_optional": [
        r"선택 ?사항", r"선택적", r"해제할 수 있", r"끌 수 있",
    ],
    "trap_nonseller": [
        r"제휴",
    ],
    "trap_other_topic": [
        r"수수료", r"반품", r"배송",
    ],
    "help_page": [
        r"방법", r"하는 법",
    ],
}
