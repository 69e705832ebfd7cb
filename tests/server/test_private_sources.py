"""Private network destinations are opt-in for sources (issue 12, item 8): only the instance
owner (the first user) and shared sources reach loopback / private ranges, unless
ALLOW_PRIVATE_SOURCES is set; refused when saved and on every fetch."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "monitor"))

from mon_support import Site, rss  # noqa: E402
from monitor.sources import service as sources  # noqa: E402
from server import create_app  # noqa: E402
from server.db import get_db  # noqa: E402
from server.services import auth  # noqa: E402

API = "/api/v1"
FEED = rss([{"title": "t", "link": "http://n.test/1", "guid": "g1"}])


@pytest.fixture
def feed_site():
    site = Site()
    site.route("/feed", body=FEED, headers={"Content-Type": "application/rss+xml"})
    yield site
    site.close()


def _users(app, names):
    out = []
    with app.app_context():
        for name in names:
            user = auth.create_user(get_db(), name)
            out.append((user, {"Authorization": f"Bearer {auth.create_token(get_db(), user)}"}))
    return out


def _new(client, headers, url):
    return client.post(f"{API}/sources", json={"name": url[-30:], "kind": "feed", "url": url},
                       headers=headers)


@pytest.mark.parametrize("url", ["http://127.0.0.1:{port}/feed", "http://localhost:{port}/feed",
                                 "http://[::1]:{port}/feed", "http://10.1.2.3/feed",
                                 "http://192.168.1.1/feed", "http://0.0.0.0:{port}/feed"])
def test_only_the_owner_saves_private_sources(tmp_path, feed_site, url):
    app = create_app({"HOME": tmp_path / "h", "OFFLINE": True, "MONITOR": False})
    client = app.test_client()
    (_, owner), (_, other) = _users(app, ["owner", "other"])
    url = url.format(port=feed_site.server.server_address[1])
    r = _new(client, other, url)
    assert r.status_code == 422 and "url" in r.json["errors"], r.json
    assert "private" in r.json["errors"]["url"][0]
    assert _new(client, owner, url).status_code == 201


def test_fetch_time_refusal_and_shared_sources(tmp_path, feed_site):
    app = create_app({"HOME": tmp_path / "h", "OFFLINE": True, "MONITOR": False})
    client = app.test_client()
    (_, owner), (other_user, other) = _users(app, ["owner", "other"])
    with app.app_context():  # saved behind the API's back (an import, or DNS that changed)
        sneaky = sources.create_source(get_db(), other_user.id, {
            "name": "s", "kind": "feed", "url": feed_site.url("/feed")})
        shared = sources.create_source(get_db(), None, {
            "name": "shared", "kind": "feed", "url": feed_site.url("/feed")})
    hits = feed_site.hits.get("/feed", 0)
    r = client.post(f"{API}/sources/{sneaky['id']}/check", headers=other)
    assert r.status_code == 200 and r.json["ok"] is False and "private" in r.json["error"]
    assert feed_site.hits.get("/feed", 0) == hits  # never contacted
    r = client.post(f"{API}/sources/{shared['id']}/check", headers=other)
    assert r.json["ok"] is True, r.json


def test_setting_allows_private_sources_for_everyone(tmp_path, feed_site):
    app = create_app({"HOME": tmp_path / "h", "OFFLINE": True, "MONITOR": False,
                      "ALLOW_PRIVATE_SOURCES": True})
    client = app.test_client()
    _, (_, other) = _users(app, ["owner", "other"])
    r = _new(client, other, feed_site.url("/feed"))
    assert r.status_code == 201
    assert client.post(f"{API}/sources/{r.json['id']}/check", headers=other).json["ok"] is True
