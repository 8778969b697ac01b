"""The radar of the seven signs: a Plotly figure for the page, and geometry for the PDF.

Both share the same axis order, direction (clockwise from the top), 0-100
scale and band rings, so the PDF's vector radar matches the screen.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

Point = tuple[float, float]

# Band rings, outermost first: (upper bound, fill colour). Each band is darker than
# the one inside it (CIE L* 97, 92, 86, 81), so the bands stay apart in greyscale
# and with any colour blindness, while a 3:1 line and 4.5:1 text still show on the
# darkest (tests/test_colours.py checks all of it).
BAND_RINGS: tuple[tuple[float, str], ...] = (
    (100, "#f4bcb8"),  # critical
    (75, "#f9d1aa"),  # warning
    (50, "#f7e8ae"),  # watch
    (25, "#f3f9f5"),  # healthy
)
RING_EDGE = "#c9c9c9"
# Labels: the page's text colour (Plotly's and Streamlit's greys are too pale).
CHART_TEXT = "#2f2d2b"
# The scale's numbers: smaller and greyer than the labels, still 4.5:1 on every band, even
# under a series' fill (tests/outputs/test_colours.py).
SCALE_TEXT = "#464646"
SCALE = tuple(upper for upper, _ in reversed(BAND_RINGS))  # 25, 50, 75, 100
SERIES_FILL = "rgba(0,114,178,0.18)"
# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
)


@dataclass(frozen=True)
class RadarSeries:
    """One client's seven sign scores, in the bank's sign order (None: not assessed)."""

    name: str
    values: tuple[float | None, ...]
    dash: str = "solid"


def axis_angle(index: int, count: int) -> float:
    """Angle in radians of axis ``index``: the first at the top, then clockwise."""
    return math.pi / 2 - 2 * math.pi * index / count


def radar_points(values: Sequence[float | None], radius: float) -> list[tuple[float, float]]:
    """Cartesian points (y up) of a 0-100 series on a radar of the given radius.

    A sign not assessed (None) has no point: it is left out, never drawn at 0.
    """
    count = len(values)
    return [
        (
            radius * max(0.0, min(100.0, v)) / 100 * math.cos(axis_angle(i, count)),
            radius * max(0.0, min(100.0, v)) / 100 * math.sin(axis_angle(i, count)),
        )
        for i, v in enumerate(values)
        if v is not None
    ]


@dataclass(frozen=True)
class ScaleMarks:
    """Where the scale's numbers go: on the bisector between axis ``gap`` and the next.

    ``marks`` holds (number, x, y) for each number kept: the centre of its label on a
    radar of radius 100, y up, just inside the ring it names.
    """

    gap: int
    marks: tuple[tuple[int, float, float], ...]


def _segments(values: Sequence[float | None], join_gaps: bool) -> list[tuple[Point, Point]]:
    """The series' line as segments on a radar of radius 100 (a lone point: a zero-length one).

    Across a sign not assessed the screen leaves a gap; the PDF joins the neighbours
    (``join_gaps``).
    """
    count = len(values)
    points = {
        i: point
        for i, point in zip(
            (i for i, v in enumerate(values) if v is not None),
            radar_points(values, 100),
            strict=True,
        )
    }
    order = sorted(points)
    if join_gaps:
        pairs = list(zip(order, order[1:] + order[:1], strict=True))
    else:
        pairs = [(i, (i + 1) % count) for i in order if (i + 1) % count in points]
    segments = [(points[a], points[b]) for a, b in pairs]
    segments += [(points[i], points[i]) for i in order]  # the markers
    return segments


def _crosses(a: Point, b: Point, box: tuple[float, float, float, float]) -> bool:
    """Whether segment a-b passes through the box (left, bottom, right, top): Liang-Barsky."""
    left, bottom, right, top = box
    (ax, ay), (bx, by) = a, b
    start, end = 0.0, 1.0
    for p, q in (
        (ax - bx, ax - left),
        (bx - ax, right - ax),
        (ay - by, ay - bottom),
        (by - ay, top - ay),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        ratio = q / p
        if p < 0:
            start = max(start, ratio)
        else:
            end = min(end, ratio)
        if start > end:
            return False
    return True


def scale_marks(
    series: Sequence[Sequence[float | None]],
    *,
    digit_width: float,
    height: float,
    clearance: float,
    join_gaps: bool = False,
) -> ScaleMarks:
    """Place the numbers 25-100 where no series' line or point comes near them.

    Sizes are on the radar's own scale (radius 100): ``digit_width`` and ``height`` of the
    numbers' text, ``clearance`` kept free around it (half a line's width, a point's
    radius, some air). Each number sits just inside the ring it names, within its band, on
    the bisector between two axes: the first bisector (clockwise from the top) where all
    four keep clear of every line, else the first where most do, keeping only those.
    """
    count = len(series[0]) if series else 7
    segments = [s for values in series for s in _segments(values, join_gaps)]
    half_step = math.pi / count
    best = ScaleMarks(0, ())
    for gap in range(count):
        angle = axis_angle(gap, count) - half_step
        cos, sin = math.cos(angle), math.sin(angle)
        marks = []
        for inner, number in zip((0, *SCALE), SCALE, strict=False):
            half_w, half_h = len(str(number)) * digit_width / 2, height / 2
            # The rings are polygons: a bisector meets their edges square, cos(half_step)
            # nearer than the axes do; ``reach``: how far the text goes along the bisector.
            reach = half_w * abs(cos) + half_h * abs(sin)
            radius = number * math.cos(half_step) - reach - clearance / 2
            if radius - reach < inner * math.cos(half_step):
                continue  # it would spill into the band inside: which ring it names is unclear
            x, y = radius * cos, radius * sin
            box = (
                x - half_w - clearance,
                y - half_h - clearance,
                x + half_w + clearance,
                y + half_h + clearance,
            )
            if not any(_crosses(a, b, box) for a, b in segments):
                marks.append((number, x, y))
        if len(marks) > len(best.marks):
            best = ScaleMarks(gap, tuple(marks))
        if len(marks) == len(SCALE):
            break
    return best


def plotly_text(text: str) -> str:
    """Escape user text for Plotly, which renders a subset of HTML (<b>, <a href>...) in names."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap_label(label: str, width: int = 14) -> str:
    """Break a long axis label over two lines so it fits on a phone."""
    if len(label) <= width or " " not in label:
        return label
    middle = len(label) // 2
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return f"{label[:cut]}<br>{label[cut + 1 :]}"


# On the screen, in px: the labels' and the numbers' font sizes, a generous width of one
# character and height of one line of a label (Source Sans), the room the tick and its
# gap take, and the smallest radius the radar gets (on a phone 390 px wide): the scale's
# numbers are placed for that size, and have more room on a larger screen.
LABEL_PX, SCALE_PX = 12, 10
NUMBER_PX = 14  # a numbered axis's number
CHAR_PX, LINE_PX, TICK_PX = 5.6, 15.6, 12
SMALLEST_RADIUS_PX = 75


def label_lines(label: str) -> list[str]:
    """The lines of a wrapped, escaped axis label as they show."""
    return [html.unescape(line) for line in label.split("<br>")]


def radar_margins(wrapped: Sequence[str], title: bool = False) -> dict[str, int]:
    """Margins in px that leave every axis label room, wherever its axis points.

    A label sticks out of the circle by its size less the room its axis leaves: an
    axis that points down and a little sideways ends above the circle's bottom.
    """
    count = len(wrapped)
    top = bottom = side = 0.0
    for i, label in enumerate(wrapped):
        lines = label_lines(label)
        angle = axis_angle(i, count)
        up, across = math.sin(angle), math.cos(angle)
        tall = len(lines) * LINE_PX + TICK_PX - (1 - abs(up)) * SMALLEST_RADIUS_PX
        wide = max(map(len, lines)) * CHAR_PX + TICK_PX - (1 - abs(across)) * SMALLEST_RADIUS_PX
        if up > 0:
            top = max(top, tall)
        else:
            bottom = max(bottom, tall)
        side = max(side, wide)
    return {
        "l": math.ceil(side),
        "r": math.ceil(side),
        "t": math.ceil(top) + (30 if title else 0),
        "b": math.ceil(bottom),
    }


def screen_scale_marks(series: Sequence[RadarSeries]) -> ScaleMarks:
    """Where the numbers go on the page's radar (sized for the smallest one, a phone's)."""
    unit = 100 / SMALLEST_RADIUS_PX  # px to the radar's scale
    return scale_marks(
        [item.values for item in series],
        digit_width=0.55 * SCALE_PX * unit,
        height=0.75 * SCALE_PX * unit,  # digits are as tall as capitals
        # Half a point (7 px across) and a pixel of air: half a line (3 px) gets three.
        clearance=4.5 * unit,
    )


def radar_figure(
    labels: Sequence[str],
    series: Sequence[RadarSeries],
    title: str = "",
    height: int = 430,
    numbered: bool = False,
) -> go.Figure:
    """Build the radar: band rings behind, the scale's numbers clear of every line, then one
    closed trace per series, ``height`` px high.

    The angular axis is numeric (degrees, the labels on its ticks), so the numbers can sit
    between two signs. ``numbered``: the axes say 1 to 7, as the signs' rows are numbered,
    and the margins shrink to fit a number, so on a phone the circle takes the width the
    names would take (about 300 px across instead of 170); hovering still names the sign.
    """
    count = len(labels)
    names = [plotly_text(label) for label in labels]
    wrapped = [str(i) for i in range(1, count + 1)] if numbered else [wrap_label(n) for n in names]
    degrees = [360 * i / count for i in range(count)]
    theta = [*degrees, degrees[0]]
    # Built as one dict and validated once (trace by trace costs about five times more).
    data: list[dict] = [
        {
            "type": "scatterpolar",
            "r": [upper] * len(theta),
            "theta": theta,
            "fill": "toself",
            "fillcolor": colour,
            "line": {"color": RING_EDGE, "width": 1},
            "hoverinfo": "skip",
            "showlegend": False,
            "mode": "lines",
        }
        for upper, colour in BAND_RINGS
    ]
    marks = screen_scale_marks(series).marks
    data.append(
        {
            "type": "scatterpolar",
            "name": "scale",
            "r": [math.hypot(x, y) for _, x, y in marks],
            # Clockwise from the top, as the axes go.
            "theta": [90 - math.degrees(math.atan2(y, x)) for _, x, y in marks],
            "text": [str(number) for number, _, _ in marks],
            "mode": "text",
            "textfont": {"size": SCALE_PX, "color": SCALE_TEXT},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    for i, item in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        # A sign not assessed is a gap in the line, never a point at 0.
        values = [None if v is None else round(v) for v in item.values]
        data.append(
            {
                "type": "scatterpolar",
                "r": [*values, values[0]],
                "connectgaps": False,
                "theta": theta,
                "text": [*names, names[0]],
                "name": plotly_text(item.name),
                "mode": "lines+markers",
                "line": {"color": colour, "width": 3, "dash": item.dash},
                "marker": {"size": 7},
                "fill": "toself" if len(series) == 1 else "none",
                "fillcolor": SERIES_FILL,
                "hovertemplate": "%{text}: %{r}/100<extra>%{fullData.name}</extra>",
            }
        )
    layout = dict(
        polar={
            "radialaxis": {
                "range": [0, 100],
                # The scale's numbers are a trace of their own, placed clear of the lines.
                "showticklabels": False,
                "ticks": "",
                "showline": False,
                "gridcolor": RING_EDGE,
            },
            "angularaxis": {
                "type": "linear",
                "rotation": 90,
                "direction": "clockwise",
                "tickmode": "array",
                "tickvals": degrees,
                "ticktext": wrapped,
                "tickfont": {"size": NUMBER_PX if numbered else LABEL_PX, "color": CHART_TEXT},
            },
        },
        font={"color": CHART_TEXT},
        showlegend=len(series) > 1,
        legend={"orientation": "h", "y": -0.12, "font": {"color": CHART_TEXT}},
        margin=radar_margins(wrapped, bool(title)),
        height=height,
        dragmode=False,
    )
    if title:
        layout["title"] = {"text": title}
    return go.Figure({"data": data, "layout": layout})
