"""The drafts gallery's situations (scripts/drafts_gallery.py), for the tests that read its
drafts as the professional readers did. Each situation's context is built once a language."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from clientcheck.guidance.letters import MessageDetails
from clientcheck.guidance.messages import MESSAGE_IDS, TONES, render_message
from clientcheck.guidance.render import AssessmentContext, Draft


@cache
def gallery_situations(lang: str) -> tuple[tuple[int, AssessmentContext, MessageDetails], ...]:
    """(number from 1, context, details typed) of each gallery situation, in its order."""
    from scripts.drafts_gallery import SITUATIONS, situation_context

    return tuple(
        (number, situation_context(situation, lang), situation.details_in(lang))
        for number, situation in enumerate(SITUATIONS, start=1)
    )


def gallery_draft(lang: str, number: int, message_id: str, tone: str) -> str:
    """The body of one draft of situation ``number``, as the gallery shows it."""
    situations = gallery_situations(lang)
    if not 1 <= number <= len(situations):
        raise KeyError(number)
    _, ctx, details = situations[number - 1]
    return render_message(message_id, tone, ctx, details).body


def gallery_drafts(lang: str) -> Iterator[tuple[str, str, Draft]]:
    """Every draft of the gallery: ("1.3 firm", message id, draft), in the gallery's order."""
    for number, ctx, details in gallery_situations(lang):
        for index, message_id in enumerate(MESSAGE_IDS, start=1):
            for tone in TONES:
                where = f"{number}.{index} {tone}"
                yield where, message_id, render_message(message_id, tone, ctx, details)
