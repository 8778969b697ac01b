"""Page frame: language choice, scroll to top on a new step, one-off messages."""

from __future__ import annotations

import streamlit as st

from clientcheck.guidance.text import escape_markdown
from clientcheck.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, pick_language
from clientcheck.ui import page_fixes
from clientcheck.ui.components import js_component
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


# Muted text (captions, hints): reads at 6:1 or better on the page and the sidebar.
MUTED_TEXT = "#5c5954"
STYLE = """<style>
/* The stepper reads as a list: labels start at the left. */
[data-testid="stSidebar"] .stButton button { justify-content: flex-start; text-align: left; }
[data-testid="stSidebar"] .stButton button div { justify-content: flex-start; }
/* Streamlit fades captions and field hints to 60 % opacity (3:1 on white): draw them
   opaque, in a grey that passes 4.5:1 everywhere they appear. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="InputInstructions"], [data-testid="InputInstructions"] span,
[data-testid="stFileUploaderDropzoneInstructions"],
[data-testid="stFileUploaderDropzoneInstructions"] span {
  opacity: 1; color: MUTED_TEXT;
}
input::placeholder, textarea::placeholder { opacity: 1; color: MUTED_TEXT; }
/* Answer options are 22 px high: give each the 24 px a finger or a shaky hand needs. */
[data-testid="stRadio"] [role="radiogroup"] label, [data-testid="stCheckbox"] label {
  min-height: 24px; align-items: center;
}
[data-testid="stDateInput"] button { min-height: 24px; min-width: 24px; }
/* The components that keep the page in step and the work on the device take no room. */
.st-key-cc_page, .st-key-cc_device { display: none; }
</style>""".replace("MUTED_TEXT", MUTED_TEXT)

# The page's language, scroll and Streamlit's own labels are kept in step by a component
# running in the page itself (js/page.js, served from the app's origin like Streamlit's
# own scripts, so the Content-Security-Policy needs no inline script: deploy/security.py).
_page = js_component("page")
PAGE_KEY = "cc_page"
TABLES = page_fixes.tables()


def page_style() -> None:
    """Small layout touches Streamlit has no option for."""
    st.html(STYLE)


def sync_page(lang: str) -> None:
    """Set the document's language (screen readers) and scroll to the top on a new step.

    Also translates Streamlit's own labels on French pages (see page_fixes).
    """
    assert lang in LANGS
    data = {"lang": lang, "step": store().step_changes, "tables": TABLES}
    _page(key=PAGE_KEY, data=data)


def show_flash() -> None:
    """Show messages queued by callbacks (load results, renames...) once."""
    s = store()
    for kind, message in s.flash:
        getattr(st, kind)(message)
    s.flash.clear()


def literal(text: str) -> str:
    """Escape user text for any Streamlit element that renders Markdown."""
    return escape_markdown(text, streamlit=True)


def table_data(rows: list[dict[str, object]]):
    """Rows of a table, handed to Streamlit as an Arrow table.

    Streamlit turns a list of rows into a pandas DataFrame and then into Arrow on every
    run (about 1 ms a table); built as Arrow directly, the same table costs a tenth.
    """
    import pyarrow as pa

    return pa.Table.from_pylist(rows)
