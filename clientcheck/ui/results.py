"""The results page: verdict and why, radar, the signs table, confidence."""

from __future__ import annotations

# Fully imported before any figure is built: Plotly peeks at numpy and pandas in
# sys.modules without importing them, so on a fresh server a session drawing its first
# radar could find them half-imported by another session's thread, and fail.
import numpy  # noqa: F401
import pandas  # noqa: F401
import streamlit as st

from clientcheck.bank.model import ClientRecord
from clientcheck.bank.questionnaire import QuestionBank
from clientcheck.engine.scoring import assess
from clientcheck.guidance.render import AssessmentContext, build_context, render_why
from clientcheck.i18n import t
from clientcheck.outputs import pdf_worker
from clientcheck.outputs.charts import RadarSeries, radar_figure
from clientcheck.outputs.colours import VERDICT_ALERT
from clientcheck.outputs.exports import on_working_days
from clientcheck.ui import device
from clientcheck.ui.advice_panel import advice_section
from clientcheck.ui.downloads import download_buttons, then_now_view
from clientcheck.ui.drafts import chosen_drafts, drafts_section
from clientcheck.ui.layout import literal, table_data
from clientcheck.ui.money import money_section
from clientcheck.ui.navigation import correct
from clientcheck.ui.questions import pending_error, widget_key
from clientcheck.ui.reminder import reminder_section
from clientcheck.ui.state import bank, store

VERDICT_ICONS = {
    "keep": ":material/check_circle:",
    "keep_boundaries": ":material/fence:",
    "renegotiate": ":material/handshake:",
    "plan_exit": ":material/directions_walk:",
    "let_go": ":material/logout:",
    "not_enough": ":material/help:",
}


def context_for(question_bank: QuestionBank, record: ClientRecord, lang: str) -> AssessmentContext:
    """The assessment's context, built again only when something it shows has changed.

    Kept in this session's state (never shared): a change of tone or of a draft
    reuses it.
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
    ctx = on_working_days(build_context(question_bank, record, result, lang))
    st.session_state[_CONTEXT_KEY] = (key, ctx)
    return ctx


_CONTEXT_KEY = "cc_results_context"


def signs_table(ctx: AssessmentContext, lang: str) -> list[dict[str, object]]:
    """The signs as a table: the radar's text alternative."""
    rows = []
    for sign in ctx.signs:
        drivers = " · ".join(f"{d.question} → {d.answer}" for d in sign.drivers)
        rows.append(
            {
                t("col_sign", lang): sign.name,
                t("col_score", lang): str(sign.score) if sign.assessed else "—",
                t("col_band", lang): sign.band_label,
                t("col_drivers", lang): drivers or "—",
            }
        )
    return rows


@st.cache_resource(max_entries=512, show_spinner=False)
def cached_radar(labels: tuple[str, ...], series: tuple[RadarSeries, ...]):
    """Build each distinct radar once per server: a Plotly figure takes milliseconds to build.

    Streamlit copies the figure when it sends it, so sharing it is safe.
    """
    return radar_figure(labels, series)


def radar(ctx: AssessmentContext, lang: str, series: list[RadarSeries] | None = None) -> None:
    labels = [s.name for s in ctx.signs]
    data = series or [
        RadarSeries(
            ctx.client_name, tuple(float(s.score) if s.assessed else None for s in ctx.signs)
        )
    ]
    summary = "; ".join(f"{s.name} {s.score}/100 ({s.band_label})" for s in ctx.signs)
    st.plotly_chart(
        cached_radar(tuple(labels), tuple(data)),
        config={"displayModeBar": False, "scrollZoom": False, "staticPlot": False},
        alt=t("radar_alt", lang, summary=summary),
        key=f"radar|{len(data)}",
    )


def _fix_list(question_bank: QuestionBank, lang: str) -> None:
    record = store().record
    broken = [q for q in question_bank.questions() if pending_error(q, record.id, lang) is not None]
    if not broken:
        return
    st.warning(t("answers_to_fix", lang, count=len(broken)), icon=":material/warning:")
    for q in broken:
        step = "client" if q.section == question_bank.situation.id else f"sign:{q.section}"
        st.button(
            q.text(lang),
            key=f"fix|{q.id}",
            on_click=correct,
            args=(step, widget_key(record.id, q.id)),
            type="tertiary",
            icon=":material/edit:",
        )


def verdict_box(ctx: AssessmentContext, lang: str) -> None:
    """The verdict, the rules that set it, why the user counts as free or dependent."""
    kind, icon = VERDICT_ALERT[ctx.verdict], VERDICT_ICONS[ctx.verdict]  # the PDF's colours too
    headline = t("verdict_line", lang, verdict=ctx.verdict_label)
    parts = [f"**{headline}**", literal(render_why(ctx))]
    if ctx.verdict != "not_enough":
        reasons = [*ctx.reasons, ctx.dependency_reason]
        if ctx.work_matters:
            reasons.append(t("work_matters_note", lang, value=ctx.work_matters.lower()))
        parts.append("\n".join(f"- {literal(line)}" for line in reasons))
    getattr(st, kind)("\n\n".join(parts), icon=icon)
    if ctx.provisional:
        firm_up = "\n".join(f"- {literal(q)}" for q in ctx.firm_up)
        st.warning(f"{literal(ctx.provisional_note)}\n\n{firm_up}", icon=":material/pending:")


def what_would_change(ctx: AssessmentContext, lang: str) -> None:
    """The smallest changes of answers that would move the verdict, from the engine."""
    if ctx.verdict == "not_enough":
        return
    with st.expander(t("changes_title", lang), icon=":material/alt_route:"):
        lines = ctx.changes or (t("changes_none", lang),)
        st.markdown("\n".join(f"- {literal(line)}" for line in lines))


def results(lang: str) -> None:
    pdf_worker.start()  # ready before anyone presses "Prepare"
    question_bank = bank()
    s = store()
    record = s.record
    s.results_seen.add(record.id)  # from now on, every step offers to come back
    ctx = context_for(question_bank, record, lang)
    st.title(t("results_title", lang, name=literal(ctx.client_name)), anchor=False)
    _fix_list(question_bank, lang)
    verdict_box(ctx, lang)
    cols = st.columns(3)
    cols[0].metric(
        t("risk", lang),
        ctx.risk_text,
        help=t("risk_help", lang) if ctx.risk is not None else t("risk_none_help", lang),
    )
    cols[1].metric(
        t("dependency", lang),
        f"{ctx.dependency}/100" if ctx.dependency_known else "—",
        help=t("dependency_help", lang),
    )
    cols[2].metric(
        t("confidence", lang),
        ctx.confidence_label,
        help=t("confidence_help", lang, answered=ctx.answered, total=ctx.total),
    )
    if ctx.confidence == "low":
        st.caption(t("confidence_low", lang, answered=ctx.answered, total=ctx.total))
    st.header(t("radar_title", lang), anchor=False)
    radar(ctx, lang)
    st.caption(t("table_caption", lang))
    st.table(table_data(signs_table(ctx, lang)), hide_index=True)
    what_would_change(ctx, lang)
    money_section(ctx, lang)
    advice_section(ctx, lang)
    drafts_and_downloads(lang)


@st.fragment
def drafts_and_downloads(lang: str) -> None:
    """The drafts panel, the downloads (which hold the drafts chosen) and the reminder.

    A fragment: a change of tone, details, draft text or choice reruns only this part
    of the page, not the verdict, radar and advice above it. It ends with the
    device's autosave, so what changed here is kept on the device too.
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
    reminder_section(ctx, record, lang)
    device.autosave(lang)
