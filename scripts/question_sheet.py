"""Print the questionnaire as a person filling it in sees it: every question, its answers
and when it is asked, with no scoring (no risks, weights or rules).

Used to hand the questions to someone who turns a situation into answers without knowing
how they are scored (tests/calibration/), and to review the wording.

    python scripts/question_sheet.py [--lang fr] > sheet.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from clientcheck.bank.loader import default_bank  # noqa: E402
from clientcheck.bank.questions import Condition, Question, QuestionBank  # noqa: E402


def _when(bank: QuestionBank, cond: Condition, lang: str) -> str:
    if cond.any:
        return " or ".join(_when(bank, part, lang).removeprefix("only ") for part in cond.any)
    if cond.sign_at_least is not None:
        return "only when the answers on this page show some concern"
    assert cond.question is not None
    target = bank.question(cond.question)
    if cond.op == "unknown":
        return f"only when `{target.id}` is `dont_know`"
    if cond.op in ("at_least", "at_most"):
        word = "at least" if cond.op == "at_least" else "at most"
        return f"only when `{target.id}` is {word} {cond.value:g}"
    values = cond.value if cond.op == "in" else (cond.value,)
    assert target.scale is not None
    names = ", ".join(f"`{v}`" for v in values)  # type: ignore[union-attr]
    return f"only when `{target.id}` is {'one of ' if len(values) > 1 else ''}{names}"  # type: ignore[arg-type]


def question_lines(bank: QuestionBank, question: Question, lang: str) -> list[str]:
    lines = [f"- **`{question.id}`**: {question.text(lang)}"]
    if question.help is not None:
        lines.append(f"  - hint shown: {question.help(lang)}")
    if question.show_if is not None:
        lines.append(f"  - asked {_when(bank, question.show_if, lang)}")
    if question.kind == "choice":
        assert question.scale is not None
        options = "; ".join(f"`{o.id}` = {o.label(lang)}" for o in question.scale.options)
        several = question.multiple
        kind = 'several may be chosen, as a list like ["a", "b"]' if several else "one of"
        lines.append(f"  - {kind}: {options}")
    else:
        spec = question.number
        assert spec is not None
        kind = "a whole number" if spec.integer else "a number"
        lines.append(f"  - {kind} from {spec.min:g} to {spec.max:g} {spec.unit(lang)}")
        if spec.at_most:
            lines.append(f"  - at most the answer to `{spec.at_most}`")
    lines.append('  - or `dont_know` ("Don\'t know / not applicable"), or left unanswered')
    return lines


def sheet(bank: QuestionBank, lang: str = "en") -> str:
    out = ["# The questionnaire, as asked", ""]
    sections = [*bank.sections, *([bank.money] if bank.money else [])]
    for section in sections:
        summary = getattr(section, "summary", None)
        out += [f"## `{section.id}`: {section.name(lang)}", ""]
        out += [summary(lang), ""] if summary is not None else []
        for question in section.questions:
            out += question_lines(bank, question, lang)
        out.append("")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=("en", "fr"))
    args = parser.parse_args()
    sys.stdout.write(sheet(default_bank(), args.lang))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
