"""Colour arithmetic for checking what people can read: contrast, greyscale, colour blindness.

Plain functions on ``#rrggbb`` strings, used by the tests that keep the theme, the
page's CSS, the radar and the PDF readable:

- ``contrast_ratio``: WCAG 2.x contrast (text needs 4.5:1, graphics 3:1);
- ``lightness``: CIE L*, what is left of a colour in greyscale;
- ``simulate``: the colour as seen with protanopia, deuteranopia or tritanopia
  (Machado, Oliveira & Fernandes 2009, severity 1.0, applied in linear RGB);
- ``delta_e``: CIE76 distance in L*a*b*; about 2.3 is just noticeable side by side.
"""

from __future__ import annotations

from collections.abc import Sequence

RGB = tuple[float, float, float]

# Machado et al. 2009, severity 1.0, for linear RGB.
CVD_MATRICES: dict[str, tuple[RGB, RGB, RGB]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
VISIONS = ("normal", "greyscale", *CVD_MATRICES)


def parse_hex(colour: str) -> RGB:
    """``#rgb`` or ``#rrggbb`` -> sRGB channels in 0..1."""
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return tuple(int(text[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = max(0.0, min(1.0, c))
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour (0 black .. 1 white)."""
    r, g, b = (_linear(c) for c in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours, 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(colour: str, background: str, alpha: float) -> str:
    """``colour`` drawn with opacity ``alpha`` over ``background`` (as browsers do, in sRGB)."""
    front, back = parse_hex(colour), parse_hex(background)
    return to_hex([alpha * f + (1 - alpha) * b for f, b in zip(front, back, strict=True)])


def lightness(colour: str) -> float:
    """CIE L* (0 black .. 100 white): the colour's grey in a greyscale print."""
    y = relative_luminance(colour)
    return 116 * _lab_f(y) - 16


def _lab_f(t: float) -> float:
    return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29


def lab(colour: str) -> RGB:
    """CIE L*a*b* (D65) of an sRGB colour."""
    r, g, b = (_linear(c) for c in parse_hex(colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    fx, fy, fz = _lab_f(x), _lab_f(y), _lab_f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e(first: str, second: str) -> float:
    """CIE76 colour difference."""
    return sum((a - b) ** 2 for a, b in zip(lab(first), lab(second), strict=True)) ** 0.5


def simulate(colour: str, vision: str) -> str:
    """How ``colour`` looks with the given vision: normal, greyscale or a colour blindness."""
    if vision == "normal":
        return to_hex(parse_hex(colour))
    if vision == "greyscale":
        grey = _gamma(relative_luminance(colour))
        return to_hex((grey, grey, grey))
    matrix = CVD_MATRICES[vision]
    linear = [_linear(c) for c in parse_hex(colour)]
    seen = [sum(m * c for m, c in zip(row, linear, strict=True)) for row in matrix]
    return to_hex([_gamma(c) for c in seen])


# --- how a verdict is coloured, on the page and in the PDF ------------------------------

# The kind of alert each verdict is shown in on the results page (st.success, st.info,
# st.warning, st.error), and so the colours of the PDF's verdict box.
VERDICT_ALERT: dict[str, str] = {
    "keep": "success",
    "keep_boundaries": "info",
    "renegotiate": "warning",
    "plan_exit": "warning",
    "let_go": "error",
    "not_enough": "info",
}
# The theme's alert colours (.streamlit/config.toml, which Streamlit draws them with):
# (background, text). tests/outputs/test_colours.py keeps the two equal.
ALERT_COLOURS: dict[str, tuple[str, str]] = {
    "success": ("#f1fbf6", "#0c5a44"),  # greenBackgroundColor, greenTextColor
    "info": ("#edf5ff", "#244fb4"),  # blue
    "warning": ("#fffae5", "#7f5b0c"),  # yellow
    "error": ("#fff1f2", "#9e303b"),  # red
}


def verdict_colours(verdict: str) -> tuple[str, str]:
    """(background, text) of a verdict's alert: the same on the page and in the PDF."""
    return ALERT_COLOURS[VERDICT_ALERT.get(verdict, "info")]
