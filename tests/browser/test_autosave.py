"""Autosave on the device in a real Chromium: reload, reopen, server restart, bad storage.

Each test starts with an empty ``localStorage``: its own browser context, or a kept page
whose storage was cleared (the ``page`` fixture). Several tabs on one device:
test_autosave_tabs.py.
"""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.autosave_steps import (
    CHASING,
    KEY,
    SIGN_1,
    SIGN_2,
    answer_chasing,
    chasing_checked,
    continue_button,
    go_to_results,
    name_client,
    stored,
    wait_stored,
    work_until_sign_1,
)
from tests.browser.helpers import (
    MAIN,
    click,
    click_until_shown,
    expect_title,
    open_app,
    unfold,
    wait_idle,
)
from tests.support.servers import free_port, start_server, stop_server


def test_a_reload_or_a_tab_opened_again_reopens_the_work_and_loses_nothing(
    context: BrowserContext, app_url: str
):
    page = context.new_page()
    outside: list[str] = []
    origin = urlsplit(app_url).netloc

    def record(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("blob", "data") and parts.netloc != origin:
            outside.append(request.url)

    context.on("request", record)
    work_until_sign_1(page, app_url, "Reload Ltd")
    # A reload reopens the step its address names, with the work kept on this device (a
    # user reloaded the results and landed on the welcome page).
    page.reload()
    expect_title(page, SIGN_1)
    wait_idle(page)
    assert chasing_checked(page) == "Often"
    assert "Reload Ltd" in page.locator(MAIN).inner_text()  # whom the page is about
    assert "step=late_payment" in page.url
    # Opening the app afresh (no step in the address) offers to continue instead.
    open_app(page, app_url, "en")
    button = continue_button(page, "Reload Ltd")
    expect(button).to_be_visible(timeout=20_000)
    expect(page.locator(MAIN).get_by_role("button", name="Start a new check")).to_be_visible()
    button.click()
    wait_idle(page)
    expect_title(page, SIGN_1)
    assert chasing_checked(page) == "Often"
    # Closing the tab and opening the app in a new one: the same offer, the same work.
    answer_chasing(page, "Rarely")
    wait_stored(page, '\\"late_payment.chasing\\": \\"rarely')
    page.close()
    page = context.new_page()
    open_app(page, app_url, "en")
    continue_button(page, "Reload Ltd").click()
    wait_idle(page)
    expect_title(page, SIGN_1)
    assert chasing_checked(page) == "Rarely"
    assert outside == [], outside


def _slow_after_each_box(ws) -> None:
    """Relay the app's websocket, holding back the message after a start box 0.4 s."""
    import time

    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    server = ws.connect_to_server()
    after_block = [False]

    def to_page(message) -> None:
        if after_block[0]:
            time.sleep(0.4)
        after_block[0] = False
        if isinstance(message, bytes):
            forward = ForwardMsg.FromString(message)
            after_block[0] = (
                forward.WhichOneof("type") == "delta"
                and forward.delta.WhichOneof("type") == "add_block"
                and b"cc_start" in message  # the start box (its key is in the block)
            )
        ws.send(message)

    server.on_message(to_page)


def test_the_first_moment_never_shows_start_where_continue_will_be(
    context: BrowserContext, app_url: str
):
    page = context.new_page()
    work_until_sign_1(page, app_url, "No Flash")
    # Watch the start area from the very first paint of the reloaded page. Until the
    # device answers, the buttons are drawn hidden; a device that has not answered within
    # 2 s gets them anyway (clientcheck/ui/device_welcome.py): on a machine too busy to
    # answer in time that is the app's promise kept, not a flash, and the test does not
    # time the machine.
    page.add_init_script(
        """
        window.__startSeen = false;
        let waitingSince = null;
        const showsStart = box => box && getComputedStyle(box).visibility === 'visible'
          && [...box.querySelectorAll('button')].some(b => b.innerText.trim().endsWith('Start'));
        new MutationObserver(() => {
          const waiting = document.querySelector('.st-key-cc_start_waiting');
          if (waiting && waitingSince === null) waitingSince = performance.now();
          const early = waitingSince === null || performance.now() - waitingSince < 1900;
          if (window.__startSeen) return;
          const since = waitingSince === null ? 'no waiting box yet'
            : `${Math.round(performance.now() - waitingSince)} ms after the waiting box`;
          if (showsStart(document.querySelector('.st-key-cc_start'))) {
            window.__startSeen = `a plain Start shown (${since})`;
          } else if (early && showsStart(waiting)) {
            window.__startSeen = `the waiting box showed Start early (${since})`;
          }
        }).observe(document, {subtree: true, childList: true, attributes: true});
        """
    )
    # A busy server, made certain: after the start box (a block) reaches the page, its
    # contents follow 0.4 s later. Streamlit hands a box replaced by one of its kind the old
    # box's contents meanwhile, and that moment once showed the waiting Start.
    page.route_web_socket("**/_stcore/stream", _slow_after_each_box)
    page.goto(f"{app_url.rstrip('/')}/?lang=en")  # the app afresh: the welcome page
    expect(continue_button(page, "No Flash")).to_be_visible(timeout=20_000)
    seen = page.evaluate("window.__startSeen")
    assert seen is False, seen  # what was shown, and when, if Start flashed
    assert "No Flash" in stored(page)["session"]  # the first run wrote nothing over it


@contextmanager
def restarted_under_an_open_page(browser: Browser, name: str, option: str):
    """A page worked on until the first sign; then its server is killed and started again
    on the same port while the page stays open. Yields (page, the copy's old writer)."""
    port = free_port()
    process, url = start_server(port=port)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        work_until_sign_1(page, url, name, option)
        opened = page.evaluate("window.__ccRuns.opened")
        process.kill()
        process.wait(timeout=10)
        stop_server(process)
        writer = stored(page)["writer"]
        process, url = start_server(port=port)
        # The page reconnects (tests/browser/run_watch.js counts it); nothing runs until a click.
        page.wait_for_function("n => window.__ccRuns.opened > n", arg=opened, timeout=30_000)
        wait_idle(page)
        yield page, writer
    finally:
        context.close()
        stop_server(process)


def wait_new_writer(page: Page, writer: str) -> None:
    """Wait until a new server session has written the copy on the device."""
    page.wait_for_function(
        "([key, writer]) => JSON.parse(localStorage.getItem(key)).writer !== writer",
        arg=[KEY, writer],
        timeout=60_000,
    )
    wait_idle(page)


def test_the_first_click_after_a_server_restart_does_what_was_clicked(browser: Browser):
    with restarted_under_an_open_page(browser, "Restart GmbH", "Always") as (page, writer):
        # A new server session starts with this click, before the work is back from the
        # device: the click must still take the user to the next page, with nothing lost.
        page.get_by_role("button", name="Next", exact=True).click()
        wait_new_writer(page, writer)
        expect_title(page, SIGN_2)
        click(page, "Back")
        expect_title(page, SIGN_1)
        assert chasing_checked(page) == "Always"
        click(page, "Back")
        expect(page.get_by_role("textbox", name="Client name")).to_have_value("Restart GmbH")


def test_an_answer_changed_right_after_a_server_restart_is_kept(browser: Browser):
    with restarted_under_an_open_page(browser, "Restart SARL", "Often") as (page, writer):
        page.get_by_role("radiogroup", name=CHASING).get_by_text("Rarely", exact=True).click()
        wait_new_writer(page, writer)
        copy = wait_stored(page, '\\"late_payment.chasing\\": \\"rarely')
        assert "Restart SARL" in copy["session"]
        expect_title(page, SIGN_1)
        assert chasing_checked(page) == "Rarely"


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


# One kind of damage in the browser: the way from the browser's storage to the message.
# Every kind of bad copy, in both languages, is tests/ui/test_app_device.py
# (test_a_bad_copy_gives_a_message_and_a_clean_start).
@pytest.mark.parametrize(("text", "message"), [("{not json", "it is damaged or incomplete.")])
def test_corrupt_storage_gives_a_message_and_a_clean_start(
    page: Page, app_url: str, text: str, message: str
):
    open_app(page, app_url, "en")
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [KEY, text])
    page.reload()
    expect(page.locator(MAIN).get_by_text(message)).to_be_visible(timeout=20_000)
    assert page.evaluate("localStorage.getItem('clientcheck.session')") == text
    assert not page.locator('[data-testid="stException"]').count()
    click(page, "Start")
    name_client(page, "Fresh Start")
    assert "Fresh Start" in wait_stored(page, "Fresh Start")["session"]


def test_forget_everything_empties_the_device(page: Page, app_url: str):
    work_until_sign_1(page, app_url, "Forget Me")
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Welcome").click()
    wait_idle(page)
    page.get_by_text("What is kept on this device").click()
    wait_idle(page)
    forget = page.get_by_role("button", name="Forget everything on this device", exact=True)
    confirm = page.get_by_role("button", name="Yes, forget everything", exact=True)
    click_until_shown(page, forget, confirm)
    click(page, "Yes, forget everything")
    page.wait_for_function(f"localStorage.getItem({KEY!r}) === null", timeout=15_000)
    page.reload()
    open_app(page, page.url)
    page.wait_for_timeout(1000)
    assert page.locator(MAIN).get_by_role("button", name="Start", exact=True).is_visible()
    assert "Forget Me" not in page.locator(MAIN).inner_text()


OFFICIAL_NAME = "The client's official name, where a message names it"


def _type_detail(page: Page, label: str, value: str) -> None:
    """Type one of the drafts' details, and wait until the device copy holds it."""
    field = page.get_by_role("textbox", name=label)
    field.fill(value)
    field.press("Enter")
    wait_idle(page)
    wait_stored(page, value)


def _reload_on_results(page: Page, name: str) -> None:
    """Reload the results page: it reopens with the work kept on this device."""
    page.reload()
    expect_title(page, f"Results for {name}")
    wait_idle(page)


def test_what_changes_in_the_drafts_panel_is_kept_on_the_device(page: Page, app_url: str):
    """The drafts panel reruns on its own (a fragment): its changes must still be saved,
    and a reload keeps them (a first user lost everything on a reload once the client's
    official name was typed)."""
    work_until_sign_1(page, app_url, "Drafty Ltd")
    go_to_results(page, "Drafty Ltd")
    unfold(page, "drafts")
    page.locator(MAIN).get_by_role("radio", name="Firm").click()  # the tone
    wait_idle(page)
    page.get_by_text("Details to fill in the draft").click()
    _type_detail(page, OFFICIAL_NAME, "Drafty Holdings LLC")
    _type_detail(page, "Your name, to sign the message", "Camille Martin")
    body = page.get_by_role("textbox", name="Message (edit freely)")
    expect(body).to_contain_text("Camille Martin")
    body.fill("Hello,\n\nMy own words, edited here.\n\nCamille")
    body.press("Control+Enter")
    wait_idle(page)
    wait_stored(page, "My own words, edited here.")
    _reload_on_results(page, "Drafty Ltd")
    expect_title(page, "Results for Drafty Ltd")
    # The draft last edited opens again (its editor open), in the tone it was edited in.
    expect(page.locator(MAIN).get_by_role("radio", name="Firm")).to_be_checked()
    body = page.get_by_role("textbox", name="Message (edit freely)")
    expect(body).to_have_value("Hello,\n\nMy own words, edited here.\n\nCamille")
    official = page.get_by_role("textbox", name=OFFICIAL_NAME)
    if not official.is_visible():  # the details are drawn only while open
        page.get_by_text("Details to fill in the draft").click()
        wait_idle(page)
    expect(official).to_have_value("Drafty Holdings LLC")
