"""Build the browser packages from the one ``extension/`` source: ``make extension``.

Writes ``extension/dist/sellerguard-chrome.zip`` (the manifest as it is) and
``extension/dist/sellerguard-firefox.zip`` (the same files; the manifest gains
``browser_specific_settings.gecko`` and a ``background.scripts`` fallback, because Firefox runs
MV3 background code as an event page rather than a service worker). No build step, no bundler:
the files are zipped as they are, in a stable order with fixed timestamps so two builds of the
same source are byte-identical.

    python -m server.tools.package_extension [--source extension] [--out extension/dist]
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GECKO_ID = "sellerguard@sellerguard.invalid"
GECKO_MIN_VERSION = "140.0"  # data_collection_permissions (and MV3 event pages, optional hosts)
GECKO_ANDROID_MIN_VERSION = "142.0"
FIXED_TIME = (2025, 1, 1, 0, 0, 0)
SKIP_DIRS = {"dist", "node_modules", ".git", "__pycache__"}
SKIP_SUFFIXES = {".map", ".orig", ".rej", ".swp"}


class PackagingError(RuntimeError):
    """The source cannot be packaged (missing manifest, file it names is missing …)."""


def source_files(source: Path) -> list[Path]:
    """Every file to ship, relative to ``source``, sorted."""
    files = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_dir() or any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts):
            continue
        if path.suffix in SKIP_SUFFIXES:
            continue
        files.append(rel)
    return files


def firefox_manifest(manifest: dict) -> dict:
    """The Firefox variant of a Chrome MV3 manifest."""
    ff = copy.deepcopy(manifest)
    background = ff.get("background", {})
    worker = background.get("service_worker")
    if worker:
        ff["background"] = {"scripts": [worker], "type": background.get("type", "module")}
    ff.pop("minimum_chrome_version", None)
    ff["browser_specific_settings"] = {
        "gecko": {
            "id": GECKO_ID,
            "strict_min_version": GECKO_MIN_VERSION,
            # Data goes only to the seller's own SellerGuard server, never to us or third parties.
            "data_collection_permissions": {"required": ["none"]},
        },
        "gecko_android": {"strict_min_version": GECKO_ANDROID_MIN_VERSION},
    }
    return ff


def _check(source: Path, manifest: dict, files: list[Path]) -> None:
    names = {f.as_posix() for f in files}
    wanted = []
    background = manifest.get("background", {})
    wanted += [background["service_worker"]] if "service_worker" in background else []
    wanted += [manifest.get("action", {}).get("default_popup")]
    wanted += [manifest.get("options_ui", {}).get("page")]
    wanted += list(manifest.get("icons", {}).values())
    for script in manifest.get("content_scripts", []):
        wanted += script.get("js", []) + script.get("css", [])
    missing = sorted(w for w in wanted if w and w not in names)
    if missing:
        raise PackagingError(f"manifest names files that are missing: {', '.join(missing)}")
    if manifest.get("default_locale") and f"_locales/{manifest['default_locale']}/messages.json" not in names:
        raise PackagingError("default_locale has no messages.json")


def _write_zip(target: Path, source: Path, files: list[Path], manifest: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for rel in files:
            info = zipfile.ZipInfo(rel.as_posix(), date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if rel.as_posix() == "manifest.json":
                data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
            else:
                data = (source / rel).read_bytes()
            zf.writestr(info, data)
    tmp.replace(target)


def build(source: Path, out: Path) -> dict[str, Path]:
    """Writes both packages; returns {"chrome": path, "firefox": path}."""
    manifest_path = source / "manifest.json"
    if not manifest_path.is_file():
        raise PackagingError(f"no manifest.json in {source}")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    files = source_files(source)
    _check(source, manifest, files)
    targets = {"chrome": out / "sellerguard-chrome.zip", "firefox": out / "sellerguard-firefox.zip"}
    _write_zip(targets["chrome"], source, files, manifest)
    _write_zip(targets["firefox"], source, files, firefox_manifest(manifest))
    return targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "extension")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or args.source / "dist"
    try:
        targets = build(args.source, out)
    except PackagingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for browser, path in targets.items():
        print(f"{browser:8} {path} ({path.stat().st_size // 1024} KiB)")
    print("Chrome: chrome://extensions → Developer mode → Load unpacked → extension/ (or drop the zip).")
    print("Firefox: about:debugging → This Firefox → Load Temporary Add-on → the firefox zip.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
