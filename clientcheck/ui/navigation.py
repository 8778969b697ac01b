"""Moving between steps: the browser's history, Back to results, and fields to correct.

Each step has its own address (``?lang=en&step=late_payment``), so the browser's Back
and Forward buttons move between steps and Back never leaves the app from a step.
Streamlit adds a history entry when a run changes the address's query (a run started by
Back or Forward replaces the entry instead) and, on Back or Forward, runs the app again
with that entry's query, telling the server so (``is_history_navigation``). So a run that
changed the step writes it to the address, and a run started by Back or Forward shows
the step its address names.

The address alone does not tell Back from a late request: a run the page asks for just
after a click opened another step (an expander, a field, the device's report) can carry
the address from before the click, the new one not yet taken in, and reading that as
Back closed the step just opened (seen on a busy machine).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from clientcheck.bank.questions import QuestionBank
from clientcheck.i18n import LANGS, normalize_lang, t
from clientcheck.ui.page_helper import field_class
from clientcheck.ui.state import CLIENT, COMPARE, RESULTS, WELCOME, bank, go, store

LANG_PARAM = "lang"
STEP_PARAM = "step"
# The address last written to (or read from) the browser: (lang, step parameter). In the
# session's state rather than the store, which the device's copy can replace mid-session.
ADDRESS_KEY = "cc_address"


def step_param(step: str) -> str | None:
    """The address's name for a step: none for the welcome page, a sign by its id."""
    if step == WELCOME:
        return None
    return step.removeprefix("sign:")


def step_from_param(value: str | None, question_bank: QuestionBank) -> str | None:
    """The step an address names; None when it names none."""
    if value is None:
        return WELCOME
    if value in (CLIENT, RESULTS, COMPARE):
        return value
    if value in {sign.id for sign in question_bank.signs}:
        return f"sign:{value}"
    return None


def back_or_forward() -> bool:
    """True when the browser's Back or Forward (or a history step) started this run."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx is not None and getattr(ctx, "is_history_navigation", False))


def language_from_history(chosen: str) -> str:
    """The language to show: ``chosen``, or the address's when Back or Forward changed it."""
    address = st.session_state.get(ADDRESS_KEY)
    wanted = normalize_lang(st.query_params.get(LANG_PARAM))
    if address is not None and wanted in LANGS and wanted != address[0] and back_or_forward():
        return wanted
    return chosen


def follow_history(lang: str) -> None:
    """Show the step the address names after Back or Forward; write a new step to it.

    Call once a run, after anything that may change the step and before the page is
    drawn. The first run of a session only reads the address: it shows the welcome page
    (or the step the device restores) and adds no history entry.

    Any other run keeps the address last written: it may carry an older one (the device
    reporting another tab's save, an expander, a field), which is never read as Back.
    """
    s = store()
    now = (normalize_lang(st.query_params.get(LANG_PARAM)), st.query_params.get(STEP_PARAM))
    address = st.session_state.get(ADDRESS_KEY)
    if address is None:
        st.session_state[ADDRESS_KEY] = (lang, now[1])
        return
    back = back_or_forward()
    if now[1] != address[1] and back:
        target = step_from_param(now[1], bank())
        if target is not None and target != s.step:
            go(target)
        address = (address[0], now[1])
    if now[0] is not None and back:
        address = (now[0], address[1])
    st.session_state[ADDRESS_KEY] = address
    wanted = (lang, step_param(s.step))
    if wanted != address:
        params = {
            k: v for k, v in st.query_params.to_dict().items() if k not in (LANG_PARAM, STEP_PARAM)
        }
        params[LANG_PARAM] = lang
        if wanted[1] is not None:
            params[STEP_PARAM] = wanted[1]
        st.query_params.from_dict(params)  # one history entry for both
        st.session_state[ADDRESS_KEY] = wanted


def results_exist() -> bool:
    """True once this client's results have been shown in this session."""
    s = store()
    return s.record.id in s.results_seen or s.record.step == RESULTS


def back_to_results(lang: str, where: str) -> None:
    """A *Back to results* button, on any step once this client's results exist."""
    if store().step == RESULTS or not results_exist():
        return
    st.button(
        t("back_to_results", lang),
        key=f"to_results|{where}",
        on_click=go,
        args=(RESULTS,),
        icon=":material/assignment_return:",
        type="secondary",
    )


def correct(step: str, widget_key: str) -> None:
    """Open ``step`` scrolled to the field of ``widget_key``, focused (a button callback)."""
    go(step)
    s = store()
    s.focus = (field_class(widget_key), s.step_changes)
