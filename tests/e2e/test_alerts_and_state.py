"""Alerts reach the badge and a notification; hostile text stays text; state survives a
service-worker restart."""
from __future__ import annotations

HOSTILE = '<img src=x onerror="window.__pwned=1;document.title=\'pwned\'"><script>window.__pwned=2</script>'


def badge(browser) -> str:
    return browser.worker.evaluate("chrome.action.getBadgeText({})")


def notifications(browser) -> dict:
    return browser.worker.evaluate("chrome.notifications.getAll()")


def fire_alarm(browser) -> None:
    """Makes the poll alarm fire now, exactly as the minute timer would."""
    browser.worker.evaluate("chrome.alarms.create('sg-poll', {when: Date.now() + 50, periodInMinutes: 1})")


def test_new_alert_reaches_badge_and_notification(browser, seller):
    seller.add_account("Alert US", ["US"], "a@alert.example", "+12062661000")
    browser.pair(seller).close()
    status = seller.api("GET", "/status", expect=200)
    pending = status["counts"]["pending_steps"]
    browser.wait_until(lambda: badge(browser) == (str(pending) if pending else ""), message="badge with pending steps")

    alert_id = seller.raise_alert("Amazon requires emergency contact verification by OTP", "Verify by 2025-03-01.")
    fire_alarm(browser)
    browser.wait_until(lambda: badge(browser) == str(pending + 1), message="badge counting the alert")
    shown = browser.wait_until(lambda: notifications(browser), message="a notification")
    assert f"sg-alert-{alert_id}" in shown

    # Acknowledged on the server: the next poll takes it off the badge.
    seller.api("POST", f"/alerts/{alert_id}/ack", expect=200)
    fire_alarm(browser)
    browser.wait_until(lambda: badge(browser) == (str(pending) if pending else ""), message="badge after ack")


def test_hostile_alert_title_is_text_and_runs_nothing(browser, seller, axe_source):
    browser.pair(seller).close()
    seller.raise_alert(HOSTILE, HOSTILE)
    browser.refresh()
    popup = browser.open("popup/popup.html")
    popup.wait_for_selector("#alerts .alert h3")
    assert popup.locator("#alerts .alert h3").first.inner_text() == HOSTILE
    assert popup.locator("#alerts img").count() == 0 and popup.locator("#alerts script").count() == 0
    assert popup.evaluate("() => window.__pwned") is None
    manage = browser.open("manage/manage.html#alerts")
    manage.wait_for_selector("#alert-list li")
    assert HOSTILE in manage.locator("#alert-list").inner_text()
    assert manage.locator("#alert-list img").count() == 0
    assert manage.evaluate("() => window.__pwned") is None
    assert browser.worker.evaluate("typeof self.__pwned") == "undefined"
    browser.shot(popup, "popup-hostile-alert")


def test_state_survives_a_service_worker_restart(browser, seller):
    seller.add_account("Restart DE", ["DE"], "r@restart.example", "+4915123456789")
    browser.pair(seller).close()
    alert_id = seller.raise_alert("Policy before restart")
    browser.refresh()
    browser.wait_until(lambda: f"sg-alert-{alert_id}" in notifications(browser), message="first notification")
    before_badge = badge(browser)
    browser.worker.evaluate("self.__sgMarker = 1")  # a global that only this worker instance has
    browser.worker.evaluate("chrome.notifications.clear('sg-alert-%s')" % alert_id)

    # Stop every service worker through the DevTools protocol (what Chrome does to idle workers).
    page = browser.open("popup/popup.html")
    cdp = browser.context.new_cdp_session(page)
    cdp.send("ServiceWorker.enable")
    cdp.send("ServiceWorker.stopAllWorkers")
    page.close()

    # Waking it (a message from the popup) finds the pairing, caches and what was notified.
    popup = browser.open("popup/popup.html")
    popup.wait_for_selector("#accounts")
    assert "Restart DE" in popup.inner_text("#accounts")
    popup.evaluate("() => chrome.runtime.sendMessage({type: 'sg:refresh'})")
    assert browser.token()  # the token outlived the worker (storage.session / IndexedDB)
    assert browser.worker.evaluate("typeof self.__sgMarker") == "undefined", "the worker really restarted"
    assert badge(browser) == before_badge
    # The alert was notified before the restart; it is not notified again.
    assert f"sg-alert-{alert_id}" not in notifications(browser)
    assert str(alert_id) in browser.storage("seenAlerts")
    assert browser.worker.evaluate("chrome.alarms.get('sg-poll').then(a => Boolean(a))")
