"""The whole app in Chromium behind HAProxy and two replicas, with every security header on.

deploy/haproxy.cfg and deploy/start.sh (deploy/serve.py) on loopback, as in production.
One person does everything the app offers: the questionnaire, the results and a draft,
every download, loading the answers file back, autosave with a reload, and a second
tab with newer work. Meanwhile every frame listens for Content-Security-Policy
violations, and every request the browser makes is recorded: there must be no
violation, no request to anywhere but the app's own origin, and nothing broken.

It needs HAProxy (like the proxy tests in tests/load/) and runs in the parallel pass.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from deploy.security import security_headers
from scripts.load_proxy import haproxy_executable, stack
from tests.browser.autosave_steps import (
    NEWER_WORK,
    SIGN_1,
    answer_chasing,
    wait_quiet,
    wait_stored,
)
from tests.browser.helpers import MAIN, click, expect_title, open_app, unfold, wait_idle
from tests.support.tools import HAPROXY_MISSING, required

SIDEBAR = '[data-testid="stSidebar"]'
NAME = "Proxy & Co"
# Every frame reports its violations to the top page; the console catches any other.
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const report = {directive: e.effectiveDirective, blocked: e.blockedURI,
                  source: e.sourceFile, sample: (e.sample || '').slice(0, 80)};
  try { window.top.__violations.push(report); } catch (x) { window.__violations.push(report); }
}, true);
"""


@pytest.fixture(scope="module")
def proxied() -> str:
    required(haproxy_executable(), HAPROXY_MISSING, "the proxy tests")
    with stack() as s:
        yield s.url


class Watch:
    """What the browser did: its requests, CSP reports and console complaints."""

    def __init__(self, context: BrowserContext, url: str) -> None:
        self.origin = urlsplit(url)
        self.requests: list[str] = []
        self.console: list[str] = []
        self.pages: list[Page] = []
        self.responses: list[tuple[str, dict]] = []
        context.add_init_script(LISTEN)
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("response", lambda r: self.responses.append((r.url, r.headers)))
        context.on("page", self.page)

    def page(self, page: Page) -> None:
        self.pages.append(page)
        page.on("console", self.note)

    def note(self, message) -> None:
        text = message.text
        if any(w in text for w in ("Content Security Policy", "Content-Security-Policy")):
            self.console.append(text[:200])
        elif "Permissions-Policy" in text or "Refused to" in text:
            self.console.append(text[:200])

    def elsewhere(self) -> list[str]:
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if (parts.hostname, parts.port) != (self.origin.hostname, self.origin.port):
                out.append(url)
        return out

    def violations(self) -> list[dict]:
        found = []
        for page in self.pages:
            if not page.is_closed():
                found += page.evaluate("window.__violations")
        return found


def answer_page(page: Page) -> None:
    """Answer the first choice question and a number question, if the page has them."""
    main = page.locator(MAIN)
    radios = main.locator("[data-testid=stRadio] [role=radiogroup]")
    if radios.count():
        radios.first.locator("label").nth(1).click()
        wait_idle(page)
    numbers = main.locator("[data-testid=stTextInput] input[aria-label*='(']")
    if numbers.count():
        numbers.first.fill("3")
        numbers.first.press("Enter")
        wait_idle(page)


def download_all(page: Page, where) -> list[Path]:
    files = []
    buttons = where.locator("[data-testid=stDownloadButton] button:visible")
    for i in range(buttons.count()):
        with page.expect_download(timeout=60_000) as info:
            buttons.nth(i).click()
        assert info.value.failure() is None
        files.append((info.value.suggested_filename, Path(info.value.path())))
    return files


def test_the_whole_app_behind_the_proxy_with_no_csp_violation_and_nothing_leaving(
    browser: Browser, proxied: str, tmp_path: Path
):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True
    )
    context.set_default_timeout(30_000)
    watch = Watch(context, proxied)
    broke = None
    try:
        page = context.new_page()
        # The questionnaire.
        open_app(page, proxied, "en")
        click(page, "Start")
        name = page.get_by_role("textbox", name="Client name")
        name.fill(NAME)
        name.press("Enter")
        wait_idle(page)
        answer_page(page)
        for _ in range(7):
            click(page, "Next")
            answer_page(page)
        # Autosave kept it all on the device.
        assert NAME in wait_stored(page, "Proxy")["session"]
        # The results, a draft, every download.
        click(page, "See the results")
        expect(page.locator(MAIN).locator("h1").first).to_contain_text(NAME)
        unfold(page, "signs")
        page.wait_for_selector("[data-testid=stPlotlyChart]:visible .main-svg")
        unfold(page, "drafts")
        page.locator(MAIN).get_by_role("radio", name="Firm").click()
        wait_idle(page)
        click(page, "Prepare my summary (PDF, Markdown)")
        files = download_all(page, page.locator(MAIN))
        files += download_all(page, page.locator(SIDEBAR))
        kinds = {Path(name).suffix for name, _ in files}
        assert {".pdf", ".md", ".json"} <= kinds, kinds
        pdf = next(path for name, path in files if name.endswith(".pdf"))
        assert pdf.read_bytes().startswith(b"%PDF")
        # The answers file, loaded back.
        answers = next(path for name, path in files if name.endswith(".json"))
        upload = tmp_path / "answers.json"
        upload.write_bytes(answers.read_bytes())
        sidebar = page.locator(SIDEBAR)
        sidebar.get_by_text("Resume a saved assessment").click()
        sidebar.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
        wait_idle(page)
        # The very same client, already open, is not opened a second time; the app says so.
        expect(page.get_by_text("Already open, the same as in the file")).to_be_visible()
        stored = page.evaluate("key => localStorage.getItem(key) || ''", "clientcheck.session")
        assert stored.count(NAME) == 1, stored[:300]  # one client of that name, not two
        # Opening the app again offers to continue (a reload would reopen the results).
        open_app(page, proxied, "en")
        button = page.locator(MAIN).get_by_role("button", name=f"Continue: {NAME}")
        expect(button).to_be_visible(timeout=30_000)
        # A second tab saves newer work; the first one asks before writing over it.
        second = context.new_page()
        open_app(second, proxied, "en")
        wait_quiet(second)
        second.locator(MAIN).get_by_role("button", name=f"Continue: {NAME}").click()
        wait_quiet(second)
        second.locator(SIDEBAR).get_by_role("button", name=f"1. {SIGN_1}").click()
        wait_idle(second)
        expect_title(second, SIGN_1)
        answer_chasing(second, "Never")
        wait_stored(second, '\\"late_payment.chasing\\": \\"never')
        button.click()
        wait_idle(page)
        expect(page.locator(MAIN).get_by_text(NEWER_WORK)).to_be_visible(timeout=20_000)
        click(page, "Open the newer work")
        for tab in (page, second):
            assert not tab.locator('[data-testid="stException"]').count()
    except Exception as exc:  # a violation is the likelier cause: say it first
        broke = exc
    finally:
        violations = watch.violations()
        context.close()
    assert violations == [], violations
    if broke is not None:
        raise broke
    assert watch.console == [], watch.console
    assert watch.requests, "no request was recorded"
    assert watch.elsewhere() == []
    # Every response the browser got carried the policy (the websocket's upgrade aside).
    csp = security_headers()["Content-Security-Policy"]
    missing = [
        url
        for url, headers in watch.responses
        if urlsplit(url).scheme == "http" and headers.get("content-security-policy") != csp
    ]
    assert missing == []
