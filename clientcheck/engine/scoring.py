"""Turn answers into sign scores, bands, drivers, a dependency figure and a verdict.

Plain Python: no Streamlit. Every number and every decision rule comes from the
question bank's data (``questions/scoring.toml``); this module only applies them.

The verdict is a ladder, ``keep < keep_boundaries < renegotiate < exit``: each
decision rule that matches gives a floor (or a step up), and the verdict is the
highest. ``exit`` is ``let_go`` for a user who can afford to leave and
``plan_exit`` for one who cannot yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from clientcheck.bank.answers import Answer, Answers, is_answered
from clientcheck.bank.questionnaire import (
    LADDER,
    Condition,
    DecisionRule,
    Question,
    QuestionBank,
    Section,
)

NOT_ASSESSED = "not_assessed"
NOT_ENOUGH = "not_enough"
ATTENTION_BANDS = ("watch", "warning", "critical")
MAX_DRIVERS = 3
EXIT = LADDER.index("exit")
VERDICT_LEVEL = {
    "keep": 0,
    "keep_boundaries": 1,
    "renegotiate": 2,
    "plan_exit": 3,
    "let_go": 3,
}


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
    kind: str = "fixable"
    incident: bool = False
    unfixable: bool = False
    raised: str | None = None
    level: int = 0  # this sign's floor on the verdict ladder (index in LADDER)

    @property
    def assessed(self) -> bool:
        return self.band != NOT_ASSESSED

    @property
    def needs_attention(self) -> bool:
        return self.band in ATTENTION_BANDS


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


# --- visibility ------------------------------------------------------------------


def condition_met(
    bank: QuestionBank, cond: Condition, answers: Answers, sign_band: str | None = None
) -> bool:
    """Check one condition against the answers (``sign_band``: the asking sign's band)."""
    if cond.sign_at_least is not None:
        if sign_band is None or sign_band == NOT_ASSESSED:
            return False
        return bank.rules.band_rank(sign_band) >= bank.rules.band_rank(cond.sign_at_least)
    assert cond.question is not None
    value = answers.get(cond.question)
    if not is_answered(value) or not is_visible(bank, bank.question(cond.question), answers):
        return False
    if cond.op == "equals":
        return value == cond.value
    if cond.op == "in":
        return value in cond.value  # type: ignore[operator]
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


def _answered(
    bank: QuestionBank, questions: list[Question], answers: Answers
) -> list[tuple[Question, Answer]]:
    return [(q, answers[q.id]) for q in questions if is_answered(answers.get(q.id))]


def _risk(question: Question, answer: Answer, answers: Answers) -> float:
    total = None
    if question.number is not None and question.number.share_of:
        other = answers.get(question.number.share_of)
        total = float(other) if isinstance(other, int | float) and other > 0 else None
    return question.risk_of(answer, total)


# --- signs -----------------------------------------------------------------------


def _weighted_mean(pairs: list[tuple[float, float]]) -> float:
    total_weight = sum(w for w, _ in pairs)
    return sum(w * r for w, r in pairs) / total_weight if total_weight else 0.0


def _base_sign(
    bank: QuestionBank, sign: Section, answers: Answers
) -> tuple[float, str, list[tuple[Question, Answer]], set[str]]:
    """Score a sign from its asked questions, context left out: score, band, answers, overrides."""
    rules = bank.rules
    asked = [q for q in sign.questions if q.role != "context"]
    asked = [q for q in asked if q.show_if is None or is_visible(bank, q, answers)]
    answered = _answered(bank, asked, answers)
    graded = [(q.weight, _risk(q, a, answers)) for q, a in answered if q.graded]
    score = _weighted_mean(graded)
    overrides = {o for q, a in answered if (o := q.override_of(a))}
    if overrides:
        score = max(score, rules.dealbreaker_floor)
    band = NOT_ASSESSED if len(answered) < rules.min_answers_per_sign else rules.band_for(score).id
    return score, band, answered, overrides


def score_sign(bank: QuestionBank, sign: Section, answers: Answers) -> SignResult:
    """Score one sign 0-100 from its graded answers; a deal-breaker answer makes it critical.

    A deal-breaker question answered "no" adds nothing: flags override, never average.
    """
    rules = bank.rules
    score, band, answered, overrides = _base_sign(bank, sign, answers)
    raised = None
    for q in sign.questions:
        if q.scale is not None and q.scale.id == "raised" and is_answered(answers.get(q.id)):
            if is_visible(bank, q, answers, band):
                raised = str(answers[q.id])
    watch_from = rules.bands[1].min if len(rules.bands) > 1 else 0
    drivers = []
    for q, a in answered:
        risk = _risk(q, a, answers)
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
        kind=rules.sign_kinds.get(sign.id, "fixable"),
        incident="incident" in overrides,
        unfixable="unfixable" in overrides,
        raised=raised,
    )


# --- dependency ------------------------------------------------------------------


def dependency_index(bank: QuestionBank, answers: Answers) -> tuple[float, bool, str | None]:
    """Return how much the user depends on the client (0-100), whether it was measured,
    and the id of the dependency override that applied (a floor or cap for an obvious case)."""
    graded = [q for q in bank.situation.questions if q.graded]
    answered = _answered(bank, graded, answers)
    if not answered:
        return bank.rules.unknown_dependency, False, None
    value = _weighted_mean([(q.weight, _risk(q, a, answers)) for q, a in answered])
    for override in bank.rules.dependency_overrides:
        if all(condition_met(bank, c, answers) for c in override.when):
            if override.at_least is not None:
                value = max(value, override.at_least)
            if override.at_most is not None:
                value = min(value, override.at_most)
            return value, True, override.id
    return value, True, None


# --- what each part of the assessment reads ---------------------------------------
#
# An assessment is rebuilt from the answers each time (what_would_change re-runs it a few
# hundred times with one answer changed). Each sign's score, the dependency figure and
# each section's answered count read only some answers: cached on exactly those, a changed
# answer recomputes just the parts that read it.


def _section(bank: QuestionBank, section_id: str) -> Section:
    return bank.situation if section_id == bank.situation.id else bank.sign(section_id)


def _closure(bank: QuestionBank, ids: set[str]) -> tuple[str, ...]:
    """``ids`` and every answer their scoring or visibility can read, in a stable order."""
    todo, seen = list(ids), set()
    while todo:
        question_id = todo.pop()
        if question_id in seen:
            continue
        seen.add(question_id)
        question = bank.question(question_id)
        if question.number is not None and question.number.share_of:
            todo.append(question.number.share_of)
        cond = question.show_if
        if cond is not None and cond.question is not None:
            todo.append(cond.question)
        if cond is not None and cond.sign_at_least is not None:
            todo += [q.id for q in _section(bank, question.section).questions]
    return tuple(sorted(seen))


@lru_cache(maxsize=64)
def _section_inputs(bank: QuestionBank, section_id: str) -> tuple[str, ...]:
    return _closure(bank, {q.id for q in _section(bank, section_id).questions})


@lru_cache(maxsize=16)
def _dependency_inputs(bank: QuestionBank) -> tuple[str, ...]:
    ids = {q.id for q in bank.situation.questions if q.graded}
    ids |= {
        c.question
        for o in bank.rules.dependency_overrides
        for c in o.when
        if c.question is not None
    }
    return _closure(bank, ids)


def _only(ids: tuple[str, ...], answers: Answers) -> tuple[tuple[str, Answer], ...]:
    return tuple((i, answers[i]) for i in ids if i in answers)


@lru_cache(maxsize=8192)
def _scored_sign(
    bank: QuestionBank, sign_id: str, read: tuple[tuple[str, Answer], ...]
) -> SignResult:
    """score_sign from the answers it reads, with the sign's own level on the ladder."""
    sign = score_sign(bank, bank.sign(sign_id), dict(read))
    return replace(sign, level=_sign_level(bank, sign)[0])


@lru_cache(maxsize=4096)
def _dependency_cached(
    bank: QuestionBank, read: tuple[tuple[str, Answer], ...]
) -> tuple[float, bool, str | None]:
    return dependency_index(bank, dict(read))


@lru_cache(maxsize=8192)
def _section_counts(
    bank: QuestionBank, section_id: str, read: tuple[tuple[str, Answer], ...]
) -> tuple[int, int]:
    """How many of a section's scored questions are asked, and how many are answered."""
    answers = dict(read)
    scored = [q for q in _section(bank, section_id).questions if q.role != "context"]
    visible = [q for q in scored if is_visible(bank, q, answers)]
    return sum(1 for q in visible if is_answered(answers.get(q.id))), len(visible)


# --- the decision ----------------------------------------------------------------


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
    return _assess_cached(bank, _freeze(answers))


def _freeze(answers: Answers) -> tuple[tuple[str, Answer], ...]:
    return tuple(sorted(answers.items()))


@lru_cache(maxsize=4096)
def _assess_cached(bank: QuestionBank, frozen: tuple[tuple[str, Answer], ...]) -> Result:
    answers = dict(frozen)
    rules = bank.rules
    signs = tuple(
        _scored_sign(bank, sign.id, _only(_section_inputs(bank, sign.id), answers))
        for sign in bank.signs
    )
    dependency, dependency_known, dependency_rule = _dependency_cached(
        bank, _only(_dependency_inputs(bank), answers)
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
        _section_counts(bank, s.id, _only(_section_inputs(bank, s.id), answers))
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


# --- what would change the verdict -------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One answer that, changed alone, would move the verdict."""

    question_id: str
    answer: Answer
    verdict: str
    direction: str  # "milder", "firmer" or "other_exit" (let go <-> plan your exit)


def _candidates(question: Question, current: Answer | None) -> list[Answer]:
    if question.kind == "choice":
        assert question.scale is not None
        return [o for o in question.scale.option_ids if o != current]
    assert question.number is not None
    spec = question.number
    xs = {x for x, _ in spec.points if spec.min <= x <= spec.max} | {spec.min}
    values = sorted({float(int(x)) if spec.integer else x for x in xs})
    if question.show_if is not None:
        # A follow-up ("days late", asked after a late invoice) at no risk at all would
        # contradict the answer that asked for it.
        values = [v for v in values if spec.risk(v) > 0]
    return [v for v in values if v != current]


def _is_raised(question: Question) -> bool:
    return question.scale is not None and question.scale.id == "raised"


def _size(question: Question, current: Answer, candidate: Answer, answers: Answers) -> float:
    """How big a change this is, in steps of a quarter of the risk scale (context: one step)."""
    if question.role == "context":
        assert question.scale is not None
        ids = question.scale.option_ids
        return float(abs(ids.index(str(candidate)) - ids.index(str(current))))
    before, after = _risk(question, current, answers), _risk(question, candidate, answers)
    return max(abs(after - before) / 25, 0.25)


def what_would_change(
    bank: QuestionBank, answers: Answers, per_direction: int = 2
) -> tuple[Change, ...]:
    """Find the smallest changes of one answer that move the verdict, milder and firmer.

    Only answers the user gave are changed, plus "have you already raised it?" where it is
    asked: a question never answered is no part of the verdict, so suggesting an answer to
    it would only add noise. Changes on the signs that set the verdict come first; a change
    of one step is preferred to a bigger jump. Computed by re-running the same assessment
    with one answer changed, so it can never disagree with the rules.
    """
    return _changes_cached(bank, _freeze(answers), per_direction)


@lru_cache(maxsize=256)
def _changes_cached(
    bank: QuestionBank, frozen: tuple[tuple[str, Answer], ...], per_direction: int
) -> tuple[Change, ...]:
    answers = dict(frozen)
    base = assess(bank, answers)
    if base.verdict == NOT_ENOUGH:
        return ()
    drivers = {r.sign_id for r in base.reasons} | {s for r in base.reasons for s in r.signs}
    found: dict[str, list[tuple[tuple, Change]]] = {"milder": [], "firmer": [], "other_exit": []}
    for section in bank.sections:
        for question in visible_questions(bank, section, answers):
            current = answers.get(question.id)
            if not is_answered(current):
                if not _is_raised(question):
                    continue
                current = "not_yet"  # not answered yet reads as "not raised yet"
            elif question.role == "context" and not _is_raised(question):
                continue
            for candidate in _candidates(question, current):
                changed = {**answers, question.id: candidate}
                _check_limit(bank, question, changed)
                if not _valid(bank, changed):
                    continue
                result = assess(bank, changed)
                if result.verdict in (base.verdict, NOT_ENOUGH) or result.provisional:
                    continue
                delta = result.level - base.level
                direction = "other_exit" if delta == 0 else "milder" if delta < 0 else "firmer"
                rank = (
                    question.section not in drivers and question.section != "situation",
                    abs(delta) != 1 and delta != 0,
                    _size(question, current, candidate, answers),
                )
                found[direction].append(
                    (rank, Change(question.id, candidate, result.verdict, direction))
                )
    picked: list[Change] = []
    for direction in ("milder", "firmer", "other_exit"):
        best: dict[str, tuple[tuple, Change]] = {}
        for rank, change in found[direction]:
            if change.question_id not in best or rank < best[change.question_id][0]:
                best[change.question_id] = (rank, change)
        ranked = sorted(best.values(), key=lambda item: item[0])
        picked.extend(change for _, change in ranked[:per_direction])
    return tuple(picked)


@lru_cache(maxsize=16)
def _limits(bank: QuestionBank) -> tuple[tuple[str, str], ...]:
    """(count, total) question ids: a count may not exceed its total."""
    return tuple(
        (q.id, q.number.at_most)
        for q in bank.questions()
        if q.number is not None and q.number.at_most is not None
    )


def _check_limit(bank: QuestionBank, question: Question, answers: dict[str, Answer]) -> None:
    """Keep a changed total consistent: lower dependent counts that would exceed it."""
    for other_id, total_id in _limits(bank):
        if total_id != question.id:
            continue
        value, limit = answers.get(other_id), answers.get(question.id)
        if isinstance(value, int | float) and isinstance(limit, int | float) and value > limit:
            answers[other_id] = float(limit)


def _valid(bank: QuestionBank, answers: Mapping[str, Answer]) -> bool:
    for question_id, total_id in _limits(bank):
        value, limit = answers.get(question_id), answers.get(total_id)
        if isinstance(value, int | float) and isinstance(limit, int | float) and value > limit:
            return False
    return True
