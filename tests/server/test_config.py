"""Configuration layers: defaults < config.yaml in the data home < SELLERGUARD_* < overrides."""
from __future__ import annotations

import pytest

from server import config as cfg


def test_precedence(tmp_path, monkeypatch):
    (tmp_path / "config.yaml").write_text("port: 9001\noffline: true\ndns_timeout: 5\n")
    assert cfg.load(tmp_path)["PORT"] == 9001
    monkeypatch.setenv("SELLERGUARD_PORT", "9002")
    monkeypatch.setenv("SELLERGUARD_OFFLINE", "false")
    loaded = cfg.load(tmp_path)
    assert loaded["PORT"] == 9002 and loaded["OFFLINE"] is False and loaded["DNS_TIMEOUT"] == 5
    assert cfg.load(tmp_path, {"PORT": 9003})["PORT"] == 9003
    monkeypatch.delenv("SELLERGUARD_DATABASE_URL", raising=False)  # the PostgreSQL run sets it
    assert cfg.load(tmp_path)["DATABASE"] == str(tmp_path / "sellerguard.db")
    monkeypatch.setenv("SELLERGUARD_DATABASE_URL", "postgresql://sg@db.example/sellerguard")
    assert cfg.load(tmp_path)["DATABASE"] == "postgresql://sg@db.example/sellerguard"


def test_bad_config_file_is_a_clear_error(tmp_path):
    (tmp_path / "config.yaml").write_text("- just\n- a list\n")
    with pytest.raises(cfg.ConfigError, match="mapping"):
        cfg.load(tmp_path)


def test_new_data_home_is_owner_only(tmp_path):
    cfg.secret_key(tmp_path / "home")
    assert (tmp_path / "home").stat().st_mode & 0o077 == 0


def test_secret_created_once_owner_only(tmp_path):
    first = cfg.secret_key(tmp_path)
    assert len(first) == 32 and cfg.secret_key(tmp_path) == first
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0


def test_home_resolution(tmp_path, monkeypatch):
    monkeypatch.setenv("SELLERGUARD_HOME", str(tmp_path / "h"))
    assert cfg.resolve_home(None) == (tmp_path / "h").resolve()
    assert cfg.resolve_home(tmp_path / "x") == (tmp_path / "x").resolve()
