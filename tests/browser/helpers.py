"""Steps a person takes in the app, for the browser tests."""

from __future__ import annotations

import itertools
from pathlib import Path

from playwright.sync_api import Page, expect

RUN_WATCH = Path(__file__).with_name("run_watch.js")

# True once every run asked for has ended and the page has taken the end in, with nothing
# of an earlier run left on it, for 50 ms (checked every 20 ms: a background tab draws no
# animation frames). The websocket (run_watch.js) tells that a run was asked for before
# the page shows it; the page's own run state (which Streamlit's end-to-end tests read too)
# tells that it has drawn the run after the websocket brought its end. Streamlit asks for
# a run from a zero-delay timer after the action: none may be pending. An action that has
# not asked for a run then still gets 150 ms to do so (an upload asks later: tests wait
# for what it shows). ``unsure`` (several requests before one run started: which run
# answers the last is unknown) also needs 300 ms without a message.
_IDLE = """token => {
    const w = window.__ccRuns;
    const now = performance.now();
    if (w.token !== token) { w.token = token; w.since = now; w.idleSince = null; }
    if (w.soon() > 0) { w.idleSince = null; return false; }
    if (w.asked === (w.mark || 0) && now - w.since < 150) return false;
    const app = document.querySelector('[data-testid=stApp]');
    const state = app ? app.getAttribute('data-test-script-state') : null;
    const idle = !w.pending && !w.running
        && !(w.unsure && now - w.lastMessage < 300)
        && (state === 'notRunning' || state === 'compilationError')
        && !document.querySelector('[data-testid=stStatusWidget]')
        && !document.querySelector('[data-stale=true]')
        && !document.querySelector('.st-key-cc_start_waiting');
    if (!idle) { w.idleSince = null; return false; }
    if (w.idleSince === null) w.idleSince = now;
    if (now - w.idleSince < 50) return false;
    w.mark = w.asked;
    w.unsure = false;
    return true;
}"""
_tokens = itertools.count()


def wait_idle(page: Page) -> None:
    """Wait until Streamlit has finished its run and no element of the previous run is left.

    On the welcome page this includes the run that follows the device's answer
    (autosave), while the start buttons wait for it (``.st-key-cc_start_waiting``).
    Test pages carry tests/browser/run_watch.js (conftest.py), which follows the runs on
    the websocket; a page without it falls back to pauses around the page's own signs.
    """
    if page.evaluate("() => !!window.__ccRuns"):
        page.wait_for_function(_IDLE, arg=next(_tokens), polling=20, timeout=30_000)
        return
    page.wait_for_timeout(150)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')"
        " && !document.querySelector('[data-stale=true]')"
        " && !document.querySelector('.st-key-cc_start_waiting')",
        timeout=30_000,
    )
    page.wait_for_timeout(100)


def main_area(page: Page):
    """The main column, without the sidebar."""
    return page.locator('[data-testid="stMain"]')


def open_app(page: Page, url: str, lang: str | None = None) -> None:
    page.goto(f"{url}/?lang={lang}" if lang else url)
    expect(page.get_by_role("heading", name="Client Check")).to_be_visible(timeout=30_000)
    wait_idle(page)


def click_until_shown(page: Page, target, shown, timeout: float = 10_000) -> None:
    """Click ``target`` until ``shown`` appears, twice at most.

    A click that lands while the page redraws (the device's answer, a panel's last rerun)
    starts nothing, or its effect is closed by the redraw, as it would be for a person, who
    clicks again: seen under the full parallel run.
    """
    for attempt in (1, 2):
        target.click()
        wait_idle(page)
        try:
            expect(shown).to_be_visible(timeout=timeout)
            return
        except AssertionError:
            if attempt == 2:
                raise


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


# --- what the page looks like ---------------------------------------------------

MAIN = '[data-testid="stMain"]'


def expect_title(page: Page, text: str) -> None:
    """Wait for the page's main heading (h1) to read ``text``."""
    expect(page.locator(f"{MAIN} h1").first).to_have_text(text, timeout=20_000)


def html_lang(page: Page) -> str:
    return page.evaluate("document.documentElement.lang")


def expect_html_lang(page: Page, lang: str, timeout: float = 10_000) -> None:
    """Wait for ``<html lang>`` to become ``lang`` (the app sets it once the page has run)."""
    try:
        page.wait_for_function(
            "lang => document.documentElement.lang === lang", arg=lang, timeout=timeout
        )
    except Exception as exc:  # say what it is instead of a bare timeout
        raise AssertionError(f"<html lang> is {html_lang(page)!r}, expected {lang!r}") from exc


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when nothing sticks out)."""
    return page.evaluate(
        "Math.max(document.scrollingElement.scrollWidth,"
        f" document.querySelector('{MAIN}')?.scrollWidth || 0) - window.innerWidth"
    )


def scroll_top(page: Page) -> int:
    """Vertical scroll of the page: Streamlit scrolls its main container, not the window."""
    return page.evaluate(
        f"Math.max(document.querySelector('{MAIN}')?.scrollTop || 0,"
        " document.scrollingElement.scrollTop)"
    )


def scroll_to_bottom(page: Page) -> int:
    """Scroll the main container to its end; return how far it went."""
    return page.evaluate(
        f"(() => {{ const m = document.querySelector('{MAIN}');"
        " m.scrollTo(0, m.scrollHeight); window.scrollTo(0, document.body.scrollHeight);"
        " return Math.max(m.scrollTop, document.scrollingElement.scrollTop); })()"
    )


def answer_step(page: Page, answers: list[tuple[str, str]]) -> None:
    """Answer on the current page: (question text, option label) or (question text, "=number")."""
    for question, value in answers:
        if value.startswith("="):
            type_number(page, question, value[1:])
        else:
            choose(page, question, value)


def radar(page: Page) -> dict:
    """What Plotly drew for the radar on screen (names on a wide screen, numbers on a phone):
    axis labels, ring fills, the scale's numbers, traces, and the outer ring's width in px."""
    chart = page.locator(".js-plotly-plot:visible").first
    expect(chart.locator("g.angularaxistick").first).to_be_attached(timeout=20_000)
    return chart.evaluate(
        """chart => ({
            // A long label is wrapped over several <tspan class="line">: join them with spaces.
            axes: [...chart.querySelectorAll('g.angularaxistick text')].map(t => {
                const lines = [...t.querySelectorAll('tspan.line')].map(l => l.textContent);
                return (lines.length ? lines.join(' ') : t.textContent).trim();
            }),
            // The scale's numbers: a text trace of their own, clear of the lines.
            radial: [...chart.querySelectorAll('g.scatterlayer g.textpoint text')]
                .map(t => t.textContent),
            traces: chart.querySelectorAll('g.scatterlayer g.trace').length,
            fills: [...chart.querySelectorAll('g.scatterlayer path.js-fill')]
                .map(p => getComputedStyle(p).fill),
            lines: [...chart.querySelectorAll('g.scatterlayer path.js-line')]
                .map(p => p.getAttribute('d') || ''),
            across: chart.querySelector('g.scatterlayer path.js-fill').getBoundingClientRect()
                .width,
        })"""
    )


# --- the keyboard ---------------------------------------------------------------

FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return {tag: 'BODY', type: '', text: '', label: '', group: ''};
    const group = e.closest('[role=radiogroup]');
    const labelled = e.getAttribute('aria-label') || (e.labels && e.labels[0]
        ? e.labels[0].textContent : '');
    return {
        tag: e.tagName, type: e.type || '', role: e.getAttribute('role') || '',
        text: (e.innerText || e.value || '').trim(), label: (labelled || '').trim(),
        group: group ? (group.getAttribute('aria-label') || '') : '',
        checked: !!e.checked,
    };
}"""


def focused(page: Page) -> dict:
    """Describe the element that has the keyboard focus."""
    return page.evaluate(FOCUSED)


def tab_to(page: Page, matches, *, backwards: bool = False, limit: int = 150) -> dict:
    """Press Tab (or Shift+Tab) until the focused element ``matches``; return it."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if matches(now):
            return now
        seen.append(now.get("text") or now.get("label") or now.get("tag"))
    raise AssertionError(f"{key} never reached the element; passed: {seen[-25:]}")


def button_named(name: str):
    return lambda f: f["tag"] == "BUTTON" and name in f["text"].splitlines()


def field_labelled(text: str):
    return lambda f: (
        f["tag"] in ("INPUT", "TEXTAREA") and f["type"] != "radio" and (text in f["label"])
    )


def radio_in(question: str):
    return lambda f: f["type"] == "radio" and question in f["group"]


# --- the results page's folded sections --------------------------------------------

FOLDS = {"signs": "signs_section", "drafts": "draft_editor", "changes": "changes_title"}


def fold_label(which: str, lang: str) -> str:
    from clientcheck.guidance.moneytext import money_word
    from clientcheck.i18n import t

    return money_word("title", lang) if which == "money" else t(FOLDS[which], lang)


def unfold(page: Page, which: str, lang: str = "en") -> None:
    """Open a folded section of the results page (signs, drafts, money…), as a click does."""
    summary = (
        main_area(page)
        .locator("[data-testid=stExpander] details > summary")
        .filter(has_text=fold_label(which, lang))
        .first
    )
    expect(summary).to_be_visible(timeout=20_000)
    if summary.locator("xpath=..").get_attribute("open") is None:
        summary.click()
        wait_idle(page)
    expect(summary.locator("xpath=..")).to_have_attribute("open", "")


def sign_rows(page: Page):
    """The results' rows of the seven signs (their section must be open)."""
    return main_area(page).locator("[class*='st-key-cc_sign_']")
