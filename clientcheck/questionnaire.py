"""Load and validate the question bank (``questions/*.toml``) into frozen dataclasses.

The bank is data: answer scales, option risk values, weights, band thresholds,
deal-breakers and verdict rules all live in TOML so they can be tuned without
touching code. Everything is indexed by id at load time and any dangling
reference, duplicate id or missing translation fails loudly.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from clientcheck.i18n import LANGS, Text

QUESTIONS_DIR = Path(__file__).resolve().parent.parent / "questions"

Kind = Literal["choice", "number"]


class QuestionBankError(ValueError):
    """The question bank is malformed."""


@dataclass(frozen=True)
class Option:
    id: str
    risk: float
    label: Text


@dataclass(frozen=True)
class Scale:
    id: str
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


@dataclass(frozen=True)
class NumberSpec:
    """A numeric answer: allowed range and a monotone piecewise-linear risk curve."""

    min: float
    max: float
    step: float
    integer: bool
    unit: Text
    points: tuple[tuple[float, float], ...]

    def risk(self, value: float) -> float:
        """Interpolate the risk (0-100) of ``value`` on the curve, clamped at its ends."""
        pts = self.points
        if value <= pts[0][0]:
            return pts[0][1]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            if value <= x1:
                return y0 + (y1 - y0) * (value - x0) / (x1 - x0)
        return pts[-1][1]

    @property
    def increasing(self) -> bool:
        """True when a larger value means more risk."""
        return self.points[-1][1] >= self.points[0][1]


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    kind: Kind
    text: Text
    help: Text | None
    weight: float
    scale: Scale | None = None
    number: NumberSpec | None = None
    dealbreaker_at: float | None = None

    def risk_of(self, answer: str | float) -> float:
        """Return the risk (0-100) that an answer carries."""
        if self.kind == "choice":
            assert self.scale is not None
            return self.scale.option(str(answer)).risk
        assert self.number is not None
        return self.number.risk(float(answer))

    def is_dealbreaker(self, answer: str | float) -> bool:
        return self.dealbreaker_at is not None and self.risk_of(answer) >= self.dealbreaker_at


@dataclass(frozen=True)
class Section:
    """A page of the questionnaire: one of the seven signs, or the situation."""

    id: str
    order: int
    name: Text
    summary: Text
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Band:
    id: str
    min: float
    label: Text


@dataclass(frozen=True)
class Verdict:
    id: str
    label: Text
    severity: int
    check_again_days: int


@dataclass(frozen=True)
class Rules:
    """Scoring rules: bands, how signs combine into risk, verdict matrix, confidence."""

    bands: tuple[Band, ...]
    dealbreaker_floor: float
    risk_max_weight: float
    dependent_at: float
    unknown_dependency: float
    verdicts: Mapping[str, Verdict]
    matrix: Mapping[str, Mapping[str, str]]
    confidence: tuple[tuple[str, float, Text], ...]
    min_answers_per_sign: int

    def band_for(self, score: float) -> Band:
        chosen = self.bands[0]
        for band in self.bands:
            if score >= band.min:
                chosen = band
        return chosen

    def band(self, band_id: str) -> Band:
        for band in self.bands:
            if band.id == band_id:
                return band
        raise KeyError(band_id)


@dataclass(frozen=True)
class QuestionBank:
    signs: tuple[Section, ...]
    situation: Section
    scales: Mapping[str, Scale]
    rules: Rules
    _by_id: Mapping[str, Question] = field(repr=False)

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def sign(self, sign_id: str) -> Section:
        for sign in self.signs:
            if sign.id == sign_id:
                return sign
        raise KeyError(sign_id)

    @property
    def sections(self) -> tuple[Section, ...]:
        return (self.situation, *self.signs)

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions

    @property
    def question_ids(self) -> frozenset[str]:
        return frozenset(self._by_id)


# --- loading -----------------------------------------------------------------


def _text(raw: object, where: str) -> Text:
    if not isinstance(raw, dict):
        raise QuestionBankError(f"{where}: expected a table with {', '.join(LANGS)}")
    missing = [lang for lang in LANGS if not str(raw.get(lang, "")).strip()]
    if missing:
        raise QuestionBankError(f"{where}: missing or empty translation: {', '.join(missing)}")
    extra = set(raw) - set(LANGS)
    if extra:
        raise QuestionBankError(f"{where}: unknown language(s): {', '.join(sorted(extra))}")
    return Text(**{lang: str(raw[lang]).strip() for lang in LANGS})


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise QuestionBankError(f"{path.name}: {exc}") from exc


def _scales(raw: dict) -> dict[str, Scale]:
    scales: dict[str, Scale] = {}
    for scale_id, body in raw.get("scales", {}).items():
        options = []
        seen: set[str] = set()
        for i, opt in enumerate(body.get("options", [])):
            oid = opt.get("id")
            if not oid or oid in seen:
                raise QuestionBankError(f"scale {scale_id}: missing or duplicate option id {oid!r}")
            seen.add(oid)
            risk = float(opt["risk"])
            if not 0 <= risk <= 100:
                raise QuestionBankError(f"scale {scale_id}.{oid}: risk must be within 0-100")
            options.append(Option(oid, risk, _text(opt.get("label"), f"scale {scale_id}.{i}")))
        if len(options) < 2:
            raise QuestionBankError(f"scale {scale_id}: needs at least two options")
        scales[scale_id] = Scale(scale_id, tuple(options))
    return scales


def _number(raw: dict, where: str) -> NumberSpec:
    points = tuple((float(x), float(y)) for x, y in raw.get("points", []))
    if len(points) < 2:
        raise QuestionBankError(f"{where}: a number needs at least two risk points")
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    if xs != sorted(xs) or len(set(xs)) != len(xs):
        raise QuestionBankError(f"{where}: risk points must have strictly increasing values")
    if ys != sorted(ys) and ys != sorted(ys, reverse=True):
        raise QuestionBankError(f"{where}: the risk curve must be monotone")
    if not all(0 <= y <= 100 for y in ys):
        raise QuestionBankError(f"{where}: risk points must be within 0-100")
    lo, hi = float(raw["min"]), float(raw["max"])
    if lo >= hi:
        raise QuestionBankError(f"{where}: min must be below max")
    return NumberSpec(
        min=lo,
        max=hi,
        step=float(raw.get("step", 1)),
        integer=bool(raw.get("integer", True)),
        unit=_text(raw.get("unit"), f"{where}.unit"),
        points=points,
    )


def _section(raw: dict, scales: Mapping[str, Scale], where: str) -> Section:
    sid = raw.get("id")
    if not sid:
        raise QuestionBankError(f"{where}: missing id")
    questions = []
    for i, q in enumerate(raw.get("questions", [])):
        qwhere = f"{where}: question {i + 1}"
        qid = q.get("id")
        if not qid:
            raise QuestionBankError(f"{qwhere}: missing id")
        qid = f"{sid}.{qid}"
        scale = number = None
        if "scale" in q:
            if q["scale"] not in scales:
                raise QuestionBankError(f"{qwhere} ({qid}): unknown scale {q['scale']!r}")
            scale = scales[q["scale"]]
            kind: Kind = "choice"
        elif "number" in q:
            number = _number(q["number"], f"{qwhere} ({qid})")
            kind = "number"
        else:
            raise QuestionBankError(f"{qwhere} ({qid}): needs a scale or a number")
        weight = float(q.get("weight", 1))
        if weight <= 0:
            raise QuestionBankError(f"{qwhere} ({qid}): weight must be positive")
        dealbreaker = q.get("dealbreaker_at")
        questions.append(
            Question(
                id=qid,
                section=sid,
                kind=kind,
                text=_text(q.get("text"), f"{qid}.text"),
                help=_text(q["help"], f"{qid}.help") if "help" in q else None,
                weight=weight,
                scale=scale,
                number=number,
                dealbreaker_at=float(dealbreaker) if dealbreaker is not None else None,
            )
        )
    if not questions:
        raise QuestionBankError(f"{where}: no questions")
    return Section(
        id=sid,
        order=int(raw.get("order", 0)),
        name=_text(raw.get("name"), f"{sid}.name"),
        summary=_text(raw.get("summary"), f"{sid}.summary"),
        questions=tuple(questions),
    )


def _rules(raw: dict) -> Rules:
    bands = tuple(
        Band(b["id"], float(b["min"]), _text(b.get("label"), f"band {b['id']}"))
        for b in raw["bands"]
    )
    if [b.min for b in bands] != sorted(b.min for b in bands) or bands[0].min != 0:
        raise QuestionBankError("bands must start at 0 and rise")
    verdicts = {
        v["id"]: Verdict(
            v["id"],
            _text(v.get("label"), f"verdict {v['id']}"),
            int(v["severity"]),
            int(v["check_again_days"]),
        )
        for v in raw["verdicts"]
    }
    if "not_enough" not in verdicts:
        raise QuestionBankError("verdicts: 'not_enough' is required")
    matrix = raw["verdict_matrix"]
    band_ids = {b.id for b in bands}
    if set(matrix) != band_ids:
        raise QuestionBankError("verdict_matrix must have one row per band")
    for band_id, row in matrix.items():
        if set(row) != {"free", "dependent"}:
            raise QuestionBankError(f"verdict_matrix.{band_id}: needs 'free' and 'dependent'")
        for verdict_id in row.values():
            if verdict_id not in verdicts:
                raise QuestionBankError(f"verdict_matrix.{band_id}: unknown verdict {verdict_id!r}")
    confidence = tuple(
        (c["id"], float(c["min_share"]), _text(c.get("label"), f"confidence {c['id']}"))
        for c in raw["confidence"]
    )
    floor = float(raw["dealbreaker_floor"])
    if floor not in {b.min for b in bands}:
        raise QuestionBankError("dealbreaker_floor must be a band's lower bound")
    return Rules(
        bands=bands,
        dealbreaker_floor=floor,
        risk_max_weight=float(raw["risk_max_weight"]),
        dependent_at=float(raw["dependent_at"]),
        unknown_dependency=float(raw["unknown_dependency"]),
        verdicts=verdicts,
        matrix=matrix,
        confidence=tuple(sorted(confidence, key=lambda c: c[1])),
        min_answers_per_sign=int(raw.get("min_answers_per_sign", 1)),
    )


def load_bank(directory: Path = QUESTIONS_DIR) -> QuestionBank:
    """Read every TOML file of the bank in ``directory`` and validate it."""
    scales = _scales(_read(directory / "scales.toml"))
    rules = _rules(_read(directory / "scoring.toml"))
    situation = _section(_read(directory / "situation.toml"), scales, "situation.toml")
    signs = tuple(
        sorted(
            (
                _section(_read(p), scales, p.name)
                for p in sorted((directory / "signs").glob("*.toml"))
            ),
            key=lambda s: s.order,
        )
    )
    if not signs:
        raise QuestionBankError("no signs found")
    section_ids = [situation.id, *(s.id for s in signs)]
    if len(set(section_ids)) != len(section_ids):
        raise QuestionBankError("duplicate section id")
    by_id: dict[str, Question] = {}
    for section in (situation, *signs):
        for q in section.questions:
            if q.id in by_id:
                raise QuestionBankError(f"duplicate question id {q.id!r}")
            by_id[q.id] = q
    return QuestionBank(signs=signs, situation=situation, scales=scales, rules=rules, _by_id=by_id)


@cache
def default_bank() -> QuestionBank:
    """Return the bundled question bank, loaded once per process."""
    return load_bank()
