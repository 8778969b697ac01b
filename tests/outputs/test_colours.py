"""Readable for everyone: the theme, our CSS, the radar and the PDF keep their contrast,
and the radar's bands stay apart in greyscale and with colour blindness."""

from __future__ import annotations

import itertools
import re
import tomllib
from pathlib import Path

import pytest

from clientcheck.outputs.charts import (
    BAND_RINGS,
    CHART_TEXT,
    PALETTE,
    SCALE_TEXT,
    SERIES_FILL,
    RadarSeries,
    radar_figure,
)
from clientcheck.outputs.colours import (
    ALERT_COLOURS,
    CVD_MATRICES,
    VERDICT_ALERT,
    VISIONS,
    blend,
    contrast_ratio,
    delta_e,
    lightness,
    simulate,
)
from clientcheck.outputs.pdf import layout as pdf_layout
from clientcheck.ui import layout

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
THEME = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["theme"]
TEXT = 4.5  # WCAG AA, normal text
GRAPHICS = 3.0  # WCAG AA, lines and shapes that carry meaning
BANDS = [colour for _, colour in BAND_RINGS]
# Every pair of bands differs by at least this much (CIE76 ΔE; lightness alone in
# greyscale). About 2.3 is just noticeable side by side: 5 is plainly different.
BAND_DELTA = 5.0


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


# --- the maths itself --------------------------------------------------------------


def test_contrast_ratio_matches_known_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    # Streamlit's caption: its text at 60 % opacity on white, what axe measured (3:1).
    assert blend("#4a4f57", "#ffffff", 0.6) == "#92959a"
    assert contrast_ratio("#92959a", "#ffffff") == pytest.approx(3.0, abs=0.05)


def test_simulations_keep_greys_and_confuse_red_with_green():
    for vision in VISIONS:
        assert delta_e(simulate("#808080", vision), "#808080") < 1.5, vision
    assert lightness(simulate("#ff0000", "greyscale")) == pytest.approx(lightness("#ff0000"), 0.5)
    # The classic confusion: a red and a green of equal lightness look alike to a
    # deuteranope and a protanope, not to anyone else.
    red, green = "#b35900", "#6b7a00"
    assert delta_e(red, green) > 20
    for vision in ("deuteranopia", "protanopia"):
        assert delta_e(simulate(red, vision), simulate(green, vision)) < 12


# --- the theme and the page's CSS ---------------------------------------------------


def test_theme_text_reads_on_every_background_it_meets():
    text, page = THEME["textColor"], THEME["backgroundColor"]
    for background in (page, THEME["secondaryBackgroundColor"]):
        assert contrast_ratio(text, background) >= 7, background
    assert contrast_ratio("#ffffff", THEME["primaryColor"]) >= TEXT  # primary buttons
    assert contrast_ratio(THEME["primaryColor"], page) >= TEXT  # selected, focused, links
    assert contrast_ratio(THEME["linkColor"], page) >= TEXT


@pytest.mark.parametrize("colour", ["red", "orange", "yellow", "blue", "green", "gray"])
def test_alert_text_reads_on_its_background(colour):
    text, background = THEME[f"{colour}TextColor"], THEME[f"{colour}BackgroundColor"]
    assert contrast_ratio(text, background) >= TEXT


def test_every_colour_our_css_sets_reads_on_the_page_and_the_sidebar():
    colours = re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", layout.STYLE)
    assert layout.MUTED_TEXT in colours
    backgrounds = [THEME["backgroundColor"], THEME["secondaryBackgroundColor"], "#f1f0ee"]
    backgrounds += [THEME[f"{c}BackgroundColor"] for c in ("blue", "yellow")]  # captions in alerts
    for colour, background in itertools.product(colours, backgrounds):
        assert contrast_ratio(colour, background) >= TEXT, (colour, background)


def test_css_undoes_streamlits_fading_of_captions_and_hints():
    # Streamlit draws these at 60 % opacity: the colour alone would not be enough.
    for testid in ("stCaptionContainer", "InputInstructions", "stFileUploaderDropzoneInstructions"):
        rule = re.search(r"([^{}]*" + testid + r"[^{}]*)\{([^}]*)\}", layout.STYLE)
        assert rule, testid
        assert "opacity: 1" in rule.group(2), testid
    assert re.search(r"::placeholder[^{]*\{[^}]*opacity: 1", layout.STYLE)


# --- the radar ------------------------------------------------------------------------


def test_radar_labels_and_ticks_read_on_white_and_on_every_band():
    fig = radar_figure(["A"] * 7, [RadarSeries("A", (0,) * 7), RadarSeries("B", (9,) * 7)])
    polar = fig.layout.polar
    colours = {
        polar.angularaxis.tickfont.color,
        fig.layout.font.color,
        fig.layout.legend.font.color,
    }
    assert colours == {CHART_TEXT}
    for background in ["#ffffff", *BANDS]:
        assert contrast_ratio(CHART_TEXT, background) >= TEXT, background


def test_radar_scale_numbers_are_greyer_yet_read_on_every_band_even_under_the_fill():
    fig = radar_figure(["A"] * 7, [RadarSeries("A", (0,) * 7)])
    numbers = next(trace for trace in fig.data if trace.mode == "text")
    assert numbers.textfont.color == SCALE_TEXT
    assert lightness(SCALE_TEXT) > lightness(CHART_TEXT)  # grey beside the labels
    *rgb, alpha = re.findall(r"[\d.]+", SERIES_FILL)
    fill = _hex(tuple(int(c) for c in rgb))
    under_fill = [blend(fill, band, float(alpha)) for band in BANDS]
    for background in ["#ffffff", *BANDS, *under_fill]:
        assert contrast_ratio(SCALE_TEXT, background) >= TEXT, background


@pytest.mark.parametrize("vision", VISIONS)
def test_radar_bands_stay_apart_in_greyscale_and_with_colour_blindness(vision):
    seen = [simulate(colour, vision) for colour in BANDS]
    for (i, first), (j, second) in itertools.combinations(enumerate(seen), 2):
        if vision == "greyscale":
            difference = abs(lightness(first) - lightness(second))
        else:
            difference = delta_e(first, second)
        assert difference >= BAND_DELTA, (vision, BANDS[i], BANDS[j], round(difference, 1))


def test_radar_bands_darken_from_healthy_to_critical():
    # Outermost (critical) first: lightness rises towards the centre, so "darker is
    # worse" holds in greyscale too.
    values = [lightness(colour) for colour in BANDS]
    assert values == sorted(values)


def test_every_simulation_is_checked():
    assert set(CVD_MATRICES) <= set(VISIONS) and "greyscale" in VISIONS


def test_client_line_shows_on_every_band():
    # The first series colour draws the client's scores over the bands.
    for background in ["#ffffff", *BANDS]:
        assert contrast_ratio(PALETTE[0], background) >= GRAPHICS, background


# --- the PDF ----------------------------------------------------------------------------


def test_pdf_text_colours_read_on_what_they_are_printed_on():
    text, muted = _hex(pdf_layout.TEXT), _hex(pdf_layout.MUTED)
    backgrounds = ["#ffffff", _hex(pdf_layout.DRAFT_FILL), _hex((238, 240, 243))]
    backgrounds += [fill for fill, _ in ALERT_COLOURS.values()]
    for colour, background in itertools.product((text, muted), backgrounds):
        assert contrast_ratio(colour, background) >= TEXT, (colour, background)
    for band in BANDS:  # the ring values printed on the bands
        assert contrast_ratio(text, band) >= TEXT, band


THEME_COLOUR = {"success": "green", "info": "blue", "warning": "yellow", "error": "red"}


def test_the_pdf_verdict_box_has_the_colours_of_the_page_verdict_box():
    # Streamlit draws st.success / info / warning / error with the theme's colours.
    for kind, (background, text) in ALERT_COLOURS.items():
        colour = THEME_COLOUR[kind]
        assert (background, text) == (
            THEME[f"{colour}BackgroundColor"],
            THEME[f"{colour}TextColor"],
        ), kind
    assert set(VERDICT_ALERT.values()) <= set(ALERT_COLOURS)
