"""200 % zoom on a 1280 px window: every control stays on screen, big enough, and works.

A 1280 × 900 window zoomed to 200 % lays the page out in 640 × 450 CSS pixels with
two device pixels each, which is what these tests give Chromium.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import click, horizontal_overflow, main_area, open_app, unfold, wait_idle
from tests.browser.walks import CONTROLS

ZOOMED = {"width": 640, "height": 450}
MIN_TARGET = 24  # CSS px, WCAG 2.2 target size (minimum)


@pytest.fixture
def zoomed(pages, request):
    with pages.open(request, viewport=ZOOMED, device_scale_factor=2, locale="en-GB") as page:
        yield page


def _check_controls(page: Page, step: str) -> int:
    """Assert that every control is inside the window and at least 24 px square."""
    assert horizontal_overflow(page) <= 1, f"{step}: the page scrolls sideways"
    controls = page.evaluate(CONTROLS)
    cut = [c["name"] for c in controls if c["left"] < -1 or c["right"] > ZOOMED["width"] + 1]
    small = [
        (c["name"], round(c["width"]), round(c["height"]))
        for c in controls
        if min(c["width"], c["height"]) < MIN_TARGET
    ]
    assert cut == [], f"{step}: controls cut off at the edge"
    assert small == [], f"{step}: controls smaller than {MIN_TARGET} px"
    return len(controls)


def _open_sidebar(page: Page) -> None:
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_in_viewport()
    wait_idle(page)


def test_every_step_is_usable_at_200_percent_zoom(zoomed: Page, app_url: str):
    page = zoomed
    open_app(page, app_url, "en")
    assert _check_controls(page, "welcome") >= 2
    click(page, "Start")
    name = page.get_by_role("textbox", name="Client name or alias")
    name.fill("Acme")
    name.press("Enter")
    wait_idle(page)
    assert _check_controls(page, "client") >= 8
    click(page, "Next")
    group = main_area(page).locator("[data-testid=stRadio] [role=radiogroup]").first
    group.locator("label").nth(3).click()
    wait_idle(page)
    expect(group.locator("input[type=radio]").nth(3)).to_be_checked()
    assert _check_controls(page, "sign 1") >= 8
    # The sidebar: opened by its button, the stepper reaches the results.
    _open_sidebar(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    box = sidebar.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= ZOOMED["width"] + 1
    sidebar.get_by_role("button", name="Results").click()
    wait_idle(page)
    expect(main_area(page).locator("h1").first).to_contain_text("Results")
    if sidebar.bounding_box()["x"] >= 0:  # a narrow window closes it over the page
        page.keyboard.press("Escape")
    main = main_area(page)
    # The drafts open (every section open at once is checked on the walks' phone and
    # desktop windows, for the same target size: test_flow.py).
    unfold(page, "drafts")
    assert _check_controls(page, "results") >= 12
    # A control deep in the page still works: the tone of the draft.
    tone = main.get_by_role("radiogroup", name="Tone")
    tone.get_by_text("Firm", exact=True).click()
    wait_idle(page)
    expect(tone.get_by_role("radio", name="Firm")).to_be_checked()
    body = main.get_by_role("textbox", name="Message (edit freely)")
    expect(body).to_be_visible()
    click(page, "Prepare my summary (PDF, Markdown)")
    expect(main.get_by_role("button", name="Summary (PDF)")).to_be_visible()
    assert _check_controls(page, "results, summary ready") >= 14
