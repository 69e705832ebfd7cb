"""GET /status?per_page=&page=: only some accounts listed, counts over all of them."""
from __future__ import annotations

from bench import seed
from server import create_app


def test_status_pages_accounts_and_counts_all(tmp_path):
    db = seed.open_home(tmp_path)
    user, token = seed.make_user(db, "agency")
    seed.seed_accounts(db, user.id, 25)
    db.close()
    app = create_app({"HOME": tmp_path, "OFFLINE": True, "MONITOR": False, "TESTING": True})
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    full = client.get("/api/v1/status", headers=headers).json
    assert len(full["accounts"]) == 25  # one page of 25 by default
    assert full["accounts_page"] == {"page": 1, "per_page": 25, "total": 25}

    pages = [client.get(f"/api/v1/status?per_page=10&page={p}", headers=headers).json
             for p in (1, 2, 3, 4)]
    assert [len(p["accounts"]) for p in pages] == [10, 10, 5, 0]
    assert [a["id"] for p in pages for a in p["accounts"]] == [a["id"] for a in full["accounts"]]
    assert all(p["counts"] == full["counts"] for p in pages)
    assert pages[1]["accounts"] == full["accounts"][10:20]
    assert all("•" in c["masked"] for a in pages[0]["accounts"] for c in a["contacts"])


def test_status_paging_rejects_bad_values(tmp_path):
    db = seed.open_home(tmp_path)
    _user, token = seed.make_user(db, "u")
    db.close()
    client = create_app({"HOME": tmp_path, "OFFLINE": True, "MONITOR": False,
                         "TESTING": True}).test_client()
    headers = {"Authorization": f"Bearer {token}"}
    for query in ("per_page=0", "per_page=1001", "per_page=x", "page=0"):
        r = client.get(f"/api/v1/status?{query}", headers=headers)
        assert r.status_code == 422, query
        assert r.mimetype == "application/problem+json"
