"""The in-page guide on fixture Seller Central pages under the real host names: in the page's
language, following in-app navigation, spotlight or "can't find it", and detection of
"verified" reported back to the server."""
from __future__ import annotations

import pytest

from tests.e2e.sites import SITES

PANEL = "sellerguard-guide"

# host → (marketplace, email, phone, words the guide must show in the page language)
CASES = {
    "sellercentral.amazon.com": ("US", "ops@acme-us.example", "+12062661000", ["Open Settings", "Step 1 of 7", "It is highlighted on this page."]),
    "sellercentral.amazon.de": ("DE", "ops@acme-de.example", "+4915123456789", ["Einstellungen öffnen", "Schritt 1 von 7", "Auf dieser Seite hervorgehoben."]),
    "sellercentral-japan.amazon.com": ("JP", "ops@acme-jp.example", "+819012345678", ["設定を開く", "ステップ 1 / 7", "このページで強調表示しています。"]),
}


def open_debug(browser):
    """Test-only switch: the panel's shadow root is open so Playwright can read inside it."""
    page = browser.open("popup/popup.html")
    page.evaluate("() => chrome.storage.local.set({debug: {openShadowRoot: true}})")
    page.close()


def set_page_contacts(site, host, email, phone, email_state="unverified", phone_state="unverified"):
    site.state[host].update(email_value=email, phone_value=phone, email=email_state, phone=phone_state)


def panel_text(page) -> str:
    return page.locator(f"{PANEL} .panel").inner_text()


@pytest.mark.parametrize("host", list(CASES))
def test_guide_appears_in_the_page_language_and_follows_navigation(browser, seller, site, host):
    market, email, phone, words = CASES[host]
    seller.add_account(f"Shop {market}", [market], email, phone)
    set_page_contacts(site, host, email, phone)
    browser.pair(seller).close()
    open_debug(browser)

    page = browser.context.new_page()
    page.goto(f"https://{host}/home")
    page.wait_for_selector(f"{PANEL} .panel")
    text = panel_text(page)
    for word in words:
        assert word in text, (word, text)
    assert page.locator(f"{PANEL} .panel").get_attribute("lang").startswith(SITES[host]["lang"][:2])
    assert page.locator(f"{PANEL} .spot").is_visible()  # the Settings control is spotlighted
    browser.shot(page, f"panel-{market}-home")

    # Step 2 points at the menu entry, hidden in the closed Settings menu: said plainly.
    page.locator(f"{PANEL} [data-key=next]").click()
    page.wait_for_selector(f"{PANEL} .where.missing")
    assert page.locator(f"{PANEL} .spot").is_hidden()

    # In-app navigation (history.pushState): the guide moves to the step for the new page.
    page.click("#settings-button")
    page.click("a[href='/notifications/preferences']")
    page.wait_for_url(f"https://{host}/notifications/preferences")
    page.wait_for_function(
        "() => { const r = document.querySelector('sellerguard-guide').shadowRoot;"
        " return r && /3/.test(r.querySelector('.count').textContent); }"
    )
    page.wait_for_selector(f"{PANEL} .where:not(.missing)")
    browser.shot(page, f"panel-{market}-preferences")

    # Back (popstate) returns to the first step.
    page.go_back()
    page.wait_for_function(
        "() => document.querySelector('sellerguard-guide').shadowRoot.querySelector('.count').textContent.includes('1')"
    )
    # Seller Central's own page is untouched: nothing of ours inside its body.
    assert page.evaluate("() => document.body.querySelectorAll('sellerguard-guide').length") == 0


def test_panel_is_in_a_closed_shadow_root_by_default(browser, seller, site):
    host = "sellercentral.amazon.com"
    market, email, phone, _ = CASES[host]
    seller.add_account("Closed US", [market], email, phone)
    set_page_contacts(site, host, email, phone)
    browser.pair(seller).close()
    page = browser.context.new_page()
    page.goto(f"https://{host}/home")
    page.wait_for_selector(PANEL, state="attached")
    assert page.evaluate("() => document.querySelector('sellerguard-guide').shadowRoot") is None
    # Read through the DevTools protocol (which sees closed roots) that it really shows the guide.
    cdp = browser.context.new_cdp_session(page)
    doc = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})

    def texts(node):
        if node.get("nodeType") == 3:
            yield node.get("nodeValue", "")
        for child in node.get("children", []) + node.get("shadowRoots", []):
            yield from texts(child)

    assert "Open Settings" in " ".join(texts(doc["root"]))
    browser.shot(page, "panel-closed-shadow")


def test_verified_on_the_page_updates_the_server(browser, seller, site):
    host = "sellercentral.amazon.de"
    market, email, phone, _ = CASES[host]
    account = seller.add_account("Shop DE verify", [market], email, phone)
    email_id, phone_id = (c["id"] for c in account["contacts"])
    set_page_contacts(site, host, email, phone, email_state="verified", phone_state="unverified")
    browser.pair(seller).close()
    open_debug(browser)

    page = browser.context.new_page()
    page.goto(f"https://{host}/notifications/preferences")
    page.wait_for_selector(f"{PANEL} .panel")

    def amazon(contact_id):
        return seller.api("GET", f"/contacts/{contact_id}", expect=200)["amazon_status"]

    browser.wait_until(lambda: amazon(email_id)["status"] == "verified", message="email reported verified")
    browser.wait_until(lambda: amazon(phone_id)["status"] == "unverified", message="phone reported unverified")
    assert amazon(email_id)["source"] == "extension"

    # The seller verifies the phone on Amazon; the page re-renders (in-app) and the server follows.
    site.state[host]["phone"] = "verified"
    page.click("#settings-button")
    page.click("a[href='/notifications/preferences']")
    browser.wait_until(lambda: amazon(phone_id)["status"] == "verified", message="phone reported verified")
    # The popup agrees with the server.
    page.wait_for_selector(f"{PANEL} .panel .ok[role=status]")
    browser.shot(page, "panel-DE-all-verified")
    popup = browser.open("popup/popup.html")
    popup.wait_for_selector("#accounts")
    card = popup.locator("section.account", has_text="Shop DE verify")
    assert card.locator("li.contact").nth(1).locator(".ok").count() == 1
