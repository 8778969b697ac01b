"""The questionnaire in a real Chromium: the radar drawn, a phone-sized screen, the language.

The two walks through the whole questionnaire (English at 1280 px, French on a phone) are
those of tests/browser/walks.py, shared with the accessibility and privacy tests: the
first two tests read what they recorded.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from clientcheck.bank.loader import default_bank
from clientcheck.i18n import t
from clientcheck.outputs.charts import BAND_RINGS
from tests.browser.helpers import (
    MAIN,
    choose,
    click,
    expect_html_lang,
    expect_title,
    open_app,
    type_number,
    wait_idle,
)
from tests.browser.walks import WIDTHS, question_text

BANK = default_bank()
SIGNS = [f"sign {i}" for i in range(1, 8)]


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.xdist_group("walks")
def test_english_questionnaire_reaches_results_with_a_seven_axis_radar(walks):
    walked = walks("en", WIDTHS["desktop"])
    assert walked.scans["welcome"].html_lang == "en"
    assert walked.titles["client"] == "About the client"
    for i, sign in enumerate(BANK.signs, start=1):
        assert walked.titles[f"sign {i}"] == sign.name("en")
        assert f"Sign {i} of 7" in walked.texts[f"sign {i}"]

    assert walked.titles["results"] == f"Results for {walked.client}"
    # 60 % of income, an invoice 90 days late that was never raised: new terms come first.
    assert "Verdict: Renegotiate now" in walked.texts["results"]

    drawn = walked.radar
    assert drawn["axes"] == [sign.name("en") for sign in BANK.signs]  # seven angular axes
    assert len(drawn["axes"]) == 7
    # Four band rings, filled in their band colours, and the scale's numbers (those clear
    # of the line), under the client's own trace.
    assert drawn["traces"] == len(BAND_RINGS) + 2
    ring_fills = drawn["fills"][: len(BAND_RINGS)]
    assert ring_fills == [_rgb(colour) for _, colour in BAND_RINGS]
    assert drawn["radial"] and set(drawn["radial"]) <= {"25", "50", "75", "100"}
    assert all(path for path in drawn["lines"]), "a trace has no line"

    assert len(walked.rows) == 7
    assert "1. Pays late" in walked.rows[0]
    assert "Critical" in walked.rows[0]
    # No step, the results with every section open included, is wider than the window.
    wider = {step: px for step, px in walked.overflow.items() if px > 1}
    assert wider == {}, "wider than the window"


@pytest.mark.xdist_group("walks")
def test_french_phone_flow_fits_the_screen_and_back_and_next_work(walks):
    walked = walks("fr", WIDTHS["phone"])
    assert walked.scans["welcome"].html_lang == "fr"
    assert walked.titles["client"] == "À propos du client"
    # Back and forth on the first sign: the answers stay.
    assert walked.kept == {
        "back": "À propos du client",
        "savings": "2,5",
        "next": "Paie en retard",
        "late": "6",
    }
    for i, sign in enumerate(BANK.signs, start=1):
        assert walked.titles[f"sign {i}"] == sign.name("fr")
        assert f"Signe {i} sur 7" in walked.texts[f"sign {i}"]
    wider = {step: px for step, px in walked.overflow.items() if px > 1}
    assert wider == {}, "wider than the phone"  # every step, the results all open too

    assert walked.titles["results"] == "Résultats pour ce client"
    # On a phone the axes are numbered as the rows below, so the circle takes the width the
    # names took: 170 px across with them (a user's walk), about 290 without.
    assert walked.radar["axes"] == [str(i) for i in range(1, 8)]
    assert walked.radar["across"] >= 260
    assert walked.rows[0].startswith("1. Paie en retard")
    chart = walked.radar_box
    assert chart and chart["x"] >= 0 and chart["x"] + chart["width"] <= 391
    assert walked.scans["results"].html_lang == "fr"


@pytest.mark.xdist_group("walks")
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_step_starts_at_the_top(walks, lang: str):
    """Each step opens at its top, though the step before was left scrolled to its end
    (the walks: English on a desktop, French on a phone)."""
    walked = walks(lang, WIDTHS["desktop" if lang == "en" else "phone"])
    assert list(walked.opened_at) == [*SIGNS, "results"]
    scrolled = {step: top for step, (before, top) in walked.opened_at.items() if before > 50}
    # The step before was long enough to scroll on most steps: the check is not vacuous.
    assert len(scrolled) >= 4, walked.opened_at
    down = {step: top for step, top in scrolled.items() if top > 2}
    assert down == {}, "these steps opened scrolled down by so many px"


def test_the_language_follows_the_link_and_the_switch_both_ways(page: Page, app_url: str):
    """?lang=fr opens the app in French; without it the browser's language decides; the
    switch midway translates the step, keeps its answers and sets the page's language, and
    Streamlit's own labels follow it both ways."""
    open_app(page, app_url, "fr")
    expect(page.get_by_role("heading", name="Faut-il se séparer de ce client ?")).to_be_visible()
    expect(page.get_by_role("button", name="Commencer")).to_be_visible()
    expect_html_lang(page, "fr")

    page.goto(app_url)
    expect(page.get_by_role("heading", name="Should I let this client go?")).to_be_visible()
    wait_idle(page)
    expect_html_lang(page, "en")
    click(page, "Start")
    click(page, "Next")
    type_number(page, question_text("late_payment.invoices_total", "en"), "10")
    type_number(page, question_text("late_payment.late_invoices", "en"), "3")
    page.locator(MAIN).get_by_text("Français", exact=True).click()
    wait_idle(page)
    expect_title(page, "Paie en retard")
    expect_html_lang(page, "fr")
    expect(
        page.get_by_role("textbox", name=question_text("late_payment.late_invoices", "fr"))
    ).to_have_value("3")
    expect(page.locator('[aria-label="Replier le panneau latéral"]')).to_have_count(1)
    expect(page.locator('[aria-label="Collapse sidebar"]')).to_have_count(0)
    page.locator(MAIN).get_by_text("English", exact=True).click()
    wait_idle(page)
    expect_title(page, "Pays late")
    expect_html_lang(page, "en")
    expect(page.locator('[aria-label="Collapse sidebar"]')).to_have_count(1)
    expect(page.locator('[aria-label="Replier le panneau latéral"]')).to_have_count(0)


def test_a_choice_made_before_a_language_switch_survives_it_to_the_results(
    page: Page, app_url: str
):
    # A user's walk: a choice answered in English, then the language switched and the next
    # page opened: the browser sent the choice back as its English label (Streamlit 1.67
    # keeps a radio's choice as its label), the label was stored as the answer, the results
    # page failed, and a reload lost the work.
    open_app(page, app_url)
    click(page, "Start")
    click(page, "Next")
    chasing = question_text("late_payment.chasing", "en")
    choose(page, chasing, "Sometimes")
    page.locator(MAIN).get_by_text("Français", exact=True).click()
    wait_idle(page)
    expect_title(page, "Paie en retard")
    click(page, "Suivant")
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Résultats").click()
    wait_idle(page)
    expect(page.locator(MAIN).locator("h1").first).to_contain_text("Résultats", timeout=20_000)
    expect(page.get_by_text(t("page_fault", "fr")[:40])).to_have_count(0)
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Paie en retard").click()
    wait_idle(page)
    group = page.get_by_role("radiogroup", name=question_text("late_payment.chasing", "fr"))
    expect(group.get_by_role("radio", name="Parfois", exact=True)).to_be_checked()


def test_a_message_at_the_top_leaves_the_panels_the_user_opened_open(page: Page, app_url, tmp_path):
    # A message that comes and goes above the page (here: a file refused) must not shift
    # the page below it: Streamlit redraws a shifted expander closed, and the panel the
    # user was reading, or the upload they were doing, vanished under the message.
    open_app(page, app_url, "en")
    main = page.locator(MAIN)
    main.get_by_text("What is kept on this device").click()
    forget = main.get_by_role("button", name="Forget everything on this device")
    expect(forget).to_be_visible()
    main.get_by_text("Resume a saved assessment").click()
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{not json", encoding="utf-8")
    main.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(damaged))
    expect(main.get_by_text("it is not valid JSON")).to_be_visible(timeout=20_000)
    wait_idle(page)
    assert forget.is_visible(), "the device panel closed when the message appeared"
    expect(main.locator("[data-testid=stFileUploaderDropzone]").first).to_be_visible()


def test_several_answers_show_every_option_whole_on_a_phone(phone_page: Page, app_url: str):
    # "What happened?" offers long options; a multiselect's menu cut them to one line on a
    # phone ("Asking you to take a dishonest shortcut for them (fake or pl..."). Each is now a
    # checkbox whose whole label is drawn, wrapped, and ticks add up.
    page = phone_page
    open_app(page, app_url)
    click(page, "Start")
    for _ in range(7):
        next_step(page, "Next")
    expect_title(page, "Unprofessional")
    choose(page, question_text("unprofessional.crossed_line", "en"), "Yes")
    group = page.locator(".st-key-cc_several_unprofessional_crossed_what")
    scale = BANK.question("unprofessional.crossed_what").scale
    names = [o.label("en") for o in scale.options] + [t("dont_know", "en")]
    for name in names:
        expect(group.get_by_role("checkbox", name=name, exact=True)).to_have_count(1)
    cut = group.evaluate(
        """g => [...g.querySelectorAll('[data-testid=stCheckbox] label')]
            .filter(l => l.scrollWidth > l.clientWidth + 1
                || l.getBoundingClientRect().right > window.innerWidth + 1)
            .map(l => l.innerText)"""
    )
    assert cut == [], "options cut or off screen on a phone"
    # Its question reads at the size of every other question's label (Markdown is larger).
    sizes = page.evaluate(
        """() => [document.querySelector('.st-key-cc_several_unprofessional_crossed_what p'),
                  document.querySelector('[data-testid=stWidgetLabel] p')]
            .map(e => getComputedStyle(e).fontSize)"""
    )
    assert sizes[0] == sizes[1], sizes
    shortcut = scale.options[[o.id for o in scale.options].index("shortcut")].label("en")
    group.get_by_text(shortcut, exact=True).click()
    wait_idle(page)
    # Ticked, and the next tick adds to it (kept across pages: test_app_flow.py).
    expect(group.get_by_role("checkbox", name=shortcut, exact=True)).to_be_checked()
    group.get_by_text(names[0], exact=True).click()
    wait_idle(page)
    expect(group.get_by_role("checkbox", name=shortcut, exact=True)).to_be_checked()
    expect(group.get_by_role("checkbox", name=names[0], exact=True)).to_be_checked()


def test_number_fields_bring_up_the_phone_number_keypad_and_help_icons_take_a_finger(
    phone_page: Page, app_url: str
):
    # A phone showed its letter keyboard for "Share of your income" (a text field, so that
    # "12,5" reads in French). Fields that take a word ("30 days", "30 messages") keep it.
    page = phone_page
    open_app(page, app_url)
    click(page, "Start")
    # A user's walk on a phone: the "?" help icons were 16 px, too small for a finger.
    target = page.locator(MAIN).locator('[data-testid="stTooltipHoverTarget"]').first
    expect(target).to_be_visible()
    box = target.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    income = page.get_by_role("textbox", name=question_text("situation.income_share", "en"))
    notice = page.get_by_role("textbox", name=question_text("situation.notice_weeks", "en"))
    expect(income).to_have_attribute("inputmode", "decimal")
    savings = page.get_by_role("textbox", name=question_text("situation.savings_months", "en"))
    expect(savings).to_have_attribute("inputmode", "decimal")
    assert notice.get_attribute("inputmode") is None
    type_number(page, question_text("situation.income_share", "en"), "40")
    expect(income).to_have_attribute("inputmode", "decimal")  # kept across the redraw
    next_step(page, "Next")
    expect_title(page, "Pays late")
    expect(
        page.get_by_role("textbox", name=question_text("late_payment.invoices_total", "en"))
    ).to_have_attribute("inputmode", "decimal")


def next_step(page: Page, name: str) -> None:
    """Press a step button of the main column (the sidebar's stepper has its own)."""
    page.locator(MAIN).get_by_role("button", name=name, exact=True).first.click()
    wait_idle(page)


@pytest.mark.xdist_group("walks")
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_control_of_every_step_is_on_screen_and_big_enough_to_tap(walks, lang: str):
    """WCAG 2.2's minimum target size (24 CSS px), and nothing cut off at the window's edge,
    on every step of the walks, the results with every section open included (200 % zoom,
    a third width, is test_zoom.py)."""
    walked = walks(lang, WIDTHS["desktop" if lang == "en" else "phone"])
    width = walked.width
    for step, controls in walked.controls.items():
        assert len(controls) >= 2, step
        cut = [c["name"] for c in controls if c["left"] < -1 or c["right"] > width + 1]
        small = [
            (c["name"], round(c["width"]), round(c["height"]))
            for c in controls
            if min(c["width"], c["height"]) < 24
        ]
        assert cut == [], f"{step}: controls cut off at the edge"
        assert small == [], f"{step}: controls smaller than 24 px"
