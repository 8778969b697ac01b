"""Autosave on the device in a real Chromium: reload, reopen, server restart, two tabs, bad storage.

Each test has its own browser context, so its own empty ``localStorage``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from clientcheck.bank.loader import default_bank
from tests.browser.helpers import MAIN, click, expect_title, open_app, unfold, wait_idle
from tests.support.servers import free_port, start_server, stop_server

BANK = default_bank()
KEY = "clientcheck.session"
CHASING = next(q for q in BANK.questions() if q.id == "late_payment.chasing").text("en")
SIGN_1 = BANK.signs[0].name("en")
TOTAL = sum(1 for _ in BANK.questions())


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    yield context
    context.close()


def stored(page: Page) -> dict | None:
    text = page.evaluate(f"localStorage.getItem({KEY!r})")
    return json.loads(text) if text else None


def wait_stored(page: Page, needle: str) -> dict:
    """Wait until the copy on the device contains ``needle``; return it."""
    page.wait_for_function(
        "([key, needle]) => (localStorage.getItem(key) || '').includes(needle)",
        arg=[KEY, needle],
        timeout=15_000,
    )
    return stored(page)


def name_client(page: Page, name: str) -> None:
    field = page.get_by_role("textbox", name="Client name")
    field.fill(name)
    field.press("Enter")
    wait_idle(page)


def answer_chasing(page: Page, option: str) -> None:
    group = page.get_by_role("radiogroup", name=CHASING)
    group.get_by_text(option, exact=True).click()
    wait_idle(page)


def chasing_checked(page: Page) -> str:
    group = page.get_by_role("radiogroup", name=CHASING)
    return group.locator("label:has(input:checked)").inner_text().strip()


def work_until_sign_1(page: Page, url: str, name: str, option: str = "Often") -> None:
    """Start, name the client, go to the first sign and answer one question."""
    open_app(page, url, "en")
    click(page, "Start")
    name_client(page, name)
    click(page, "Next")
    expect_title(page, SIGN_1)
    answer_chasing(page, option)
    copy = wait_stored(page, '\\"late_payment.chasing\\": \\"' + option.lower())
    assert name in copy["session"]


def continue_button(page: Page, name: str, answered: int = 1):
    label = f"Continue: {name}, {answered} of {TOTAL} answered, saved just now"
    return page.locator(MAIN).get_by_role("button", name=label)


NEWER_WORK = "Another tab or window saved newer work"
NEVER_STORED = '\\"late_payment.chasing\\": \\"never'


def newer_work_in_another_tab(context: BrowserContext, app_url: str, name: str) -> Page:
    """A second tab continues ``name``, answers "Never" on the first sign, and the device
    holds it; return that tab."""
    second = context.new_page()
    open_app(second, app_url, "en")
    button = continue_button(second, name)
    expect(button).to_be_visible(timeout=20_000)
    button.click()
    wait_idle(second)
    second.locator('[data-testid="stSidebar"]').get_by_role("button", name=f"1. {SIGN_1}").click()
    wait_idle(second)
    answer_chasing(second, "Never")
    wait_stored(second, NEVER_STORED)
    return second


def test_a_reload_offers_to_continue_and_loses_nothing(context: BrowserContext, app_url: str):
    page = context.new_page()
    outside: list[str] = []
    origin = urlsplit(app_url).netloc

    def record(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("blob", "data") and parts.netloc != origin:
            outside.append(request.url)

    context.on("request", record)
    work_until_sign_1(page, app_url, "Reload Ltd")
    page.reload()
    button = continue_button(page, "Reload Ltd")
    expect(button).to_be_visible(timeout=20_000)
    expect(page.locator(MAIN).get_by_role("button", name="Start a new check")).to_be_visible()
    button.click()
    wait_idle(page)
    expect_title(page, SIGN_1)
    assert chasing_checked(page) == "Often"
    assert outside == [], outside


def test_closing_the_tab_and_opening_it_again_loses_nothing(context: BrowserContext, app_url: str):
    page = context.new_page()
    work_until_sign_1(page, app_url, "Reopen SA", "Rarely")
    page.close()
    page = context.new_page()
    open_app(page, app_url, "en")
    continue_button(page, "Reopen SA").click()
    wait_idle(page)
    expect_title(page, SIGN_1)
    assert chasing_checked(page) == "Rarely"


def test_the_first_moment_never_shows_start_where_continue_will_be(
    context: BrowserContext, app_url: str
):
    page = context.new_page()
    work_until_sign_1(page, app_url, "No Flash")
    # Watch the start area from the very first paint of the reloaded page.
    page.add_init_script(
        """
        window.__startSeen = false;
        new MutationObserver(() => {
          const box = document.querySelector('.st-key-cc_start_waiting, .st-key-cc_start');
          const start = box && [...box.querySelectorAll('button')]
            .find(b => b.innerText.trim().endsWith('Start'));
          if (start && getComputedStyle(box).visibility === 'visible') window.__startSeen = true;
        }).observe(document, {subtree: true, childList: true, attributes: true});
        """
    )
    page.reload()
    expect(continue_button(page, "No Flash")).to_be_visible(timeout=20_000)
    assert page.evaluate("window.__startSeen") is False
    assert "No Flash" in stored(page)["session"]  # the first run wrote nothing over it


def test_a_server_restart_under_an_open_page_loses_nothing(browser: Browser):
    port = free_port()
    process, url = start_server(port=port)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        work_until_sign_1(page, url, "Restart GmbH", "Always")
        process.kill()
        process.wait(timeout=10)
        stop_server(process)
        writer = stored(page)["writer"]
        process, url = start_server(port=port)
        # The page stays open and reconnects. Streamlit runs the new server session on the
        # next interaction: that first click starts it (and is not applied), then the work
        # comes back from the device on the step where it was.
        page.wait_for_timeout(3000)
        page.get_by_role("button", name="Next", exact=True).click()
        page.wait_for_function(
            "([key, writer]) => JSON.parse(localStorage.getItem(key)).writer !== writer",
            arg=[KEY, writer],
            timeout=60_000,
        )
        wait_idle(page)
        expect_title(page, SIGN_1)
        assert chasing_checked(page) == "Always"
        click(page, "Back")
        field = page.get_by_role("textbox", name="Client name")
        expect(field).to_have_value("Restart GmbH")
    finally:
        context.close()
        stop_server(process)


def test_two_tabs_ask_before_overwriting_newer_work(context: BrowserContext, app_url: str):
    first = context.new_page()
    work_until_sign_1(first, app_url, "Two Tabs", "Often")
    newer_work_in_another_tab(context, app_url, "Two Tabs")
    # The first tab hears of it and asks instead of silently writing its older answer back.
    warning = first.locator(MAIN).get_by_text(NEWER_WORK)
    expect(warning).to_be_visible(timeout=15_000)
    answer_chasing(first, "Sometimes")
    first.wait_for_timeout(1000)
    assert NEVER_STORED in json.dumps(stored(first))
    click(first, "Open the newer work")
    expect(warning).to_be_hidden()
    expect_title(first, SIGN_1)
    assert chasing_checked(first) == "Never"


def test_keeping_this_tabs_version_overwrites_after_asking(context: BrowserContext, app_url: str):
    first = context.new_page()
    work_until_sign_1(first, app_url, "Keep Mine", "Often")
    newer_work_in_another_tab(context, app_url, "Keep Mine")
    expect(first.locator(MAIN).get_by_text(NEWER_WORK)).to_be_visible(timeout=15_000)
    click(first, "Keep this tab's version")
    answer_chasing(first, "Always")
    wait_stored(first, '\\"late_payment.chasing\\": \\"always')


THROWING_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
});
"""


def test_without_storage_the_app_says_so_in_one_line_and_works(
    context: BrowserContext, app_url: str
):
    context.add_init_script(THROWING_STORAGE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_app(page, app_url, "en")
    notice = page.locator(MAIN).get_by_text("does not let the app keep your work on this device")
    expect(notice.first).to_be_visible(timeout=15_000)
    click(page, "Start")
    name_client(page, "Private Mode")
    click(page, "Next")
    answer_chasing(page, "Often")
    expect_title(page, SIGN_1)
    assert not page.locator('[data-testid="stException"]').count()
    assert errors == []


FULL_STORAGE = """
(() => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (key === 'clientcheck.session') {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return setItem.call(this, key, value);
  };
})();
"""


def test_full_storage_warns_once_and_the_work_stays_in_the_tab(
    context: BrowserContext, app_url: str
):
    context.add_init_script(FULL_STORAGE)
    page = context.new_page()
    open_app(page, app_url, "en")
    click(page, "Start")
    name_client(page, "Full Disk")
    warning = page.locator(MAIN).get_by_text("could not be saved on this device")
    expect(warning).to_be_visible(timeout=15_000)
    click(page, "Next")
    answer_chasing(page, "Often")
    expect(warning).to_have_count(0)  # said once, not on every change
    assert chasing_checked(page) == "Often"
    assert stored(page) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "it is damaged or incomplete."),
        (json.dumps({"format": "client-check/device", "device_version": 42}), "newer version"),
        (json.dumps({"whatever": [1, 2, 3]}), "it was not made by Client Check."),
    ],
)
def test_corrupt_storage_gives_a_message_and_a_clean_start(
    context: BrowserContext, app_url: str, text: str, message: str
):
    page = context.new_page()
    open_app(page, app_url, "en")
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [KEY, text])
    page.reload()
    expect(page.locator(MAIN).get_by_text(message)).to_be_visible(timeout=20_000)
    assert page.evaluate("localStorage.getItem('clientcheck.session')") == text
    assert not page.locator('[data-testid="stException"]').count()
    click(page, "Start")
    name_client(page, "Fresh Start")
    assert "Fresh Start" in wait_stored(page, "Fresh Start")["session"]


def test_forget_everything_empties_the_device(context: BrowserContext, app_url: str):
    page = context.new_page()
    work_until_sign_1(page, app_url, "Forget Me")
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Welcome").click()
    wait_idle(page)
    page.get_by_text("What is kept on this device").click()
    click(page, "Forget everything on this device")
    click(page, "Yes, forget everything")
    page.wait_for_function(f"localStorage.getItem({KEY!r}) === null", timeout=15_000)
    page.reload()
    open_app(page, page.url)
    page.wait_for_timeout(1000)
    assert page.locator(MAIN).get_by_role("button", name="Start", exact=True).is_visible()
    assert "Forget Me" not in page.locator(MAIN).inner_text()


def go_to_results(page: Page, name: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Results").click()
    wait_idle(page)
    expect_title(page, f"Results for {name}")


def test_what_changes_in_the_drafts_panel_is_kept_on_the_device(
    context: BrowserContext, app_url: str
):
    """The drafts panel reruns on its own (a fragment): its changes must still be saved."""
    page = context.new_page()
    work_until_sign_1(page, app_url, "Drafty Ltd")
    go_to_results(page, "Drafty Ltd")
    unfold(page, "drafts")
    page.locator(MAIN).get_by_role("radio", name="Firm").click()  # the tone
    wait_idle(page)
    page.get_by_text("Details to fill in the draft").click()
    sender = page.get_by_role("textbox", name="Your name")
    sender.fill("Camille Martin")
    sender.press("Enter")
    wait_idle(page)
    wait_stored(page, "Camille Martin")
    body = page.get_by_role("textbox", name="Message (edit freely)")
    expect(body).to_contain_text("Camille Martin")
    body.fill("Hello,\n\nMy own words, edited here.\n\nCamille")
    body.press("Control+Enter")
    wait_idle(page)
    wait_stored(page, "My own words, edited here.")
    page.reload()
    button = continue_button(page, "Drafty Ltd")
    expect(button).to_be_visible(timeout=20_000)
    button.click()
    wait_idle(page)
    expect_title(page, "Results for Drafty Ltd")
    # The draft last edited opens again (its editor open), in the tone it was edited in.
    expect(page.locator(MAIN).get_by_role("radio", name="Firm")).to_be_checked()
    body = page.get_by_role("textbox", name="Message (edit freely)")
    expect(body).to_have_value("Hello,\n\nMy own words, edited here.\n\nCamille")


def test_the_results_page_hears_when_another_tab_saves_newer_work(
    context: BrowserContext, app_url: str
):
    first = context.new_page()
    work_until_sign_1(first, app_url, "Tabs On Results", "Often")
    go_to_results(first, "Tabs On Results")
    newer_work_in_another_tab(context, app_url, "Tabs On Results")
    warning = first.locator(MAIN).get_by_text(NEWER_WORK)
    expect(warning).to_be_visible(timeout=15_000)


def test_a_lost_report_of_newer_work_is_sent_again(context: BrowserContext, app_url: str):
    """A tab's report that another tab saved newer work can be lost (the page changed
    under it): the tab tells the server again until it has heard, and still asks before
    writing over the newer work."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    first = context.new_page()
    dropped: list[bytes] = []
    losing = [True]

    def relay(ws) -> None:
        server = ws.connect_to_server()

        def to_server(message) -> None:
            if isinstance(message, bytes) and losing[0]:
                states = BackMsg.FromString(message).rerun_script.widget_states.widgets
                if any('"sync"' in (s.json_trigger_value or "") for s in states):
                    dropped.append(message)  # reports never reach the server, for now
                    return
            server.send(message)

        ws.on_message(to_server)

    first.route_web_socket("**/_stcore/stream", relay)
    work_until_sign_1(first, app_url, "Lost Report", "Often")
    newer_work_in_another_tab(context, app_url, "Lost Report")
    first.wait_for_timeout(1000)
    assert dropped, "the first tab never reported the newer work"
    losing[0] = False  # messages get through again; nobody touches either tab
    warning = first.locator(MAIN).get_by_text(NEWER_WORK)
    expect(warning).to_be_visible(timeout=15_000)
    answer_chasing(first, "Sometimes")
    first.wait_for_timeout(1000)
    assert NEVER_STORED in json.dumps(stored(first))
