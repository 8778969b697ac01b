"""Hostile client names typed in a real browser: nothing runs or loads; text shows as typed."""

from __future__ import annotations

import unicodedata

import pytest
from playwright.sync_api import Page, expect

from clientcheck.bank.loader import default_bank
from tests.browser.helpers import main_area as _main
from tests.browser.helpers import unfold
from tests.browser.helpers import wait_idle as settle

SIGN_1 = default_bank().signs[0].name("en")
# One name of each kind in the browser (HTML, Markdown, Streamlit's own markup); every
# hostile name, on every page and in every output, is tests/test_hostile_inputs.py.
NAMES = {
    "img_onerror": '<img src="http://evil.example/a.png" onerror="alert(2)">',
    "markdown_image": "![pwned](http://evil.example/x.png)",
    "streamlit_directives": ":red[x] :material/home: $x^2$",
}


@pytest.fixture
def guarded(page: Page, dialogs: list[str]):
    """The desktop page, noting every dialog and every request to another host."""
    foreign: list[str] = []

    def on_request(request) -> None:
        if "evil.example" in request.url:
            foreign.append(request.url)

    page.on("request", on_request)
    yield page, dialogs, foreign
    page.remove_listener("request", on_request)


def test_hostile_names_typed_in_the_browser_show_literally(guarded, app_url):
    """Each name typed in turn for the same client (one page: loading it costs more than
    the check), read on the first sign's page and on the results."""
    page, dialogs, foreign = guarded
    page.goto(f"{app_url}/?lang=en")
    expect(page.get_by_role("heading", name="Client Check")).to_be_visible(timeout=30_000)
    settle(page)
    _main(page).get_by_role("button", name="Start").click()
    settle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    for kind, name in NAMES.items():
        if kind != next(iter(NAMES)):
            sidebar.get_by_role("button", name="About the client").click()
            settle(page)
        field = _main(page).locator("[data-testid=stTextInput] input").first
        field.fill(name)
        field.press("Enter")
        settle(page)
        # The sign page says whom it is about; the results page is titled with the name.
        sidebar.get_by_role("button", name=f"1. {SIGN_1}").click()
        settle(page)
        expect(_main(page).locator("h1").first).to_have_text(SIGN_1)  # the run is drawn
        settle(page)
        caption = page.evaluate(CAPTION_TEXT)
        # As a person reads it: invisible joiners the app adds to break autolinks do not count.
        assert any(name in visible(text) for text in caption), (kind, caption)
        sidebar.get_by_role("button", name="Results").click()
        settle(page)
        unfold(page, "signs")  # the radar draws the name too
        page.wait_for_selector("[data-testid=stPlotlyChart]:visible .main-svg")
        title = _main(page).locator("h1").first

        assert dialogs == [], kind
        assert foreign == [], kind
        assert page.locator("img[src*='evil.example']").count() == 0, kind
        scripts = page.evaluate("[...document.scripts].map(s => s.textContent)")
        assert not [s for s in scripts if "alert(" in s], kind
        assert page.evaluate("typeof window.__pwned") == "undefined", kind
        # No element came out of the text: no image, link, script, icon or coloured span.
        assert page.evaluate(MADE_FROM_TEXT) == [], kind
        assert name in visible(title.inner_text()), kind


def visible(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


CAPTION_TEXT = """() => [
    ...document.querySelectorAll('[data-testid=stMain] [data-testid=stCaptionContainer]')
].map(c => c.innerText)"""

# Elements inside the title or a caption that the page's own strings never make.
MADE_FROM_TEXT = """() => {
    const places = document.querySelectorAll(
        '[data-testid=stMain] h1, [data-testid=stMain] [data-testid=stCaptionContainer]');
    const made = [];
    for (const place of places) {
        const found = place.querySelectorAll('a, img, script, span[role=img], span[style*=color]');
        for (const el of found) {
            made.push(el.tagName === 'A' && el.textContent === el.getAttribute('href')
                ? 'autolink' : el.tagName === 'SPAN' && el.getAttribute('role') === 'img'
                ? 'icon' : el.tagName.toLowerCase());
        }
    }
    return [...new Set(made)];
}"""
