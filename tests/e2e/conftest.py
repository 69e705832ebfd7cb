"""End-to-end harness: the real server (CLI ``init`` + ``serve`` in a temporary data home), fixture
Seller Central sites over HTTPS under the real host names, and the system Chromium with the
unpacked extension loaded (Playwright, never a downloaded browser).

Each test gets its own SellerGuard user (users see only their own data) and its own browser
profile, so tests do not depend on each other.
"""
from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, Worker, sync_playwright

from tests.e2e.sites import FixtureSite

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
ARTIFACTS = ROOT / "tests" / "artifacts"
NODE_DIR = Path(__file__).parent / ".node"
CHROMIUM = os.environ.get("SELLERGUARD_CHROMIUM", "/usr/bin/chromium")

_names = itertools.count(1)


# ---------------------------------------------------------------- server


@dataclass
class Server:
    base: str
    home: Path
    process: subprocess.Popen
    output: list[str] = field(default_factory=list)

    @property
    def database(self) -> Path:
        return self.home / "sellerguard.db"

    def db(self):
        from server.db import open_db

        return open_db(self.database)


@pytest.fixture(scope="session")
def sg_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    # Every test pairs its own browser: lift the per-IP pairing limit (10/min) for this server only.
    env = {**os.environ, "SELLERGUARD_OFFLINE": "true", "SELLERGUARD_PAIRING_RATE_LIMIT": "1000 per minute", "COLUMNS": "240", "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    cli = [sys.executable, "-m", "server.cli", "--home", str(home)]
    subprocess.run([*cli, "init", "--json"], check=True, capture_output=True, env=env, cwd=ROOT, timeout=120)
    proc = subprocess.Popen([*cli, "serve", "--port", "0", "--no-monitor"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    lines: list[str] = []
    base = None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and base is None:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        lines.append(line)
        m = re.search(r"(http://127\.0\.0\.1:\d+)", line)
        if m:
            base = m.group(1)
    if base is None:
        proc.kill()
        pytest.fail("sellerguard serve did not start:\n" + "".join(lines))
    server = Server(base=base, home=home, process=proc, output=lines)
    for _ in range(100):
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield server
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@dataclass
class Seller:
    """A SellerGuard user of the running server, with its own token and pairing codes."""

    server: Server
    id: int
    name: str
    token: str

    def api(self, method: str, path: str, json_body=None, expect: int | None = None):
        r = httpx.request(method, f"{self.server.base}/api/v1{path}", json=json_body,
                          headers={"Authorization": f"Bearer {self.token}"}, timeout=10)
        if expect is not None:
            assert r.status_code == expect, (r.status_code, r.text)
        return r.json() if r.content else None

    def pairing_code(self) -> str:
        from server.config import secret_key
        from server.services import auth

        db = self.server.db()
        user = next(u for u in auth.list_users(db) if u.id == self.id)
        code, _ = auth.create_pairing_code(db, secret_key(self.server.home), user, 10)
        return code

    def add_account(self, name: str, marketplaces: list[str], email: str, phone: str) -> dict:
        account = self.api("POST", "/accounts", {"name": name, "marketplaces": marketplaces}, expect=201)
        contacts = [
            self.api("POST", f"/accounts/{account['id']}/contacts", {"kind": "email", "role": "emergency", "value": email}, expect=201),
            self.api("POST", f"/accounts/{account['id']}/contacts", {"kind": "phone", "role": "emergency", "value": phone}, expect=201),
        ]
        return {**account, "contacts": contacts}

    def raise_alert(self, title: str, body: str = "", policy_id: int | None = None) -> int:
        """An alert as the monitor writes it (monitor.alerts.raise_alert in one transaction)."""
        from monitor.alerts import raise_alert
        from monitor.db import transaction

        db = self.server.db()
        with transaction(db):
            return raise_alert(db, user_id=self.id, kind="policy_new", key=f"e2e:{time.time_ns()}",
                               title=title, body=body, policy_id=policy_id, impact=[])


@pytest.fixture
def seller(sg_server) -> Seller:
    from server.services import auth

    db = sg_server.db()
    user = auth.create_user(db, f"seller{next(_names)}-{os.getpid()}")
    token = auth.create_token(db, user, name="e2e")
    return Seller(server=sg_server, id=user.id, name=user.name, token=token)


# ---------------------------------------------------------------- fixture sites


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    s = FixtureSite(tmp_path_factory.mktemp("tls"))
    yield s
    s.close()


# ---------------------------------------------------------------- axe-core


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser bundle, installed from npm into tests/e2e/.node on first use."""
    path = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed once to install axe-core for the accessibility scan"
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(NODE_DIR), "axe-core@4"],
                       check=True, capture_output=True, timeout=300)
    return path.read_text("utf-8")


def axe_scan(page_or_frame, axe_source: str, context: str | None = None) -> list[dict]:
    """Runs axe in the page (evaluated through the DevTools protocol, so the extension pages' CSP
    does not block it); returns the serious and critical violations."""
    if not page_or_frame.evaluate("typeof window.axe !== 'undefined'"):
        page_or_frame.evaluate(axe_source)
    result = page_or_frame.evaluate(
        "async (ctx) => { const r = await axe.run(ctx ? document.querySelector(ctx) : document, {resultTypes: ['violations']});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})); }",
        context,
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


# ---------------------------------------------------------------- browser with the extension


class Browser:
    """The persistent Chromium context with the unpacked extension, and helpers around it."""

    def __init__(self, context: BrowserContext, artifacts: Path):
        self.context = context
        self.artifacts = artifacts
        self._worker = self._wait_worker()
        self.ext_id = self._worker.url.split("/")[2]

    def _wait_worker(self) -> Worker:
        for w in self.context.service_workers:
            if w.url.startswith("chrome-extension://"):
                return w
        return self.context.wait_for_event("serviceworker", timeout=20000)

    @property
    def worker(self) -> Worker:
        """The extension's current service worker (a new one after a restart)."""
        for w in self.context.service_workers:
            if w.url.startswith(f"chrome-extension://{self.ext_id}/"):
                return w
        return self.context.wait_for_event("serviceworker", timeout=20000)

    def url(self, path: str) -> str:
        return f"chrome-extension://{self.ext_id}/{path}"

    def open(self, path: str) -> Page:
        page = self.context.new_page()
        page.goto(self.url(path))
        return page

    def storage(self, key: str):
        page = self.open("popup/popup.html")
        try:
            return page.evaluate("async (k) => (await chrome.storage.local.get(k))[k]", key)
        finally:
            page.close()

    def token(self) -> str | None:
        """The API token as the worker keeps it (storage.session / IndexedDB, never storage.local)."""
        page = self.open("popup/popup.html")
        try:
            return page.evaluate("async () => (await chrome.storage.session.get('token')).token || null")
        finally:
            page.close()

    def shot(self, page: Page, name: str) -> Path:
        path = self.artifacts / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    def pair(self, seller: Seller) -> Page:
        """Pairs through the manage page as a seller would; returns the manage page."""
        page = self.open("manage/manage.html#pair")
        page.fill("#server-url", seller.server.base)
        page.fill("#pair-code", seller.pairing_code())
        page.click("#pair-form button[type=submit]")
        page.wait_for_selector("#pair-state.ok", timeout=20000)
        return page

    def wait_until(self, predicate, timeout: float = 15.0, message: str = "condition"):
        """wait_until that lets Playwright deliver its events (pages, workers) while waiting."""
        pump = self.context.pages[0] if self.context.pages else self.open("popup/popup.html")
        return wait_until(predicate, timeout, message=message, sleep=lambda s: pump.wait_for_timeout(s * 1000))

    def refresh(self) -> None:
        """Asks the worker for a poll now, as the alarm would."""
        page = self.open("popup/popup.html")
        try:
            page.evaluate("() => chrome.runtime.sendMessage({type: 'sg:refresh'})")
        finally:
            page.close()


def browser_args(site: FixtureSite) -> list[str]:
    return [
        f"--disable-extensions-except={EXTENSION}",
        f"--load-extension={EXTENSION}",
        f"--host-resolver-rules={site.resolver_rules()}",
        "--ignore-certificate-errors",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-proxy-server",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]


@pytest.fixture(scope="session")
def playwright_instance():
    with sync_playwright() as p:
        yield p


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def browser(playwright_instance, site, tmp_path, artifacts):
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        headless=True,
        ignore_https_errors=True,
        args=browser_args(site),
        viewport={"width": 1280, "height": 900},
    )
    try:
        yield Browser(context, artifacts)
    finally:
        context.close()


def wait_until(predicate, timeout: float = 15.0, interval: float = 0.2, message: str = "condition", sleep=time.sleep):
    """Polls ``predicate`` until it returns something truthy (no fixed sleeps in tests)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        sleep(interval)
    raise AssertionError(f"timed out waiting for {message}; last value: {last!r}")


def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
