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


PAGE_FRAME_TITLE = "Client Check page helper"
STYLE = """<style>
/* The stepper reads as a list: labels start at the left. */
[data-testid="stSidebar"] .stButton button { justify-content: flex-start; text-align: left; }
[data-testid="stSidebar"] .stButton button div { justify-content: flex-start; }
/* Streamlit's grey captions fall short of 4.5:1 contrast on white; this grey passes. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #4a4f57; }
/* The invisible frame that keeps the page's language and scroll in step takes no room. */
.stElementContainer:has(iframe[title="PAGE_FRAME_TITLE"]) { display: none; }
</style>""".replace("PAGE_FRAME_TITLE", PAGE_FRAME_TITLE)

# Runs in a zero-height frame of the app's own origin, which reloads whenever its
# text changes: it sets the page's language, and scrolls to the top on a new step.
PAGE_SCRIPT = """<script>
const doc = window.parent.document;
doc.documentElement.lang = "%(lang)s";
if (window.parent.__clientCheckStep !== %(step)d) {
  window.parent.__clientCheckStep = %(step)d;
  const main = doc.querySelector('[data-testid="stMain"]');
  if (main) { main.scrollTo(0, 0); }
  window.parent.scrollTo(0, 0);
}
</script>"""


def page_style() -> None:
    """Small layout touches Streamlit has no option for."""
    st.html(STYLE)


def sync_page(lang: str) -> None:
    """Set the document's language (screen readers) and scroll to the top on a new step."""
    assert lang in LANGS
    st.iframe(
        PAGE_SCRIPT % {"lang": lang, "step": store().step_changes},
        height=1,
        tab_index=-1,
        alt=PAGE_FRAME_TITLE,
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
