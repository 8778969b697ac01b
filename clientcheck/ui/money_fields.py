"""The optional Money section, under the situation: what this client pays.

Every question is optional and the whole section can be skipped (it stays folded
until opened). The answers live in the client's answers like any other and are never
scored: they feed the effective hourly rate (see clientcheck/engine/money.py).
"""

from __future__ import annotations

import streamlit as st

from clientcheck.bank.answers import is_answered
from clientcheck.i18n import t
from clientcheck.ui.questions import draw_section
from clientcheck.ui.state import bank, store


def money_fields(lang: str) -> None:
    """Draw the Money questions in a folded section; open when some are answered."""
    section = bank().money
    if section is None:
        return
    answers = store().record.answers
    started = any(is_answered(answers.get(q.id)) for q in section.questions)
    with st.expander(t("money_section", lang), expanded=started, icon=":material/payments:"):
        st.caption(section.summary(lang))
        draw_section(section, lang)
        st.caption(t("money_elsewhere", lang))
