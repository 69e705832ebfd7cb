"""Rules added after the fifth blind set (blind5): Portuguese core vocabulary, a question about a
dated mandate is not login troubleshooting, a seller portal's own host as seller context, and a few
date cues ("sent on", "begin", 期限の).

The texts here are written for the rule, not copied from any data set."""

from analysis_support import run as _run




def test_portuguese_two_step_mandate_has_the_two_step_core():
    out = _run("A partir de 3 de junho de 2024, a Shopee exigirá autenticação de dois fatores de todos os vendedores, "
               "com código de verificação enviado por SMS ao número de celular cadastrado.",
               "Shopee torna a autenticação de dois fatores obrigatória", language="pt")
    assert out["label"] == "contact_verification"
    assert "/two_step_verification" in out["story"]  # per-item key: .../<core>[/<year>]
    assert out["facts"]["effective_date"] == "2024-06-03"


def test_english_valid_is_not_a_portuguese_verification_act():
    out = _run("To join the protection plan, sellers must keep a healthy rating and have a valid emergency "
               "contact number on file.", "Protection plan conditions")
    assert out["label"] == "unrelated"


def test_question_about_a_dated_mandate_is_not_troubleshooting():
    out = _run("We got the notice that two-step verification becomes mandatory from March 3. Half of our staff have "
               "no work phone - will they be locked out after March 3?",
               "Mandatory 2SV - cannot log in without a phone?", published="2024-02-20",
               url="https://sellercentral.example.com/forums/t/2sv-mandatory")
    assert out["label"] == "contact_verification"


def test_code_problem_without_a_dated_mandate_stays_troubleshooting():
    out = _run("I cannot log in, the two-step verification code never arrives on my phone. Any ideas?",
               "Cannot log in - no 2SV code", url="https://sellercentral.example.com/forums/t/no-code")
    assert out["label"] == "unrelated"


def test_sent_on_and_begin_and_kigen_no_are_date_cues():
    out = _run("In an email sent on April 2, 2024, the marketplace told sellers to verify their phone number with "
               "a one-time code. The prompts begin April 15.", "Sellers must verify phone numbers",
               published="2024-04-04")
    assert out["facts"]["announced_date"] == "2024-04-02"
    assert out["facts"]["effective_date"] == "2024-04-15"
    ja = _run("出品者は電話番号をSMSの認証コードで確認する必要があります。期限の5月31日を過ぎると出品が停止されます。",
              "電話番号の確認が必須に", published="2024-05-01", language="ja")
    assert ja["facts"]["deadline"] == "2024-05-31"
