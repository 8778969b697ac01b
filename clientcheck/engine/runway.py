"""What leaving would mean: how much of the income the largest clients bring, and the
twelve months after this client's notice (savings, other work lined up, money coming in).

Plain typed Python over the answers, like ``clientcheck.engine.money``; a missing answer
gives no figure, never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from clientcheck.bank.answers import Answer
from clientcheck.engine.money import (
    Q_NOTICE,
    Q_PIPELINE,
    Q_SAVINGS,
    Q_SHARE,
    WEEKS_PER_MONTH,
    Figure,
    answer_choice,
    answer_figure,
    monthly_fees,
)

PROJECTION_MONTHS: Final = 12
# A notice this close to whole months (1.5 days) counts as them in the projection.
NOTICE_SNAP_MONTHS: Final = 0.05
# How much of this client's monthly income the work lined up replaces once they are gone.
# A stated reading of the pipeline answer, shown to the user beside the projection.
PIPELINE_REPLACES: Final = {"plenty": 1.0, "some": 0.5, "little": 0.25, "none": 0.0}
# Largest-client share bands, in % of income: below 25, 25 to 40, above 40.
CONCENTRATION_BANDS: Final = (("spread", 0.0), ("notable", 25.0), ("concentrated", 40.0))

Band = Literal["spread", "notable", "concentrated"]


# --- income concentration ------------------------------------------------------------------


def concentration_band(share_percent: float) -> Band:
    """Band a largest-client share: below 25 % spread, 25-40 % notable, above 40 % concentrated."""
    if share_percent > CONCENTRATION_BANDS[2][1]:
        return "concentrated"
    if share_percent >= CONCENTRATION_BANDS[1][1]:
        return "notable"
    return "spread"


@dataclass(frozen=True)
class ClientShare:
    name: str
    share: Figure | None  # % of the user's income, as they stated it for this client


@dataclass(frozen=True)
class Concentration:
    """Each client's share of the user's income, and the largest one with its band."""

    shares: tuple[ClientShare, ...]
    largest: ClientShare | None
    band: Band | None
    stated_total: float  # sum of the stated shares, in %

    @property
    def over_100(self) -> bool:
        """The stated shares add up to more than all the user's income."""
        return self.stated_total > 100.0 + 1e-9


def concentration(clients: Sequence[tuple[str, Mapping[str, Answer]]]) -> Concentration:
    """Concentration of income over ``clients`` (name, answers) from their stated shares."""
    shares = tuple(ClientShare(name, answer_figure(answers, Q_SHARE)) for name, answers in clients)
    known = [s for s in shares if s.share is not None]
    largest = max(known, key=lambda s: s.share.value if s.share else 0.0, default=None)
    band = concentration_band(largest.share.value) if largest and largest.share else None
    total = sum(s.share.value for s in known if s.share)
    return Concentration(shares=shares, largest=largest, band=band, stated_total=total)


# --- if you let go: twelve months without this client --------------------------------------


@dataclass(frozen=True)
class ProjectionMonth:
    """One month after letting go, in money when fees are known, else in client-months."""

    month: int  # 1..12
    starts_on: date
    client_income: float  # the notice period's income from this client
    new_work: float  # what the work lined up brings in
    drawn: float  # taken from savings this month
    savings_left: float  # at the end of the month, never below 0
    uncovered: float  # what neither income nor savings covered this month


@dataclass(frozen=True)
class ExitProjection:
    """Twelve months of income without this client, and when savings would run out."""

    months: tuple[ProjectionMonth, ...]
    runs_out: int | None  # the month (1..12) savings are used up, None if they last
    in_money: bool  # amounts in the currency (fees known) or in months of this client's fees
    monthly_fees: float  # 1.0 when not in money
    notice_months: float
    pipeline: str
    replaces: float  # share of the fees the work lined up replaces
    sources: tuple[str, ...]

    def runs_out_on(self) -> date | None:
        return None if self.runs_out is None else self.months[self.runs_out - 1].starts_on


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def projection_missing(answers: Mapping[str, Answer]) -> tuple[str, ...]:
    """What the twelve months without this client still need: "savings", "notice",
    "pipeline" (a "don't know" counts as missing), in that order."""
    found = {
        "savings": answer_figure(answers, Q_SAVINGS),
        "notice": answer_figure(answers, Q_NOTICE),
        "pipeline": answer_choice(answers, Q_PIPELINE, tuple(PIPELINE_REPLACES)),
    }
    return tuple(name for name, value in found.items() if value is None)


def exit_projection(answers: Mapping[str, Answer], start: date) -> ExitProjection | None:
    """Project twelve months after giving notice on ``start``.

    This client pays through the notice period; then the work lined up replaces the
    stated share of its fees, and savings cover the rest. Savings are what the user
    said: enough to live ``savings_months`` months without this client's income.
    Amounts are in the currency when the monthly fees are known, otherwise in
    months of this client's fees (1.0 = one month of what they pay).
    """
    savings = answer_figure(answers, Q_SAVINGS)
    notice = answer_figure(answers, Q_NOTICE)
    pipeline = answer_choice(answers, Q_PIPELINE, tuple(PIPELINE_REPLACES))
    if savings is None or notice is None or pipeline is None:
        return None
    fees = monthly_fees(answers)
    unit = fees.value if fees is not None and fees.value > 0 else 1.0
    in_money = fees is not None and fees.value > 0
    replaces = PIPELINE_REPLACES[pipeline]
    notice_months = notice.value / WEEKS_PER_MONTH
    # Counted by the month: a notice within a day and a half of whole months fills them
    # (30 days is 0.99 of an average month; a user's walk read "From new work: £12, From
    # savings: £12" in its first month, and "Not covered: £12" later).
    paid_months = round(notice_months)
    if abs(notice_months - paid_months) > NOTICE_SNAP_MONTHS:
        paid_months = notice_months
    balance = savings.value * unit
    first = date(start.year, start.month, 1)
    months: list[ProjectionMonth] = []
    runs_out: int | None = None
    for m in range(1, PROJECTION_MONTHS + 1):
        paid_share = min(max(paid_months - (m - 1), 0.0), 1.0)  # part of the month under notice
        client_income = paid_share * unit
        new_work = (1 - paid_share) * replaces * unit
        need = unit - client_income - new_work
        drawn = min(need, balance)
        balance -= drawn
        uncovered = need - drawn
        if runs_out is None and need > 1e-9 and balance <= 1e-9 * unit:
            runs_out = m
        months.append(
            ProjectionMonth(
                month=m,
                starts_on=_add_months(first, m - 1),
                client_income=client_income,
                new_work=new_work,
                drawn=drawn,
                savings_left=max(balance, 0.0),
                uncovered=uncovered,
            )
        )
    sources = (Q_SAVINGS, Q_NOTICE, Q_PIPELINE, *(fees.sources if in_money and fees else ()))
    return ExitProjection(
        months=tuple(months),
        runs_out=runs_out,
        in_money=in_money,
        monthly_fees=unit,
        notice_months=notice_months,
        pipeline=pipeline,
        replaces=replaces,
        sources=tuple(dict.fromkeys(sources)),
    )
