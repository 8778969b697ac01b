"""Outside tools some tests need (Chromium, HAProxy, openssl, poppler, qpdf).

Without one, those tests are skipped on a developer's machine and fail in CI (``CI`` set),
where `.ci/run` installs them: CI must run every test.
"""

from __future__ import annotations

import os

import pytest


def required(path: str | None, missing: str, needed_by: str) -> str:
    """``path`` when the tool was found; otherwise skip, or fail when ``CI`` is set."""
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} — CI must run {needed_by}")
        pytest.skip(missing)
    return path


HAPROXY_MISSING = "HAProxy not found: install it (apt-get install haproxy)"
