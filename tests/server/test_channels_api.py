"""/channels: add, list (secrets masked), test, delete; users see only their own channels."""
from __future__ import annotations

from verification_fixtures import API, receiver  # noqa: F401

SECRET_URL = "json://bob:s3cr3tpass@127.0.0.1:{port}/hook"


def test_add_list_masks_secrets_test_and_delete(client, make_user, receiver):  # noqa: F811
    _, headers = make_user()
    url = SECRET_URL.format(port=receiver.port)
    r = client.post(f"{API}/channels", json={"name": "ops", "url": url, "purposes": ["alerts", "sms"]},
                    headers=headers)
    assert r.status_code == 201, r.json
    ch = r.json
    assert ch["purposes"] == ["alerts", "sms"] and "s3cr3tpass" not in ch["url"]
    listed = client.get(f"{API}/channels", headers=headers).json
    assert listed["total"] == 1 and listed["page"] == 1
    assert "s3cr3tpass" not in str(listed) and "user_id" not in listed["items"][0]
    t = client.post(f"{API}/channels/{ch['id']}/test", headers=headers)
    assert t.status_code == 200 and t.json == {"ok": True, "error": None}
    assert len(receiver.requests) == 1
    receiver.status = 500
    t = client.post(f"{API}/channels/{ch['id']}/test", headers=headers)
    assert t.json["ok"] is False and t.json["error"]
    assert client.delete(f"{API}/channels/{ch['id']}", headers=headers).status_code == 204
    assert client.get(f"{API}/channels", headers=headers).json["total"] == 0


def test_invalid_url_and_purpose_are_422(client, make_user):
    _, headers = make_user()
    r = client.post(f"{API}/channels", json={"name": "x", "url": "nope://what"}, headers=headers)
    assert r.status_code == 422 and "url" in r.json["errors"]
    r = client.post(f"{API}/channels", json={"name": "x", "url": "json://127.0.0.1/x",
                                             "purposes": ["pager"]}, headers=headers)
    assert r.status_code == 422


def test_other_users_channels_look_missing(client, make_user, receiver):  # noqa: F811
    _, alice = make_user()
    _, bob = make_user()
    ch = client.post(f"{API}/channels", json={"name": "a", "url": receiver.url()}, headers=alice).json
    for method, suffix in (("get", ""), ("delete", ""), ("post", "/test")):
        a = getattr(client, method)(f"{API}/channels/{ch['id']}{suffix}", headers=bob)
        b = getattr(client, method)(f"{API}/channels/999999{suffix}", headers=bob)
        assert a.status_code == b.status_code == 404 and a.json == b.json
    assert client.get(f"{API}/channels", headers=bob).json["total"] == 0
    assert receiver.requests == []
    assert client.get(f"{API}/channels/{ch['id']}", headers=alice).status_code == 200
