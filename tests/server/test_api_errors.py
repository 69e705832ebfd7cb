"""Every failure has the one problem+json shape, with a stable type and never a stack trace."""
from __future__ import annotations

import pytest

P = "urn:sellerguard:problem:"


def assert_problem(response, status: int, slug: str):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.content_type == "application/problem+json"
    body = response.get_json(force=True)
    assert body["type"] == P + slug and body["status"] == status and body["title"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body


def test_health_needs_no_token(client):
    r = client.get("/api/v1/health")
    assert r.status_code == 200 and r.json["status"] == "ok"


def test_unknown_route_is_404_problem(client):
    assert_problem(client.get("/api/v1/nowhere"), 404, "not-found")


def test_wrong_method_is_405_problem(client):
    assert_problem(client.delete("/api/v1/health"), 405, "method-not-allowed")


def test_missing_and_bad_tokens_are_401(client):
    assert_problem(client.get("/api/v1/accounts"), 401, "unauthorized")
    assert_problem(client.get("/api/v1/accounts", headers={"Authorization": "Bearer sg_nope"}), 401, "unauthorized")
    assert_problem(client.get("/api/v1/accounts", headers={"Authorization": "Basic abc"}), 401, "unauthorized")


def test_oversized_body_is_413(client, headers):
    big = {"name": "x" * (300 * 1024), "marketplaces": ["DE"]}
    assert_problem(client.post("/api/v1/accounts", json=big, headers=headers), 413, "payload-too-large")


def test_invalid_fields_are_422_naming_each_field(client, headers):
    r = client.post("/api/v1/accounts", json={"marketplaces": ["Germany"], "colour": "red"}, headers=headers)
    body = assert_problem(r, 422, "validation-failed")
    assert set(body["errors"]) >= {"name", "marketplaces.0", "colour"}


def test_unknown_marketplace_is_422(client, headers):
    body = assert_problem(client.post("/api/v1/accounts", json={"name": "A", "marketplaces": ["ZZ"]},
                                      headers=headers), 422, "validation-failed")
    assert "ZZ" in body["errors"]["marketplaces"][0]


def test_malformed_json_is_a_problem(client, headers):
    r = client.post("/api/v1/accounts", data="{not json", headers={**headers, "Content-Type": "application/json"})
    assert r.status_code in (400, 422)
    assert r.content_type == "application/problem+json"


def test_invalid_phone_is_422_on_value(client, headers, account):
    body = assert_problem(client.post(f"/api/v1/accounts/{account['id']}/contacts",
                                      json={"kind": "phone", "value": "hello"}, headers=headers),
                          422, "validation-failed")
    assert list(body["errors"]) == ["value"]


def test_duplicate_contact_is_409(client, headers, account):
    url = f"/api/v1/accounts/{account['id']}/contacts"
    assert client.post(url, json={"kind": "phone", "value": "+49 151 23456789"}, headers=headers).status_code == 201
    assert_problem(client.post(url, json={"kind": "phone", "value": "0151 23456789"}, headers=headers), 409, "conflict")


@pytest.mark.parametrize("query", ["page=0", "per_page=1000", "page=abc"])
def test_bad_pagination_is_422(client, headers, query):
    assert_problem(client.get(f"/api/v1/accounts?{query}", headers=headers), 422, "validation-failed")


def test_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path in ["/api/v1/accounts", "/api/v1/accounts/{account_id}/contacts", "/api/v1/contacts/{contact_id}",
                 "/api/v1/pair", "/api/v1/events", "/api/v1/contacts/{contact_id}/amazon-status"]:
        assert path in paths
    assert "BearerAuth" in spec["components"]["securitySchemes"]
    assert paths["/api/v1/accounts"]["post"]["security"] == [{"BearerAuth": []}]


def test_no_cors_headers(client, headers):
    r = client.get("/api/v1/accounts", headers={**headers, "Origin": "https://evil.example"})
    assert not any(h.lower().startswith("access-control-") for h in r.headers.keys())


@pytest.mark.parametrize("method,url,body", [
    ("get", "/api/v1/events?subject_id=99999999999999999999", None),
    ("post", "/api/v1/sources", {"name": "x", "kind": "feed", "url": "http://[::1/"}),
    ("post", "/api/v1/sources", {"name": "x", "kind": "feed", "url": "http://127.0.0.1:99999/feed"}),
], ids=["huge-subject-id", "broken-ipv6-url", "port-out-of-range"])
def test_found_by_review_are_422_not_500(client, headers, method, url, body):
    assert_problem(getattr(client, method)(url, json=body, headers=headers), 422, "validation-failed")


def test_openapi_has_no_duplicate_schemas_and_documents_problems(client):
    spec = client.get("/api/v1/openapi.json").json
    names = spec["components"]["schemas"]
    assert not [n for n in names if n[-1].isdigit()], sorted(names)
    text = str(spec)
    refs = {r.split("/")[-1] for r in __import__("re").findall(r"#/components/schemas/(\w+)", text)}
    assert refs <= set(names)  # every reference resolves
    default = spec["paths"]["/api/v1/accounts"]["get"]["responses"]["default"]
    assert "application/problem+json" in default["content"]
