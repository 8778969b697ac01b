"""The radar drawn as vector paths: band rings, axes, labels, one or more series, a legend.

The geometry is the screen's (``clientcheck.outputs.charts``), so the PDF's radar
matches the page's.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.enums import Align, StrokeJoinStyle, XPos

from clientcheck.guidance.render import SignView
from clientcheck.outputs.charts import (
    BAND_RINGS,
    PALETTE,
    RING_EDGE,
    SCALE_TEXT,
    RadarSeries,
    radar_points,
    scale_marks,
)
from clientcheck.outputs.pdf.fonts import pdf_line
from clientcheck.outputs.pdf.layout import MUTED, SummaryPDF, fit


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
LEGEND_LINE = 6.0
# The scale's numbers: 5.5 pt, their digits as tall as capitals (in mm).
SCALE_PT = 5.5
SCALE_CAP = 0.75 * SCALE_PT * 25.4 / 72
# Around a number: a point's radius (0.9 mm) and some air; half a line (0.35 mm) gets more.
SCALE_CLEARANCE = 1.2
SCALE_RGB = tuple(int(SCALE_TEXT[i : i + 2], 16) for i in (1, 3, 5))


def scale_labels(
    pdf: SummaryPDF, series: Sequence[RadarSeries], radius: float = RADAR_RADIUS
) -> list[tuple[str, float, float]]:
    """The scale's numbers and the centres of their text, in mm from the radar's centre
    (y up), clear of every series' line as drawn here (joined across a sign not assessed)."""
    pdf.style(SCALE_PT)
    unit = 100 / radius  # mm to the radar's scale
    marks = scale_marks(
        [item.values for item in series],
        digit_width=pdf.get_string_width("0") * unit,
        height=SCALE_CAP * unit,
        clearance=SCALE_CLEARANCE * unit,
        join_gaps=True,
    )
    return [(str(number), x / unit, y / unit) for number, x, y in marks.marks]


def radar_height(series_count: int, radius: float = RADAR_RADIUS) -> float:
    """Height in mm the radar keeps on one page: the chart, its labels and, when several
    series are drawn, the first line of their legend (a long legend goes on overleaf)."""
    legend = LEGEND_LINE + 2 if series_count > 1 else 0.0
    return 2 * (radius + LABEL_GAP + LABEL_H) + legend + 2


def draw_radar(
    pdf: SummaryPDF,
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
    # The numbers between two signs, where no line passes: small, grey yet readable.
    labels = scale_labels(pdf, series, radius)
    pdf.style(SCALE_PT, colour=SCALE_RGB)
    for text, x, y in labels:
        width = pdf.get_string_width(text)
        pdf.text(cx + x - width / 2, cy - y + SCALE_CAP / 2, text)  # centred there
    # The series: filled when alone, lines only when compared.
    for i, item in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        points = _to_page(radar_points(list(item.values), radius), cx, cy)
        # Round joins: a sharp turn (a high score between two low ones) ends at its point
        # instead of overshooting it in a long mitre spike.
        join = StrokeJoinStyle.ROUND
        with pdf.local_context(
            draw_color=colour, fill_color=colour, line_width=0.7, stroke_join_style=join
        ):
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


def _legend(pdf: SummaryPDF, series: Sequence[RadarSeries]) -> None:
    column = pdf.width / 2
    pdf.style(9)
    for i, item in enumerate(series):
        if i % 2 == 0:
            pdf.keep(LEGEND_LINE)
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
            pdf.set_xy(pdf.l_margin, y + LEGEND_LINE)
