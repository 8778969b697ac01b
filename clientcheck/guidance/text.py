"""Showing the user's text literally: Markdown escaping, with no heavy imports.

The welcome page needs it; the Jinja2 templates (``clientcheck.guidance.render``) load only
when a result is drawn.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_ST_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&:$/])")
# Streamlit turns bare URLs, www. names and e-mail addresses into links even when
# escaped; an invisible word joiner breaks the pattern without changing what reads.
_ST_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)(?=\S)", re.IGNORECASE)
WORD_JOINER = "\u2060"
# Block markers only count at the start of a line: headings, quotes, lists, rules.
_MD_LINE_START = re.compile(r"^([#+\-=])", re.MULTILINE)
_MD_ORDERED = re.compile(r"^(\d+)([.)])", re.MULTILINE)
_LEADING_SPACE = re.compile(r"^[ \t]+", re.MULTILINE)  # four spaces would start a code block


def escape_markdown(value: object, streamlit: bool = False) -> str:
    """Escape text so Markdown shows it literally (no links, emphasis, HTML, tables or lists).

    Only characters Markdown reacts to are escaped, so the file stays readable in
    a plain editor. ``streamlit=True`` also escapes Streamlit's own syntax:
    ``:red[...]`` colours, ``:material/...:`` icons, ``$...$`` maths, and the
    links it makes of bare URLs and e-mail addresses.
    """
    text = str(value).replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    text = _LEADING_SPACE.sub("", text)
    if streamlit:
        text = _ST_AUTOLINK.sub(WORD_JOINER, text)
    text = (_ST_SPECIAL if streamlit else _MD_SPECIAL).sub(r"\\\1", text)
    text = _MD_LINE_START.sub(r"\\\1", text)
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return text.replace("\n", "  \n")
