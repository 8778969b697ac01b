"""Real-browser fixtures: a Streamlit server on a free loopback port, and Chromium via Playwright.

Playwright cannot download its own browsers here, so the tests use Debian's
Chromium (``apt-get install chromium``). Without it the browser tests are
skipped on a developer's machine, and fail when ``CI`` is set.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest

from tests.browser.helpers import RUN_WATCH
from tests.support.servers import CHROMIUM_ARGS, chromium_executable, start_server, stop_server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


# Servers started for this session: a failing browser test shows the end of their log,
# since the page itself only says that the (redacted) error "has been recorded in the logs".
_SERVERS: list[subprocess.Popen] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.failed and "app_url" in getattr(item, "fixturenames", ()):
        for process in _SERVERS:
            lines = list(getattr(process, "log", ()))[-80:]
            if lines:
                report.sections.append(("streamlit server log (last lines)", "".join(lines)))
    return report


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium_executable()
    if path is None:
        message = "Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH"
        if os.environ.get("CI"):
            pytest.fail(message + " — CI must run the browser tests")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    process, url = start_server()
    _SERVERS.append(process)
    yield url
    _SERVERS.remove(process)
    stop_server(process)


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        new_context = browser.new_context

        def watched_context(*args, **kwargs):
            """Every context's pages follow the app's runs (helpers.wait_idle)."""
            context = new_context(*args, **kwargs)
            context.add_init_script(path=RUN_WATCH)
            return context

        browser.new_context = watched_context
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url: str):
    """A fresh browser context (its own Streamlit session) at desktop width."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def context(browser):
    """A fresh browser context at desktop width (its own, empty ``localStorage``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    yield context
    context.close()


@pytest.fixture
def phone_page(browser, app_url: str):
    """A fresh browser context the size of a phone (390 px wide)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()
