"""What a second professional reading of the drafts gallery found, kept from coming back."""

from __future__ import annotations

import pytest

from clientcheck.guidance.messages import TONES, render_message
from tests.support.contexts import make_ctx

LATE_ONLY = {
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 8,
    "late_payment.days_late": 45,
    "late_payment.chasing": "always",
    "situation.income_share": 20,
}
HAND_HOLDING = {
    "high_maintenance.unbilled_hours": 6,
    "high_maintenance.after_hours": "often",
    "situation.income_share": 20,
}
CALM = {"demanding.tight_deadlines": "never", "late_payment.chasing": "never"}


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_new_rates_names_the_time_around_the_work_only_when_it_was_reported(tone, lang):
    words = {"en": "calls, messages and reports", "fr": "les appels, les messages"}[lang]
    plain = render_message("new_rates", tone, make_ctx(LATE_ONLY, lang)).body
    assert words not in plain
    assert "in line with our contract" not in plain and "conformément à notre contrat" not in plain
    flagged = render_message("new_rates", tone, make_ctx(HAND_HOLDING, lang)).body
    assert words in flagged


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_professionalism_reminder_with_nothing_reported_reproaches_nothing(lang):
    ctx = make_ctx(CALM, lang)
    drafts = {tone: render_message("professionalism_reminder", tone, ctx) for tone in TONES}
    for draft in drafts.values():
        assert "stay focused on the project" not in draft.body
        assert "restent centrés sur le projet" not in draft.body
        assert "professional" not in draft.subject.lower()
        assert "professionnel" not in draft.subject.lower()
        assert ", in writing." not in draft.body and ", par écrit." not in draft.body
    assert drafts["firm"].body != drafts["neutral"].body


@pytest.mark.parametrize("tone", TONES)
def test_a_french_business_payment_clause_states_the_penalty_floor_and_the_40_euros(tone):
    answers = {
        **LATE_ONLY,
        "situation.client_kind": "business",
        "situation.jurisdiction": "fr",
        "contract_breach.has_contract": "yes",
    }
    for lang, words in (("en", "€40"), ("fr", "40\u00a0€")):
        body = render_message("contract_revision", tone, make_ctx(answers, lang)).body
        assert words in body and "L441-10" in body, body
        assert "le cas échéant" not in body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_contract_revision_never_repeats_agreement_or_suggest(lang):
    for tone in TONES:
        body = render_message("contract_revision", tone, make_ctx(HAND_HOLDING, lang)).body
        assert "notably" not in body
        assert "amend our agreement, and I need your agreement" not in body
        assert "modifier notre accord" not in body
        assert body.count("I suggest") <= 1


@pytest.mark.parametrize(
    ("lang", "free", "dependent"),
    [
        ("en", "leaving is the next step", "preparing your exit is the next step"),
        ("fr", "partir sera l'étape suivante", "préparer votre départ sera l'étape suivante"),
    ],
)
def test_the_verdict_sentence_names_the_next_step_that_fits_and_the_reasons_do_not_repeat_it(
    lang, free, dependent
):
    from clientcheck.guidance.render import render_why

    late = {**LATE_ONLY, "late_payment.chasing": "always", "late_payment.raised": "no_change"}
    can_leave = make_ctx({**late, "situation.income_share": 5}, lang)
    cannot = make_ctx({**late, "situation.income_share": 65, "situation.savings_months": 2}, lang)
    assert can_leave.verdict == cannot.verdict == "renegotiate"
    assert free in render_why(can_leave) and free not in can_leave.reasons[0]
    assert dependent in render_why(cannot) and dependent not in cannot.reasons[0]
    assert free not in render_why(cannot)
