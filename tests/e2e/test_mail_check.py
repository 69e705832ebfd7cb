"""The manage page's "Is this email genuine?": paste a raw message or drop a .eml; the verdict and
its reasons are shown as text (the message is the phisher's text: nothing of it runs)."""
from __future__ import annotations

HOSTILE = '<img src=x onerror="window.__pwned=1">'

PHISHING_EML = (
    "From: Amazon Seller Central <notice@amazon-seller-verify.example>\r\n"
    "To: ops@example-shop.test\r\n"
    f"Subject: Verify now {HOSTILE}\r\n"
    "Message-ID: <e2e-1@amazon-seller-verify.example>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Your account will be suspended within 48 hours. Enter your password and OTP at "
    "https://sellercentral-amazon.verify-now.example/login\r\n")


def test_pasted_phishing_is_called_phishing_as_text(browser, seller):
    page = browser.pair(seller)
    page.goto(browser.url("manage/manage.html#mailcheck"))
    page.wait_for_selector("#mail-raw")
    page.fill("#mail-raw", PHISHING_EML)
    page.click(".mail-check button[type=submit]")
    page.wait_for_selector(".mail-verdict.verdict-phishing")
    text = page.locator("#mail-result").inner_text()
    assert "Phishing" in text
    assert "imitates Amazon" in text and "Account Health" in text
    assert HOSTILE in text  # the subject is shown as text …
    assert page.locator("#mail-result img").count() == 0  # … never as markup
    assert page.evaluate("() => window.__pwned") is None


def test_dropped_eml_file_in_iso_2022_jp_is_checked(browser, seller, tmp_path):
    body = "緊急連絡先を確認してください。".encode("iso-2022-jp")
    raw = (b"From: seller-notification@amazon.co.jp\r\nSubject: =?iso-2022-jp?b?"
           + __import__("base64").b64encode("確認".encode("iso-2022-jp")) + b"?=\r\n"
           b"Content-Type: text/plain; charset=iso-2022-jp\r\n"
           b"Content-Transfer-Encoding: 7bit\r\n\r\n" + body + b"\r\n")
    path = tmp_path / "notice.eml"
    path.write_bytes(raw)
    page = browser.pair(seller)
    page.goto(browser.url("manage/manage.html#mailcheck"))
    page.wait_for_selector("#mail-file")
    page.set_input_files("#mail-file", str(path))
    page.wait_for_selector(".mail-verdict")
    text = page.locator("#mail-result").inner_text()
    # unsigned mail with the marketplace's address: never genuine
    assert "Suspicious" in text or "Unknown" in text
    assert "確認" in text  # the subject was decoded from ISO-2022-JP


def test_empty_paste_says_what_to_do(browser, seller):
    page = browser.pair(seller)
    page.goto(browser.url("manage/manage.html#mailcheck"))
    page.wait_for_selector("#mail-raw")
    page.click(".mail-check button[type=submit]")
    assert "Paste the message first" in page.locator("#mail-result").inner_text()
