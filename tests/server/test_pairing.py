"""Pairing codes: single use, expire, brute force rate limited; tokens hashed at rest."""
from __future__ import annotations

from datetime import timedelta

from server.db import get_db
from server.services import auth


def _code(app, name="seller"):
    with app.app_context():
        db = get_db()
        user = auth.create_user(db, name)
        code, _ = auth.create_pairing_code(db, app.config["SECRET"], user)
    return code


def test_pair_once(client, app):
    code = _code(app)
    r = client.post("/api/v1/pair", json={"code": code.lower().replace("-", "")})  # forgiving input
    assert r.status_code == 201 and r.json["token"].startswith("sg_") and r.json["user"]["name"] == "seller"
    token = r.json["token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json["name"] == "seller"
    again = client.post("/api/v1/pair", json={"code": code})
    assert again.status_code == 401 and again.content_type == "application/problem+json"


def test_expired_code_is_refused(client, app):
    code = _code(app)
    with app.app_context():
        get_db().execute("UPDATE pairing_codes SET expires_at = '2000-01-01T00:00:00Z'")
    assert client.post("/api/v1/pair", json={"code": code}).status_code == 401


def test_brute_force_is_rate_limited(client, app):
    _code(app)
    statuses = [client.post("/api/v1/pair", json={"code": f"AAAA-{i:04d}"}).status_code for i in range(12)]
    assert statuses[:10] == [401] * 10
    r = client.post("/api/v1/pair", json={"code": "AAAA-BBBB"})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert r.content_type == "application/problem+json"


def test_tokens_and_codes_are_not_stored_in_plaintext(client, app):
    code = _code(app)
    token = client.post("/api/v1/pair", json={"code": code}).json["token"]
    raw = b""
    from pathlib import Path
    for suffix in ("", "-wal"):
        path = Path(app.config["DATABASE"] + suffix)
        if path.exists():
            raw += path.read_bytes()
    assert token.encode() not in raw
    assert code.replace("-", "").encode() not in raw and code.encode() not in raw


def test_code_ttl(app):
    with app.app_context():
        db = get_db()
        user = auth.create_user(db, "x")
        _, expires = auth.create_pairing_code(db, app.config["SECRET"], user, ttl_minutes=10)
        from monitor.db import utcnow
        assert timedelta(minutes=9) < expires - utcnow() <= timedelta(minutes=10)


def test_made_up_tokens_share_the_address_limit(tmp_path):
    from server import create_app

    app = create_app({"HOME": tmp_path, "OFFLINE": True, "API_RATE_LIMIT": "3 per minute"})
    client = app.test_client()
    statuses = [client.get("/api/v1/accounts", headers={"Authorization": f"Bearer sg_fake{i}"}).status_code
                for i in range(5)]
    assert statuses[:3] == [401] * 3 and statuses[3:] == [429, 429]
