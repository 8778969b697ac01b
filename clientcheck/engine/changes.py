"""What would change the verdict: the smallest changes of one answer that move it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from clientcheck.bank.answers import DONT_KNOW, Answer, Answers, freeze_answers, is_answered
from clientcheck.bank.questions import Question, QuestionBank
from clientcheck.engine.signs import answer_risk, is_history, visible_questions
from clientcheck.engine.verdict import NOT_ENOUGH, Result, assess, reason_signs


@dataclass(frozen=True)
class Change:
    """One answer that, changed alone, would move the verdict."""

    question_id: str
    answer: Answer
    verdict: str
    direction: str  # "milder", "firmer" or "other_exit" (let go <-> plan your exit)
    kind: str = "answer"  # "action": what was tried (raise it, enforce it); "check": a
    # "don't know" that an answer would settle; "answer": another answer to a question


KINDS = ("action", "check", "answer")
EXITS = ("let_go", "plan_exit")
# What to try with the client, most useful to hear first: raising it and seeing it improve,
# asking without result, enforcing the terms.
ACTIONS = (
    "improved",
    "no_change",
    "enforced",
    "enforced_complied",
    "enforced_paid",
    "worse",
    "slipping",
    "not_yet",
)


# Answers that are what the client is going through, not something the user can do or
# check: "if the client were in mourning, the verdict would be milder" read as a
# contradiction of the question's own help ("it changes how, not what you are owed"). A
# "don't know" to them is still worth settling.
NOT_IMAGINED = frozenset({"situation.hard_times"})


def _candidates(question: Question, current: Answer | None) -> list[Answer]:
    if question.kind == "choice":
        assert question.scale is not None
        settled = {o.id for o in question.scale.options if o.settled}
        if current in settled:
            return []
        if question.multiple:
            return [(o,) for o in question.scale.option_ids if (o,) != current]
        return [o for o in question.scale.option_ids if o != current and o not in settled]
    assert question.number is not None
    spec = question.number
    xs = {x for x, _ in spec.points if spec.min <= x <= spec.max} | {spec.min}
    values = sorted({float(int(x)) if spec.integer else x for x in xs})
    if question.show_if is not None:
        # A follow-up ("days late", asked after a late invoice) at no risk at all would
        # contradict the answer that asked for it.
        values = [v for v in values if spec.risk(v) > 0]
    return [v for v in values if v != current]


def _size(question: Question, current: Answer, candidate: Answer, answers: Answers) -> float:
    """How big a change this is, in steps of a quarter of the risk scale (context: one step)."""
    if current == DONT_KNOW or question.multiple:
        return 0.0 if current == DONT_KNOW else 1.0
    if question.role == "context":
        assert question.scale is not None
        ids = question.scale.option_ids
        return float(abs(ids.index(str(candidate)) - ids.index(str(current))))
    before, after = (
        answer_risk(question, current, answers),
        answer_risk(question, candidate, answers),
    )
    return max(abs(after - before) / 25, 0.25)


def what_would_change(
    bank: QuestionBank, answers: Answers, per_direction: int = 2
) -> tuple[Change, ...]:
    """Find the smallest changes of one answer that move the verdict, milder and firmer.

    What the user can do or check comes first: what they try with the client ("have you
    already raised it?", where it is asked: raise it, enforce it), then a "don't know" an
    answer would settle, then other answers they gave (one at a time: never another set of
    events for a "choose all that apply"). A question never answered is no part
    of the verdict, so suggesting an answer to it would only add noise. Within each, changes
    on the signs that set the verdict come first, and a change of one step is preferred to
    a bigger jump. Computed by re-running the same assessment with one answer changed, so it
    can never disagree with the rules.
    """
    return _changes_cached(bank, freeze_answers(answers), per_direction)


def _drivers(result: Result) -> set[str | None]:
    """The signs the verdict's reasons rest on."""
    return reason_signs(result.reasons)


def ended_at_once(result: Result) -> tuple[str, ...]:
    """The signs that end it whatever is tried: a threat or money held back to get more,
    driving an exit. "Raise it and see" is not offered for them (the verdict says no terms
    fix it)."""
    if result.verdict not in EXITS:
        return ()
    drivers = _drivers(result)
    return tuple(s.sign_id for s in result.signs if s.event == "unfixable" and s.sign_id in drivers)


@lru_cache(maxsize=256)
def _changes_cached(
    bank: QuestionBank, frozen: tuple[tuple[str, Answer], ...], per_direction: int
) -> tuple[Change, ...]:
    answers = dict(frozen)
    base = assess(bank, answers)
    if base.verdict == NOT_ENOUGH:
        return ()
    drivers = _drivers(base)
    ended = ended_at_once(base)
    given = _answered_and_shown(bank, answers)
    found: dict[str, list[tuple[tuple, Change]]] = {"milder": [], "firmer": [], "other_exit": []}
    for section in bank.sections:
        for question in visible_questions(bank, section, answers):
            current = answers.get(question.id)
            kind = "action" if is_history(question) else "answer"
            if current == DONT_KNOW and not is_history(question):
                kind = "check"
            elif not is_answered(current):
                if not is_history(question):
                    continue
                current = "not_yet"  # not answered yet reads as "not raised yet"
            elif question.role == "context" and not is_history(question):
                if question.id not in bank.rules.money_rule_questions:
                    continue
            elif question.multiple:
                # "What happened?" with another event in place of the one reported is a
                # different story, not something to do or check ("if they had been drunk
                # instead of asking you to cheat...").
                continue
            if kind == "action" and question.section in ended:
                continue
            if kind == "answer" and question.id in NOT_IMAGINED:
                continue
            for candidate in _candidates(question, current):
                if kind == "action" and candidate not in ACTIONS:
                    continue  # "they put it right themselves" is not for the user to do
                changed = {**answers, question.id: candidate}
                _check_limit(bank, question, changed)
                if not _valid(bank, changed):
                    continue
                result = assess(bank, changed)
                if result.verdict in (base.verdict, NOT_ENOUGH) or result.provisional:
                    continue
                # (Checked after the verdict: most changes leave it as it is, and this check
                # works out every answered sign again.)
                if given - {question.id} - _answered_and_shown(bank, changed):
                    # It would hide an answer the user gave ("0 invoices" while money is
                    # overdue): a contradiction, not a change.
                    continue
                delta = result.level - base.level
                if delta < 0 and result.dependency < base.dependency:
                    # Depending less on them would never make a problem milder: "if 10 % of
                    # your income came from them, renegotiate" under "prepare your exit"
                    # reads as backwards (two professional readings, 7 December 2026).
                    continue
                if delta > 0 and result.dependency > base.dependency:
                    # Nor would depending more make it a reason to leave: "if 75 % of your
                    # income came from her, plan your exit" under *Keep, and set boundaries*
                    # (a professional's reading, dq24: "more dependency makes leaving harder,
                    # not more advisable"). Let go ↔ plan your exit stays (same step).
                    continue
                direction = "other_exit" if delta == 0 else "milder" if delta < 0 else "firmer"
                rank = (
                    KINDS.index(kind),
                    ACTIONS.index(candidate) if kind == "action" else 0,
                    question.section not in drivers and question.section != "situation",
                    abs(delta) != 1 and delta != 0,
                    _size(question, current, candidate, answers),
                )
                found[direction].append(
                    (rank, Change(question.id, candidate, result.verdict, direction, kind))
                )
    picked: list[Change] = []
    for direction in ("milder", "firmer", "other_exit"):
        # A firmer verdict the user can see coming from what they do (raise it and nothing
        # changes) needs no worse behaviour imagined on a sign that plays no part in the
        # verdict beside it (a professional's reading, under a dishonest request: "If the
        # answer to 'Has an invoice gone unpaid more than 90 days…' were 'Once'…").
        if any(c.kind == "action" for _, c in found[direction]):
            found[direction] = [
                (rank, c)
                for rank, c in found[direction]
                if c.kind != "answer"
                or bank.question(c.question_id).section in (*drivers, "situation")
            ]
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


def _answered_and_shown(bank: QuestionBank, answers: Mapping[str, Answer]) -> set[str]:
    """The facts answered (a "don't know" included) that these answers still ask for.

    "Have you raised it?" is left out: a problem that would no longer show needs no
    raising, which is no contradiction. A section with no such answer adds nothing, and is
    not worked out (working out which questions a sign asks scores the sign)."""

    def facts(questions) -> set[str]:
        return {q.id for q in questions if answers.get(q.id) is not None and not is_history(q)}

    return {
        question_id
        for section in bank.sections
        if facts(section.questions)
        for question_id in facts(visible_questions(bank, section, answers))
    }


def _valid(bank: QuestionBank, answers: Mapping[str, Answer]) -> bool:
    for question_id, total_id in _limits(bank):
        value, limit = answers.get(question_id), answers.get(total_id)
        if isinstance(value, int | float) and isinstance(limit, int | float) and value > limit:
            return False
    return True
