"""The PDF's font: DejaVu Sans, parsed once per process, and what it can draw.

Speed (profiled with cProfile): fonts are parsed once per process (``font_template``),
documents write with a copy of DejaVu cut down to Latin and symbols, which is quick to
subset (the full font joins only when a character needs it), and word widths come from
the font's width table, cached (``units``).

User text goes through ``pdf_text``/``pdf_line`` before it is drawn: control characters
are dropped and what the font cannot draw becomes a visible substitute, so no name can
crash the document.
"""

from __future__ import annotations

import copy
import io
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from fontTools import subset as ftsubset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from clientcheck.outputs.summary import clean_text

FONT = "DejaVu"
SUBSTITUTE = "\u25a1"  # WHITE SQUARE, drawn by DejaVu Sans


def font_dir() -> Path:
    """DejaVu Sans, regular and bold, shipped with the package (ttf/, with its licence)."""
    return Path(__file__).with_name("ttf")


def font_file(bold: bool = False) -> Path:
    return font_dir() / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


# The characters summaries are made of: Latin (French included), punctuation, currency,
# arrows, maths and the shapes (□ •). Writing uses a copy of DejaVu Sans cut down to
# these, which fpdf2 subsets for each document in a few milliseconds; the full font
# (6,000 glyphs, ten times slower to subset) is the fallback for anything else, and
# is left out of documents that do not use it.
COMMON_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x2C6, 0x2DD),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x214F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x25A0, 0x25FF),
)
FALLBACK = FONT + "Full"
UNCOMMON = re.compile(
    "[^" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in COMMON_RANGES) + "\n\r\t]"
)


@cache
def _font_bytes(bold: bool) -> bytes:
    """The font file, read once per process (fonts open from memory: no file left open)."""
    return font_file(bold).read_bytes()


@cache
def _common_font_bytes(bold: bool) -> bytes:
    """DejaVu Sans reduced to COMMON_RANGES (and without the tables a PDF never embeds)."""
    font = TTFont(io.BytesIO(_font_bytes(bold)), recalcTimestamp=False)
    options = ftsubset.Options(notdef_outline=True, recommended_glyphs=True, glyph_names=True)
    options.layout_features = []
    options.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta"]
    subsetter = ftsubset.Subsetter(options)
    cmap = font.getBestCmap()
    subsetter.populate(
        unicodes=[c for lo, hi in COMMON_RANGES for c in range(lo, hi + 1) if c in cmap]
    )
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _font_source(bold: bool, common: bool) -> io.BytesIO:
    return io.BytesIO(_common_font_bytes(bold) if common else _font_bytes(bold))


@cache
def font_template(bold: bool, common: bool = False) -> TTFFont:
    """Parse a font once per process (widths, glyph ids, descriptor)."""
    family = FONT if common else FALLBACK
    key = f"{family.lower()}{'B' if bold else ''}"
    return TTFFont(FPDF(), _font_source(bold, common), key, "B" if bold else "")


def warm_up() -> None:
    """Parse the fonts now, so the first summary costs no more than the next."""
    for common in (True, False):
        for bold in (False, True):
            font_template(bold, common)


def add_cached_fonts(pdf: FPDF) -> None:
    """Give ``pdf`` the regular and bold fonts (and their fallbacks), parsed once per process.

    Each document gets its own copy with a fresh glyph subset and a lazily opened
    font file: fpdf2 subsets that file in place when it writes the PDF.
    """
    for common in (True, False):
        for bold in (False, True):
            font = copy.copy(font_template(bold, common))
            font.i = len(pdf.fonts) + 1
            source = _font_source(bold, common)
            font.ttfont = TTFont(source, recalcTimestamp=False, lazy=True)
            font.biggest_size_pt = 0
            font.missing_glyphs = []
            font.subset = SubsetMap(font)
            pdf.fonts[font.fontkey] = font


def drop_unused_fallbacks(pdf: FPDF) -> None:
    """Leave the full fonts out of a document that drew nothing with them."""
    for bold in (False, True):
        key = font_template(bold).fontkey
        font = pdf.fonts[key]
        if len(font.subset) <= len(SubsetMap(font)):
            del pdf.fonts[key]


@lru_cache(maxsize=8192)
def units(bold: bool, word: str) -> int:
    """Width of ``word`` in the font's units (1/1000 of the font size)."""
    widths = font_template(bold).cw  # the full font: the same widths, and every glyph
    return sum(widths[ord(ch)] for ch in word)


@cache
def drawable() -> frozenset[int]:
    """Code points both the regular and the bold font have a glyph for."""
    maps = []
    for bold in (False, True):
        font = TTFont(font_file(bold), lazy=True)
        try:
            maps.append(set(font.getBestCmap()))
        finally:
            font.close()
    return frozenset(maps[0] & maps[1])


@cache
def _safe_char(ch: str) -> str:
    if ch == "\n" or ord(ch) in drawable():
        return ch
    if ch in "\u2028\u2029":
        return "\n"
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf"):
        return ""  # joiners, variation selectors, stray accents: nothing to show
    if category.startswith("Z"):
        return " "
    return SUBSTITUTE


def pdf_text(value: object, limit: int | None = None) -> str:
    """Make text safe to draw: no control characters, unknown glyphs shown as a square."""
    text = unicodedata.normalize("NFC", clean_text(value))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return "".join(_safe_char(ch) for ch in text)


def pdf_line(value: object, limit: int | None = None) -> str:
    """Like pdf_text, on a single line."""
    return pdf_text(" ".join(clean_text(value).split()), limit)
