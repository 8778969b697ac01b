"""The radar: seven axes in the bank's order, 0-100, band rings, one trace per series, labels
that fit, and the scale's numbers clear of every line."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientcheck.bank.loader import default_bank
from clientcheck.outputs.charts import (
    BAND_RINGS,
    CHAR_PX,
    LABEL_PX,
    LINE_PX,
    SCALE,
    SCALE_PX,
    SCALE_TEXT,
    RadarSeries,
    _segments,
    axis_angle,
    label_lines,
    radar_figure,
    radar_points,
    scale_marks,
    screen_scale_marks,
)

LABELS = ["A", "B", "C", "D", "E", "F", "G"]
SIGN_NAMES = {lang: [sign.name(lang) for sign in default_bank().signs] for lang in ("en", "fr")}
# The longest line of a sign's label: about 85 px, which a phone's margins leave room for.
LONGEST_LINE = 15


def test_figure_has_seven_axes_band_rings_and_the_series():
    fig = radar_figure(LABELS, [RadarSeries("Acme", (10, 20, 30, 40, 50, 60, 70))])
    rings = [tr for tr in fig.data if tr.fill == "toself" and tr.hoverinfo == "skip"]
    series = [tr for tr in fig.data if tr.hoverinfo != "skip"]
    assert [max(tr.r) for tr in rings] == [upper for upper, _ in BAND_RINGS]
    assert list(fig.layout.polar.angularaxis.ticktext) == LABELS
    degrees = [360 * i / 7 for i in range(7)]
    assert list(fig.layout.polar.angularaxis.tickvals) == degrees
    assert len(series) == 1 and list(series[0].theta) == [*degrees, 0]
    assert list(series[0].text) == [*LABELS, "A"]  # what a hover names
    assert list(series[0].r) == [10, 20, 30, 40, 50, 60, 70, 10]
    assert fig.layout.polar.radialaxis.range == (0, 100)
    assert fig.layout.polar.angularaxis.direction == "clockwise"


def test_comparison_shows_a_legend_and_distinct_colours():
    fig = radar_figure(LABELS, [RadarSeries("A", (0,) * 7), RadarSeries("B", (50,) * 7)])
    series = [tr for tr in fig.data if tr.hoverinfo != "skip"]
    assert fig.layout.showlegend
    assert series[0].line.color != series[1].line.color


def test_geometry_starts_at_the_top_and_goes_clockwise():
    assert math.isclose(axis_angle(0, 7), math.pi / 2)
    points = radar_points([100, 100, 0, 0, 0, 0, 0], 10)
    assert math.isclose(points[0][0], 0, abs_tol=1e-9) and math.isclose(points[0][1], 10)
    assert points[1][0] > 0  # second axis to the right of the top: clockwise
    assert radar_points([250, -5] + [0] * 5, 10)[0][1] == 10  # clamped to the scale


def test_client_names_cannot_inject_markup_into_the_chart():
    fig = radar_figure(LABELS, [RadarSeries('<a href="http://evil">x</a> & <b>y</b>', (0,) * 7)])
    name = [tr for tr in fig.data if tr.hoverinfo != "skip"][0].name
    assert "<" not in name and ">" not in name
    assert name == '&lt;a href="http://evil"&gt;x&lt;/a&gt; &amp; &lt;b&gt;y&lt;/b&gt;'


def test_long_axis_labels_wrap_for_small_screens():
    fig = radar_figure(["Increasingly demanding", *LABELS[1:]], [RadarSeries("A", (0,) * 7)])
    assert fig.layout.polar.angularaxis.ticktext[0] == "Increasingly<br>demanding"


def _axis_labels(fig) -> list[str]:
    return list(fig.layout.polar.angularaxis.ticktext)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_sign_label_fits_in_two_short_lines(lang):
    fig = radar_figure(SIGN_NAMES[lang], [RadarSeries("A", (50,) * 7)])
    labels = _axis_labels(fig)
    assert [" ".join(label_lines(label)) for label in labels] == SIGN_NAMES[lang]
    for label in labels:
        lines = label_lines(label)
        assert len(lines) <= 2 and max(map(len, lines)) <= LONGEST_LINE, label


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_margins_leave_room_for_the_labels_beside_below_and_above_the_circle(lang):
    # "Ne tient pas / ses engagements" was cut off at the bottom on a laptop (20 px for
    # two lines).
    fig = radar_figure(SIGN_NAMES[lang], [RadarSeries("A", (50,) * 7)], height=320)
    margin = fig.layout.margin
    for i, label in enumerate(_axis_labels(fig)):
        lines = label_lines(label)
        angle = axis_angle(i, len(SIGN_NAMES[lang]))
        if math.sin(angle) < -0.8:
            assert margin.b >= len(lines) * LINE_PX, label
        if math.sin(angle) > 0.8:
            assert margin.t >= len(lines) * LINE_PX, label
        if abs(math.cos(angle)) > 0.9:
            room = margin.r if math.cos(angle) > 0 else margin.l
            assert room >= max(map(len, lines)) * CHAR_PX, label


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_numbered_radar_gives_the_circle_the_room_the_names_took(lang):
    # On a phone the names left the circle 170 px across (a user's walk): numbered axes,
    # as the rows below are, with margins for one digit; a hover still names the sign.
    named = radar_figure(SIGN_NAMES[lang], [RadarSeries("A", (50,) * 7)], height=320)
    numbered = radar_figure(
        SIGN_NAMES[lang], [RadarSeries("A", (50,) * 7)], height=340, numbered=True
    )
    assert list(numbered.layout.polar.angularaxis.ticktext) == [str(i) for i in range(1, 8)]
    series = [tr for tr in numbered.data if tr.hoverinfo != "skip"]
    assert list(series[0].text) == [*SIGN_NAMES[lang], SIGN_NAMES[lang][0]]

    def across(fig) -> float:  # the circle's size in the results' column on a 390 px phone
        m = fig.layout.margin
        return min(358 - m.l - m.r, fig.layout.height - m.t - m.b)

    assert across(numbered) >= 280 and across(numbered) - across(named) >= 70
    assert min(numbered.layout.margin.l, numbered.layout.margin.r) >= 16  # one digit fits


# --- the scale's numbers ------------------------------------------------------------

SCORES = st.one_of(st.none(), st.floats(0, 100))
# The reported radar (a phone, December 2026): the numbers sat on the line to "Sends less work".
REPORTED = (92.2, 8.75, 69.0, 12.19, 44.17, 42.22, 38.0)
SIZES = {"digit_width": 7.3, "height": 10.0, "clearance": 6.0}  # the screen's, about


def _line_points(values, join_gaps: bool, step: float = 0.25) -> list[tuple[float, float]]:
    """Points every ``step`` along the line as drawn (``_segments``), its markers included."""
    out = []
    for (ax, ay), (bx, by) in _segments(values, join_gaps):
        n = max(1, int(math.hypot(bx - ax, by - ay) / step))
        out += [(ax + (bx - ax) * k / n, ay + (by - ay) * k / n) for k in range(n + 1)]
    return out


def _assert_clear(marks, series, join_gaps: bool, digit_width, height, clearance) -> None:
    line = [p for values in series for p in _line_points(values, join_gaps)]
    for number, x, y in marks.marks:
        half_w = len(str(number)) * digit_width / 2 + clearance
        half_h = height / 2 + clearance
        near = [(px, py) for px, py in line if abs(px - x) < half_w and abs(py - y) < half_h]
        assert not near, (number, x, y, near[:3])


@given(st.lists(st.tuples(*[SCORES] * 7), min_size=1, max_size=3), st.booleans())
def test_scale_numbers_never_touch_a_line_or_a_point(series, join_gaps):
    marks = scale_marks(series, join_gaps=join_gaps, **SIZES)
    _assert_clear(marks, series, join_gaps, **SIZES)


@given(st.lists(st.tuples(*[SCORES] * 7), min_size=1, max_size=3))
def test_each_number_sits_inside_its_own_band_between_two_signs(series):
    marks = scale_marks(series, **SIZES)
    half_step = math.pi / 7
    bisector = axis_angle(marks.gap, 7) - half_step
    for number, x, y in marks.marks:
        assert number in SCALE
        angle = math.atan2(y, x)
        assert math.isclose(math.cos(angle - bisector), 1, abs_tol=1e-9)  # on the bisector
        # How far the text goes along the bisector, which meets the rings' edges square.
        reach = len(str(number)) * SIZES["digit_width"] / 2 * abs(math.cos(angle))
        reach += SIZES["height"] / 2 * abs(math.sin(angle))
        radius = math.hypot(x, y)
        assert radius + reach <= number * math.cos(half_step)  # inside its ring
        assert radius - reach >= (number - 25) * math.cos(half_step)  # not in the next one in


def test_the_reported_radar_keeps_its_numbers_off_the_line():
    series = [RadarSeries("Brightline Studio", REPORTED)]
    marks = screen_scale_marks(series)
    assert len(marks.marks) >= 2
    _assert_clear(marks, [REPORTED], False, **SIZES)
    fig = radar_figure(LABELS, series)
    numbers = [tr for tr in fig.data if tr.mode == "text"]
    assert len(numbers) == 1 and list(numbers[0].text) == [str(n) for n, _, _ in marks.marks]


def test_with_nothing_in_the_way_all_four_numbers_stand_after_the_first_sign():
    marks = scale_marks([(None, None, 40, 40, 40, None, None)], **SIZES)
    assert marks.gap == 0 and [n for n, _, _ in marks.marks] == list(SCALE)
    # The old place, on the axis between the first two signs, is taken by a line:
    # the numbers move to another gap rather than sit on it.
    assert scale_marks([(80, 80, None, None, None, None, None)], **SIZES).gap != 0


def test_numbers_are_smaller_and_greyer_than_the_labels_and_the_radial_axis_shows_none():
    fig = radar_figure(LABELS, [RadarSeries("A", (10,) * 7)])
    numbers = next(tr for tr in fig.data if tr.mode == "text")
    assert numbers.textfont.size == SCALE_PX < LABEL_PX
    assert numbers.textfont.color == SCALE_TEXT and numbers.hoverinfo == "skip"
    assert not numbers.showlegend
    assert fig.layout.polar.radialaxis.showticklabels is False
