"""Plans and drafts after an eighth professional reading (7 December 2026, seventh session:
docs/reviews/five-summaries-reading-2026-12-07f.md), each test failing on the code before.

- A contract whose payment term is what the client breaks: the draft holds them to that
  term, never proposes "30 days" as if it were new (E1-3).
- Treated like an employee: terms and status, not a remark to push back on; what ends it
  is their insisting on it, not a "repeat" of a daily standup (E2-1, E2-2, E2-3, E2-6).
- A private client's new rate: work already booked, not "projects", and a check after the
  new rate applies, not before (E3-2, E3-5).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from clientcheck.guidance.advice import action_plan, advice_for
from clientcheck.guidance.dates import rates_start
from clientcheck.guidance.messages import TONES, MessageDetails, render_message
from clientcheck.guidance.render import render_why
from clientcheck.guidance.suggestions import suggested_drafts
from tests.support.contexts import ASSESSED_ON, LATE_PAYER, make_ctx

# A late payer you depend on, under a contract whose payment term they break (dg01).
BREAKS_THE_TERM = {
    **LATE_PAYER,
    "situation.income_share": 60,
    "situation.savings_months": 4,
    "situation.client_kind": "business",
    "situation.jurisdiction": "eu",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ["payment"],
}
# Held to, and recalled rather than proposed as new (a later reading, eq01 and eq16).
AGREED = {"en": "within the term our contract", "fr": "délai que prévoit"}
PROPOSED_AGAIN = {
    "en": "are paid within the term our contract",
    "fr": "soient réglées dans le délai",
}
THIRTY = {"en": "within 30 days of their date", "fr": "à 30 jours date de facture"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_broken_payment_term_is_held_to_not_proposed_again(lang):
    ctx = make_ctx(BREAKS_THE_TERM, lang)
    for tone in ("neutral", "firm"):
        body = render_message("payment_terms", tone, ctx, MessageDetails()).body
        assert AGREED[lang] in body and THIRTY[lang] not in body, body
        assert PROPOSED_AGAIN[lang] not in body, body
    # No term said broken (or no contract): a 30-day term is what is proposed.
    other = {**BREAKS_THE_TERM, "contract_breach.terms_broken": ["deadlines"]}
    body = render_message("payment_terms", "neutral", make_ctx(other, lang), MessageDetails())
    assert THIRTY[lang] in body.body and AGREED[lang] not in body.body, body.body


# Set hours, their laptop, days off approved by a manager, 70 % of the income (dg16).
CONTROLLED = {
    "situation.income_share": 70,
    "situation.savings_months": 8,
    "situation.client_kind": "business",
    "unprofessional.crossed_line": "yes",
    "unprofessional.crossed_what": ["control"],
}
INSISTS = {"en": "If they insist on treating you as an employee", "fr": "S'il persiste à vous"}
STATUS = {"en": "signs of employment", "fr": "signes d'un emploi salarié"}
REMARKS = {"en": "exchanges to stay professional", "fr": "des échanges professionnels"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_being_treated_like_an_employee_is_a_question_of_terms_and_status(lang):
    ctx = make_ctx(CONTROLLED, lang)
    assert ctx.verdict == "renegotiate"
    assert INSISTS[lang] in render_why(ctx)
    assert any(step.startswith(INSISTS[lang]) for step in action_plan(ctx)), action_plan(ctx)
    lines = " ".join(line for item in advice_for(ctx) for line in item.lines)
    assert STATUS[lang] in lines and REMARKS[lang] not in lines, lines
    for tone in TONES:
        body = render_message("professionalism_reminder", tone, ctx, MessageDetails()).body
        assert "7 a.m." not in body and "7 h" not in body, body
        assert ("set hours" if lang == "en" else "horaires imposés") in body, body
    # Another line crossed still gets "if it happens again".
    rude = {**CONTROLLED, "unprofessional.crossed_what": ["remarks"]}
    assert INSISTS[lang] not in render_why(make_ctx(rude, lang))


# An elderly private client at half the usual rate, paid cash, nothing in writing (dg18).
HALF_RATE = {
    "situation.income_share": 12,
    "situation.usual_rate": "far_below",
    "situation.rate_history": "never_raised",
    "situation.client_kind": "individual",
    "situation.notice_weeks": 0,
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_private_clients_new_rate_keeps_booked_work_and_is_checked_once_it_applies(lang):
    ctx = make_ctx(HALF_RATE, lang)
    assert (ctx.verdict, ctx.driver_rule) == ("renegotiate", "far_below_your_usual_rate")
    booked = "Work already booked" if lang == "en" else "Les travaux déjà prévus"
    for tone in TONES:
        body = render_message("new_rates", tone, ctx, MessageDetails()).body
        assert booked in body, body
        assert "Projects" not in body and "Les projets" not in body, body
    business = make_ctx({**HALF_RATE, "situation.client_kind": "business"}, lang)
    assert booked not in render_message("new_rates", "warm", business, MessageDetails()).body
    # The check comes a week after the new rate applies, never before it.
    applies = rates_start(ASSESSED_ON, 0)
    assert ctx.check_again_on >= applies + timedelta(days=7)


# "I told her in March I don't take calls after seven. She still rings at eleven." (dg06)
LATE_CALLS = {
    "situation.income_share": 40,
    "situation.savings_months": 6,
    "situation.client_kind": "business",
    "high_maintenance.after_hours": "often",
    "high_maintenance.raised": "no_change",
}
PRICED = {"en": "at [after-hours rate]", "fr": "au [tarif hors horaires]"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_late_calls_asked_about_in_vain_get_a_price_in_the_plan_and_the_draft(lang):
    ctx = make_ctx(LATE_CALLS, lang)
    assert (ctx.verdict, ctx.driver_rule) == ("renegotiate", "calls_asked_about_while_you_depend")
    assert ("bill the extra time" if lang == "en" else "temps en plus facturé") in action_plan(ctx)[
        0
    ]
    for tone in TONES:
        body = render_message("communication_boundaries", tone, ctx, MessageDetails()).body
        assert PRICED[lang] in body, body
    # Free to leave, it is said again, with no price.
    free = make_ctx(
        {**LATE_CALLS, "situation.income_share": 5, "situation.savings_months": 24}, lang
    )
    body = render_message("communication_boundaries", "neutral", free, MessageDetails()).body
    assert PRICED[lang] not in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_naming_disrespect_fits_a_remark_made_in_writing_too(lang):
    """A founder mocking drafts in the team's chat, a site editor on WhatsApp: the neutral
    draft speaks of something "said or wrote", not of "our recent conversations" (a ninth
    reading, G1-1)."""
    ctx = make_ctx({"disrespect.belittles": "often", "disrespect.raised": "no_change"}, lang)
    body = render_message("name_disrespect", "neutral", ctx, MessageDetails()).body
    if lang == "en":
        assert "said or wrote on [date of the remark]" in body, body
        assert "recent conversations" not in body, body
    else:
        assert "lors d'un échange récent" in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_average_delay_with_money_unpaid_now_is_not_said_to_have_been_paid(lang):
    """Two invoices unpaid, 76 days late on average (dm22): the draft says they have been
    late and some are still unpaid, not that they "have been paid" late (a tenth reading)."""
    owed = {
        "situation.income_share": 30,
        "situation.savings_months": 4,
        "situation.client_kind": "business",
        "late_payment.invoices_total": "dont_know",
        "late_payment.days_late": 76,
        "late_payment.owed_now": "slow",
        "late_payment.chasing": "always",
        "late_payment.raised": "no_change",
    }
    body = render_message("payment_terms", "neutral", make_ctx(owed, lang), MessageDetails()).body
    if lang == "en":
        # "Some" assumed several unpaid (a reading of dw01, one invoice owed): at least one.
        assert "76 days late on average, and at least one is still unpaid" in body, body
        # Payments are late, not invoices (a professional's reading, eu01).
        assert "Payment of my invoices to you has come 76 days late" in body, body
        assert "have been paid 76 days" not in body, body
    else:
        still = "76 jours de retard, et au moins l'une d'elles n'est toujours pas réglée"
        assert still in body, body
        assert "réglées en moyenne 76 jours" not in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_extras_asked_about_in_vain_get_the_written_terms_first_then_the_quote(lang):
    """The plan announces the terms first (quote every extra, start once accepted): so the
    written terms are the first draft, and the quote for one request comes after them (two
    readings: a quote "for your additional request" when none was pending, do06, dd17)."""
    asked = {
        "situation.income_share": 30,
        "situation.savings_months": 5,
        "situation.client_kind": "business",
        "demanding.trend": "more",
        "demanding.out_of_scope": 4,
        "demanding.raised": "no_change",
    }
    ctx = make_ctx(asked, lang)
    assert ctx.driver_rule == "asked_nothing_changed"
    drafts = [m for m, _ in suggested_drafts(ctx)]
    assert drafts[:2] == ["contract_revision", "quote_extra_work"], drafts
    # Never raised: the quote is still the first word.
    never = make_ctx({**asked, "demanding.raised": "not_yet"}, lang)
    assert [m for m, _ in suggested_drafts(never)][0] == "quote_extra_work"
