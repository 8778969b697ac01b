"""In Chromium at phone width (390 px): the money charts are drawn, labelled and fit the screen."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from clientcheck.bank.records import ClientRecord
from clientcheck.guidance.moneytext import money_word
from clientcheck.persistence.storage import dumps_assessment, dumps_session
from tests.browser.helpers import horizontal_overflow, open_app, unfold, wait_idle

PAYS = {
    "money.pay_basis": "hourly",
    "money.hourly_rate": 50,
    "money.billed_hours": 60,
    "money.target_rate": 70,
    "money.waiting_rate": 10,
    "high_maintenance.unbilled_hours": 4,
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 5,
    "late_payment.days_late": 30,
    "situation.currency": "GBP",
}
# Cannot leave yet, insulted repeatedly: Plan your exit, so the twelve months show too.
LEAVING = {
    "situation.income_share": 80,
    "situation.savings_months": 2,
    "situation.pipeline": "some",
    "situation.notice_weeks": 4,
    "disrespect.insults": "repeatedly",
    "disrespect.raised": "no_change",
}

CHARTS = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')].map(c => {
    const box = c.getBoundingClientRect();
    const svg = c.querySelector('.main-svg');
    return {
        label: c.getAttribute('aria-label') || '',
        role: c.getAttribute('role') || '',
        left: box.left, right: box.right, width: box.width,
        svgWidth: svg ? svg.getBoundingClientRect().width : 0,
        bars: c.querySelectorAll('g.barlayer g.point').length,
        lines: c.querySelectorAll('g.scatterlayer g.trace').length,
        text: [...c.querySelectorAll('g.barlayer text, g.ytick text')].map(t => t.textContent),
    };
})"""


def upload(page: Page, data: bytes, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    main = page.locator('[data-testid="stMain"]')  # on a phone the sidebar is folded away
    main.get_by_text("Resume a saved assessment").first.click()
    main.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(path))
    wait_idle(page)


def charts(page: Page) -> list[dict]:
    return page.evaluate(CHARTS)


def test_money_charts_fit_a_phone_and_carry_text_alternatives(phone_page: Page, app_url, tmp_path):
    page = phone_page
    record = ClientRecord(name="Acme", answers={**LEAVING, **PAYS}, step="results")
    open_app(page, app_url)
    upload(page, dumps_assessment(record, "en"), tmp_path, "answers.json")
    unfold(page, "money")  # its own folded section, drawn once opened
    page.get_by_role("heading", name=money_word("exit_title", "en")).scroll_into_view_if_needed()
    # Wait for the two money charts themselves (each Plotly chart holds two .main-svg, so a
    # count of those can be reached before the second chart is drawn).
    page.wait_for_function(
        f"""() => {{
            const drawn = ({CHARTS})();
            const ready = c => c.svgWidth > 0 && c.bars > 0;
            return drawn.some(c => c.label.startsWith("Bar chart of hourly rates") && ready(c))
                && drawn.some(c => c.label.startsWith("Chart of the twelve months") && ready(c));
        }}""",
        timeout=20_000,
    )
    drawn = charts(page)
    rates = next(c for c in drawn if c["label"].startswith("Bar chart of hourly rates"))
    months = next(c for c in drawn if c["label"].startswith("Chart of the twelve months"))
    # Billed, effective, after waiting and target: four bars, each labelled with its amount.
    assert rates["bars"] == 4
    assert sum("£" in t for t in rates["text"]) >= 4
    assert "Your target hourly rate" in rates["label"] and "£" in rates["label"]
    # Three stacked series of twelve months, and the savings line.
    assert months["bars"] == 36 and months["lines"] == 1
    assert "Savings left" in months["label"]
    for chart in (rates, months):
        assert chart["role"] in ("img", "figure")
        assert 0 <= chart["left"] and chart["right"] <= 390 + 0.5, chart
        assert 0 < chart["svgWidth"] <= 390
    assert horizontal_overflow(page) <= 0
    # The table alternative of the twelve months is on the page.
    lasts = page.get_by_text(money_word("exit_lasts", "en"))
    expect(lasts.or_(page.get_by_text("run out"))).to_be_visible()
    table = page.locator('[data-testid="stMain"] table').last
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(12)
    assert table.bounding_box()["x"] + table.bounding_box()["width"] <= 390 + 0.5


def test_income_shares_chart_fits_a_phone(phone_page: Page, app_url, tmp_path):
    page = phone_page
    records = [
        ClientRecord(name="Big Co", answers={"situation.income_share": 55}, step="compare"),
        ClientRecord(name="Small Co", answers={"situation.income_share": 15}),
    ]
    open_app(page, app_url)
    upload(page, dumps_session(records, 0, "en"), tmp_path, "session.json")  # opens on Compare
    # The band shows in the table and, once drawn, in the sentence about the largest client.
    band = page.get_by_text(money_word("band_concentrated", "en"), exact=False)
    expect(band.first).to_be_visible(timeout=20_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".some(c => (c.getAttribute('aria-label') || '').startsWith('Bar chart of each client'))"
        " && document.querySelectorAll('[data-testid=stPlotlyChart] .main-svg').length >= 2",
        timeout=20_000,
    )
    shares = next(c for c in charts(page) if c["label"].startswith("Bar chart of each client"))
    assert shares["bars"] == 2
    assert "Big Co 55" in shares["label"] and "Small Co 15" in shares["label"]
    assert shares["right"] <= 390 + 0.5
