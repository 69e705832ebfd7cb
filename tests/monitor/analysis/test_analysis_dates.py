"""Date extraction and year resolution against the publication date."""

import datetime as dt

import pytest

from monitor.analysis import analyze
from monitor.analysis.dates import find_dates, parse_published, resolve_year

D = dt.date

FIND = [
    ("en", "beginning January 24, all sellers", (None, 1, 24)),
    ("en", "by February 3, 2020", (2020, 2, 3)),
    ("en", "on January 24th", (None, 1, 24)),
    ("en", "from 1 March 2024", (2024, 3, 1)),
    ("de", "seit dem 24. Januar", (None, 1, 24)),
    ("de", "bis 24.01.2025", (2025, 1, 24)),
    ("de", "bis zum 3. Februar 2020", (2020, 2, 3)),
    ("es", "desde el 24 de enero de 2025", (2025, 1, 24)),
    ("fr", "à partir du 1er février", (None, 2, 1)),
    ("fr", "depuis le 24 janvier", (None, 1, 24)),
    ("zh", "从1月24日起", (None, 1, 24)),
    ("zh", "2020年2月3日前", (2020, 2, 3)),
    ("ja", "2024年7月1日より", (2024, 7, 1)),
    ("ja", "6月30日までに", (None, 6, 30)),
    ("en", "2025-01-24", (2025, 1, 24)),
]


@pytest.mark.parametrize("lang,text,expected", FIND, ids=[f"{c[0]}-{i}" for i, c in enumerate(FIND)])
def test_find_dates(lang, text, expected):
    got = find_dates(text, lang)
    assert got, text
    assert (got[0].year, got[0].month, got[0].day) == expected


def test_may_as_verb_is_not_a_date():
    assert find_dates("Sellers may 3 times retry", "en") == []


RESOLVE = [
    # (month, day, published, past_bias, future_bias, expected)
    (1, 24, D(2025, 1, 30), True, False, D(2025, 1, 24)),
    (12, 20, D(2025, 1, 10), False, False, D(2024, 12, 20)),   # December seen in January: last year
    (3, 2, D(2020, 2, 20), False, True, D(2020, 3, 2)),        # deadline ahead
    (11, 1, D(2025, 2, 1), True, False, D(2024, 11, 1)),       # far "future" month-day in past tense
    (2, 3, D(2019, 12, 10), False, True, D(2020, 2, 3)),       # deadline in the next year
    (1, 24, D(2026, 12, 3), False, False, D(2027, 1, 24)),     # the nearer one
]


@pytest.mark.parametrize("m,d,pub,past,future,expected", RESOLVE)
def test_resolve_year(m, d, pub, past, future, expected):
    assert resolve_year(m, d, pub, past_bias=past, future_bias=future) == expected


def test_resolve_year_not_after_a_day():
    # read on 3 December with no publication date, "已于1月24日启动" (has started on) is a past day
    assert resolve_year(1, 24, D(2026, 12, 3), past_bias=True, not_after=D(2026, 12, 3)) == D(2026, 1, 24)
    assert resolve_year(1, 24, D(2026, 12, 3), past_bias=True) == D(2027, 1, 24)


def test_a_started_date_read_without_publication_date_is_not_in_the_future():
    out = analyze({"id": "t", "title": "亚马逊要求卖家验证紧急联系信息", "published": None, "language": "zh",
                   "text": "近日，亚马逊卖家收到邮件，要求验证紧急联系信息。验证流程已于1月24日正式启动，卖家须尽快完成验证。"},
                  today=D(2026, 12, 3))
    assert out["facts"]["effective_date"] == "2026-01-24", out["facts"]


@pytest.mark.parametrize("value,expected", [
    ("2025-01-30", D(2025, 1, 30)),
    ("2025-01-30T10:00:00Z", D(2025, 1, 30)),
    ("Thu, 30 Jan 2025 10:00:00 GMT", D(2025, 1, 30)),
    ("30 January 2025", D(2025, 1, 30)),
    ("2025年1月30日", D(2025, 1, 30)),
    ("garbage", None),
    (None, None),
    ("", None),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


def test_retroactive_note_and_announced_default():
    out = analyze({"id": "r", "title": "Verify your emergency contact",
                   "text": "Beginning January 24, all sellers are required to verify their emergency contact phone "
                           "number with a one-time password.", "published": "2025-01-30"})
    f = out["facts"]
    assert f["effective_date"] == "2025-01-24"
    assert f["announced_date"] == "2025-01-30"
    assert any(n.startswith("retroactive") for n in f["notes"])


# No publication date, no year by the date: the year comes from the page address, else the latest full
# date of the text, else the latest year it names, else the day of the analysis; the notes say which.
NO_PUBLISHED = [
    ("url-path", "https://news.example.org/2023/10/20/steam-sms", "Starting October 24 sellers must verify the "
     "phone number with an SMS code.", "2023-10-24", "page address"),
    ("url-news-id", "https://news.example.org/20200921000165", "Starting September 24 sellers must verify the "
     "phone number with an SMS code.", "2020-09-24", "page address"),
    ("full-date-in-text", None, "On 19 September 2022 the platform posted a notice. Starting September 24 sellers "
     "must verify the phone number with an SMS code.", "2022-09-24", "full date"),
    ("bare-year", None, "Security in 2019: starting March 4 sellers must verify the phone number with an SMS code.",
     "2019-03-04", "year the text names"),
    ("analysis-day", None, "Starting January 24 sellers must verify the emergency contact email with a code.",
     "2026-01-24", "day of the analysis"),
]


@pytest.mark.parametrize("url,text,effective,why", [c[1:] for c in NO_PUBLISHED], ids=[c[0] for c in NO_PUBLISHED])
def test_year_without_publication_date(url, text, effective, why):
    rec = {"id": "n", "title": "Phone verification required", "text": text}
    if url:
        rec["url"] = url
    f = analyze(rec, today=dt.date(2026, 3, 1))["facts"]
    assert f["effective_date"] == effective
    assert any("not stated" in n and why in n for n in f["notes"]), f["notes"]


def test_explicit_year_needs_no_publication_date():
    out = analyze({"id": "y", "title": "2SV mandatory", "text": "All sellers must enable two-step verification "
                                                              "by February 3, 2020."})
    assert out["facts"]["deadline"] == "2020-02-03"


def test_fee_dates_are_not_policy_dates():
    out = analyze({"id": "f", "title": "Emergency contact verification and new fees",
                   "text": "Starting January 24, sellers must verify the emergency contact phone with a one-time "
                           "password. Separately, new FBA fees apply from March 15.", "published": "2025-01-30"})
    assert out["facts"]["effective_date"] == "2025-01-24"
    assert out["facts"]["deadline"] is None


def test_deadline_that_passed_yields_to_the_new_one():
    out = analyze({"id": "s", "title": "2SV deadline moved", "published": "2020-02-20",
                   "text": "The original February 3 deadline for mandatory two-step verification passed without "
                           "enforcement. Sellers must now enable 2SV by March 2."})
    assert out["facts"]["deadline"] == "2020-03-02"
    assert any("2020-02-03" in n for n in out["facts"]["notes"])


import pytest as _pytest  # noqa: E402

from monitor.analysis import analyze as _analyze  # noqa: E402


@_pytest.mark.parametrize("text,published,effective,announced", [
    # "von allen Händlern" after the date is not a byline: the date is the policy's start
    ("Amazon verlangt ab dem 1. Februar 2025 von allen Händlern, den Notfallkontakt per "
     "Einmalcode zu bestätigen.", "2025-01-28", "2025-02-01", "2025-01-28"),
    ("Amazon verlangt ab 1. Februar 2025 von allen Händlern, den Notfallkontakt per "
     "Einmalcode zu bestätigen.", None, "2025-02-01", None),
    # a date opening its line with a byline is the page's own date
    ("12.03.2025 von Anna Müller\nAmazon verlangt ab sofort von Händlern, den Notfallkontakt "
     "per Einmalcode zu bestätigen.", None, None, "2025-03-12"),
], ids=["ab-dem-with-published", "ab-without-published", "byline-dateline"])
def test_german_byline_is_not_taken_for_a_policy_date(text, published, effective, announced):
    out = _analyze({"id": "x", "title": "Amazon: Notfallkontakt", "text": text, "language": "de",
                    "published": published, "url": None})
    assert out["facts"]["effective_date"] == effective
    assert out["facts"]["announced_date"] == announced


@pytest.mark.parametrize("text,effective", [
    # "desde" under a future verb is "from": the coming 15 April, not the last one
    ("Mercado Libre hará obligatoria la verificación en dos pasos desde el 15 de abril.", "2025-04-15"),
    ("Desde el 15 de abril, los vendedores deberán verificar su teléfono.", "2025-04-15"),
    # without one it is "since"
    ("Mercado Libre exige a los vendedores la verificación en dos pasos desde el 15 de abril.", "2024-04-15"),
])
def test_spanish_desde_reads_its_verb(text, effective):
    out = analyze({"id": "es", "title": "Verificación en dos pasos", "text": text, "language": "es",
                   "published": "2025-02-10"})
    assert out["facts"]["effective_date"] == effective, out["facts"]


@pytest.mark.parametrize("text,effective", [
    # the publication day opening a line at the top is the page's date ...
    ("2026-01-16 2 跨境卖家常问：亚马逊要求卖家验证手机号码。", None),
    ("16 January 2026 - Amazon asks sellers to verify their phone number.", None),
    # ... unless a cue makes it the start of the policy
    ("2026-01-16起，所有卖家必须验证手机号码。", "2026-01-16"),
])
def test_publication_day_opening_a_line_is_the_dateline(text, effective):
    from monitor.analysis.core import prepare

    p = prepare({"id": "d", "title": "Phone verification", "text": text, "published": "2026-01-16"})
    got = p.dates.effective.isoformat() if p.dates.effective else None
    assert got == effective
    assert bool(p.doc.dateline) == (effective is None)
