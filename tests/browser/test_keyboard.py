"""The questionnaire without a mouse: Tab, Shift+Tab, arrow keys, Space and Enter only."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from clientcheck.bank.loader import default_bank
from tests.browser.helpers import (
    MAIN,
    button_named,
    expect_title,
    field_labelled,
    open_app,
    radio_in,
    tab_to,
    wait_idle,
)

BANK = default_bank()


def _text(question_id: str) -> str:
    """A question's English wording, from the bank (the test follows rewordings)."""
    return next(q for q in BANK.questions() if q.id == question_id).text("en")


def _label(question_id: str, option: str) -> str:
    question = next(q for q in BANK.questions() if q.id == question_id)
    return question.scale.option(option).label("en")


def _checked_option(page: Page, question: str) -> str:
    group = page.get_by_role("radiogroup", name=question)
    return group.locator("label:has(input:checked)").inner_text().strip()


def test_a_sign_page_can_be_answered_and_left_with_the_keyboard_alone(page: Page, app_url: str):
    open_app(page, app_url)

    tab_to(page, button_named("Start"))
    page.keyboard.press("Enter")
    wait_idle(page)
    expect_title(page, "About the client")

    # A number field: type digits, Enter sends them.
    tab_to(page, field_labelled("What share of your income"))
    page.keyboard.type("60")
    page.keyboard.press("Enter")
    wait_idle(page)
    # A radio group: Tab reaches it, Space picks, arrows move the choice.
    tab_to(page, radio_in("How much other work"))
    page.keyboard.press("Space")
    wait_idle(page)
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    assert _checked_option(page, "How much other work") == "Very little"
    tab_to(page, button_named("Next"))
    page.keyboard.press("Enter")
    wait_idle(page)
    expect_title(page, "Pays late")

    # Sign 1, entirely from the keyboard; the follow-up questions appear as they apply.
    tab_to(page, field_labelled("How many invoices have you sent"))
    page.keyboard.type("10")
    page.keyboard.press("Enter")
    wait_idle(page)
    tab_to(page, field_labelled("invoices were paid late"))
    page.keyboard.type("4")
    page.keyboard.press("Enter")
    wait_idle(page)
    chase, owed = _text("late_payment.chasing"), _text("late_payment.owed_now")
    tab_to(page, radio_in(chase))
    page.keyboard.press("Space")  # "Never", the first option
    wait_idle(page)
    for _ in range(3):  # -> Rarely -> Sometimes -> Often
        page.keyboard.press("ArrowRight")
        wait_idle(page)
    page.keyboard.press("ArrowLeft")  # back to "Sometimes"
    wait_idle(page)
    assert _checked_option(page, chase) == _label("late_payment.chasing", "sometimes")
    # Shift+Tab goes back up the page to an earlier question; Space picks its first option.
    tab_to(page, radio_in(owed), backwards=True)
    page.keyboard.press("Space")
    wait_idle(page)
    assert _checked_option(page, owed) == _label("late_payment.owed_now", "none")

    tab_to(page, button_named("Next"))
    page.keyboard.press("Enter")
    wait_idle(page)
    expect_title(page, "Sends less work")

    # Back with the keyboard: every answer is still there.
    tab_to(page, button_named("Back"))
    page.keyboard.press("Space")
    wait_idle(page)
    expect_title(page, "Pays late")
    main = page.locator(MAIN)
    expect(main.get_by_role("textbox", name="invoices were paid late")).to_have_value("4")
    assert _checked_option(page, chase) == _label("late_payment.chasing", "sometimes")
    assert _checked_option(page, owed) == _label("late_payment.owed_now", "none")


def test_keyboard_focus_is_visible_on_the_next_button(page: Page, app_url: str):
    """A keyboard user must see where the focus is (an outline or a ring)."""
    open_app(page, app_url)
    tab_to(page, button_named("Start"))
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"""
    )
    outline_style, outline_width, shadow = style
    assert (outline_style != "none" and outline_width != "0px") or shadow != "none", style
