"""The PDF's radar: the scale's numbers drawn between two signs, clear of every line."""

from __future__ import annotations

import io
import math

import pytest
from pypdf import PdfReader

from clientcheck.outputs.charts import SCALE, RadarSeries, radar_points
from clientcheck.outputs.pdf.fonts import add_cached_fonts
from clientcheck.outputs.pdf.layout import SummaryPDF
from clientcheck.outputs.pdf.radar import (
    LABEL_GAP,
    LABEL_H,
    RADAR_RADIUS,
    SCALE_CAP,
    SCALE_PT,
    draw_radar,
    scale_labels,
)
from tests.support.summary_data import sign_names

MM = 72 / 25.4  # points in a millimetre
# Round a number: half the line (0.7 mm wide); a point (0.9 mm radius) gets its own check.
HALF_LINE, POINT = 0.35, 0.9
# The reported radar, with the numbers on the line to "Sends less work" (December 2026).
REPORTED = (92.2, 8.75, 69.0, 12.19, 44.17, 42.22, 38.0)
CASES = {
    "reported": [REPORTED],
    "high": [(90, 85, 95, 80, 88, 92, 86)],
    "low": [(5, 10, 0, 8, 3, 12, 6)],
    "gaps": [(70, None, 30, None, 60, None, 40)],
    "compared": [(80, 20, 60, 10, 40, 70, 30), (10, 50, 20, 75, 30, 15, 60)],
}


def _drawn(values: list[tuple]) -> tuple[SummaryPDF, list[tuple[str, float, float]], list]:
    """Draw the radar; return the numbers drawn with their centres in mm from the radar's
    centre (y up), and the labels ``scale_labels`` placed."""
    doc = SummaryPDF("{page}")
    add_cached_fonts(doc)
    doc.add_page()
    top = doc.get_y()
    series = [RadarSeries(f"S{i}", v) for i, v in enumerate(values)]
    placed = scale_labels(doc, series)
    draw_radar(doc, sign_names("en"), series)
    cx, cy = doc.w / 2, top + LABEL_H + LABEL_GAP + RADAR_RADIUS
    page = PdfReader(io.BytesIO(bytes(doc.output()))).pages[0]
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip() in {str(n) for n in SCALE} and size == SCALE_PT:
            found.append((text.strip(), tm[4] / MM, doc.h - tm[5] / MM))

    page.extract_text(visitor_text=visit)
    doc.style(SCALE_PT)
    numbers = [
        (text, left + doc.get_string_width(text) / 2 - cx, cy - (baseline - SCALE_CAP / 2))
        for text, left, baseline in found
    ]
    return doc, numbers, placed


def _line(values: tuple, step: float = 0.05) -> tuple[list, list]:
    """Points along the series as the PDF draws it (joined across a gap), and its points."""
    points = radar_points(values, RADAR_RADIUS)
    along = []
    for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1], strict=True):
        n = max(1, int(math.hypot(bx - ax, by - ay) / step))
        along += [(ax + (bx - ax) * k / n, ay + (by - ay) * k / n) for k in range(n + 1)]
    return along, points


@pytest.mark.parametrize("case", CASES)
def test_numbers_are_drawn_where_placed_and_clear_of_every_line_and_point(case):
    doc, numbers, placed = _drawn(CASES[case])
    assert sorted(t for t, _, _ in numbers) == sorted(t for t, _, _ in placed)
    for text, x, y in numbers:
        expected = next((px, py) for t, px, py in placed if t == text)
        assert math.dist((x, y), expected) < 0.05, text
        half_w, half_h = doc.get_string_width(text) / 2, SCALE_CAP / 2
        for values in CASES[case]:
            along, points = _line(values)
            on_line = [
                p
                for p in along
                if abs(p[0] - x) < half_w + HALF_LINE and abs(p[1] - y) < half_h + HALF_LINE
            ]
            on_point = [
                p
                for p in points
                if abs(p[0] - x) < half_w + POINT and abs(p[1] - y) < half_h + POINT
            ]
            assert not on_line and not on_point, (case, text, (x, y))


def test_the_reported_radar_still_shows_most_of_its_scale():
    _, numbers, _ = _drawn(CASES["reported"])
    assert len(numbers) >= 3


def test_numbers_are_smaller_than_the_signs_names():
    doc = SummaryPDF("{page}")
    add_cached_fonts(doc)
    doc.add_page()
    draw_radar(doc, sign_names("en"), [RadarSeries("A", (None,) * 7)])
    sizes: dict[str, float] = {}
    PdfReader(io.BytesIO(bytes(doc.output()))).pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: sizes.setdefault(text.strip(), size)
    )
    names = [sizes[name] for name in sign_names("en")]
    numbers = [sizes[str(n)] for n in SCALE]  # nothing in the way: all four
    assert max(numbers) < min(names)


def test_the_clients_line_turns_with_round_joins_never_a_mitre_spike():
    # A sharp turn (high between two lows) overshot its point with a mitre join.
    doc, _, _ = _drawn([(10, 95, 10, 10, 10, 10, 10)])
    page = PdfReader(io.BytesIO(bytes(doc.output()))).pages[0]
    states = page["/Resources"].get("/ExtGState", {})
    joins = [state.get_object().get("/LJ") for state in states.values()]
    assert 1 in joins, joins  # 1: round line joins (0, the default, is a mitre)
