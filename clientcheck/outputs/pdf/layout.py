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


class SummaryPDF(FPDF):
    def __init__(self, page_label: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
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


def fit(pdf: FPDF, text: str, width: float) -> str:
    """Shorten ``text`` with an ellipsis until it fits ``width`` in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
