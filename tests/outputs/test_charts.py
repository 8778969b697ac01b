"""The radar: seven axes in the bank's order, 0-100, band rings, one trace per series."""

from __future__ import annotations

import math

import pytest

from clientcheck.bank.loader import default_bank
from clientcheck.outputs.charts import (
    BAND_RINGS,
    CHAR_PX,
    LINE_PX,
    RadarSeries,
    axis_angle,
    label_lines,
    radar_figure,
    radar_points,
)

LABELS = ["A", "B", "C", "D", "E", "F", "G"]
SIGN_NAMES = {lang: [sign.name(lang) for sign in default_bank().signs] for lang in ("en", "fr")}
# The longest line of a sign's label: about 85 px, which a phone's margins leave room for.
LONGEST_LINE = 15


def test_figure_has_seven_axes_band_rings_and_the_series():
    fig = radar_figure(LABELS, [RadarSeries("Acme", (10, 20, 30, 40, 50, 60, 70))])
    rings = [tr for tr in fig.data if tr.hoverinfo == "skip"]
    series = [tr for tr in fig.data if tr.hoverinfo != "skip"]
    assert [max(tr.r) for tr in rings] == [upper for upper, _ in BAND_RINGS]
    assert len(series) == 1 and list(series[0].theta) == [*LABELS, "A"]
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
    assert fig.data[0].theta[0] == "Increasingly<br>demanding"


def _axis_labels(fig) -> list[str]:
    return [str(label) for label in fig.data[-1].theta[:-1]]


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
