"""What a new seller actually clicks through, end to end: the manage page and the popup of the
unpacked extension in the system Chromium, against a SellerGuard server driven only through its
CLI (its own data home, so one journey may stop and start it).

1. pair, add an account and contacts, see the landline warning, verify a mobile through the
   outbox, see the next step and the badge follow;
2. put a contact on hold and lift it;
3. add a feed source and a json:// channel, check and test them;
4. a real announcement in a local RSS feed → monitor → badge, notification, popup, policy view,
   and the json:// channel (exactly once);
5. the server goes away and comes back.
"""
from __future__ import annotations

import itertools
import os
import re
from datetime import date, timedelta

import pytest

from tests.e2e.conftest import wait_until
from tests.e2e.journey_kit import FeedServer, JourneyServer, JsonReceiver, rss

_users = itertools.count(1)

LANDLINE = "+49 30 12345678"      # Berlin, fixed line
MOBILE = "+49 151 23456789"       # German mobile
EMAIL = "ops@acme-eu.example"


# ---------------------------------------------------------------- fixtures and small helpers


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = JourneyServer(tmp_path_factory.mktemp("journey-home"))
    s.start()
    yield s
    s.stop()


@pytest.fixture
def user(server) -> str:
    return server.new_user(f"journey{next(_users)}-{os.getpid()}")


def badge(browser) -> str:
    return browser.worker.evaluate("chrome.action.getBadgeText({})")


def badge_title(browser) -> str:
    return browser.worker.evaluate("chrome.action.getTitle({})")


def notifications(browser) -> dict:
    return browser.worker.evaluate("chrome.notifications.getAll()")


def fire_alarm(browser) -> None:
    """Makes the poll alarm fire now, exactly as the minute timer would."""
    browser.worker.evaluate("chrome.alarms.create('sg-poll', {when: Date.now() + 50, periodInMinutes: 1})")


def server_status(server, user) -> dict:
    return server.cli("status", "--user", user, "--json", json_out=True)


def expect_badge(browser, server, user) -> str:
    """The badge shows what the server counts: open alerts + pending steps (empty for 0)."""
    counts = server_status(server, user)["counts"]
    want = str(counts["badge"]) if counts["badge"] else ""
    browser.wait_until(lambda: badge(browser) == want, message=f"badge {want!r} (server counts {counts})")
    return want


def settled(page):
    """Waits until the manage page has finished rendering its sections (main loses aria-busy)."""
    page.wait_for_selector("#main:not([aria-busy])", state="attached")
    return page


def flash(page) -> str:
    return page.locator("#flash").inner_text()


def pair_in_manage_page(browser, server, user):
    """The first-run manage page, filled in as the seller would, with a code from `sellerguard pair`."""
    page = browser.wait_until(
        lambda: next((p for p in browser.context.pages if p.url.startswith(browser.url("manage/manage.html"))), None),
        message="the manage page opened on first run")
    page.wait_for_selector("#pair-code")
    page.fill("#server-url", server.base)
    page.fill("#pair-code", server.pairing_code(user))
    page.click("#pair-form button[type=submit]")
    page.wait_for_selector("#pair-state.ok", timeout=20000)
    page.wait_for_selector("#acc-new-name")
    return settled(page)


def add_account(page, name: str, markets: list[str]) -> str:
    """Fills the 'Add account' form; returns the new account's id (from its card)."""
    settled(page)
    page.fill("#acc-new-name", name)
    for m in markets:
        page.check(f"#acc-new-{m}")
    page.locator("form", has=page.locator("#acc-new-name")).locator("button[type=submit]").click()
    card = page.locator("article.card", has=page.locator("h3", has_text=name))
    card.wait_for(timeout=15000)
    return card.get_attribute("id").split("-", 1)[1]


def add_contact(page, account_id: str, kind: str, value: str, role: str = "emergency"):
    settled(page)
    p = f"#new-contact-{account_id}"
    page.select_option(f"{p}-kind", kind)
    page.select_option(f"{p}-role", role)
    page.fill(f"{p}-value", value)
    page.locator("form", has=page.locator(f"{p}-value")).locator("button[type=submit]").click()


def contact_row(page, account_id: str, text: str):
    """The contact's row in the account's table, found by the masked value's visible start."""
    row = page.locator(f"#account-{account_id} tbody tr", has_text=text)
    row.wait_for(timeout=15000)
    return row


def contact_id(row) -> str:
    return row.get_attribute("id").split("-", 1)[1]


def open_popup(browser):
    popup = browser.open("popup/popup.html")
    popup.wait_for_selector("#accounts, #content p")
    return popup


def code_from_outbox(server, user, destination_digits: str) -> str:
    """The newest code sent to this destination, read from the development outbox."""
    def find():
        for msg in server.outbox(user):
            if re.sub(r"\D", "", msg.get("destination") or "").endswith(destination_digits):
                m = re.search(r"\b(\d{6})\b", f"{msg.get('subject') or ''} {msg.get('body') or ''}")
                if m:
                    return m.group(1)
        return None
    return wait_until(find, message="a code in the outbox")


# ---------------------------------------------------------------- 1. a new seller, UI only


def test_new_seller_pairs_adds_an_account_and_verifies_a_mobile(browser, server, user):
    manage = pair_in_manage_page(browser, server, user)
    assert browser.token().startswith("sg_")
    assert manage.locator("#accounts").is_visible()

    account_id = add_account(manage, "Acme EU", ["DE", "FR"])
    card = manage.locator(f"#account-{account_id}")
    assert "DE, FR" in card.inner_text()
    expect_badge(browser, server, user)  # one step: add emergency contacts

    # A landline as the emergency phone: the check says so in plain words.
    add_contact(manage, account_id, "phone", LANDLINE)
    landline = contact_row(manage, account_id, "+49 30")
    warning = landline.locator("ul.warnings li").first
    warning.wait_for()
    assert "landline" in warning.inner_text().lower()
    assert "mobile number" in warning.inner_text()
    assert warning.inner_text().startswith("Problem:")  # severity in words, not a code
    expect_badge(browser, server, user)

    add_contact(manage, account_id, "phone", MOBILE)
    mobile = contact_row(manage, account_id, "+49 15")
    add_contact(manage, account_id, "email", EMAIL)
    contact_row(manage, account_id, "acme-eu.example")
    before = expect_badge(browser, server, user)
    assert before == "3", before  # landline to fix, mobile and email to verify here
    browser.shot(manage, "journey-manage-contacts")

    # Local verification by SMS: the code goes to the development outbox.
    mobile_id = contact_id(mobile)
    mobile.get_by_role("button", name="Verify here").click()
    code_input = manage.locator(f"#code-{mobile_id}")
    code_input.wait_for()
    box = mobile.locator(".verify-box")
    assert box.inner_text().startswith("Code sent by SMS; valid until ")
    assert "sellerguard outbox" in box.inner_text()
    code = code_from_outbox(server, user, "15123456789")
    code_input.fill(code)
    box.get_by_role("button", name="Check").click()
    manage.wait_for_function("() => document.getElementById('flash').textContent.startsWith('Verified')")
    mobile = contact_row(manage, account_id, "+49 15")
    local = mobile.locator("td").nth(1).locator("div").first
    assert local.locator("span.ok").inner_text() == "verified", local.inner_text()
    assert server_status(server, user)["accounts"][0]["contacts"][1]["local_status"] == "verified"

    # The popup: the mobile's next step is now Amazon's own verification.
    popup = open_popup(browser)
    mobile_item = popup.locator("li.contact", has_text="+49 15")
    mobile_item.wait_for()
    popup.wait_for_function(
        "() => [...document.querySelectorAll('li.contact')].some(li => li.textContent.includes('+49 15') && li.textContent.includes('Seller Central'))")
    text = mobile_item.inner_text()
    assert "SellerGuard: verified" in text
    assert "Amazon: not known yet" in text
    assert "Next step" in text and "Notification Preferences" in text
    landline_item = popup.locator("li.contact", has_text="+49 30")
    assert "landline" in landline_item.inner_text().lower()
    browser.shot(popup, "journey-popup-after-local-verification")

    # Still three things to do (the mobile's step moved from here to Amazon); removing the
    # landline takes one away.
    expect_badge(browser, server, user)
    manage.once("dialog", lambda d: d.accept())
    landline = contact_row(manage, account_id, "+49 30")
    landline.get_by_role("button", name="Delete").click()
    manage.locator(f"#account-{account_id} tbody tr", has_text="+49 30").wait_for(state="detached")
    assert expect_badge(browser, server, user) == "2"


# ---------------------------------------------------------------- 2. hold


def account_by_cli(server, user, name: str, markets: list[str], contacts: list[tuple[str, str]]) -> tuple[str, list[int]]:
    """Set-up that is not under test here: an account and its emergency contacts through the CLI."""
    args = ["accounts", "add", name, "--user", user, "--json"]
    for m in markets:
        args += ["-m", m]
    account = server.cli(*args, json_out=True)
    ids = [server.cli("contacts", "add", str(account["id"]), kind, value, "--user", user, "--json", json_out=True)["id"]
           for kind, value in contacts]
    return str(account["id"]), ids


def test_a_contact_goes_on_hold_and_comes_back(browser, server, user):
    account_id, (phone_id, _email_id) = account_by_cli(server, user, "Hold DE", ["DE"], [("phone", MOBILE), ("email", "hold@acme-eu.example")])
    manage = pair_in_manage_page(browser, server, user)
    row = contact_row(manage, account_id, "+49 15")
    assert expect_badge(browser, server, user) == "2"

    until = (date.today() + timedelta(days=21)).isoformat()
    manage.fill(f"#hold-{phone_id}", until)
    row.get_by_role("button", name="Put on hold").click()
    held = manage.locator(f"#contact-{phone_id} .warn", has_text="On hold until")
    held.wait_for()
    # A date for people ("Dec 17, 2026" in English), not the API's ISO string.
    assert until not in held.inner_text() and str(int(until[8:])) in held.inner_text()
    assert server_status(server, user)["accounts"][0]["contacts"][0]["on_hold_until"] == until
    # A contact on hold is not a step to do now.
    assert expect_badge(browser, server, user) == "1"
    browser.shot(manage, "journey-manage-hold")

    popup = open_popup(browser)
    item = popup.locator("li.contact", has_text="+49 15")
    item.wait_for()
    popup.wait_for_function("() => [...document.querySelectorAll('li.contact .warn')].some(e => e.textContent.startsWith('On hold until'))")
    assert item.locator(".warn").inner_text() == held.inner_text(), "popup and manage page show the hold alike"
    browser.shot(popup, "journey-popup-hold")

    # Lift it: the contact is back to its step, and the badge counts it again.
    manage.locator(f"#contact-{phone_id}").get_by_role("button", name="End hold").click()
    manage.locator(f"#contact-{phone_id} .warn", has_text="On hold until").wait_for(state="detached")
    assert server_status(server, user)["accounts"][0]["contacts"][0]["on_hold_until"] is None
    assert expect_badge(browser, server, user) == "2"
    popup.wait_for_function("() => ![...document.querySelectorAll('li.contact .warn')].some(e => e.textContent.startsWith('On hold'))")
    assert "Send yourself a test code by SMS" in popup.locator("li.contact", has_text="+49 15").inner_text()


# ---------------------------------------------------------------- 3. sources and channels

QUIET_FEED = [
    {"title": "Q4 storage limits: what changes for FBA sellers", "link": "http://127.0.0.1/news/storage-limits",
     "guid": "news-1001", "published": "Mon, 23 Nov 2026 08:00:00 GMT",
     "text": "Storage limits for the fourth quarter are now shown in the Capacity Monitor."},
    {"title": "Holiday returns window extended", "link": "http://127.0.0.1/news/returns",
     "guid": "news-1002", "published": "Tue, 24 Nov 2026 08:00:00 GMT",
     "text": "Items bought between November 1 and December 31 can be returned until January 31."},
]


@pytest.fixture
def quiet_feed():
    feed = FeedServer(rss(QUIET_FEED))
    yield feed
    feed.close()


@pytest.fixture
def receiver():
    r = JsonReceiver()
    yield r
    r.close()


def test_sources_and_channels_from_the_manage_page(browser, server, user, quiet_feed, receiver):
    manage = pair_in_manage_page(browser, server, user)
    manage.get_by_role("link", name="Sources").click()
    manage.wait_for_selector("#src-name")

    # A feed source of the seller's own, then "Check now": the page says what it found.
    manage.fill("#src-name", "Local seller news")
    manage.select_option("#src-kind", "feed")
    manage.fill("#src-url", quiet_feed.url)
    manage.fill("#src-lang", "en")
    manage.fill("#src-markets", "DE, FR")
    manage.locator("form", has=manage.locator("#src-name")).locator("button[type=submit]").click()
    row = manage.locator("#sources tbody tr", has_text="Local seller news")
    row.wait_for()
    assert quiet_feed.url in row.inner_text() and "DE, FR" in row.inner_text()
    hits = len(quiet_feed.hits)
    row.get_by_role("button", name="Check now").click()
    result = row.locator(".check-result.ok, .check-result.error")
    result.wait_for()
    text = result.inner_text()
    assert "ok" in result.get_attribute("class").split(), text
    assert len(quiet_feed.hits) > hits, "the check fetched the feed"
    assert "2 entries" in text and "Holiday returns window extended" in text, text

    # A source that is not there: the check says it failed, and why.
    manage.fill("#src-name", "Broken link")
    manage.fill("#src-url", quiet_feed.url.replace("feed.xml", "gone.xml"))
    manage.locator("form", has=manage.locator("#src-name")).locator("button[type=submit]").click()
    broken = manage.locator("#sources tbody tr", has_text="Broken link")
    broken.wait_for()
    broken.get_by_role("button", name="Check now").click()
    bad = broken.locator(".check-result.error")
    bad.wait_for()
    assert "404" in bad.inner_text(), bad.inner_text()
    assert "Checked." not in flash(manage)
    browser.shot(manage, "journey-manage-sources")

    # A json:// channel for alerts, then "Test": the receiver gets the message.
    manage.get_by_role("link", name="Notification channels").click()
    manage.wait_for_selector("#ch-name")
    manage.fill("#ch-name", "Ops webhook")
    manage.fill("#ch-url", receiver.url("alerts"))
    assert manage.is_checked("#ch-alerts")
    manage.locator("form", has=manage.locator("#ch-name")).locator("button[type=submit]").click()
    channel = manage.locator("#channels tbody tr", has_text="Ops webhook")
    channel.wait_for()
    assert "alerts" in channel.inner_text()
    channel.get_by_role("button", name="Test").click()
    got = browser.wait_until(receiver.received, message="the test message at the receiver")
    assert len(got) == 1 and got[0]["path"] == "/alerts"
    assert "test" in (got[0]["body"].get("title") or "").lower()
    manage.wait_for_function("() => document.getElementById('flash').textContent.length > 0")
    assert flash(manage) == "Test message sent."

    # A channel nobody answers: "Test" says it failed instead of "sent".
    dead = JsonReceiver()
    dead_url = dead.url("nobody")
    dead.close()
    manage.fill("#ch-name", "Dead webhook")
    manage.fill("#ch-url", dead_url)
    manage.locator("form", has=manage.locator("#ch-name")).locator("button[type=submit]").click()
    dead_row = manage.locator("#channels tbody tr", has_text="Dead webhook")
    dead_row.wait_for()
    manage.evaluate("() => { document.getElementById('flash').textContent = ''; }")
    dead_row.get_by_role("button", name="Test").click()
    manage.wait_for_selector("#flash.error")
    assert "Test message sent." not in flash(manage)
    browser.shot(manage, "journey-manage-channels")


# ---------------------------------------------------------------- 4. from a real feed to the browser

ANNOUNCEMENT = {
    "title": "Amazon to require verified emergency contact phone numbers for sellers in Germany",
    "link": "http://127.0.0.1/news/amazon-emergency-contact-verification-de",
    "guid": "news-2041",
    "published": "Tue, 24 Nov 2026 09:00:00 GMT",
    "author": "Ina Berger",
    "text": (
        "Amazon has begun notifying sellers on Amazon.de that they must verify the emergency contact "
        "details in Seller Central. In an email sent to sellers on November 24, 2026, Amazon said that "
        "starting January 15, 2027, every seller account must have an emergency contact phone number "
        "verified by a one-time passcode (OTP) sent by SMS. Sellers must complete the verification under "
        "Settings > Notification Preferences by February 28, 2027. Accounts that have not verified their "
        "emergency contact by the deadline may have their listings deactivated. Sellers who use a landline "
        "as their emergency number should replace it with a mobile number before starting the verification."
    ),
}


def test_an_announcement_in_a_feed_reaches_badge_notification_popup_policy_and_channel(browser, server, user, receiver, tmp_path):
    feed = FeedServer(rss([QUIET_FEED[0], ANNOUNCEMENT]))
    try:
        _journey_from_feed(browser, server, user, receiver, feed, tmp_path)
    finally:
        feed.close()


def _journey_from_feed(browser, server, user, receiver, feed, tmp_path):
    account_id, _ = account_by_cli(server, user, "Acme EU", ["DE", "FR"], [("phone", MOBILE), ("email", EMAIL)])
    server.cli("channels", "add", "Ops webhook", receiver.url("alerts"), "--purpose", "alerts", "--user", user)
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n"
        "  - name: Seller News (local)\n"
        "    kind: feed\n"
        f"    url: {feed.url}\n"
        "    language: en\n"
        "    marketplaces: [DE]\n"
        "    interval: 30m\n", "utf-8")
    server.cli("sources", "import", str(sources), "--user", user)

    manage = pair_in_manage_page(browser, server, user)
    before = expect_badge(browser, server, user)
    assert not notifications(browser)

    summary = server.cli("monitor", "run", "--once", "--all", "--json", json_out=True)
    assert summary["policies_new"] >= 1, summary
    alerts = server.cli("alerts", "list", "--user", user, "--json", json_out=True)["items"]
    assert len(alerts) == 1, alerts
    alert = alerts[0]
    assert alert["policy_id"] and "emergency contact" in alert["title"].lower()

    # The extension's poll (the alarm) brings it to the badge and a notification.
    fire_alarm(browser)
    after = expect_badge(browser, server, user)
    assert int(after) == int(before or 0) + 1
    assert badge_title(browser).startswith("SellerGuard: 1 open alert")
    shown = browser.wait_until(lambda: notifications(browser), message="a notification")
    assert list(shown) == [f"sg-alert-{alert['id']}"]

    # The popup: the alert with its facts.
    popup = open_popup(browser)
    card = popup.locator("#alerts .alert").first
    card.wait_for()
    text = card.inner_text()
    assert alert["title"] in text
    facts = dict(zip(card.locator("dt").all_inner_texts(), card.locator("dd").all_inner_texts(), strict=True))
    assert facts.get("Where", "").endswith("Notification Preferences"), facts
    assert facts.get("Marketplace") == "DE", facts
    assert facts.get("From") == "Jan 15, 2027" and facts.get("Deadline") == "Feb 28, 2027", facts
    # Words, not the monitor's codes.
    assert facts.get("What") == "emergency contact, phone number", facts
    assert facts.get("How") == "one-time code", facts
    affected_lines = card.locator("ul.affected li").all_inner_texts()
    assert affected_lines and all("Acme EU" in line for line in affected_lines), affected_lines
    browser.shot(popup, "journey-popup-alert")

    # The manage page's policy view (where the notification and the popup's "Details" lead).
    details_href = card.get_by_role("link", name="Details").get_attribute("href")
    assert details_href.endswith(f"#policy={alert['policy_id']}")
    policy_page = browser.context.new_page()
    policy_page.goto(details_href)
    settled(policy_page)
    policy = policy_page.locator(f"#policy-{alert['policy_id']}")
    policy.wait_for()
    affected = policy.locator("ul li", has=policy_page.locator(f"a[href='#account={account_id}']"))
    affected.first.wait_for()
    reasons = " ".join(affected.all_inner_texts())
    assert "Acme EU" in reasons and "Amazon verification not confirmed yet" in reasons, reasons
    assert policy_page.locator("#alert-list").inner_text().count(alert["title"]) == 1
    browser.shot(policy_page, "journey-manage-policy")

    # The json:// channel got the alert once, and another monitor run sends nothing again.
    got = browser.wait_until(receiver.received, message="the alert at the webhook")
    server.cli("monitor", "run", "--once", "--all", "--json", json_out=True)
    got = receiver.received()
    assert len(got) == 1, got
    assert got[0]["path"] == "/alerts"
    assert alert["title"] in (got[0]["body"].get("title") or ""), got[0]["body"]
    # The manage page's alert says where it went, in words.
    policy_page.reload()
    item = policy_page.locator(f"#alert-{alert['id']}")
    item.wait_for()
    assert "Delivered: Ops webhook: delivered" in item.inner_text(), item.inner_text()
    body = item.locator(".alert-body")
    assert body.evaluate("e => getComputedStyle(e).whiteSpace") == "pre-line"
    assert "\nYour accounts affected:\n" in body.inner_text()
    manage.close()


# ---------------------------------------------------------------- 5. the server goes away


def test_a_stopped_server_is_said_plainly_and_the_extension_recovers(browser, server, user):
    account_by_cli(server, user, "Down DE", ["DE"], [("phone", MOBILE), ("email", "down@acme-eu.example")])
    manage = pair_in_manage_page(browser, server, user)
    counted = expect_badge(browser, server, user)
    popup = open_popup(browser)
    popup.locator("section.account", has_text="Down DE").wait_for()
    errors: list[str] = []
    for page in (manage, popup):
        page.on("pageerror", lambda exc: errors.append(str(exc)))

    server.stop()
    try:
        fire_alarm(browser)
        browser.wait_until(lambda: badge(browser) == "!", message="the offline badge")
        assert "cannot reach" in badge_title(browser)

        # The popup keeps the last known accounts and says, in words, that the server is not there.
        problem = popup.locator("#sync .error")
        problem.wait_for()
        said = problem.inner_text()
        assert "Cannot reach your SellerGuard server" in said and server.base in said, said
        assert "fetch" not in said.lower(), "no browser jargon"
        assert "Down DE" in popup.inner_text("#accounts")
        browser.shot(popup, "journey-popup-server-down")

        # The page that was open: its connection section says it, and trying something says the same.
        manage.fill("#acc-new-name", "While down")
        manage.check("#acc-new-DE")
        manage.locator("form", has=manage.locator("#acc-new-name")).locator("button[type=submit]").click()
        manage.wait_for_selector("#flash.error")
        assert flash(manage).startswith("Cannot reach your SellerGuard server"), flash(manage)
        manage.locator("#pair .error", has_text="Cannot reach your SellerGuard server").wait_for()

        # The manage page, opened while it is down: one clear message, no crash, the pairing kept.
        manage.reload()
        settled(manage)
        down = manage.locator("#pair .error", has_text="Cannot reach your SellerGuard server")
        down.wait_for()
        assert server.base in down.inner_text()
        body = manage.inner_text("#main")
        assert "fetch" not in body.lower(), body[:2000]
        assert body.count("Cannot reach") == 1, body[:2000]
        assert manage.locator("#accounts .body").inner_text() == "Not available until the server answers."
        assert manage.locator("#pair-state.ok").is_visible(), "still paired"
        browser.shot(manage, "journey-manage-server-down")

    finally:
        server.start()

    # Back: the next poll clears the offline badge, the popup and the manage page follow by themselves.
    fire_alarm(browser)
    browser.wait_until(lambda: badge(browser) == counted, message="the badge after the server is back")
    popup.wait_for_selector("#sync .error", state="detached")
    manage.locator("#pair .error", has_text="Cannot reach").wait_for(state="detached")
    manage.locator("article.card", has_text="Down DE").wait_for()
    assert not errors, errors
