"""The page helper: one script, installed once in the page, for what Streamlit has no option for.

Streamlit writes its controls' labels ("Collapse sidebar", "Help for …", "Choose an
option"…) in English whatever the page's language, leaves a date field's hidden input
and calendar button without the field's name, marks the file drop area
``role="presentation"`` while naming it and making it focusable (axe:
presentation-role-conflict), opens a help tooltip over the field above its "?", keeps
the page scrolled where it was when the step changes, and leaves its sidebar over the
page on a phone after a step is chosen in it. ``js/page_helper.js`` fixes all of it and
keeps it fixed as Streamlit redraws; it only changes attributes, styles and the text of
Streamlit's own nodes, never our content.

It is installed and kept informed by ``js/frame.js``, which runs in a zero-height frame
of the app's own origin (``layout.sync_page``). The French of Streamlit's labels lives
in ``clientcheck/strings.toml`` (keys ``st_label_*`` and ``st_prefix_*``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from clientcheck.i18n import ui_strings

JS_DIR = Path(__file__).resolve().parent / "js"
FRAME_TITLE = "Client Check page helper"


@cache
def _script(name: str) -> str:
    """A JavaScript file of ``js/``, read once per process."""
    return (JS_DIR / name).read_text(encoding="utf-8")


def french_labels() -> dict[str, str]:
    """Streamlit's labels, exactly as it writes them -> French."""
    return {
        text("en"): text("fr") for key, text in ui_strings().items() if key.startswith("st_label_")
    }


def french_prefixes() -> tuple[tuple[str, str], ...]:
    """The starts of labels Streamlit builds around our text: English -> French."""
    return tuple(
        (text("en"), text("fr"))
        for key, text in ui_strings().items()
        if key.startswith("st_prefix_")
    )


def _json(value: object) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


@cache
def helper_script() -> str:
    """The page helper's JavaScript, with its translation tables."""
    tables = {"fr": {"exact": french_labels(), "prefixes": [list(p) for p in french_prefixes()]}}
    return _script("page_helper.js").replace("__TABLES__", _json(tables))


def field_class(widget_key: str) -> str:
    """The CSS class Streamlit gives the element of a widget with this key."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", widget_key)


def frame_html(lang: str, step: str, focus: str = "", nonce: int = 0) -> str:
    """The frame's page: install the helper once, then set the language and the step.

    ``focus`` is a widget's CSS class (``field_class``): on this step the helper scrolls
    to that field and focuses it instead of going to the top, once per ``nonce``.
    """
    config = {"lang": lang, "step": step, "focus": focus, "nonce": nonce, "helper": helper_script()}
    return f"<script>{_script('frame.js').replace('__CONFIG__', _json(config))}</script>"
