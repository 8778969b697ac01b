"""The dates a message states: last working day, pay-by date, when new rates start.

Plain Python, shared by the drafts, the action plan and the summaries. Every date is
counted from the day the message is prepared (the assessment day unless the user says
otherwise), is never earlier than the rule allows, and lands on a working day of the
client's jurisdiction: France, England, or both when it is unknown.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

from clientcheck.i18n import spelled

JURISDICTIONS = ("fr", "be", "uk", "eu", "other")
# Where the app knows the late-payment law (its advice, drafts and claim cite it).
LAW_JURISDICTIONS = ("fr", "be", "uk", "eu")
PAY_WITHIN_DAYS = 14  # a pay-by date the user did not type: two weeks after preparing
MIN_RATE_NOTICE_DAYS = 30  # new rates start at least a month after the message
MIN_TERMS_NOTICE_DAYS = 14  # a new charge (extra calls billed) starts at least two weeks later


def jurisdiction_of(answers: Mapping[str, object]) -> str:
    """Return "fr", "be", "uk", "eu" or "other" from the answers ("other" when unanswered)."""
    chosen = answers.get("situation.jurisdiction")
    return chosen if isinstance(chosen, str) and chosen in JURISDICTIONS else "other"


@cache
def _public_holidays(where: str, year: int) -> frozenset[date]:
    """Public holidays of France, Belgium, England or France and England (unknown)."""
    days: set[date] = set()
    if where == "be":
        return frozenset(holidays.country_holidays("BE", years=year))
    if where in ("fr", "eu", "other"):
        days |= set(holidays.country_holidays("FR", years=year))
    if where in ("uk", "eu", "other"):
        days |= set(holidays.country_holidays("GB", subdiv="ENG", years=year))
    return frozenset(days)


def is_working_day(day: date, where: str = "other") -> bool:
    """False on weekends and on public holidays of the jurisdiction (France and UK if unknown)."""
    return day.weekday() < 5 and day not in _public_holidays(where, day.year)


def working_day_on_or_before(day: date, where: str = "other") -> date:
    """Move ``day`` back to the nearest working day (never a weekend or public holiday)."""
    while not is_working_day(day, where):
        day -= timedelta(days=1)
    return day


def working_day_on_or_after(day: date, where: str = "other") -> date:
    """Move ``day`` forward to the nearest working day."""
    while not is_working_day(day, where):
        day += timedelta(days=1)
    return day


# A check date for a client who pays late waits until an invoice sent under the new terms
# can have fallen due: the usual delay plus a month, three months at most (a reader: "Check
# again on 6 January 2027 is too early for a client who takes 70 to 90 days to pay").
SLOW_PAYER_EXTRA_DAYS = 30
SLOW_PAYER_MAX_DAYS = 90


def check_again_on(
    assessed_on: date, days: int, answers: Mapping[str, object], *, waits_for_an_invoice: bool
) -> date:
    """The day to run the check again: ``days`` after the assessment, later for a late payer
    whose new terms need an invoice to fall due (``waits_for_an_invoice``), and always a
    working day of the client's jurisdiction (never a Sunday in Christmas week)."""
    late = answers.get("late_payment.days_late")
    if waits_for_an_invoice and isinstance(late, int | float) and not isinstance(late, bool):
        wait = min(SLOW_PAYER_MAX_DAYS, math.ceil(late) + SLOW_PAYER_EXTRA_DAYS)
        days = max(days, wait)
    return working_day_on_or_after(assessed_on + timedelta(days=days), jurisdiction_of(answers))


# The notice question takes weeks, or days and months as a contract writes them
# (questions/situation.toml: a month is 4.345 weeks, a day 1/7).
MONTH_WEEKS = 4.345


def notice_span(weeks: float) -> tuple[int, str]:
    """A notice period as its contract says it: (2, "month"), (4, "week") or (30, "day").

    Whole weeks stay weeks, whole days days (30 days is not a month); anything within
    1.5 % of whole months is months ("4.3 weeks", "8.7 weeks" or "2 months" typed).
    """
    if abs(weeks - round(weeks)) < 0.01:
        return round(weeks), "week"
    # "30 days" is stored as 4.29 weeks (two decimals): 30.03 days is still 30 days (a
    # user's walk read "1 month's notice" and a last day one day late), where a month
    # typed as 4.3 weeks (30.1 days) stays a month.
    if abs(weeks * 7 - round(weeks * 7)) < 0.05:
        return round(weeks * 7), "day"
    months = round(weeks / MONTH_WEEKS)
    if months >= 1 and abs(weeks - months * MONTH_WEEKS) <= 0.015 * months * MONTH_WEEKS:
        return months, "month"
    return max(math.ceil(weeks * 7 - 0.01), 1), "day"


_NOTICE_WORDS = {
    "en": {"month": ("month", "months"), "week": ("week", "weeks"), "day": ("day", "days")},
    "fr": {"month": ("mois", "mois"), "week": ("semaine", "semaines"), "day": ("jour", "jours")},
}


def notice_words(
    weeks: float,
    lang: str,
    possessive: bool = False,
    adjective: bool = False,
    words: bool = False,
) -> str:
    """A notice period in words, as its contract says it: "2 months", "4 semaines".

    In English, ``possessive`` gives "1 month's" or "4 weeks'" (as in "4 weeks' notice")
    and ``adjective`` "2-month" (as in "the 2-month notice period"); ``words`` spells
    one to nine out, as a letter does ("two weeks' notice").
    """
    count, unit = notice_span(weeks)
    number = spelled(count, lang) if words else str(count)
    one, many = _NOTICE_WORDS.get(lang, _NOTICE_WORDS["en"])[unit]
    if adjective and lang == "en":
        return f"{number}-{one}"
    word = one if count == 1 else many
    if possessive and lang == "en":
        word = word + "'s" if count == 1 else word + "'"
    return f"{number}\u00a0{word}" if lang == "fr" else f"{number} {word}"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def notice_end(given_on: date, weeks: float | None, where: str = "other") -> date | None:
    """The last working day of a notice given on ``given_on``; None without a notice period.

    Never earlier than the notice after ``given_on`` (in calendar months when the contract
    counts in months: two months is never cut to eight weeks): when that day is a weekend
    or a public holiday, the last working day is the next working day, so the notice is
    always served in full.
    """
    if not weeks or weeks <= 0:
        return None
    count, unit = notice_span(weeks)
    if unit == "month":
        end = add_months(given_on, count)
    else:
        end = given_on + timedelta(days=count * 7 if unit == "week" else count)
    return working_day_on_or_after(end, where)


def default_pay_by(prepared_on: date, where: str = "other") -> date:
    """The pay-by date of a reminder: two weeks after it is prepared, on a working day."""
    return working_day_on_or_after(prepared_on + timedelta(days=PAY_WITHIN_DAYS), where)


def rates_start(prepared_on: date, notice_weeks: float | None = None) -> date:
    """When new rates start: the first of the month after the notice (at least 30 days)."""
    days = max(math.ceil((notice_weeks or 0) * 7 - 0.01), MIN_RATE_NOTICE_DAYS)
    after = prepared_on + timedelta(days=days)
    return date(after.year + after.month // 12, after.month % 12 + 1, 1)


def terms_start(prepared_on: date) -> date:
    """When a new charge starts: the first of a month at least two weeks after the message.

    Extra calls and reports billed "from 1 January 2027", never "from now on", so a client
    who had them free has a clear starting point and time to adjust.
    """
    after = prepared_on + timedelta(days=MIN_TERMS_NOTICE_DAYS)
    if after.day == 1:
        return after
    return date(after.year + after.month // 12, after.month % 12 + 1, 1)


@dataclass(frozen=True)
class DraftDates:
    """Every date a draft may state, worked out from the day it is prepared."""

    prepared_on: date
    last_day: date | None  # the last working day, when there is a notice or a typed end
    pay_by: date
    rates_from: date
    terms_from: date  # a new charge's first day: the first of a month, two weeks or more ahead
    # Typed dates that had to move: "end_date" earlier than the notice allows (or not a
    # working day), "due_date" not after the day the message is prepared.
    moved: tuple[str, ...] = ()


def draft_dates(
    prepared_on: date,
    where: str = "other",
    notice_weeks: float | None = None,
    end_date: date | None = None,
    due_date: date | None = None,
) -> DraftDates:
    """Work out a draft's dates; a typed date is kept unless it is too early or a day off."""
    moved: list[str] = []
    earliest_end = notice_end(prepared_on, notice_weeks, where)
    last_day = earliest_end
    if end_date is not None:
        floor = earliest_end or working_day_on_or_after(prepared_on, where)
        last_day = max(working_day_on_or_after(end_date, where), floor)
        if last_day != end_date:
            moved.append("end_date")
    pay_by = default_pay_by(prepared_on, where)
    if due_date is not None:
        if due_date > prepared_on:
            pay_by = working_day_on_or_after(due_date, where)
        if pay_by != due_date:
            moved.append("due_date")
    return DraftDates(
        prepared_on=prepared_on,
        last_day=last_day,
        pay_by=pay_by,
        rates_from=rates_start(prepared_on, notice_weeks),
        terms_from=terms_start(prepared_on),
        moved=tuple(moved),
    )
