"""Run the real-browser tests last.

Playwright's sync API keeps an event loop running in the test process once a browser is
open, so code that starts its own loop (``asyncio.run``, the protocol load tests) must run
before it; pytest's default order would put tests/browser/ first.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: "tests/browser/" in item.nodeid.replace("\\", "/"))
