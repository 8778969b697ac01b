"""The money formulas: effective rate, cost of waiting, concentration, months after leaving."""

from __future__ import annotations

from datetime import date

import pytest

from clientcheck.engine import money, runway
from clientcheck.engine.money import (
    Q_BASIS,
    Q_DAY_HOURS,
    Q_DAYS_LATE,
    Q_INVOICES_TOTAL,
    Q_JOB_HOURS,
    Q_LATE_INVOICES,
    Q_NOTICE,
    Q_PIPELINE,
    Q_SAVINGS,
    Q_TARGET,
    Q_UNBILLED,
    Q_WAITING_RATE,
    WEEKS_PER_MONTH,
)
from clientcheck.guidance.moneytext import amount_text

Q_RATE = "money.hourly_rate"
Q_BILLED = "money.billed_hours"
Q_DAY_RATE, Q_DAYS = "money.day_rate", "money.billed_days"
Q_MONTHLY, Q_WORKED = "money.monthly_amount", "money.worked_hours"

# 60/h for 80 billed hours a month, 3 unbilled hours a week (13 a month).
HOURLY = {Q_BASIS: "hourly", Q_RATE: 60, Q_BILLED: 80, Q_UNBILLED: 3}
HOURS = 80 + 3 * WEEKS_PER_MONTH


def test_effective_rate_spreads_fees_over_billed_and_unbilled_hours():
    figure = money.effective_rate(HOURLY)
    assert figure is not None
    assert figure.value == pytest.approx(60 * 80 / HOURS)
    assert figure.value < 60
    assert set(figure.sources) == {Q_BASIS, Q_RATE, Q_BILLED, Q_UNBILLED}


def test_no_unbilled_hours_means_the_billed_rate():
    figure = money.effective_rate({**HOURLY, Q_UNBILLED: 0})
    assert figure is not None and figure.value == pytest.approx(60)


def test_day_rate_counts_days_at_the_stated_hours_a_day():
    answers = {Q_BASIS: "daily", Q_DAY_RATE: 400, Q_DAYS: 10, Q_DAY_HOURS: 8, Q_UNBILLED: 0}
    assert money.monthly_fees(answers).value == 4000
    assert money.billed_hours(answers).value == 80
    assert money.effective_rate(answers).value == pytest.approx(50)
    assert Q_DAY_HOURS in money.effective_rate(answers).sources


def test_a_price_per_job_counts_jobs_at_the_stated_hours_a_job():
    # An illustrator paid 400 a drawing, 3 drawings a month, 10 hours each, 2 unbilled a week.
    answers = {Q_BASIS: "job", "money.job_rate": 400, "money.jobs": 3, Q_JOB_HOURS: 10}
    assert money.monthly_fees(answers).value == 1200
    assert money.billed_hours(answers).value == 30
    assert money.effective_rate({**answers, Q_UNBILLED: 0}).value == pytest.approx(40)
    busy = money.effective_rate({**answers, Q_UNBILLED: 2})
    assert busy.value == pytest.approx(1200 / (30 + 2 * WEEKS_PER_MONTH))
    assert {Q_JOB_HOURS, "money.jobs", "money.job_rate"} <= set(busy.sources)
    # Without the hours a job takes: the fees, but no rate per hour.
    del answers[Q_JOB_HOURS]
    assert money.monthly_fees(answers).value == 1200
    assert money.effective_rate({**answers, Q_UNBILLED: 0}) is None


def test_day_rate_without_hours_a_day_gives_no_rate_but_gives_fees():
    answers = {Q_BASIS: "daily", Q_DAY_RATE: 400, Q_DAYS: 10, Q_UNBILLED: 0}
    assert money.monthly_fees(answers).value == 4000
    assert money.billed_hours(answers) is None
    assert money.effective_rate(answers) is None


def test_fixed_monthly_amount_needs_no_billed_count_for_fees():
    answers = {Q_BASIS: "monthly", Q_MONTHLY: 3000, Q_UNBILLED: 5}
    assert money.monthly_fees(answers).value == 3000
    assert money.monthly_fees(answers).sources == (Q_BASIS, Q_MONTHLY)
    assert money.effective_rate(answers) is None  # hours worked not given
    with_hours = {**answers, Q_WORKED: 40}
    assert money.effective_rate(with_hours).value == pytest.approx(
        3000 / (40 + 5 * WEEKS_PER_MONTH)
    )


def test_zero_hours_gives_no_rate_rather_than_a_division_by_zero():
    assert money.effective_rate({**HOURLY, Q_BILLED: 0, Q_UNBILLED: 0}) is None
    assert money.effective_rate_after_waiting({**HOURLY, Q_BILLED: 0, Q_UNBILLED: 0}) is None


def test_no_fees_gives_a_rate_of_zero():
    figure = money.effective_rate({**HOURLY, Q_RATE: 0})
    assert figure is not None and figure.value == 0


@pytest.mark.parametrize(
    "missing", [Q_BASIS, Q_RATE, Q_BILLED, Q_UNBILLED], ids=lambda q: q.split(".")[-1]
)
def test_a_missing_answer_gives_no_effective_rate(missing):
    answers = {k: v for k, v in HOURLY.items() if k != missing}
    assert money.effective_rate(answers) is None


@pytest.mark.parametrize("unknown", ["dont_know", None, "lots", True, float("nan"), -5])
def test_dont_know_and_invalid_values_count_as_missing(unknown):
    assert money.effective_rate({**HOURLY, Q_UNBILLED: unknown}) is None


def test_unknown_basis_gives_no_figure():
    assert money.monthly_fees({**HOURLY, Q_BASIS: "weekly"}) is None


def test_huge_values_stay_finite_and_exact():
    answers = {Q_BASIS: "hourly", Q_RATE: 1e12, Q_BILLED: 744, Q_UNBILLED: 168}
    figure = money.effective_rate(answers)
    assert figure.value == pytest.approx(1e12 * 744 / (744 + 168 * WEEKS_PER_MONTH))
    after = money.effective_rate_after_waiting(
        {**answers, Q_LATE_INVOICES: 10, Q_DAYS_LATE: 365, Q_WAITING_RATE: 1000}
    )
    # Waiting a year at 1000 % costs ten times the fees: the rate goes negative, honestly.
    assert after.value == pytest.approx(figure.value * (1 - 10))


# --- cost of waiting -------------------------------------------------------------------


LATE = {Q_LATE_INVOICES: 5, Q_DAYS_LATE: 73, Q_WAITING_RATE: 10}


def test_waiting_cost_is_fees_times_share_late_times_days_times_rate():
    cost = money.waiting_cost({**HOURLY, **LATE})
    # 4800 a month, half the invoices late, 73 days = 0.2 year, 10 % a year.
    assert cost.value == pytest.approx(4800 * 0.5 * 0.2 * 0.10)
    assert set(cost.sources) >= {Q_LATE_INVOICES, Q_DAYS_LATE, Q_WAITING_RATE, Q_RATE}


def test_rate_after_waiting_takes_the_cost_off_the_fees():
    after = money.effective_rate_after_waiting({**HOURLY, **LATE})
    assert after.value == pytest.approx((4800 - 48) / HOURS)
    assert Q_WAITING_RATE in after.sources and Q_UNBILLED in after.sources


def test_late_share_uses_the_stated_total_when_given():
    share = money.late_share({Q_LATE_INVOICES: 3, Q_INVOICES_TOTAL: 4})
    assert share.value == pytest.approx(0.75)
    assert share.sources == (Q_LATE_INVOICES, Q_INVOICES_TOTAL)
    assert money.late_share({Q_LATE_INVOICES: 3}).value == pytest.approx(0.3)
    assert money.late_share({Q_LATE_INVOICES: 3, Q_INVOICES_TOTAL: 0}) is None


def test_no_late_invoices_costs_nothing_without_asking_days_or_rate():
    cost = money.waiting_cost({**HOURLY, Q_LATE_INVOICES: 0})
    assert cost is not None and cost.value == 0
    assert Q_DAYS_LATE not in cost.sources


def test_waiting_cost_needs_the_stated_annual_rate():
    answers = {**HOURLY, Q_LATE_INVOICES: 5, Q_DAYS_LATE: 30}
    assert money.waiting_cost(answers) is None
    assert money.effective_rate_after_waiting(answers) is None
    assert money.effective_rate(answers) is not None


def test_waiting_cost_needs_days_late():
    assert money.waiting_cost({**HOURLY, Q_LATE_INVOICES: 5, Q_WAITING_RATE: 10}) is None


# --- the view against the target ---------------------------------------------------------


def test_view_compares_the_rate_after_waiting_with_the_target():
    view = money.rate_view({**HOURLY, **LATE, Q_TARGET: 55})
    assert view.compared is view.after_waiting
    assert view.below_target is True
    assert view.gap.value == pytest.approx(55 - view.after_waiting.value)


def test_view_without_waiting_figures_compares_the_effective_rate():
    view = money.rate_view({**HOURLY, Q_TARGET: 40})
    assert view.after_waiting is None
    assert view.compared is view.effective
    assert view.below_target is False


def test_view_without_a_target_says_nothing_about_it():
    view = money.rate_view(HOURLY)
    assert view.below_target is None and view.gap is None
    assert view.shown


def test_empty_answers_show_nothing():
    view = money.rate_view({})
    assert not view.shown
    assert view.currency is None


@pytest.mark.parametrize("code", ["EUR", "GBP", "USD", "CHF", "CAD"])
def test_other_currencies_change_the_words_not_the_figures(code):
    answers = {**HOURLY, "situation.currency": code}
    view = money.rate_view(answers)
    assert view.currency == code
    assert view.effective.value == money.rate_view(HOURLY).effective.value


def test_unknown_currency_is_not_guessed():
    assert money.currency({"situation.currency": "XYZ"}) is None
    assert amount_text(1500, "en", None) == "1,500"
    assert amount_text(1500.456, "fr", None) == "1\u202f500,46"


@pytest.mark.parametrize(
    ("code", "lang", "text"),
    [
        ("EUR", "en", "€1,500"),
        ("EUR", "fr", "1\u202f500\u00a0€"),
        ("GBP", "en", "£52.17"),
        ("CHF", "en", "CHF\u00a052.17"),
    ],
)
def test_amount_text_writes_the_currency(code, lang, text):
    value = 1500 if code == "EUR" else 52.1739
    assert amount_text(value, lang, code) == text


def test_proposed_rate_meets_the_target_on_the_same_basis():
    answers = {**HOURLY, Q_TARGET: 60}
    proposed = money.proposed_rate(answers)
    assert proposed is not None
    # The new hourly rate brings the effective rate up to 60 with the same hours.
    new = money.effective_rate({**answers, Q_RATE: proposed.value})
    assert new.value == pytest.approx(60)
    assert money.proposed_rate({**HOURLY, Q_TARGET: 10}) is None
    assert money.proposed_rate(HOURLY) is None


# --- concentration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "band"),
    [(0, "spread"), (24.9, "spread"), (25, "notable"), (40, "notable"), (40.1, "concentrated")],
)
def test_concentration_bands(share, band):
    assert runway.concentration_band(share) == band


def test_concentration_names_the_largest_client_and_its_band():
    view = runway.concentration(
        [
            ("A", {"situation.income_share": 45}),
            ("B", {"situation.income_share": 20}),
            ("C", {}),
        ]
    )
    assert view.largest.name == "A"
    assert view.band == "concentrated"
    assert view.shares[2].share is None
    assert view.stated_total == 65
    assert not view.over_100


def test_concentration_flags_shares_over_100_percent():
    view = runway.concentration(
        [("A", {"situation.income_share": 70}), ("B", {"situation.income_share": 50})]
    )
    assert view.over_100


def test_concentration_without_answers_has_no_band():
    view = runway.concentration([("A", {}), ("B", {"situation.income_share": "dont_know"})])
    assert view.largest is None and view.band is None


# --- if you let go -------------------------------------------------------------------------

START = date(2026, 11, 27)
EXIT = {Q_SAVINGS: 3, Q_NOTICE: 0, Q_PIPELINE: "none"}


def test_savings_run_out_after_the_months_stated_without_notice_or_work():
    projection = runway.exit_projection(EXIT, START)
    assert projection.runs_out == 3
    assert projection.runs_out_on() == date(2027, 1, 1)
    assert [round(m.savings_left, 6) for m in projection.months[:4]] == [2, 1, 0, 0]
    assert projection.months[3].uncovered == pytest.approx(1)
    assert not projection.in_money


def test_notice_period_income_delays_the_drawdown():
    # 13 weeks of notice = 3 months paid by the client.
    projection = runway.exit_projection({**EXIT, Q_NOTICE: 13}, START)
    assert [round(m.client_income, 6) for m in projection.months[:4]] == [1, 1, 1, 0]
    assert projection.runs_out == 6


def test_a_notice_of_30_days_fills_its_month_without_rounding_crumbs():
    # A user's walk: 30 days (4.29 weeks, 0.99 of a month) left "From new work: £12, From
    # savings: £12" in the first month and "Not covered: £12" months later.
    projection = runway.exit_projection({**EXIT, Q_NOTICE: 4.29, Q_PIPELINE: "some"}, START)
    first, second = projection.months[:2]
    assert (first.client_income, first.new_work, first.drawn) == (1, 0, 0)
    assert second.client_income == 0 and second.new_work == pytest.approx(0.5)
    assert all(m.uncovered in (0,) or m.uncovered >= 0.4 for m in projection.months)
    # Two weeks are half a month, not a whole one, and a whole week short is not a month.
    assert runway.exit_projection({**EXIT, Q_NOTICE: 2}, START).months[0].client_income < 0.5
    assert runway.exit_projection({**EXIT, Q_NOTICE: 3.3}, START).months[0].client_income < 0.8


def test_work_lined_up_stretches_the_savings():
    projection = runway.exit_projection({**EXIT, Q_PIPELINE: "some"}, START)
    assert projection.months[0].new_work == pytest.approx(0.5)
    assert projection.runs_out == 6
    assert runway.exit_projection({**EXIT, Q_PIPELINE: "plenty"}, START).runs_out is None


def test_no_savings_and_nothing_lined_up_runs_out_in_the_first_month():
    projection = runway.exit_projection({**EXIT, Q_SAVINGS: 0}, START)
    assert projection.runs_out == 1


def test_savings_that_last_the_year_never_run_out():
    projection = runway.exit_projection({**EXIT, Q_SAVINGS: 24}, START)
    assert projection.runs_out is None
    assert projection.months[-1].savings_left == pytest.approx(12)
    assert len(projection.months) == 12


def test_projection_is_in_money_when_the_fees_are_known():
    projection = runway.exit_projection({**EXIT, **HOURLY, "situation.currency": "GBP"}, START)
    assert projection.in_money
    assert projection.monthly_fees == 4800
    assert projection.months[0].savings_left == pytest.approx(2 * 4800)
    assert Q_RATE in projection.sources


def test_projection_months_follow_the_calendar():
    projection = runway.exit_projection(EXIT, date(2026, 12, 5))
    assert [m.starts_on for m in projection.months[:2]] == [date(2026, 12, 1), date(2027, 1, 1)]
    assert projection.months[-1].starts_on == date(2027, 11, 1)


@pytest.mark.parametrize("missing", [Q_SAVINGS, Q_NOTICE, Q_PIPELINE])
def test_projection_needs_savings_notice_and_pipeline(missing):
    answers = {k: v for k, v in EXIT.items() if k != missing}
    assert runway.exit_projection(answers, START) is None
    assert runway.exit_projection({**EXIT, missing: "dont_know"}, START) is None


def test_projection_sources_name_the_answers_used():
    projection = runway.exit_projection(EXIT, START)
    assert set(projection.sources) == {Q_SAVINGS, Q_NOTICE, Q_PIPELINE}


def test_only_the_answers_of_the_chosen_basis_count():
    # Answers left over from another basis (the user changed their mind) are ignored.
    answers = {**HOURLY, Q_DAY_RATE: 999, Q_DAYS: 20, Q_DAY_HOURS: 8}
    assert money.monthly_fees(answers).value == 4800
    daily = {**answers, Q_BASIS: "daily"}
    assert money.monthly_fees(daily).value == 999 * 20
    assert Q_RATE not in money.effective_rate(daily).sources


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_projection_says_what_it_counts_the_savings_as(lang):
    # A user read "for the 4 months you said they would last" above "your savings would
    # run out in month 8": the savings are months of this client's fees, said in money,
    # and other work covering half makes them last longer.
    from clientcheck.guidance.moneytext import exit_sentences

    answers = {
        "situation.savings_months": 4.0,
        "situation.pipeline": "some",
        "situation.notice_weeks": 0.0,
        "money.pay_basis": "monthly",
        "money.monthly_amount": 1800.0,
    }
    projection = runway.exit_projection(answers, date(2026, 12, 6))
    assert projection is not None and projection.runs_out == 8
    how, runs_out = exit_sentences(projection, lang, "Some leads", 4.0, "USD")
    assert ("$7,200" if lang == "en" else "7\u202f200\u00a0$US") in how
    assert "you said they would last" not in how
    assert ("(some leads)" in how) or lang == "fr"
    assert ("With no notice period" if lang == "en" else "Sans préavis") in how
    assert "8" in runs_out
    noticed = runway.exit_projection({**answers, "situation.notice_weeks": 4.33}, date(2026, 12, 6))
    assert noticed is not None
    first = exit_sentences(noticed, lang, "Some leads", 4.0, "USD")[0]
    assert ("notice period (1 month)" if lang == "en" else "préavis (1\u00a0mois)") in first
