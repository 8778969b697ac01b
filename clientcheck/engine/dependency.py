"""How much the user depends on the client: the figure that decides whether they can leave now."""

from __future__ import annotations

from clientcheck.bank.answers import Answers
from clientcheck.bank.questions import QuestionBank
from clientcheck.engine.signs import answer_risk, answered_pairs, condition_met, weighted_mean


def dependency_index(bank: QuestionBank, answers: Answers) -> tuple[float, bool, str | None]:
    """Return how much the user depends on the client (0-100), whether it was measured,
    and the id of the dependency override that applied (a floor or cap for an obvious case)."""
    graded = [q for q in bank.situation.questions if q.graded]
    answered = answered_pairs(bank, graded, answers)
    if not answered:
        return 0.0, False, None
    value = weighted_mean([(q.weight, answer_risk(q, a, answers)) for q, a in answered])
    for override in bank.rules.dependency_overrides:
        if all(condition_met(bank, c, answers) for c in override.when):
            if override.at_least is not None:
                value = max(value, override.at_least)
            if override.at_most is not None:
                value = min(value, override.at_most)
            return value, True, override.id
    return value, True, None
