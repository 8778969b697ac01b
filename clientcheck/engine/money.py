"""What a client really pays: effective hourly rate, cost of waiting, concentration, exit runway.

Plain typed Python over the answers (question id -> answer). Every figure says which
answers it came from; a missing answer gives no figure (``None``), never a guess.
Money never enters the risk or dependency figures, nor the share of questions answered
behind the confidence (a verdict it raises is read with its own confidence): it is context
shown beside the verdict, and it only adds a rate-review suggestion on the stay path.

The Money answers (all optional), by question id:

- ``money.pay_basis``: "hourly" | "daily" | "monthly" (a fixed amount a month) | "job"
  (a set price per job: an article, a design, a project)
- hourly: ``money.hourly_rate`` and ``money.billed_hours`` (a month)
- daily: ``money.day_rate``, ``money.billed_days`` (a month) and ``money.day_hours``
- monthly: ``money.monthly_amount`` and ``money.worked_hours`` (a month)
- job: ``money.job_rate``, ``money.jobs`` (a month) and ``money.job_hours``
- ``money.target_rate``: the hourly rate the user aims for
- ``money.waiting_rate``: what waiting for money costs the user, % a year

Read from elsewhere: ``high_maintenance.unbilled_hours`` (hours a week),
``late_payment.days_late``, ``late_payment.late_invoices`` (of
``late_payment.invoices_total`` when given, else of the last 10),
``situation.savings_months``, ``situation.notice_weeks``, ``situation.pipeline``,
``situation.income_share`` and ``situation.currency``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from clientcheck.bank.answers import DONT_KNOW, Answer
from clientcheck.i18n import CURRENCIES

PAY_BASES: Final = ("hourly", "daily", "monthly", "job")
WEEKS_PER_MONTH: Final = 52 / 12
DAYS_PER_YEAR: Final = 365

Q_BASIS: Final = "money.pay_basis"
Q_RATES: Final = {
    "hourly": "money.hourly_rate",
    "daily": "money.day_rate",
    "monthly": "money.monthly_amount",
    "job": "money.job_rate",
}
Q_BILLED: Final = {
    "hourly": "money.billed_hours",
    "daily": "money.billed_days",
    "monthly": "money.worked_hours",
    "job": "money.jobs",
}
Q_DAY_HOURS: Final = "money.day_hours"
Q_JOB_HOURS: Final = "money.job_hours"
# The hours in one billed unit, for the bases billed by the unit: a day, a job.
Q_UNIT_HOURS: Final = {"daily": Q_DAY_HOURS, "job": Q_JOB_HOURS}
Q_TARGET: Final = "money.target_rate"
Q_WAITING_RATE: Final = "money.waiting_rate"
Q_UNBILLED: Final = "high_maintenance.unbilled_hours"
Q_DAYS_LATE: Final = "late_payment.days_late"
Q_LATE_INVOICES: Final = "late_payment.late_invoices"
Q_INVOICES_TOTAL: Final = "late_payment.invoices_total"
Q_SAVINGS: Final = "situation.savings_months"
Q_NOTICE: Final = "situation.notice_weeks"
Q_PIPELINE: Final = "situation.pipeline"
Q_SHARE: Final = "situation.income_share"
Q_CURRENCY: Final = "situation.currency"
MONEY_QUESTIONS: Final = (
    Q_BASIS,
    *Q_RATES.values(),
    *Q_BILLED.values(),
    Q_DAY_HOURS,
    Q_JOB_HOURS,
    Q_TARGET,
    Q_WAITING_RATE,
)


@dataclass(frozen=True)
class Figure:
    """A computed amount and the answers (question ids) it came from."""

    value: float
    sources: tuple[str, ...]


def _merge(*figures: Figure) -> tuple[str, ...]:
    return tuple(dict.fromkeys(q for f in figures for q in f.sources))


def answer_figure(answers: Mapping[str, Answer], qid: str) -> Figure | None:
    value = answers.get(qid)
    if value is None or value == DONT_KNOW or isinstance(value, bool | str):
        return None
    if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        return None
    return Figure(float(value), (qid,))


def answer_choice(answers: Mapping[str, Answer], qid: str, allowed: Sequence[str]) -> str | None:
    value = answers.get(qid)
    return value if isinstance(value, str) and value in allowed else None


def currency(answers: Mapping[str, Answer]) -> str | None:
    """The currency chosen for this client, or None when not said."""
    return answer_choice(answers, Q_CURRENCY, CURRENCIES)


# --- effective hourly rate -----------------------------------------------------------------


def pay_basis(answers: Mapping[str, Answer]) -> str | None:
    """How the client pays: "hourly", "daily", "monthly" or "job"; None when not said."""
    return answer_choice(answers, Q_BASIS, PAY_BASES)


def rate(answers: Mapping[str, Answer]) -> Figure | None:
    """The rate on the client's basis: per hour, per day, per job, or the fixed monthly
    amount."""
    basis = pay_basis(answers)
    if basis is None:
        return None
    figure = answer_figure(answers, Q_RATES[basis])
    return None if figure is None else Figure(figure.value, (Q_BASIS, *figure.sources))


def monthly_fees(answers: Mapping[str, Answer]) -> Figure | None:
    """What the client pays a month: rate x hours, days or jobs, or the fixed monthly amount."""
    basis, paid = pay_basis(answers), rate(answers)
    if basis is None or paid is None:
        return None
    if basis == "monthly":
        return paid
    billed = answer_figure(answers, Q_BILLED[basis])
    if billed is None:
        return None
    return Figure(paid.value * billed.value, _merge(paid, billed))


def billed_hours(answers: Mapping[str, Answer]) -> Figure | None:
    """Hours a month the fees pay for (days and jobs are counted at the stated hours each)."""
    basis = pay_basis(answers)
    if basis is None:
        return None
    billed = answer_figure(answers, Q_BILLED[basis])
    if billed is None:
        return None
    if basis in Q_UNIT_HOURS:
        each = answer_figure(answers, Q_UNIT_HOURS[basis])
        if each is None:
            return None
        return Figure(billed.value * each.value, (Q_BASIS, *billed.sources, *each.sources))
    return Figure(billed.value, (Q_BASIS, *billed.sources))


def unbilled_hours(answers: Mapping[str, Answer]) -> Figure | None:
    """Unbilled hours a month, from the weekly figure given on the high-maintenance page."""
    weekly = answer_figure(answers, Q_UNBILLED)
    return None if weekly is None else Figure(weekly.value * WEEKS_PER_MONTH, weekly.sources)


def effective_rate(answers: Mapping[str, Answer]) -> Figure | None:
    """Fees / (billed + unbilled hours); None without fees, hours, or with no hours at all."""
    fees, billed, unbilled = monthly_fees(answers), billed_hours(answers), unbilled_hours(answers)
    if fees is None or billed is None or unbilled is None:
        return None
    hours = billed.value + unbilled.value
    if hours <= 0:
        return None
    return Figure(fees.value / hours, _merge(fees, billed, unbilled))


def late_share(answers: Mapping[str, Answer]) -> Figure | None:
    """Share (0-1) of invoices paid late: of the stated total, else of the last 10."""
    late = answer_figure(answers, Q_LATE_INVOICES)
    if late is None:
        return None
    total = answer_figure(answers, Q_INVOICES_TOTAL)
    if total is not None:
        if total.value <= 0:
            return None
        return Figure(min(late.value / total.value, 1.0), _merge(late, total))
    return Figure(min(late.value / 10, 1.0), late.sources)


def waiting_cost(answers: Mapping[str, Answer]) -> Figure | None:
    """What waiting for late payments costs a month: fees x share late x days late x rate."""
    fees, share = monthly_fees(answers), late_share(answers)
    if fees is None or share is None:
        return None
    if share.value == 0:
        return Figure(0.0, _merge(fees, share))
    days, rate = answer_figure(answers, Q_DAYS_LATE), answer_figure(answers, Q_WAITING_RATE)
    if days is None:
        return None
    if days.value == 0:
        return Figure(0.0, _merge(fees, share, days))
    if rate is None:
        return None
    cost = fees.value * share.value * days.value / DAYS_PER_YEAR * rate.value / 100
    return Figure(cost, _merge(fees, share, days, rate))


def effective_rate_after_waiting(answers: Mapping[str, Answer]) -> Figure | None:
    """The effective hourly rate once the cost of waiting is taken off the fees."""
    rate, cost = effective_rate(answers), waiting_cost(answers)
    fees, billed, unbilled = monthly_fees(answers), billed_hours(answers), unbilled_hours(answers)
    if rate is None or cost is None or fees is None or billed is None or unbilled is None:
        return None
    hours = billed.value + unbilled.value
    return Figure((fees.value - cost.value) / hours, _merge(rate, cost))


@dataclass(frozen=True)
class RateView:
    """The effective rate beside the target, for the results page and the summaries."""

    currency: str | None
    fees: Figure | None
    billed_hours: Figure | None
    unbilled_hours: Figure | None
    effective: Figure | None
    waiting_cost: Figure | None
    after_waiting: Figure | None
    target: Figure | None

    @property
    def shown(self) -> bool:
        """True when there is at least one figure to show."""
        return any(f is not None for f in (self.fees, self.effective, self.target))

    @property
    def compared(self) -> Figure | None:
        """The rate to hold against the target: after waiting when known, else effective."""
        return self.after_waiting or self.effective

    @property
    def below_target(self) -> bool | None:
        """True when the client pays less than the target; None when either is unknown."""
        if self.compared is None or self.target is None:
            return None
        return self.compared.value < self.target.value

    @property
    def gap(self) -> Figure | None:
        """Target minus the compared rate (positive: how much an hour is missing)."""
        if self.compared is None or self.target is None:
            return None
        return Figure(self.target.value - self.compared.value, _merge(self.compared, self.target))


def rate_view(answers: Mapping[str, Answer]) -> RateView:
    """Every effective-rate figure that the answers allow."""
    return RateView(
        currency=currency(answers),
        fees=monthly_fees(answers),
        billed_hours=billed_hours(answers),
        unbilled_hours=unbilled_hours(answers),
        effective=effective_rate(answers),
        waiting_cost=waiting_cost(answers),
        after_waiting=effective_rate_after_waiting(answers),
        target=answer_figure(answers, Q_TARGET),
    )


def proposed_rate(answers: Mapping[str, Answer]) -> Figure | None:
    """The billed rate (same basis: per hour, per day or per month) that meets the target.

    Scales the current rate by target / compared effective rate, the same hours
    assumed; None unless the client pays below a stated target.
    """
    view = rate_view(answers)
    paid = rate(answers)
    if not view.below_target or paid is None or view.compared is None or view.target is None:
        return None
    if view.compared.value <= 0:
        return None
    value = paid.value * view.target.value / view.compared.value
    return Figure(value, _merge(paid, view.compared, view.target))


def rate_share(answers: Mapping[str, Answer]) -> float | None:
    """The hourly rate this client pays (after unbilled hours, when given) as a share of the
    rate aimed for; None when either is not known."""
    target = answers.get("money.target_rate")
    if not isinstance(target, float) or target <= 0:
        return None
    paid = effective_rate(answers)
    if paid is None:
        fees, hours = monthly_fees(answers), billed_hours(answers)
        if fees is None or hours is None or hours.value <= 0:
            return None
        paid = Figure(fees.value / hours.value, fees.sources)
    return round(paid.value / target, 3)
