"""The question bank's model: scales, questions, sections and the scoring rules, as frozen data.

Built by ``clientcheck.bank.loader`` from ``questions/*.toml``; indexed by id.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from clientcheck.i18n import Text

Kind = Literal["choice", "number"]

Role = Literal["graded", "flag", "context"]
"""How a question counts: ``graded`` enters its sign's score (or, in the situation, the
dependency figure); ``flag`` records a serious event that overrides the score but never
averages into it; ``context`` shapes advice, visibility and rules but is never scored."""

OVERRIDES = ("incident", "unfixable")

CONDITION_OPS = ("equals", "in", "at_least", "at_most")

LADDER = ("keep", "keep_boundaries", "renegotiate", "exit")
"""Verdict floors, mildest first; ``exit`` becomes let_go or plan_exit by dependency."""


class QuestionBankError(ValueError):
    """The question bank is malformed."""


@dataclass(frozen=True)
class Option:
    id: str
    risk: float
    label: Text


@dataclass(frozen=True)
class Scale:
    id: str
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


def _interpolate(pts: tuple[tuple[float, float], ...], value: float) -> float:
    """Interpolate on a piecewise-linear curve, clamped at its ends."""
    if value <= pts[0][0]:
        return pts[0][1]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        if value <= x1:
            return y0 + (y1 - y0) * (value - x0) / (x1 - x0)
    return pts[-1][1]


@dataclass(frozen=True)
class Condition:
    """When a question is asked: another answer compared with a value, or its sign's band.

    ``question`` conditions are met only by an answer (never by "don't know").
    """

    question: str | None = None
    op: str = "equals"
    value: object = None
    sign_at_least: str | None = None


@dataclass(frozen=True)
class NumberSpec:
    """A numeric answer: allowed range and a monotone piecewise-linear risk curve."""

    min: float
    max: float
    step: float
    integer: bool
    unit: Text
    points: tuple[tuple[float, float], ...]
    unit_one: Text | None = None  # the unit after exactly 1 ("1 invoice", "1 jour")
    # A count read against another answer: the risk is the lower of the count's curve and
    # the share's curve (share in %), so 3 late invoices of 3 weigh more than 3 of 30.
    share_of: str | None = None
    share_points: tuple[tuple[float, float], ...] = ()
    # The answer may not exceed this other answer (e.g. late invoices <= invoices sent).
    at_most: str | None = None

    def risk(self, value: float, total: float | None = None) -> float:
        """Return the risk (0-100) of ``value``; with ``total``, the lower of count and share."""
        risk = _interpolate(self.points, value)
        if self.share_points and total:
            risk = min(risk, _interpolate(self.share_points, 100 * value / total))
        return risk

    @property
    def increasing(self) -> bool:
        """True when a larger value means more risk."""
        return self.points[-1][1] >= self.points[0][1]


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    kind: Kind
    text: Text
    help: Text | None
    weight: float
    scale: Scale | None = None
    number: NumberSpec | None = None
    role: Role = "graded"
    overrides: Mapping[str, str] = field(default_factory=dict)
    show_if: Condition | None = None

    @property
    def graded(self) -> bool:
        return self.role == "graded"

    def risk_of(self, answer: str | float, total: float | None = None) -> float:
        """Return the risk (0-100) that an answer carries (``total``: see NumberSpec.risk)."""
        if self.kind == "choice":
            assert self.scale is not None
            return self.scale.option(str(answer)).risk
        assert self.number is not None
        return self.number.risk(float(answer), total)

    def override_of(self, answer: str | float) -> str | None:
        """Return "incident" or "unfixable" when this answer is a deal-breaker, else None."""
        return self.overrides.get(str(answer)) if self.kind == "choice" else None

    def is_dealbreaker(self, answer: str | float) -> bool:
        return self.override_of(answer) is not None


@dataclass(frozen=True)
class Section:
    """A page of the questionnaire: one of the seven signs, or the situation."""

    id: str
    order: int
    name: Text
    summary: Text
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Band:
    id: str
    min: float
    label: Text


@dataclass(frozen=True)
class Verdict:
    id: str
    label: Text
    severity: int
    check_again_days: int


@dataclass(frozen=True)
class RuleWhen:
    """What a decision rule matches: filters on one sign, or a count of signs."""

    kind: str | None = None
    band_at_least: str | None = None
    raised: str | None = None
    override: str | None = None
    count: int = 0
    including: str | None = None


@dataclass(frozen=True)
class DecisionRule:
    """One line of the decision model: a floor (or a step up) on the verdict ladder."""

    id: str
    applies: Literal["each_sign", "combination"]
    when: RuleWhen
    reason: Text
    floor: str | None = None  # a LADDER id, or "kind": the sign kind's floor for its band
    step_up: int = 0
    max: str | None = None


@dataclass(frozen=True)
class SignKind:
    id: str
    floors: Mapping[str, str]  # band id -> LADDER id
    max: str


@dataclass(frozen=True)
class DependencyOverride:
    """A floor (``at_least``) or cap (``at_most``) on dependency when all conditions hold."""

    id: str
    when: tuple[Condition, ...]
    reason: Text
    at_least: float | None = None
    at_most: float | None = None


@dataclass(frozen=True)
class Rules:
    """Scoring rules: bands, how signs combine into risk, decision rules, confidence."""

    bands: tuple[Band, ...]
    dealbreaker_floor: float
    risk_max_weight: float
    dependent_at: float
    unknown_dependency: float
    verdicts: Mapping[str, Verdict]
    confidence: tuple[tuple[str, float, Text], ...]
    min_answers_per_sign: int
    min_answers_strong: int
    firm_up_questions: int
    sign_kinds: Mapping[str, str]
    kinds: Mapping[str, SignKind]
    decision_rules: tuple[DecisionRule, ...]
    dependency_overrides: tuple[DependencyOverride, ...]

    def band_rank(self, band_id: str) -> int:
        return self._band_ranks[band_id]

    @cached_property
    def _band_ranks(self) -> dict[str, int]:
        return {band.id: rank for rank, band in enumerate(self.bands)}

    def band_for(self, score: float) -> Band:
        chosen = self.bands[0]
        for band in self.bands:
            if score >= band.min:
                chosen = band
        return chosen

    def band(self, band_id: str) -> Band:
        for band in self.bands:
            if band.id == band_id:
                return band
        raise KeyError(band_id)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per process
class QuestionBank:
    signs: tuple[Section, ...]
    situation: Section
    scales: Mapping[str, Scale]
    rules: Rules
    _by_id: Mapping[str, Question] = field(repr=False)
    # The optional Money section: context only, so it never enters risk, dependency or
    # confidence; not in ``sections`` (those are scored), only in the answers index.
    money: Section | None = None

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def sign(self, sign_id: str) -> Section:
        for sign in self.signs:
            if sign.id == sign_id:
                return sign
        raise KeyError(sign_id)

    @property
    def sections(self) -> tuple[Section, ...]:
        return (self.situation, *self.signs)

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions

    @property
    def question_ids(self) -> frozenset[str]:
        return frozenset(self._by_id)
