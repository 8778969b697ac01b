"""The summary as a PDF: A4, embedded DejaVu Sans, the radar drawn as vector paths.

The document's sections in order: title, verdict, plan, check-again date, radar and
signs, what would change, money, advice, drafts, comparison, how the score works. User
text is written with plain ``cell`` (never markdown), through ``pdf_text``/``pdf_line``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from fpdf.enums import Align, XPos, YPos

from clientcheck import __version__
from clientcheck.bank.records import MAX_NAME_CHARS
from clientcheck.guidance.moneytext import exit_headers, money_words
from clientcheck.guidance.render import US_ENGLISH, format_date
from clientcheck.i18n import t
from clientcheck.outputs.charts import PALETTE, RadarSeries
from clientcheck.outputs.colours import verdict_colours
from clientcheck.outputs.pdf.drafts import drafts as _drafts
from clientcheck.outputs.pdf.fonts import (
    add_cached_fonts,
    drop_unused_fallbacks,
    pdf_line,
    pdf_text,
)
from clientcheck.outputs.pdf.layout import MUTED, SummaryPDF, fit
from clientcheck.outputs.pdf.radar import draw_radar, radar_height
from clientcheck.outputs.summary import (
    SummaryInput,
    advice_heading,
    driver_lines,
    labels,
)

MAX_TITLE_CHARS = 160
MAX_CELL_CHARS = 300
# A question in the sign table is shortened past this; its answer never is.
MAX_QUESTION_CHARS = 120
MARGIN = 18.0


def _title_block(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    ctx = data.ctx
    pdf.style(9, bold=True, colour=MUTED)
    pdf.cell(0, 5, f"{words['title']} · {words['subtitle']}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    pdf.paragraph(pdf_text(ctx.client_name, MAX_TITLE_CHARS).replace("\n", " "), 20, bold=True)
    pdf.ln(1)
    pdf.paragraph(
        f"{words['date']}{words['colon']} {format_date(ctx.assessed_on, ctx.dates)}", 10, MUTED
    )
    if ctx.notes.strip():
        pdf.ln(1.5)
        pdf.paragraph(f"{words['notes']}{words['colon']}", 9, MUTED, bold=True)
        pdf.paragraph(pdf_text(ctx.notes.strip()), 9, MUTED)
    pdf.ln(4)


def _verdict_box(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    ctx = data.ctx
    fill, edge = verdict_colours(ctx.verdict)  # the colours of the page's verdict box
    dependency = f"{ctx.dependency}/100" if ctx.dependency_known else words["dependency_unknown"]
    answered = words["answered_of"].format(answered=ctx.answered, total=ctx.total)
    facts = (
        f"{words['overall_risk']}{words['colon']} {ctx.risk_text} ({ctx.risk_band_label})  ·  "
        f"{words['dependency']}{words['colon']} {dependency}  ·  "
        f"{words['confidence']}{words['colon']} {ctx.confidence_label} ({answered})"
    )
    if ctx.risk_apart:
        facts += f"  ·  {words['risk_apart']}"
    if ctx.risk_above_verdict:
        facts += f"  ·  {words['risk_above_verdict']}"
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
    headings = (words["sign"], words["score"], words["band"], words["drivers"])
    rows = []
    for sign in ctx.signs:
        tags = [words[tag] for tag in sign.tags]
        band = sign.band_label + (f" ({', '.join(tags)})" if tags else "")
        said = driver_lines(sign, ctx.lang, question_chars=MAX_QUESTION_CHARS)
        drivers = "\n".join(pdf_line(d) for d in said)
        rows.append(
            (
                pdf_line(sign.name),
                str(sign.score) if sign.assessed else "—",
                pdf_line(band),
                drivers or words["no_drivers"],
            )
        )
    widths = (36, 19, 25, pdf.width - 80)
    pdf.heading(words["signs"], keep_with=pdf.grid_start_height(headings, rows, widths))
    pdf.grid(headings, rows, widths, (Align.L, Align.R, Align.L, Align.L))


def _money(pdf: SummaryPDF, data: SummaryInput) -> None:
    """The money view: rates against the target (bars and table), then twelve months."""
    view = data.money
    if view is None:
        return
    lang = data.ctx.lang
    words = money_words(lang)
    bars = [r.text for r in view.rows if r.key in _BAR_KEYS and r.value is not None]
    rate_headings = (words["col_figure"], words["col_value"], words["col_from"])
    rate_rows = [_cells(r.label, r.text, r.sources) for r in view.rows]
    rate_widths = (52, 30, pdf.width - 82)
    exit_rows = [
        _cells(r.month, r.client_income, r.new_work, r.drawn, r.savings_left, r.uncovered)
        for r in view.exit_rows
    ]
    exit_widths = (24, *([(pdf.width - 24) / 5] * 5))
    if view.rows:
        first = _bars_height(view.bars) or pdf.grid_start_height(
            rate_headings, rate_rows, rate_widths
        )
    else:
        first = _exit_start_height(pdf, view.exit_sentences, exit_rows, exit_widths, lang)
    pdf.heading(words["title"], keep_with=first)
    if view.rows:
        _rate_bars(pdf, view.bars, bars)
        pdf.grid(rate_headings, rate_rows, rate_widths, (Align.L, Align.R, Align.L))
        pdf.ln(2)
        if view.target_sentence:
            pdf.paragraph(pdf_text(view.target_sentence), 10, bold=True)
        if view.review:
            pdf.paragraph(pdf_text(view.review), 10)
        if view.currency is None:
            pdf.paragraph(words["no_currency"], 8.5, MUTED)
        pdf.paragraph(words["verdict_note"], 8.5, MUTED)
    if view.exit_sentences:
        pdf.keep(_exit_start_height(pdf, view.exit_sentences, exit_rows, exit_widths, lang))
        pdf.ln(3)
        pdf.paragraph(words["exit_title"], 11, bold=True)
        pdf.ln(1)
        for line in view.exit_sentences:
            pdf.paragraph(pdf_text(line), 9.5)
            pdf.ln(1)
        pdf.grid(exit_headers(lang), exit_rows, exit_widths, (Align.L, *[Align.R] * 5))


_BAR_KEYS = ("billed_rate", "effective", "after_waiting", "target")
_BAR_H, _BAR_GAP = 5.0, 2.2


def _cells(*texts: str) -> tuple[str, ...]:
    return tuple(pdf_line(text, MAX_CELL_CHARS) for text in texts)


def _bars_height(bars: Sequence[tuple[str, float]]) -> float:
    return len(bars) * (_BAR_H + _BAR_GAP) + 2 if bars else 0.0


def _exit_start_height(
    pdf: SummaryPDF,
    sentences: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    lang: str,
) -> float:
    """The twelve months' title, sentences and the table's first row: kept together."""
    title = pdf.paragraph_height(money_words(lang)["exit_title"], 11, bold=True)
    told = sum(pdf.paragraph_height(pdf_text(line), 9.5) + 1 for line in sentences)
    return 4 + title + told + pdf.grid_start_height(exit_headers(lang), rows, widths)


def _rate_bars(pdf: SummaryPDF, bars: Sequence[tuple[str, float]], texts: Sequence[str]) -> None:
    """Horizontal bars of the hourly rates, drawn as vector rectangles."""
    if not bars:
        return
    label_w = 62.0
    pdf.keep(_bars_height(bars))
    top = max((value for _, value in bars), default=0.0)
    room = pdf.width - label_w - 28
    for i, ((label, value), text) in enumerate(zip(bars, texts, strict=False)):
        y = pdf.get_y()
        pdf.style(8.5)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w - 2, _BAR_H, fit(pdf, pdf_line(label), label_w - 2), align=Align.R)
        length = room * max(value, 0.0) / top if top > 0 else 0.0
        colour = PALETTE[1] if i == len(bars) - 1 else PALETTE[0]
        with pdf.local_context(fill_color=colour):
            if length > 0:
                pdf.rect(pdf.l_margin + label_w, y + 0.5, length, _BAR_H - 1, style="F")
        pdf.set_xy(pdf.l_margin + label_w + length + 1.5, y)
        pdf.cell(26, _BAR_H, pdf_line(text))
        pdf.set_xy(pdf.l_margin, y + _BAR_H + _BAR_GAP)
    pdf.ln(2)


def _changes(pdf: SummaryPDF, data: SummaryInput) -> None:
    """What would change the verdict, from the engine."""
    ctx = data.ctx
    if ctx.verdict == "not_enough":
        return
    lines = [pdf_text(line) for line in ctx.changes or (t("changes_none", ctx.lang),)]
    pdf.heading(t("changes_title", ctx.lang), keep_with=pdf.bullet_height(lines[0]))
    for line in lines:
        pdf.bullet(line)
    pdf.ln(2)


def _advice_start_height(pdf: SummaryPDF, title: str, tags: str, first: str) -> float:
    return (
        pdf.paragraph_height(title, 10.5, bold=True)
        + pdf.paragraph_height(tags, 8.5)
        + 1
        + (pdf.bullet_height(first) if first else 0.0)
    )


def _advice(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    items = []
    for item in data.advice:
        # The path ("how to fix it") only when the title does not already say it (a user's
        # walk: "Pays late: how to fix it" over "Critical, how to fix it").
        path = words[f"advice_{item.path}"]
        said = path.casefold() in item.title.casefold()
        tags = [item.band_label, *([words["dealbreaker"]] if item.dealbreaker else [])]
        tags += [] if said else [path]
        lines = [pdf_text(line) for line in item.lines]
        items.append((pdf_line(advice_heading(item, words)), pdf_line(", ".join(tags)), lines))
    if not items:
        none = words[data.no_advice]
        pdf.heading(words["advice"], keep_with=pdf.paragraph_height(none))
        pdf.paragraph(none)
        return
    title, tags, lines = items[0]
    first = _advice_start_height(pdf, title, tags, lines[0] if lines else "")
    pdf.heading(words["advice"], keep_with=first)
    for title, tags, lines in items:
        pdf.keep(_advice_start_height(pdf, title, tags, lines[0] if lines else ""))
        pdf.paragraph(title, 10.5, bold=True)
        pdf.paragraph(tags, 8.5, MUTED)
        pdf.ln(1)
        for line in lines:
            pdf.bullet(line)
        pdf.ln(2)


def _plan(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    if not data.plan:
        return
    steps = [pdf_text(step) for step in data.plan]
    pdf.heading(words["plan"], keep_with=pdf.bullet_height(steps[0]))
    for number, step in enumerate(steps, 1):
        pdf.bullet(step, marker=f"{number}.")


def _comparison(pdf: SummaryPDF, data: SummaryInput, words: dict[str, str]) -> None:
    view = data.comparison
    if view is None:
        return
    title = pdf_line(f"{words['comparison']}{words['colon']} {view.title}")
    pdf.heading(title, keep_with=radar_height(len(view.series)))
    draw_radar(pdf, view.labels, view.series)
    pdf.ln(2)
    headings = (
        words["compare_name"],
        words["verdict"],
        words["overall_risk"],
        words["dependency_short"],
        words["top_signs"],
    )
    rows = [
        (
            pdf_line(row.name, MAX_NAME_CHARS),
            pdf_line(row.verdict_label),
            str(row.risk),
            str(row.dependency),
            pdf_line(row.top_signs, MAX_CELL_CHARS) or words["no_drivers"],
        )
        for row in view.rows
    ]
    aligns = (Align.L, Align.L, Align.R, Align.R, Align.L)
    pdf.grid(headings, rows, (40, 36, 20, 24, pdf.width - 120), aligns)


# The parsed fonts are shared by every summary in the process, and fpdf2 writes into
# them while it lays out and outputs a document: two summaries built at once on two
# threads (two people pressing "Prepare" together) corrupt each other's output
# (KeyError in fpdf's cross-reference table, seen under load). One at a time, then.
_BUILD_LOCK = threading.Lock()


def summary_pdf(data: SummaryInput) -> bytes:
    """Lay the summary out on A4 (US Letter for American English) and return the bytes."""
    with _BUILD_LOCK:
        return _summary_pdf(data)


def _summary_pdf(data: SummaryInput) -> bytes:
    ctx = data.ctx
    words = labels(ctx.lang)
    # US Letter for a user whose pages write dates the American way (a US user's walk:
    # "the PDF is A4"), A4 everywhere else.
    pdf = SummaryPDF(words["page"], "Letter" if ctx.dates == US_ENGLISH else "A4")
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
    # What to do comes right after the verdict, as on the results page (a user's walk: the
    # plan, the most useful part, was on page 5 of 6, after three pages of tables).
    _plan(pdf, data, words)
    if data.check_again_section:  # else the plan's last step says it, or says to answer now
        check_again = words["check_again_on"].format(
            date=format_date(ctx.check_again_on, ctx.dates)
        )
        pdf.heading(words["check_again"], keep_with=pdf.paragraph_height(check_again))
        pdf.paragraph(check_again)
    signs = ctx.signs
    pdf.heading(words["radar"], keep_with=radar_height(1))
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
    _drafts(pdf, data, words)
    _comparison(pdf, data, words)
    pdf.heading(words["how_title"], keep_with=3 * 4.75)  # its first three lines
    pdf.paragraph(words["how"], 9.5)
    pdf.ln(4)
    pdf.paragraph(words["not_legal_advice"], 8.5, MUTED)
    drop_unused_fallbacks(pdf)
    return bytes(pdf.output())
