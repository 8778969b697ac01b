"""Load and validate the question bank (``questions/*.toml``) into frozen dataclasses.

The bank is data: answer scales, option risk values, weights, band thresholds,
deal-breakers and verdict rules all live in TOML so they can be tuned without
touching code. Everything is indexed by id at load time and any dangling
reference, duplicate id or missing translation fails loudly.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from clientcheck.bank.answers import UNIT_WORDS
from clientcheck.bank.parse import full_id, read_condition, read_toml, text_of
from clientcheck.bank.questions import (
    OVERRIDES,
    Condition,
    Kind,
    NumberSpec,
    Option,
    Question,
    QuestionBank,
    QuestionBankError,
    Scale,
    Section,
)
from clientcheck.bank.rules import Rules, read_rules

QUESTIONS_DIR = Path(__file__).resolve().parents[2] / "questions"


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
            label = text_of(opt.get("label"), f"scale {scale_id}.{i}")
            exclusive, settled = bool(opt.get("exclusive", False)), bool(opt.get("settled", False))
            options.append(Option(oid, risk, label, exclusive, settled))
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
        unit=text_of(raw.get("unit"), f"{where}.unit"),
        points=points,
        unit_one=text_of(raw["unit_one"], f"{where}.unit_one") if "unit_one" in raw else None,
        share_of=full_id(share_of, section_id) if share_of else None,
        share_points=share_points,
        at_most=full_id(at_most, section_id) if at_most else None,
        units=_units(raw.get("units", {}), where),
    )


def _units(raw: object, where: str) -> dict[str, float]:
    if not isinstance(raw, dict) or not all(u in UNIT_WORDS for u in raw):
        raise QuestionBankError(f"{where}: units are among {', '.join(UNIT_WORDS)}")
    if any(not isinstance(v, int | float) or v <= 0 for v in raw.values()):
        raise QuestionBankError(f"{where}: a unit is worth a positive number")
    return {str(u): float(v) for u, v in raw.items()}


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
        show_if = read_condition(q["show_if"], sid, qid) if "show_if" in q else None
        multiple = bool(q.get("multiple", False))
        if multiple and (scale is None or role == "graded"):
            raise QuestionBankError(f"{qid}: several answers only for a flag or context choice")
        questions.append(
            Question(
                id=qid,
                section=sid,
                kind=kind,
                text=text_of(q.get("text"), f"{qid}.text"),
                help=text_of(q["help"], f"{qid}.help") if "help" in q else None,
                weight=weight,
                scale=scale,
                number=number,
                role=role,
                overrides=overrides,
                show_if=show_if,
                multiple=multiple,
            )
        )
    if not questions:
        raise QuestionBankError(f"{where}: no questions")
    return Section(
        id=sid,
        order=int(raw.get("order", 0)),
        name=text_of(raw.get("name"), f"{sid}.name"),
        summary=text_of(raw.get("summary"), f"{sid}.summary"),
        questions=tuple(questions),
    )


def load_bank(directory: Path = QUESTIONS_DIR) -> QuestionBank:
    """Read every TOML file of the bank in ``directory`` and validate it."""
    scales = _scales(read_toml(directory / "scales.toml"))
    rules = read_rules(read_toml(directory / "scoring.toml"))
    situation = _section(read_toml(directory / "situation.toml"), scales, "situation.toml")
    signs = tuple(
        sorted(
            (
                _section(read_toml(p), scales, p.name)
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
    section = _section(read_toml(path), scales, path.name)
    for q in section.questions:
        if q.role != "context":
            raise QuestionBankError(f"{q.id}: money questions are context only, never scored")
    return section


def _check_condition(cond: Condition, by_id: Mapping[str, Question], rules: Rules, where: str):
    if cond.any:
        for part in cond.any:
            _check_condition(part, by_id, rules, where)
        return
    if cond.sign_at_least is not None:
        if cond.sign_at_least not in {b.id for b in rules.bands}:
            raise QuestionBankError(f"{where}: unknown band {cond.sign_at_least!r}")
        return
    target = by_id.get(cond.question or "")
    if target is None:
        raise QuestionBankError(f"{where}: condition on unknown question {cond.question!r}")
    if cond.op == "unknown":
        return
    if cond.op in ("at_least", "at_most"):
        if target.kind != "number" or not isinstance(cond.value, int | float):
            raise QuestionBankError(f"{where}: {cond.op} needs a number question and a number")
        return
    if target.multiple and cond.op != "in":
        raise QuestionBankError(f"{where}: a question with several answers is checked with 'in'")
    values = cond.value if cond.op == "in" else (cond.value,)
    if target.scale is None or not set(values) <= set(target.scale.option_ids):  # type: ignore[arg-type]
        raise QuestionBankError(f"{where}: condition on unknown option(s) of {target.id}")


def _condition_refs(cond: Condition) -> list[str]:
    return [r for part in cond.any for r in _condition_refs(part)] or (
        [cond.question] if cond.question else []
    )


def _check_references(
    by_id: Mapping[str, Question], signs: tuple[Section, ...], rules: Rules
) -> None:
    """Fail on any dangling reference: conditions, shares, limits, sign kinds."""
    order = list(by_id)
    for q in by_id.values():
        if q.show_if is not None:
            _check_condition(q.show_if, by_id, rules, f"{q.id}.show_if")
            for ref in _condition_refs(q.show_if):
                if order.index(ref) >= order.index(q.id):
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
    for rule in rules.sign_rules:
        for qid, options in (*rule.when.answers.items(), *rule.when.unless.items()):
            question = by_id.get(qid)
            if question is None or question.scale is None or question.section not in sign_ids:
                raise QuestionBankError(f"sign_rules.{rule.id}: unknown sign question {qid!r}")
            if not set(options) <= set(question.scale.option_ids):
                raise QuestionBankError(f"sign_rules.{rule.id}: unknown option(s) of {qid}")
        for qid in rule.when.number_at_least:
            question = by_id.get(qid)
            if question is None or question.number is None or question.section not in sign_ids:
                raise QuestionBankError(f"sign_rules.{rule.id}: unknown number question {qid!r}")
    for money_rule in rules.money_rules:
        for qid, options in (*money_rule.answers.items(), *money_rule.unless.items()):
            question = by_id.get(qid)
            if question is None or question.scale is None:
                raise QuestionBankError(f"money_rules.{money_rule.id}: unknown question {qid!r}")
            if not set(options) <= set(question.scale.option_ids):
                raise QuestionBankError(f"money_rules.{money_rule.id}: unknown option(s) of {qid}")
    for override in rules.dependency_overrides:
        for cond in override.when:
            _check_condition(cond, by_id, rules, f"dependency_overrides.{override.id}")


@cache
def default_bank() -> QuestionBank:
    """Return the bundled question bank, loaded once per process."""
    return load_bank()
