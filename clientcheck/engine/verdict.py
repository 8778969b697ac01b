"""Choose the verdict from the signs and the dependency figure, with the rules that set it.

Plain Python: no Streamlit. Every decision rule comes from the question bank's data
(``questions/scoring.toml``); this module only applies them.

The verdict is a ladder, ``keep < keep_boundaries < renegotiate < exit``. Each sign
gets a floor from the first of its decision rules that matches its state (band or serious
event), its kind and what was already tried about it; the rules across signs and for money
may raise the verdict, never lower it. The verdict is the highest floor. ``exit`` is
``let_go`` for a user who can afford to leave (or who has not said) and ``plan_exit`` for
one who cannot yet.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from clientcheck.bank.answers import Answer, Answers, freeze_answers
from clientcheck.bank.questions import LADDER, QuestionBank
from clientcheck.engine import money
from clientcheck.engine.evidence import (
    capped_sign,
    confidence_level,
    firm_up_questions,
    said_what_was_tried,
    strong_enough,
    too_thin,
)
from clientcheck.engine.inputs import (
    answers_read,
    cached_dependency,
    dependency_inputs,
    section_counts,
    section_inputs,
)
from clientcheck.engine.matching import RuleKey, Situation, sign_matches
from clientcheck.engine.signs import (
    NOT_ASSESSED,
    SignResult,
    score_sign,
)

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
    dependency_known: bool  # False: no situation answer, so the user may or may not be free
    can_leave: bool  # True also when unknown: the app never assumes the user is stuck
    verdict: str
    answered: int
    total: int
    confidence: str
    reasons: tuple[Reason, ...] = ()
    provisional: bool = False
    tentative_verdict: str | None = None  # with more answers, the verdict this points to
    firm_up: tuple[str, ...] = ()  # question ids that would settle a provisional result
    dependency_rule: str | None = None  # the dependency override that applied, if any
    rate_share: float | None = None  # effective rate / the rate aimed for, when both known

    @property
    def answered_share(self) -> float:
        return self.answered / self.total if self.total else 0.0

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


def advice_path(bank: QuestionBank, verdict: str) -> str | None:
    """What the advice under a verdict does: "fix", "prepare" or "leave" (None: nothing to
    judge). Held as data with the verdicts (questions/scoring.toml)."""
    return bank.rules.advice_for(verdict)


@lru_cache(maxsize=8192)
def _scored_sign(
    bank: QuestionBank, sign_id: str, read: tuple[tuple[str, Answer], ...]
) -> SignResult:
    """score_sign from the answers it reads, with the sign's own level on the ladder."""
    return score_sign(bank, bank.sign(sign_id), dict(read))


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


def _rule_key(sign: SignResult, situation: Situation) -> RuleKey:
    band = sign.graded_band or sign.band
    return (sign.sign_id, sign.kind, sign.state, sign.history, situation, sign.facts, band)


def _sign_level(
    bank: QuestionBank, sign: SignResult, situation: Situation
) -> tuple[int, Reason | None]:
    """One sign's floor on the verdict ladder, and the rule that sets it."""
    if not sign.assessed or sign.state == bank.rules.bands[0].id:
        return 0, None
    return _level_rule(bank, _rule_key(sign, situation))


@lru_cache(maxsize=1024)
def _level_rule(bank: QuestionBank, key: RuleKey) -> tuple[int, Reason | None]:
    """The first sign rule that matches sets the floor (a decision list, read in order).

    A serious event is the sign's state, but it never makes the sign count for less than
    its band alone would: one insult on top of belittling that is already at Warning keeps
    the Warning's floor (a worse answer never gives a milder verdict).
    """
    level, reason = _first_rule(bank, key)
    band = key[6]
    if band != key[2] and band != bank.rules.bands[0].id:
        by_band = _first_rule(bank, (*key[:2], band, *key[3:]))
        if by_band[0] > level:
            return by_band
    return level, reason


def _first_rule(bank: QuestionBank, key: RuleKey) -> tuple[int, Reason | None]:
    for rule in bank.rules.sign_rules:
        if sign_matches(bank, rule.when, key):
            return LADDER.index(rule.floor), Reason(rule.id, key[0])
    return 0, None


# What the money rules read: the rate paid as a share of the rate aimed for, the answers
# they name (question id, option), whether the user depends on the client, and whether it
# is a small client.
MoneyFacts = tuple[float | None, tuple[tuple[str, str], ...], bool, bool]


def _decide(
    bank: QuestionBank,
    signs: tuple[SignResult, ...],
    money_facts: MoneyFacts,
    situation: Situation,
) -> tuple[int, tuple[SignResult, ...], tuple[Reason, ...]]:
    """Apply the decision rules: the verdict's ladder level, signs with levels, and why."""
    leveled = []
    for sign in signs:
        level, reason = _sign_level(bank, sign, situation)
        rule = reason.rule_id if reason is not None else ""
        same = sign.level == level and sign.rule == rule
        leveled.append(sign if same else replace(sign, level=level, rule=rule))
    keys = tuple(_rule_key(s, situation) if s.assessed else None for s in signs)
    verdict, decisive = _decision(bank, keys, money_facts)
    return verdict, tuple(leveled), decisive


@lru_cache(maxsize=4096)
def _decision(
    bank: QuestionBank, keys: tuple[RuleKey | None, ...], money_facts: MoneyFacts
) -> tuple[int, tuple[Reason, ...]]:
    rules = bank.rules
    reasons: list[tuple[int, Reason]] = []
    levels: list[tuple[int, RuleKey]] = []
    for key in keys:
        if key is None or key[2] == rules.bands[0].id:
            continue
        level, reason = _level_rule(bank, key)
        levels.append((level, key))
        if reason is not None:
            reasons.append((level, reason))
    verdict = max((lvl for lvl, _ in levels), default=0)
    for rule in rules.combination_rules:
        counted = tuple(
            key[0]
            for lvl, key in levels
            if lvl >= LADDER.index(rule.floor_at_least)
            and (rule.each is None or sign_matches(bank, rule.each, key))
        )
        if len(counted) < rule.count:
            continue
        if rule.step_up:
            cap = LADDER.index(rule.max) if rule.max else EXIT
            raised = max(verdict, min(verdict + rule.step_up, cap))
        else:
            assert rule.floor is not None
            raised = max(verdict, LADDER.index(rule.floor))
        if raised > verdict:
            verdict = raised
            reasons.append((verdict, Reason(rule.id, signs=counted)))
    rate_share, said, dependent, small = money_facts
    said = dict(said)
    for money_rule in rules.money_rules:
        if money_rule.dependent is not None and money_rule.dependent != dependent:
            continue
        if money_rule.small_client is not None and money_rule.small_client != small:
            continue
        share = money_rule.below_target_share
        by_rate = share is not None and rate_share is not None and rate_share <= share
        by_answer = (
            bool(money_rule.answers)
            and all(said.get(q) in options for q, options in money_rule.answers.items())
            and not any(said.get(q) in options for q, options in money_rule.unless.items())
        )
        if by_rate or by_answer:
            floor = LADDER.index(money_rule.floor)
            if floor >= verdict:
                verdict = floor
                reasons.append((verdict, Reason(money_rule.id)))
    decisive = tuple(r for lvl, r in reasons if lvl == verdict)  # what set the verdict
    return verdict, decisive


def reason_signs(reasons: tuple[Reason, ...]) -> set[str | None]:
    """The signs the rules that set a verdict read (None for a rule on no sign)."""
    return {r.sign_id for r in reasons} | {sid for r in reasons for sid in r.signs}


def _behind(
    signs: tuple[SignResult, ...], reasons: tuple[Reason, ...]
) -> tuple[SignResult, ...] | None:
    """The signs the rules behind a verdict read (none for a stated fact such as a refused
    rise), or None when no rule is behind it (nothing flagged)."""
    if not reasons:
        return None
    ids = reason_signs(reasons)
    return tuple(s for s in signs if s.sign_id in ids)


def _verdict_id(level: int, can_leave: bool) -> str:
    if level >= EXIT:
        return "let_go" if can_leave else "plan_exit"
    return LADDER[level]


def assess(bank: QuestionBank, answers: Answers) -> Result:
    """Score every sign, measure dependency and choose the verdict."""
    return _assess_cached(bank, freeze_answers(answers))


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
    # With no situation answered, the verdict never assumes the user is stuck: the words
    # give both paths and ask for the three answers.
    can_leave = dependency < rules.dependent_at or not dependency_known
    risk = overall_risk(bank, signs)
    risk_band = rules.band_for(risk).id if risk is not None else NOT_ASSESSED
    rate_share = money.rate_share(answers)
    share = answers.get("situation.income_share")
    small = can_leave and isinstance(share, float) and share <= rules.small_client_share
    dependent = dependency_known and not can_leave
    hard = answers.get("situation.hard_times")
    hardship = hard if hard in ("personal", "business") else ""
    busy = can_leave and dependency_known and answers.get("situation.pipeline") == "plenty"
    situation = (small, dependent, dependent and dependency >= rules.stuck_at, hardship, busy)
    said = tuple((q, a) for q in rules.money_rule_questions if isinstance(a := answers.get(q), str))
    money_facts = (rate_share, said, dependent, small)
    level, leveled, reasons = _decide(bank, signs, money_facts, situation)
    provisional = False
    tentative = None
    firm_up: tuple[str, ...] = ()
    money_said = any(
        r.rule_id in rules.money_rule_ids
        and (dependency_known or not rules.money_rule(r.rule_id).needs_situation)
        for r in reasons
    )
    # A money rule that needs the situation waits for it, unless the signs say something
    # on their own (a concern, a serious event, something already tried).
    waits = (
        not money_said
        and any(r.rule_id in rules.money_rule_ids for r in reasons)
        and not any(
            s.event or s.history_answered or (s.assessed and rules.band_rank(s.band) > 0)
            for s in signs
        )
    )
    count = answers.get("late_payment.invoices_total")
    invoices = count if isinstance(count, float) else None
    told = said_what_was_tried(bank, answers)
    if not money_said and not waits and not any(s.assessed for s in signs):
        verdict = NOT_ENOUGH
    elif not money_said and (waits or too_thin(bank, signs, dependency_known, invoices, told)):
        # Too little to go on: say what the answers point to, and ask for the situation
        # and the heaviest open questions first.
        verdict, reasons, provisional = NOT_ENOUGH, (), True
        tentative = _verdict_id(level, can_leave)
        weak = [s for s in leveled if s.assessed]
        firm_up = firm_up_questions(bank, weak, answers, situation_first=True)
    else:
        verdict = _verdict_id(level, can_leave)
        # A sign with one answer counts at most at Watch while more answers could lower
        # it, except from a tiny client you can afford to lose: one clear answer is enough
        # to let them go (the judges, on the tuned part: four of five such situations
        # "let go", where the cap said "keep, and set boundaries", two steps away).
        if level > LADDER.index("keep_boundaries") and not small:
            capped = tuple(capped_sign(bank, s) for s in signs)
            capped_level, _, capped_reasons = _decide(bank, capped, money_facts, situation)
            if capped_level < level:
                provisional = True
                tentative = verdict
                weak = [s for s in leveled if not strong_enough(bank, s) and s.level > 1]
                firm_up = firm_up_questions(bank, weak, answers)
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
        confidence=confidence_level(
            bank,
            answered / total if total else 0.0,
            _behind(leveled, reasons),
            dependency_known,
            provisional or verdict == NOT_ENOUGH,
        ),
        reasons=reasons,
        provisional=provisional,
        tentative_verdict=tentative,
        firm_up=firm_up,
        dependency_rule=dependency_rule,
        rate_share=rate_share,
    )
