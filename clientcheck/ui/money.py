"""The money view on the results and compare pages: effective rate, twelve months, shares."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from clientcheck.bank.answers import answer_label
from clientcheck.engine import money, runway
from clientcheck.guidance.moneytext import (
    EXIT_VERDICTS,
    chart_bars,
    exit_headers,
    exit_rows,
    exit_sentences,
    hourly_text,
    money_word,
    rate_rows,
    target_sentence,
)
from clientcheck.guidance.rate_review import review_sentence
from clientcheck.guidance.render import AssessmentContext
from clientcheck.i18n import format_percent
from clientcheck.outputs.money_charts import exit_figure, rates_figure, shares_figure
from clientcheck.ui.layout import literal, reflow_table
from clientcheck.ui.state import bank

_CHART_CONFIG = {"displayModeBar": False, "scrollZoom": False, "staticPlot": True}


@st.cache_resource(max_entries=256, show_spinner=False)
def _rates_chart(bars: tuple[tuple[str, float], ...], texts: tuple[str, ...]):
    return rates_figure(bars, texts)


@st.cache_resource(max_entries=256, show_spinner=False)
def _exit_chart(months, client_income, new_work, drawn, savings_left, names):
    return exit_figure(months, client_income, new_work, drawn, savings_left, names)


@st.cache_resource(max_entries=256, show_spinner=False)
def _shares_chart(names: tuple[str, ...], shares: tuple[float, ...], lang: str):
    return shares_figure(names, shares, lang)


def rate_section(ctx: AssessmentContext, lang: str) -> None:
    """The effective hourly rate beside the target: a small chart and its table."""
    view = money.rate_view(ctx.answers)  # under its own folded title on the results page
    if not view.shown:
        st.caption(money_word("nothing", lang))
        return
    st.caption(money_word("caption", lang))
    bars = chart_bars(view, lang)
    if bars:
        texts = tuple(hourly_text(value, lang, view.currency) for _, value in bars)
        summary = "; ".join(f"{label} {text}" for (label, _), text in zip(bars, texts, strict=True))
        st.plotly_chart(
            _rates_chart(bars, texts),
            config=_CHART_CONFIG,
            alt=money_word("chart_alt", lang, summary=summary),
            key="money_rates_chart",
        )
    sentence = target_sentence(view, lang)
    if sentence:
        (st.warning if view.below_target else st.success)(
            literal(sentence), icon=":material/payments:"
        )
    review = review_sentence(ctx)
    if review:
        st.info(literal(review), icon=":material/request_quote:")
    reflow_table(
        [
            {
                money_word("col_figure", lang): r.label,
                money_word("col_value", lang): r.text,
                money_word("col_from", lang): r.sources,
            }
            for r in rate_rows(view, ctx.answers, lang)
        ],
        "money_rates",
    )
    if view.currency is None:
        st.caption(money_word("no_currency", lang))
    st.caption(money_word("verdict_note", lang))


def exit_section(ctx: AssessmentContext, lang: str) -> None:
    """Twelve months without this client: a chart and a table, under Let go and Plan your exit."""
    if ctx.verdict not in EXIT_VERDICTS:
        return
    st.subheader(money_word("exit_title", lang), anchor=False)
    projection = runway.exit_projection(ctx.answers, ctx.assessed_on)
    if projection is None:
        # Name only what is missing (a user's walk: it asked again for answers given).
        names = [
            money_word(f"exit_missing_{m}", lang) for m in runway.projection_missing(ctx.answers)
        ]
        joined = (
            names[0]
            if len(names) == 1
            else ", ".join(names[:-1]) + money_word("list_and", lang) + names[-1]
        )
        st.caption(money_word("exit_missing", lang, missing=joined))
        return
    cur = money.currency(ctx.answers) if projection.in_money else None
    digits = 0 if projection.in_money else 2  # money in whole units, as in the table
    pipeline_q = bank().question(money.Q_PIPELINE)
    savings = ctx.answers.get(money.Q_SAVINGS)
    for line in exit_sentences(
        projection,
        lang,
        answer_label(pipeline_q, projection.pipeline, lang),
        float(savings) if isinstance(savings, int | float) else 0.0,
        cur,
    ):
        st.markdown(literal(line))
    rows = exit_rows(projection, lang, cur)
    headers = exit_headers(lang)
    months = tuple(r.month for r in rows)
    summary = "; ".join(f"{r.month}: {headers[4]} {r.savings_left}" for r in rows)
    st.plotly_chart(
        _exit_chart(
            months,
            tuple(round(m.client_income, digits) for m in projection.months),
            tuple(round(m.new_work, digits) for m in projection.months),
            tuple(round(m.drawn, digits) for m in projection.months),
            tuple(round(m.savings_left, digits) for m in projection.months),
            (headers[1], headers[2], headers[3], headers[4]),
        ),
        config=_CHART_CONFIG,
        alt=money_word("exit_chart_alt", lang, summary=summary),
        key="money_exit_chart",
    )
    cells = [
        (r.month, r.client_income, r.new_work, r.drawn, r.savings_left, r.uncovered) for r in rows
    ]
    reflow_table([dict(zip(headers, row, strict=True)) for row in cells], "money_exit")


def money_section(ctx: AssessmentContext, lang: str) -> None:
    """Everything money on the results page."""
    rate_section(ctx, lang)
    exit_section(ctx, lang)


def shares_section(people: Sequence[tuple[str, dict]], lang: str) -> None:
    """Each compared client's share of income, the largest one with its band, and a chart."""
    view = runway.concentration(people)
    st.subheader(money_word("share_title", lang), anchor=False)
    known = [(s.name, s.share.value) for s in view.shares if s.share is not None]
    if not known:
        st.caption(money_word("shares_missing", lang))
        return
    names = tuple(n for n, _ in known)
    shares = tuple(v for _, v in known)
    summary = "; ".join(f"{n} {format_percent(v, lang)}" for n, v in known)
    st.plotly_chart(
        _shares_chart(names, shares, lang),
        config=_CHART_CONFIG,
        alt=money_word("share_chart_alt", lang, summary=summary),
        key="money_shares_chart",
    )
    if view.largest is not None and view.largest.share is not None and view.band is not None:
        sentence = money_word(
            "largest",
            lang,
            name=literal(view.largest.name),
            share=round(view.largest.share.value),
            band=money_word(f"band_{view.band}", lang),
        )
        (st.warning if view.band == "concentrated" else st.info)(
            sentence, icon=":material/pie_chart:"
        )
    if view.over_100:
        st.error(
            money_word("shares_over_100", lang, total=round(view.stated_total)),
            icon=":material/error:",
        )
