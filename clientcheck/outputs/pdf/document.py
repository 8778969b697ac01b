"""The summary as a PDF: A4, embedded DejaVu Sans, the radar drawn as vector paths.

The document's sections in order: title, verdict, radar and signs, what would change,
money, advice, plan, check-again date, drafts, comparison, how the score works. User
text is written with plain ``cell`` (never markdown), through ``pdf_text``/``pdf_line``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from fpdf.enums import Align, XPos, YPos

from clientcheck import __version__
from clientcheck.bank.model import MAX_NAME_CHARS
from clientcheck.guidance.moneytext import money_words
from clientcheck.guidance.render import format_date
from clientcheck.i18n import t
from clientcheck.outputs.charts import PALETTE, RadarSeries
from clientcheck.outputs.pdf.fonts import (
    add_cached_fonts,
    drop_unused_fallbacks,
    pdf_line,
    pdf_text,
)
from clientcheck.outputs.pdf.layout import DRAFT_FILL, MUTED, RULE, SummaryPDF, fit
from clientcheck.outputs.pdf.radar import draw_radar, radar_height
from clientcheck.outputs.summary import (
    SummaryInput,
    advice_heading,
    driver_lines,
    labels,
    tone_label,
)

MAX_TITLE_CHARS = 160
MAX_CELL_CHARS = 300
MARGIN = 18.0
# Verdict box colours by severity: (fill, edge). -1 is "not enough answers".
VERDICT_COLOURS = {
    -1: ("#eeeeee", "#9e9e9e"),
    0: ("#e3f2e6", "#2e7d32"),
    1: ("#fdf6d8", "#b08900"),
    2: ("#fdebd3", "#d55e00"),
    3: ("#fbe3e1", "#c62828"),
    4: ("#fbe3e1", "#c62828"),
}


def _title_block(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
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


def _verdict_box(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
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


# --- the sections ------------------------------------------------------------------------


def _sign_table(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
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


def _money(pdf: SummaryPDF, data: SummaryInput) -> None:
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


def _rate_bars(pdf: SummaryPDF, bars: Sequence[tuple[str, float]], texts: Sequence[str]) -> None:
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
    pdf: SummaryPDF,
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


def _changes(pdf: SummaryPDF, data: SummaryInput) -> None:
    """What would change the verdict, from the engine."""
    ctx = data.ctx
    if ctx.verdict == "not_enough":
        return
    pdf.heading(t("changes_title", ctx.lang))
    for line in ctx.changes or (t("changes_none", ctx.lang),):
        pdf.bullet(pdf_text(line))
    pdf.ln(2)


def _advice(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    pdf.heading(words["advice"])
    if not data.advice:
        pdf.paragraph(words["no_advice"])
        return
    for item in data.advice:
        pdf.keep(18)
        pdf.paragraph(pdf_line(advice_heading(item, words)), 10.5, bold=True)
        path = words.get(f"path_{item.path}", item.path)
        tags = [item.band_label, *([words["dealbreaker"]] if item.dealbreaker else []), path]
        pdf.paragraph(pdf_line(", ".join(tags)), 8.5, MUTED)
        pdf.ln(1)
        for line in item.lines:
            pdf.bullet(pdf_text(line))
        pdf.ln(2)


def _plan(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    if not data.plan:
        return
    pdf.heading(words["plan"])
    for number, step in enumerate(data.plan, 1):
        pdf.bullet(pdf_text(step), marker=f"{number}.")


def _drafts(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
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


def _comparison(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
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
    pdf = SummaryPDF(words["page"])
    pdf.set_margins(MARGIN, 16, MARGIN)
    pdf.set_auto_page_break(True, margin=18)
    add_cached_fonts(pdf)
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
    drop_unused_fallbacks(pdf)
    return bytes(pdf.output())
