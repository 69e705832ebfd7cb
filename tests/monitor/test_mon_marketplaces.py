import phonenumbers
import pytest

from monitor import marketplaces as mp


def test_catalogue_has_main_marketplaces():
    codes = {m.code for m in mp.all_marketplaces()}
    assert {"US", "CA", "MX", "BR", "UK", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "TR",
            "AE", "SA", "EG", "IN", "JP", "AU", "SG", "IE"} <= codes


@pytest.mark.parametrize("code,region,host", [
    ("US", "US", "sellercentral.amazon.com"),
    ("uk", "GB", "sellercentral.amazon.co.uk"),
    ("GB", "GB", "sellercentral.amazon.co.uk"),
    ("DE", "DE", "sellercentral.amazon.de"),
    ("JP", "JP", "sellercentral-japan.amazon.com"),
    ("IN", "IN", "sellercentral.amazon.in"),
])
def test_get(code, region, host):
    m = mp.get(code)
    assert m.region == region
    assert m.host == host


def test_regions_are_phonenumbers_regions():
    supported = phonenumbers.SUPPORTED_REGIONS
    for m in mp.all_marketplaces():
        assert m.region in supported, m.code


def test_unknown():
    with pytest.raises(mp.UnknownMarketplace) as err:
        mp.get("XX")
    assert "XX" in str(err.value)


@pytest.mark.parametrize("host,expected", [
    ("sellercentral.amazon.de", {"DE"}),
    ("SellerCentral.Amazon.DE:443", {"DE"}),
    ("https://sellercentral-japan.amazon.com/home", {"JP"}),
    ("example.com", set()),
])
def test_by_host(host, expected):
    assert {m.code for m in mp.by_host(host)} == expected


def test_eu_unified_host():
    codes = {m.code for m in mp.by_host(mp.EU_UNIFIED_HOST)}
    assert {"DE", "FR", "IT", "ES", "UK"} <= codes
    assert "US" not in codes


def test_to_dict_roundtrip():
    d = mp.get("UK").to_dict()
    assert d["host"] == "sellercentral.amazon.co.uk" and d["region"] == "GB"
    assert isinstance(d["languages"], list)
