"""Secrets masked everywhere (issue 12, item 4): channel and source URLs full of credentials are
added through the API; no endpoint's answer and no stored event contains any of them."""
from __future__ import annotations

import json

import pytest

from monitor.redact import redact_text, redact_url
from server.db import get_db

API = "/api/v1"
SECRETS = ["S3cretUserPw", "BearerTok9", "ApiKey77q", "PayloadPw5", "SessCookie8", "PathSecret4x",
           "SrcPw1x", "SrcKey2y", "SrcTok3z", "SrcSig4w", "HookTokenAbc123def456ghi"]

CHANNELS = [
    "json://bob:S3cretUserPw@127.0.0.1:9/hook?+Authorization=Bearer%20BearerTok9"
    "&-apikey=ApiKey77q&:password=PayloadPw5&+Cookie=sid%3DSessCookie8",
    "form://127.0.0.1:9/api/secret/PathSecret4x",
    "xml://127.0.0.1:9/hooks/HookTokenAbc123def456ghi",
]
SOURCES = [
    "https://reader:SrcPw1x@feeds.example/rss?apikey=SrcKey2y&lang=en",
    "https://news.example/feed?token=SrcTok3z&sig=SrcSig4w",
]


def _no_secret(text: str, where: str) -> None:
    found = [s for s in SECRETS if s.lower() in text.lower()]
    assert not found, f"{where} shows {found}"


def test_no_endpoint_and_no_event_shows_a_secret(app, client, headers):
    ids = []
    for n, url in enumerate(CHANNELS):
        r = client.post(f"{API}/channels", json={"name": f"ch{n}", "url": url}, headers=headers)
        assert r.status_code == 201, r.json
        _no_secret(r.get_data(as_text=True), "POST /channels")
        ids.append(r.json["id"])
    src_ids = []
    for n, url in enumerate(SOURCES):
        r = client.post(f"{API}/sources", json={"name": f"s{n}", "kind": "feed", "url": url},
                        headers=headers)
        assert r.status_code == 201, r.json
        _no_secret(r.get_data(as_text=True), "POST /sources")
        assert r.json["url"].startswith("https://reader:****@") or "****" in r.json["url"]
        src_ids.append(r.json["id"])
    r = client.patch(f"{API}/sources/{src_ids[0]}", json={"name": "renamed"}, headers=headers)
    _no_secret(r.get_data(as_text=True), "PATCH /sources")
    paths = ["/channels", *[f"/channels/{i}" for i in ids], "/sources?per_page=100", "/events",
             "/status", "/policies", "/alerts?state=all"]
    for path in paths:
        r = client.get(API + path, headers=headers)
        assert r.status_code == 200, (path, r.status_code)
        _no_secret(r.get_data(as_text=True), "GET " + path)
    with app.app_context():
        stored = [row[0] for row in get_db().execute("SELECT data FROM events")]
    assert stored
    _no_secret(json.dumps(stored), "the events table")
    # the real values are still there for sending and fetching
    with app.app_context():
        urls = [r[0] for r in get_db().execute("SELECT url FROM channels ORDER BY id")]
    assert urls == CHANNELS


@pytest.mark.parametrize("url,shown", [
    ("https://a:b@h.example/x", "https://a:****@h.example/x"),
    ("https://h.example/rss?apikey=k&key=k2&lang=en", "https://h.example/rss?apikey=****&key=****&lang=en"),
    ("https://h.example/feed.xml", "https://h.example/feed.xml"),
    ("json://h.example/p?+X-Token=abc&-q=1", "json://h.example/p?+X-Token=****&-q=****"),
])
def test_redact_url(url, shown):
    assert redact_url(url) == shown


def test_redact_text_hides_urls_in_messages():
    assert redact_text("redirect loop at https://h.example/x?token=abc") == \
        "redirect loop at https://h.example/x?token=****"
