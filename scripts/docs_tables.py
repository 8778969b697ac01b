"""Write the documentation's tables from the question bank, so they cannot go stale.

    python scripts/docs_tables.py          rewrite the tables in docs/ in place
    python scripts/docs_tables.py --check  exit 1 if a table in docs/ differs (CI, tests)

Each table stands between two markers in a Markdown file, e.g.
``<!-- table:sign-rules -->`` ... ``<!-- /table:sign-rules -->``; what lies between them is
generated, the rest of the file is written by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from clientcheck.bank.loader import default_bank  # noqa: E402
from clientcheck.bank.questions import QuestionBank  # noqa: E402

LADDER_WORDS = {
    "keep": "Keep",
    "keep_boundaries": "Keep, and set boundaries",
    "renegotiate": "Renegotiate now",
    "exit": "exit (Let go, or Plan your exit)",
}


def _when(w) -> str:
    parts = []
    if w.kind:
        parts.append("kind " + " or ".join(w.kind))
    if w.not_kind:
        parts.append("not " + " or ".join(w.not_kind))
    if w.state:
        parts.append("state " + " or ".join(w.state))
    if w.state_at_least:
        parts.append(f"state {w.state_at_least} or worse")
    if w.history:
        parts.append("tried: " + " or ".join(w.history))
    if w.small_client:
        parts.append("a small client you can leave")
    elif w.small_client is False:
        parts.append("not a small client you can leave")
    if w.dependent:
        parts.append("you depend on the client")
    if w.busy:
        parts.append("plenty of other work lined up")
    for question, options in w.answers.items():
        parts.append(f"`{question}` " + " or ".join(options))
    for question, options in w.unless.items():
        parts.append(f"not when `{question}` " + " or ".join(options))
    for question, least in w.number_at_least.items():
        parts.append(f"`{question}` at least {least:g}")
    return "; ".join(parts) or "always"


def sign_rules_table(bank: QuestionBank) -> str:
    lines = ["| # | Rule | When | Floor |", "|---|---|---|---|"]
    for number, rule in enumerate(bank.rules.sign_rules, start=1):
        floor = LADDER_WORDS[rule.floor]
        lines.append(f"| {number} | `{rule.id}` | {_when(rule.when)} | {floor} |")
    for combo in bank.rules.combination_rules:
        when = f"{combo.count} signs with a floor of {LADDER_WORDS[combo.floor_at_least]} or more"
        if combo.each is not None:
            when += ", each: " + _when(combo.each)
        if combo.floor:
            floor = LADDER_WORDS[combo.floor]
        else:
            cap = f", at most {LADDER_WORDS[combo.max]}" if combo.max else ""
            floor = f"{combo.step_up} step(s) up{cap}"
        lines.append(f"| across | `{combo.id}` | {when} | {floor} |")
    for rule in bank.rules.money_rules:
        if rule.below_target_share is not None:
            when = f"paid at most {rule.below_target_share:.0%} of the rate you aim for"
        else:
            when = "; ".join(f"`{q}` " + " or ".join(o) for q, o in rule.answers.items())
            when += "".join(f"; unless `{q}` " + " or ".join(o) for q, o in rule.unless.items())
        lines.append(f"| money | `{rule.id}` | {when} | {LADDER_WORDS[rule.floor]} |")
    return "\n".join(lines)


def sign_kinds_table(bank: QuestionBank) -> str:
    lines = ["| Sign | Kind |", "|---|---|"]
    for sign in bank.signs:
        lines.append(f"| {sign.name('en')} | {bank.rules.sign_kinds[sign.id]} |")
    return "\n".join(lines)


def questions_table(bank: QuestionBank) -> str:
    lines = ["| Page | Questions (follow-ups in italics) |", "|---|---|"]
    for section in bank.sections:
        asked = [
            f"*{q.id.split('.')[1]}*" if q.show_if else q.id.split(".")[1]
            for q in section.questions
        ]
        lines.append(f"| {section.name('en')} | {', '.join(asked)} |")
    return "\n".join(lines)


TABLES = {
    "docs/user-guide.md": {
        "sign-rules": sign_rules_table,
        "sign-kinds": sign_kinds_table,
        "questions": questions_table,
    },
}


def render(text: str, tables: dict, bank: QuestionBank) -> str:
    for name, build in tables.items():
        pattern = re.compile(
            rf"(<!-- table:{name} -->\n)(?:.*?\n)?(<!-- /table:{name} -->)", flags=re.S
        )
        if not pattern.search(text):
            raise SystemExit(f"no markers for table {name!r}")
        text = pattern.sub(lambda m, b=build: m.group(1) + b(bank) + "\n" + m.group(2), text)
    return text


def update(write: bool) -> list[str]:
    """Bring every generated table up to date; return the files that were stale."""
    bank = default_bank()
    stale = []
    for name, tables in TABLES.items():
        path = ROOT / name
        text = path.read_text(encoding="utf-8")
        new = render(text, tables, bank)
        if new != text:
            stale.append(name)
            if write:
                path.write_text(new, encoding="utf-8")
    return stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether docs are current")
    args = parser.parse_args()
    stale = update(write=not args.check)
    if args.check and stale:
        print("stale tables in: " + ", ".join(stale) + " (run scripts/docs_tables.py)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
