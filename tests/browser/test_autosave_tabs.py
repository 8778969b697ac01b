"""Several tabs on one device, in a real Chromium: newer work is asked about, not overwritten,
and a client deleted in one tab stays deleted in the others (a tombstone with its time).
"""

from __future__ import annotations

import json

from playwright.sync_api import BrowserContext, expect

from tests.browser.autosave_steps import (
    KEY,
    NEVER_STORED,
    NEWER_WORK,
    SIGN_1,
    answer_chasing,
    chasing_checked,
    continue_button,
    go_to_results,
    name_client,
    newer_work_in_another_tab,
    stored,
    wait_quiet,
    wait_stored,
    work_until_sign_1,
)
from tests.browser.helpers import MAIN, click, expect_title, open_app, wait_idle


def test_keeping_this_tabs_version_overwrites_after_asking_and_results_hear_it_too(
    context: BrowserContext, app_url: str
):
    first = context.new_page()
    work_until_sign_1(first, app_url, "Keep Mine", "Often")
    newer_work_in_another_tab(context, app_url, "Keep Mine")
    expect(first.locator(MAIN).get_by_text(NEWER_WORK)).to_be_visible(timeout=15_000)
    click(first, "Keep this tab's version")
    answer_chasing(first, "Always")
    wait_stored(first, '\\"late_payment.chasing\\": \\"always')
    # The results page hears it too when another tab saves newer work.
    go_to_results(first, "Keep Mine")
    newer_work_in_another_tab(context, app_url, "Keep Mine")
    expect(first.locator(MAIN).get_by_text(NEWER_WORK)).to_be_visible(timeout=15_000)


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
    # It asks instead of silently writing its older answer back...
    answer_chasing(first, "Sometimes")
    first.wait_for_timeout(1000)
    assert NEVER_STORED in json.dumps(stored(first))
    # ...and opening the newer work shows what the other tab saved. (When the first report
    # gets through, the tab asks the same way: test_keeping_this_tabs_version_...; the
    # whole app behind the proxy opens the newer work too: test_behind_the_proxy.py.)
    click(first, "Open the newer work")
    expect(warning).to_be_hidden()
    expect_title(first, SIGN_1)
    assert chasing_checked(first) == "Never"


SIDEBAR = '[data-testid="stSidebar"]'


def add_client(page, name: str) -> None:
    """Add a client from the sidebar and name it."""
    page.locator(SIDEBAR).get_by_role("button", name="Add", exact=True).click()
    wait_idle(page)
    name_client(page, name)
    wait_stored(page, name)


def delete_current_client(page) -> None:
    sidebar = page.locator(SIDEBAR)
    sidebar.get_by_text("Rename or delete").click()
    wait_idle(page)
    sidebar.get_by_role("button", name="Delete this client").click()
    wait_idle(page)
    sidebar.get_by_role("button", name="Yes, delete").click()
    wait_idle(page)


def test_a_client_deleted_in_one_tab_stays_deleted_in_the_others(
    context: BrowserContext, app_url: str
):
    first = context.new_page()
    work_until_sign_1(first, app_url, "Keep Co", "Often")
    add_client(first, "Gone Ltd")
    click(first, "Next")
    expect_title(first, SIGN_1)  # both clients on the same step: deleting one moves nobody
    # A second tab takes up both clients (it continues the one the first tab was on).
    second = context.new_page()
    open_app(second, app_url, "en")
    wait_quiet(second)
    continue_button(second, "Gone Ltd", answered=0).click()
    wait_quiet(second)
    expect_title(second, SIGN_1)
    # The first tab deletes "Gone Ltd": the copy on the device drops it, with a tombstone.
    wait_quiet(first)
    delete_current_client(first)
    first.wait_for_function(
        "key => !(localStorage.getItem(key) || '').includes('Gone Ltd')", arg=KEY
    )
    copy = stored(first)
    assert len(copy["extras"]["deleted"]) == 1
    # The second tab, which still showed "Gone Ltd", drops it too and says so...
    notice = second.locator(MAIN).get_by_text("Deleted in another tab or window")
    expect(notice).to_be_visible(timeout=15_000)
    expect(notice).to_contain_text("Gone Ltd")
    expect(second.locator(MAIN).get_by_text(NEWER_WORK)).to_have_count(0)
    # ...so its next save does not bring it back.
    expect_title(second, SIGN_1)
    assert chasing_checked(second) == "Often"  # on "Keep Co" now
    answer_chasing(second, "Never")
    copy = wait_stored(second, NEVER_STORED)
    assert "Gone Ltd" not in json.dumps(copy)
    assert "Keep Co" in copy["session"]
    assert copy["extras"]["deleted"] == stored(first)["extras"]["deleted"]
    # And a page opened afterwards never sees it.
    third = context.new_page()
    open_app(third, app_url, "en")
    expect(continue_button(third, "Keep Co")).to_be_visible(timeout=20_000)
    assert "Gone Ltd" not in third.locator(SIDEBAR).inner_text()
