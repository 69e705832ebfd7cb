"""Item identity, cleaning and language."""
import pytest

from monitor import items
from monitor.db import iso, utcnow
from monitor.sources import Entry
from monitor.sources.service import create_source


@pytest.mark.parametrize("raw,norm", [
    ("https://WWW.Example.com:443/a/b/?utm_source=rss&x=1#frag", "https://example.com/a/b?x=1"),
    ("http://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com:8443/p;jsessionid=ABC?fbclid=1", "https://example.com:8443/p"),
    ("mailto:x@example.com", None),
    ("", None),
])
def test_normalize_link(raw, norm):
    assert items.normalize_link(raw) == norm


@pytest.mark.parametrize("html,text", [
    ("<p>Hello&nbsp;<b>sellers</b></p><script>evil()</script>", "Hello sellers"),
    ("A &amp; B", "A & B"),
    ("<ul><li>one</li><li>two</li></ul>", "one\ntwo"),
    ("", ""),
])
def test_clean_text(html, text):
    assert items.clean_text(html) == text


@pytest.mark.parametrize("text,lang", [
    ("Amazon requires sellers to verify the emergency contact number of the account", "en"),
    ("Verkäufer müssen die Telefonnummer ihres Notfallkontakts mit einem Einmalcode bestätigen, "
     "die bis zum Ende des Monats", "de"),
    ("Los vendedores deben verificar el número de contacto de emergencia de la cuenta para el",
     "es"),
    ("亚马逊要求卖家验证紧急联系人的电话号码和电子邮件地址", "zh"),
    ("出品者は緊急連絡先の電話番号を認証する必要があります", "ja"),
    ("Les vendeurs doivent vérifier le numéro de contact pour le compte avec un code", "fr"),
    ("ok", None),
])
def test_detect_language(text, lang):
    assert items.detect_language(text) == lang


@pytest.fixture
def source(db):
    return create_source(db, 1, {"name": "s", "kind": "feed", "url": "https://e.test/f"})


def _store(db, source, entries):
    from monitor.db import transaction
    with transaction(db):
        return items.store_entries(db, source, entries, iso(utcnow()))


def test_rotating_guids_do_not_duplicate(db, source):
    e1 = Entry(title="Verify your ECN", link="https://e.test/a?utm_source=x", guid="g-1",
               content="<p>text</p>")
    assert len(_store(db, source, [e1])[0]) == 1
    rotated = Entry(title="Verify your ECN", link="https://e.test/a", guid="g-2-rotated",
                    content="<p>text</p>")
    assert _store(db, source, [rotated]) == ([], 0)
    assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 1


def test_identity_falls_back_to_link_then_hash(db, source):
    new, _ = _store(db, source, [Entry(title="A", link="https://e.test/x"),
                                 Entry(title="B", content="only text"),
                                 Entry(title="B", content="only text")])
    assert len(new) == 2
    idents = sorted(r[0].split(":")[0] for r in db.execute("SELECT identity FROM items"))
    assert idents == ["hash", "link"]


def test_changed_content_requeues_analysis(db, source):
    e = Entry(title="T", guid="g", content="v1")
    _store(db, source, [e])
    db.execute("UPDATE items SET analyzed_at = 'x'")
    assert _store(db, source, [Entry(title="T", guid="g", content="v2")]) == ([], 1)
    row = db.execute("SELECT text, analyzed_at FROM items").fetchone()
    assert row == ("v2", None)


def test_language_from_source_wins_then_detection(db, source):
    _store(db, source, [Entry(title="亚马逊要求卖家验证紧急联系人", guid="1", content="电话号码验证"),
                        Entry(title="x", guid="2", content="y", language="fr")])
    langs = [r[0] for r in db.execute("SELECT language FROM items ORDER BY id")]
    assert langs == ["zh", "fr"]
