"""Scoring: sign scores, bands, deal-breakers, dependency, verdict and confidence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clientcheck.answers import DONT_KNOW
from clientcheck.questionnaire import Question, default_bank
from clientcheck.scoring import NOT_ASSESSED, NOT_ENOUGH, assess

BANK = default_bank()
QUESTIONS = list(BANK.questions())
SIGN_QUESTIONS = [q for s in BANK.signs for q in s.questions]

FREE = {"situation.income_share": 5, "situation.savings_months": 24, "situation.pipeline": "plenty"}
DEPENDENT = {
    "situation.income_share": 80,
    "situation.savings_months": 1,
    "situation.pipeline": "none",
}


def answer_strategy(q: Question) -> st.SearchStrategy:
    if q.kind == "choice":
        return st.sampled_from([*q.scale.option_ids, DONT_KNOW])
    spec = q.number
    if spec.integer:
        return st.integers(int(spec.min), int(spec.max)).map(float)
    return st.floats(spec.min, spec.max, allow_nan=False)


@st.composite
def answer_sets(draw) -> dict:
    answers = {}
    for q in QUESTIONS:
        if draw(st.booleans()):
            answers[q.id] = draw(answer_strategy(q))
    return answers


def worse(q: Question, value) -> st.SearchStrategy:
    """Answers to ``q`` at least as bad as ``value``."""
    base = q.risk_of(value)
    if q.kind == "choice":
        return st.sampled_from([o.id for o in q.scale.options if o.risk >= base])
    lo, hi = q.number.min, q.number.max
    if q.number.increasing:
        lo = value
    else:
        hi = value
    return st.floats(lo, hi, allow_nan=False).filter(lambda v: q.risk_of(v) >= base)


@given(answer_sets())
@settings(max_examples=200, deadline=None)
def test_scores_stay_within_0_and_100(answers):
    result = assess(BANK, answers)
    assert 0 <= result.risk <= 100
    assert 0 <= result.dependency <= 100
    for sign in result.signs:
        assert 0 <= sign.score <= 100


@given(answer_sets(), st.sampled_from(SIGN_QUESTIONS), st.data())
@settings(max_examples=300, deadline=None)
def test_a_worse_answer_never_lowers_a_score(answers, question, data):
    current = answers.get(question.id)
    if current is None or current == DONT_KNOW:
        current = (
            question.scale.options[0].id
            if question.scale
            else (question.number.min if question.number.increasing else question.number.max)
        )
        answers = {**answers, question.id: current}
    if question.kind == "number":
        current = float(current)
    new = data.draw(worse(question, current))
    before = assess(BANK, answers)
    after = assess(BANK, {**answers, question.id: new})
    assert after.sign(question.section).score >= before.sign(question.section).score - 1e-9
    assert after.risk >= before.risk - 1e-9
    order = [v.id for v in sorted(BANK.rules.verdicts.values(), key=lambda v: v.severity)]
    assert order.index(after.verdict) >= order.index(before.verdict)


def test_all_dont_know_gives_low_confidence_and_no_crash():
    result = assess(BANK, {q.id: DONT_KNOW for q in QUESTIONS})
    assert result.confidence == "low"
    assert result.answered == 0
    assert result.verdict == NOT_ENOUGH
    assert all(s.band == NOT_ASSESSED for s in result.signs)
    assert not result.dependency_known


@given(answer_sets(), st.sampled_from([q for q in SIGN_QUESTIONS if q.dealbreaker_at is not None]))
@settings(max_examples=200, deadline=None)
def test_a_dealbreaker_always_makes_its_sign_critical(answers, question):
    worst = (
        max(question.scale.options, key=lambda o: o.risk).id
        if question.scale
        else (question.number.max if question.number.increasing else question.number.min)
    )
    result = assess(BANK, {**answers, question.id: worst})
    sign = result.sign(question.section)
    assert sign.dealbreaker
    assert sign.band == "critical"
    assert result.risk_band == "critical"
    assert result.verdict in {"let_go", "plan_exit"}


def test_a_calm_client_is_kept():
    answers = {q.id: q.scale.options[0].id for q in SIGN_QUESTIONS if q.scale}
    result = assess(BANK, {**answers, **FREE})
    assert result.verdict == "keep"
    assert all(s.band == "healthy" for s in result.signs)


def test_a_habitual_late_payer_is_critical_with_drivers():
    answers = {
        "late_payment.invoices_total": 10,
        "late_payment.late_invoices": 7,
        "late_payment.days_late": 45,
        "late_payment.chasing": "always",
    }
    sign = assess(BANK, answers).sign("late_payment")
    assert sign.band == "critical"
    assert [d.question_id for d in sign.drivers][0] == "late_payment.late_invoices"
    assert len(sign.drivers) <= 3


def test_one_late_invoice_with_warning_stays_healthy():
    answers = {
        "late_payment.invoices_total": 10,
        "late_payment.late_invoices": 1,
        "late_payment.warns_ahead": "always",
    }
    assert assess(BANK, answers).sign("late_payment").band == "healthy"


def test_dependency_picks_the_verdict_at_high_risk():
    risky = {"disrespect.insults": "once"}
    assert assess(BANK, {**risky, **FREE}).verdict == "let_go"
    assert assess(BANK, {**risky, **DEPENDENT}).verdict == "plan_exit"
    assert assess(BANK, {**risky, **DEPENDENT}).path == "stay"
    assert assess(BANK, {**risky, **FREE}).path == "leave"


def test_moderate_risk_leads_to_renegotiation():
    answers = {
        "demanding.tight_deadlines": "often",
        "demanding.changes_after_signoff": "sometimes",
        "demanding.free_extras": "sometimes",
        "demanding.out_of_scope": 2,
        **FREE,
    }
    result = assess(BANK, answers)
    assert result.risk_band == "warning"
    assert result.verdict == "renegotiate"


def test_watch_level_means_keep_with_boundaries():
    answers = {"high_maintenance.after_hours": "sometimes", "high_maintenance.impatience": "rarely"}
    result = assess(BANK, {**answers, **FREE})
    assert result.risk_band == "watch"
    assert result.verdict == "keep_boundaries"


def test_confidence_rises_with_answers():
    half = {q.id: DONT_KNOW for q in QUESTIONS}
    some = {q.id: (q.scale.options[0].id if q.scale else q.number.min) for q in QUESTIONS[:20]}
    all_answered = {q.id: (q.scale.options[0].id if q.scale else q.number.min) for q in QUESTIONS}
    assert assess(BANK, half).confidence == "low"
    assert assess(BANK, some).confidence == "medium"
    assert assess(BANK, all_answered).confidence == "high"


def test_signs_needing_attention_put_dealbreakers_first():
    answers = {
        "late_payment.invoices_total": 10,
        "late_payment.late_invoices": 8,
        "disrespect.ethics": "often",
        "unprofessional.inappropriate": "yes",
    }
    flagged = assess(BANK, answers).signs_needing_attention()
    assert flagged[0].sign_id == "unprofessional"
    assert {s.sign_id for s in flagged} >= {"late_payment", "disrespect"}
