"""Text areas as tall as their text: lines counted as the browser wraps them, within bounds."""

from __future__ import annotations

import re
from functools import cache

import pytest

from clientcheck.guidance.messages import TONES, MessageDetails, ordered_messages, render_message
from clientcheck.ui.layout import (
    TEXT_LABEL_PX,
    TEXT_LINE_PX,
    TEXT_PADDING_PX,
    TEXT_ROWS,
    TEXT_WIDEST,
    fitted_text_css,
    text_area_height,
    text_rows,
)
from tests.support.contexts import make_ctx
from tests.support.summary_data import FULL_ANSWERS

FRAME = TEXT_PADDING_PX + TEXT_LABEL_PX
PHONE, LAPTOP = 324, 670  # the draft box's width in px on a phone (390 px) and a laptop
OLD_HEIGHT = 320  # the fixed height that hid the closing and the signature


@cache
def _drafts() -> list[tuple[str, str, str, str]]:
    """Every draft of a full client in both languages and every tone: rendered when a test
    first asks, not while every test worker collects the suite."""
    out = []
    for lang in ("en", "fr"):
        ctx = make_ctx(FULL_ANSWERS, lang)
        for message_id in ordered_messages(ctx):
            for tone in TONES:
                body = render_message(message_id, tone, ctx, MessageDetails()).body
                out.append((lang, message_id, tone, body))
    return out


def _shown_rows(text: str, width: int) -> float:
    return (text_area_height(text, width) - FRAME) / TEXT_LINE_PX


def test_every_line_and_every_wrapped_line_counts():
    assert text_rows("Dear Sophie,\n\nThanks.\nBest,\nAnna", LAPTOP) == 5
    paragraph = "Invoice INV-2026-041 for £2,660 is still unpaid. " * 8  # about 400 characters
    assert text_rows(paragraph, LAPTOP) in (4, 5)
    assert text_rows(paragraph, PHONE) >= 2 * text_rows(paragraph, LAPTOP) - 1
    assert text_rows("x" * 500, PHONE) >= 500 * 6 // (PHONE - TEXT_PADDING_PX)  # one long word


def test_a_short_text_gets_the_fewest_lines_and_a_long_one_the_most():
    fewest, most = TEXT_ROWS
    assert _shown_rows("Hello", LAPTOP) == pytest.approx(fewest, abs=0.1)
    assert _shown_rows("line\n" * 200, LAPTOP) == pytest.approx(most, abs=0.1)
    assert text_area_height("a\n" * 12, LAPTOP) < text_area_height("a\n" * 16, LAPTOP)


@pytest.mark.parametrize("width", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_each_draft_shows_whole_with_a_line_to_spare_unless_it_is_very_long(width):
    fewest, most = TEXT_ROWS
    for lang, message_id, tone, body in _drafts():
        rows, shown = text_rows(body, width), _shown_rows(body, width)
        where = (lang, message_id, tone)
        if rows + 1 <= most:
            assert shown >= rows + 1 - 0.01, where  # the signature shows
            assert shown <= max(fewest, rows + 1) + 0.1, where  # no more than that
        else:
            assert shown == pytest.approx(most, abs=0.1), where
    # On a laptop every draft shows whole; on a phone all but the longest (a contract's
    # changes, clause by clause).
    whole = [rows + 1 <= most for *_, body in _drafts() for rows in [text_rows(body, width)]]
    assert all(whole) if width == LAPTOP else sum(whole) >= len(_drafts()) - 6


def test_the_reported_draft_was_cut_and_now_is_not():
    # The payment terms draft, neutral, on a phone: 20 lines or more, 13 showed.
    _, _, _, body = next(d for d in _drafts() if d[1:3] == ("payment_terms", "neutral"))
    assert (OLD_HEIGHT - FRAME) / TEXT_LINE_PX < text_rows(body, PHONE)
    assert _shown_rows(body, PHONE) > text_rows(body, PHONE)


def test_narrower_widths_get_taller_boxes_and_the_text_box_fills_the_widget():
    body = _drafts()[0][3]
    css = fitted_text_css(body, ".st-key-box")
    assert ".st-key-box { container-type: inline-size; }" in css
    rules = re.findall(
        r"@container \(max-width: (\d+)px\) \{ \.st-key-box \[data-testid=stTextArea\] "
        r"\{ height: (\d+)px !important; \} \.st-key-box textarea \{ height: (\d+)px",
        css,
    )
    widths = [int(w) for w, _, _ in rules]
    heights = [int(h) for _, h, _ in rules]
    assert widths[0] == TEXT_WIDEST and widths == sorted(widths, reverse=True)
    assert heights == sorted(heights) and heights[0] >= text_area_height(body, TEXT_WIDEST)
    for width, height, box in rules:
        assert int(height) == text_area_height(body, int(width) - 40)  # the step's narrowest
        assert int(box) == int(height) - TEXT_LABEL_PX - 2
