"""The summary as a PDF (A4, embedded DejaVu Sans, vector radar), in four modules.

``fonts`` (the font, parsed once, and what it can draw), ``layout`` (the page: lines,
headings, paragraphs, tables), ``radar`` (the chart as vector paths) and ``document``
(the summary's sections, in order). ``clientcheck.outputs.pdf_worker`` builds it in a
helper process beside the server.
"""

from clientcheck.outputs.pdf.document import summary_pdf
from clientcheck.outputs.pdf.fonts import (
    SUBSTITUTE,
    drawable,
    font_dir,
    pdf_line,
    pdf_text,
    warm_up,
)

__all__ = ["SUBSTITUTE", "drawable", "font_dir", "pdf_line", "pdf_text", "summary_pdf", "warm_up"]
