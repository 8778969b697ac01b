"""How much stands behind a verdict: the evidence a sign needs for a strong verdict, the
cap on a sign with too few answers, when there is too little to go on at all, and which
questions would settle a provisional result.

Plain Python: no Streamlit. The thresholds are data (``questions/scoring.toml``).
"""

from __future__ import annotations

from dataclasses import replace

from clientcheck.bank.answers import Answers, is_answered
from clientcheck.bank.questions import Question, QuestionBank
from clientcheck.engine.signs import SignResult, is_history, visible_questions


def evidence(sign: SignResult) -> int:
    """How many answers stand behind a sign: its answered questions, and one more when the
    user said what they already tried about it (that confirms the problem is real)."""
    return sign.answered + sign.history_answered


def strong_enough(bank: QuestionBank, sign: SignResult) -> bool:
    return sign.dealbreaker or evidence(sign) >= bank.rules.min_answers_strong


def capped_sign(bank: QuestionBank, sign: SignResult) -> SignResult:
    """The sign as it may count while it has too few answers: at most at Watch."""
    if strong_enough(bank, sign) or not sign.assessed:
        return sign
    watch = bank.rules.bands[1]
    if bank.rules.band_rank(sign.band) <= 1:
        return sign
    graded = sign.graded_band or sign.band
    if bank.rules.band_rank(graded) > 1:
        graded = watch.id
    return replace(sign, band=watch.id, score=min(sign.score, watch.min), graded_band=graded)


def said_what_was_tried(bank: QuestionBank, answers: Answers) -> bool:
    """Whether any "have you raised it?" question is answered, even on a sign now healthy
    (it stopped after it was raised)."""
    return any(
        is_history(q) and is_answered(answers.get(q.id))
        for sign in bank.signs
        for q in sign.questions
    )


def too_thin(
    bank: QuestionBank,
    signs: tuple[SignResult, ...],
    situation_known: bool,
    invoices: float | None = None,
    told: bool = False,
) -> bool:
    """Too little to judge responsibly: nothing said of the user's situation, nothing said
    of what was tried, no serious event, and only a few answers on how often things
    happen (the judges, unanimous: "it could be anything; tell me more"). Disrespect is
    never part of the deal: said at all, it is enough to act on."""
    if situation_known or any(s.history_answered or s.event for s in signs):
        return False
    few = sum(s.answered for s in signs if s.assessed) < bank.rules.min_answers_alone
    if not any(s.assessed and bank.rules.band_rank(s.band) > 0 for s in signs):
        # Nothing flagged: nothing to judge either way, unless the client is too new to
        # show a pattern (invoiced once or twice: "see how the first invoices are paid"),
        # or two answers are all that was said (no situation, nothing tried, nothing
        # serious): one curt message, a new client, "it could be anything" (the judges,
        # unanimous on four such situations).
        if invoices is not None and invoices <= bank.rules.new_client_invoices:
            return True
        return few and not told
    if any(s.kind == "respect" and s.assessed and bank.rules.band_rank(s.band) > 1 for s in signs):
        return False
    return few


def confidence_level(
    bank: QuestionBank,
    share: float,
    behind: tuple[SignResult, ...] | None = None,
    situation_known: bool = True,
    provisional: bool = False,
) -> str:
    """How far more answers could move the verdict, from the share of questions answered.
    A provisional result, or too little to go on, is low. A verdict set by rules
    (``behind``: the signs they read, none for a stated fact such as a refused rise) is
    never low, since it has the answers a verdict needs; it is high only when the share
    says so too, each sign has enough answers, what was tried is said (or a serious event
    speaks for itself) and the situation is known. With no rule behind the verdict
    (nothing flagged), the share alone decides: any unanswered question could raise it."""
    levels = [level_id for level_id, _, _ in bank.rules.confidence]
    if provisional:
        return levels[0]
    level = levels[0]
    for level_id, min_share, _ in bank.rules.confidence:
        if share >= min_share:
            level = level_id
    if behind is None:
        return level
    settled = situation_known and all(
        strong_enough(bank, s) and (s.history_answered or s.event is not None) for s in behind
    )
    return level if settled and level != levels[0] else levels[1]


def firm_up_questions(
    bank: QuestionBank, weak: list[SignResult], answers: Answers, situation_first: bool = False
) -> tuple[str, ...]:
    """The unanswered questions, heaviest first, that would settle the weak signs (after
    the situation questions that decide whether you can leave, when none is answered)."""
    found: list[Question] = []
    if situation_first:
        found.extend(
            q for q in bank.situation.questions if q.graded and not is_answered(answers.get(q.id))
        )
    for sign in weak:
        section = bank.sign(sign.sign_id)
        open_questions = [
            q
            for q in visible_questions(bank, section, answers)
            if not is_answered(answers.get(q.id)) and not is_history(q)
        ]
        found.extend(sorted(open_questions, key=lambda q: -q.weight))
    limit = bank.rules.firm_up_questions + (2 if situation_first else 0)
    return tuple(q.id for q in found[:limit])
