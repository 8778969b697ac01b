"""The rate review: when to propose new rates, which rate, from when; the rates drafts quote.

A business rule over the engine's money figures, in words for the drafts, the
results page and the summaries. Plain Python.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from clientcheck.bank.answers import Answer
from clientcheck.engine import money
from clientcheck.guidance.advice import small_share
from clientcheck.guidance.dates import rates_start, working_day_on_or_before
from clientcheck.guidance.draft_facts import overdue_now, threat_made
from clientcheck.guidance.moneytext import letter_amount, letter_hourly, money_word
from clientcheck.guidance.render import RATE_RULES, AssessmentContext, format_date

# The verdicts that keep the client (the stay path): a rate review fits there.
STAY_VERDICTS = ("keep", "keep_boundaries", "renegotiate")
# A rise above this share is proposed in two steps, the full rate six months after the first.
STEP_ABOVE = 0.20
STEP_MONTHS = 6
_PER = {
    "hourly": "per_hour_word",
    "daily": "per_day_word",
    "monthly": "per_month_word",
    "job": "per_job_word",
}
# A proposed rate reads as chosen, not computed: a whole unit an hour, a multiple of 5 a
# day or a job, of 10 a month; rounded up, but never above the target the user gave.
ROUND_TO = {"hourly": 1, "daily": 5, "monthly": 10, "job": 5}
# A client asked to agree to new rates answers at least two weeks before they start.
REPLY_DAYS_BEFORE = 14


def round_rate(value: float, basis: str) -> float:
    """Round a proposed rate up to a figure a person would choose: 417.5 a day -> 420."""
    step = ROUND_TO.get(basis, 1)
    return math.ceil(round(value, 6) / step) * step


def round_down_rate(value: float, basis: str) -> float:
    """Round a ceiling down to a figure a person would choose: 437.5 a day -> 435."""
    step = ROUND_TO.get(basis, 1)
    return math.floor(round(value, 6) / step) * step


def reply_by(effective_on: date) -> date:
    """The day a client is asked to answer by: a working day two weeks before the new rates."""
    return working_day_on_or_before(effective_on - timedelta(days=REPLY_DAYS_BEFORE))


@dataclass(frozen=True)
class RateReview:
    """What a "new rates" draft proposes: the current and new rate, and from when."""

    basis: str | None  # hourly | daily | monthly
    current: str  # the current rate in words, "" when unknown
    proposed: str  # the proposed rate in words, "" when unknown
    effective_on: date
    notice_days: int
    effective_hourly: str  # what the client pays per hour worked, "" when unknown
    target: str  # the user's target hourly rate in words, "" when unknown
    hourly: str  # the user's hourly rate for extra work ("€60 an hour"), "" when unknown
    # True when ``hourly`` is the client's current rate (per hour), not the user's target.
    hourly_is_current: bool = False
    # A large rise in two steps: the first step's rate in words ("" for a single step),
    # from ``effective_on``, and the day the full ``proposed`` rate starts.
    step: str = ""
    full_on: date | None = None
    reply_by: date | None = None  # answer by: two weeks (or more) before ``effective_on``
    below_usual: bool = False  # the user said this client pays below their usual rate
    # The new rate is the target itself, and the time not billed still leaves the client
    # under the target an hour: the results say so rather than "reaches your target".
    short: bool = False


# The answers to "what does this client pay, against your usual rate?" that call for new rates.
BELOW_USUAL = ("far_below", "below")


def rate_review_due(ctx: AssessmentContext) -> bool:
    """True on the stay path when the client pays below the stated target, or below the
    user's usual rate."""
    if ctx.verdict not in STAY_VERDICTS:
        return False
    below_usual = ctx.answers.get("situation.usual_rate") in BELOW_USUAL
    return below_usual or money.rate_view(ctx.answers).below_target is True


def _target_on_basis(answers: Mapping[str, Answer], basis: str) -> float | None:
    """The target hourly rate on the client's basis (same hours), when it can be said."""
    target = money.rate_view(answers).target
    if target is None:
        return None
    if basis == "hourly":
        return target.value
    hours = money.billed_hours(answers)
    if basis in money.Q_UNIT_HOURS:
        each = answers.get(money.Q_UNIT_HOURS[basis])
        return target.value * each if isinstance(each, int | float) and each > 0 else None
    return target.value * hours.value if hours is not None and hours.value > 0 else None


def proposed_value(answers: Mapping[str, Answer]) -> float | None:
    """The new rate on the client's basis: the one reaching the target, rounded up
    (``round_rate``), never above the target itself on that basis (rounded down): the
    drafts and the results page show the same figure.

    When the effective rate cannot be worked out (hours unknown), the target itself on
    the same basis, if the client pays less than that. None when the target on the
    client's basis is no more than what they pay already (unbilled time is the gap).
    """
    return _proposal(answers)[0]


def _proposal(answers: Mapping[str, Answer]) -> tuple[float | None, bool]:
    """The new rate (``proposed_value``), and whether it is held at the target itself while
    the time not billed still leaves the client under the target an hour (a user: "$95
    would bring this client up to your target" left $78 an hour once unbilled hours
    counted)."""
    basis, paid = money.pay_basis(answers), money.rate(answers)
    if basis is None or paid is None:
        return None, False
    figure = money.proposed_rate(answers)
    value = figure.value if figure is not None else None
    if value is None and money.rate_view(answers).compared is None:
        fallback = _target_on_basis(answers, basis)
        value = fallback if fallback is not None and fallback > paid.value else None
    if value is None:
        return None, False
    value = round_rate(value, basis)
    ceiling = _target_on_basis(answers, basis)
    held = False
    if ceiling is not None:
        held = figure is not None and round_down_rate(ceiling, basis) < value
        value = min(value, round_down_rate(ceiling, basis))
    return (value if value > paid.value else None), held


def step_value(current: float, proposed: float, basis: str) -> float | None:
    """The first step of a rise above ``STEP_ABOVE``: halfway, rounded up; None for a small one."""
    if current <= 0 or proposed <= current * (1 + STEP_ABOVE):
        return None
    return round_rate(current + (proposed - current) / 2, basis)


def months_later(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month (``day`` is a first of month)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def current_hourly_rate(answers: Mapping[str, Answer]) -> float | None:
    """The client's current rate per hour: the hourly rate, or a day rate over the day's
    hours (£350 for a 7-hour day -> £50). None when it cannot be said."""
    paid, basis = money.rate(answers), money.pay_basis(answers)
    if paid is None or paid.value <= 0:
        return None
    if basis == "hourly":
        return paid.value
    # A day's price over its hours is a rate per hour the client will recognise; a job's is
    # not (they agreed a price per job, not per hour): extras are then quoted per job.
    day = answers.get(money.Q_DAY_HOURS)
    if basis == "daily" and isinstance(day, int | float) and not isinstance(day, bool) and day > 0:
        return round(paid.value / day, 2)
    return None


def extra_hourly_rate(answers: Mapping[str, Answer]) -> float | None:
    """The hourly rate to bill extra meetings and reports on existing work: the client's
    current rate per hour, never the target they have not agreed to; the target only when
    no current rate is known at all."""
    current = current_hourly_rate(answers)
    if current is not None:
        return current
    if money.rate(answers) is not None:
        return None  # a rate exists but not per hour: "my hourly rate", no figure
    target = money.rate_view(answers).target
    return target.value if target is not None and target.value > 0 else None


def rate_review(
    answers: Mapping[str, Answer],
    prepared_on: date,
    lang: str,
    notice_weeks: int | None = None,
    currency: str | None = None,
) -> RateReview:
    """Propose new rates: the target reached on the same basis, from the first of a month.

    The new rates start on the first day of the month after the notice: the contract's
    notice when given and longer than a month, else one month, counted from the day the
    message is prepared.
    """
    view = money.rate_view(answers)
    basis = money.pay_basis(answers)
    cur = currency or view.currency  # a draft uses the drafts' currency (see messages)
    paid = money.rate(answers)
    suffix = f" {money_word(_PER[basis], lang)}" if basis else ""
    current = f"{letter_amount(paid.value, lang, cur)}{suffix}" if paid and basis else ""
    value, short = _proposal(answers)
    proposed = f"{letter_amount(value, lang, cur)}{suffix}" if value is not None else ""
    effective_on = rates_start(prepared_on, notice_weeks)
    extra = extra_hourly_rate(answers)
    per_hour = money_word("per_hour_word", lang)
    first = step_value(paid.value, value, basis) if paid and basis and value is not None else None
    step = f"{letter_amount(first, lang, cur)}{suffix}" if first is not None else ""
    # Far below the usual rate with no figures: the plan offers two steps, so the draft has
    # them too, as fields (a reading, ee17 and ef02: "two steps" in the plan, one in the draft).
    # Not for a client who brings very little: one step, from the next job (a reading, ek09:
    # a 2 % client kept below minimum wage for eight more months).
    unknown = value is None or not (paid and basis)
    far_below = answers.get("situation.usual_rate") == "far_below"
    if not step and unknown and far_below and not small_share(answers):
        step = money_word("first_step_field", lang)
    return RateReview(
        basis=basis,
        current=current,
        proposed=proposed,
        effective_on=effective_on,
        notice_days=(effective_on - prepared_on).days,
        effective_hourly=(
            letter_hourly(view.compared.value, lang, cur) if view.compared is not None else ""
        ),
        target=letter_hourly(view.target.value, lang, cur) if view.target is not None else "",
        hourly=f"{letter_amount(extra, lang, cur)} {per_hour}" if extra is not None else "",
        hourly_is_current=current_hourly_rate(answers) is not None,
        step=step,
        full_on=months_later(effective_on, STEP_MONTHS) if step else None,
        reply_by=reply_by(effective_on),
        below_usual=answers.get("situation.usual_rate") in BELOW_USUAL,
        short=short,
    )


def rise_on_hold(ctx: AssessmentContext) -> bool:
    """True when a rate review is due but not to be asked now: the user depends on a client
    who has just threatened them (a user: "the last thing I would do"), or the client owes
    money overdue now and the rate is not what sets the verdict (collect first: a user 95
    days unpaid was offered a rate rise as a third draft)."""
    return rate_review_due(ctx) and (
        (threat_made(ctx) and not ctx.can_leave) or rise_waits_for_payment(ctx)
    )


def rise_waits_for_payment(ctx: AssessmentContext) -> bool:
    """Money is overdue now and something other than the rate sets the verdict."""
    return overdue_now(ctx) and ctx.driver_rule not in RATE_RULES


def review_sentence(ctx: AssessmentContext) -> str | None:
    """Propose a rate review on the stay path when the client pays below the target."""
    if not rate_review_due(ctx):
        return None
    if rise_on_hold(ctx):
        later = "rate_review_after_payment" if rise_waits_for_payment(ctx) else "rate_review_later"
        return money_word(later, ctx.lang)
    notice = ctx.answers.get(money.Q_NOTICE)
    weeks = (
        int(notice) if isinstance(notice, int | float) and not isinstance(notice, bool) else None
    )
    review = rate_review(ctx.answers, ctx.assessed_on, ctx.lang, weeks)
    if not review.proposed:
        return money_word("rate_review_no_rate", ctx.lang)
    when = format_date(review.effective_on, ctx.dates)
    short = "_short" if review.short else ""
    if review.step and review.full_on:  # the draft's two steps, not one
        full_on = format_date(review.full_on, ctx.dates)
        words = {"proposed": review.proposed, "step": review.step, "full_on": full_on}
        return money_word(f"rate_review_steps{short}", ctx.lang, date=when, **words)
    return money_word(f"rate_review{short}", ctx.lang, proposed=review.proposed, date=when)
