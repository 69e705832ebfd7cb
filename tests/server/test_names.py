"""Names cannot spoof (issue 12, item 9): control characters, NUL, bidi overrides and
zero-width characters are refused with a 422 naming the field, wherever a name is given."""
from __future__ import annotations

import pytest

from monitor import channels
from monitor.errors import Invalid
from monitor.sources.base import validate_source

API = "/api/v1"
BAD = ["Acme\u202eUE", "Acme\u202aX", "Ac\u2066me\u2069", "Ac\u200bme", "Ac\u200dme", "\ufeffAcme",
       "Ac\x00me", "Ac\x07me", "Acme\nInc", "Ac\u2028me", "Ac\u200fme"]


@pytest.mark.parametrize("bad", BAD, ids=[f"U+{next(ord(c) for c in b if not c.isalnum()):04X}"
                                          for b in BAD])
def test_spoofing_names_are_refused_everywhere(client, headers, account, bad):
    cases = [
        ("POST", "/accounts", {"name": bad, "marketplaces": ["DE"]}, "name"),
        ("PATCH", f"/accounts/{account['id']}", {"name": bad}, "name"),
        ("POST", "/accounts", {"name": "ok", "merchant_id": bad}, "merchant_id"),
        ("POST", f"/accounts/{account['id']}/contacts", {"kind": "email", "value": f"{bad}@x.example"},
         "value"),
        ("POST", "/sources", {"name": bad, "kind": "feed", "url": "https://feeds.example/rss"},
         "name"),
        ("POST", "/channels", {"name": bad, "url": "json://127.0.0.1:9/x"}, "name"),
    ]
    for method, path, body, field in cases:
        r = client.open(API + path, method=method, json=body, headers=headers)
        assert r.status_code == 422, (path, r.json)
        assert field in r.json["errors"], (path, r.json)
    assert client.get(f"{API}/accounts", headers=headers).json["total"] == 1  # nothing stored


def test_services_refuse_them_too():  # the CLI path
    with pytest.raises(Invalid) as info:
        validate_source({"name": "x\u202e", "kind": "feed", "url": "https://feeds.example/rss"})
    assert info.value.field == "name"
    with pytest.raises(Invalid):
        channels.add_channel(None, 1, "ops\u200b", "json://127.0.0.1:9/x")


def test_ordinary_names_in_many_scripts_pass(client, headers):
    for name in ("Acme GmbH & Co. KG", "深圳市某某贸易有限公司", "株式会社テスト", "Café Ñandú",
                 "متجر", "Shop 👍"):
        r = client.post(f"{API}/accounts", json={"name": name, "marketplaces": ["DE"]},
                        headers=headers)
        assert r.status_code == 201, (name, r.json)
