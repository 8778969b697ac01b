"""Deployment settings that protect users: no usage statistics, XSRF on, small uploads."""

from __future__ import annotations

import tomllib
from pathlib import Path

from clientcheck.persistence.storage import MAX_FILE_BYTES

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def test_streamlit_config_keeps_users_private_and_safe():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableXsrfProtection"] is True
    assert MAX_FILE_BYTES / 1e6 < config["server"]["maxUploadSize"] <= 10
    assert config["client"]["showErrorDetails"] == "none"


def test_the_server_does_no_needless_work_per_rerun():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
    assert config["server"]["fileWatcherType"] == "none"
