"""Answers: parsing what people type, validating stored answers, showing them back."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from clientcheck.bank.questions import Question, QuestionBank
from clientcheck.i18n import format_number, t

DONT_KNOW = "dont_know"
"""The answer "don't know / not applicable", offered for every question."""

Answer = str | float
Answers = Mapping[str, Answer]

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")


@dataclass(frozen=True)
class AnswerError(ValueError):
    """Why a typed or stored answer was refused, as a code and values for the message."""

    code: str
    minimum: float = 0
    maximum: float = 0

    def __str__(self) -> str:
        return self.code


def parse_decimal(raw: str) -> float | None:
    """Read a number the way people type it; empty gives None.

    Accepts both "1 500,5" and "1,500.5" styles, a unit, % or currency sign after
    the number and the typographic minus. Raises AnswerError("not_a_number").
    """
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return None
    text = text.replace("\u2212", "-").replace("\u2013", "-")
    # A number, then optionally a unit made of letters (no digits: "1e400" is refused).
    match = re.match(r"^([+-]?[\d\s\u00a0\u202f\u2009',.]*\d)\s*(%|[€$£]|[^\W\d_][^\d]*)?$", text)
    if not match:
        raise AnswerError("not_a_number")
    number = _SPACES.sub("", match.group(1))
    if "," in number and "." in number:
        # The last separator is the decimal one.
        if number.rfind(",") > number.rfind("."):
            number = number.replace(".", "").replace(",", ".")
        else:
            number = number.replace(",", "")
    elif "," in number:
        head, _, tail = number.rpartition(",")
        number = head.replace(",", "") + ("" if len(tail) == 3 and head else ".") + tail
    try:
        value = float(number)
    except ValueError:
        raise AnswerError("not_a_number") from None
    if not math.isfinite(value):
        raise AnswerError("not_a_number")
    return value


def parse_number(raw: str, question: Question) -> float | None:
    """Parse what a person typed for a number question; empty means "don't know".

    Raises AnswerError when it is not a number within the question's range.
    """
    spec = question.number
    assert spec is not None
    try:
        value = parse_decimal(raw)
    except AnswerError:
        raise AnswerError("not_a_number", spec.min, spec.max) from None
    return None if value is None else check_number(value, question)


def check_number(value: object, question: Question) -> float:
    """Return ``value`` as a float if it is a valid answer to number ``question``."""
    spec = question.number
    assert spec is not None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise AnswerError("not_a_number", spec.min, spec.max)
    if value < spec.min or value > spec.max:
        raise AnswerError("out_of_range", spec.min, spec.max)
    if spec.integer and value != int(value):
        raise AnswerError("not_whole", spec.min, spec.max)
    return float(value)


def check_answer(question: Question, value: object) -> Answer:
    """Return a stored answer if it is valid for ``question``, else raise AnswerError."""
    if value == DONT_KNOW:
        return DONT_KNOW
    if question.kind == "choice":
        assert question.scale is not None
        if not isinstance(value, str) or value not in question.scale.option_ids:
            raise AnswerError("unknown_option")
        return value
    return check_number(value, question)


def validate_answers(bank: QuestionBank, raw: object) -> dict[str, Answer]:
    """Check a mapping of question id to answer; raise AnswerError naming the first problem."""
    if not isinstance(raw, Mapping):
        raise AnswerError("not_a_mapping")
    clean: dict[str, Answer] = {}
    for qid, value in raw.items():
        if qid not in bank.question_ids:
            raise AnswerError(f"unknown_question:{qid}")
        try:
            clean[qid] = check_answer(bank.question(qid), value)
        except AnswerError as exc:
            raise AnswerError(f"{exc.code}:{qid}", exc.minimum, exc.maximum) from None
    for question in bank.questions():
        limit = limit_of(question, clean)
        value = clean.get(question.id)
        if limit is not None and isinstance(value, float) and value > limit:
            raise AnswerError(f"more_than_total:{question.id}", 0, limit)
    return clean


def limit_of(question: Question, answers: Mapping[str, Answer]) -> float | None:
    """The other answer this number may not exceed (late invoices <= invoices sent), if given."""
    if question.number is None or question.number.at_most is None:
        return None
    limit = answers.get(question.number.at_most)
    return float(limit) if isinstance(limit, int | float) else None


def is_answered(value: Answer | None) -> bool:
    return value is not None and value != DONT_KNOW


def answer_label(question: Question, value: Answer, lang: str) -> str:
    """Show an answer as the person would read it: the option label, or number and unit."""
    if value == DONT_KNOW:
        return t("dont_know", lang)
    if question.kind == "choice":
        assert question.scale is not None
        return question.scale.option(str(value)).label(lang)
    assert question.number is not None
    spec = question.number
    unit = (spec.unit_one if spec.unit_one is not None and value == 1 else spec.unit)(lang)
    sep = "" if unit == "%" and lang == "en" else "\u00a0"
    return f"{format_number(float(value), lang)}{sep}{unit}"
