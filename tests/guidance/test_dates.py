"""Dates a draft states: counted from the day it is prepared, never earlier, on working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clientcheck.guidance.advice import action_plan
from clientcheck.guidance.dates import (
    draft_dates,
    is_working_day,
    notice_end,
    rates_start,
)
from clientcheck.guidance.letters import MessageDetails
from clientcheck.guidance.messages import TONES, message_dates, render_message
from clientcheck.guidance.render import format_date
from tests.support.contexts import ASSESSED_ON, DEPENDENT, FREE, LATE_PAYER, make_ctx

LATE_PAYER_ASKED = {**FREE, **LATE_PAYER, "late_payment.raised": "no_change"}

WHERE = ("fr", "be", "uk", "eu", "other")


@pytest.mark.parametrize("where", WHERE)
def test_notice_dates_are_never_before_the_contract_notice_from_the_preparation_day(where):
    day = date(2026, 1, 1)
    while day < date(2027, 12, 31):
        for weeks in (1, 2, 4, 6, 13):
            end = notice_end(day, weeks, where)
            assert end >= day + timedelta(weeks=weeks), (day, weeks, end)
            assert end < day + timedelta(weeks=weeks, days=7)
            assert is_working_day(end, where), (day, weeks, end)
            dates = draft_dates(day, where, weeks)
            assert dates.last_day == end
            assert dates.pay_by > day and is_working_day(dates.pay_by, where)
            assert dates.rates_from.day == 1
            assert dates.rates_from >= day + timedelta(days=max(30, weeks * 7))
        day += timedelta(days=3)


def test_no_notice_period_gives_no_last_day():
    assert notice_end(ASSESSED_ON, None) is None and notice_end(ASSESSED_ON, 0) is None
    assert draft_dates(ASSESSED_ON, "fr").last_day is None


def test_a_typed_last_day_earlier_than_the_notice_allows_is_moved_to_the_end_of_the_notice():
    prepared = date(2026, 12, 7)  # a Monday
    dates = draft_dates(prepared, "fr", 4, end_date=date(2026, 12, 18))
    assert dates.last_day == date(2027, 1, 4)  # 4 January 2027: Monday after four weeks
    assert dates.moved == ("end_date",)
    later = draft_dates(prepared, "fr", 4, end_date=date(2027, 1, 15))
    assert later.last_day == date(2027, 1, 15) and later.moved == ()


def test_a_typed_day_off_moves_forward_to_a_working_day():
    dates = draft_dates(
        date(2026, 12, 1), "fr", end_date=date(2027, 1, 1), due_date=date(2026, 12, 25)
    )
    assert dates.last_day == date(2027, 1, 4)
    assert dates.pay_by == date(2026, 12, 28)
    assert dates.moved == ("end_date", "due_date")


def test_a_pay_by_date_in_the_past_gives_way_to_two_weeks_from_the_preparation_day():
    prepared = date(2026, 12, 7)
    dates = draft_dates(prepared, "uk", due_date=date(2026, 12, 1))
    assert dates.pay_by == date(2026, 12, 21) and dates.moved == ("due_date",)
    same_day = draft_dates(prepared, "uk", due_date=prepared)
    assert same_day.pay_by == date(2026, 12, 21)


def test_new_rates_start_on_the_first_of_a_month_at_least_thirty_days_ahead():
    assert rates_start(date(2026, 11, 27)) == date(2027, 1, 1)
    assert rates_start(date(2026, 11, 30)) == date(2027, 1, 1)
    assert rates_start(date(2026, 12, 1)) == date(2027, 1, 1)
    assert rates_start(date(2026, 12, 2)) == date(2027, 2, 1)
    assert rates_start(date(2026, 11, 27), notice_weeks=12) == date(2027, 3, 1)


# --- in the drafts -------------------------------------------------------------------------

NOTICE = {"situation.notice_weeks": 4, "situation.jurisdiction": "fr"}


def test_drafts_count_from_the_day_they_are_prepared_not_the_assessment():
    ctx = make_ctx(NOTICE)
    later = MessageDetails(prepared_on=date(2026, 12, 7))
    dates = message_dates(ctx, later)
    assert dates.prepared_on == date(2026, 12, 7)
    assert dates.last_day == date(2027, 1, 4)
    assert dates.pay_by == date(2026, 12, 21)
    body = render_message("goodbye", "neutral", ctx, later).body
    assert "4 January 2027" in body
    # Prepared "before" the assessment: the assessment day is the earliest it counts from.
    earlier = message_dates(ctx, MessageDetails(prepared_on=ASSESSED_ON - timedelta(days=30)))
    assert earlier.prepared_on == ASSESSED_ON


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("tone", TONES)
def test_every_goodbye_gives_at_least_the_full_notice(tone, lang):
    for start in (date(2026, 11, 27), date(2026, 12, 7), date(2027, 4, 8)):
        details = MessageDetails(prepared_on=start)
        ctx = make_ctx(NOTICE, lang)
        end = notice_end(start, 4, "fr")
        assert end >= start + timedelta(weeks=4)
        body = render_message("goodbye", tone, ctx, details).body
        assert format_date(end, lang) in body, body


@pytest.mark.parametrize("tone", TONES)
def test_the_pay_by_date_follows_the_preparation_day_and_no_day_count_goes_stale(tone):
    details = MessageDetails(
        invoice_number="2026-014",
        invoice_due=date(2026, 11, 1),
        overdue_amount=1500,
        prepared_on=date(2026, 12, 7),
    )
    body = render_message("payment_terms", tone, make_ctx({}), details).body
    # A freelancer's reading: a count of days overdue is out of date the day after the draft
    # is prepared; the due date says the same and stays true.
    assert "was due on 1 November 2026 and is still unpaid" in body, body
    assert "36 days" not in body and "days overdue" not in body
    assert "21 December 2026" in body


# --- a notice period as the contract says it ---------------------------------------------


@pytest.mark.parametrize(
    ("typed", "span", "en", "fr", "last_day"),
    [
        # "2 months" typed (8.69 weeks) is two calendar months, never cut to eight weeks.
        (2 * 4.345, (2, "month"), "2 months", "2\u00a0mois", date(2027, 2, 4)),
        # A month typed as 4.3 or 4.35 weeks, as people round it.
        (4.3, (1, "month"), "1 month", "1\u00a0mois", date(2027, 1, 4)),
        (4.35, (1, "month"), "1 month", "1\u00a0mois", date(2027, 1, 4)),
        # Whole weeks stay weeks (13 weeks is not three months: a day longer here).
        (13.0, (13, "week"), "13 weeks", "13\u00a0semaines", date(2027, 3, 5)),
        # "30 days" (30/7 weeks) stays 30 days, not a month.
        (30 / 7, (30, "day"), "30 days", "30\u00a0jours", date(2027, 1, 4)),
        # ... and as it is stored once typed (two decimals: 4.29 weeks).
        (4.29, (30, "day"), "30 days", "30\u00a0jours", date(2027, 1, 4)),
        # Half a week is served in full: four days.
        (0.5, (4, "day"), "4 days", "4\u00a0jours", date(2026, 12, 8)),
    ],
)
def test_a_notice_period_is_counted_and_said_as_the_contract_says_it(typed, span, en, fr, last_day):
    from clientcheck.guidance.dates import notice_end, notice_span, notice_words

    assert notice_span(typed) == span
    assert notice_words(typed, "en") == en and notice_words(typed, "fr") == fr
    # Given on Friday 4 December 2026 in France: never earlier than the full notice.
    assert notice_end(date(2026, 12, 4), typed, "fr") == last_day


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_two_month_notice_reads_the_same_in_the_verdict_the_plan_and_the_goodbye(lang):
    from clientcheck.guidance.advice import action_plan
    from clientcheck.guidance.messages import render_message
    from clientcheck.outputs.exports import on_working_days, summary_why
    from tests.support.contexts import FREE, LEAVING, make_ctx

    answers = {**LEAVING, **FREE, "situation.notice_weeks": 2 * 4.345}
    ctx = on_working_days(make_ctx(answers, lang))
    assert ctx.verdict == "let_go"
    said = {"en": "2 months", "fr": "2\u00a0mois"}[lang]
    # the letter spells a small number out in English, as a letter does
    written = {"en": "two months' notice", "fr": "2\u00a0mois"}[lang]
    day = ctx.last_working_day
    assert day is not None and (day - ctx.assessed_on).days >= 59  # two calendar months
    for text, words in (
        (summary_why(ctx), said),
        ("\n".join(action_plan(ctx)), said),
        (render_message("goodbye", "neutral", ctx).body, written),
    ):
        assert words in text, text
        assert "8.7" not in text and "8,7" not in text and " 8 weeks" not in text


@pytest.mark.parametrize(
    ("weeks", "options", "expected"),
    [
        (2, {"possessive": True, "words": True}, "two weeks'"),
        (1, {"possessive": True, "words": True}, "one week's"),
        (2 * 4.345, {"adjective": True, "words": True}, "two-month"),
        (12, {"possessive": True, "words": True}, "12 weeks'"),
        (2, {"possessive": True}, "2 weeks'"),  # figures where words are not asked for
    ],
)
def test_a_letter_spells_a_short_notice_out_in_english(weeks, options, expected):
    from clientcheck.guidance.dates import notice_words

    assert notice_words(weeks, "en", **options) == expected
    assert notice_words(weeks, "fr", words=True).split("\u00a0")[0].isdigit()  # French: figures


def test_counts_one_to_nine_are_words_in_english_figures_otherwise():
    from clientcheck.i18n import spelled

    assert [spelled(n, "en") for n in (1, 5.0, 9, 10, 24)] == ["one", "five", "nine", "10", "24"]
    assert spelled(5, "fr") == "5" and spelled(2.5, "en") == "2.5"


def test_a_belgian_business_counts_belgian_public_holidays():
    # 21 July (Belgian national day) 2027 is a Wednesday; in France it is a working day.
    assert not is_working_day(date(2027, 7, 21), "be")
    assert is_working_day(date(2027, 7, 21), "fr")
    # 14 July (French national day) is a working day in Belgium.
    assert is_working_day(date(2027, 7, 14), "be") and not is_working_day(date(2027, 7, 14), "fr")


@pytest.mark.parametrize(
    ("days_late", "expected"),
    [
        # Paid 45 days late: new terms need 45 + 30 days before an invoice under them can
        # have fallen due, not the renegotiation's usual 30 (10 February 2027, a Wednesday).
        (45, date(2027, 2, 10)),
        # 70 to 90 days late (a reader: "Check again on 6 January 2027 is too early"): three
        # months at most (Thursday 25 February 2027).
        (80, date(2027, 2, 25)),
        # Five days late: 35 days is New Year's Day, so the next working day, Monday 4 January.
        (5, date(2027, 1, 4)),
    ],
)
def test_a_late_payer_is_checked_again_once_an_invoice_under_the_new_terms_can_be_due(
    days_late, expected
):
    answers = {**LATE_PAYER_ASKED, "late_payment.days_late": days_late}
    ctx = make_ctx(answers)
    assert ctx.verdict == "renegotiate", ctx.verdict
    assert ctx.check_again_on == expected
    assert format_date(expected, "en") in "\n".join(action_plan(ctx))


def test_the_check_date_waits_for_an_invoice_only_when_late_payment_drives_the_verdict():
    # The same slow payer, but the verdict is set by scope creep raised in vain: the usual
    # 30 days (a working day), not the late payer's wait.
    answers = {
        **FREE,
        "late_payment.days_late": 80,
        "demanding.trend": "more",
        "demanding.raised": "no_change",
    }
    ctx = make_ctx(answers)
    assert ctx.verdict == "renegotiate" and ctx.driver_sign == "demanding", ctx.driver_sign
    assert ctx.check_again_on == date(2026, 12, 29)
    # A plan to leave checks on the search for other work, at its own date.
    exit_ctx = make_ctx({**LATE_PAYER_ASKED, **DEPENDENT, "late_payment.unpaid_90": "once"})
    assert exit_ctx.verdict in ("plan_exit", "let_go")
    assert exit_ctx.check_again_on - ASSESSED_ON <= timedelta(days=35)
