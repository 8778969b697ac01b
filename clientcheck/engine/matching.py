"""Whether a decision rule's ``when`` matches one sign (questions/scoring.toml, sign_rules)."""

from __future__ import annotations

from clientcheck.bank.questions import QuestionBank
from clientcheck.bank.rules import SignWhen

# The decision rules read only these of a sign: the decision is cached on them.
# What a rule reads of the user's situation: a small client, whether they depend on it,
# whether they are stuck with it (almost all their income, no cushion), and what the
# client is going through ("personal", "business" or ""), and whether the user, free to
# leave, has plenty of other work lined up ("busy").
Situation = tuple[bool, bool, bool, str, bool]
# sign id, kind, state, history, the situation, the answers rules read, and the band of
# the graded answers alone
RuleKey = tuple[str, str, str, str, Situation, tuple[tuple[str, str], ...], str]


def sign_matches(bank: QuestionBank, w: SignWhen, key: RuleKey) -> bool:
    """Every condition ``w`` gives holds for the sign described by ``key``."""
    _, kind, state, history, (small, dependent, stuck, hardship, busy), facts, _band = key
    if w.busy is not None and busy != w.busy:
        return False
    if w.stuck is not None and stuck != w.stuck:
        return False
    if w.hardship and hardship not in w.hardship:
        return False
    if w.small_client is not None and small != w.small_client:
        return False
    if w.dependent is not None and dependent != w.dependent:
        return False
    given = dict(facts) if w.answers or w.number_at_least or w.unless else {}
    if not all(said(given.get(q), options) for q, options in w.answers.items()):
        return False
    if not all(at_least(given.get(q), n) for q, n in w.number_at_least.items()):
        return False
    if any(any_said(given.get(q), options) for q, options in w.unless.items()):
        return False
    if w.state and state not in w.state:
        return False
    states = bank.rules.states
    if w.state_at_least and states.index(state) < states.index(w.state_at_least):
        return False
    if history == "self_corrected" and history not in w.history:
        history = "improved"  # it stopped without being raised: as if raised and fixed
    if w.history and history not in w.history:
        return False
    if w.kind and kind not in w.kind:
        return False
    return kind not in w.not_kind


def at_least(value: object, least: float) -> bool:
    """A number answer is at least ``least`` (a blank or "don't know" answer: no)."""
    try:
        return float(str(value)) >= least
    except ValueError:
        return False


def any_said(value: object, options: tuple[str, ...]) -> bool:
    """Some of the answers given are among the options (a blank answer: none)."""
    given = value if isinstance(value, tuple) else (value,)
    return any(v in options for v in given)


def said(value: object, options: tuple[str, ...]) -> bool:
    """An answer matches a rule's options; several answers match when all are among them."""
    if isinstance(value, tuple):
        return bool(value) and set(value) <= set(options)
    return value in options
