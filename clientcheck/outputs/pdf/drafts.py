"""The summary's message drafts: each kept on one page when it fits where it starts; a
long one carried over rather than leave much of a page empty before it."""

from __future__ import annotations

from clientcheck.outputs.pdf.fonts import pdf_line, pdf_text
from clientcheck.outputs.pdf.layout import DRAFT_FILL, HEADING_SPACE, MUTED, SummaryPDF
from clientcheck.outputs.summary import SummaryInput, tone_label

# A draft's title and subject (16 mm) above its box (2.5 mm of padding each side, 4.8 mm a
# line); a draft that does not fit where it starts keeps at least this many lines there.
DRAFT_HEAD, DRAFT_LINE, DRAFT_FIRST_LINES = 16.0, 4.8, 6
# The share of a page left that a long draft starts in rather than leave it empty.
DRAFT_START_ROOM = 0.4


def _draft_height(pdf: SummaryPDF, body: str) -> float:
    """A draft's title, subject and text box, at most a page."""
    pdf.style(9.5)
    height = len(pdf.wrap(body, pdf.width - 7.0)) * DRAFT_LINE + 5.0 + DRAFT_HEAD
    return min(height, pdf.page_break_trigger - pdf.t_margin - 20)


def draft_keep(pdf: SummaryPDF, body: str, above: float = 0.0) -> float:
    """How much of a draft must fit where it starts (``above`` mm below the cursor): all of
    it if it fits there or the page is nearly full; if not, and much of the page is left,
    its title and first lines (a long draft carried on the next page, rather than a
    half-empty page before it)."""
    whole = _draft_height(pdf, body)
    room = pdf.page_break_trigger - pdf.get_y() - above
    page = pdf.page_break_trigger - pdf.t_margin
    if whole <= room or room < DRAFT_START_ROOM * page:
        return whole
    return DRAFT_HEAD + 2.5 + DRAFT_FIRST_LINES * DRAFT_LINE


def drafts(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    if not data.drafts:
        return
    bodies = [pdf_text(draft.body.strip("\n")) for draft in data.drafts]
    note = pdf.paragraph_height(data.draft_note, 9) + 2
    pdf.style(13, bold=True)
    head = HEADING_SPACE + pdf.block_height(0, 7, pdf_line(words["drafts"]))
    pdf.heading(words["drafts"], keep_with=note + draft_keep(pdf, bodies[0], above=head + note))
    pdf.paragraph(data.draft_note, 9, MUTED)
    pdf.ln(2)
    for draft, body in zip(data.drafts, bodies, strict=True):
        pdf.keep(draft_keep(pdf, body))
        title = f"{draft.title} ({tone_label(draft.tone, data.ctx.lang)})"
        pdf.paragraph(pdf_line(title), 10.5, bold=True)
        pdf.ln(0.5)
        subject = f"{words['subject']}{words['colon']} {draft.subject}"
        pdf.paragraph(pdf_line(subject), 9.5, bold=True, colour=MUTED)
        pdf.ln(1)
        pdf.style(9.5)
        with pdf.local_context(fill_color=DRAFT_FILL):
            pdf.text_block(pdf.width, DRAFT_LINE, body, fill=True, padding=(2.5, 3.5))
        pdf.ln(4)
