"""The questionnaire in a real Chromium: the radar drawn, a phone-sized screen, the language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from clientcheck.bank.loader import default_bank
from clientcheck.i18n import t
from clientcheck.outputs.charts import BAND_RINGS
from tests.browser.helpers import (
    MAIN,
    answer_step,
    click,
    expect_html_lang,
    expect_title,
    horizontal_overflow,
    open_app,
    radar,
    scroll_to_bottom,
    scroll_top,
    sign_rows,
    type_number,
    unfold,
    wait_idle,
)

BANK = default_bank()


def _q(question_id: str, lang: str) -> str:
    return next(q for q in BANK.questions() if q.id == question_id).text(lang)


def _option(question_id: str, option_id: str, lang: str) -> str:
    question = next(q for q in BANK.questions() if q.id == question_id)
    if option_id == "dont_know":
        return t("dont_know", lang)
    return question.scale.option(option_id).label(lang)


def _plan(lang: str) -> dict[str, list[tuple[str, str]]]:
    """At least one answer per sign, some of them "don't know", as (label, value) pairs."""
    raw = {
        "client": [("situation.income_share", "=60"), ("situation.pipeline", "none")],
        "late_payment": [
            ("late_payment.invoices_total", "=10"),
            ("late_payment.late_invoices", "=6"),
            ("late_payment.unpaid_90", "once"),
            ("late_payment.chasing", "dont_know"),
        ],
        "less_work": [("less_work.predictable", "sometimes")],
        "demanding": [
            ("demanding.tight_deadlines", "often"),
            ("demanding.free_extras", "often"),
        ],
        "disrespect": [("disrespect.belittles", "rarely")],
        "contract_breach": [("contract_breach.keeps_word", "dont_know")],
        "high_maintenance": [("high_maintenance.after_hours", "sometimes")],
        "unprofessional": [("unprofessional.off_topic", "rarely")],
    }
    return {
        step: [
            (_q(qid, lang), value if value.startswith("=") else _option(qid, value, lang))
            for qid, value in answers
        ]
        for step, answers in raw.items()
    }


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_english_questionnaire_reaches_results_with_a_seven_axis_radar(page: Page, app_url: str):
    open_app(page, app_url)
    expect_html_lang(page, "en")
    plan = _plan("en")
    click(page, "Start")
    expect_title(page, "About the client")
    name = page.get_by_role("textbox", name="Client name or alias")
    name.fill("Acme Ltd")
    name.press("Enter")
    wait_idle(page)
    answer_step(page, plan["client"])
    click(page, "Next")
    for i, sign in enumerate(BANK.signs, start=1):
        expect_title(page, sign.name("en"))
        expect(page.get_by_text(f"Sign {i} of 7")).to_be_visible()
        answer_step(page, plan[sign.id])
        click(page, "See the results" if i == 7 else "Next")

    expect_title(page, "Results for Acme Ltd")
    # 60 % of income, an invoice 90 days late that was never raised: new terms come first.
    expect(page.locator(MAIN).get_by_text("Verdict: Renegotiate now")).to_be_visible()

    unfold(page, "signs")
    drawn = radar(page)
    assert drawn["axes"] == [sign.name("en") for sign in BANK.signs]  # seven angular axes
    assert len(drawn["axes"]) == 7
    # Four band rings, filled in their band colours, under the client's own trace.
    assert drawn["traces"] == len(BAND_RINGS) + 1
    ring_fills = drawn["fills"][: len(BAND_RINGS)]
    assert ring_fills == [_rgb(colour) for _, colour in BAND_RINGS]
    assert {"25", "50", "75", "100"} <= set(drawn["radial"])
    assert all(path for path in drawn["lines"]), "a trace has no line"

    rows = sign_rows(page)
    expect(rows).to_have_count(7)
    expect(rows.first).to_contain_text("1. Pays late")
    expect(rows.first).to_contain_text("Critical")


def test_french_phone_flow_fits_the_screen_and_back_and_next_work(phone_page: Page, app_url: str):
    page = phone_page
    open_app(page, app_url, "fr")
    expect_html_lang(page, "fr")
    assert horizontal_overflow(page) <= 1
    plan = _plan("fr")
    click(page, "Commencer")
    expect_title(page, "À propos du client")
    assert horizontal_overflow(page) <= 1
    answer_step(page, plan["client"])
    type_number(page, _q("situation.savings_months", "fr"), "2,5")
    click(page, "Suivant")

    # Back and forth on the first sign: the answers stay.
    expect_title(page, "Paie en retard")
    answer_step(page, plan["late_payment"])
    click(page, "Retour")
    expect_title(page, "À propos du client")
    expect(page.get_by_role("textbox", name=_q("situation.savings_months", "fr"))).to_have_value(
        "2,5"
    )
    click(page, "Suivant")
    expect_title(page, "Paie en retard")
    expect(page.get_by_role("textbox", name=_q("late_payment.late_invoices", "fr"))).to_have_value(
        "6"
    )

    for i, sign in enumerate(BANK.signs, start=1):
        expect_title(page, sign.name("fr"))
        expect(page.get_by_text(f"Signe {i} sur 7")).to_be_visible()
        assert horizontal_overflow(page) <= 1, f"{sign.id} is wider than the phone"
        if i > 1:
            answer_step(page, plan[sign.id])
        click(page, "Voir les résultats" if i == 7 else "Suivant")

    expect_title(page, "Résultats pour ce client")
    unfold(page, "signs", "fr")
    drawn = radar(page)
    assert drawn["axes"] == [sign.name("fr") for sign in BANK.signs]
    chart = page.locator(".js-plotly-plot").first.bounding_box()
    assert chart and chart["x"] >= 0 and chart["x"] + chart["width"] <= 391
    assert horizontal_overflow(page) <= 1
    expect_html_lang(page, "fr")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_each_step_starts_at_the_top(size: str, request: pytest.FixtureRequest, app_url: str):
    page: Page = request.getfixturevalue("page" if size == "desktop" else "phone_page")
    if size == "desktop":
        page.set_viewport_size({"width": 1280, "height": 560})  # short enough to scroll
    open_app(page, app_url)
    click(page, "Start")
    for title in ("Pays late", "Sends less work", "Increasingly demanding"):
        assert scroll_to_bottom(page) > 50, "the page is too short to test scrolling"
        click(page, "Next")
        expect_title(page, title)
        page.wait_for_timeout(300)
        assert scroll_top(page) <= 2, f"{title} opened scrolled down by {scroll_top(page)} px"


def test_lang_parameter_shows_french_and_sets_the_page_language(page: Page, app_url: str):
    open_app(page, app_url, "fr")
    expect(page.get_by_role("heading", name="Faut-il laisser partir ce client ?")).to_be_visible()
    expect(page.get_by_role("button", name="Commencer")).to_be_visible()
    expect_html_lang(page, "fr")

    page.goto(app_url)
    expect(page.get_by_role("heading", name="Should I let this client go?")).to_be_visible()
    wait_idle(page)
    expect_html_lang(page, "en")


def test_switching_language_midway_updates_labels_and_page_language(page: Page, app_url: str):
    open_app(page, app_url)
    click(page, "Start")
    click(page, "Next")
    type_number(page, _q("late_payment.invoices_total", "en"), "10")
    type_number(page, _q("late_payment.late_invoices", "en"), "3")
    page.locator(MAIN).get_by_text("Français", exact=True).click()
    wait_idle(page)
    expect_title(page, "Paie en retard")
    expect_html_lang(page, "fr")
    expect(page.get_by_role("textbox", name=_q("late_payment.late_invoices", "fr"))).to_have_value(
        "3"
    )
