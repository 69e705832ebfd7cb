"""The extension's source, checked without a browser: catalogue in step, minimal permissions,
complete locales, no HTML built from strings, and both packages built from one source."""
from __future__ import annotations

import json
import re
import zipfile

import pytest

from monitor import marketplaces
from server.tools import package_extension

from tests.e2e.conftest import EXTENSION

MANIFEST = json.loads((EXTENSION / "manifest.json").read_text("utf-8"))
JS = sorted(p for p in EXTENSION.rglob("*.js") if "dist" not in p.parts)


def _js_catalogue() -> dict[str, list[str]]:
    src = (EXTENSION / "lib" / "marketplaces.js").read_text("utf-8").replace("EU_UNIFIED_HOST", '"sellercentral-europe.amazon.com"')
    return {code: re.findall(r'"([a-z0-9.-]+)"', hosts)
            for code, hosts in re.findall(r'code: "([A-Z]{2})", hosts: \[([^\]]*)\]', src)}


def test_extension_catalogue_matches_the_monitor_catalogue():
    assert _js_catalogue() == {m.code: list(m.hosts) for m in marketplaces.all_marketplaces()}


def test_permissions_are_minimal():
    assert sorted(MANIFEST["permissions"]) == ["alarms", "notifications", "scripting", "storage"]
    required = set(MANIFEST["host_permissions"])
    assert required <= {"http://127.0.0.1/*", "http://localhost/*"} | {
        f"https://{h}/*" for h in ("sellercentral.amazon.com", "sellercentral-europe.amazon.com", "sellercentral.amazon.de",
                                   "sellercentral.amazon.co.uk", "sellercentral-japan.amazon.com", "sellercentral.amazon.co.jp")}
    # Every other Seller Central host of the catalogue is optional, asked for per account.
    everything = {f"https://{h}/*" for h in marketplaces.seller_central_hosts()}
    assert everything - required <= set(MANIFEST["optional_host_permissions"])
    for script in MANIFEST["content_scripts"]:
        assert all(m.startswith("https://sellercentral") for m in script["matches"])
    assert "web_accessible_resources" not in MANIFEST
    assert "'unsafe" not in MANIFEST["content_security_policy"]["extension_pages"]


def _messages(lang):
    return json.loads((EXTENSION / "_locales" / lang / "messages.json").read_text("utf-8"))


def test_every_string_used_is_in_english_and_chinese():
    used = set()
    for path in JS + sorted(EXTENSION.rglob("*.html")):
        text = path.read_text("utf-8")
        used |= set(re.findall(r'\bt\("([A-Za-z_]+)"', text))
        used |= set(re.findall(r'data-i18n="([A-Za-z_]+)"', text))
        used |= set(re.findall(r'data-i18n-attr="[a-z-]+:([A-Za-z_]+)"', text))
        used |= set(re.findall(r'"(panel[A-Za-z_]+)"', text))
    en, zh = _messages("en"), _messages("zh_CN")
    assert used - set(en) == set()
    assert set(en) == set(zh)
    for lang in ("de", "ja"):  # the panel speaks the page's language in these too
        panel = {k for k in en if k.startswith("panel")}
        assert panel <= set(_messages(lang))
    assert re.fullmatch(r"__MSG_(\w+)__", MANIFEST["name"]).group(1) in en


@pytest.mark.parametrize("path", JS, ids=lambda p: str(p.relative_to(EXTENSION)))
def test_no_html_from_strings_and_no_remote_code(path):
    text = path.read_text("utf-8")
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert banned not in text, f"{banned} in {path.name}"
    assert not re.search(r"import\s*\(?\s*['\"]https?:", text)


def test_service_worker_keeps_no_state_in_globals():
    for path in (EXTENSION / "background").glob("*.js"):
        for line in path.read_text("utf-8").splitlines():
            assert not re.match(r"^(let|var)\s", line), f"module-level mutable state in {path.name}: {line}"


def test_packages_for_chrome_and_firefox(tmp_path):
    targets = package_extension.build(EXTENSION, tmp_path)
    with zipfile.ZipFile(targets["chrome"]) as z:
        chrome = json.loads(z.read("manifest.json"))
        names = set(z.namelist())
    with zipfile.ZipFile(targets["firefox"]) as z:
        firefox = json.loads(z.read("manifest.json"))
        assert set(z.namelist()) == names
    assert chrome == MANIFEST
    assert firefox["background"] == {"scripts": ["background/service-worker.js"], "type": "module"}
    assert firefox["browser_specific_settings"]["gecko"]["id"]
    assert "_locales/zh_CN/messages.json" in names and not any(n.startswith("dist/") for n in names)
    # Reproducible: a second build is byte-identical.
    again = package_extension.build(EXTENSION, tmp_path / "again")
    assert targets["chrome"].read_bytes() == again["chrome"].read_bytes()


def test_packaging_refuses_a_manifest_naming_missing_files(tmp_path):
    src = tmp_path / "ext"
    src.mkdir()
    (src / "manifest.json").write_text(json.dumps({"manifest_version": 3, "background": {"service_worker": "nope.js"}}))
    with pytest.raises(package_extension.PackagingError):
        package_extension.build(src, tmp_path / "out")
