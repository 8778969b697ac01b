"""Page frame: language choice, scroll to top on a new step, one-off messages."""

from __future__ import annotations

import json

import streamlit as st

from clientcheck.guidance.text import escape_markdown
from clientcheck.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, pick_language
from clientcheck.ui import page_fixes
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
/* The invisible frame that keeps the page's language and scroll in step takes no room. */
.stElementContainer:has(iframe[title="PAGE_FRAME_TITLE"]) { display: none; }
</style>""".replace("PAGE_FRAME_TITLE", PAGE_FRAME_TITLE).replace("MUTED_TEXT", MUTED_TEXT)

# Runs in a zero-height frame of the app's own origin, which reloads whenever its
# text changes: it sets the page's language, scrolls to the top on a new step, and
# installs (once) the script that fixes Streamlit's own labels (see page_fixes).
PAGE_SCRIPT = """<script>
const win = window.parent, doc = win.document;
doc.documentElement.lang = "%(lang)s";
if (!win.__clientCheckFixes) {
  const script = doc.createElement("script");
  script.textContent = %(fixes)s;
  doc.head.appendChild(script);
}
if (win.__clientCheckFixes) { win.__clientCheckFixes.setLang("%(lang)s"); }
if (win.__clientCheckStep !== %(step)d) {
  win.__clientCheckStep = %(step)d;
  const main = doc.querySelector('[data-testid="stMain"]');
  if (main) { main.scrollTo(0, 0); }
  win.scrollTo(0, 0);
}
</script>"""
FIXES = json.dumps(page_fixes.script())


def page_style() -> None:
    """Small layout touches Streamlit has no option for."""
    st.html(STYLE)


def sync_page(lang: str) -> None:
    """Set the document's language (screen readers) and scroll to the top on a new step."""
    assert lang in LANGS
    st.iframe(
        PAGE_SCRIPT % {"lang": lang, "step": store().step_changes, "fixes": FIXES},
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


def table_data(rows: list[dict[str, object]]):
    """Rows of a table, handed to Streamlit as an Arrow table.

    Streamlit turns a list of rows into a pandas DataFrame and then into Arrow on every
    run (about 1 ms a table); built as Arrow directly, the same table costs a tenth.
    """
    import pyarrow as pa

    return pa.Table.from_pylist(rows)
