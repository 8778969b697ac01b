"""Advice for each sign that needs attention, and a short action plan for the verdict.

Plain Python over Jinja2 templates (``templates/advice/<lang>/<sign>.txt.j2`` and
``templates/plan/<lang>.txt.j2``): no Streamlit. Each template line is one plain
sentence; empty lines are dropped.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from clientcheck.answers import Answer, is_answered
from clientcheck.render import AdviceItem, AssessmentContext, SignView, render

PATHS = ("leave", "stay")
ADVICE_BANDS = ("watch", "warning", "critical")

_TITLES = {
    "en": {
        "leave": "{sign}: how to move on",
        "stay": "{sign}: how to protect yourself while you stay",
        "prepare": "{sign}: prepare your exit, protect yourself meanwhile",
    },
    "fr": {
        "leave": "{sign} : comment tourner la page",
        "stay": "{sign} : comment vous protéger en attendant",
        "prepare": "{sign} : préparez votre départ, protégez-vous d'ici là",
    },
}


def facts(ctx: AssessmentContext, section_id: str) -> dict[str, Answer]:
    """Return the answered questions of a section by short id ("days_late"), minus "don't know"."""
    prefix = f"{section_id}."
    return {
        qid.removeprefix(prefix): value
        for qid, value in ctx.answers.items()
        if qid.startswith(prefix) and is_answered(value)
    }


def template_lines(text: str) -> tuple[str, ...]:
    """Split rendered template text into its non-empty, trimmed lines."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def sign_path(ctx: AssessmentContext, sign: SignView) -> str:
    """Pick the advice path for one sign: a deal-breaker always means leaving."""
    return "leave" if sign.dealbreaker else ctx.path


def sign_advice(ctx: AssessmentContext, sign: SignView, band: str, path: str) -> AdviceItem:
    """Render the advice for one sign at ``band`` on ``path`` ("leave" or "stay")."""
    # A deal-breaker sends the user towards the exit even when they cannot leave yet:
    # then the advice is to prepare the way out while protecting themselves.
    preparing_exit = path == "leave" and ctx.path == "stay"
    text = render(
        f"advice/{ctx.lang}/{sign.id}.txt.j2",
        ctx=ctx,
        sign=sign,
        band=band,
        path=path,
        preparing_exit=preparing_exit,
        facts=facts(ctx, sign.id),
        situation=facts(ctx, "situation"),
    )
    title_key = "prepare" if preparing_exit else path
    titles = _TITLES.get(ctx.lang, _TITLES["en"])
    return AdviceItem(
        sign_id=sign.id,
        sign_name=sign.name,
        band=band,
        band_label=sign.band_label,
        path=path,
        dealbreaker=sign.dealbreaker,
        title=titles[title_key].format(sign=sign.name),
        lines=template_lines(text),
    )


def advice_for(ctx: AssessmentContext) -> tuple[AdviceItem, ...]:
    """Give advice for every sign that needs attention, most serious first."""
    items = []
    seen: set[str] = set()
    for sign in ctx.flagged:
        if sign.band not in ADVICE_BANDS:
            continue
        item = sign_advice(ctx, sign, sign.band, sign_path(ctx, sign))
        # Several deal-breakers share the "prepare your exit" lines: say them once.
        lines = tuple(line for line in item.lines if line not in seen)
        seen.update(lines)
        items.append(replace(item, lines=lines))
    return tuple(items)


def action_plan(ctx: AssessmentContext) -> tuple[str, ...]:
    """List the 3-5 next steps that follow from the verdict."""
    notice = facts(ctx, "situation").get("notice_weeks")
    notice_weeks = int(notice) if isinstance(notice, int | float) else None
    text = render(
        f"plan/{ctx.lang}.txt.j2",
        ctx=ctx,
        worst=ctx.flagged[0] if ctx.flagged else None,
        notice_weeks=notice_weeks,
        notice_end=(
            ctx.assessed_on + timedelta(weeks=notice_weeks) if notice_weeks is not None else None
        ),
    )
    return template_lines(text)
