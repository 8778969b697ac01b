"""Steps a person takes in the app, for the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def wait_idle(page: Page) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_timeout(150)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=20_000)
    page.wait_for_timeout(100)


def open_app(page: Page, url: str, lang: str | None = None) -> None:
    page.goto(f"{url}/?lang={lang}" if lang else url)
    expect(page.get_by_role("heading", name="Client Check")).to_be_visible(timeout=30_000)
    wait_idle(page)


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).first.click()
    wait_idle(page)


def choose(page: Page, question_text: str, option: str) -> None:
    """Pick ``option`` in the radio group whose label contains ``question_text``."""
    group = page.get_by_role("radiogroup", name=question_text)
    group.get_by_text(option, exact=True).click()
    wait_idle(page)


def type_number(page: Page, label_text: str, value: str) -> None:
    field = page.get_by_role("textbox", name=label_text)
    field.fill(value)
    field.press("Enter")
    wait_idle(page)
