"""Rules added after the second blind set (blind2): sentence splitting, date roles, traps.

The texts here are written for the rule, not copied from any data set."""

import pytest

from monitor.analysis import analyze
from monitor.analysis.text import split_sentences


def _facts(text, title="", published="2024-05-10", language=None):
    return analyze({"id": "t", "title": title, "text": text, "published": published, "language": language})


def test_german_ordinal_day_and_abbreviation_do_not_end_a_sentence():
    t = "Der Shop hat am 30. Januar im Forum informiert. Codes kommen per SMS bzw. E-Mail. Ich bin 30. Das ist gut."
    assert [t[a:b] for a, b in split_sentences(t)] == [
        "Der Shop hat am 30. Januar im Forum informiert.", "Codes kommen per SMS bzw. E-Mail.", "Ich bin 30.",
        "Das ist gut."]


def test_german_announcement_date_before_month_name():
    out = _facts("Wie der Marktplatz am 12. März im Verkäuferforum mitteilte, müssen Händler seit dem 4. März "
                 "ihren Notfallkontakt per Einmalcode bestätigen.", "Amazon: Notfallkontakt bestätigen",
                 published="2024-03-14", language="de")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-03-04"
    assert out["facts"]["announced_date"] == "2024-03-12"


def test_cjk_date_before_comma_is_the_announcing_verbs_date():
    out = _facts("楽天は3月5日、出店者に対し4月1日からログイン時の2段階認証を必須にすると明らかにした。"
                 "SMSで届く認証コードの入力が必要になる。", "2段階認証を必須化", published="2024-03-08", language="ja")
    assert out["facts"]["announced_date"] == "2024-03-05"
    assert out["facts"]["effective_date"] == "2024-04-01"


def test_starting_today_is_the_announcement_day():
    out = _facts("Notice from Seller Support, May 6, 2024.\nStarting today, we ask all sellers to verify the phone "
                 "number of their primary contact with a code sent by SMS.", "Verify your primary contact phone number",
                 published="2024-05-06")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-05-06"


def test_yearless_date_takes_the_year_of_the_same_day_in_full():
    out = analyze({"id": "t", "title": "¿Verificación en dos pasos obligatoria antes del 15 de octubre?",
                   "text": "Me sale un aviso en Seller Central: la verificación en dos pasos será obligatoria para los "
                           "vendedores y hay que activarla antes del 15 de octubre de 2021.", "language": "es"})
    assert out["facts"]["deadline"] == "2021-10-15"


def test_dates_of_other_sections_of_a_roundup_stay_off_the_policy():
    text = ("本周要闻。\n一、美国关税\n3月2日，美国宣布对部分商品加征关税，自3月9日起生效。\n业内人士提醒卖家评估成本。\n"
            "二、仓储\n亚马逊将调整仓储费。\n三、联系人验证\n亚马逊于2月20日在论坛发布公告：自2月14日起，卖家需要在后台验证紧急联系人的"
            "电话号码，系统会发送验证码。\n四、其他\n欧洲站合规检查加强。")
    out = _facts(text, "周报｜关税、仓储、紧急联系人验证", published="2024-03-10", language="zh")
    assert out["label"] == "contact_verification"
    assert out["facts"]["effective_date"] == "2024-02-14"
    assert out["facts"]["announced_date"] == "2024-02-20"


@pytest.mark.parametrize("title,text,language", [
    ("Lieferantenportal: Zwei-Faktor-Authentifizierung ab 1. Juni Pflicht",
     "Ab dem 1. Juni ist für alle Lieferanten im Lieferantenportal des Versicherers die Zwei-Faktor-Authentifizierung "
     "verpflichtend. Bitte hinterlegen Sie eine Mobilnummer für den SMS-Code.", "de"),
    ("Kundenkonto: Zwei-Schritt-Verifizierung",
     "Der Shop fordert Kundinnen und Kunden auf, die Zwei-Schritt-Verifizierung für ihr Kundenkonto zu aktivieren. "
     "Für Händler ändert sich nichts.", "de"),
    ("Mail provider makes two-step verification mandatory",
     "From June 1 every personal mailbox must use two-step verification; add a phone number to get codes by SMS.", "en"),
])
def test_non_seller_two_step_stories_are_unrelated(title, text, language):
    assert _facts(text, title, language=language)["label"] == "unrelated"


def test_other_verification_asked_of_sellers_in_spanish():
    out = _facts("La plataforma ha empezado a pedir a los vendedores su NIF y fecha de nacimiento por la directiva DAC7.",
                 "DAC7: qué datos fiscales tienes que dar", language="es")
    assert out["label"] == "other_verification"
