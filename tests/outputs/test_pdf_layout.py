"""The summary and compare PDFs read like a report, for a set of answer files.

For each document: poppler draws every page without a word on stderr (an unbalanced
graphics state shows there as "Restoring state when no valid states to pop"), qpdf
finds nothing to report, and no page ends with a heading (a heading always has the
start of its section under it). Needs ``pdftoppm``, ``pdftotext`` (poppler-utils) and
``qpdf``: skipped without them on a developer's machine, a failure in CI.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tomllib
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.guidance.dates import is_working_day
from clientcheck.guidance.messages import MessageDetails, render_message
from clientcheck.guidance.moneytext import exit_headers, money_words
from clientcheck.guidance.render import format_date
from clientcheck.guidance.suggestions import suggested_drafts
from clientcheck.i18n import t
from clientcheck.outputs.exports import build_summary_input, comparison_view
from clientcheck.outputs.pdf import summary_pdf
from clientcheck.outputs.pdf.fonts import add_cached_fonts
from clientcheck.outputs.pdf.layout import SummaryPDF
from clientcheck.outputs.summary import SummaryInput, advice_heading, labels, tone_label
from tests.support.summary_data import DAY, FULL_ANSWERS
from tests.support.tools import required

BANK = default_bank()
SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
TOOLS = ("pdftoppm", "pdftotext", "qpdf")
MONEY = {
    "situation.currency": "EUR",
    "money.pay_basis": "hourly",
    "money.hourly_rate": 45,
    "money.billed_hours": 80,
    "money.target_rate": 60,
    "money.waiting_rate": 5,
}
# A dependent freelancer with an abusive client and money answers: Plan your exit, the
# twelve months without the client, and the rates against the target.
PLAN_EXIT = {
    **FULL_ANSWERS,
    **MONEY,
    "situation.income_share": 60,
    "situation.savings_months": 3,
    "disrespect.insults": "repeatedly",
    # Told them it was not acceptable and nothing changed: with 60 % of income, plan the exit.
    "disrespect.raised": "no_change",
    "late_payment.unpaid_90": "once",
}


def _scenarios() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(SCENARIOS.glob("*.toml")):
        for item in tomllib.loads(path.read_text(encoding="utf-8"))["scenario"]:
            found.append((item["name"], item["answers"]))
    return found[::9]  # a spread of verdicts and signs, a few seconds in all


ANSWER_FILES = [
    ("plan exit with money", PLAN_EXIT),
    ("full answers with money", {**FULL_ANSWERS, **MONEY}),
    ("nothing answered", {}),
    *_scenarios(),
]


@pytest.fixture(scope="module")
def tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"{', '.join(missing)} not found: apt-get install poppler-utils qpdf"
        required(None, message, "the PDF layout test")


def _record(name: str, answers: dict) -> ClientRecord:
    return ClientRecord(name=name, answers=dict(answers), assessed_on=DAY)


def _summary(record: ClientRecord, lang: str, comparison=None) -> SummaryInput:
    """The summary the app builds, with the first two suggested drafts ticked."""
    ctx = build_summary_input(BANK, record, lang).ctx
    drafts = [
        render_message(message_id, tone, ctx, MessageDetails())
        for (message_id, _), tone in zip(suggested_drafts(ctx)[:2], ("warm", "firm"), strict=False)
    ]
    return build_summary_input(BANK, record, lang, drafts, comparison)


def _compare(lang: str, count: int) -> SummaryInput:
    """The compare page's PDF: the current client and ``count`` clients side by side."""
    records = [
        _record(f"Client {i + 1}", ANSWER_FILES[i % len(ANSWER_FILES)][1]) for i in range(count)
    ]
    title = "Compare" if lang == "en" else "Comparer"
    return _summary(records[0], lang, comparison_view(BANK, records, lang, title))


def _headings(data: SummaryInput) -> list[str]:
    """Every heading the document may draw: sections, sub-sections, advice and drafts."""
    lang = data.ctx.lang
    words, money = labels(lang), money_words(lang)
    found = [
        words[key]
        for key in ("radar", "signs", "advice", "plan", "check_again", "drafts", "how_title")
    ]
    found += [money["title"], money["exit_title"], t("changes_title", lang)]
    found += [advice_heading(item, words) for item in data.advice]
    found += [f"{d.title} ({tone_label(d.tone, lang)})" for d in data.drafts]
    if data.comparison is not None:
        found.append(f"{words['comparison']}{words['colon']} {data.comparison.title}")
    return found


def _flat(text: str) -> str:
    return " ".join(text.split())


def _last_lines(pdf: Path) -> list[str]:
    """The last line of text on each page, above its page number."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    lines = []
    for page in out.stdout.split("\f"):
        text = [_flat(line) for line in page.splitlines() if line.strip()]
        if text:
            lines.append(text[-2] if text[-1].startswith(("Page ", "Page\u00a0")) else text[-1])
    return lines


def _check(data: SummaryInput, tmp_path: Path) -> int:
    """Build the PDF and check it; return its number of pages."""
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(summary_pdf(data))
    drawn = subprocess.run(
        ["pdftoppm", "-r", "12", "-png", str(pdf), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )
    assert drawn.returncode == 0 and drawn.stderr == "", drawn.stderr
    checked = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No syntax or stream encoding errors found" in checked.stdout
    assert "WARNING" not in checked.stdout + checked.stderr
    headings = [_flat(h) for h in _headings(data)]
    last = _last_lines(pdf)
    stranded = [
        (page, line)
        for page, line in enumerate(last, 1)
        if any(len(line) >= 4 and heading.endswith(line) for heading in headings)
    ]
    assert stranded == [], f"pages ending with a heading: {stranded}"
    return len(last)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("name", "answers"), ANSWER_FILES, ids=[n for n, _ in ANSWER_FILES])
def test_summary_pdf_draws_cleanly_and_no_page_ends_with_a_heading(
    tools, tmp_path, name, answers, lang
):
    assert _check(_summary(_record(name, answers), lang), tmp_path) >= 1


@pytest.mark.parametrize("count", [2, 7, 50])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_compare_pdf_draws_cleanly_and_no_page_ends_with_a_heading(tools, tmp_path, lang, count):
    data = _compare(lang, count)
    assert data.comparison is not None and len(data.comparison.rows) == count
    assert _check(data, tmp_path) >= 2


def test_the_check_detects_a_stranded_heading(tools, tmp_path):
    # A test that cannot fail is a defect: a document whose first page ends with a heading.
    data = _summary(_record("Acme", PLAN_EXIT), "en")
    doc = SummaryPDF("Page {page} / {pages}")
    add_cached_fonts(doc)
    doc.add_page()
    doc.paragraph("Some text. " * 40)
    doc.set_y(doc.page_break_trigger - 12)
    doc.style(13, bold=True)
    doc.cell(0, 7, labels("en")["advice"])
    doc.add_page()
    doc.paragraph("The advice itself.")
    pdf = tmp_path / "stranded.pdf"
    pdf.write_bytes(bytes(doc.output()))
    assert _last_lines(pdf)[0] == labels("en")["advice"]
    assert labels("en")["advice"] in _headings(data)


def test_forecast_amounts_are_whole_units_of_money():
    data = _summary(_record("Acme", PLAN_EXIT), "en")
    assert data.money is not None and data.money.exit_rows
    cells = [
        cell
        for row in data.money.exit_rows
        for cell in (row.client_income, row.new_work, row.drawn, row.savings_left, row.uncovered)
    ]
    assert any("€" in cell for cell in cells)
    assert not any("." in cell.replace(",", "") for cell in cells), cells
    assert exit_headers("en")[0] == money_words("en")["col_month"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_summary_names_its_source_article_once_and_is_titled_like_the_app(lang):
    data = _summary(_record("Acme", FULL_ANSWERS), lang)
    reader = PdfReader(io.BytesIO(summary_pdf(data)))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    assert text.count("7 Signs It's Time to Let Your Client Go") == 1
    assert text.lower().count("article") == 1
    assert _flat(f"{t('app_title', lang)} · {t('tagline', lang)}") in text


def test_dates_in_the_verdict_box_avoid_public_holidays():
    # 4 weeks after 4 December 2026 is 1 January 2027, a public holiday everywhere.
    # Free to leave (let go): the verdict box gives the date; under Plan your exit it gives
    # the notice as a length, not a date from today (test_summary).
    free = {"situation.income_share": 10, "situation.savings_months": 12}
    answers = {**PLAN_EXIT, **free, "situation.notice_weeks": 4}
    record = ClientRecord(name="Acme", answers=answers, assessed_on=date(2026, 12, 4))
    data = build_summary_input(BANK, record, "en")
    ctx = data.ctx
    assert ctx.verdict == "let_go", ctx.verdict
    assert ctx.last_working_day is not None and is_working_day(ctx.last_working_day, "other")
    assert "1 January 2027" not in data.why
    assert format_date(ctx.last_working_day, "en") in data.why
    assert is_working_day(ctx.check_again_on, "other")
