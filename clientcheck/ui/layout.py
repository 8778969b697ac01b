"""Page frame: language choice, the page helper, one-off messages, tables that reflow, text
areas as tall as their text."""

from __future__ import annotations

import json
import logging
import math
import os
import textwrap
from functools import cache
from pathlib import Path

import streamlit as st

from clientcheck.guidance.text import escape_markdown
from clientcheck.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, pick_language, t
from clientcheck.ui import page_helper
from clientcheck.ui.components import js_component
from clientcheck.ui.navigation import language_from_history
from clientcheck.ui.state import CLIENT, bank, go, store

LANG_KEY = "lang"


def select_language() -> str:
    """Draw the language switch and return the chosen language.

    The first run takes ``?lang=``, else the browser's language, else English; Back
    and Forward over a change of language change it back (see navigation). The choice
    is written to the address with the step, so a link can be shared. The value is
    an id ("en"/"fr"), so switching midway keeps every answer.
    """
    chosen = st.session_state.get(LANG_KEY)
    if chosen not in LANGS:
        st.session_state[LANG_KEY] = pick_language(st.query_params.get(LANG_KEY), st.context.locale)
    elif (wanted := language_from_history(chosen)) != chosen:
        st.session_state[LANG_KEY] = wanted
    lang = st.segmented_control(
        "Language / Langue",
        LANGS,
        required=True,
        format_func=LANG_NAMES.__getitem__,
        key=LANG_KEY,
        label_visibility="collapsed",
    )
    return lang if lang in LANGS else DEFAULT_LANG


# Muted text (captions, hints): reads at 6:1 or better on the page and the sidebar.
MUTED_TEXT = "#5c5954"
STYLE = (
    "<style>"
    + (Path(__file__).resolve().parent / "page.css")
    .read_text(encoding="utf-8")
    .replace("MUTED_TEXT", MUTED_TEXT)
    + "</style>"
)

# The page's language, scroll, focus and Streamlit's own labels are kept in step by a
# component running in the page itself (js/page.js, served from the app's origin like
# Streamlit's own scripts, so the Content-Security-Policy needs no inline script and no
# frame: deploy/security.py).
_page = js_component("page")
PAGE_KEY = "cc_page"


def page_style() -> None:
    """Small layout touches Streamlit has no option for (clientcheck/ui/page.css)."""
    st.html(STYLE)


def sync_page(lang: str) -> None:
    """Keep the page in step: its language (screen readers), its top on a new step, a
    field to correct focused, Streamlit's own labels in ``lang`` (see page_helper)."""
    assert lang in LANGS
    s = store()
    focus, nonce = s.focus if s.focus is not None else ("", 0)
    data = {
        "lang": lang,
        "step": s.step_changes,
        "focus": focus,
        "nonce": nonce,
        # As JSON text: Streamlit looks for a data frame in every value of a component's
        # data that is not text, a number or a tuple, and imports pandas to do so (a
        # quarter of a second of the first page after a cold start).
        "tables": json.dumps(page_helper.tables(), ensure_ascii=False),
        "digits": _digits_only(),
    }
    _page(key=PAGE_KEY, data=data)
    s.focus = None  # asked once


@cache
def _digits_only() -> str:
    """The questions answered with digits alone, as the end of their fields' CSS class
    (JSON): a phone shows its number keypad for them. Not the notice ("30 days") nor the
    unbilled hours ("30 messages"), which take a word too, nor a change of volume, which
    may need a minus sign the keypad lacks."""
    questions = [*bank().questions(), *(bank().money.questions if bank().money else ())]
    return json.dumps(
        sorted(
            page_helper.field_class(q.id).removeprefix("st-key-")
            for q in questions
            if q.number and not q.number.units and q.number.min >= 0
        )
    )


def show_flash() -> None:
    """Show messages queued by callbacks (load results, renames...) once."""
    s = store()
    for kind, message in s.flash:
        getattr(st, kind)(message)
    s.flash.clear()


RAISE_FAULTS = "CLIENTCHECK_RAISE_PAGE_FAULTS"


def page_fault(lang: str) -> None:
    """A fault of ours while drawing the page: say so in the user's language, keep the
    sidebar and the work, and offer a way on (never Streamlit's own error box, in English,
    with links to search engines).

    The traceback goes to the server's log only; nothing about the client is in it.
    """
    if os.environ.get(RAISE_FAULTS):
        raise  # under the tests: a fault is a failure, not a message
    logging.getLogger("clientcheck").exception("a page failed to draw")
    st.error(t("page_fault", lang))
    if st.button(t("page_fault_back", lang), key="page_fault_back"):
        go(CLIENT)
        st.rerun()


def literal(text: str) -> str:
    """Escape user text for any Streamlit element that renders Markdown."""
    return escape_markdown(text, streamlit=True)


def quoted_list(texts: list[str], lang: str) -> str:
    """Questions named in a message, each quoted as the language quotes ("“…”; “…”",
    « «\u00a0…\u00a0»\u00a0; … »)."""
    if lang == "fr":
        return "\u00a0; ".join(f"«\u00a0{text}\u00a0»" for text in texts)
    return "; ".join(f"“{text}”" for text in texts)


def table_data(rows: list[dict[str, object]]):
    """Rows of a table, handed to Streamlit as an Arrow table.

    Streamlit turns a list of rows into a pandas DataFrame and then into Arrow on every
    run (about 1 ms a table); built as Arrow directly, the same table costs a tenth.
    """
    import pyarrow as pa

    return pa.Table.from_pylist(rows)


# Narrower than this (a phone), a table becomes one card per row; so does a table narrower
# than its columns need at this width each (it would scroll sideways, out of keyboard reach).
NARROW = 640
MIN_COLUMN = 110


def _css_text(text: str) -> str:
    """``text`` as a CSS string literal."""
    clean = "".join(ch for ch in text if ch >= " ")
    return '"' + clean.replace("\\", "\\\\").replace('"', '\\"') + '"'


def reflow_table(rows: list[dict[str, object]], key: str) -> None:
    """A table where there is room, one card per row where there is not (a phone).

    Narrower than ``NARROW`` or than ``MIN_COLUMN`` px a column (a container query: the
    table's own width, whatever holds it), each row is a card headed by its first cell,
    and every other cell is on its own line after its column's name: no column is
    squeezed, nothing is cut off or scrolls sideways. The column names are ours, so the
    CSS that writes them is built here, for this table only.
    """
    if not rows:
        return
    narrow = max(NARROW, MIN_COLUMN * len(rows[0]))
    scope = f".st-key-cc_table_{key}"
    labels = "\n".join(
        f"{scope} td:nth-child({i}):not(:empty)::before {{ content: {_css_text(str(name))} "
        f'": "; font-weight: 600; }}'
        for i, name in enumerate(rows[0], start=1)
        if i > 1
    )
    css = f"""<style>{scope} {{ container-type: inline-size; }}
@container (max-width: {narrow}px) {{
{scope} table, {scope} thead, {scope} tbody, {scope} tr, {scope} th, {scope} td {{
  display: block; width: auto !important; min-width: 0 !important; text-align: left !important;
}}
{scope} thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); }}
{scope} tr {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
  margin-bottom: 0.5rem; padding: 0.4rem 0.75rem; }}
{scope} td {{ border: none !important; padding: 0.1rem 0 !important;
  white-space: normal !important; overflow-wrap: anywhere; }}
{scope} td:first-child {{ font-weight: 600; }}
{scope} td p {{ display: inline; }}
{labels}
}}</style>"""
    with st.container(key=f"cc_table_{key}"):
        st.html(css)
        st.table(table_data(rows), hide_index=True)


# A text area's text is Source Sans at 14 px, 19.6 px a line; round it, 12 px of padding
# and a 1 px border, and above it the label (28 px with its gap), all inside the height
# Streamlit is given. A character of a draft is 5.7 px wide on average: 6 leaves room for
# digits and capitals.
TEXT_LINE_PX, TEXT_CHAR_PX = 19.6, 6.0
TEXT_PADDING_PX, TEXT_LABEL_PX = 2 * 12 + 2, 28
TEXT_ROWS = (6, 34)  # fewest and most lines shown (34: a laptop screen's); more scroll
# Widths in px the height is worked out for: the widest on a laptop, then one every step
# down to a small phone's.
TEXT_WIDEST, TEXT_STEP, TEXT_NARROWEST = 640, 40, 240


def text_rows(text: str, width_px: float) -> int:
    """How many lines ``text`` takes in a text area ``width_px`` wide, wrapped at spaces."""
    columns = max(1, int((width_px - TEXT_PADDING_PX) / TEXT_CHAR_PX))
    return sum(len(textwrap.wrap(line, columns)) or 1 for line in text.split("\n"))


def text_area_height(text: str, width_px: float) -> int:
    """Height in px of a text area ``width_px`` wide that shows ``text`` whole with a line to
    spare, between ``TEXT_ROWS`` lines (a longer text scrolls inside it)."""
    fewest, most = TEXT_ROWS
    rows = min(most, max(fewest, text_rows(text, width_px) + 1))
    return math.ceil(rows * TEXT_LINE_PX + TEXT_PADDING_PX + TEXT_LABEL_PX)


def fitted_text_css(text: str, scope: str) -> str:
    """Container queries giving the text area in ``scope`` the height ``text`` needs at
    each narrower width (each height is the one for the narrowest width of its step).

    Streamlit sets the widget's height and its text box's (the widget's less the label
    and the box's border): both are set.
    """
    rules = []
    for width in range(TEXT_WIDEST, TEXT_NARROWEST - 1, -TEXT_STEP):
        height = text_area_height(text, width - TEXT_STEP)
        rules.append(
            f"@container (max-width: {width}px) {{ "
            f"{scope} [data-testid=stTextArea] {{ height: {height}px !important; }} "
            f"{scope} textarea {{ height: {height - TEXT_LABEL_PX - 2}px !important; }} }}"
        )
    # The block this CSS comes in takes no room (see fitted_text_area).
    own = f"{scope} > [data-testid=stElementContainer]:has(.stHtml) {{ display: none; }}"
    return (
        f"<style>{scope} {{ container-type: inline-size; }}\n{own}\n"
        + "\n".join(rules)
        + "</style>"
    )


def fitted_text_area(label: str, key: str, scope_key: str, **options) -> None:
    """A text area as tall as its text needs at the width it gets, on a laptop or a phone.

    The text is the widget's value in the session state. A container (``scope_key``)
    tells its width to the container queries that set the height below the widest.
    """
    text = str(st.session_state.get(key) or "")
    with st.container(key=scope_key):
        # With an empty span, not as CSS alone: Streamlit puts every CSS-only block in one
        # shared list, by its order in the run, where a block that comes and goes (this
        # one, with the drafts' editor) lost a table's (reflow_table) on a phone.
        st.html(fitted_text_css(text, f".st-key-{scope_key}") + "<span></span>")
        st.text_area(label, key=key, height=text_area_height(text, TEXT_WIDEST), **options)
