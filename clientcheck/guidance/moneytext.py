"""The money view in words: rows, sentences and JSON for the page, the summaries and the CLI.

Plain Python. Every amount is written by ``amount_text`` here, the one place that
formats money, so the currency style can change in one line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from clientcheck.bank.answers import Answer
from clientcheck.engine import money, runway
from clientcheck.engine.money import Figure, RateView
from clientcheck.engine.runway import ExitProjection
from clientcheck.guidance.dates import notice_words
from clientcheck.guidance.explain import inline_label
from clientcheck.i18n import (
    Text,
    currency_field,
    format_money,
    format_number,
    format_percent,
    load_texts,
    month_names,
)

# The verdicts under which the twelve months after letting go are shown.
EXIT_VERDICTS = ("let_go", "plan_exit")
WORDS_FILE = Path(__file__).resolve().parent / "money_words.toml"


def _words() -> dict[str, Text]:
    return load_texts(WORDS_FILE)


def money_word(key: str, lang: str, **values: object) -> str:
    """Return money word ``key`` in ``lang`` with ``{name}`` fields filled."""
    text = _words()[key](lang)
    return text.format(**values) if values else text


def money_words(lang: str) -> dict[str, str]:
    """Every money word in ``lang``, by key (for templates)."""
    return {key: text(lang) for key, text in _words().items()}


def amount_text(value: float, lang: str, currency: str | None) -> str:
    """Write an amount: with its currency when known, else as a plain number (never a guess)."""
    rounded = round(float(value), 2)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    if currency is None:
        return format_number(rounded, lang, 0 if rounded.is_integer() else 2)
    return format_money(rounded, lang, currency)


def letter_amount(value: float, lang: str, currency: str | None) -> str:
    """``amount_text`` for a draft: another currency gets a field for its symbol."""
    return amount_text(value, lang, currency) + currency_field(lang, currency)


def hourly_text(value: float, lang: str, currency: str | None) -> str:
    return money_word("per_hour", lang, amount=amount_text(value, lang, currency))


def letter_hourly(value: float, lang: str, currency: str | None) -> str:
    return money_word("per_hour", lang, amount=letter_amount(value, lang, currency))


def month_label(day: date, lang: str) -> str:
    """Name a month briefly: "Dec 2026", "déc. 2026"."""
    return f"{month_names(lang, 'abbreviated')[day.month - 1]} {day.year}"


def sources_text(sources: Sequence[str], lang: str) -> str:
    """Name the answers a figure came from: "your rate, billed hours or days"."""
    names = [money_word(f"src:{q}", lang) if f"src:{q}" in _words() else q for q in sources]
    return ", ".join(names)


# --- effective rate ------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    """One line of the money table: label, amount in words, raw value, where it came from."""

    key: str
    label: str
    text: str
    value: float | None
    sources: str


def _needs(key: str, answers: Mapping[str, Answer]) -> list[str]:
    """The answers a figure needs, to say which are missing when it cannot be worked out."""
    basis = money.pay_basis(answers)
    if basis is None:
        pay = [money.Q_BASIS]
    else:
        pay = [money.Q_RATES[basis]]
        if key != "fees" or basis != "monthly":
            pay.append(money.Q_BILLED[basis])
        if basis in money.Q_UNIT_HOURS and key != "fees":
            pay.append(money.Q_UNIT_HOURS[basis])
    needed = {
        "fees": pay,
        "effective": [*pay, money.Q_UNBILLED],
        "after_waiting": [
            *pay,
            money.Q_UNBILLED,
            money.Q_LATE_INVOICES,
            money.Q_DAYS_LATE,
            money.Q_WAITING_RATE,
        ],
        "target": [money.Q_TARGET],
    }.get(key, [])
    return [q for q in needed if not _answered(answers, q)]


def _billed_rate(view: RateView) -> Figure | None:
    if view.fees is None or view.billed_hours is None or view.billed_hours.value <= 0:
        return None
    sources = tuple(dict.fromkeys((*view.fees.sources, *view.billed_hours.sources)))
    return Figure(view.fees.value / view.billed_hours.value, sources)


def rate_rows(view: RateView, answers: Mapping[str, Answer], lang: str) -> tuple[FigureRow, ...]:
    """The figures of the effective-rate view, each with its sources or what it lacks."""
    cur = view.currency
    rows = []
    items: list[tuple[str, Figure | None, bool]] = [
        ("fees", view.fees, False),
        ("billed_rate", _billed_rate(view), True),
        ("effective", view.effective, True),
        ("waiting_cost", view.waiting_cost, False),
        ("after_waiting", view.after_waiting, True),
        ("target", view.target, True),
    ]
    for key, figure, hourly in items:
        if figure is None:
            needs = _needs(key, answers)
            if not needs:
                continue  # nothing to ask: the figure just does not apply
            rows.append(
                FigureRow(
                    key,
                    money_word(key, lang),
                    "—",
                    None,
                    money_word("needs", lang, sources=sources_text(needs, lang)),
                )
            )
            continue
        text = (
            hourly_text(figure.value, lang, cur) if hourly else amount_text(figure.value, lang, cur)
        )
        rows.append(
            FigureRow(
                key, money_word(key, lang), text, figure.value, sources_text(figure.sources, lang)
            )
        )
    return tuple(rows)


def _answered(answers: Mapping[str, Answer], qid: str) -> bool:
    value = answers.get(qid)
    return value is not None and value != "dont_know"


def chart_bars(view: RateView, lang: str) -> tuple[tuple[str, float], ...]:
    """The hourly rates to draw side by side: billed, effective, after waiting, target."""
    bars = []
    for key, figure in (
        ("billed_rate", _billed_rate(view)),
        ("effective", view.effective),
        ("after_waiting", view.after_waiting),
        ("target", view.target),
    ):
        if figure is not None:
            bars.append((money_word(key, lang), figure.value))
    return tuple(bars)


def target_sentence(view: RateView, lang: str) -> str | None:
    """Say how the client's rate stands against the target, when both are known."""
    if view.below_target is None or view.gap is None:
        return None
    if view.below_target:
        return money_word(
            "below_target", lang, gap=amount_text(view.gap.value, lang, view.currency)
        )
    return money_word("at_target", lang)


# --- if you let go -------------------------------------------------------------------------


@dataclass(frozen=True)
class ExitRow:
    month: str
    client_income: str
    new_work: str
    drawn: str
    savings_left: str
    uncovered: str


def _unit_text(value: float, projection: ExitProjection, lang: str, cur: str | None) -> str:
    if projection.in_money:  # a forecast, in whole units of money: no cents
        return amount_text(round(value), lang, cur)
    return format_number(round(value, 2), lang, 0 if round(value, 2).is_integer() else 2)


def exit_rows(projection: ExitProjection, lang: str, cur: str | None) -> tuple[ExitRow, ...]:
    """The twelve months as table rows, amounts in words."""
    return tuple(
        ExitRow(
            month=month_label(m.starts_on, lang),
            client_income=_unit_text(m.client_income, projection, lang, cur),
            new_work=_unit_text(m.new_work, projection, lang, cur),
            drawn=_unit_text(m.drawn, projection, lang, cur),
            savings_left=_unit_text(m.savings_left, projection, lang, cur),
            uncovered=_unit_text(m.uncovered, projection, lang, cur),
        )
        for m in projection.months
    )


def exit_sentences(
    projection: ExitProjection,
    lang: str,
    pipeline_label: str,
    savings_months: float,
    cur: str | None = None,
) -> tuple[str, ...]:
    """How the projection was made, and when the savings would run out (or that they last).

    The savings are said as what the projection counts them as, months of this client's
    fees (in money when the fees are known): a user read "for the 4 months you said" just
    above "your savings would run out in month 8".
    """
    notice = notice_words(projection.notice_months * money.WEEKS_PER_MONTH, lang)
    savings = savings_months * projection.monthly_fees
    amount = f" ({_unit_text(savings, projection, lang, cur)})" if projection.in_money else ""
    lines = [
        money_word(
            "exit_how" if projection.notice_months > 0 else "exit_how_no_notice",
            lang,
            notice=notice,
            pipeline=inline_label(pipeline_label),
            percent=format_percent(projection.replaces * 100, lang),
            months=format_number(savings_months, lang),
            amount=amount,
        )
    ]
    if projection.runs_out is None:
        lines.append(money_word("exit_lasts", lang))
    else:
        when = month_label(projection.months[projection.runs_out - 1].starts_on, lang)
        lines.append(money_word("exit_runs_out", lang, month=projection.runs_out, date=when))
    if not projection.in_money:
        lines.append(money_word("exit_units", lang))
    return tuple(lines)


def exit_headers(lang: str) -> tuple[str, ...]:
    return tuple(
        money_word(k, lang)
        for k in (
            "col_month",
            "col_client_income",
            "col_new_work",
            "col_drawn",
            "col_savings_left",
            "col_uncovered",
        )
    )


# --- everything a summary shows -------------------------------------------------------------


@dataclass(frozen=True)
class MoneySummary:
    """The money view for the Markdown and PDF summaries, in the assessment's language."""

    rows: tuple[FigureRow, ...]
    bars: tuple[tuple[str, float], ...]
    currency: str | None
    target_sentence: str | None
    review: str | None
    exit_rows: tuple[ExitRow, ...]
    exit_sentences: tuple[str, ...]

    @property
    def has_rates(self) -> bool:
        return any(r.value is not None for r in self.rows)


def money_summary(
    answers: Mapping[str, Answer],
    assessed_on: date,
    lang: str,
    show_exit: bool,
    pipeline_label: str = "",
    review: str | None = None,
) -> MoneySummary | None:
    """Gather the money figures a summary shows; None when there is nothing to show."""
    view = money.rate_view(answers)
    rows = rate_rows(view, answers, lang) if view.shown else ()
    projection = runway.exit_projection(answers, assessed_on) if show_exit else None
    if not view.shown and projection is None:
        return None
    savings = answers.get(money.Q_SAVINGS)
    return MoneySummary(
        rows=rows,
        bars=chart_bars(view, lang),
        currency=view.currency,
        target_sentence=target_sentence(view, lang),
        review=review,
        exit_rows=exit_rows(projection, lang, view.currency) if projection else (),
        exit_sentences=(
            exit_sentences(
                projection,
                lang,
                pipeline_label,
                float(savings) if isinstance(savings, int | float) else 0.0,
                view.currency,
            )
            if projection
            else ()
        ),
    )


# --- JSON (the command line's report) -------------------------------------------------------


def _figure_json(figure: Figure | None) -> dict[str, object] | None:
    if figure is None:
        return None
    return {"value": round(figure.value, 4), "from": list(figure.sources)}


def money_json(answers: Mapping[str, Answer], assessed_on: date) -> dict[str, object]:
    """The money view as plain JSON data: figures with their sources, null when unknown."""
    view = money.rate_view(answers)
    projection = runway.exit_projection(answers, assessed_on)
    return {
        "currency": view.currency,
        "monthly_fees": _figure_json(view.fees),
        "billed_hours_a_month": _figure_json(view.billed_hours),
        "unbilled_hours_a_month": _figure_json(view.unbilled_hours),
        "effective_hourly_rate": _figure_json(view.effective),
        "waiting_cost_a_month": _figure_json(view.waiting_cost),
        "effective_hourly_rate_after_waiting": _figure_json(view.after_waiting),
        "target_hourly_rate": _figure_json(view.target),
        "below_target": view.below_target,
        "if_you_let_go": None
        if projection is None
        else {
            "unit": "money" if projection.in_money else "months_of_fees",
            "runs_out_month": projection.runs_out,
            "runs_out_on": (
                projection.runs_out_on().isoformat() if projection.runs_out_on() else None
            ),
            "from": list(projection.sources),
            "months": [
                {
                    "month": m.month,
                    "starts_on": m.starts_on.isoformat(),
                    "client_income": round(m.client_income, 2),
                    "new_work": round(m.new_work, 2),
                    "from_savings": round(m.drawn, 2),
                    "savings_left": round(m.savings_left, 2),
                    "not_covered": round(m.uncovered, 2),
                }
                for m in projection.months
            ],
        },
    }
