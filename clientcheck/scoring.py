"""Turn answers into sign scores, bands, drivers, a dependency figure and a verdict.

Plain Python: no Streamlit. Every number comes from the question bank's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from clientcheck.answers import Answers, is_answered
from clientcheck.questionnaire import Question, QuestionBank, Section

NOT_ASSESSED = "not_assessed"
NOT_ENOUGH = "not_enough"
ATTENTION_BANDS = ("watch", "warning", "critical")
MAX_DRIVERS = 3


@dataclass(frozen=True)
class Driver:
    """An answer that pushed a sign's score up."""

    question_id: str
    answer: str | float
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

    @property
    def assessed(self) -> bool:
        return self.band != NOT_ASSESSED

    @property
    def needs_attention(self) -> bool:
        return self.band in ATTENTION_BANDS


@dataclass(frozen=True)
class Result:
    """Everything the results page, the advice and the summaries need."""

    signs: tuple[SignResult, ...]
    risk: float
    risk_band: str
    dependency: float
    dependency_known: bool
    can_leave: bool
    verdict: str
    answered: int
    total: int
    confidence: str

    @property
    def answered_share(self) -> float:
        return self.answered / self.total if self.total else 0.0

    @property
    def path(self) -> str:
        """Which advice path fits: 'leave' when the user can afford it, else 'stay'."""
        return "leave" if self.can_leave else "stay"

    def sign(self, sign_id: str) -> SignResult:
        for sign in self.signs:
            if sign.sign_id == sign_id:
                return sign
        raise KeyError(sign_id)

    def signs_needing_attention(self) -> tuple[SignResult, ...]:
        """The signs in watch, warning or critical, most serious first."""
        flagged = [s for s in self.signs if s.needs_attention]
        return tuple(sorted(flagged, key=lambda s: (not s.dealbreaker, -s.score)))

    @property
    def dealbreakers(self) -> tuple[SignResult, ...]:
        return tuple(s for s in self.signs if s.dealbreaker)


def _weighted_mean(pairs: list[tuple[float, float]]) -> float:
    total_weight = sum(w for w, _ in pairs)
    return sum(w * r for w, r in pairs) / total_weight if total_weight else 0.0


def _answered(section: Section, answers: Answers) -> list[tuple[Question, str | float]]:
    return [(q, answers[q.id]) for q in section.questions if is_answered(answers.get(q.id))]


def score_sign(bank: QuestionBank, sign: Section, answers: Answers) -> SignResult:
    """Score one sign 0-100 from its answered questions; a deal-breaker makes it critical."""
    rules = bank.rules
    answered = _answered(sign, answers)
    risks = [(q, a, q.risk_of(a), q.is_dealbreaker(a)) for q, a in answered]
    score = _weighted_mean([(q.weight, r) for q, _, r, _ in risks])
    dealbreaker = any(d for *_, d in risks)
    if dealbreaker:
        score = max(score, rules.dealbreaker_floor)
    if len(answered) < rules.min_answers_per_sign:
        band = NOT_ASSESSED
    else:
        band = rules.band_for(score).id
    watch_from = rules.bands[1].min if len(rules.bands) > 1 else 0
    drivers = sorted(
        (Driver(q.id, a, r, d) for q, a, r, d in risks if d or r >= watch_from),
        key=lambda d: (not d.dealbreaker, -d.risk * bank.question(d.question_id).weight),
    )
    return SignResult(
        sign_id=sign.id,
        score=score,
        band=band,
        answered=len(answered),
        total=len(sign.questions),
        dealbreaker=dealbreaker,
        drivers=tuple(drivers[:MAX_DRIVERS]),
    )


def dependency_index(bank: QuestionBank, answers: Answers) -> tuple[float, bool]:
    """Return how much the user depends on the client (0-100) and whether it was measured."""
    answered = _answered(bank.situation, answers)
    if not answered:
        return bank.rules.unknown_dependency, False
    return _weighted_mean([(q.weight, q.risk_of(a)) for q, a in answered]), True


def overall_risk(bank: QuestionBank, signs: tuple[SignResult, ...]) -> float:
    """Combine the sign scores: the worst sign weighs most; any deal-breaker makes it critical."""
    assessed = [s.score for s in signs if s.assessed]
    if not assessed:
        return 0.0
    w = bank.rules.risk_max_weight
    risk = w * max(assessed) + (1 - w) * sum(assessed) / len(assessed)
    if any(s.dealbreaker for s in signs):
        risk = max(risk, bank.rules.dealbreaker_floor)
    return risk


def confidence_level(bank: QuestionBank, share: float) -> str:
    level = bank.rules.confidence[0][0]
    for level_id, min_share, _ in bank.rules.confidence:
        if share >= min_share:
            level = level_id
    return level


def assess(bank: QuestionBank, answers: Answers) -> Result:
    """Score every sign, measure dependency and choose the verdict."""
    signs = tuple(score_sign(bank, sign, answers) for sign in bank.signs)
    dependency, dependency_known = dependency_index(bank, answers)
    can_leave = dependency < bank.rules.dependent_at
    risk = overall_risk(bank, signs)
    risk_band = bank.rules.band_for(risk).id
    if any(s.assessed for s in signs):
        verdict = bank.rules.matrix[risk_band]["free" if can_leave else "dependent"]
    else:
        verdict = NOT_ENOUGH
    total = sum(len(section.questions) for section in bank.sections)
    answered = sum(len(_answered(section, answers)) for section in bank.sections)
    return Result(
        signs=signs,
        risk=risk,
        risk_band=risk_band,
        dependency=dependency,
        dependency_known=dependency_known,
        can_leave=can_leave,
        verdict=verdict,
        answered=answered,
        total=total,
        confidence=confidence_level(bank, answered / total if total else 0.0),
    )
