"""The question bank's model: scales, questions, sections and the scoring rules, as frozen data.

Built by ``clientcheck.bank.loader`` from ``questions/*.toml``; indexed by id.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from clientcheck.i18n import Text

if TYPE_CHECKING:  # the rules read conditions from this module
    from clientcheck.bank.rules import Rules

Kind = Literal["choice", "number"]

Role = Literal["graded", "flag", "context"]
"""How a question counts: ``graded`` enters its sign's score (or, in the situation, the
dependency figure); ``flag`` records a serious event that overrides the score but never
averages into it; ``context`` shapes advice, visibility and rules but is never scored."""

OVERRIDES = ("incident", "pattern", "line", "unfixable")
"""Serious events an answer can record, mildest first: one serious incident (being drunk
at a meeting once); a repeated one; a line crossed (harassment, discrimination, a dishonest
request), which calls for a clear "no" first; and what ends a working relationship at once
(threats or pressure to get their way, a threat to your safety)."""

CONDITION_OPS = ("equals", "in", "at_least", "at_most", "unknown")

HISTORY = (
    "not_yet",
    "self_corrected",
    "improved",
    "slipping",
    "no_change",
    "worse",
    "enforced_paid",
    "enforced_complied",
    "enforced",
)
"""What was already tried about a sign (the "have you raised it?" answer); an unanswered
question reads as "not yet". ``self_corrected``: no need, the client apologised or put it
right on their own, and it has not happened again."""

HISTORY_SCALES = ("history", "history_conduct", "history_workload")
"""The scales of the "have you raised it?" questions: terms (fees, deposits, stopped work),
behaviour (a last warning), and workload (a minimum commitment, time no longer held);
each offers only the histories that fit its sign, all of them among HISTORY."""

STILL_GOING = HISTORY[HISTORY.index("slipping") :]
"""What was tried that says the problem goes on: it came back, nothing changed, it got
worse, or the terms put in force were paid, half-kept or refused."""

ASKED_IN_VAIN = STILL_GOING[: STILL_GOING.index("worse") + 1]
"""Asked, and it goes on (it came back, nothing changed, it got worse): the next step is to
enforce, not to ask again. Nothing was put in force yet."""

LADDER = ("keep", "keep_boundaries", "renegotiate", "exit")
"""Verdict floors, mildest first; ``exit`` becomes let_go or plan_exit by dependency."""


class QuestionBankError(ValueError):
    """The question bank is malformed."""


@dataclass(frozen=True)
class Option:
    id: str
    risk: float
    label: Text
    exclusive: bool = False  # in a several-answers question, this option stands alone
    # A stance, not a fact to check ("it goes against my values"): *What would change the
    # verdict* never offers a change to it or from it.
    settled: bool = False


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
    """When a question is asked: another answer compared with a value, its sign's band,
    or any of several conditions.

    ``question`` conditions are met only by an answer (never by "don't know"), except
    ``unknown``, which is met by "don't know". ``in`` on a question with several answers
    is met when any of them is in the list.
    """

    question: str | None = None
    op: str = "equals"
    value: object = None
    sign_at_least: str | None = None
    any: tuple[Condition, ...] = ()


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
    # Other units a person may type, and what one of each is worth in ``unit``
    # (notice: "30 days", "2 months" for a question counted in weeks).
    units: Mapping[str, float] = field(default_factory=dict)

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
    multiple: bool = False  # a choice question where several options may be picked

    @property
    def graded(self) -> bool:
        return self.role == "graded"

    def chosen(self, answer: object) -> tuple[str, ...]:
        """The option ids an answer to a choice question picks (one, or several)."""
        if isinstance(answer, tuple | list):
            return tuple(str(a) for a in answer)
        return (str(answer),)

    def risk_of(self, answer: object, total: float | None = None) -> float:
        """Return the risk (0-100) that an answer carries (``total``: see NumberSpec.risk).

        Several options picked carry the risk of the worst of them.
        """
        if self.kind == "choice":
            assert self.scale is not None
            return max((self.scale.option(o).risk for o in self.chosen(answer)), default=0.0)
        assert self.number is not None
        return self.number.risk(float(answer), total)  # type: ignore[arg-type]

    def override_of(self, answer: object) -> str | None:
        """Return the serious event this answer records (see OVERRIDES), the gravest of
        several options picked, or None."""
        if self.kind != "choice":
            return None
        events = [self.overrides[o] for o in self.chosen(answer) if o in self.overrides]
        return max(events, key=OVERRIDES.index, default=None)

    def is_dealbreaker(self, answer: object) -> bool:
        return self.override_of(answer) is not None


@dataclass(frozen=True)
class Section:
    """A page of the questionnaire: one of the seven signs, or the situation."""

    id: str
    order: int
    name: Text
    summary: Text
    questions: tuple[Question, ...]


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
