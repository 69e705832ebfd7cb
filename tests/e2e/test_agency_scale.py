"""An agency with 10,000 accounts (× 2 contacts, imported through the import service): the manage
page's first screen shows the summary and one page of accounts, a search by name finds one
account, the popup shows what needs doing now. Screenshots in tests/artifacts/; the timings are
measured by bench/bench_extension.py, not asserted here."""
from __future__ import annotations

import pytest

from server.services import account_import
from server.services.contacts import CheckSettings

N = 10_000


def _rows(n: int) -> list[account_import.Row]:
    rows = []
    for i in range(1, n + 1):
        rows.append(account_import.Row(2 * i, {"account": f"Shop {i:05d}", "marketplaces": "DE|FR",
                                               "kind": "phone", "value": f"+49 151 {i:08d}"}))
        rows.append(account_import.Row(2 * i + 1, {"account": f"Shop {i:05d}", "kind": "email",
                                                   "value": f"ops{i}@shop{i % 100}.example"}))
    return rows


@pytest.fixture
def agency(seller):
    db = seller.server.db()
    report = account_import.import_rows(db, seller.id, _rows(N), CheckSettings(offline=True))
    assert report["accounts"]["created"] == N and report["refused"] == 0
    db.close()
    return seller


def test_manage_page_with_10000_accounts_shows_a_summary_a_page_and_finds_by_name(browser, agency):
    browser.pair(agency).close()
    manage = browser.open("manage/manage.html#accounts")
    manage.wait_for_selector("#account-summary")
    summary = manage.locator("#account-summary").inner_text()
    assert "10000 accounts: 10000 need action" in summary.replace(",", "")
    cards = manage.locator("#account-list article.card")
    assert cards.count() == 25  # one page, not 10,000 cards
    assert manage.locator("#account-results").inner_text() == "Showing 1–25 of 10000"
    # one account open at a time: the first, with its contacts' controls; the others closed
    assert manage.locator("#account-list article.card.open").count() == 1
    assert manage.locator("#account-list article.card button", has_text="Verify here").count() == 2
    browser.shot(manage, "agency-10000-first-screen")

    manage.fill("#account-search", "Shop 07777")
    manage.locator("#account-results", has_text="Showing 1–1 of 1").wait_for()
    found = manage.locator("#account-list article.card")
    assert found.count() == 1 and "Shop 07777" in found.first.locator("h3").inner_text()
    assert found.first.locator("tbody tr").count() == 2  # the only match is opened
    browser.shot(manage, "agency-10000-search")

    # a phone number, written as a person would, finds its account too
    manage.fill("#account-search", "0151 00001234")
    manage.locator("#account-list article.card h3", has_text="Shop 01234").wait_for()
    assert manage.locator("#account-list article.card").count() == 1

    # paging: the next page is the next 25
    manage.fill("#account-search", "")
    manage.locator("#account-results", has_text="of 10000").wait_for()
    manage.get_by_role("button", name="Next").click()
    manage.locator("#account-results", has_text="Showing 26–50 of 10000").wait_for()
    assert "Shop 00026" in manage.locator("#account-list article.card h3").first.inner_text()

    # a bulk action: codes to the unverified contacts of the selection, within the start limits;
    # the feedback appears next to the button (its own live region), not at the top of the page
    manage.get_by_role("button", name="Send a code to every unverified contact of these accounts").click()
    feedback = manage.locator("#bulk-verify .feedback")
    feedback.wait_for()
    assert feedback.inner_text().startswith("Codes sent to 10 contacts; 0 skipped")
    assert feedback.get_attribute("aria-live") == "polite"
    assert manage.locator("#flash").get_attribute("aria-live") == "off"  # announced once, there
    assert manage.locator("#account-summary").inner_text().count("to verify here") == 1


def test_popup_with_10000_accounts_shows_what_needs_doing_now(browser, agency):
    browser.pair(agency).close()
    popup = browser.open("popup/popup.html")
    popup.wait_for_selector("#accounts section.account")
    assert popup.locator("#accounts section.account").count() == 5
    more = popup.locator("#more-accounts").inner_text()
    assert more.startswith("9995 more accounts need action"), more
    browser.shot(popup, "agency-10000-popup")
