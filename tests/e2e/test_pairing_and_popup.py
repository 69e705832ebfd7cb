"""Pairing from the manage page, and the popup showing exactly what the server says."""
from __future__ import annotations



def test_first_run_opens_the_manage_page_on_pairing(browser):
    page = browser.wait_until(
        lambda: next((p for p in browser.context.pages if p.url.startswith(browser.url("manage/manage.html"))), None),
        message="the manage page opened on first run",
    )
    assert page.url.endswith("#pair")
    page.wait_for_selector("#server-url")
    assert page.input_value("#server-url") == "http://127.0.0.1:8750"


def test_pairing_stores_a_token_and_a_bad_code_is_refused(browser, seller):
    page = browser.open("manage/manage.html#pair")
    page.fill("#server-url", seller.server.base)
    page.fill("#pair-code", "ZZZZ-ZZZZ")
    page.click("#pair-form button[type=submit]")
    page.wait_for_selector("#flash.error")
    assert not (browser.storage("settings") or {}).get("token")

    page.close()
    page = browser.pair(seller)
    settings = browser.storage("settings")
    assert settings["token"] is True  # storage.local only says "paired"
    assert settings["serverUrl"] == seller.server.base
    assert settings["user"]["name"] == seller.name
    token = browser.token()
    assert token.startswith("sg_")
    # content scripts can read storage.local: the secret is nowhere in it (issue 12, item 9)
    page2 = browser.open("popup/popup.html")
    everything = page2.evaluate("async () => JSON.stringify(await chrome.storage.local.get(null))")
    page2.close()
    assert token not in everything and "sg_" not in everything
    # The extension's token works against the server as that user.
    seller.token = token
    assert seller.api("GET", "/me", expect=200)["name"] == seller.name
    browser.shot(page, "manage-paired")


def test_popup_shows_what_the_server_says(browser, seller):
    us = seller.add_account("Acme US", ["US"], "ops@acme-us.example", "+12062661000")
    seller.add_account("Acme Europe", ["DE", "FR"], "eu@acme.example", "+4915123456789")
    seller.api("PUT", f"/contacts/{us['contacts'][0]['id']}/amazon-status", {"status": "verified", "source": "manual"}, expect=200)
    browser.pair(seller).close()

    status = seller.api("GET", "/status", expect=200)
    popup = browser.open("popup/popup.html")
    popup.wait_for_selector("#accounts")
    text = popup.inner_text("body")
    for account in status["accounts"]:
        assert account["name"] in text
        for contact in account["contacts"]:
            assert contact["masked"] in text
        if account["next_step"]:
            assert (account["next_step"]["message"]) in text
    cards = popup.locator("#accounts section.account")
    assert cards.count() == len(status["accounts"])
    us_card = popup.locator("section.account", has_text="Acme US")
    assert "verified" in us_card.locator("li.contact").first.inner_text().lower()
    link = us_card.locator("a", has_text="sellercentral.amazon.com")
    assert link.get_attribute("href") == status["accounts"][[a["name"] for a in status["accounts"]].index("Acme US")]["seller_central"]["notification_preferences_url"]
    browser.shot(popup, "popup")
