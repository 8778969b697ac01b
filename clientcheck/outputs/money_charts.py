"""Small Plotly charts of the money view: rates against the target, shares, twelve months."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from clientcheck.i18n import format_percent, with_unit
from clientcheck.outputs.charts import PALETTE, plotly_text, wrap_label

_LAYOUT = {
    "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
    "dragmode": False,
    "plot_bgcolor": "white",
    "font": {"size": 12},
}


# Each figure is built from one dict, validated once: adding traces and updating the
# layout step by step validates every step and costs about five times as much.


def rates_figure(bars: Sequence[tuple[str, float]], value_texts: Sequence[str]) -> go.Figure:
    """Horizontal bars of hourly rates, the target last and in its own colour."""
    labels = [wrap_label(plotly_text(label), 22) for label, _ in bars]
    colours = [PALETTE[0]] * len(bars)
    if bars:
        colours[-1] = PALETTE[1]  # the target, or the last figure when there is no target
    bar = {
        "type": "bar",
        "x": [value for _, value in bars],
        "y": labels,
        "orientation": "h",
        "marker": {"color": colours},
        "text": [plotly_text(t) for t in value_texts],
        "textposition": "auto",
        "hoverinfo": "skip",
    }
    layout = {
        **_LAYOUT,
        "height": 60 + 46 * len(bars),
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {"rangemode": "tozero", "gridcolor": "#e0e0e0", "automargin": True},
        "showlegend": False,
    }
    return go.Figure({"data": [bar], "layout": layout})


def shares_figure(names: Sequence[str], shares: Sequence[float], lang: str) -> go.Figure:
    """Horizontal bars of each client's share of income, with the 25% and 40% lines."""
    bar = {
        "type": "bar",
        "x": list(shares),
        "y": [wrap_label(plotly_text(n), 22) for n in names],
        "orientation": "h",
        "marker": {"color": PALETTE[0]},
        "text": [format_percent(s, lang) for s in shares],
        "textposition": "auto",
        "hoverinfo": "skip",
    }
    edges = [
        {
            "type": "line",
            "x0": edge,
            "x1": edge,
            "xref": "x",
            "y0": 0,
            "y1": 1,
            "yref": "y domain",
            "line": {"color": PALETTE[1], "dash": "dash", "width": 1.5},
        }
        for edge in (25, 40)
    ]
    layout = {
        **_LAYOUT,
        "shapes": edges,
        "height": 60 + 40 * len(names),
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {
            "range": [0, max(100, *shares) if shares else 100],
            "ticksuffix": with_unit("", "%", lang),
        },
        "showlegend": False,
    }
    return go.Figure({"data": [bar], "layout": layout})


def exit_figure(
    months: Sequence[str],
    client_income: Sequence[float],
    new_work: Sequence[float],
    drawn: Sequence[float],
    savings_left: Sequence[float],
    names: tuple[str, str, str, str],
) -> go.Figure:
    """Stacked monthly income (this client, new work, savings) and the savings left as a line."""
    data: list[dict] = [
        {
            "type": "bar",
            "x": list(months),
            "y": list(values),
            "name": plotly_text(name),
            "marker": {"color": colour},
        }
        for values, name, colour in (
            (client_income, names[0], PALETTE[0]),
            (new_work, names[1], PALETTE[2]),
            (drawn, names[2], PALETTE[4]),
        )
    ]
    data.append(
        {
            "type": "scatter",
            "x": list(months),
            "y": list(savings_left),
            "name": plotly_text(names[3]),
            "mode": "lines+markers",
            "line": {"color": PALETTE[6], "width": 2.5},
        }
    )
    layout = {
        **_LAYOUT,
        "barmode": "stack",
        "height": 340,
        "legend": {"orientation": "h", "y": -0.25},
        "xaxis": {"tickangle": -45, "automargin": True},
        "yaxis": {"rangemode": "tozero", "gridcolor": "#e0e0e0", "automargin": True},
    }
    return go.Figure({"data": data, "layout": layout})
