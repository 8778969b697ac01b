"""In Chromium: the results page's calendar reminder, without and then with the client's name."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.helpers import MAIN, choose, click, open_app, type_number, wait_idle


def download(page: Page, name: str) -> tuple[bytes, str]:
    with page.expect_download() as info:
        page.locator(MAIN).get_by_role("button", name=name).click()
    return Path(info.value.path()).read_bytes(), info.value.suggested_filename


def test_the_reminder_names_the_client_only_when_ticked(page: Page, app_url: str):
    open_app(page, app_url, "en")
    click(page, "Start")
    field = page.get_by_role("textbox", name="Client name")
    field.fill("Calendar & Co")
    field.press("Enter")
    wait_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("button", name="Results").click()
    wait_idle(page)
    # Nothing answered: no verdict yet, so no date to be reminded of.
    expect(page.locator(MAIN).get_by_text("Not enough answers yet").first).to_be_visible()
    expect(page.locator(MAIN).get_by_role("button", name="Reminder for")).to_have_count(0)
    sidebar.get_by_role("button", name="About the client").click()
    wait_idle(page)
    type_number(page, "What share of your income comes from this client?", "10")
    sidebar.get_by_role("button", name="1. Pays late").click()
    wait_idle(page)
    choose(page, "how often have you had to chase them", "Never")
    choose(page, "unpaid more than 90 days", "No")
    sidebar.get_by_role("button", name="Results").click()
    wait_idle(page)
    button = page.locator(MAIN).get_by_role("button", name="Reminder for")
    expect(button).to_be_visible()
    label = button.inner_text()
    data, file_name = download(page, "Reminder for")
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert "Calendar" not in data.decode("utf-8") and "calendar" not in file_name
    assert file_name.endswith(".ics")
    # The browser is set to American English (Playwright's default locale): the page
    # writes its dates month first, as the drafts to a US client do.
    assert page.evaluate("navigator.language") == "en-US"
    assert event.decoded("DTSTART").strftime("%B %-d, %Y") in label
    page.get_by_text("Put the client's name in the calendar entry").click()
    wait_idle(page)
    data, file_name = download(page, "Reminder for")
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert "Calendar & Co" in str(event["SUMMARY"])
    assert file_name.startswith("client-check_calendar-co_")
