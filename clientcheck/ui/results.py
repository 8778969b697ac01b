"""The results page, in the order a person reads it.

First the verdict with its reasons and the next step, with the three figures; then what
to do (the plan, the suggested drafts, a copy to keep); then the evidence, folded: the
seven signs (radar, and each sign's row opening its page), what would change the
verdict, money, and the advice sign by sign.
"""

from __future__ import annotations

# Fully imported before any figure is built: Plotly peeks at numpy and pandas in
# sys.modules without importing them, so on a fresh server a session drawing its first
# radar could find them half-imported by another session's thread, and fail.
import numpy  # noqa: F401
import pandas  # noqa: F401
import streamlit as st

from clientcheck.bank.questions import QuestionBank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine.verdict import assess
from clientcheck.guidance.advice import action_plan
from clientcheck.guidance.moneytext import money_word
from clientcheck.guidance.render import (
    AssessmentContext,
    SignView,
    build_context,
    page_date_style,
    render_why,
    verdict_reasons,
)
from clientcheck.i18n import plural, t
from clientcheck.outputs import pdf_worker
from clientcheck.outputs.charts import RadarSeries, radar_figure
from clientcheck.outputs.colours import VERDICT_ALERT
from clientcheck.outputs.exports import on_working_days
from clientcheck.ui import device
from clientcheck.ui.advice_panel import advice_section, plan_section
from clientcheck.ui.downloads import download_buttons, then_now_view
from clientcheck.ui.drafts import chosen_drafts, drafts_section
from clientcheck.ui.layout import literal
from clientcheck.ui.money import money_section
from clientcheck.ui.navigation import correct
from clientcheck.ui.questions import pending_error, widget_key
from clientcheck.ui.reminder import reminder_section
from clientcheck.ui.state import CLIENT, bank, go, store

VERDICT_ICONS = {
    "keep": ":material/check_circle:",
    "keep_boundaries": ":material/fence:",
    "renegotiate": ":material/handshake:",
    "plan_exit": ":material/directions_walk:",
    "let_go": ":material/logout:",
    "not_enough": ":material/help:",
}
RESULTS_RADAR_HEIGHT = 320  # px: the radar with the signs' names, on a wider screen
# On a phone (page.css shows one or the other at 640 px) the axes are numbered as the rows
# below, so the circle takes the width the names took: about 300 px across, not 170.
PHONE_RADAR_HEIGHT = 340


def context_for(question_bank: QuestionBank, record: ClientRecord, lang: str) -> AssessmentContext:
    """The assessment's context, built again only when something it shows has changed.

    Kept in this session's state (never shared): a change of tone or of a draft
    reuses it. Its dates are on working days, as in the summaries.
    """
    key = (
        lang,
        record.id,
        record.name,
        record.notes,
        str(record.assessed_on),
        repr(sorted(record.answers.items())),
    )
    cached = st.session_state.get(_CONTEXT_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    result = assess(question_bank, record.answers)
    style = page_date_style(lang, st.context.locale)
    ctx = on_working_days(build_context(question_bank, record, result, lang, date_style=style))
    st.session_state[_CONTEXT_KEY] = (key, ctx)
    return ctx


_CONTEXT_KEY = "cc_results_context"


@st.cache_resource(max_entries=512, show_spinner=False)
def cached_radar(
    labels: tuple[str, ...],
    series: tuple[RadarSeries, ...],
    height: int = 430,
    numbered: bool = False,
):
    """Build each distinct radar once per server: a Plotly figure takes milliseconds to build.

    Streamlit copies the figure when it sends it, so sharing it is safe.
    """
    return radar_figure(labels, series, height=height, numbered=numbered)


def radar(ctx: AssessmentContext, lang: str) -> None:
    labels = [s.name for s in ctx.signs]
    data = [
        RadarSeries(
            ctx.client_name, tuple(float(s.score) if s.assessed else None for s in ctx.signs)
        )
    ]
    summary = "; ".join(f"{s.name} {s.score}/100 ({s.band_label})" for s in ctx.signs)
    config = {"displayModeBar": False, "scrollZoom": False, "staticPlot": False}
    with st.container(key="cc_radar_wide"):
        st.plotly_chart(
            cached_radar(tuple(labels), tuple(data), RESULTS_RADAR_HEIGHT),
            config=config,
            alt=t("radar_alt", lang, summary=summary),
            key="radar|1",
        )
    with st.container(key="cc_radar_phone"):
        numbered = "; ".join(f"{i}. {s.name} {s.score}/100" for i, s in enumerate(ctx.signs, 1))
        st.plotly_chart(
            cached_radar(tuple(labels), tuple(data), PHONE_RADAR_HEIGHT, numbered=True),
            config=config,
            alt=t("radar_alt_numbered", lang, summary=numbered),
            key="radar|phone",
        )
        st.caption(" · ".join(f"**{i}** {literal(s.name)}" for i, s in enumerate(ctx.signs, 1)))


def _fix_list(question_bank: QuestionBank, lang: str) -> None:
    """Answers typed but not accepted: each opens its page at the field, focused."""
    record = store().record
    broken = [q for q in question_bank.questions() if pending_error(q, record.id, lang) is not None]
    if not broken:
        return
    st.warning(plural("answers_to_fix", len(broken), lang), icon=":material/warning:")
    for q in broken:
        step = CLIENT if q.section == question_bank.situation.id else f"sign:{q.section}"
        st.button(
            q.text(lang),
            key=f"fix|{q.id}",
            on_click=correct,
            args=(step, widget_key(record.id, q.id)),
            type="tertiary",
            icon=":material/edit:",
        )


def verdict_box(ctx: AssessmentContext, lang: str, next_step: str | None) -> None:
    """The verdict, the rules that set it, why the user counts as free or dependent, and
    the first step to take."""
    kind, icon = VERDICT_ALERT[ctx.verdict], VERDICT_ICONS[ctx.verdict]  # the PDF's colours too
    headline = t("verdict_line", lang, verdict=ctx.verdict_label)
    parts = [f"**{headline}**", literal(render_why(ctx))]
    reasons = verdict_reasons(ctx)  # the summaries give the same lines
    if reasons:
        parts.append("\n".join(f"- {literal(line)}" for line in reasons))
    if next_step:
        parts.append(f"**{t('verdict_next_step', lang)}** {literal(next_step)}")
    getattr(st, kind)("\n\n".join(parts), icon=icon)
    if ctx.provisional:
        firm_up = "\n".join(f"- {literal(q)}" for q in ctx.firm_up)
        st.warning(f"{literal(ctx.provisional_note)}\n\n{firm_up}", icon=":material/pending:")


def key_figures(ctx: AssessmentContext, lang: str) -> None:
    """Risk, dependency and confidence, side by side even on a phone."""
    with st.container(horizontal=True, key="cc_figures", gap="medium"):
        st.metric(
            t("risk", lang),
            ctx.risk_text,
            help=t("risk_help", lang) if ctx.risk is not None else t("risk_none_help", lang),
            width="content",
        )
        st.metric(
            t("dependency", lang),
            f"{ctx.dependency}/100" if ctx.dependency_known else "—",
            help=t("dependency_help", lang),
            width="content",
        )
        st.metric(
            t("confidence", lang),
            ctx.confidence_label,
            help=t("confidence_help", lang, answered=ctx.answered, total=ctx.total),
            width="content",
        )
    if ctx.risk_apart:
        st.caption(t("risk_apart", lang))
    if ctx.risk_above_verdict:
        st.caption(t("risk_above_verdict", lang))
    if ctx.confidence == "low":
        st.caption(t("confidence_low", lang, answered=ctx.answered, total=ctx.total))


def _sign_row(sign: SignView, lang: str) -> None:
    """One sign: its score, level and the answers that drove it; it opens its page."""
    score = f"{sign.score}/100" if sign.assessed else "—"
    flag = "".join(f" · {t(tag, lang)}" for tag in sign.tags)
    with st.container(border=True, key=f"cc_sign_{sign.id}"):
        st.markdown(f"**{sign.order}. {literal(sign.name)}** · {score} · {sign.band_label}{flag}")
        if sign.drivers:
            st.markdown(
                "\n".join(
                    f"- {literal(d.question)} → **{literal(d.answer)}**" for d in sign.drivers
                )
            )
        st.button(
            t("edit_sign", lang, sign=sign.name),
            key=f"edit|{sign.id}",
            on_click=go,
            args=(f"sign:{sign.id}",),
            icon=":material/edit:",
            type="tertiary",
        )


def _folded(label: str, key: str, icon: str):
    """A folded section drawn only once opened (most people never open every one)."""
    box = st.expander(label, icon=icon, key=key, on_change="rerun")
    return box if box.open else None


def evidence(ctx: AssessmentContext, lang: str) -> None:
    """What the verdict rests on, folded: signs, what would change it, money, advice."""
    st.header(t("evidence_title", lang), anchor=False)
    box = _folded(t("signs_section", lang), "cc_fold_signs", ":material/radar:")
    if box is not None:
        with box:
            radar(ctx, lang)
            st.caption(t("table_caption", lang))
            for sign in ctx.signs:
                _sign_row(sign, lang)
    if ctx.verdict != "not_enough":
        with st.expander(t("changes_title", lang), icon=":material/alt_route:"):
            lines = ctx.changes or (t("changes_none", lang),)
            st.markdown("\n".join(f"- {literal(line)}" for line in lines))
    box = _folded(money_word("title", lang), "cc_fold_money", ":material/payments:")
    if box is not None:
        with box:
            money_section(ctx, lang)
    advice_section(ctx, lang)


def results(lang: str) -> None:
    pdf_worker.start()  # ready before anyone presses "Prepare"
    question_bank = bank()
    s = store()
    record = s.record
    s.results_seen.add(record.id)
    ctx = context_for(question_bank, record, lang)
    st.title(t("results_title", lang, name=literal(ctx.client_name)), anchor=False)
    _fix_list(question_bank, lang)
    plan = action_plan(ctx)
    verdict_box(ctx, lang, plan[0] if plan else None)
    key_figures(ctx, lang)
    plan_section(ctx, plan, lang)
    drafts_and_downloads(lang)
    evidence(ctx, lang)


@st.fragment
def drafts_and_downloads(lang: str) -> None:
    """The drafts panel, the downloads (which hold the drafts chosen) and the reminder.

    A fragment: a change of tone, details, draft text or choice reruns only this part
    of the page, not the verdict and evidence around it. It ends with the device's
    autosave, so what changed here is kept on the device too.
    """
    device.follow_device()
    record = store().record
    ctx = context_for(bank(), record, lang)
    details = drafts_section(ctx, record.id, lang)
    st.header(t("downloads_title", lang), anchor=False)
    st.caption(t("downloads_caption", lang))
    download_buttons(
        record,
        lang,
        drafts=chosen_drafts(ctx, record.id, details),
        comparison=then_now_view(record, lang),
    )
    if ctx.verdict != "not_enough":  # too few answers: the plan says to answer them now
        reminder_section(ctx, record, lang)
    device.autosave(lang)
