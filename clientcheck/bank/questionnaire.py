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
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from clientcheck.i18n import LANGS, Text

QUESTIONS_DIR = Path(__file__).resolve().parents[2] / "questions"

Kind = Literal["choice", "number"]
Role = Literal["graded", "flag", "context"]
"""How a question counts: ``graded`` enters its sign's score (or, in the situation, the
dependency figure); ``flag`` records a serious event that overrides the score but never
averages into it; ``context`` shapes advice, visibility and rules but is never scored."""
OVERRIDES = ("incident", "unfixable")
CONDITION_OPS = ("equals", "in", "at_least", "at_most")
LADDER = ("keep", "keep_boundaries", "renegotiate", "exit")
"""Verdict floors, mildest first; ``exit`` becomes let_go or plan_exit by dependency."""


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


def _interpolate(pts: tuple[tuple[float, float], ...], value: float) -> float:
    """Interpolate on a piecewise-linear curve, clamped at its ends."""
    if value <= pts[0][0]:
        return pts[0][1]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        if value <= x1:
            return y0 + (y1 - y0) * (value - x0) / (x1 - x0)
    return pts[-1][1]


@dataclass(frozen=True)
class Condition:
    """When a question is asked: another answer compared with a value, or its sign's band.

    ``question`` conditions are met only by an answer (never by "don't know").
    """

    question: str | None = None
    op: str = "equals"
    value: object = None
    sign_at_least: str | None = None


@dataclass(frozen=True)
class NumberSpec:
    """A numeric answer: allowed range and a monotone piecewise-linear risk curve."""

    min: float
    max: float
    step: float
    integer: bool
    unit: Text
    points: tuple[tuple[float, float], ...]
    unit_one: Text | None = None  # the unit after exactly 1 ("1 invoice", "1 jour")
    # A count read against another answer: the risk is the lower of the count's curve and
    # the share's curve (share in %), so 3 late invoices of 3 weigh more than 3 of 30.
    share_of: str | None = None
    share_points: tuple[tuple[float, float], ...] = ()
    # The answer may not exceed this other answer (e.g. late invoices <= invoices sent).
    at_most: str | None = None

    def risk(self, value: float, total: float | None = None) -> float:
        """Return the risk (0-100) of ``value``; with ``total``, the lower of count and share."""
        risk = _interpolate(self.points, value)
        if self.share_points and total:
            risk = min(risk, _interpolate(self.share_points, 100 * value / total))
        return risk

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
    role: Role = "graded"
    overrides: Mapping[str, str] = field(default_factory=dict)
    show_if: Condition | None = None

    @property
    def graded(self) -> bool:
        return self.role == "graded"

    def risk_of(self, answer: str | float, total: float | None = None) -> float:
        """Return the risk (0-100) that an answer carries (``total``: see NumberSpec.risk)."""
        if self.kind == "choice":
            assert self.scale is not None
            return self.scale.option(str(answer)).risk
        assert self.number is not None
        return self.number.risk(float(answer), total)

    def override_of(self, answer: str | float) -> str | None:
        """Return "incident" or "unfixable" when this answer is a deal-breaker, else None."""
        return self.overrides.get(str(answer)) if self.kind == "choice" else None

    def is_dealbreaker(self, answer: str | float) -> bool:
        return self.override_of(answer) is not None


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
class RuleWhen:
    """What a decision rule matches: filters on one sign, or a count of signs."""

    kind: str | None = None
    band_at_least: str | None = None
    raised: str | None = None
    override: str | None = None
    count: int = 0
    including: str | None = None


@dataclass(frozen=True)
class DecisionRule:
    """One line of the decision model: a floor (or a step up) on the verdict ladder."""

    id: str
    applies: Literal["each_sign", "combination"]
    when: RuleWhen
    reason: Text
    floor: str | None = None  # a LADDER id, or "kind": the sign kind's floor for its band
    step_up: int = 0
    max: str | None = None


@dataclass(frozen=True)
class SignKind:
    id: str
    floors: Mapping[str, str]  # band id -> LADDER id
    max: str


@dataclass(frozen=True)
class DependencyOverride:
    """A floor (``at_least``) or cap (``at_most``) on dependency when all conditions hold."""

    id: str
    when: tuple[Condition, ...]
    reason: Text
    at_least: float | None = None
    at_most: float | None = None


@dataclass(frozen=True)
class Rules:
    """Scoring rules: bands, how signs combine into risk, decision rules, confidence."""

    bands: tuple[Band, ...]
    dealbreaker_floor: float
    risk_max_weight: float
    dependent_at: float
    unknown_dependency: float
    verdicts: Mapping[str, Verdict]
    confidence: tuple[tuple[str, float, Text], ...]
    min_answers_per_sign: int
    min_answers_strong: int
    firm_up_questions: int
    sign_kinds: Mapping[str, str]
    kinds: Mapping[str, SignKind]
    decision_rules: tuple[DecisionRule, ...]
    dependency_overrides: tuple[DependencyOverride, ...]

    def band_rank(self, band_id: str) -> int:
        return self._band_ranks[band_id]

    @cached_property
    def _band_ranks(self) -> dict[str, int]:
        return {band.id: rank for rank, band in enumerate(self.bands)}

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


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per process
class QuestionBank:
    signs: tuple[Section, ...]
    situation: Section
    scales: Mapping[str, Scale]
    rules: Rules
    _by_id: Mapping[str, Question] = field(repr=False)
    # The optional Money section: context only, so it never enters risk, dependency or
    # confidence; not in ``sections`` (those are scored), only in the answers index.
    money: Section | None = None

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


def _curve(raw: object, where: str) -> tuple[tuple[float, float], ...]:
    points = tuple((float(x), float(y)) for x, y in raw or [])  # type: ignore[union-attr]
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
    return points


def _number(raw: dict, where: str, section_id: str) -> NumberSpec:
    points = _curve(raw.get("points"), where)
    share_of = raw.get("share_of")
    share_points = _curve(raw["share_points"], f"{where}.share_points") if share_of else ()
    if share_of and share_points[-1][1] < share_points[0][1]:
        raise QuestionBankError(f"{where}: a share curve must rise")
    at_most = raw.get("at_most")
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
        unit_one=_text(raw["unit_one"], f"{where}.unit_one") if "unit_one" in raw else None,
        share_of=_full_id(share_of, section_id) if share_of else None,
        share_points=share_points,
        at_most=_full_id(at_most, section_id) if at_most else None,
    )


def _full_id(ref: object, section_id: str) -> str:
    """Resolve a question reference: "late_invoices" within the section, or "section.id"."""
    if not isinstance(ref, str) or not ref:
        raise QuestionBankError(f"{section_id}: a question reference must be a question id")
    return ref if "." in ref else f"{section_id}.{ref}"


def _condition(raw: object, section_id: str, where: str) -> Condition:
    """Read a condition: {question = id, <op> = value} or {sign_at_least = band}."""
    if not isinstance(raw, dict):
        raise QuestionBankError(f"{where}: a condition must be a table")
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
    return Condition(
        question=_full_id(raw["question"], section_id),
        op=ops[0],
        value=tuple(value) if isinstance(value, list) else value,
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
            number = _number(q["number"], f"{qwhere} ({qid})", sid)
            kind = "number"
        else:
            raise QuestionBankError(f"{qwhere} ({qid}): needs a scale or a number")
        weight = float(q.get("weight", 1))
        if weight <= 0:
            raise QuestionBankError(f"{qwhere} ({qid}): weight must be positive")
        role = q.get("role", "graded")
        if role not in ("graded", "flag", "context"):
            raise QuestionBankError(f"{qwhere} ({qid}): unknown role {role!r}")
        if "dealbreaker_at" in q:
            raise QuestionBankError(f"{qwhere} ({qid}): use overrides, not dealbreaker_at")
        overrides = dict(q.get("overrides", {}))
        for option_id, override in overrides.items():
            if scale is None or option_id not in scale.option_ids:
                raise QuestionBankError(f"{qid}: override on unknown option {option_id!r}")
            if override not in OVERRIDES:
                raise QuestionBankError(f"{qid}: unknown override {override!r}")
        if role == "flag" and not overrides:
            raise QuestionBankError(f"{qid}: a flag question needs overrides")
        show_if = _condition(q["show_if"], sid, qid) if "show_if" in q else None
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
                role=role,
                overrides=overrides,
                show_if=show_if,
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
        confidence=tuple(sorted(confidence, key=lambda c: c[1])),
        min_answers_per_sign=int(raw.get("min_answers_per_sign", 1)),
        min_answers_strong=int(raw.get("min_answers_strong", 1)),
        firm_up_questions=int(raw.get("firm_up_questions", 3)),
        sign_kinds=dict(raw.get("sign_kinds", {})),
        kinds=_kinds(raw.get("kinds", {}), [b.id for b in bands]),
        decision_rules=tuple(_decision_rule(r, {b.id for b in bands}) for r in raw["rules"]),
        dependency_overrides=tuple(
            _dependency_override(d) for d in raw.get("dependency_overrides", [])
        ),
    )


def _ladder(value: object, where: str) -> str:
    if value not in LADDER:
        raise QuestionBankError(f"{where}: {value!r} is not one of {', '.join(LADDER)}")
    return str(value)


def _kinds(raw: dict, band_ids: list[str]) -> dict[str, SignKind]:
    kinds = {}
    for kind_id, body in raw.items():
        floors = dict(body.get("floors", {}))
        if set(floors) != set(band_ids):
            raise QuestionBankError(f"kinds.{kind_id}: needs a floor for every band")
        levels = [LADDER.index(_ladder(floors[b], f"kinds.{kind_id}")) for b in band_ids]
        if levels != sorted(levels):
            raise QuestionBankError(f"kinds.{kind_id}: floors must not fall as bands rise")
        kinds[kind_id] = SignKind(kind_id, floors, _ladder(body["max"], f"kinds.{kind_id}.max"))
    if not kinds:
        raise QuestionBankError("kinds: at least one sign kind is required")
    return kinds


def _decision_rule(raw: dict, band_ids: set[str]) -> DecisionRule:
    rid = raw.get("id")
    if not rid:
        raise QuestionBankError("rules: a rule needs an id")
    applies = raw.get("applies")
    if applies not in ("each_sign", "combination"):
        raise QuestionBankError(f"rule {rid}: applies must be each_sign or combination")
    when_raw = dict(raw.get("when", {}))
    unknown = set(when_raw) - {"kind", "band_at_least", "raised", "override", "count", "including"}
    if unknown:
        raise QuestionBankError(f"rule {rid}: unknown condition(s) {', '.join(sorted(unknown))}")
    when = RuleWhen(**when_raw)
    if when.band_at_least is not None and when.band_at_least not in band_ids:
        raise QuestionBankError(f"rule {rid}: unknown band {when.band_at_least!r}")
    for override in (when.override, when.including):
        if override is not None and override not in OVERRIDES:
            raise QuestionBankError(f"rule {rid}: unknown override {override!r}")
    if (applies == "combination") != (when.count > 0):
        raise QuestionBankError(f"rule {rid}: a combination rule, and only one, needs a count")
    floor = raw.get("floor")
    if floor is not None and floor != "kind":
        _ladder(floor, f"rule {rid}.floor")
    step_up = int(raw.get("step_up", 0))
    if (floor is None) == (step_up == 0):
        raise QuestionBankError(f"rule {rid}: needs either a floor or a step_up")
    return DecisionRule(
        id=rid,
        applies=applies,
        when=when,
        reason=_text(raw.get("reason"), f"rule {rid}.reason"),
        floor=floor,
        step_up=step_up,
        max=_ladder(raw["max"], f"rule {rid}.max") if "max" in raw else None,
    )


def _dependency_override(raw: dict) -> DependencyOverride:
    did = raw.get("id", "?")
    when = tuple(_condition(c, "situation", f"dependency_overrides.{did}") for c in raw["when"])
    at_least, at_most = raw.get("at_least"), raw.get("at_most")
    if (at_least is None) == (at_most is None):
        raise QuestionBankError(f"dependency_overrides.{did}: needs at_least or at_most")
    return DependencyOverride(
        id=did,
        when=when,
        reason=_text(raw.get("reason"), f"dependency_overrides.{did}.reason"),
        at_least=float(at_least) if at_least is not None else None,
        at_most=float(at_most) if at_most is not None else None,
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
    money = _money_section(directory / "money.toml", scales)
    section_ids = [situation.id, *(s.id for s in signs), *([money.id] if money else [])]
    if len(set(section_ids)) != len(section_ids):
        raise QuestionBankError("duplicate section id")
    by_id: dict[str, Question] = {}
    for section in (situation, *([money] if money else []), *signs):
        for q in section.questions:
            if q.id in by_id:
                raise QuestionBankError(f"duplicate question id {q.id!r}")
            by_id[q.id] = q
    _check_references(by_id, signs, rules)
    return QuestionBank(
        signs=signs, situation=situation, scales=scales, rules=rules, _by_id=by_id, money=money
    )


def _money_section(path: Path, scales: Mapping[str, Scale]) -> Section | None:
    """Load the optional Money section; every question in it must be context."""
    if not path.exists():
        return None
    section = _section(_read(path), scales, path.name)
    for q in section.questions:
        if q.role != "context":
            raise QuestionBankError(f"{q.id}: money questions are context only, never scored")
    return section


def _check_condition(cond: Condition, by_id: Mapping[str, Question], rules: Rules, where: str):
    if cond.sign_at_least is not None:
        if cond.sign_at_least not in {b.id for b in rules.bands}:
            raise QuestionBankError(f"{where}: unknown band {cond.sign_at_least!r}")
        return
    target = by_id.get(cond.question or "")
    if target is None:
        raise QuestionBankError(f"{where}: condition on unknown question {cond.question!r}")
    if cond.op in ("at_least", "at_most"):
        if target.kind != "number" or not isinstance(cond.value, int | float):
            raise QuestionBankError(f"{where}: {cond.op} needs a number question and a number")
        return
    assert target.scale is not None or target.kind == "number"
    values = cond.value if cond.op == "in" else (cond.value,)
    if target.scale is None or not set(values) <= set(target.scale.option_ids):  # type: ignore[arg-type]
        raise QuestionBankError(f"{where}: condition on unknown option(s) of {target.id}")


def _check_references(
    by_id: Mapping[str, Question], signs: tuple[Section, ...], rules: Rules
) -> None:
    """Fail on any dangling reference: conditions, shares, limits, sign kinds."""
    order = list(by_id)
    for q in by_id.values():
        if q.show_if is not None:
            _check_condition(q.show_if, by_id, rules, f"{q.id}.show_if")
            ref = q.show_if.question
            if ref is not None and order.index(ref) >= order.index(q.id):
                raise QuestionBankError(f"{q.id}.show_if: must refer to an earlier question")
            if q.show_if.sign_at_least is not None and q.role != "context":
                raise QuestionBankError(f"{q.id}: a question shown by its sign's band is context")
        if q.number is not None:
            for ref in (q.number.share_of, q.number.at_most):
                if ref is not None and (ref not in by_id or by_id[ref].kind != "number"):
                    raise QuestionBankError(f"{q.id}: refers to unknown number question {ref!r}")
    sign_ids = {s.id for s in signs}
    if set(rules.sign_kinds) != sign_ids:
        raise QuestionBankError("sign_kinds must name every sign, and only signs")
    for sign_id, kind in rules.sign_kinds.items():
        if kind not in rules.kinds:
            raise QuestionBankError(f"sign_kinds.{sign_id}: unknown kind {kind!r}")
    for rule in rules.decision_rules:
        if rule.when.kind is not None and rule.when.kind not in rules.kinds:
            raise QuestionBankError(f"rule {rule.id}: unknown kind {rule.when.kind!r}")
    for override in rules.dependency_overrides:
        for cond in override.when:
            _check_condition(cond, by_id, rules, f"dependency_overrides.{override.id}")


@cache
def default_bank() -> QuestionBank:
    """Return the bundled question bank, loaded once per process."""
    return load_bank()
