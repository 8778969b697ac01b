"""Which questions are asked, and each sign's score, band and drivers from the answers.

Plain Python: no Streamlit. Every number comes from the question bank's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from clientcheck.bank.answers import DONT_KNOW, Answer, Answers, is_answered
from clientcheck.bank.questions import (
    HISTORY_SCALES,
    OVERRIDES,
    Condition,
    Question,
    QuestionBank,
    Section,
)

NOT_ASSESSED = "not_assessed"

ATTENTION_BANDS = ("watch", "warning", "critical")

MAX_DRIVERS = 3


@dataclass(frozen=True)
class Driver:
    """An answer that pushed a sign's score up."""

    question_id: str
    answer: Answer
    risk: float
    dealbreaker: bool


@dataclass(frozen=True)
class SignResult:
    sign_id: str
    score: float
    band: str
    answered: int
    total: int
    dealbreaker: bool
    drivers: tuple[Driver, ...]
    kind: str = "money"  # what can fix it (questions/scoring.toml, sign_kinds)
    event: str | None = None  # the gravest serious event recorded (see OVERRIDES), if any
    history: str = "not_yet"  # what was already tried (HISTORY); unanswered reads as not yet
    history_answered: bool = False  # the user said what they tried (evidence of a problem)
    # answers a sign rule reads (rules.rule_questions); several answers as a tuple
    facts: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    level: int = 0  # this sign's floor on the verdict ladder (index in LADDER)
    rule: str = ""  # the sign rule that set that floor ("" when none did)
    graded_band: str = ""  # the band from the graded answers alone, before any event

    @property
    def assessed(self) -> bool:
        return self.band != NOT_ASSESSED

    @property
    def state(self) -> str:
        """The band, or the serious event when there is one (it outranks every band)."""
        return self.event or self.band

    @property
    def needs_attention(self) -> bool:
        return self.band in ATTENTION_BANDS


def condition_met(
    bank: QuestionBank, cond: Condition, answers: Answers, sign_band: str | None = None
) -> bool:
    """Check one condition against the answers (``sign_band``: the asking sign's band)."""
    if cond.any:
        return any(condition_met(bank, part, answers, sign_band) for part in cond.any)
    if cond.sign_at_least is not None:
        if sign_band is None or sign_band == NOT_ASSESSED:
            return False
        return bank.rules.band_rank(sign_band) >= bank.rules.band_rank(cond.sign_at_least)
    assert cond.question is not None
    target = bank.question(cond.question)
    if not is_visible(bank, target, answers):
        return False
    value = answers.get(cond.question)
    if cond.op == "unknown":
        return value == DONT_KNOW
    if not is_answered(value):
        return False
    if cond.op == "equals":
        return value == cond.value
    if cond.op == "in":
        return bool(set(target.chosen(value)) & set(cond.value))  # type: ignore[call-overload]
    if not isinstance(value, int | float):
        return False
    if cond.op == "at_least":
        return value >= cond.value  # type: ignore[operator]
    return value <= cond.value  # type: ignore[operator]


def is_visible(
    bank: QuestionBank, question: Question, answers: Answers, sign_band: str | None = None
) -> bool:
    """Whether ``question`` is asked given the other answers.

    A question shown by its sign's band (``sign_at_least``) needs ``sign_band``; without
    it, the band is worked out from the answers.
    """
    cond = question.show_if
    if cond is None:
        return True
    if cond.sign_at_least is not None and sign_band is None:
        sign_band = _base_sign(bank, bank.sign(question.section), answers)[1]
    return condition_met(bank, cond, answers, sign_band)


def visible_questions(bank: QuestionBank, section: Section, answers: Answers) -> list[Question]:
    """The questions of ``section`` that are asked, given the answers so far."""
    band = None
    if any(q.show_if and q.show_if.sign_at_least for q in section.questions):
        band = _base_sign(bank, section, answers)[1] if section.id != "situation" else None
    return [q for q in section.questions if is_visible(bank, q, answers, band)]


def answered_pairs(
    bank: QuestionBank, questions: list[Question], answers: Answers
) -> list[tuple[Question, Answer]]:
    return [(q, answers[q.id]) for q in questions if is_answered(answers.get(q.id))]


def answer_risk(question: Question, answer: Answer, answers: Answers) -> float:
    total = None
    if question.number is not None and question.number.share_of:
        other = answers.get(question.number.share_of)
        total = float(other) if isinstance(other, int | float) and other > 0 else None
    return question.risk_of(answer, total)


def weighted_mean(pairs: list[tuple[float, float]]) -> float:
    total_weight = sum(w for w, _ in pairs)
    return sum(w * r for w, r in pairs) / total_weight if total_weight else 0.0


def _base_sign(
    bank: QuestionBank, sign: Section, answers: Answers
) -> tuple[float, str, list[tuple[Question, Answer]], set[str], str]:
    """Score a sign from its asked questions, context left out: score, band, answers,
    overrides, and the band of the graded answers alone (before any event's floor)."""
    rules = bank.rules
    asked = [q for q in sign.questions if q.role != "context"]
    asked = [q for q in asked if q.show_if is None or is_visible(bank, q, answers)]
    answered = answered_pairs(bank, asked, answers)
    graded = [(q.weight, answer_risk(q, a, answers)) for q, a in answered if q.graded]
    # One behaviour that happens often is a real problem even when the others do not: the
    # worst answer weighs in beside the mean (as the worst sign does in the overall risk).
    worst = max((r for _, r in graded), default=0.0)
    score = rules.sign_max_weight * worst + (1 - rules.sign_max_weight) * weighted_mean(graded)
    overrides = {o for q, a in answered if (o := q.override_of(a))}
    graded_band = rules.band_for(score).id if graded else rules.bands[0].id
    if overrides:
        score = max(score, rules.dealbreaker_floor)
    band = NOT_ASSESSED if len(answered) < rules.min_answers_per_sign else rules.band_for(score).id
    return score, band, answered, overrides, graded_band


def score_sign(bank: QuestionBank, sign: Section, answers: Answers) -> SignResult:
    """Score one sign 0-100 from its graded answers; a deal-breaker answer makes it critical.

    A deal-breaker question answered "no" adds nothing: flags override, never average.
    """
    rules = bank.rules
    score, band, answered, overrides, graded_band = _base_sign(bank, sign, answers)
    history, history_answered = "not_yet", False
    for q in sign.questions:
        if is_history(q) and is_answered(answers.get(q.id)):
            if is_visible(bank, q, answers, band):
                history, history_answered = str(answers[q.id]), True
    watch_from = rules.bands[1].min if len(rules.bands) > 1 else 0
    drivers = []
    for q, a in answered:
        risk = answer_risk(q, a, answers)
        override = q.override_of(a) is not None
        if override or (q.graded and risk >= watch_from):
            drivers.append(Driver(q.id, a, risk, override))
    drivers.sort(key=lambda d: (not d.dealbreaker, -d.risk * bank.question(d.question_id).weight))
    visible = [q for q in sign.questions if q.role != "context" and is_visible(bank, q, answers)]
    return SignResult(
        sign_id=sign.id,
        score=score,
        band=band,
        answered=len(answered),
        total=len(visible),
        dealbreaker=bool(overrides),
        drivers=tuple(drivers[:MAX_DRIVERS]),
        kind=rules.sign_kinds[sign.id],
        event=max(overrides, key=OVERRIDES.index) if overrides else None,
        history=history,
        history_answered=history_answered,
        # Context questions a rule reads count too (how the money owed moves): they shape
        # the verdict, never the score.
        facts=tuple(
            (q.id, _fact(answers[q.id]))
            for q in sign.questions
            if q.id in rules.rule_questions
            and is_answered(answers.get(q.id))
            and (q.show_if is None or is_visible(bank, q, answers, band))
        ),
        graded_band=graded_band,
    )


def is_history(question: Question) -> bool:
    """Whether this is a sign's "have you already raised it?" question."""
    return question.scale is not None and question.scale.id in HISTORY_SCALES


def _fact(answer: object) -> str | tuple[str, ...]:
    """An answer as a decision rule reads it: several answers stay several."""
    if isinstance(answer, list | tuple):
        return tuple(str(a) for a in answer)
    return str(answer)
