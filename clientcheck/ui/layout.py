"""Page frame: language choice, scroll to top on a new step, one-off messages."""

from __future__ import annotations

import streamlit as st

from clientcheck.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, pick_language
from clientcheck.render import escape_markdown
from clientcheck.ui.state import store

LANG_KEY = "lang"


def select_language() -> str:
    """Draw the language switch and return the chosen language.

    The first run takes ``?lang=``, else the browser's language, else English.
    The choice is written back to the URL so a link can be shared. The value is
    an id ("en"/"fr"), so switching midway keeps every answer.
    """
    if st.session_state.get(LANG_KEY) not in LANGS:
        st.session_state[LANG_KEY] = pick_language(st.query_params.get(LANG_KEY), st.context.locale)
    lang = st.segmented_control(
        "Language / Langue",
        LANGS,
        required=True,
        format_func=LANG_NAMES.__getitem__,
        key=LANG_KEY,
        label_visibility="collapsed",
    )
    lang = lang if lang in LANGS else DEFAULT_LANG
    if st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
    return lang


def set_document_language(lang: str) -> None:
    """Tell the browser (screen readers, spell checkers) which language the page is in."""
    st.html(
        f"<script>document.documentElement.lang = {lang!r};</script>",
        unsafe_allow_javascript=True,
    )


STYLE = """<style>
/* The stepper reads as a list: labels start at the left. */
[data-testid="stSidebar"] .stButton button { justify-content: flex-start; text-align: left; }
[data-testid="stSidebar"] .stButton button div { justify-content: flex-start; }
</style>"""


def page_style() -> None:
    """Small layout touches Streamlit has no option for."""
    st.html(STYLE)


def scroll_to_top() -> None:
    """Scroll to the top when the step changed, so each step starts at its title."""
    s = store()
    st.html(
        f"<script>/* step {s.step_changes} */"
        "const main = document.querySelector('[data-testid=\"stMain\"]');"
        "if (main) { main.scrollTo(0, 0); } window.scrollTo(0, 0);</script>",
        unsafe_allow_javascript=True,
    )


def show_flash() -> None:
    """Show messages queued by callbacks (load results, renames...) once."""
    s = store()
    for kind, message in s.flash:
        getattr(st, kind)(message)
    s.flash.clear()


def literal(text: str) -> str:
    """Escape user text for any Streamlit element that renders Markdown."""
    return escape_markdown(text, streamlit=True)
