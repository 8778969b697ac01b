"""Advice on the results page: the action plan, then each sign that needs attention."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from clientcheck.guidance.advice import advice_for
from clientcheck.guidance.render import AssessmentContext
from clientcheck.i18n import t
from clientcheck.ui.layout import literal

BAND_ICONS = {
    "critical": ":material/error:",
    "warning": ":material/warning:",
    "watch": ":material/visibility:",
}


def advice_caption(ctx: AssessmentContext) -> str | None:
    """The strings key of the line saying which advice follows, and why (None: no advice)."""
    if not ctx.advice:
        return None
    if not ctx.dependency_known:
        return "advice_caption_unknown"
    if ctx.advice == "fix":
        return "advice_caption_fix_free" if ctx.can_leave else "advice_caption_fix_dependent"
    return f"advice_caption_{ctx.advice}"


def plan_section(ctx: AssessmentContext, plan: Sequence[str], lang: str) -> None:
    """What to do now: the action plan, with one line on which advice follows and why."""
    st.header(t("plan_title", lang), anchor=False)
    caption = advice_caption(ctx)
    if caption:
        st.caption(t(caption, lang, dependency=ctx.dependency))
    st.markdown("\n".join(f"{number}. {literal(step)}" for number, step in enumerate(plan, 1)))


def advice_section(ctx: AssessmentContext, lang: str) -> None:
    """The advice for each sign that needs attention, one folded section each."""
    items = advice_for(ctx)
    if not items:
        return
    st.subheader(t("advice_title", lang), anchor=False)
    for item in items:
        with st.expander(
            f"{item.sign_name} — {item.band_label}",
            icon=BAND_ICONS.get(item.band, ":material/info:"),
        ):
            st.markdown(f"**{literal(item.title)}**")
            st.markdown("\n".join(f"- {literal(line)}" for line in item.lines))
