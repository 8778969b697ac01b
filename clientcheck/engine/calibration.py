"""Measure the verdict against independent judges (tests/calibration/, see its README).

Situations written by people who never saw the rules, judged by three judges who saw only
the article and the situation, and translated into answers by someone who never ran the
scoring. The figure: how often the app's verdict is among the judges' majority (exact),
one step away on the ladder keep < keep_boundaries < renegotiate < exit, or two steps or
more apart; for the tuned part and the held-out part separately.
"""

from __future__ import annotations

import statistics
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from clientcheck.bank.answers import validate_answers
from clientcheck.bank.questions import QuestionBank
from clientcheck.engine.signs import visible_questions
from clientcheck.engine.verdict import NOT_ENOUGH, Result, assess

CALIBRATION_DIR = Path(__file__).resolve().parents[2] / "tests" / "calibration"
JUDGES = ("mentor", "accountant", "coach")
STEP = {"keep": 0, "keep_boundaries": 1, "renegotiate": 2, "plan_exit": 3, "let_go": 3}
ASSESSED_ON = date(2026, 12, 1)


@dataclass(frozen=True)
class Situation:
    id: str
    text: str
    verdicts: Mapping[str, str]  # judge -> verdict
    reasons: Mapping[str, str]
    answers: Mapping[str, object]
    held_out: bool

    @property
    def batch(self) -> str:
        """The batch a situation came in: its id's letters ("aa" for aa07)."""
        return self.id.rstrip("0123456789")

    @property
    def majority(self) -> tuple[str, ...]:
        """The judges' most given verdicts (ties keep every top verdict)."""
        counts = Counter(self.verdicts.values())
        top = max(counts.values())
        return tuple(sorted(v for v, n in counts.items() if n == top))


def _read(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def load(directory: Path = CALIBRATION_DIR, answers_file: str = "answers.toml") -> list[Situation]:
    """Read situations, judges' verdicts, translated answers and the held-out split."""
    return list(_load(directory, answers_file))


@lru_cache(maxsize=4)
def _load(directory: Path, answers_file: str) -> tuple[Situation, ...]:
    """Read once per process: 2,000 situations and their answers are a second of parsing,
    and two test modules read them at collection."""
    texts: dict[str, str] = {}
    for path in sorted((directory / "situations").glob("*.toml")):
        texts.update({s["id"]: s["text"] for s in _read(path)["situations"]})
    judged = {judge: _read(directory / "judges" / f"{judge}.toml")["verdicts"] for judge in JUDGES}
    answers = {s["id"]: s["answers"] for s in _read(directory / answers_file)["situation"]}
    held_out = set(_read(directory / "split.toml")["held_out"])
    missing = set(texts) - set(answers) or set(texts) - set.intersection(*map(set, judged.values()))
    if missing:
        raise ValueError(f"calibration: no answers or verdicts for {sorted(missing)}")
    return tuple(
        Situation(
            id=sid,
            text=texts[sid],
            verdicts={j: judged[j][sid]["verdict"] for j in JUDGES},
            reasons={j: judged[j][sid]["reason"] for j in JUDGES},
            answers=answers[sid],
            held_out=sid in held_out,
        )
        for sid in sorted(texts)
    )


def as_answers(bank: QuestionBank, raw: Mapping[str, object]) -> dict:
    """The translated answers as the app stores them (TOML integers become numbers)."""
    fixed = {
        k: float(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in raw.items()
    }
    return validate_answers(bank, fixed)


def distance(verdict: str, majority: Iterable[str]) -> int:
    """0 when the verdict is among the majority, else the fewest ladder steps to it, at
    least 1: let go and plan your exit are the same step, so one for the other counts as
    "within one step", never as exact. ``not_enough`` matches only itself: anything else
    is two steps from it.
    """
    majority = tuple(majority)
    if verdict in majority:
        return 0
    steps = [abs(STEP[verdict] - STEP[m]) if verdict in STEP and m in STEP else 2 for m in majority]
    return max(1, min(steps))


@dataclass(frozen=True)
class Figure:
    count: int
    exact: int
    within_one: int  # one step apart (not counting exact)
    apart: int  # two steps or more

    @property
    def exact_share(self) -> float:
        return self.exact / self.count if self.count else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name:<9} {self.count:3d} situations: exact {self.exact:3d} "
            f"({self.exact_share:4.0%}), one step {self.within_one:3d}, two apart {self.apart:3d}"
        )


def figure(distances: Iterable[int]) -> Figure:
    values = list(distances)
    return Figure(
        len(values),
        sum(d == 0 for d in values),
        sum(d == 1 for d in values),
        sum(d >= 2 for d in values),
    )


def verdict_of(bank: QuestionBank, situation: Situation) -> tuple[str, Result]:
    """The verdict the app shows for a situation's answers (a provisional one included)."""
    result = assess(bank, as_answers(bank, situation.answers))
    return result.verdict, result


def judge_agreement(situations: list[Situation]) -> dict[str, Figure]:
    """Each judge against the majority of the other two: the ceiling to aim for."""
    out = {}
    for judge in JUDGES:
        others = [j for j in JUDGES if j != judge]
        rows = []
        for s in situations:
            counts = Counter(s.verdicts[j] for j in others)
            top = max(counts.values())
            rows.append(distance(s.verdicts[judge], [v for v, n in counts.items() if n == top]))
        out[judge] = figure(rows)
    return out


@dataclass(frozen=True)
class Repeatability:
    """The same situations translated twice, blind: how often the verdict is the same."""

    count: int
    same: int  # the two translations give the same verdict
    exact_first: int  # exact with the judges, first translation (answers.toml)
    exact_second: int  # exact with the judges, second translation

    def lines(self) -> list[str]:
        return [
            f"read twice {self.count:3d} situations: same verdict {self.same} "
            f"({self.same / self.count:.0%})",
            f"  exact with the judges: first translation {self.exact_first}, "
            f"second {self.exact_second}",
        ]


def second_translations(directory: Path = CALIBRATION_DIR) -> dict[str, Mapping[str, object]]:
    """The blind second translation of part of the tuned set: id -> answers."""
    entries = _read(directory / "second_translation.toml")["situation"]
    return {e["id"]: e["answers"] for e in entries}


def repeatability(
    bank: QuestionBank, situations: list[Situation], second: Mapping[str, Mapping[str, object]]
) -> Repeatability:
    by_id = {s.id: s for s in situations}
    same = exact_first = exact_second = 0
    for sid, answers in second.items():
        situation = by_id[sid]
        first = verdict_of(bank, situation)[0]
        again = assess(bank, as_answers(bank, answers)).verdict
        same += first == again
        exact_first += distance(first, situation.majority) == 0
        exact_second += distance(again, situation.majority) == 0
    return Repeatability(len(second), same, exact_first, exact_second)


def questions_asked(bank: QuestionBank, answers: Mapping[str, object]) -> int:
    """How many questions the person was asked, follow-ups included."""
    return sum(len(visible_questions(bank, section, answers)) for section in bank.sections)


def median_questions(bank: QuestionBank, situations: list[Situation]) -> float:
    return statistics.median(questions_asked(bank, as_answers(bank, s.answers)) for s in situations)


__all__ = [
    "ASSESSED_ON",
    "NOT_ENOUGH",
    "Figure",
    "Repeatability",
    "Situation",
    "distance",
    "figure",
    "judge_agreement",
    "load",
    "median_questions",
    "repeatability",
    "second_translations",
    "verdict_of",
]
