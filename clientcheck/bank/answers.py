"""Answers: parsing what people type, validating stored answers, showing them back."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from clientcheck.bank.questions import Question, QuestionBank
from clientcheck.i18n import format_number, t, with_unit

DONT_KNOW = "dont_know"
"""The answer "don't know / not applicable", offered for every question."""

Answer = str | float | tuple[str, ...]
"""An option id, a number, several option ids (a question with several answers), or
"don't know"."""
Answers = Mapping[str, Answer]

UNIT_WORDS = {
    "day": ("d", "day", "days", "j", "jour", "jours"),
    "week": ("w", "wk", "wks", "week", "weeks", "sem", "semaine", "semaines"),
    "month": ("month", "months", "mois"),
    "message": ("message", "messages", "msg", "msgs"),
}
"""Units a number may be typed in, besides its own (see NumberSpec.units)."""

# Words a number may be followed by whatever the question (currencies, percent, time),
# besides the unit words above and the question's own unit ("3 invoices", "2 mois").
UNIT_TOKENS = frozenset(
    (*(w for words in UNIT_WORDS.values() for w in words), "%", "€", "$", "£")
    + ("eur", "euro", "euros", "usd", "dollar", "dollars", "gbp", "pound", "pounds", "chf")
    + ("cad", "franc", "francs", "h", "hr", "hrs", "hour", "hours", "heure", "heures")
    + ("per", "par", "de", "l'heure", "year", "yr", "percent", "pct", "cent", "pour")
    + ("ht", "htva", "ttc", "vat", "tva", "ca", "hors", "taxes", "excl", "incl")
)
"""The words of a unit typed after a number: a letter that is none of them ("6O" for 60,
"45x") is a typo, refused rather than read as its leading digits (a user's walk: "6O"
became 6 % of her income and turned "you cannot afford to leave" around)."""

DONT_KNOW_TYPED = ("?", "??", "don't know", "dont know", "dk", "ne sais pas", "nsp")
"""What a person may type in a number field to say they do not know."""

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")


@dataclass(frozen=True)
class AnswerError(ValueError):
    """Why a typed or stored answer was refused, as a code and values for the message."""

    code: str
    minimum: float = 0
    maximum: float = 0

    def __str__(self) -> str:
        return self.code


_CURRENCY_FIRST = re.compile(r"^([+-]?)\s*(?:[A-Z]{0,2}\$|[€£]|CHF)\s*(?=\d)", re.IGNORECASE)
# Two numbers joined by a dash or "to" ("30-60", "2 à 3"): a range, not one number.
_RANGE = re.compile(r"^\s*\d[\d\s.,]*?\s*(?:-|to|à|a)\s*\d[\d\s.,]*\s*[^\d]*$")


def parse_decimal(raw: str) -> float | None:
    """Read a number the way people type it; empty gives None.

    Accepts both "1 500,5" and "1,500.5" styles, a unit, % or currency sign after
    the number, a currency sign before it ("$85") and the typographic minus. Raises
    AnswerError("not_a_number").
    """
    return _parse_with_unit(raw)[0]


def _parse_with_unit(raw: str, allowed: frozenset[str] = frozenset()) -> tuple[float | None, str]:
    """The number typed and the word after it ("" when none); ``allowed``: the words of
    the question's own unit, besides UNIT_TOKENS."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return None, ""
    text = text.replace("\u2212", "-").replace("\u2013", "-")
    # A currency before the number, as many write it ("$85", "€1 500", "-$40"): dropped.
    text = _CURRENCY_FIRST.sub(r"\1", text)
    # A number, then optionally a unit with no digits ("1e400" is refused) made of known
    # words (see UNIT_TOKENS): "50 € de l'heure", "8 % a year", "30 days".
    match = re.match(r"^([+-]?[\d\s\u00a0\u202f\u2009',.]*\d)\s*([^\d]*)$", text)
    if not match or not set(_tokens(match.group(2))) <= UNIT_TOKENS | allowed:
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
    return value, match.group(2).strip().lower().rstrip(".")


def _tokens(text: str) -> list[str]:
    """The words of a unit, a symbol counting as one ("€/h" is "€", "h")."""
    spaced = re.sub(r"([%€$£])", r" \1 ", text.lower().replace("’", "'"))
    return [t for t in re.split(r"[\s/.,]+", spaced) if t]


def parse_number(raw: str, question: Question) -> float | str | None:
    """Parse what a person typed for a number question: empty gives None (not answered),
    "?" or "don't know" gives DONT_KNOW.

    Raises AnswerError when it is not a number within the question's range.
    """
    spec = question.number
    assert spec is not None
    typed = unicodedata.normalize("NFKC", raw or "").strip().lower().replace("’", "'")
    if typed in DONT_KNOW_TYPED:
        return DONT_KNOW
    own = frozenset(w for text in (spec.unit, spec.unit_one) if text for w in _tokens(text.en))
    own |= frozenset(w for text in (spec.unit, spec.unit_one) if text for w in _tokens(text.fr))
    try:
        value, word = _parse_with_unit(raw, own)
    except AnswerError:
        dashed = unicodedata.normalize("NFKC", raw or "").replace("\u2013", "-")
        code = "a_range" if _RANGE.match(dashed) else "not_a_number"
        raise AnswerError(code, spec.min, spec.max) from None
    if value is None:
        return None
    for unit, worth in spec.units.items():
        if word in UNIT_WORDS[unit]:
            # "30 days" in a question counted in weeks, "30 messages" in one counted in
            # hours: kept to two decimals, so 30 days read back as 4.29 weeks.
            value = round(value * worth, 2)
            break
    return check_number(value, question)


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
        if question.multiple:
            return check_several(question, value)
        if not isinstance(value, str) or value not in question.scale.option_ids:
            raise AnswerError("unknown_option")
        return value
    return check_number(value, question)


def check_several(question: Question, value: object) -> tuple[str, ...]:
    """Several options picked: known, each once, in the scale's order; an exclusive option
    ("none so far") stands alone."""
    assert question.scale is not None
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise AnswerError("unknown_option")
    ids = question.scale.option_ids
    if not value or not set(value) <= set(ids):
        raise AnswerError("unknown_option")
    picked = tuple(o for o in ids if o in value)
    exclusive = {o.id for o in question.scale.options if o.exclusive}
    if len(picked) > 1 and exclusive & set(picked):
        raise AnswerError("unknown_option")
    return picked


def validate_answers(bank: QuestionBank, raw: object) -> dict[str, Answer]:
    """Check a mapping of question id to answer; raise AnswerError naming the first problem."""
    return _checked(bank, raw, strict=True)[0]


def readable_answers(bank: QuestionBank, raw: object) -> tuple[dict[str, Answer], list[str]]:
    """The valid answers of a mapping, and the question ids whose answer had to be left out.

    For what the user's own device kept (never a file someone hands over, which is checked
    whole): one unreadable answer costs that answer, not the whole piece of work.
    """
    return _checked(bank, raw, strict=False)


def _checked(bank: QuestionBank, raw: object, strict: bool) -> tuple[dict[str, Answer], list[str]]:
    """Check every answer of a mapping: ``strict`` raises on the first problem, otherwise
    the answers with one are left out and their question ids returned."""
    if not isinstance(raw, Mapping):
        raise AnswerError("not_a_mapping")
    clean: dict[str, Answer] = {}
    left_out: list[str] = []
    for qid, value in raw.items():
        try:
            if qid not in bank.question_ids:
                raise AnswerError(f"unknown_question:{qid}")
            try:
                clean[qid] = check_answer(bank.question(qid), value)
            except AnswerError as exc:
                raise AnswerError(f"{exc.code}:{qid}", exc.minimum, exc.maximum) from None
        except AnswerError:
            if strict:
                raise
            left_out.append(str(qid))
    for question in bank.questions():
        limit = limit_of(question, clean)
        value = clean.get(question.id)
        if limit is not None and isinstance(value, float) and value > limit:
            if strict:
                raise AnswerError(f"more_than_total:{question.id}", 0, limit)
            del clean[question.id]
            left_out.append(question.id)
    return clean, left_out


def limit_of(question: Question, answers: Mapping[str, Answer]) -> float | None:
    """The other answer this number may not exceed (late invoices <= invoices sent), if given."""
    if question.number is None or question.number.at_most is None:
        return None
    limit = answers.get(question.number.at_most)
    return float(limit) if isinstance(limit, int | float) else None


def is_answered(value: Answer | None) -> bool:
    return value is not None and value != DONT_KNOW and value != ()


def answer_label(question: Question, value: Answer, lang: str) -> str:
    """Show an answer as the person would read it: the option label, or number and unit."""
    if value == DONT_KNOW:
        return t("dont_know", lang)
    if question.kind == "choice":
        assert question.scale is not None
        labels = [question.scale.option(o).label(lang) for o in question.chosen(value)]
        return "; ".join(labels)
    assert question.number is not None
    spec = question.number
    assert isinstance(value, int | float)
    unit = (spec.unit_one if spec.unit_one is not None and value == 1 else spec.unit)(lang)
    return with_unit(format_number(float(value), lang), unit, lang)


def freeze_answers(answers: Answers) -> tuple[tuple[str, Answer], ...]:
    """Answers as a hashable key (a list read from JSON as a tuple, a whole number as the
    float the questionnaire stores: 70 and 70.0 are one key, so they get one result)."""
    return tuple(sorted((k, _frozen(v)) for k, v in answers.items()))


def _frozen(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return tuple(value) if isinstance(value, list) else value
