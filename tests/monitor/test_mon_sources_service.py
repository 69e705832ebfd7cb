"""The sources service the server's /sources API calls: visibility and ownership."""
import pytest

from monitor.errors import NotFound, SourceConfigError
from monitor.sources import service as svc

FEED = {"name": "Mine", "kind": "feed", "url": "https://news.example/feed", "interval": "1h",
        "marketplaces": ["DE"], "language": "de"}


def test_defaults_are_shared_and_read_only(db):
    svc.install_defaults(db)
    shared = svc.list_sources(db, 1, per_page=100)["items"][0]
    assert shared["shared"] and not shared["editable"]
    for call in (lambda: svc.update_source(db, 1, shared["id"], {"name": "x"}),
                 lambda: svc.delete_source(db, 1, shared["id"])):
        with pytest.raises(NotFound):
            call()
    assert svc.install_defaults(db)["created"] == []


def test_user_sources_are_private(db):
    mine = svc.create_source(db, 1, FEED)
    assert mine["editable"] and mine["interval"] == "1h" and mine["health"]["state"] == "new"
    assert svc.list_sources(db, 2)["total"] == 0
    for call in (lambda: svc.get_source(db, 2, mine["id"]),
                 lambda: svc.update_source(db, 2, mine["id"], {"name": "x"}),
                 lambda: svc.delete_source(db, 2, mine["id"])):
        with pytest.raises(NotFound):
            call()
    # the same URL for another user is fine, twice for one user is not
    svc.create_source(db, 2, FEED)
    with pytest.raises(SourceConfigError):
        svc.create_source(db, 1, FEED)


def test_update_is_partial_and_validated(db):
    mine = svc.create_source(db, 1, FEED)
    updated = svc.update_source(db, 1, mine["id"], {"interval": "2h", "official": True})
    assert updated["interval_s"] == 7200 and updated["official"]
    assert updated["marketplaces"] == ["DE"] and updated["language"] == "de"
    with pytest.raises(SourceConfigError):
        svc.update_source(db, 1, mine["id"], {"kind": "html"})  # html needs selectors
    svc.delete_source(db, 1, mine["id"])
    assert svc.list_sources(db, 1)["total"] == 0


def test_pagination(db):
    for n in range(5):
        svc.create_source(db, 1, {**FEED, "url": f"https://news.example/{n}"})
    page = svc.list_sources(db, 1, page_no=2, per_page=2)
    assert page["total"] == 5 and len(page["items"]) == 2 and page["page"] == 2
