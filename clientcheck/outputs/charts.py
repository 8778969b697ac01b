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
# Labels and ticks: the page's text colour (Plotly's and Streamlit's greys are too pale).
CHART_TEXT = "#2f2d2b"
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


# On the screen, in px: the labels' font size, a generous width of one character and
# height of one line of a label (Source Sans), the room the tick and its gap take, and
# the smallest radius the radar gets (on a phone 390 px wide).
LABEL_PX = 12
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


def radar_figure(
    labels: Sequence[str], series: Sequence[RadarSeries], title: str = "", height: int = 430
) -> go.Figure:
    """Build the radar: band rings behind, one closed trace per series, ``height`` px high."""
    wrapped = [wrap_label(plotly_text(label)) for label in labels]
    theta = [*wrapped, wrapped[0]]
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
                "name": plotly_text(item.name),
                "mode": "lines+markers",
                "line": {"color": colour, "width": 3, "dash": item.dash},
                "marker": {"size": 7},
                "fill": "toself" if len(series) == 1 else "none",
                "fillcolor": "rgba(0,114,178,0.18)",
                "hovertemplate": "%{theta}: %{r}/100<extra>%{fullData.name}</extra>",
            }
        )
    layout = dict(
        polar={
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [25, 50, 75, 100],
                # Between the first two axes, so tick labels never sit on a data line.
                "angle": 90 - 180 / max(len(labels), 1),
                "tickfont": {"size": 11, "color": CHART_TEXT},
                "gridcolor": RING_EDGE,
            },
            "angularaxis": {
                "rotation": 90,
                "direction": "clockwise",
                "tickfont": {"size": LABEL_PX, "color": CHART_TEXT},
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
