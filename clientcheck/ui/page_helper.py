"""The page helper: what Streamlit has no option for, done in the page itself.

Streamlit writes its controls' labels ("Collapse sidebar", "Help for …", "Choose an
option"…) in English whatever the page's language, leaves a date field's hidden input
and calendar button without the field's name, marks the file drop area
``role="presentation"`` while naming it and making it focusable (axe:
presentation-role-conflict), opens a help tooltip over the field above its "?", keeps
the page scrolled where it was when the step changes, and leaves its sidebar over the
page on a phone after a step is chosen in it. ``js/page.js`` fixes all of it and keeps
it fixed as Streamlit redraws; it only changes attributes, styles and the text of
Streamlit's own nodes, never our content.

It is a Streamlit component (``layout.sync_page``) whose script the app serves from its
own origin (``components.py``), so the Content-Security-Policy needs neither an inline
script nor a frame. The French of Streamlit's labels lives in ``clientcheck/strings.toml``
(keys ``st_label_*`` and ``st_prefix_*``).
"""

from __future__ import annotations

import re
from functools import cache

from clientcheck.i18n import ui_strings


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


@cache
def tables() -> dict[str, dict[str, object]]:
    """The translation tables ``js/page.js`` reads, by language (English needs none)."""
    return {"fr": {"exact": french_labels(), "prefixes": [list(p) for p in french_prefixes()]}}


def field_class(widget_key: str) -> str:
    """The CSS class Streamlit gives the element of a widget with this key."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", widget_key)
