"""What the app and the command line share to build downloads: inputs and file names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from clientcheck.bank.answers import answer_label
from clientcheck.bank.questions import QuestionBank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine import money
from clientcheck.engine.verdict import assess
from clientcheck.guidance.advice import action_plan, advice_for, jurisdiction, last_working_day
from clientcheck.guidance.dates import notice_words, working_day_on_or_after
from clientcheck.guidance.moneytext import EXIT_VERDICTS, money_summary
from clientcheck.guidance.rate_review import review_sentence
from clientcheck.guidance.render import (
    AssessmentContext,
    Draft,
    build_context,
    format_date,
    render_why,
    verdict_reasons,
)
from clientcheck.i18n import t
from clientcheck.outputs.charts import RadarSeries
from clientcheck.outputs.summary import ComparisonRow, ComparisonView, SummaryInput

MAX_SLUG_CHARS = 40
# Letters NFKD does not split into ASCII.
_LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d",
     "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D"}
)  # fmt: skip
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Little words a cut file name should not end on, in English and French.
_HANGING = frozenset(
    "a an and of the to for in on at by with".split()
    + "de des du d la le les l et en pour au aux sur".split()
)


def slugify(text: str, fallback: str = "client") -> str:
    """Turn a name into a lowercase ASCII file-name part: "Société Œuvre" -> "societe-oeuvre"."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_LIGATURES))
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        # Cut at a word boundary when there is one, and not after a little word left
        # hanging ("reclamation-des", a user's walk).
        head = slug[: MAX_SLUG_CHARS + 1]
        slug = (head.rsplit("-", 1)[0] if "-" in head else slug[:MAX_SLUG_CHARS]).strip("-")
        words = slug.split("-")
        while len(words) > 1 and words[-1] in _HANGING:
            words.pop()
        slug = "-".join(words)
    return slug or fallback


def export_filename(client_name: str, day: date, ext: str) -> str:
    """Name a download: client-check_societe-oeuvre-fils_2026-11-27.pdf."""
    return f"client-check_{slugify(client_name)}_{day.isoformat()}.{ext.lstrip('.')}"


def draft_file_stem(client_name: str, title: str, day: date) -> str:
    """Name a draft's files by the client and the draft's title in the page's language:
    client-check_agence-lyon-conditions-de-paiement_2026-12-06 (a user's walk: the names
    were English in a French session)."""
    return export_filename(f"{client_name} {title}", day, "txt").removesuffix(".txt")


def build_summary_input(
    bank: QuestionBank,
    record: ClientRecord,
    lang: str,
    drafts: Sequence[Draft] = (),
    comparison: ComparisonView | None = None,
    date_style: str = "",
) -> SummaryInput:
    """Score a client and gather what its summary shows: verdict, why, advice, plan, drafts.

    ``date_style``: how the user's pages write dates (``render.page_date_style``)."""
    result = assess(bank, record.answers)
    ctx = on_working_days(build_context(bank, record, result, lang, date_style=date_style))
    advice, plan = advice_for(ctx), action_plan(ctx)
    pipeline = ctx.answers.get(money.Q_PIPELINE)
    pipeline_label = (
        answer_label(bank.question(money.Q_PIPELINE), pipeline, lang)
        if isinstance(pipeline, str)
        else ""
    )
    return SummaryInput(
        ctx=ctx,
        why=summary_why(ctx),
        advice=advice,
        plan=plan,
        drafts=tuple(drafts),
        comparison=comparison,
        money=money_summary(
            ctx.answers,
            ctx.assessed_on,
            lang,
            show_exit=ctx.verdict in EXIT_VERDICTS,
            pipeline_label=pipeline_label,
            review=review_sentence(ctx),
        ),
    )


def on_working_days(ctx: AssessmentContext) -> AssessmentContext:
    """The context with the dates it shows moved off weekends and public holidays.

    The check-again date moves forward to a working day; the last working day of a
    notice is the drafts' own (``guidance.advice.last_working_day``), so the page, the
    summaries, the plan and the goodbye draft give the same day.
    """
    return replace(
        ctx,
        check_again_on=working_day_on_or_after(ctx.check_again_on, jurisdiction(ctx)),
        last_working_day=last_working_day(ctx, ctx.notice_weeks),
    )


def summary_why(ctx: AssessmentContext) -> str:
    """The verdict's sentence, then one line per rule that set it and why you count as
    free or dependent, then whether it is provisional and what would settle it."""
    lines = [render_why(ctx)]
    lines += [f"• {line}" for line in verdict_reasons(ctx)]
    if ctx.provisional:
        lines.append(ctx.provisional_note)
        lines += [f"• {question}" for question in ctx.firm_up]
    if ctx.last_working_day is not None and ctx.verdict == "plan_exit":
        # Not a date from today: someone who cannot leave yet would read it as "give notice
        # now" (a professional's reading), so the notice is said as a length.
        notice = notice_words(ctx.notice_weeks, ctx.lang)
        lines.append(t("last_working_day_later", ctx.lang, notice=notice))
    elif ctx.last_working_day is not None and ctx.verdict == "let_go":
        lines.append(
            t(
                "last_working_day",
                ctx.lang,
                notice=notice_words(ctx.notice_weeks, ctx.lang, possessive=True),
                today=format_date(ctx.assessed_on, ctx.dates),
                day=format_date(ctx.last_working_day, ctx.dates),
            )
        )
    return "\n".join(lines)


def comparison_view(
    bank: QuestionBank, records: Sequence[ClientRecord], lang: str, title: str
) -> ComparisonView:
    """Put several clients (or the same client at several dates) side by side."""
    series, rows = [], []
    for record in records:
        ctx = build_context(bank, record, assess(bank, record.answers), lang)
        series.append(
            RadarSeries(
                ctx.client_name, tuple(float(s.score) if s.assessed else None for s in ctx.signs)
            )
        )
        rows.append(
            ComparisonRow(
                name=ctx.client_name,
                verdict_label=ctx.verdict_label,
                risk=ctx.risk_text,
                dependency=ctx.dependency,
                top_signs=", ".join(s.name for s in ctx.flagged[:3]),
            )
        )
    return ComparisonView(
        title=title,
        labels=tuple(sign.name(lang) for sign in bank.signs),
        series=tuple(series),
        rows=tuple(rows),
    )
