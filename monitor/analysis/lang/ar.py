"""Arabic (ar): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "ar"
NAME = "Arabic"
SCRIPT = "arabic"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "أبريل": 4, "ابريل": 4, "إبريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يوليو": 7,
    "أغسطس": 8, "اغسطس": 8,
    "سبتمبر": 9,
    "أكتوبر": 10, "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
}
MONTH_SUFFIX = ""

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الأربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "السبت": 5,
    "الأحد": 6,
}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [r"اعتبار[اًا]* من", r"ابتداء[ًا]* من", r"منذ", r"من"],
        "after": [],
    },
    "deadline": {
        "before": [r"بحلول", r"قبل", r"حتى", r"آخر ميعاد", r"موعد أقصاه"],
        "after": [],
    },
    "announced": {
        "before": [],
        "after": [],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"أعلن\w*"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "AE": [r"الإمارات", r"الامارات"],
    "SA": [r"السعودية"],
    "EG": [r"مصر"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = ["أمازون", "امازون"]
MARKETPLACE_TEMPLATES: list[str] = [r"أمازون\s*{c}"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:ارسل|أرسل|شارك)(?:نا)? (?:كلمة (?:المرور|السر)|رمز التحقق)",
    r"اضغط على الرابط أدناه",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    r"إعدادات (?:الحساب|الأمان)",
    r"معلومات الحساب",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"جهة (?:ال)?اتصال[^.،\n]{0,20}?(?:ال)?طوارئ", r"رقم الطوارئ",
    ],
    "two_step": [
        r"التحقق بخطوتين", r"المصادقة الثنائية", r"التحقق الثنائي", r"المصادقة (?:متعددة|ثنائية) العوامل",
    ],
    "phone": [
        r"رقم (?:ال)?(?:هاتف|جوال|موبايل)", r"(?<![\u0621-\u064a])(?:ال)?هاتف", r"(?<![\u0621-\u064a])(?:ال)?جوال",
        r"(?<![\u0621-\u064a])(?:ال)?موبايل", r"(?<![\u0621-\u064a])(?:ال)?محمول",
    ],
    "email": [
        r"البريد (?:ال)?(?:إ|ا)لكتروني", r"الإيميل", r"والإيميل",
    ],
    "contact_details": [
        r"معلومات الاتصال", r"بيانات الاتصال",
    ],
    "notif_prefs": [
        r"تفضيلات الإشعارات", r"إعدادات الإشعارات",
    ],
    "verify": [
        r"التحقق", r"تحقق", r"بالتحقق", r"تأكيد", r"توثيق",
    ],
    "otp": [
        r"رمز (?:التحقق|لمرة واحدة)", r"كلمة (?:مرور|سر) لمرة واحدة", r"عبر رمز",
    ],
    "sms": [
        r"رسالة نصية", r"رسالة قصيرة", r"رسائل نصية",
    ],
    "require": [
        r"إلزامي\w*", r"إجباري\w*", r"اجباري\w*", r"يجب", r"يتعين", r"سيتعين", r"مطالبة", r"تطلب", r"يطلب", r"طلبت",
        r"ملزم",
    ],
    "event": [
        r"اعتبار[اًا]*", r"ابتداء[ًا]*", r"بدأت", r"أعلنت", r"منذ", r"بقى",
    ],
    "seller": [
        r"البائع\w*", r"بائع\w*", r"لبائعي", r"التجار", r"لوحة البائع",
    ],
    "consequence": [
        r"تعليق", r"إيقاف", r"تجميد", r"حظر", r"هتتوقف", r"ستتوقف",
    ],
    "buyer": [
        r"المشترين", r"المشتري", r"العملاء", r"المتسوقين",
    ],
    "ov_identity": [
        r"الهوية", r"جواز السفر", r"بطاقة الهوية",
    ],
    "ov_address": [
        r"عنوان (?:النشاط|الشركة)", r"التحقق من العنوان",
    ],
    "ov_bank": [
        r"الحساب البنكي", r"الحساب المصرفي", r"آيبان",
    ],
    "ov_tax": [
        r"الضريب\w*", r"التسجيل الضريبي",
    ],
    "ov_kyc": [
        r"الرخصة التجارية", r"السجل التجاري", r"المستندات",
    ],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"احتيال",
    ],
    "trap_phishing": [
        r"تصيد", r"رسائل مزيفة",
    ],
    "trap_optional": [
        r"اختياري\w*",
    ],
    "trap_nonseller": [
        r"التسويق بالعمولة",
    ],
    "trap_other_topic": [
        r"الرسوم", r"العمولة", r"التوصيل", r"الشحن",
    ],
    "help_page": [
        r"كيفية", r"دليل", r"خطوة بخطوة",
    ],
}
