"""The page: A4 with page numbers, text broken into lines, headings, paragraphs, tables.

Text is broken into lines here with the font's width table (``SummaryPDF.wrap``), then
written line by line with ``cell``: fpdf2's own ``multi_cell`` measures the line again
for every character added, which took most of the build time.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from clientcheck.outputs.pdf.fonts import FALLBACK, FONT, UNCOMMON, font_template, pdf_line, units

TEXT = (33, 33, 33)
MUTED = (90, 90, 90)  # 4.5:1 or better on white, the draft fill and the verdict boxes
RULE = (210, 210, 210)
DRAFT_FILL = (244, 245, 247)
HEADING_FILL = (238, 240, 243)
GRID_LINE, GRID_PADDING = 4.2, 1.4  # mm: a table's line height and cell padding
HEADING_SPACE = 4 + 0.5 + 2.5  # mm around a heading's text: space above, rule, space below


class SummaryPDF(FPDF):
    def __init__(self, page_label: str, page_format: str = "A4") -> None:
        super().__init__(orientation="portrait", unit="mm", format=page_format)
        self._page_label = page_label

    def normalize_text(self, text: str) -> str:
        # fpdf2 checks every character against the fallback fonts once they are set:
        # set them only when a character needs them.
        if not self._fallback_font_ids and UNCOMMON.search(text):
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

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` millimetres still fit on this one.

        Never inside ``local_context``: a page added there would leave its graphics
        state open on the old page (fpdf2's own page breaks take care of that).
        """
        if self.will_page_break(height):
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
        space = units(bold, " ")
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words: list[str] = []
            used = 0.0
            for word in paragraph.split(" "):
                size = units(bold, word)
                if words and used + space + size <= limit:
                    words.append(word)
                    used += space + size
                    continue
                if words:
                    lines.append(" ".join(words))
                if size > limit:  # a word longer than a line: cut it where it must
                    pieces = self._cut(word, limit, bold)
                    lines.extend(pieces[:-1])
                    word, size = pieces[-1], units(bold, pieces[-1])
                words, used = [word], size
            lines.append(" ".join(words))
        return lines

    @staticmethod
    def _cut(word: str, limit: float, bold: bool) -> list[str]:
        widths = font_template(bold).cw
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

    # --- tables: laid out here, page breaks decided with fpdf2's will_page_break ---------

    def grid(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        aligns: Sequence[Align],
        size: float = 8.5,
    ) -> None:
        """A ruled table: a shaded heading row, drawn again at the top of each new page
        and never left alone at a page's foot. A row taller than a page is split.

        Not fpdf2's ``table``: it measures every character of every cell twice, which
        took a summary from 75 to 140 ms (above the 100 ms target of scripts/bench.py).
        No ``local_context`` either: a page added inside one leaves its graphics state
        open on the page before (poppler: "Restoring state when no valid states to pop").
        """
        page = self.page_break_trigger - self.t_margin
        head = self._grid_lines(headings, widths, size, bold=True)
        body = [self._grid_lines(row, widths, size, bold=False) for row in rows]
        first = self._grid_height(body[0]) if body else 0.0
        if self.will_page_break(min(self._grid_height(head) + first, page)):
            self.add_page()
        saved = (self.draw_color, self.fill_color, self.line_width)
        self.set_draw_color(*RULE)
        self.set_fill_color(*HEADING_FILL)
        self.set_line_width(0.2)
        self._grid_row(widths, head, aligns, size, heading=True)
        for cells in body:
            height = self._grid_height(cells)
            if self.will_page_break(height) and height + self._grid_height(head) <= page:
                self._grid_page(widths, head, aligns, size)
            while cells:  # taller than what is left of the page: split it by lines
                fits = int((self.page_break_trigger - self.get_y() - 2 * GRID_PADDING) // GRID_LINE)
                if fits < 1:
                    self._grid_page(widths, head, aligns, size)
                    continue
                self._grid_row(widths, [lines[:fits] for lines in cells], aligns, size)
                rest = [lines[fits:] for lines in cells]
                cells = rest if any(rest) else []
        self.set_draw_color(saved[0])
        self.set_fill_color(saved[1])
        self.set_line_width(saved[2])

    def _grid_lines(
        self, row: Sequence[str], widths: Sequence[float], size: float, bold: bool
    ) -> list[list[str]]:
        self.style(size, bold)
        return [self.wrap(text, w - 2 * GRID_PADDING) for text, w in zip(row, widths, strict=True)]

    @staticmethod
    def _grid_height(cells: Sequence[Sequence[str]]) -> float:
        return (
            max(1, max((len(lines) for lines in cells), default=1)) * GRID_LINE + 2 * GRID_PADDING
        )

    def _grid_page(self, widths, head, aligns, size: float) -> None:
        """Go on overleaf, under the table's heading row drawn again."""
        self.add_page()
        self.set_draw_color(*RULE)
        self.set_fill_color(*HEADING_FILL)
        self._grid_row(widths, head, aligns, size, heading=True)

    def _grid_row(
        self,
        widths: Sequence[float],
        cells: Sequence[Sequence[str]],
        aligns: Sequence[Align],
        size: float,
        heading: bool = False,
    ) -> None:
        self.style(size, heading)
        height = self._grid_height(cells)
        x, y = self.l_margin, self.get_y()
        margin, self.c_margin = self.c_margin, GRID_PADDING
        for w, lines, align in zip(widths, cells, aligns, strict=True):
            self.rect(x, y, w, height, style="DF" if heading else "D")
            for i, line in enumerate(lines):
                self.set_xy(x, y + GRID_PADDING + i * GRID_LINE)
                self.cell(w, GRID_LINE, line, align=align)
            x += w
        self.c_margin = margin
        self.set_xy(self.l_margin, y + height)

    def grid_start_height(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        size: float = 8.5,
    ) -> float:
        """Height of a table's heading row and first row: what must follow its heading."""
        height = self._grid_height(self._grid_lines(headings, widths, size, bold=True))
        if rows:
            height += self._grid_height(self._grid_lines(rows[0], widths, size, bold=False))
        return height

    def heading(self, text: str, keep_with: float = 12.0) -> None:
        """A section's heading, kept with the first ``keep_with`` mm of what follows it:
        when both do not fit at the foot of this page, the heading starts the next one."""
        title = pdf_line(text)
        self.style(13, bold=True)
        height = HEADING_SPACE + self.block_height(0, 7, title)
        page = self.page_break_trigger - self.t_margin  # more never fits: break once
        if self.will_page_break(min(height + keep_with, page)):
            self.add_page()
        self.ln(4)
        self.style(13, bold=True)
        self.text_block(0, 7, title)
        y = self.get_y() + 0.5
        with self.local_context(draw_color=RULE, line_width=0.3):
            self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(2.5)

    def paragraph_height(self, text: str, size: float = 10, bold=False, indent=0.0) -> float:
        self.style(size, bold)
        return self.block_height(self.width - indent, size * 0.5, text)

    def paragraph(self, text: str, size: float = 10, colour=TEXT, bold=False, indent=0.0) -> None:
        """A paragraph; one of up to five lines is never split across pages (a user's
        walk: the last word of a bold sentence alone at the top of a page)."""
        height = self.paragraph_height(text, size, bold, indent)
        if height <= size * 0.5 * 5 + 0.01:
            self.keep(height)
        self.style(size, bold, colour)
        self.set_x(self.l_margin + indent)
        self.text_block(self.width - indent, size * 0.5, text)

    def bullet_height(self, text: str, indent: float = 2.0) -> float:
        self.style(10)
        return self.block_height(self.width - indent - 6, 5, text) + 0.8

    def bullet(self, text: str, marker: str = "•", indent: float = 2.0) -> None:
        self.style(10)
        self.keep(min(self.bullet_height(text, indent), 10.8))  # its first two lines together
        self.style(10)
        self.set_x(self.l_margin + indent)
        self.cell(6, 5, marker)
        self.text_block(self.width - indent - 6, 5, text)
        self.ln(0.8)


def fit(pdf: FPDF, text: str, width: float) -> str:
    """Shorten ``text`` with an ellipsis until it fits ``width`` in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
