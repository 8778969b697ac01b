"""The money view in words: page rows, summaries (Markdown and PDF), JSON, drafts, CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from pypdf import PdfReader

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine import money
from clientcheck.guidance.messages import render_message
from clientcheck.guidance.moneytext import money_json, money_word, rate_rows, sources_text
from clientcheck.guidance.rate_review import rate_review, review_sentence
from clientcheck.guidance.render import format_date
from clientcheck.guidance.suggestions import suggested_messages
from clientcheck.i18n import format_percent
from clientcheck.outputs.compare import compared, comparison_frame, scores_csv
from clientcheck.outputs.exports import build_summary_input
from clientcheck.outputs.pdf import summary_pdf
from clientcheck.outputs.summary import summary_markdown
from tests.support.contexts import ASSESSED_ON, LEAVING, make_ctx

BANK = default_bank()
LANGS = ("en", "fr")
# 50 an hour, 60 billed hours and 4 unbilled hours a week; aims for 55 an hour.
PAYS = {
    "money.pay_basis": "hourly",
    "money.hourly_rate": 50,
    "money.billed_hours": 60,
    "high_maintenance.unbilled_hours": 4,
    "money.target_rate": 55,
    "situation.currency": "EUR",
}
# A mild case on the stay path.
STAYING = {
    "situation.income_share": 20,
    "situation.savings_months": 8,
    "situation.pipeline": "some",
    "late_payment.late_invoices": 3,
    "late_payment.days_late": 20,
    "high_maintenance.unbilled_hours": 4,
}


def record(answers: dict, name: str = "Acme") -> ClientRecord:
    return ClientRecord(name=name, answers=dict(answers), assessed_on=ASSESSED_ON)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


# --- rows and sources ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_says_which_answers_it_came_from(lang):
    rows = {r.key: r for r in rate_rows(money.rate_view(PAYS), PAYS, lang)}
    effective = rows["effective"]
    assert effective.value == pytest.approx(3000 / (60 + 4 * money.WEEKS_PER_MONTH))
    assert money_word("src:high_maintenance.unbilled_hours", lang) in effective.sources
    assert money_word("src:money.hourly_rate", lang) in effective.sources
    assert "€" in effective.text


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_answer_shows_no_figure_and_names_what_is_missing(lang):
    answers = {k: v for k, v in PAYS.items() if k != "high_maintenance.unbilled_hours"}
    rows = {r.key: r for r in rate_rows(money.rate_view(answers), answers, lang)}
    assert rows["effective"].value is None
    assert rows["effective"].text == "—"
    assert money_word("src:high_maintenance.unbilled_hours", lang) in rows["effective"].sources
    assert rows["fees"].value == 3000  # what can be worked out still is


def test_sources_text_names_answers_in_plain_words():
    assert sources_text(["money.target_rate", "late_payment.days_late"], "en") == (
        "your target, days late"
    )


# --- rate review and the new rates draft ----------------------------------------------------


def test_stay_path_below_target_proposes_a_rate_review_and_the_draft():
    ctx = make_ctx({**STAYING, **PAYS})
    assert ctx.verdict in ("keep", "keep_boundaries", "renegotiate")
    assert "new_rates" in suggested_messages(ctx)
    sentence = review_sentence(ctx)
    assert sentence is not None and "€" in sentence


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Propose a rate review: about €55 an hour from {date}, your target rate."),
        ("fr", "environ 55\u00a0€ de l'heure à compter du {date}, votre taux visé."),
    ],
)
def test_the_rate_review_says_from_when_the_new_rate_applies(lang, said):
    ctx = make_ctx({**STAYING, **PAYS}, lang)
    when = format_date(rate_review(ctx.answers, ctx.assessed_on, lang).effective_on, lang)
    sentence = review_sentence(ctx)
    assert said.format(date=when) in sentence, sentence
    assert "notice" not in sentence and "préavis" not in sentence


@pytest.mark.parametrize("unbilled", [4, 0])
def test_the_rate_review_never_says_the_target_is_reached_when_unbilled_time_keeps_it_short(
    unbilled,
):
    # A user's walk: "$95 an hour would bring this client up to your target" left $78 an
    # hour once the unbilled hours counted. The rise stops at the target itself (€55 here,
    # where €71 would be needed): the sentence says what is left to do.
    ctx = make_ctx({**STAYING, **PAYS, "high_maintenance.unbilled_hours": unbilled})
    sentence = review_sentence(ctx)
    reached = "would bring this client up to your target" in sentence
    short = "would still pay you less than your target for each hour you work" in sentence
    assert (reached, short) == ((False, True) if unbilled else (True, False)), sentence


def test_no_rate_review_at_or_above_target():
    ctx = make_ctx({**STAYING, **PAYS, "money.target_rate": 30})
    assert "new_rates" not in suggested_messages(ctx)
    assert review_sentence(ctx) is None


def test_no_rate_review_without_a_target():
    answers = {k: v for k, v in {**STAYING, **PAYS}.items() if k != "money.target_rate"}
    assert "new_rates" not in suggested_messages(make_ctx(answers))


def test_money_alone_never_lowers_the_verdict_nor_moves_the_figures():
    # Only the Money answers: unbilled hours are a high-maintenance answer and are scored.
    # A rate far below the one aimed for raises the verdict (paid_far_below_your_rate);
    # nothing in the money view lowers it or changes risk or dependency. (This
    # test once asserted "never changes": it passed only while whole numbers were read as
    # "no rate given"; the app stores floats.)
    order = ("not_enough", "keep", "keep_boundaries", "renegotiate", "plan_exit", "let_go")
    own = {k: v for k, v in PAYS.items() if k in money.MONEY_QUESTIONS}
    assert own
    raised = 0
    for base in (STAYING, LEAVING, {}):
        without = make_ctx(base)
        for extra in (own, {**own, "money.target_rate": 1000}, {**own, "money.hourly_rate": 0}):
            with_money = make_ctx({**base, **extra})
            if without.verdict != "not_enough":
                assert order.index(with_money.verdict) >= order.index(without.verdict)
            raised += with_money.verdict != without.verdict
            assert with_money.risk == without.risk
            assert with_money.dependency == without.dependency
            # Confidence is read with the verdict: the same for the same verdict; a verdict
            # the money raises is never shown with low confidence unless provisional.
            if with_money.verdict == without.verdict:
                assert with_money.confidence == without.confidence
            else:
                assert with_money.confidence != "low" or with_money.provisional
    assert raised  # a target well above the rate paid does raise it


def test_rate_review_starts_on_the_first_of_a_month_after_the_notice():
    review = rate_review({**PAYS}, date(2026, 11, 27), "en")
    assert review.effective_on == date(2027, 1, 1)
    assert review.notice_days == (date(2027, 1, 1) - date(2026, 11, 27)).days
    longer = rate_review({**PAYS}, date(2026, 11, 27), "en", notice_weeks=12)
    assert longer.effective_on == date(2027, 3, 1)


def test_rate_review_proposes_the_target_and_never_more():
    review = rate_review(PAYS, ASSESSED_ON, "en")
    # Reaching €55 an hour after the unbilled hours would take €71 (55 / (3000 / 77.33) * 50
    # = 70.9), but a proposed rate never goes above the target the user gave: €55.
    assert review.proposed == "€55 an hour"
    assert review.current == "€50 an hour"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", ["warm", "neutral", "firm"])
def test_new_rates_draft_names_rate_date_and_notice(lang, tone):
    ctx = make_ctx({**STAYING, **PAYS}, lang)
    draft = render_message("new_rates", tone, ctx)
    review = rate_review(ctx.answers, ctx.assessed_on, lang)
    assert review.proposed in draft.body and review.current in draft.body
    assert "2027" in draft.subject
    assert format_date(review.effective_on, lang) in draft.body  # a date, not a count of days
    assert "days' notice" not in draft.body and "jours de préavis" not in draft.body
    if lang == "fr":
        assert not re.search(r" [:;?!»%€]", draft.body + draft.subject)


def test_new_rates_draft_without_figures_leaves_a_placeholder():
    draft = render_message("new_rates", "neutral", make_ctx(STAYING))
    assert "[new rate]" in draft.body
    assert "currently" not in draft.body


# --- summaries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_summary_shows_the_rates_and_their_sources(lang):
    data = build_summary_input(BANK, record({**STAYING, **PAYS}), lang)
    text = summary_markdown(data)
    assert f"## {money_word('title', lang)}" in text
    assert money_word("effective", lang) in text and money_word("target", lang) in text
    assert money_word("src:high_maintenance.unbilled_hours", lang) in text
    assert money_word("verdict_note", lang) in text
    # The figures and the usual-rate answer may raise the verdict, never lower it; the
    # share of the target that calls for a new rate is the rule's (a user's walk: "never
    # changes it", above a verdict the figures had raised).
    never_lower = "never lower" if lang == "en" else "jamais l'adoucir"
    share = BANK.rules.money_rule("paid_far_below_your_rate").below_target_share
    for key in ("verdict_note", "caption"):
        note = money_word(key, lang)
        assert (
            never_lower in note and "never change" not in note and "jamais le modifier" not in note
        )
        assert format_percent(share * 100, lang) in note, note
    assert money_word("exit_title", lang) not in text  # not shown on the stay path


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_summary_shows_the_twelve_months_when_leaving(lang):
    data = build_summary_input(BANK, record({**LEAVING, **PAYS}), lang)
    assert data.ctx.verdict in ("let_go", "plan_exit")
    text = summary_markdown(data)
    assert f"### {money_word('exit_title', lang)}" in text
    table = [
        line for line in text.splitlines() if line.startswith(f"| {money_word('col_month', lang)}")
    ]
    assert table
    start = text.index(table[0])
    rows = [line for line in text[start:].splitlines()[2:14]]
    assert len(rows) == 12 and all(r.startswith("| ") for r in rows)
    assert money_word("exit_runs_out", lang, month=5, date="").split("(")[0] in text


def test_summary_without_money_answers_has_no_money_section():
    data = build_summary_input(BANK, record(STAYING), "en")
    assert data.money is None
    assert money_word("title", "en") not in summary_markdown(data)


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_summary_shows_the_money_view(lang):
    data = build_summary_input(BANK, record({**LEAVING, **PAYS}), lang)
    text = pdf_text(summary_pdf(data))
    for key in ("title", "effective", "target", "exit_title", "col_savings_left"):
        assert " ".join(money_word(key, lang).split()) in text, key


# --- JSON --------------------------------------------------------------------------------------


def test_money_json_gives_figures_with_sources_and_nulls():
    data = money_json({**LEAVING, **PAYS}, ASSESSED_ON)
    json.dumps(data)  # plain JSON data
    assert data["currency"] == "EUR"
    assert data["effective_hourly_rate"]["value"] == pytest.approx(
        3000 / (60 + 4 * money.WEEKS_PER_MONTH), abs=1e-3
    )
    assert "high_maintenance.unbilled_hours" in data["effective_hourly_rate"]["from"]
    assert data["effective_hourly_rate_after_waiting"] is None
    assert data["below_target"] is True
    assert len(data["if_you_let_go"]["months"]) == 12
    assert data["if_you_let_go"]["unit"] == "money"
    empty = money_json({}, ASSESSED_ON)
    assert empty["effective_hourly_rate"] is None and empty["if_you_let_go"] is None


# --- compare: share of income in the CSV ------------------------------------------------------


def test_csv_has_each_clients_share_and_band():
    people = [
        compared(BANK, record({"situation.income_share": 45}, "Big"), "en", ""),
        compared(BANK, record({"situation.income_share": 10}, "Small"), "en", ""),
        compared(BANK, record({}, "Unknown"), "en", ""),
    ]
    frame = comparison_frame(people, [s.name("en") for s in BANK.signs], "en")
    rows = list(csv.DictReader(io.StringIO(scores_csv(frame).decode("utf-8-sig"))))
    by_name = {r[next(iter(r))]: r for r in rows}
    assert by_name["Big"][money_word("share_col", "en")] == "45"
    assert by_name["Big"][money_word("share_band_col", "en")] == money_word(
        "band_concentrated", "en"
    )
    assert by_name["Small"][money_word("share_band_col", "en")] == money_word("band_spread", "en")
    assert by_name["Unknown"][money_word("share_col", "en")] == ""


# --- the command line's JSON report ----------------------------------------------------------


def test_cli_json_report_has_the_money_view(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from clientcheck.persistence.storage import dumps_assessment

    root = Path(__file__).resolve().parents[2]
    path = tmp_path / "answers.json"
    path.write_bytes(dumps_assessment(record({**LEAVING, **PAYS}), "en"))
    done = subprocess.run(
        [sys.executable, "-m", "clientcheck", "report", str(path), "--format", "json"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["money"] == money_json({**LEAVING, **PAYS}, ASSESSED_ON)
    assert report["money"]["effective_hourly_rate"]["from"]
    assert report["money"]["if_you_let_go"]["runs_out_month"] == 5


# --- words: complete, and good French typography ---------------------------------------------


def test_money_words_exist_in_every_language_with_french_spacing():
    from clientcheck.guidance.moneytext import money_words

    en, fr = money_words("en"), money_words("fr")
    assert set(en) == set(fr) and en
    for key, text in fr.items():
        assert text.strip(), key
        assert not re.search(r" [:;?!»%€]", text), (key, text)
        assert "« " not in text and " »" not in text, key


def test_money_questions_are_context_only_and_well_written():
    section = BANK.money
    assert section is not None
    assert all(q.role == "context" for q in section.questions)
    assert not any(q.id.startswith("money.") for q in BANK.questions())  # never scored
    for q in section.questions:
        for text in (q.text("fr"), q.help("fr") if q.help else ""):
            assert not re.search(r" [:;?!»%€]", text), text
    assert set(money.MONEY_QUESTIONS) == {q.id for q in section.questions}


def test_a_scored_money_question_is_refused(tmp_path):
    import shutil

    from clientcheck.bank.loader import QUESTIONS_DIR, load_bank
    from clientcheck.bank.questions import QuestionBankError

    copy = tmp_path / "questions"
    shutil.copytree(QUESTIONS_DIR, copy)
    path = copy / "money.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'role = "context"\nscale = "pay_basis"', 'scale = "pay_basis"', 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(QuestionBankError, match="context only"):
        load_bank(copy)


# --- percentages --------------------------------------------------------------------------------

# English sets no space before %; French always sets a no-break one (none, or an ordinary
# space, is wrong there; so is a no-break space collapsed into an ordinary one).
SPACED_PERCENT = re.compile(r"\d[ \u00a0\u202f]%")
TIGHT_PERCENT = re.compile(r"\d ?%")


def assert_percent_spacing(text: str, lang: str) -> None:
    wrong = SPACED_PERCENT if lang == "en" else TIGHT_PERCENT
    found = wrong.search(text)
    assert found is None, text[max(found.start() - 60, 0) : found.end() + 20]


@pytest.mark.parametrize(("lang", "share"), [("en", "39%"), ("fr", "39\u00a0%")])
def test_a_rate_far_below_the_target_gives_its_share_as_each_language_writes_it(lang, share):
    # 30 an hour over 60 billed and about 17 unbilled hours is 23.3 an hour: 39% of 60.
    ctx = make_ctx({**STAYING, **PAYS, "money.hourly_rate": 30, "money.target_rate": 60}, lang)
    assert ctx.verdict == "renegotiate"
    said = "This client pays you " if lang == "en" else "Ce client vous paie "
    assert f"{said}{share} " in ctx.reasons[0]


@pytest.mark.parametrize(("lang", "replaced"), [("en", "50%"), ("fr", "50\u00a0%")])
def test_the_summary_writes_every_percentage_as_its_language_does(lang, replaced):
    text = summary_markdown(build_summary_input(BANK, record({**LEAVING, **PAYS}), lang))
    assert f" {replaced} " in text  # what the leads are counted as replacing
    assert_percent_spacing(text, lang)


@pytest.mark.parametrize(
    ("lang", "share", "rate"),
    [("en", "35%", "8.5% a year"), ("fr", "35\u00a0%", "8,5\u00a0% par an")],
)
def test_answers_and_the_shares_chart_write_percentages_as_each_language_does(lang, share, rate):
    from clientcheck.bank.answers import answer_label
    from clientcheck.outputs.money_charts import shares_figure

    assert answer_label(BANK.question("situation.income_share"), 35, lang) == share
    assert answer_label(BANK.question("money.waiting_rate"), 8.5, lang) == rate
    figure = shares_figure(["Acme"], [35.2], lang)
    assert figure.data[0].text == (share,)
    assert figure.layout.xaxis.ticksuffix == share.removeprefix("35")


@pytest.mark.parametrize("lang", LANGS)
def test_no_rate_review_is_proposed_under_a_verdict_to_leave(lang):
    # Two walks: "a rate review is worth proposing" under *Let go* (and under *Plan your
    # exit* after a threat). The money box states the gap; proposing a review is the stay
    # path's review sentence alone.
    data = build_summary_input(BANK, record({**LEAVING, **PAYS}), lang)
    assert data.ctx.verdict in ("let_go", "plan_exit")
    text = summary_markdown(data)
    gap = {"en": "an hour less than your target.", "fr": "de l'heure de moins que votre objectif."}
    worth = {"en": "worth proposing", "fr": "mérite d'être proposée"}
    assert gap[lang] in text and worth[lang] not in text, text
    assert review_sentence(data.ctx) is None
