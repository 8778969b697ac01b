"""Dates a draft states: counted from the day it is prepared, never earlier, on working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clientcheck.guidance.dates import (
    draft_dates,
    is_working_day,
    notice_end,
    rates_start,
)
from clientcheck.guidance.letters import MessageDetails
from clientcheck.guidance.messages import TONES, message_dates, render_message
from clientcheck.guidance.render import format_date
from tests.support.contexts import ASSESSED_ON, make_ctx

WHERE = ("fr", "uk", "eu", "other")


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
def test_days_overdue_and_the_pay_by_date_follow_the_preparation_day(tone):
    details = MessageDetails(
        invoice_number="2026-014",
        invoice_due=date(2026, 11, 1),
        overdue_amount=1500,
        prepared_on=date(2026, 12, 7),
    )
    body = render_message("payment_terms", tone, make_ctx({}), details).body
    assert "36 days overdue" in body
    assert "21 December 2026" in body
