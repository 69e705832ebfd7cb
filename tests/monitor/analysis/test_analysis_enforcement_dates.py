"""An enforcement date stated as a consequence is the deadline.

"ab dem 1. September werden nicht verifizierte Konten gesperrt", "after November 15, unverified
accounts will be locked out", "11月15日以降、未認証のアカウントは停止されます": the date's cue word is
a start cue, but the clause says what happens to the accounts that have not complied by then, so
the date is the deadline.  A start date for the requirement in the same text stays the effective
date; a date of the requirement itself ("from March 1 sellers must verify … or be suspended") and a
date that starts a period ("within 7 days") are not deadlines.

The texts here are written for the rule, not copied from any data set."""

import pytest

from monitor.analysis import analyze


def _facts(text, title, published, language):
    out = analyze({"id": "t", "title": title, "text": text, "published": published, "language": language,
                   "url": None})
    # dates are read for both verification labels; which of the two is the classifier's business,
    # measured on real text by `make eval` (two of these short texts are read as other verification)
    assert out["label"] in ("contact_verification", "other_verification"), out["reasons"]
    return out["facts"]


# (id, language, title, text, published, effective_date, deadline)
ENFORCEMENT = [
    ("de-ab-dem", "de", "Telefonnummer wird Pflicht",
     "Ab dem 2. Juni 2025 müssen Händler ihre Telefonnummer per SMS-Code bestätigen. "
     "Ab dem 1. September 2025 werden nicht verifizierte Konten gesperrt.",
     "2025-05-20", "2025-06-02", "2025-09-01"),
    ("de-ohne-werden", "de", "Notfallkontakt bestätigen",
     "Der Marktplatz verlangt ab 3. März von allen Händlern einen bestätigten Notfallkontakt. "
     "Händler ohne bestätigten Notfallkontakt werden ab dem 14. April deaktiviert.",
     "2025-02-25", "2025-03-03", "2025-04-14"),
    ("de-nach-keine-mehr", "de", "E-Mail-Adresse bestätigen",
     "Ab dem 10. Februar müssen Händler die E-Mail-Adresse für Benachrichtigungen über einen Link bestätigen. "
     "Nicht bestätigte Adressen erhalten nach dem 10. März keine Bestellhinweise mehr.",
     "2025-02-03", "2025-02-10", "2025-03-10"),
    ("en-after", "en", "Marketplace makes 2SV phone check mandatory",
     "Starting October 7, sellers must verify the phone number used for two-step verification with an SMS code. "
     "After December 2, unverified accounts will be locked out of Seller Center.",
     "2024-09-30", "2024-10-07", "2024-12-02"),
    ("en-from-listings", "en", "Sellers must confirm their email address",
     "Sellers are required to confirm their email address with a verification link from May 5, 2025. "
     "From June 16, 2025, listings of sellers who have not confirmed will be removed.",
     "2025-04-28", "2025-05-05", "2025-06-16"),
    ("en-consequence-first", "en", "Shop requires SMS phone verification",
     "The shop platform asks sellers to verify their mobile number with a one-time SMS code from April 1; "
     "unverified sellers lose the ability to list new products after April 30.",
     "2025-03-20", "2025-04-01", "2025-04-30"),
    ("ja-iko", "ja", "電話番号認証の必須化について",
     "10月1日から、出品者は登録済みの電話番号をSMSの認証コードで認証する必要があります。"
     "11月15日以降、未認証のアカウントは停止されます。",
     "2025-09-20", "2025-10-01", "2025-11-15"),
    ("zh-hou", "zh", "卖家手机号验证通知",
     "自10月1日起，卖家必须通过短信验证码验证绑定的手机号。11月15日后未验证的账户将被暂停。",
     "2025-09-20", "2025-10-01", "2025-11-15"),
    ("zh-qi-dongjie", "zh", "紧急联系人验证",
     "平台要求卖家从9月1日开始验证紧急联系人电话。10月20日起，未完成验证的店铺将被冻结。",
     "2025-08-20", "2025-09-01", "2025-10-20"),
    ("es-a-partir", "es", "Verificación obligatoria del teléfono",
     "Desde el 1 de octubre los vendedores deben verificar su número de teléfono con un código por SMS. "
     "A partir del 15 de noviembre las cuentas no verificadas serán suspendidas.",
     "2025-09-22", "2025-10-01", "2025-11-15"),
    ("fr-a-compter", "fr", "Vérification obligatoire du téléphone",
     "Depuis le 1er octobre, les vendeurs doivent vérifier leur numéro de téléphone avec un code SMS. "
     "À compter du 15 novembre, les comptes non vérifiés seront suspendus.",
     "2025-10-03", "2025-10-01", "2025-11-15"),
    ("it-dal", "it", "Verifica obbligatoria del numero di telefono",
     "Dal 1 ottobre i venditori devono verificare il numero di telefono con un codice SMS. "
     "Dal 15 novembre gli account non verificati saranno sospesi.",
     "2025-09-22", "2025-10-01", "2025-11-15"),
]


@pytest.mark.parametrize("lang,title,text,published,effective,deadline",
                         [c[1:] for c in ENFORCEMENT], ids=[c[0] for c in ENFORCEMENT])
def test_enforcement_date_is_the_deadline(lang, title, text, published, effective, deadline):
    facts = _facts(text, title, published, lang)
    assert facts["deadline"] == deadline
    assert facts["effective_date"] == effective


# Dates that stay what their cue says: (id, language, title, text, published, effective_date, deadline)
NOT_ENFORCEMENT = [
    ("en-must-or-suspended", "en", "2SV phone check becomes mandatory",
     "Starting October 7, sellers must verify the phone number used for two-step verification with an SMS code, "
     "or their accounts will be suspended.",
     "2024-09-30", "2024-10-07", None),
    ("de-muessen-sonst", "de", "Telefonnummer wird Pflicht",
     "Ab dem 2. Juni 2025 müssen Händler ihre Telefonnummer per SMS-Code bestätigen, sonst wird das Konto gesperrt.",
     "2025-05-20", "2025-06-02", None),
    ("zh-period", "zh", "登录需短信验证手机号",
     "平台今天发布通知：10月1日起，所有卖家登录需验证绑定手机号（短信验证码），7天内未完成验证的店铺将被限制上新。",
     "2025-09-25", "2025-10-01", None),
    ("en-by-wins", "en", "Verify your phone number by March 31",
     "From March 1, sellers must verify their phone number with an SMS code by March 31. "
     "After April 15, unverified accounts will be suspended.",
     "2025-02-20", "2025-03-01", "2025-03-31"),
    ("es-no-noncompliant", "es", "Verificación del teléfono",
     "Desde el 1 de octubre los vendedores deben verificar su teléfono con un código SMS. "
     "A partir del 3 de octubre algunos vendedores verificados reciben mensajes bloqueados por error.",
     "2025-09-22", "2025-10-01", None),
]


@pytest.mark.parametrize("lang,title,text,published,effective,deadline",
                         [c[1:] for c in NOT_ENFORCEMENT], ids=[c[0] for c in NOT_ENFORCEMENT])
def test_requirement_dates_stay_as_they_are(lang, title, text, published, effective, deadline):
    facts = _facts(text, title, published, lang)
    assert facts["effective_date"] == effective
    assert facts["deadline"] == deadline


# "by this date", "bis dahin": the deadline points back at the effective date of the sentence before
# (id, language, title, text, published, effective_date, deadline, words the note quotes)
ANAPHORA = [
    ("en-by-this-date", "en", "Two-factor authentication required for developers",
     "The store will require two-factor authentication for every developer account. It will go into effect "
     "starting March 15, 2021. If you have not enabled 2FA by this date, you cannot publish updates.",
     "2021-03-01", "2021-03-15", "2021-03-15", "by this date"),
    ("de-bis-dahin", "de", "Telefonnummer bestätigen",
     "Ab dem 1. März 2025 müssen alle Verkäufer ihre Telefonnummer per SMS-Code bestätigen. "
     "Wer das bis dahin nicht getan hat, kann keine Artikel mehr einstellen.",
     "2025-02-10", "2025-03-01", "2025-03-01", "bis dahin"),
    ("es-hasta-esa-fecha", "es", "Verificación del teléfono",
     "A partir del 1 de octubre los vendedores deben verificar su número de teléfono con un código SMS. "
     "Las cuentas que no lo hagan hasta esa fecha no podrán publicar.",
     "2025-09-10", "2025-10-01", "2025-10-01", "hasta esa fecha"),
]


@pytest.mark.parametrize("lang,title,text,published,effective,deadline,quoted",
                         [c[1:] for c in ANAPHORA], ids=[c[0] for c in ANAPHORA])
def test_a_deadline_that_points_back_at_the_effective_date(lang, title, text, published, effective,
                                                           deadline, quoted):
    facts = _facts(text, title, published, lang)
    assert (facts["effective_date"], facts["deadline"]) == (effective, deadline)
    assert any(quoted in n for n in facts["notes"]), facts["notes"]


def test_no_anaphora_no_deadline_from_the_start_date():
    facts = _facts("Starting March 15, 2021, all sellers on the marketplace must verify the email address of their "
                   "seller account with a one-time code. Accounts that do not verify may be suspended.",
                   "Sellers must verify their email address", "2021-03-01", "en")
    assert (facts["effective_date"], facts["deadline"]) == ("2021-03-15", None)


def test_by_today_with_the_day_in_brackets_is_the_deadline():
    facts = _facts("Amazon started requiring sellers to verify the phone number used for two-step verification. "
                   "If you do not finish the verification by today (30th of June), Amazon may deactivate your account.",
                   "Sellers: verify your 2SV phone number", "2025-06-30", "en")
    assert facts["deadline"] == "2025-06-30"
