"""Rules added after the sixth blind set (blind6): a revised deadline replaces the original one,
numeric dates in one text are read one way, CJK dates followed by a weekday in brackets, German day
ranges with "zwischen … und", forum posts named in German and Spanish as announcement dates.

The texts here are written for the rule, not copied from any data set."""

from analysis_support import run as _run
from monitor.analysis.dates import find_dates




def test_revised_deadline_wins_over_the_original():
    out = _run("Sellers originally had until June 14 to confirm the phone number used for two-step verification "
               "with an SMS code; the deadline is now July 26, 2024.",
               "Amazon gives sellers more time for 2SV phone check", published="2024-06-10")
    assert out["label"] == "contact_verification"
    assert out["facts"]["deadline"] == "2024-07-26"


def test_extended_to_is_the_live_deadline():
    out = _run("Business sellers had to verify their email address with a confirmation link by May 31. "
               "eBay has extended the deadline to June 28, 2024.", "eBay extends email verification deadline",
               published="2024-05-20")
    assert out["facts"]["deadline"] == "2024-06-28"


def test_numeric_dates_of_one_text_read_one_way():
    got = [(d.month, d.day) for d in find_dates("Opens 03/06/2024, closes 28/06/2024.", "en")]
    assert got == [(6, 3), (6, 28)]
    got = [(d.month, d.day) for d in find_dates("Opens 06/03/2024, closes 06/28/2024.", "de")]
    assert got == [(6, 3), (6, 28)]


def test_cjk_date_with_weekday_in_brackets_keeps_its_cue():
    out = _run("楽天市場は、2024年6月3日（月）から出店者のログインに二段階認証を必須とします。認証コードはSMSで届きます。",
               "二段階認証の必須化について", published="2024-05-20", language="ja")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-06-03"


def test_german_range_with_zwischen_und():
    out = _run("Zwischen dem 3. und 17. Juni 2024 müssen alle Händler ihre Telefonnummer per SMS-Code bestätigen.",
               "Telefonnummer bestätigen", published="2024-05-20", language="de")
    assert out["facts"]["effective_date"] == "2024-06-03"
    assert out["facts"]["deadline"] == "2024-06-17"


def test_forum_post_dated_in_spanish_is_the_announcement():
    out = _run("Desde el 3 de junio de 2024 Amazon exige a los vendedores verificar su número de teléfono con un "
               "código por SMS, según una publicación en los foros de vendedores del 06/06/2024.",
               "Amazon exige verificar el teléfono", published="2024-06-12", language="es")
    assert out["facts"]["announced_date"] == "2024-06-06"
    assert out["facts"]["effective_date"] == "2024-06-03"
