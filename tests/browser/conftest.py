"""Real-browser fixtures: a Streamlit server on a free loopback port, and Chromium via Playwright.

Playwright cannot download its own browsers here, so the tests use Debian's
Chromium (``apt-get install chromium``). Without it the browser tests are
skipped on a developer's machine, and fail when ``CI`` is set.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.browser.helpers import RUN_WATCH
from tests.support.servers import CHROMIUM_ARGS, start_server, stop_server


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
    if report.failed:
        item.cc_failed = True  # a page it used is not handed to the next test (Pages)
    if report.failed and "app_url" in getattr(item, "fixturenames", ()):
        for process in _SERVERS:
            lines = list(getattr(process, "log", ()))[-80:]
            if lines:
                report.sections.append(("streamlit server log (last lines)", "".join(lines)))
    return report


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


class Pages:
    """One page per kind of window (size, language, phone or not), kept by a test worker.

    A test gets the page back on a blank tab with nothing of the last test's left: the
    app's origin has no storage, cookie or session; the next visit opens a new Streamlit
    session. What stays is what a returning browser keeps anyway: the app's files in its
    cache, already compiled. Loading the app in a tab that has loaded it before costs
    about half the CPU of a new page in a new context.
    """

    def __init__(self, browser, app_url: str) -> None:
        self.browser, self.origin = browser, app_url.rstrip("/")
        self.kept: dict[str, tuple[object, dict]] = {}

    @contextmanager
    def open(self, request: pytest.FixtureRequest, **options) -> Iterator:
        """A page made with ``options`` (those of ``browser.new_context``) for ``request``."""
        key = json.dumps(options, sort_keys=True)
        page, _ = self.kept.pop(key, (None, None))
        if page is None:
            context = self.browser.new_context(accept_downloads=True, **options)
            page = context.new_page()
        page.set_viewport_size(options["viewport"])
        page.set_default_timeout(20_000)
        try:
            yield page
        finally:
            if not getattr(request.node, "cc_failed", False) and self._reset(page):
                self.kept[key] = (page, options)
            else:
                page.context.close()

    def _reset(self, page) -> bool:
        """Leave the app and forget everything about it; False if the page cannot be reused."""
        try:
            if page.is_closed() or len(page.context.pages) != 1:
                return False
            if page.url.startswith(self.origin):
                page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            page.goto("about:blank")
            page.context.clear_cookies()
            session = page.context.new_cdp_session(page)
            session.send(
                "Storage.clearDataForOrigin",
                {
                    "origin": self.origin,
                    "storageTypes": "cookies,local_storage,indexeddb,cache_storage,"
                    "service_workers,file_systems",
                },
            )
            session.detach()
            return page.url == "about:blank"
        except Exception:
            return False

    def close(self) -> None:
        for page, _ in self.kept.values():
            page.context.close()


@pytest.fixture(scope="session")
def pages(browser, app_url: str) -> Iterator[Pages]:
    kept = Pages(browser, app_url)
    yield kept
    kept.close()


DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def page(pages: Pages, request: pytest.FixtureRequest):
    """A page at desktop width with its own Streamlit session and empty storage."""
    with pages.open(request, viewport=DESKTOP) as page:
        yield page


@pytest.fixture
def context(browser):
    """A fresh browser context at desktop width (its own, empty ``localStorage``)."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(20_000)
    yield context
    context.close()


@pytest.fixture
def phone_page(pages: Pages, request: pytest.FixtureRequest):
    """A page the size of a phone (390 px wide), with its own session and empty storage."""
    phone = {"width": 390, "height": 844}
    with pages.open(request, viewport=phone, is_mobile=True, has_touch=True) as page:
        yield page


@pytest.fixture
def dialogs(page) -> Iterator[list[str]]:
    """The messages of the dialogs ``page`` opens (each one dismissed)."""
    seen: list[str] = []

    def on_dialog(dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield seen
    page.remove_listener("dialog", on_dialog)


@pytest.fixture(scope="session")
def walks(browser, app_url: str, request: pytest.FixtureRequest):
    """The questionnaire's walks (tests/browser/walks.py), each walked at most once."""
    from tests.browser.walks import Walks

    walked = Walks(browser, app_url)
    yield walked
    if walked.done:
        _report(
            request,
            "axe-core violations on Client Check's pages (any impact):",
            walked.violations_seen(),
        )
    walked.close()


def _report(request, title: str, lines: list[str]) -> None:
    """Print past pytest's output capture, so the list shows in a normal run."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        reporter.write_line(title)
        for line in lines:
            reporter.write_line(f"  - {line}")
