"""What each part of the assessment reads, so each part is cached on exactly those answers.

An assessment is rebuilt from the answers each time (what_would_change re-runs it a few
hundred times with one answer changed). Each sign's score, the dependency figure and
each section's answered count read only some answers: cached on exactly those, a changed
answer recomputes just the parts that read it.
"""

from __future__ import annotations

from functools import lru_cache

from clientcheck.bank.answers import Answer, Answers, is_answered
from clientcheck.bank.questions import QuestionBank, Section
from clientcheck.engine.dependency import dependency_index
from clientcheck.engine.signs import is_visible


def section_of(bank: QuestionBank, section_id: str) -> Section:
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
            todo += [q.id for q in section_of(bank, question.section).questions]
    return tuple(sorted(seen))


@lru_cache(maxsize=64)
def section_inputs(bank: QuestionBank, section_id: str) -> tuple[str, ...]:
    return _closure(bank, {q.id for q in section_of(bank, section_id).questions})


@lru_cache(maxsize=16)
def dependency_inputs(bank: QuestionBank) -> tuple[str, ...]:
    ids = {q.id for q in bank.situation.questions if q.graded}
    ids |= {
        c.question
        for o in bank.rules.dependency_overrides
        for c in o.when
        if c.question is not None
    }
    return _closure(bank, ids)


def answers_read(ids: tuple[str, ...], answers: Answers) -> tuple[tuple[str, Answer], ...]:
    return tuple((i, answers[i]) for i in ids if i in answers)


@lru_cache(maxsize=4096)
def cached_dependency(
    bank: QuestionBank, read: tuple[tuple[str, Answer], ...]
) -> tuple[float, bool, str | None]:
    return dependency_index(bank, dict(read))


@lru_cache(maxsize=8192)
def section_counts(
    bank: QuestionBank, section_id: str, read: tuple[tuple[str, Answer], ...]
) -> tuple[int, int]:
    """How many of a section's scored questions are asked, and how many are answered."""
    answers = dict(read)
    scored = [q for q in section_of(bank, section_id).questions if q.role != "context"]
    visible = [q for q in scored if is_visible(bank, q, answers)]
    return sum(1 for q in visible if is_answered(answers.get(q.id))), len(visible)
