"""Facts read from text: date forms per language, their roles, year resolution, marketplace from the
text, and no consequences from phishing.  Short examples written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from monitor.analysis.dates import find_dates, find_relative, resolve_year
from monitor.analysis.extract import (consequences, lookalike_host, marketplace, phishing_shaped, platform,
                                      policy_dates, url_date)
from monitor.analysis.features import build

# (id, language, text, expected (year or None, month, day) of the first mention)
DATE_FORMS = [
    ("en-weekday", "en", "Enable it by Tuesday 31 October.", (None, 10, 31)),
    ("en-weekday-comma", "en", "The change starts on Monday, March 3, 2025.", (2025, 3, 3)),
    ("en-ordinal", "en", "It went live on January 24th.", (None, 1, 24)),
    ("en-abbrev", "en", "Required from Feb. 27, 2019 onwards.", (2019, 2, 27)),
    ("de-ab-dem", "de", "Ab dem 1. September gilt die Pflicht.", (None, 9, 1)),
    ("de-weekday", "de", "Bitte bis Dienstag, 31. Oktober erledigen.", (None, 10, 31)),
    ("de-dotted", "de", "Stichtag ist der 31.10.2017.", (2017, 10, 31)),
    ("fr-premier", "fr", "À partir du 1er février, c'est obligatoire.", (None, 2, 1)),
    ("es-de", "es", "Desde el 24 de enero de 2025 es obligatorio.", (2025, 1, 24)),
    ("it", "it", "Dal 24 gennaio la verifica è obbligatoria.", (None, 1, 24)),
    ("pt", "pt", "A partir de 24 de janeiro a verificação é obrigatória.", (None, 1, 24)),
    ("pl", "pl", "Do 31 października trzeba potwierdzić numer.", (None, 10, 31)),
    ("tr", "tr", "24 Ocak itibarıyla zorunlu.", (None, 1, 24)),
    ("nl", "nl", "Vanaf 1 september 2025 verplicht.", (2025, 9, 1)),
    ("zh-no-year", "zh", "2月5日起卖家须验证手机号。", (None, 2, 5)),
    ("zh-year", "zh", "2025年1月24日起生效。", (2025, 1, 24)),
    ("zh-quoted", "zh", "平台将于「2月5日」上线。", (None, 2, 5)),
    ("ja-year", "ja", "2025年1月24日から必須になります。", (2025, 1, 24)),
    ("ja-no-year", "ja", "1月24日から必須になります。", (None, 1, 24)),
    ("ja-era", "ja", "令和7年1月24日から必須です。", (2025, 1, 24)),
    ("ko-year", "ko", "2025년 1월 24일부터 의무화됩니다.", (2025, 1, 24)),
    ("ko-no-year", "ko", "1월 24일부터 적용됩니다.", (None, 1, 24)),
    ("ar", "ar", "اعتبارا من 24 يناير 2025 يجب التحقق", (2025, 1, 24)),
]


@pytest.mark.parametrize("lang,text,expected", [c[1:] for c in DATE_FORMS], ids=[c[0] for c in DATE_FORMS])
def test_date_forms(lang, text, expected):
    found = find_dates(text, lang)
    assert found, text
    first = found[0]
    assert (first.year, first.month, first.day) == expected


# Dates named relative to the publication date (published, text, expected ISO date)
RELATIVE = [
    ("ko-this-month", "2020-09-21", "이달 24일부터 2단계 인증이 적용된다.", "2020-09-24"),
    ("ko-said-on", "2020-09-21", "네이버는 도입한다고 21일 밝혔다.", "2020-09-21"),
    ("ko-coming", "2020-09-21", "오는 5일까지 설정해야 한다.", "2020-10-05"),
    ("ko-last", "2020-09-21", "지난 29일 공지가 나왔다.", "2020-08-29"),
    ("ja-this-month", "2024-06-10", "今月24日から必須です。", "2024-06-24"),
    ("zh-next-month", "2024-06-10", "下个月5号起生效。", "2024-07-05"),
    ("en-of-next-month", "2024-06-10", "Starting on the 3rd of next month.", "2024-07-03"),
    ("en-next-weekday", "2024-06-10", "It begins next Friday.", "2024-06-14"),
    ("de-tomorrow", "2024-06-10", "Ab morgen gilt die Pflicht.", "2024-06-11"),
]


@pytest.mark.parametrize("published,text,expected", [c[1:] for c in RELATIVE], ids=[c[0] for c in RELATIVE])
def test_relative_dates(published, text, expected):
    got = find_relative(text, dt.date.fromisoformat(published))
    assert got, text
    d = got[0]
    assert dt.date(d.year, d.month, d.day).isoformat() == expected


# A day and month without a year, resolved against the publication date
YEARS = [
    ("near-past", (1, 24), "2025-01-30", {}, "2025-01-24"),
    ("near-future", (2, 5), "2025-01-30", {}, "2025-02-05"),
    ("december-seen-in-january", (12, 20), "2025-01-05", {}, "2024-12-20"),
    ("january-seen-in-december", (1, 10), "2024-12-20", {}, "2025-01-10"),
    ("far-ahead-is-last-year", (10, 31), "2025-03-01", {}, "2024-10-31"),
    ("deadline-ahead", (6, 30), "2025-03-01", {"future_bias": True}, "2025-06-30"),
    ("ahead-without-tense", (5, 10), "2025-03-01", {}, "2025-05-10"),
    ("past-tense", (5, 10), "2025-03-01", {"past_bias": True}, "2024-05-10"),
]


@pytest.mark.parametrize("md,published,kw,expected", [c[1:] for c in YEARS], ids=[c[0] for c in YEARS])
def test_year_resolution(md, published, kw, expected):
    assert resolve_year(*md, dt.date.fromisoformat(published), **kw).isoformat() == expected


@pytest.mark.parametrize("url,expected", [
    ("https://news.example.org/2021/03/15/story", "2021-03-15"),
    ("https://news.example.org/2021-03-15-story.html", "2021-03-15"),
    ("https://news.example.org/20200921000165", "2020-09-21"),
    ("https://news.example.org/p/13625.html", None),
    ("https://news.example.org/2021/99/99/x", None),
    ("", None),
])
def test_url_date(url, expected):
    got = url_date(url)
    assert (got.isoformat() if got else None) == expected


def _dates(text, published=None, title="", lang=None, url=None):
    rec = {"id": "t", "title": title, "text": text, "language": lang, "url": url}
    pub = dt.date.fromisoformat(published) if published else None
    return policy_dates(build(rec, pub), today=dt.date(2026, 3, 1))


# The role a date plays, from the words around it (text, published, effective, deadline, announced)
ROLES = [
    ("de-ab-dem", "de", "Ab dem 1. September 2025 müssen Händler ihre Telefonnummer bestätigen.", "2025-08-01",
     "2025-09-01", None, None),
    ("ja-kara", "ja", "出品者は1月24日から緊急連絡先の確認が求められます。", "2025-01-10", "2025-01-24", None, None),
    ("ja-madeni", "ja", "出品者は6月30日までに2段階認証を設定する必要があります。", "2025-05-01", None, "2025-06-30", None),
    ("ko-buteo", "ko", "판매자는 2025년 1월 24일부터 휴대폰 인증을 해야 합니다.", "2025-01-10", "2025-01-24", None, None),
    ("ko-kkaji", "ko", "판매자는 6월 30일까지 2단계 인증을 설정해야 합니다.", "2025-05-01", None, "2025-06-30", None),
    ("zh-qi", "zh", "卖家须于2月5日前完成手机号验证。", "2025-01-20", None, "2025-02-05", None),
    ("de-stichtag", "de", "Amazon setzt für die Zwei-Schritt-Verifizierung als Stichtag den 31.10.2017.", "2017-10-01",
     None, "2017-10-31", None),
    ("en-go-into-effect", "en", "Sellers must verify their phone number with a code. The new rules go into effect "
     "on August 2.", "2025-07-01", "2025-08-02", None, None),
    ("en-as-early-as", "en", "Starting as early as March 28, sellers must verify their phone number with a code.",
     "2025-03-14", "2025-03-28", None, None),
    ("en-announced-until", "en", "Verification of the emergency contact began on January 24 but Amazon did not "
     "release the announcement until January 30.", "2025-02-05", "2025-01-24", None, "2025-01-30"),
    # mandatory from a day: that day is also the deadline
    ("en-mandatory-from", "en", "From November 1, two-step verification is mandatory for all seller accounts.",
     "2025-10-20", "2025-11-01", "2025-11-01", None),
    ("ja-hissu", "ja", "2025年10月31日より、出品用アカウントのログイン時における2段階認証が必須となります。", None,
     "2025-10-31", "2025-10-31", None),
    # a plain "must verify" from a day is the start of an action, not a gate
    ("en-must-from", "en", "From March 1, sellers must verify their phone number with an SMS code.", "2025-02-20",
     "2025-03-01", None, None),
]


@pytest.mark.parametrize("lang,text,published,effective,deadline,announced", [c[1:] for c in ROLES],
                         ids=[c[0] for c in ROLES])
def test_date_roles(lang, text, published, effective, deadline, announced):
    got = _dates(text, published, title="Phone verification", lang=lang)
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    assert iso(got.effective) == effective
    assert iso(got.deadline) == deadline
    if announced:
        assert iso(got.announced) == announced


def test_no_published_year_from_text_is_noted():
    got = _dates("On 19 September 2022 the platform posted a notice: starting September 24 sellers must "
                 "verify their phone number with an SMS code.", title="Phone verification")
    assert got.effective == dt.date(2022, 9, 24)
    assert any("latest full date" in n for n in got.notes)


# Marketplace named by the text (text, url, expected code)
MARKETPLACES = [
    ("us-store", "Amazon now asks all sellers in the US store to verify their phone number.", None, "US"),
    ("jp-no", "日本のAmazonで出品している方は電話番号の確認が必要です。", None, "JP"),
    ("de-domain", "Händler auf Amazon.de müssen ihre Telefonnummer bestätigen.", None, "DE"),
    ("amazon-japan", "Amazon Japan asks sellers to set up two-step verification.", None, "JP"),
    ("zh-site", "亚马逊美国站卖家须验证手机号。", None, "US"),
    ("zh-north-america", "北美站卖家须开启两步验证。", None, "US"),
    ("fr-vendeurs", "Amazon France demande aux vendeurs de confirmer leur numéro.", None, "FR"),
    ("pronoun-us", "Amazon asks sellers to let us store their phone number.", None, None),
    ("host", "Sellers must verify their phone number.", "https://sellercentral.amazon.co.uk/forums/t/1", "UK"),
    ("other-platform", "eBay asks US sellers to verify their phone number.", None, None),
]


@pytest.mark.parametrize("text,url,expected", [c[1:] for c in MARKETPLACES], ids=[c[0] for c in MARKETPLACES])
def test_marketplace_from_text(text, url, expected):
    doc = build({"id": "m", "title": "", "text": text, "url": url}, None)
    assert marketplace(doc, platform(doc)) == expected


@pytest.mark.parametrize("host,expected", [
    ("sellercentral.amazon.com", False), ("www.amazon.co.jp", False), ("m.media-amazon.com", False),
    ("amazon.com.verify-account.example", True), ("amaz0n-seller.com", True), ("arnazon.de", True),
    ("ebay-verify.net", True), ("www.ebay.de", False), ("example.org", False),
])
def test_lookalike_host(host, expected):
    assert lookalike_host(host) is expected


# (text, phishing-shaped?, consequences expected?)
CONSEQUENCES = [
    ("scam-code", "Dear seller, send us the verification code you received or your account will be suspended.",
     True, False),
    ("scam-link", "Your seller account will be deactivated. Click the link below to confirm your phone number.",
     True, False),
    ("scam-host", "Confirm your phone number at https://amazon.com.verify-account.example/login or your account "
     "will be suspended.", True, False),
    ("zh-scam", "尊敬的卖家，请回复您的验证码，否则账户将被冻结。", True, False),
    ("real-with-warning", "Sellers must verify their phone number by March 31, or their accounts will be suspended. "
     "Amazon will never ask you to send us your password.", False, True),
    ("real-enter-code", "Enter the verification code in Seller Central. Unverified accounts will be suspended.",
     False, True),
]


@pytest.mark.parametrize("text,shaped,has_consequence", [c[1:] for c in CONSEQUENCES],
                         ids=[c[0] for c in CONSEQUENCES])
def test_phishing_gives_no_consequences(text, shaped, has_consequence):
    doc = build({"id": "p", "title": "", "text": text}, None)
    assert phishing_shaped(doc) is shaped
    got = consequences(doc, set(range(len(doc.sents))))
    assert bool(got) is has_consequence


def test_consequences_are_never_a_link():
    doc = build({"id": "u", "title": "", "text": "Unverified accounts will be suspended: "
                 "https://sellercentral.amazon.com/help/hub/reference/G123"}, None)
    got = consequences(doc, {0})
    assert got and "http" not in got and "sellercentral.amazon.com/" not in got


# Where in the seller interface (text, expected)
WHERE = [
    ("canonical", "Go to Settings > Login Settings and add a phone number.", "Seller Central > Settings > Login Settings"),
    ("path", "Open My Account > Account Security.", "Open My Account > Account Security"),  # as written
    ("en-page", "Turn it on under Advanced Security Settings in Seller Central.", "Advanced Security Settings"),
    ("en-prose", "This protects your account security.", None),
    ("ja-page", "高度なセキュリティ設定から2段階認証を有効にしてください。", "高度なセキュリティ設定"),
    ("de-page", "Die Telefonnummer ändern Sie in den Konto-Einstellungen.", "Konto-Einstellungen"),
    ("zh-page", "请在登录&安全页面开启两步验证。", "登录&安全"),
    # the console of another platform, and the moment the check prompts
    ("en-console", "Developers will need to verify a phone number in Play Console.", "Play Console"),
    ("en-login", "You will be asked for the code when you sign in to Seller Hub.", "when you sign in to Seller Hub"),
    ("en-listing", "A prompt appears when you create a new listing.", "when you create a new listing"),
    ("en-banner", "Sellers see a banner on the Account Health page.", "banner on the Account Health"),
    ("de-listing", "Die SMS kommt beim Aufgeben einer Anzeige.", "beim Aufgeben einer Anzeige"),
    ("de-login", "Der Code wird beim Einloggen abgefragt.", "beim Einloggen"),
    ("de-myebay", "Die Nummer steht unter Mein eBay.", "Mein eBay"),
    ("zh-backend", "卖家需在卖家中心完成手机验证。", "卖家中心"),
    ("zh-tw-backend", "賣家需在賣家中心完成手機驗證。", "賣家中心"),  # quoted as written
    ("ja-login", "ログイン時に確認コードの入力を求められます。", "ログイン時"),
    ("en-no-console", "The Console of the game shows the time.", None),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in WHERE], ids=[c[0] for c in WHERE])
def test_where(text, expected):
    from monitor.analysis.extract import where

    assert where(build({"id": "w", "title": "", "text": text}, None)) == expected


@pytest.mark.parametrize("value,expected", [
    ("2021-09", "2021-09-01"), ("2019", "2019-07-01"), ("2021-03-15", "2021-03-15"), ("2021-13", None),
])
def test_partial_publication_dates(value, expected):
    from monitor.analysis.dates import parse_published

    got = parse_published(value)
    assert (got.isoformat() if got else None) == expected
