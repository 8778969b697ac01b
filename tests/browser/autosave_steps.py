"""Steps of the autosave browser tests (test_autosave.py, test_autosave_tabs.py)."""

from __future__ import annotations

import json
import re

from playwright.sync_api import BrowserContext, Page, expect

from clientcheck.bank.loader import default_bank
from tests.browser.helpers import MAIN, click, expect_title, open_app, wait_idle

BANK = default_bank()
KEY = "clientcheck.session"
CHASING = next(q for q in BANK.questions() if q.id == "late_payment.chasing").text("en")
SIGN_1 = BANK.signs[0].name("en")
SIGN_2 = BANK.signs[1].name("en")


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
    # The total is the questions asked for this client (tests/ui/test_app_device.py checks it).
    label = re.compile(rf"^Continue: {re.escape(name)}, {answered} of \d+ answered, saved just now")
    return page.locator(MAIN).get_by_role("button", name=label)


def wait_quiet(page: Page, quiet_ms: int = 300) -> None:
    """Wait until ``page`` is idle and stays so, the copy on the device unchanged, for
    ``quiet_ms``: tabs answer each other's saves (a storage event makes a tab report to
    its server, and that run may save again), a moment after the page looks done.

    A report's run carries the address from before a click's run changed it; the app
    no longer takes it for the browser's Back (navigation.follow_history, tested in
    tests/ui/test_app_device_tabs.py). These tests still act as a person does, once the
    tabs are quiet, so that what they check is the tabs' protocol alone.
    """
    before = None
    for _ in range(20):
        wait_idle(page)
        now = (
            page.evaluate("window.__ccRuns.asked"),
            page.evaluate(f"localStorage.getItem({KEY!r})"),
        )
        if now == before:
            return
        before = now
        page.wait_for_timeout(quiet_ms)
    raise AssertionError("the tabs kept saving")


NEWER_WORK = "Another tab or window saved newer work"
NEVER_STORED = '\\"late_payment.chasing\\": \\"never'


def newer_work_in_another_tab(context: BrowserContext, app_url: str, name: str) -> Page:
    """A second tab continues ``name``, answers "Never" on the first sign, and the device
    holds it; return that tab."""
    second = context.new_page()
    open_app(second, app_url, "en")
    button = continue_button(second, name)
    # Under a loaded parallel run the new tab's first connection can drop: Streamlit
    # reconnects, the device reports a reconnection and the tab carries on where the work
    # is, as after a server restart, instead of offering to continue (seen once in CI).
    carried_on = (
        second.locator('[data-testid="stSidebar"]')
        .get_by_role("combobox", name="Client you are assessing")
        .filter(has_text=name)
    )
    expect(button.or_(carried_on)).to_be_visible(timeout=20_000)
    wait_quiet(second)
    if button.is_visible():
        button.click()
        wait_quiet(second)
    second.locator('[data-testid="stSidebar"]').get_by_role("button", name=f"1. {SIGN_1}").click()
    wait_idle(second)
    answer_chasing(second, "Never")
    wait_stored(second, NEVER_STORED)
    return second


def go_to_results(page: Page, name: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Results").click()
    wait_idle(page)
    expect_title(page, f"Results for {name}")
