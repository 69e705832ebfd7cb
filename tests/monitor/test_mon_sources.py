"""Source kinds: settings validation, feed parsing and html selectors on recorded pages."""
import pytest

from mon_support import fixture_bytes
from monitor.fetch import Response
from monitor.sources import (
    ParseError,
    SelectorMatchedNothing,
    SourceConfigError,
    build,
    parse_interval,
    validate_source,
)
from monitor.sources.service import DEFAULTS_FILE, load_file

FORUM = next(s for s in load_file(DEFAULTS_FILE) if s["kind"] == "html")


def resp(name, url="https://sellercentral.amazon.com/seller-forums/discussions",
         ctype="text/html; charset=utf-8", body=None):
    return Response(url=url, status=200, headers={"content-type": ctype},
                    body=body if body is not None else fixture_bytes(name))


def html_source(**over):
    data = {**FORUM, **over}
    return build({**validate_source(data), "id": 1})


# --- validation: data-driven ------------------------------------------------------------------

BASE = {"name": "X", "kind": "feed", "url": "https://example.com/feed"}
INVALID = [
    ("no-name", {"name": ""}, "name"),
    ("bad-kind", {"kind": "telepathy"}, "kind"),
    ("ftp-url", {"url": "ftp://example.com/x"}, "url"),
    ("relative-url", {"url": "/feed"}, "url"),
    ("bad-interval", {"interval": "soon"}, "interval"),
    ("too-short-interval", {"interval": "5s"}, "interval"),
    ("unknown-marketplace", {"marketplaces": ["XX"]}, "marketplaces"),
    ("bad-language", {"language": "English"}, "language"),
    ("unknown-field", {"colour": "red"}, "colour"),
    ("feed-with-selectors", {"selectors": {"item": "li"}}, "selectors"),
    ("html-no-selectors", {"kind": "html"}, "selectors"),
    ("html-no-item", {"kind": "html", "selectors": {"title": "a"}}, "selectors"),
    ("html-bad-css", {"kind": "html", "selectors": {"item": "li[[["}}, "selectors"),
    ("html-unknown-selector", {"kind": "html", "selectors": {"item": "li", "body": "p"}},
     "selectors"),
    ("author-filter-without-author", {"kind": "html", "selectors": {"item": "li"},
                                      "author_filter": "News_Amazon"}, "author_filter"),
]


@pytest.mark.parametrize("over,field", [c[1:] for c in INVALID], ids=[c[0] for c in INVALID])
def test_invalid_sources(over, field):
    with pytest.raises(SourceConfigError) as err:
        validate_source({**BASE, **over})
    assert err.value.field == field
    assert str(err.value)


def test_valid_source_is_normalised():
    clean = validate_source({**BASE, "marketplaces": ["uk", "GB", "de"], "interval": "1h",
                             "language": "en"})
    assert clean["marketplaces"] == ["DE", "UK"]
    assert clean["interval_s"] == 3600 and clean["official"] is False


@pytest.mark.parametrize("value,seconds", [("30m", 1800), ("1h", 3600), ("90s", 90),
                                           ("1d", 86400), (600, 600), ("2 h", 7200)])
def test_parse_interval(value, seconds):
    assert parse_interval(value) == seconds


def test_shipped_defaults_are_valid_and_cover_main_marketplaces():
    entries = load_file(DEFAULTS_FILE)
    cleaned = [validate_source(e) for e in entries]
    forums = [c for c in cleaned if c["kind"] == "html" and c["official"]]
    covered = {m for c in forums for m in c["marketplaces"]}
    assert {"US", "UK", "DE", "JP", "IN"} <= covered
    feeds = {c["name"] for c in cleaned if c["kind"] == "feed"}
    assert {"EcommerceBytes", "Selling Partner API changelog"} <= feeds
    assert all(c["language"] for c in cleaned)


# --- html selectors on recorded forum pages ----------------------------------------------------

@pytest.mark.parametrize("page,lang,expected_titles", [
    ("forum_us.html", "en", ["Verify your emergency contact number (ECN) with a one-time password",
                             "Changes to FBA capacity limits starting March 1, 2025"]),
    ("forum_jp.html", "ja", ["緊急連絡先の電話番号の認証について"]),
    ("forum_in.html", "en", ["Two-step verification will be mandatory for all sellers from 15 April"]),
    ("forum_de.html", "de", ["Bestätigen Sie Ihre Notfallkontakt-Telefonnummer"]),
])
def test_forum_selectors_keep_only_news_amazon(page, lang, expected_titles):
    entries = html_source(language=lang).parse(resp(page))
    assert [e.title for e in entries] == expected_titles
    for e in entries:
        assert e.author == "News_Amazon"
        assert "/seller-forums/discussions/t/" in e.link and e.link.startswith("https://")
        assert e.published and e.published.endswith("Z")


def test_forum_entry_fields():
    first = html_source(language="en").parse(resp("forum_us.html"))[0]
    assert first.link == ("https://sellercentral.amazon.com/seller-forums/discussions/t/"
                          "7a1c0f3e-2d2b-4a53-9c0e-0a1b2c3d4e5f")
    assert first.published == "2025-01-30T18:04:11Z"
    assert "Notification Preferences" in first.content


def test_without_author_filter_all_threads_are_kept():
    src = html_source(author_filter=None)
    assert len(src.parse(resp("forum_us.html"))) == 3


def test_empty_selector_is_a_fault_not_no_news():
    with pytest.raises(SelectorMatchedNothing) as err:
        html_source().parse(resp("forum_redesigned.html"))
    assert err.value.state == "empty_selector"
    assert "matched nothing" in str(err.value)


def test_title_selector_that_never_matches_is_a_fault():
    src = html_source(selectors={"item": "article", "title": "h6.nope", "link": "a@href"},
                      author_filter=None)
    with pytest.raises(SelectorMatchedNothing, match="title"):
        src.parse(resp("forum_us.html"))


def test_text_dates_are_parsed_when_no_datetime_attribute():
    body = ("<ul><li class='n'><a href='/a/1'>Neue Pflicht</a><span class='d'>31. Januar 2025"
            "</span></li></ul>").encode()
    src = build({**validate_source({"name": "d", "kind": "html", "url": "https://x.test/",
                                    "language": "de",
                                    "selectors": {"item": "li.n", "date": "span.d"}}), "id": 1})
    entry = src.parse(resp(None, url="https://x.test/list", body=body))[0]
    assert entry.published.startswith("2025-01-31") and entry.link == "https://x.test/a/1"


# --- feeds ------------------------------------------------------------------------------------

FEED = build({**validate_source({"name": "f", "kind": "feed",
                                 "url": "https://example.com/f"}), "id": 1})


def test_wordpress_rss():
    entries = FEED.parse(resp("ecommercebytes.rss", ctype="application/rss+xml; charset=UTF-8"))
    assert len(entries) == 2
    e = entries[0]
    assert e.title == "Amazon Requires Sellers to Verify Their Emergency Contact Number"
    assert e.guid == "https://www.ecommercebytes.com/?p=90101"
    assert e.published == "2025-01-31T13:45:00Z"
    assert "January 24th" in e.content and e.author == "Ina Steiner"
    assert e.language == "en"


def test_readme_changelog_rss():
    entries = FEED.parse(resp("spapi_changelog.rss", ctype="application/rss+xml"))
    assert entries[0].link.endswith("/mfa-solution-provider-portal")


def test_json_feed():
    entries = FEED.parse(resp("jsonfeed.json", ctype="application/feed+json"))
    assert entries[0].title.startswith("Amazon exige") and entries[0].language == "es"
    assert entries[0].published == "2025-02-01T07:00:00Z"


@pytest.mark.parametrize("body,ctype", [
    (fixture_bytes("malformed.xml"), "application/rss+xml"),
    (fixture_bytes("forum_us.html"), "text/html"),
    (b"", "application/rss+xml"),
    (b"{not json", "application/feed+json"),
])
def test_not_a_feed_is_a_parse_error(body, ctype):
    with pytest.raises(ParseError):
        FEED.parse(resp(None, ctype=ctype, body=body))


def test_empty_but_valid_feed_is_no_news():
    body = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
    assert FEED.parse(resp(None, ctype="application/rss+xml", body=body)) == []
