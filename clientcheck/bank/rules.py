"""The decision rules (``questions/scoring.toml``) as frozen data, read and checked.

Bands, verdicts with the advice each calls for, the verdict ladder by each sign's state
and history, the rules across signs and for money, and the dependency floors. A rule
refers only to states, histories, kinds and ladder steps that exist: anything else
fails at load.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from clientcheck.bank.parse import read_condition, text_of
from clientcheck.bank.questions import (
    HISTORY,
    LADDER,
    OVERRIDES,
    Condition,
    QuestionBankError,
)
from clientcheck.i18n import Text

ADVICE = ("fix", "prepare", "leave")
"""What the advice under a verdict does: fix what can be fixed, protect yourself while
preparing to leave, or leave well."""


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
    advice: str = ""  # one of ADVICE; "" for "not enough answers yet"


@dataclass(frozen=True)
class SignWhen:
    """What a sign rule matches: every condition given must hold."""

    state: tuple[str, ...] = ()  # any of these states
    state_at_least: str | None = None
    history: tuple[str, ...] = ()  # any of these histories
    kind: tuple[str, ...] = ()  # any of these kinds
    not_kind: tuple[str, ...] = ()
    small_client: bool | None = None  # the client brings at most small_client_share %
    dependent: bool | None = None  # the user cannot afford to leave yet (dependency known)
    stuck: bool | None = None  # almost all the user's income, no cushion (stuck_at)
    busy: bool | None = None  # free to leave, with plenty of other work lined up
    hardship: tuple[str, ...] = ()  # what the client is going through (situation.hard_times)
    answers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # qid -> any of
    # qid -> options none of which may be among the answers given (an answer left blank
    # passes): "cancellations, with no term said broken"
    unless: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # qid -> the least number that matches (a number question left blank: no match)
    number_at_least: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class SignRule:
    """One step of a sign's decision list: the first that matches sets the sign's floor."""

    id: str
    when: SignWhen
    floor: str  # a LADDER id
    reason: Text


@dataclass(frozen=True)
class CombinationRule:
    """Across signs: when ``count`` signs have a floor of at least ``floor_at_least`` (and,
    with ``each``, match it as a sign rule's ``when`` would)."""

    id: str
    count: int
    floor_at_least: str
    reason: Text
    step_up: int = 0
    floor: str | None = None
    max: str | None = None
    each: SignWhen | None = None  # what every counted sign must also match


@dataclass(frozen=True)
class MoneyRule:
    """Money can raise the verdict, never lower it: a floor when the effective rate is at
    most ``below_target_share`` of the rate the user aims for, or when an answer says so
    (``answers``: question id -> any of these options), unless another answer says otherwise
    (``unless``: question id -> any of these options), and, with ``dependent``, only when
    the user depends on the client (True) or does not (False)."""

    id: str
    floor: str
    reason: Text
    below_target_share: float | None = None
    answers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    unless: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    dependent: bool | None = None
    # With ``small_client``, only for a client who brings at most ``small_client_share`` of
    # an income the user can afford to lose (True) or any other (False).
    small_client: bool | None = None
    # True when the rule cannot be judged without the user's situation (share of income,
    # savings): with the situation unknown, the verdict waits for it.
    needs_situation: bool = False


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
    """Scoring rules: bands, how signs combine into risk, the decision model, confidence."""

    bands: tuple[Band, ...]
    dealbreaker_floor: float
    risk_max_weight: float
    sign_max_weight: float
    dependent_at: float
    stuck_at: float
    verdicts: Mapping[str, Verdict]
    confidence: tuple[tuple[str, float, Text], ...]
    min_answers_per_sign: int
    min_answers_strong: int
    min_answers_alone: int
    new_client_invoices: int
    small_client_share: float
    firm_up_questions: int
    sign_kinds: Mapping[str, str]
    sign_rules: tuple[SignRule, ...]
    combination_rules: tuple[CombinationRule, ...]
    money_rules: tuple[MoneyRule, ...]
    dependency_overrides: tuple[DependencyOverride, ...]

    def band_rank(self, band_id: str) -> int:
        return self._band_ranks[band_id]

    @cached_property
    def _band_ranks(self) -> dict[str, int]:
        return {band.id: rank for rank, band in enumerate(self.bands)}

    @cached_property
    def states(self) -> tuple[str, ...]:
        """A sign's possible states, mildest first: the bands, then the serious events."""
        return (*(b.id for b in self.bands), *OVERRIDES)

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

    @cached_property
    def rule_questions(self) -> frozenset[str]:
        """The questions whose answers a sign rule reads directly (``answers``, ``unless`` and
        ``number_at_least`` conditions)."""
        return frozenset(
            q
            for r in self.sign_rules
            for q in (*r.when.answers, *r.when.unless, *r.when.number_at_least)
        )

    @cached_property
    def money_rule_questions(self) -> tuple[str, ...]:
        """The questions the money rules read (``answers`` conditions), in a fixed order."""
        return tuple(sorted({q for r in self.money_rules for q in (*r.answers, *r.unless)}))

    @cached_property
    def money_rule_ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.money_rules)

    def money_rule(self, rule_id: str) -> MoneyRule:
        """The money rule called ``rule_id``."""
        return next(r for r in self.money_rules if r.id == rule_id)

    def advice_for(self, verdict_id: str) -> str | None:
        """What the advice under a verdict does ("fix", "prepare", "leave"), or None."""
        verdict = self.verdicts.get(verdict_id)
        return verdict.advice or None if verdict else None


def _ladder(value: object, where: str) -> str:
    if value not in LADDER:
        raise QuestionBankError(f"{where}: {value!r} is not one of {', '.join(LADDER)}")
    return str(value)


def _names(raw: object, allowed: tuple[str, ...] | set[str], where: str) -> tuple[str, ...]:
    values = tuple(raw) if isinstance(raw, list) else (raw,)
    unknown = [v for v in values if v not in allowed]
    if unknown or not values:
        raise QuestionBankError(f"{where}: unknown {', '.join(map(repr, unknown)) or 'empty'}")
    return tuple(str(v) for v in values)


# What a client may be going through (situation.hard_times), as sign rules name it.
HARDSHIPS = ("personal", "business")


def _sign_when(when: dict, states: tuple[str, ...], kinds: set[str], where: str) -> SignWhen:
    allowed = {
        *("state", "state_at_least", "history", "kind", "not_kind"),
        *("small_client", "dependent", "stuck", "busy", "hardship", "answers", "unless"),
        "number_at_least",
    }
    unknown = set(when) - allowed
    if unknown:
        raise QuestionBankError(f"{where}: unknown condition(s) {', '.join(sorted(unknown))}")
    at_least = when.get("state_at_least")
    return SignWhen(
        state=_names(when["state"], states, where) if "state" in when else (),
        state_at_least=_names(at_least, states, where)[0] if at_least else None,
        history=_names(when["history"], HISTORY, where) if "history" in when else (),
        kind=_names(when["kind"], kinds, where) if "kind" in when else (),
        not_kind=_names(when["not_kind"], kinds, where) if "not_kind" in when else (),
        small_client=bool(when["small_client"]) if "small_client" in when else None,
        dependent=bool(when["dependent"]) if "dependent" in when else None,
        stuck=bool(when["stuck"]) if "stuck" in when else None,
        busy=bool(when["busy"]) if "busy" in when else None,
        hardship=_names(when["hardship"], HARDSHIPS, where) if "hardship" in when else (),
        answers=_options_by_question(when.get("answers", {})),
        unless=_options_by_question(when.get("unless", {})),
        number_at_least=_least_numbers(when.get("number_at_least", {}), where),
    )


def _least_numbers(table: Mapping[str, object], where: str) -> dict[str, float]:
    """A rule's ``number_at_least`` table: question id -> the least number that matches."""
    least = {}
    for qid, value in dict(table).items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise QuestionBankError(f"{where}.number_at_least.{qid}: not a number")
        least[str(qid)] = float(value)
    return least


def _sign_rule(raw: dict, states: tuple[str, ...], kinds: set[str]) -> SignRule:
    rid = raw.get("id") or "?"
    where = f"sign_rules.{rid}"
    return SignRule(
        id=rid,
        when=_sign_when(dict(raw.get("when", {})), states, kinds, where),
        floor=_ladder(raw.get("floor"), f"{where}.floor"),
        reason=text_of(raw.get("reason"), f"{where}.reason"),
    )


def _combination_rule(raw: dict, states: tuple[str, ...], kinds: set[str]) -> CombinationRule:
    rid = raw.get("id") or "?"
    where = f"combination_rules.{rid}"
    when = dict(raw.get("when", {}))
    if not {"count", "floor_at_least"} <= set(when) <= {"count", "floor_at_least", "each"}:
        raise QuestionBankError(f"{where}: needs when = {{ count, floor_at_least[, each] }}")
    each = dict(when["each"]) if "each" in when else None
    step_up, floor = int(raw.get("step_up", 0)), raw.get("floor")
    if (floor is None) == (step_up == 0):
        raise QuestionBankError(f"{where}: needs either a floor or a step_up")
    return CombinationRule(
        id=rid,
        count=int(when["count"]),
        floor_at_least=_ladder(when["floor_at_least"], where),
        reason=text_of(raw.get("reason"), f"{where}.reason"),
        step_up=step_up,
        floor=_ladder(floor, where) if floor is not None else None,
        max=_ladder(raw["max"], f"{where}.max") if "max" in raw else None,
        each=_sign_when(each, states, kinds, f"{where}.each") if each is not None else None,
    )


def _options_by_question(table: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
    """A rule's ``answers`` or ``unless`` table: question id -> the options it names."""
    return {str(q): tuple(v) if isinstance(v, list) else (str(v),) for q, v in dict(table).items()}


def _money_rule(raw: dict) -> MoneyRule:
    rid = raw.get("id") or "?"
    if ("below_target_share" in raw) == ("answers" in raw):
        raise QuestionBankError(f"money_rules.{rid}: give below_target_share or answers")
    share = None
    if "below_target_share" in raw:
        share = float(raw["below_target_share"])
        if not 0 < share < 1:
            raise QuestionBankError(f"money_rules.{rid}: below_target_share is between 0 and 1")
    return MoneyRule(
        rid,
        _ladder(raw.get("floor"), f"money_rules.{rid}"),
        text_of(raw.get("reason"), f"money_rules.{rid}.reason"),
        below_target_share=share,
        answers=_options_by_question(raw.get("answers", {})),
        unless=_options_by_question(raw.get("unless", {})),
        dependent=bool(raw["dependent"]) if "dependent" in raw else None,
        small_client=bool(raw["small_client"]) if "small_client" in raw else None,
        needs_situation=bool(raw.get("needs_situation", False)),
    )


def _dependency_override(raw: dict) -> DependencyOverride:
    did = raw.get("id", "?")
    where = f"dependency_overrides.{did}"
    when = tuple(read_condition(c, "situation", where) for c in raw["when"])
    at_least, at_most = raw.get("at_least"), raw.get("at_most")
    if (at_least is None) == (at_most is None):
        raise QuestionBankError(f"{where}: needs at_least or at_most")
    return DependencyOverride(
        id=did,
        when=when,
        reason=text_of(raw.get("reason"), f"{where}.reason"),
        at_least=float(at_least) if at_least is not None else None,
        at_most=float(at_most) if at_most is not None else None,
    )


def read_rules(raw: dict) -> Rules:
    """Build the Rules from ``scoring.toml``'s contents, refusing anything inconsistent."""
    bands = tuple(
        Band(b["id"], float(b["min"]), text_of(b.get("label"), f"band {b['id']}"))
        for b in raw["bands"]
    )
    if [b.min for b in bands] != sorted(b.min for b in bands) or bands[0].min != 0:
        raise QuestionBankError("bands must start at 0 and rise")
    verdicts = {}
    for v in raw["verdicts"]:
        advice = v.get("advice", "")
        if advice and advice not in ADVICE:
            raise QuestionBankError(f"verdict {v['id']}: advice must be one of {ADVICE}")
        label = text_of(v.get("label"), f"verdict {v['id']}")
        verdicts[v["id"]] = Verdict(
            v["id"], label, int(v["severity"]), int(v["check_again_days"]), advice
        )
    if "not_enough" not in verdicts:
        raise QuestionBankError("verdicts: 'not_enough' is required")
    confidence = tuple(
        (c["id"], float(c["min_share"]), text_of(c.get("label"), f"confidence {c['id']}"))
        for c in raw["confidence"]
    )
    floor = float(raw["dealbreaker_floor"])
    if floor not in {b.min for b in bands}:
        raise QuestionBankError("dealbreaker_floor must be a band's lower bound")
    sign_kinds = dict(raw.get("sign_kinds", {}))
    states = (*(b.id for b in bands), *OVERRIDES)
    kinds = set(sign_kinds.values())
    sign_rules = tuple(_sign_rule(r, states, kinds) for r in raw["sign_rules"])
    ids = [r.id for r in sign_rules] + [r["id"] for r in raw.get("combination_rules", [])]
    if len(set(ids)) != len(ids):
        raise QuestionBankError("rules: every rule needs its own id")
    return Rules(
        bands=bands,
        dealbreaker_floor=floor,
        risk_max_weight=float(raw["risk_max_weight"]),
        sign_max_weight=float(raw.get("sign_max_weight", 0)),
        dependent_at=float(raw["dependent_at"]),
        stuck_at=float(raw.get("stuck_at", 101)),
        verdicts=verdicts,
        confidence=tuple(sorted(confidence, key=lambda c: c[1])),
        min_answers_per_sign=int(raw.get("min_answers_per_sign", 1)),
        min_answers_strong=int(raw.get("min_answers_strong", 1)),
        min_answers_alone=int(raw.get("min_answers_alone", 0)),
        new_client_invoices=int(raw.get("new_client_invoices", 0)),
        small_client_share=float(raw.get("small_client_share", 0)),
        firm_up_questions=int(raw.get("firm_up_questions", 3)),
        sign_kinds=sign_kinds,
        sign_rules=sign_rules,
        combination_rules=tuple(
            _combination_rule(r, states, kinds) for r in raw.get("combination_rules", [])
        ),
        money_rules=tuple(_money_rule(r) for r in raw.get("money_rules", [])),
        dependency_overrides=tuple(
            _dependency_override(d) for d in raw.get("dependency_overrides", [])
        ),
    )
