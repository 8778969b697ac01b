"""Compare clients side by side, or the same client then and now. Plain Python."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from clientcheck.bank.answers import Answer
from clientcheck.bank.questions import QuestionBank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine import runway
from clientcheck.engine.signs import ATTENTION_BANDS
from clientcheck.engine.verdict import assess
from clientcheck.guidance.moneytext import money_word
from clientcheck.guidance.render import AssessmentContext, build_context, render_why
from clientcheck.i18n import t
from clientcheck.outputs.charts import RadarSeries

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class ComparedClient:
    name: str
    verdict_label: str
    verdict_severity: int
    risk: int | None  # None: nothing answered
    dependency: int
    top_signs: str
    scores: tuple[int, ...]
    context: AssessmentContext
    why: str = ""  # what sets the verdict, in a few words


@dataclass(frozen=True)
class SignChange:
    name: str
    then: int
    now: int

    @property
    def delta(self) -> int:
        return self.now - self.then

    @property
    def arrow(self) -> str:
        """Up means a worse sign, down an improvement."""
        return "↑" if self.delta > 0 else "↓" if self.delta < 0 else "→"


def compared(bank: QuestionBank, record: ClientRecord, lang: str, fallback: str) -> ComparedClient:
    ctx = build_context(bank, record, assess(bank, record.answers), lang, fallback)
    top = sorted((s for s in ctx.signs if s.band in ATTENTION_BANDS), key=lambda s: -s.score)[:3]
    return ComparedClient(
        name=ctx.client_name,
        verdict_label=ctx.verdict_label,
        verdict_severity=ctx.verdict_severity,
        risk=ctx.risk,
        dependency=ctx.dependency,
        top_signs=", ".join(f"{s.name} ({s.score})" for s in top) or "—",
        scores=tuple(s.score for s in ctx.signs),
        context=ctx,
        why=_why(ctx),
    )


def _why(ctx: AssessmentContext) -> str:
    """What sets the verdict in a few words: the sign its rule fired on, else the verdict's
    sentence up to its colon ("The rate is what has to change"); a user's walk: Compare
    named a lovely publisher's friendly chat, never the half rate that set its verdict."""
    sign = next((s for s in ctx.signs if s.id == ctx.driver_sign), None)
    if sign is not None:
        return sign.name
    if ctx.verdict in ("keep", "not_enough") and not ctx.driver_rule:
        return "—"
    return re.split(r"[\s\u00a0]?[:.](?:\s|$)", render_why(ctx), maxsplit=1)[0].strip()


def rank(clients: Sequence[ComparedClient]) -> list[ComparedClient]:
    """Most worrying first: by verdict severity, then overall risk."""
    return sorted(
        clients,
        key=lambda c: (-c.verdict_severity, -(c.risk if c.risk is not None else -1), c.name),
    )


def radar_series(clients: Sequence[ComparedClient]) -> list[RadarSeries]:
    return [radar_series_of(c) for c in clients]


def radar_series_of(client: ComparedClient, name: str = "", dash: str = "solid") -> RadarSeries:
    """A client's radar line: signs not assessed are gaps, never 0."""
    values = tuple(float(s.score) if s.assessed else None for s in client.context.signs)
    return RadarSeries(name or client.name, values, dash)


def comparison_frame(
    clients: Sequence[ComparedClient], sign_names: Sequence[str], lang: str
) -> pd.DataFrame:
    """The ranked table, one row per client, with each sign's score."""
    rows = []
    for c in rank(clients):
        row = {
            t("col_client", lang): c.name,
            t("verdict", lang): c.verdict_label,
            t("risk", lang): c.risk,
            t("dependency", lang): c.dependency,
            t("col_why", lang): c.why,
            t("col_top_signs", lang): c.top_signs,
        }
        row.update(share_columns(c.context.answers, lang))
        row.update(dict(zip(sign_names, c.scores, strict=True)))
        rows.append(row)
    frame = pd.DataFrame(rows)
    if not frame.empty:
        # Whole percentages, empty where not given (not 45.0 and NaN).
        share = money_word("share_col", lang)
        frame[share] = frame[share].astype("Int64")
    return frame


def share_columns(answers: Mapping[str, Answer], lang: str) -> dict[str, object]:
    """The client's stated share of income and its concentration band, empty when not given."""
    share = runway.concentration([("", answers)])
    figure = share.shares[0].share
    return {
        money_word("share_col", lang): round(figure.value) if figure else None,
        money_word("share_band_col", lang): money_word(f"band_{share.band}", lang)
        if share.band
        else "",
    }


def _defuse(value: object) -> object:
    """Keep a spreadsheet from running user text as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def scores_csv(frame: pd.DataFrame, lang: str = "en") -> bytes:
    """The comparison as CSV (UTF-8 with BOM so spreadsheets read accents right); in
    French, semicolons and decimal commas, as a French or Belgian spreadsheet opens it (a
    user's walk: the comma-separated file opened in one column)."""
    safe = frame.map(_defuse)
    safe.columns = [_defuse(c) for c in frame.columns]
    buffer = io.StringIO()
    if lang == "fr":
        safe.to_csv(buffer, index=False, sep=";", decimal=",")
    else:
        safe.to_csv(buffer, index=False)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sign_changes(
    then: ComparedClient, now: ComparedClient, sign_names: Sequence[str]
) -> list[SignChange]:
    return [
        SignChange(name, a, b)
        for name, a, b in zip(sign_names, then.scores, now.scores, strict=True)
    ]
