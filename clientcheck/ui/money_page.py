"""The optional Money step: what this client pays, to work out the effective hourly rate.

Every question is optional and the whole step can be skipped; the answers live in the
client's answers like any other, and are never scored (see clientcheck/money.py).
"""

from __future__ import annotations

import streamlit as st

from clientcheck.i18n import t
from clientcheck.ui.layout import literal
from clientcheck.ui.questions import draw_section
from clientcheck.ui.state import MONEY, bank, go, steps, store


def money_page(lang: str) -> None:
    section = bank().money
    all_steps = steps(bank())
    here = all_steps.index(MONEY)
    back, forward = all_steps[here - 1], all_steps[here + 1]
    st.title(section.name(lang) if section else t("step_money", lang), anchor=False)
    name = store().record.display_name(t("unnamed_client", lang))
    st.caption(t("about_whom", lang, name=literal(name)))
    if section is not None:
        st.markdown(f"_{section.summary(lang)}_")
    st.button(
        t("money_skip", lang),
        key="money_skip",
        on_click=go,
        args=(forward,),
        type="tertiary",
        icon=":material/skip_next:",
    )
    if section is not None:
        draw_section(section, lang)
    st.caption(t("money_elsewhere", lang))
    left, right = st.columns(2)
    with left:
        st.button(
            t("back", lang),
            key=f"back|{MONEY}",
            on_click=go,
            args=(back,),
            icon=":material/arrow_back:",
            width="stretch",
        )
    with right:
        st.button(
            t("next", lang),
            key=f"next|{MONEY}",
            type="primary",
            on_click=go,
            args=(forward,),
            icon=":material/arrow_forward:",
            icon_position="right",
            width="stretch",
        )
