"""The summary as a PDF: A4, embedded DejaVu Sans, the radar drawn as vector paths.

User text is written with plain ``cell`` (never markdown), after
dropping control characters and replacing what the font cannot draw with a
visible substitute, so no name can crash the document or be interpreted.

Speed (profiled with cProfile): fonts are parsed once per process
(``_font_template``), documents write with a copy of DejaVu cut down to Latin and
symbols, which is quick to subset (the full font joins only when a character needs
it), and text is broken into lines here with the font's width table
(``_SummaryPDF.wrap``), then written line by line with ``cell``: fpdf2's own
``multi_cell`` and ``table`` measure the line again for every character added,
which took most of the build time.
"""

from __future__ import annotations

import copy
import importlib.util
import io
import math
import re
import threading
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

from fontTools import subset as ftsubset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import SubsetMap, TTFFont

from clientcheck import __version__
from clientcheck.bank.records import MAX_NAME_CHARS
from clientcheck.guidance.moneytext import money_words
from clientcheck.guidance.render import SignView, format_date
from clientcheck.i18n import t
from clientcheck.outputs.charts import BAND_RINGS, PALETTE, RING_EDGE, RadarSeries, radar_points
from clientcheck.outputs.summary import (
    SummaryInput,
    advice_heading,
    clean_text,
    driver_lines,
    labels,
    tone_label,
)

FONT = "DejaVu"
SUBSTITUTE = "\u25a1"  # WHITE SQUARE, drawn by DejaVu Sans
MAX_TITLE_CHARS = 160
MAX_CELL_CHARS = 300

MARGIN = 18.0
TEXT = (33, 33, 33)
MUTED = (90, 90, 90)  # 4.5:1 or better on white, the draft fill and the verdict boxes
RULE = (210, 210, 210)
DRAFT_FILL = (244, 245, 247)
HEADING_FILL = (238, 240, 243)
# Verdict box colours by severity: (fill, edge). -1 is "not enough answers".
VERDICT_COLOURS = {
    -1: ("#eeeeee", "#9e9e9e"),
    0: ("#e3f2e6", "#2e7d32"),
    1: ("#fdf6d8", "#b08900"),
    2: ("#fdebd3", "#d55e00"),
    3: ("#fbe3e1", "#c62828"),
    4: ("#fbe3e1", "#c62828"),
}


# --- the font and what it can draw -------------------------------------------------------


def font_dir() -> Path:
    """Find matplotlib's bundled TTF folder without importing matplotlib (slow)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is needed for its DejaVu Sans fonts")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


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
_UNCOMMON = re.compile(
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
def _font_template(bold: bool, common: bool = False) -> TTFFont:
    """Parse a font once per process (widths, glyph ids, descriptor)."""
    family = FONT if common else FALLBACK
    key = f"{family.lower()}{'B' if bold else ''}"
    return TTFFont(FPDF(), _font_source(bold, common), key, "B" if bold else "")


def warm_up() -> None:
    """Parse the fonts now, so the first summary costs no more than the next."""
    for common in (True, False):
        for bold in (False, True):
            _font_template(bold, common)


def _add_cached_fonts(pdf: FPDF) -> None:
    """Give ``pdf`` the regular and bold fonts (and their fallbacks), parsed once per process.

    Each document gets its own copy with a fresh glyph subset and a lazily opened
    font file: fpdf2 subsets that file in place when it writes the PDF.
    """
    for common in (True, False):
        for bold in (False, True):
            font = copy.copy(_font_template(bold, common))
            font.i = len(pdf.fonts) + 1
            source = _font_source(bold, common)
            font.ttfont = TTFont(source, recalcTimestamp=False, lazy=True)
            font.biggest_size_pt = 0
            font.missing_glyphs = []
            font.subset = SubsetMap(font)
            pdf.fonts[font.fontkey] = font


def _drop_unused_fallbacks(pdf: FPDF) -> None:
    """Leave the full fonts out of a document that drew nothing with them."""
    for bold in (False, True):
        key = _font_template(bold).fontkey
        font = pdf.fonts[key]
        if len(font.subset) <= len(SubsetMap(font)):
            del pdf.fonts[key]


@lru_cache(maxsize=8192)
def _units(bold: bool, word: str) -> int:
    """Width of ``word`` in the font's units (1/1000 of the font size)."""
    widths = _font_template(bold).cw  # the full font: the same widths, and every glyph
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


# --- the document ------------------------------------------------------------------------


class _SummaryPDF(FPDF):
    def __init__(self, page_label: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._page_label = page_label

    def normalize_text(self, text: str) -> str:
        # fpdf2 checks every character against the fallback fonts once they are set:
        # set them only when a character needs them.
        if not self._fallback_font_ids and _UNCOMMON.search(text):
            self.set_fallback_fonts([FALLBACK])
        return super().normalize_text(text)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        text = self._page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(0, 5, text, align=Align.C)

    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def room(self) -> float:
        return self.page_break_trigger - self.get_y()

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` millimetres still fit on this one."""
        if self.room() < height:
            self.add_page()

    def style(self, size: float, bold: bool = False, colour: tuple[int, int, int] = TEXT) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)

    # --- text layout: lines broken here, written with cell() ---------------------------

    def wrap(self, text: str, width: float) -> list[str]:
        """Break ``text`` into lines at most ``width`` mm wide in the current font.

        Lines break at spaces (which are dropped there), and inside a word only when
        the word alone is wider than a line. Every other character is kept.
        """
        bold = "B" in self.font_style
        scale = self.font_size / 1000
        limit = max(width, 0.1) / scale
        space = _units(bold, " ")
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words: list[str] = []
            used = 0.0
            for word in paragraph.split(" "):
                size = _units(bold, word)
                if words and used + space + size <= limit:
                    words.append(word)
                    used += space + size
                    continue
                if words:
                    lines.append(" ".join(words))
                if size > limit:  # a word longer than a line: cut it where it must
                    pieces = self._cut(word, limit, bold)
                    lines.extend(pieces[:-1])
                    word, size = pieces[-1], _units(bold, pieces[-1])
                words, used = [word], size
            lines.append(" ".join(words))
        return lines

    @staticmethod
    def _cut(word: str, limit: float, bold: bool) -> list[str]:
        widths = _font_template(bold).cw
        pieces, start, used = [], 0, 0.0
        for i, ch in enumerate(word):
            size = widths[ord(ch)]
            if used + size > limit and i > start:
                pieces.append(word[start:i])
                start, used = i, 0.0
            used += size
        pieces.append(word[start:])
        return pieces

    def _inner(self, w: float, padding: float | None = None) -> tuple[float, float]:
        width = w or (self.w - self.r_margin - self.x)
        return width, width - 2 * (self.c_margin if padding is None else padding)

    def block_height(self, w: float, h: float, text: str) -> float:
        """Height ``text_block`` would take, without drawing anything."""
        return len(self.wrap(text, self._inner(w)[1])) * h

    def text_block(
        self,
        w: float,
        h: float,
        text: str,
        align: Align = Align.L,
        new_x: XPos = XPos.LMARGIN,
        fill: bool = False,
        padding: tuple[float, float] | None = None,
    ) -> None:
        """Write ``text`` wrapped to ``w`` mm (0: to the right margin), ``h`` mm a line.

        ``padding`` (vertical, horizontal) surrounds the text inside the filled box.
        The cursor ends below the text, at the left margin or (``XPos.LEFT``) at ``x``.
        """
        width, inner = self._inner(w, padding[1] if padding else None)
        x = self.x
        margin = self.c_margin
        if padding:
            self.c_margin = padding[1]
            self.cell(width, padding[0], "", fill=fill, new_x=XPos.LEFT, new_y=YPos.NEXT)
        for line in self.wrap(text, inner):
            self.cell(width, h, line, align=align, fill=fill, new_x=XPos.LEFT, new_y=YPos.NEXT)
        if padding:
            self.cell(width, padding[0], "", fill=fill, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.c_margin = margin
        self.set_x(self.l_margin if new_x == XPos.LMARGIN else x)

    def grid(
        self,
        widths: Sequence[float],
        rows: Sequence[Sequence[str]],
        aligns: Sequence[Align],
        line_height: float = 4.2,
        padding: float = 1.4,
    ) -> None:
        """A table with ruled cells; the first row is the (bold, shaded) heading row,
        drawn again at the top of each new page. A row taller than a page is split."""
        size = self.font_size_pt
        heading, *body = rows

        def lines_of(row: Sequence[str], bold: bool) -> list[list[str]]:
            self.set_font(FONT, "B" if bold else "", size)
            return [self.wrap(text, w - 2 * padding) for text, w in zip(row, widths, strict=True)]

        head = lines_of(heading, True)
        self._grid_row(widths, head, aligns, line_height, padding, heading=True)
        for row in body:
            cells = lines_of(row, False)
            count = max(len(lines) for lines in cells)
            height = count * line_height + 2 * padding
            page = self.page_break_trigger - self.t_margin
            if self.get_y() + height > self.page_break_trigger and height <= page:
                self.add_page()
                self._grid_row(widths, head, aligns, line_height, padding, heading=True)
                self.set_font(FONT, "", size)
            while cells:
                room = int((self.page_break_trigger - self.get_y() - 2 * padding) // line_height)
                if room < 1:
                    self.add_page()
                    self._grid_row(widths, head, aligns, line_height, padding, heading=True)
                    self.set_font(FONT, "", size)
                    continue
                now = [lines[:room] for lines in cells]
                self._grid_row(widths, now, aligns, line_height, padding, heading=False)
                rest = [lines[room:] for lines in cells]
                cells = rest if any(rest) else []

    def _grid_row(
        self,
        widths: Sequence[float],
        cells: Sequence[Sequence[str]],
        aligns: Sequence[Align],
        line_height: float,
        padding: float,
        heading: bool,
    ) -> None:
        self.set_font(FONT, "B" if heading else "", self.font_size_pt)
        height = max(1, max(len(lines) for lines in cells)) * line_height + 2 * padding
        x, y = self.l_margin, self.get_y()
        margin, self.c_margin = self.c_margin, padding
        for w, lines, align in zip(widths, cells, aligns, strict=True):
            with self.local_context(fill_color=HEADING_FILL):
                self.rect(x, y, w, height, style="DF" if heading else "D")
            for i, line in enumerate(lines):
                self.set_xy(x, y + padding + i * line_height)
                self.cell(w, line_height, line, align=align)
            x += w
        self.c_margin = margin
        self.set_xy(self.l_margin, y + height)

    def heading(self, text: str) -> None:
        self.keep(24)
        self.ln(4)
        self.style(13, bold=True)
        self.text_block(0, 7, pdf_line(text))
        y = self.get_y() + 0.5
        with self.local_context(draw_color=RULE, line_width=0.3):
            self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(2.5)

    def paragraph(self, text: str, size: float = 10, colour=TEXT, bold=False, indent=0.0) -> None:
        self.style(size, bold, colour)
        self.set_x(self.l_margin + indent)
        self.text_block(self.width - indent, size * 0.5, text)

    def bullet(self, text: str, marker: str = "•", indent: float = 2.0) -> None:
        self.style(10)
        self.keep(6)
        self.set_x(self.l_margin + indent)
        self.cell(6, 5, marker)
        self.text_block(self.width - indent - 6, 5, text)
        self.ln(0.8)


def _title_block(pdf: _SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    ctx = data.ctx
    pdf.style(9, bold=True, colour=MUTED)
    pdf.cell(0, 5, f"{words['title']} · {words['subtitle']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    pdf.paragraph(pdf_text(ctx.client_name, MAX_TITLE_CHARS).replace("\n", " "), 20, bold=True)
    pdf.ln(1)
    pdf.paragraph(
        f"{words['date']}{words['colon']} {format_date(ctx.assessed_on, ctx.lang)}", 10, MUTED
    )
    if ctx.notes.strip():
        pdf.ln(1.5)
        pdf.paragraph(f"{words['notes']}{words['colon']}", 9, MUTED, bold=True)
        pdf.paragraph(pdf_text(ctx.notes.strip()), 9, MUTED)
    pdf.ln(4)


def _verdict_box(pdf: _SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    ctx = data.ctx
    fill, edge = VERDICT_COLOURS.get(max(-1, min(4, ctx.verdict_severity)), VERDICT_COLOURS[-1])
    dependency = f"{ctx.dependency}/100" if ctx.dependency_known else words["dependency_unknown"]
    answered = words["answered_of"].format(answered=ctx.answered, total=ctx.total)
    facts = (
        f"{words['overall_risk']}{words['colon']} {ctx.risk_text} ({ctx.risk_band_label})  ·  "
        f"{words['dependency']}{words['colon']} {dependency}  ·  "
        f"{words['confidence']}{words['colon']} {ctx.confidence_label} ({answered})"
    )
    title = pdf_line(f"{words['verdict']}{words['colon']} {ctx.verdict_label}")
    why = pdf_text(data.why)
    pad, inner = 5.0, pdf.width - 10.0 - 3.0
    pdf.style(15, bold=True)
    h_title = pdf.block_height(inner, 7.5, title)
    pdf.style(10.5)
    h_why = pdf.block_height(inner, 5.4, why)
    pdf.style(8.5, colour=MUTED)
    h_facts = pdf.block_height(inner, 4.4, pdf_line(facts))
    height = pad + h_title + 2 + h_why + 2.5 + h_facts + pad
    pdf.keep(height + 2)
    x, y = pdf.l_margin, pdf.get_y()
    with pdf.local_context(fill_color=fill, draw_color=edge, line_width=0.4):
        pdf.rect(x, y, pdf.width, height, style="DF", round_corners=True, corner_radius=2.5)
    with pdf.local_context(fill_color=edge):
        pdf.rect(x, y, 3.0, height, style="F")
    left = x + 3.0 + pad
    pdf.set_xy(left, y + pad)
    pdf.style(15, bold=True)
    pdf.text_block(inner, 7.5, title, new_x=XPos.LEFT)
    pdf.ln(2)
    pdf.set_x(left)
    pdf.style(10.5)
    pdf.text_block(inner, 5.4, why, new_x=XPos.LEFT)
    pdf.ln(2.5)
    pdf.set_x(left)
    pdf.style(8.5, colour=MUTED)
    pdf.text_block(inner, 4.4, pdf_line(facts))
    pdf.set_y(y + height + 3)


# --- the radar ---------------------------------------------------------------------------


def _to_page(
    points: Sequence[tuple[float, float]], cx: float, cy: float
) -> list[tuple[float, float]]:
    # charts.radar_points has y pointing up; the page's y points down.
    return [(cx + x, cy - y) for x, y in points]


def _radar_labels(signs: Sequence[SignView], names: Sequence[str], show_scores: bool) -> list[str]:
    out = []
    for i, name in enumerate(names):
        text = pdf_line(name)
        if show_scores and i < len(signs):
            sign = signs[i]
            text += f"\n{sign.score}/100" if sign.assessed else f"\n{sign.band_label}"
        out.append(text)
    return out


RADAR_RADIUS = 36.0
LABEL_W, LABEL_GAP, LABEL_H = 44.0, 3.0, 11.0


def radar_height(series_count: int, radius: float = RADAR_RADIUS) -> float:
    """Height in mm the radar takes, labels and legend included."""
    legend = 6.0 * math.ceil(series_count / 2) + 2 if series_count > 1 else 0.0
    return 2 * (radius + LABEL_GAP + LABEL_H) + legend + 2


def draw_radar(
    pdf: _SummaryPDF,
    names: Sequence[str],
    series: Sequence[RadarSeries],
    signs: Sequence[SignView] = (),
    radius: float = RADAR_RADIUS,
) -> None:
    """Draw the radar at the current position: rings, axes, labels, series, legend."""
    count = len(names)
    pdf.keep(radar_height(len(series), radius))
    cx = pdf.w / 2
    cy = pdf.get_y() + LABEL_H + LABEL_GAP + radius
    # Band rings, outermost first, as filled heptagons.
    with pdf.local_context(draw_color=RING_EDGE, line_width=0.25):
        for upper, colour in BAND_RINGS:
            with pdf.local_context(fill_color=colour):
                ring = _to_page(radar_points([upper] * count, radius), cx, cy)
                pdf.polygon(ring, style="DF")
        for x, y in _to_page(radar_points([100] * count, radius), cx, cy):
            pdf.line(cx, cy, x, y)
    pdf.style(6.5, colour=TEXT)  # on the band colours, where grey would fade
    for upper, _ in BAND_RINGS:
        pdf.text(cx + 0.8, cy - radius * upper / 100 + 2.6, f"{upper:g}")
    # The series: filled when alone, lines only when compared.
    for i, item in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        points = _to_page(radar_points(list(item.values), radius), cx, cy)
        with pdf.local_context(draw_color=colour, fill_color=colour, line_width=0.7):
            if item.dash != "solid":
                pdf.set_dash_pattern(dash=1.6, gap=1.0)
            if len(series) == 1 and len(points) >= 3:
                with pdf.local_context(fill_opacity=0.18):
                    pdf.polygon(points, style="F")
            if len(points) >= 2:
                pdf.polygon(points, style="D")
            pdf.set_dash_pattern()
            for x, y in points:
                pdf.circle(x, y, 0.9, style="F")
    # Axis labels, anchored so they grow away from the chart.
    texts = _radar_labels(signs, names, show_scores=len(series) == 1)
    outer = _to_page(radar_points([100] * count, radius + LABEL_GAP), cx, cy)
    for i, (x, y) in enumerate(outer):
        dx, dy = x - cx, cy - y  # dy: up is positive
        if dx > 0.25 * radius:
            align, left = Align.L, x
        elif dx < -0.25 * radius:
            align, left = Align.R, x - LABEL_W
        else:
            align, left = Align.C, x - LABEL_W / 2
        pdf.style(8.5, bold=True)
        height = pdf.block_height(LABEL_W, 3.8, texts[i])
        if dy > 0.5 * radius:
            top = y - height
        elif dy < -0.5 * radius:
            top = y
        else:
            top = y - height / 2
        pdf.set_xy(left, top)
        name, _, score = texts[i].partition("\n")
        pdf.text_block(LABEL_W, 3.8, name, align=align, new_x=XPos.LEFT)
        if score:
            pdf.style(8, colour=MUTED)
            pdf.text_block(LABEL_W, 3.8, score, align=align, new_x=XPos.LEFT)
    pdf.set_xy(pdf.l_margin, cy + radius + LABEL_GAP + LABEL_H + 1)
    if len(series) > 1:
        _legend(pdf, series)


def _legend(pdf: _SummaryPDF, series: Sequence[RadarSeries]) -> None:
    column = pdf.width / 2
    pdf.style(9)
    for i, item in enumerate(series):
        x = pdf.l_margin + (i % 2) * column
        y = pdf.get_y()
        colour = PALETTE[i % len(PALETTE)]
        with pdf.local_context(draw_color=colour, line_width=0.9):
            if item.dash != "solid":
                pdf.set_dash_pattern(dash=1.6, gap=1.0)
            pdf.line(x, y + 2.5, x + 9, y + 2.5)
        pdf.set_xy(x + 11, y)
        pdf.cell(column - 12, 5, fit(pdf, pdf_line(item.name, 200), column - 14))
        if i % 2 == 1 or i == len(series) - 1:
            pdf.set_xy(pdf.l_margin, y + 6)


def fit(pdf: FPDF, text: str, width: float) -> str:
    """Shorten ``text`` with an ellipsis until it fits ``width`` in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


# --- the sections ------------------------------------------------------------------------


def _sign_table(pdf: _SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    ctx = data.ctx
    pdf.heading(words["signs"])
    pdf.style(8.5)
    rows = [[words["sign"], words["score"], words["band"], words["drivers"]]]
    for sign in ctx.signs:
        band = sign.band_label + (f" ({words['dealbreaker']})" if sign.dealbreaker else "")
        drivers = "\n".join(pdf_line(d, MAX_CELL_CHARS) for d in driver_lines(sign, ctx.lang))
        rows.append(
            [
                pdf_line(sign.name),
                str(sign.score) if sign.assessed else "—",
                pdf_line(band),
                drivers or words["no_drivers"],
            ]
        )
    with pdf.local_context(draw_color=RULE, line_width=0.2):
        pdf.grid((36, 19, 25, pdf.width - 80), rows, (Align.L, Align.R, Align.L, Align.L))


def _money(pdf: _SummaryPDF, data: SummaryInput) -> None:
    """The money view: rates against the target (bars and table), then twelve months."""
    view = data.money
    if view is None:
        return
    words = money_words(data.ctx.lang)
    pdf.heading(words["title"])
    if view.rows:
        _rate_bars(
            pdf,
            view.bars,
            [r.text for r in view.rows if r.key in _BAR_KEYS and r.value is not None],
        )
        _table(
            pdf,
            (words["col_figure"], words["col_value"], words["col_from"]),
            [(r.label, r.text, r.sources) for r in view.rows],
            (52, 30, pdf.width - 82),
            (Align.L, Align.R, Align.L),
        )
        pdf.ln(2)
        if view.target_sentence:
            pdf.paragraph(pdf_text(view.target_sentence), 10, bold=True)
        if view.review:
            pdf.paragraph(pdf_text(view.review), 10)
        if view.currency is None:
            pdf.paragraph(words["no_currency"], 8.5, MUTED)
        pdf.paragraph(words["verdict_note"], 8.5, MUTED)
    if view.exit_sentences:
        pdf.keep(60)
        pdf.ln(3)
        pdf.paragraph(words["exit_title"], 11, bold=True)
        pdf.ln(1)
        for line in view.exit_sentences:
            pdf.paragraph(pdf_text(line), 9.5)
            pdf.ln(1)
        _table(
            pdf,
            tuple(
                words[k]
                for k in (
                    "col_month",
                    "col_client_income",
                    "col_new_work",
                    "col_drawn",
                    "col_savings_left",
                    "col_uncovered",
                )
            ),
            [
                (r.month, r.client_income, r.new_work, r.drawn, r.savings_left, r.uncovered)
                for r in view.exit_rows
            ],
            (24, *([(pdf.width - 24) / 5] * 5)),
            (Align.L, Align.R, Align.R, Align.R, Align.R, Align.R),
        )


_BAR_KEYS = ("billed_rate", "effective", "after_waiting", "target")


def _rate_bars(pdf: _SummaryPDF, bars: Sequence[tuple[str, float]], texts: Sequence[str]) -> None:
    """Horizontal bars of the hourly rates, drawn as vector rectangles."""
    if not bars:
        return
    label_w, bar_h, gap = 62.0, 5.0, 2.2
    pdf.keep(len(bars) * (bar_h + gap) + 6)
    top = max((value for _, value in bars), default=0.0)
    room = pdf.width - label_w - 28
    for i, ((label, value), text) in enumerate(zip(bars, texts, strict=False)):
        y = pdf.get_y()
        pdf.style(8.5)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w - 2, bar_h, fit(pdf, pdf_line(label), label_w - 2), align=Align.R)
        length = room * max(value, 0.0) / top if top > 0 else 0.0
        colour = PALETTE[1] if i == len(bars) - 1 else PALETTE[0]
        with pdf.local_context(fill_color=colour):
            if length > 0:
                pdf.rect(pdf.l_margin + label_w, y + 0.5, length, bar_h - 1, style="F")
        pdf.set_xy(pdf.l_margin + label_w + length + 1.5, y)
        pdf.cell(26, bar_h, pdf_line(text))
        pdf.set_xy(pdf.l_margin, y + bar_h + gap)
    pdf.ln(2)


def _table(
    pdf: _SummaryPDF,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    aligns: Sequence[Align],
) -> None:
    pdf.style(8.5)
    with pdf.local_context(draw_color=RULE, line_width=0.2):
        pdf.grid(
            tuple(widths),
            [list(headings), *([pdf_line(cell, MAX_CELL_CHARS) for cell in row] for row in rows)],
            tuple(aligns),
        )


def _changes(pdf: _SummaryPDF, data: SummaryInput) -> None:
    """What would change the verdict, from the engine."""
    ctx = data.ctx
    if ctx.verdict == "not_enough":
        return
    pdf.heading(t("changes_title", ctx.lang))
    for line in ctx.changes or (t("changes_none", ctx.lang),):
        pdf.bullet(pdf_text(line))
    pdf.ln(2)


def _advice(pdf: _SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    pdf.heading(words["advice"])
    if not data.advice:
        pdf.paragraph(words["no_advice"])
        return
    for item in data.advice:
        pdf.keep(18)
        pdf.paragraph(pdf_line(advice_heading(item, words)), 10.5, bold=True)
        path = words[f"advice_{item.advice}"]
        tags = [item.band_label, *([words["dealbreaker"]] if item.dealbreaker else []), path]
        pdf.paragraph(pdf_line(", ".join(tags)), 8.5, MUTED)
        pdf.ln(1)
        for line in item.lines:
            pdf.bullet(pdf_text(line))
        pdf.ln(2)


def _plan(pdf: _SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    if not data.plan:
        return
    pdf.heading(words["plan"])
    for number, step in enumerate(data.plan, 1):
        pdf.bullet(pdf_text(step), marker=f"{number}.")


def _drafts(pdf: _SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    if not data.drafts:
        return
    pdf.heading(words["drafts"])
    pdf.paragraph(words["draft_note"], 9, MUTED)
    pdf.ln(2)
    for draft in data.drafts:
        body = pdf_text(draft.body.strip("\n"))
        pdf.style(9.5)
        height = len(pdf.wrap(body, pdf.width - 7.0)) * 4.8 + 5.0
        # Keep a draft on one page when it fits on one.
        pdf.keep(min(height + 16, pdf.page_break_trigger - pdf.t_margin))
        title = f"{draft.title} ({tone_label(draft.tone, data.ctx.lang)})"
        pdf.paragraph(pdf_line(title), 10.5, bold=True)
        pdf.ln(0.5)
        subject = f"{words['subject']}{words['colon']} {draft.subject}"
        pdf.paragraph(pdf_line(subject), 9.5, bold=True, colour=MUTED)
        pdf.ln(1)
        pdf.style(9.5)
        with pdf.local_context(fill_color=DRAFT_FILL):
            pdf.text_block(pdf.width, 4.8, body, fill=True, padding=(2.5, 3.5))
        pdf.ln(4)


def _comparison(pdf: _SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    view = data.comparison
    if view is None:
        return
    pdf.keep(radar_height(len(view.series)) + 20)
    pdf.heading(pdf_line(f"{words['comparison']}{words['colon']} {view.title}"))
    draw_radar(pdf, view.labels, view.series)
    pdf.ln(2)
    pdf.style(8.5)
    rows = [
        [
            words["compare_name"],
            words["verdict"],
            words["overall_risk"],
            words["dependency_short"],
            words["top_signs"],
        ]
    ]
    for row in view.rows:
        rows.append(
            [
                pdf_line(row.name, MAX_NAME_CHARS),
                pdf_line(row.verdict_label),
                str(row.risk),
                str(row.dependency),
                pdf_line(row.top_signs, MAX_CELL_CHARS) or words["no_drivers"],
            ]
        )
    with pdf.local_context(draw_color=RULE, line_width=0.2):
        pdf.grid(
            (40, 36, 20, 24, pdf.width - 120), rows, (Align.L, Align.L, Align.R, Align.R, Align.L)
        )


# The parsed fonts are shared by every summary in the process, and fpdf2 writes into
# them while it lays out and outputs a document: two summaries built at once on two
# threads (two people pressing "Prepare" together) corrupt each other's output
# (KeyError in fpdf's cross-reference table, seen under load). One at a time, then.
_BUILD_LOCK = threading.Lock()


def summary_pdf(data: SummaryInput) -> bytes:
    """Lay the summary out on A4 pages and return the PDF file's bytes."""
    with _BUILD_LOCK:
        return _summary_pdf(data)


def _summary_pdf(data: SummaryInput) -> bytes:
    ctx = data.ctx
    words = labels(ctx.lang)
    pdf = _SummaryPDF(words["page"])
    pdf.set_margins(MARGIN, 16, MARGIN)
    pdf.set_auto_page_break(True, margin=18)
    _add_cached_fonts(pdf)
    name = pdf_line(ctx.client_name, MAX_TITLE_CHARS)
    pdf.set_title(f"{words['title']}{words['colon']} {name}")
    pdf.set_subject(words["pdf_subject"])
    pdf.set_author("Client Check")
    pdf.set_creator(f"Client Check {__version__}")
    pdf.set_keywords(ctx.verdict_label)
    pdf.set_lang(ctx.lang)
    pdf.add_page()

    _title_block(pdf, data, words)
    _verdict_box(pdf, data, words)
    pdf.heading(words["radar"])
    signs = ctx.signs
    draw_radar(
        pdf,
        [s.name for s in signs],
        [
            RadarSeries(
                ctx.client_name, tuple(float(s.score) if s.assessed else None for s in signs)
            )
        ],
        signs,
    )
    _sign_table(pdf, data, words)
    _changes(pdf, data)
    _money(pdf, data)
    _advice(pdf, data, words)
    _plan(pdf, data, words)
    pdf.heading(words["check_again"])
    check_again = format_date(ctx.check_again_on, ctx.lang)
    pdf.paragraph(words["check_again_on"].format(date=check_again))
    _drafts(pdf, data, words)
    _comparison(pdf, data, words)
    pdf.heading(words["how_title"])
    pdf.paragraph(words["how"], 9.5)
    pdf.ln(4)
    pdf.paragraph(words["not_legal_advice"], 8.5, MUTED)
    _drop_unused_fallbacks(pdf)
    return bytes(pdf.output())
