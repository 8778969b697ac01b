"""Reading the bank's TOML: translated texts, question references and conditions.

Shared by the question loader and the rules loader; every problem is a QuestionBankError
that says where it is.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from clientcheck.bank.questions import CONDITION_OPS, Condition, QuestionBankError
from clientcheck.i18n import LANGS, Text


def text_of(raw: object, where: str) -> Text:
    """A text present, and not empty, in every language."""
    if not isinstance(raw, dict):
        raise QuestionBankError(f"{where}: expected a table with {', '.join(LANGS)}")
    missing = [lang for lang in LANGS if not str(raw.get(lang, "")).strip()]
    if missing:
        raise QuestionBankError(f"{where}: missing or empty translation: {', '.join(missing)}")
    extra = set(raw) - set(LANGS)
    if extra:
        raise QuestionBankError(f"{where}: unknown language(s): {', '.join(sorted(extra))}")
    return Text(**{lang: str(raw[lang]).strip() for lang in LANGS})


def read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise QuestionBankError(f"{path.name}: {exc}") from exc


def full_id(ref: object, section_id: str) -> str:
    """Resolve a question reference: "late_invoices" within the section, or "section.id"."""
    if not isinstance(ref, str) or not ref:
        raise QuestionBankError(f"{section_id}: a question reference must be a question id")
    return ref if "." in ref else f"{section_id}.{ref}"


def read_condition(raw: object, section_id: str, where: str) -> Condition:
    """Read a condition: {question = id, <op> = value}, {sign_at_least = band} or
    {any = [condition, ...]}."""
    if not isinstance(raw, dict):
        raise QuestionBankError(f"{where}: a condition must be a table")
    if "any" in raw:
        parts = raw["any"]
        if set(raw) != {"any"} or not isinstance(parts, list) or len(parts) < 2:
            raise QuestionBankError(f"{where}: 'any' stands alone, with two conditions or more")
        return Condition(any=tuple(read_condition(p, section_id, where) for p in parts))
    if "sign_at_least" in raw:
        if set(raw) != {"sign_at_least"}:
            raise QuestionBankError(f"{where}: sign_at_least stands alone")
        return Condition(sign_at_least=str(raw["sign_at_least"]))
    ops = [op for op in CONDITION_OPS if op in raw]
    if "question" not in raw or len(ops) != 1 or set(raw) != {"question", ops[0]}:
        raise QuestionBankError(
            f"{where}: a condition needs a question and one of {', '.join(CONDITION_OPS)}"
        )
    value = raw[ops[0]]
    if ops[0] == "in" and not (isinstance(value, list) and value):
        raise QuestionBankError(f"{where}: 'in' needs a list of option ids")
    if ops[0] == "unknown" and value is not True:
        raise QuestionBankError(f"{where}: 'unknown' is written unknown = true")
    return Condition(
        question=full_id(raw["question"], section_id),
        op=ops[0],
        value=tuple(value) if isinstance(value, list) else value,
    )
