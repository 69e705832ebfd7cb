"""Contact checks over a table of real-world number formats and addresses."""
from __future__ import annotations

import pytest

from server.services.checks import CheckError, check_email, check_phone

PHONES = [
    # (input, account marketplaces, E.164, line type, sms_capable, warning codes, local_to)
    ("+39 347 123 4567", ["DE"], "+393471234567", "mobile", True, {"not_local"}, []),
    ("030 12345678", ["DE"], "+493012345678", "fixed_line", False, {"landline"}, ["DE"]),
    ("+49 (0)30 1234 5678", ["DE"], None, None, None, None, None),  # handled below: (0) trunk prefix
    ("0151 23456789", ["DE"], "+4915123456789", "mobile", True, set(), ["DE"]),
    ("0049 151 23456789", ["FR"], "+4915123456789", "mobile", True, {"not_local"}, []),
    ("+1 206 555 0100", ["DE"], "+12065550100", "fixed_line_or_mobile", None, {"line_type_unknown", "not_local"}, []),
    ("(415) 555-2671", ["US"], "+14155552671", "fixed_line_or_mobile", None, {"line_type_unknown"}, ["US"]),
    ("+1 800 555 0199", ["US"], "+18005550199", "toll_free", False, {"toll_free"}, ["US"]),
    ("07911 123456", ["UK"], "+447911123456", "mobile", True, set(), ["UK"]),
    ("020 7946 0018", ["UK"], "+442079460018", "fixed_line", False, {"landline"}, ["UK"]),
    ("090-1234-5678", ["JP"], "+819012345678", "mobile", True, set(), ["JP"]),
    ("03-1234-5678", ["JP"], "+81312345678", "fixed_line", False, {"landline"}, ["JP"]),
    ("+44 56 1234 5678", ["UK"], "+445612345678", "voip", False, {"voip"}, ["UK"]),
    ("+49 900 1234567", ["DE"], "+499001234567", "premium_rate", False, {"premium_rate"}, ["DE"]),
    ("+86 138 0013 8000", ["US", "DE"], "+8613800138000", "mobile", True, {"not_local"}, []),
    ("06 12 34 56 78", ["FR"], "+33612345678", "mobile", True, set(), ["FR"]),
    ("0151 23456789", ["DE", "FR"], "+4915123456789", "mobile", True, {"not_local"}, ["DE"]),
    ("+91 98765 43210", ["IN"], "+919876543210", "mobile", True, set(), ["IN"]),
]


@pytest.mark.parametrize("raw,markets,e164,line,sms,codes,local", [p for p in PHONES if p[2]],
                         ids=[p[0] for p in PHONES if p[2]])
def test_phone_checks(raw, markets, e164, line, sms, codes, local):
    result = check_phone(raw, markets)
    assert result.value == e164
    checks = result.checks
    assert checks["line_type"] == line
    assert checks["sms_capable"] is sms
    assert {w["code"] for w in checks["warnings"]} == codes
    assert checks["local_to"] == local
    for warning in checks["warnings"]:
        assert warning["message"].strip() and warning["severity"] in {"error", "warning", "info"}


def test_trunk_prefix_in_brackets_is_understood():
    assert check_phone("+49 (0)30 1234 5678", ["DE"]).value == "+493012345678"


def test_landline_says_what_to_do():
    message = next(w for w in check_phone("030 12345678", ["DE"]).checks["warnings"])["message"]
    assert "landline" in message and "mobile" in message


def test_not_local_names_the_marketplaces():
    warning = next(w for w in check_phone("+39 347 1234567", ["DE", "FR", "IT"]).checks["warnings"]
                   if w["code"] == "not_local")
    assert warning["marketplaces"] == ["DE", "FR"]
    assert "DE" in warning["message"] and "FR" in warning["message"]


def test_uk_marketplace_maps_to_gb_region():
    assert check_phone("+44 7400 123456", ["UK"]).checks["local_to"] == ["UK"]


def test_guernsey_mobile_counts_as_local_to_uk():
    checks = check_phone("+44 7911 123456", ["UK"]).checks
    assert checks["region"] == "GG" and checks["local_to"] == ["UK"]


@pytest.mark.parametrize("raw,markets", [
    ("", ["DE"]), ("hello", ["DE"]), ("12", ["DE"]), ("+49 1", []), ("0151 2345", []),
    ("+1 12", ["US"]), ("+" + "9" * 50, ["US"]),
])
def test_phone_rejected_with_clear_error(raw, markets):
    with pytest.raises(CheckError) as info:
        check_phone(raw, markets)
    assert str(info.value)


@pytest.mark.parametrize("raw,normalised", [
    ("Jane.Doe@Example.COM", "Jane.Doe@example.com"),
    ("  seller@shop.de ", "seller@shop.de"),
    ("user@bücher.de", "user@bücher.de"),
])
def test_email_normalised_offline(raw, normalised):
    result = check_email(raw, offline=True)
    assert result.value == normalised
    assert result.checks["mail_accepts"] is None
    assert [w["code"] for w in result.checks["warnings"]] == ["mail_domain_not_checked"]


@pytest.mark.parametrize("raw", ["", "plainaddress", "a@b", "two@@example.com", "x@" + "a" * 300 + ".com"])
def test_email_invalid(raw):
    with pytest.raises(CheckError):
        check_email(raw, offline=True)


@pytest.mark.parametrize("raw,markets", [("06 12 34 56 78", ["DE", "FR"]), ("07911 123456", ["DE", "UK"])])
def test_a_national_number_valid_in_two_of_the_accounts_countries_needs_its_country_code(raw, markets):
    with pytest.raises(CheckError, match="country code") as info:
        check_phone(raw, markets)
    assert "+33" in str(info.value) or "+44" in str(info.value)  # says how each reading looks
