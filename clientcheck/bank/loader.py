"""Load and validate the question bank (``questions/*.toml``) into frozen dataclasses.

The bank is data: answer scales, option risk values, weights, band thresholds,
deal-breakers and verdict rules all live in TOML so they can be tuned without
touching code. Everything is indexed by id at load time and any dangling
reference, duplicate id or missing translation fails loudly.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from clientcheck.bank.questions import (
    CONDITION_OPS,
    LADDER,
    OVERRIDES,
    Band,
    Condition,
    DecisionRule,
    DependencyOverride,
    Kind,
    NumberSpec,
    Option,
    Question,
    QuestionBank,
    QuestionBankError,
    Rules,
    RuleWhen,
    Scale,
    Section,
    SignKind,
    Verdict,
)
from clientcheck.i18n import LANGS, Text

QUESTIONS_DIR = Path(__file__).resolve().parents[2] / "questions"


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
