"""Choose the verdict from the signs and the dependency figure, with the rules that set it.

Plain Python: no Streamlit. Every decision rule comes from the question bank's data
(``questions/scoring.toml``); this module only applies them.

The verdict is a ladder, ``keep < keep_boundaries < renegotiate < exit``: each
decision rule that matches gives a floor (or a step up), and the verdict is the
highest. ``exit`` is ``let_go`` for a user who can afford to leave and
``plan_exit`` for one who cannot yet.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from clientcheck.bank.answers import Answer, Answers, is_answered
from clientcheck.bank.questions import LADDER, DecisionRule, Question, QuestionBank
from clientcheck.engine.inputs import (
    answers_read,
    cached_dependency,
    dependency_inputs,
    section_counts,
    section_inputs,
)
from clientcheck.engine.signs import NOT_ASSESSED, SignResult, score_sign, visible_questions

NOT_ENOUGH = "not_enough"

EXIT = LADDER.index("exit")

VERDICT_LEVEL = {
    "keep": 0,
    "keep_boundaries": 1,
    "renegotiate": 2,
    "plan_exit": 3,
    "let_go": 3,
}


@dataclass(frozen=True)
class Reason:
    """A decision rule that set the verdict, and the sign it was about (None: a combination)."""

    rule_id: str
    sign_id: str | None = None
    signs: tuple[str, ...] = ()  # for a combination: the signs it counted


@dataclass(frozen=True)
class Result:
    """Everything the results page, the advice and the summaries need."""

    signs: tuple[SignResult, ...]
    risk: float | None  # None when no sign has an answer: no figure rather than 0
    risk_band: str
    dependency: float
    dependency_known: bool
    can_leave: bool
    verdict: str
    answered: int
    total: int
    confidence: str
    reasons: tuple[Reason, ...] = ()
    provisional: bool = False
    tentative_verdict: str | None = None  # with more answers, the verdict this points to
    firm_up: tuple[str, ...] = ()  # question ids that would settle a provisional result
    dependency_rule: str | None = None  # the dependency override that applied, if any

    @property
    def answered_share(self) -> float:
        return self.answered / self.total if self.total else 0.0

    @property
    def path(self) -> str:
        """Which advice path fits: 'leave' when the user can afford it, else 'stay'."""
        return "leave" if self.can_leave else "stay"

    @property
    def level(self) -> int:
        return VERDICT_LEVEL.get(self.verdict, -1)

    def sign(self, sign_id: str) -> SignResult:
        for sign in self.signs:
            if sign.sign_id == sign_id:
                return sign
        raise KeyError(sign_id)

    def signs_needing_attention(self) -> tuple[SignResult, ...]:
        """The signs in watch, warning or critical, most serious first."""
        flagged = [s for s in self.signs if s.needs_attention]
        return tuple(sorted(flagged, key=lambda s: (not s.dealbreaker, -s.level, -s.score)))

    @property
    def dealbreakers(self) -> tuple[SignResult, ...]:
        return tuple(s for s in self.signs if s.dealbreaker)


ADVICE_PATHS = {
    "keep": "fix",
    "keep_boundaries": "fix",
    "renegotiate": "fix",
    "plan_exit": "prepare",
    "let_go": "leave",
}
"""Advice follows the verdict: fix what can be fixed under the keep verdicts, prepare the
exit while protecting yourself under "plan your exit", move on under "let go"."""


def advice_path(verdict: str) -> str | None:
    """The advice path for a verdict: "fix", "prepare" or "leave" (None: nothing to judge)."""
    return ADVICE_PATHS.get(verdict)


@lru_cache(maxsize=8192)
def _scored_sign(
    bank: QuestionBank, sign_id: str, read: tuple[tuple[str, Answer], ...]
) -> SignResult:
    """score_sign from the answers it reads, with the sign's own level on the ladder."""
    sign = score_sign(bank, bank.sign(sign_id), dict(read))
    return replace(sign, level=_sign_level(bank, sign)[0])


def overall_risk(bank: QuestionBank, signs: tuple[SignResult, ...]) -> float | None:
    """Combine the sign scores: the worst sign weighs most; any deal-breaker makes it critical."""
    assessed = [s.score for s in signs if s.assessed]
    if not assessed:
        return None
    w = bank.rules.risk_max_weight
    risk = w * max(assessed) + (1 - w) * sum(assessed) / len(assessed)
    if any(s.dealbreaker for s in signs):
        risk = max(risk, bank.rules.dealbreaker_floor)
    return risk


def _at_least(bank: QuestionBank, band: str, band_id: str | None) -> bool:
    if band_id is None:
        return True
    if band == NOT_ASSESSED:
        return False
    return bank.rules.band_rank(band) >= bank.rules.band_rank(band_id)


def _sign_matches(bank: QuestionBank, rule: DecisionRule, sign: SignResult) -> bool:
    w = rule.when
    if not sign.assessed:
        return False
    if w.kind is not None and sign.kind != w.kind:
        return False
    if not _at_least(bank, sign.band, w.band_at_least):
        return False
    if w.raised is not None and sign.raised != w.raised:
        return False
    if w.override == "incident" and not sign.incident:
        return False
    return not (w.override == "unfixable" and not sign.unfixable)


def _floor(bank: QuestionBank, rule: DecisionRule, sign: SignResult | None) -> int:
    if rule.floor == "kind":
        assert sign is not None
        return LADDER.index(bank.rules.kinds[sign.kind].floors[sign.band])
    assert rule.floor is not None
    return LADDER.index(rule.floor)


# The decision rules read only these of a sign: the decision is cached on them.
RuleKey = tuple[str, str, str, str | None, bool, bool]


def _rule_key(sign: SignResult) -> RuleKey:
    return (sign.sign_id, sign.kind, sign.band, sign.raised, sign.incident, sign.unfixable)


def _stand_in(key: RuleKey, level: int = 0) -> SignResult:
    """A sign with only what the decision rules read."""
    sign_id, kind, band, raised, incident, unfixable = key
    return SignResult(sign_id, 0.0, band, 0, 0, False, (), kind, incident, unfixable, raised, level)


def _sign_level(bank: QuestionBank, sign: SignResult) -> tuple[int, Reason | None]:
    """One sign's floor on the verdict ladder, and the rule that explains it."""
    return _level_rule(bank, _rule_key(sign))


@lru_cache(maxsize=1024)
def _level_rule(bank: QuestionBank, key: RuleKey) -> tuple[int, Reason | None]:
    sign = _stand_in(key)
    if not sign.assessed:
        return 0, None
    rules = bank.rules
    level = 0
    fired: list[tuple[int, Reason]] = []
    for rule in rules.decision_rules:
        if rule.applies != "each_sign" or not _sign_matches(bank, rule, sign):
            continue
        if rule.step_up:
            cap = LADDER.index(rule.max or rules.kinds[sign.kind].max)
            cap = max(cap, level) if sign.unfixable else cap
            stepped = max(level, min(level + rule.step_up, cap))
            if stepped > level:
                level = stepped
                fired.append((level, Reason(rule.id, sign.sign_id)))
        else:
            floor = _floor(bank, rule, sign)
            if floor >= level:
                level = floor
                fired.append((level, Reason(rule.id, sign.sign_id)))
    # The most specific rule that set the sign's level explains it.
    top = [r for lvl, r in fired if lvl == level and level > 0]
    return level, top[-1] if top else None


def _decide(
    bank: QuestionBank, signs: tuple[SignResult, ...]
) -> tuple[int, tuple[SignResult, ...], tuple[Reason, ...]]:
    """Apply the decision rules: the verdict's ladder level, signs with levels, and why."""
    leveled = []
    for sign in signs:
        level = _sign_level(bank, sign)[0]
        leveled.append(sign if sign.level == level else replace(sign, level=level))
    verdict, decisive = _decision(bank, tuple(_rule_key(s) for s in signs))
    return verdict, tuple(leveled), decisive


@lru_cache(maxsize=4096)
def _decision(bank: QuestionBank, keys: tuple[RuleKey, ...]) -> tuple[int, tuple[Reason, ...]]:
    rules = bank.rules
    leveled = []
    reasons: list[tuple[int, Reason]] = []
    for key in keys:
        level, reason = _level_rule(bank, key)
        if reason is not None:
            reasons.append((level, reason))
        leveled.append(_stand_in(key, level))
    verdict = max((s.level for s in leveled), default=0)
    for rule in rules.decision_rules:
        if rule.applies != "combination":
            continue
        matching = [s for s in leveled if _sign_matches(bank, rule, s)]
        if len(matching) < rule.when.count:
            continue
        if rule.when.including == "incident" and not any(s.incident for s in matching):
            continue
        counted = tuple(s.sign_id for s in matching)
        if rule.step_up:
            cap = LADDER.index(rule.max) if rule.max else EXIT
            stepped = max(verdict, min(verdict + rule.step_up, cap))
            if stepped > verdict:
                verdict = stepped
                reasons.append((verdict, Reason(rule.id, signs=counted)))
        else:
            floor = _floor(bank, rule, None)
            if floor >= verdict:
                verdict = floor
                reasons.append((verdict, Reason(rule.id, signs=counted)))
    decisive = tuple(r for lvl, r in reasons if lvl == verdict and verdict > 0)
    return verdict, decisive


def _strong_enough(bank: QuestionBank, sign: SignResult) -> bool:
    return sign.dealbreaker or sign.answered >= bank.rules.min_answers_strong


def _capped(bank: QuestionBank, sign: SignResult) -> SignResult:
    """The sign as it may count while it has too few answers: at most at Watch."""
    if _strong_enough(bank, sign) or not sign.assessed:
        return sign
    watch = bank.rules.bands[1]
    if bank.rules.band_rank(sign.band) <= 1:
        return sign
    return replace(sign, band=watch.id, score=min(sign.score, watch.min), raised=None)


def confidence_level(bank: QuestionBank, share: float) -> str:
    level = bank.rules.confidence[0][0]
    for level_id, min_share, _ in bank.rules.confidence:
        if share >= min_share:
            level = level_id
    return level


def _verdict_id(level: int, can_leave: bool) -> str:
    if level >= EXIT:
        return "let_go" if can_leave else "plan_exit"
    return LADDER[level]


def assess(bank: QuestionBank, answers: Answers) -> Result:
    """Score every sign, measure dependency and choose the verdict."""
    return _assess_cached(bank, freeze_answers(answers))


def freeze_answers(answers: Answers) -> tuple[tuple[str, Answer], ...]:
    return tuple(sorted(answers.items()))


@lru_cache(maxsize=4096)
def _assess_cached(bank: QuestionBank, frozen: tuple[tuple[str, Answer], ...]) -> Result:
    answers = dict(frozen)
    rules = bank.rules
    signs = tuple(
        _scored_sign(bank, sign.id, answers_read(section_inputs(bank, sign.id), answers))
        for sign in bank.signs
    )
    dependency, dependency_known, dependency_rule = cached_dependency(
        bank, answers_read(dependency_inputs(bank), answers)
    )
    can_leave = dependency < rules.dependent_at
    risk = overall_risk(bank, signs)
    risk_band = rules.band_for(risk).id if risk is not None else NOT_ASSESSED
    level, leveled, reasons = _decide(bank, signs)
    provisional = False
    tentative = None
    firm_up: tuple[str, ...] = ()
    if not any(s.assessed for s in signs):
        verdict = NOT_ENOUGH
    else:
        verdict = _verdict_id(level, can_leave)
        if level > LADDER.index("keep_boundaries"):
            capped_level, _, capped_reasons = _decide(bank, tuple(_capped(bank, s) for s in signs))
            if capped_level < level:
                provisional = True
                tentative = verdict
                weak = [s for s in leveled if not _strong_enough(bank, s) and s.level > 1]
                firm_up = _firm_up(bank, weak, answers)
                verdict = _verdict_id(capped_level, can_leave)
                reasons = capped_reasons
    counts = [
        section_counts(bank, s.id, answers_read(section_inputs(bank, s.id), answers))
        for s in bank.sections
    ]
    answered = sum(a for a, _ in counts)
    total = sum(t for _, t in counts)
    return Result(
        signs=leveled,
        risk=risk,
        risk_band=risk_band,
        dependency=dependency,
        dependency_known=dependency_known,
        can_leave=can_leave,
        verdict=verdict,
        answered=answered,
        total=total,
        confidence=confidence_level(bank, answered / total if total else 0.0),
        reasons=reasons,
        provisional=provisional,
        tentative_verdict=tentative,
        firm_up=firm_up,
        dependency_rule=dependency_rule,
    )


def _firm_up(bank: QuestionBank, weak: list[SignResult], answers: Answers) -> tuple[str, ...]:
    """The unanswered questions, heaviest first, that would settle the weak signs."""
    found: list[Question] = []
    for sign in weak:
        section = bank.sign(sign.sign_id)
        open_questions = [
            q
            for q in visible_questions(bank, section, answers)
            if not is_answered(answers.get(q.id))
            and not (q.scale is not None and q.scale.id == "raised")
        ]
        found.extend(sorted(open_questions, key=lambda q: -q.weight))
    return tuple(q.id for q in found[: bank.rules.firm_up_questions])
