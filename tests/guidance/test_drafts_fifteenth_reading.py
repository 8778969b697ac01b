"""Advice and drafts after two readings of twelve summaries each, of pairs es/et and eu/ev
(8 December 2026, twelfth session: docs/reviews/twelve-summaries-reading-2026-12-08c.md and
-08d.md), each test failing on the code before. Among them:

- A law firm paying 20–30 days late for three years, under a contract whose 30-day term it
  breaks (es01): the draft said "Recent invoices" of a three-year habit, and "I'd like to
  change the payment terms" above "invoices remain payable within the term our contract
  sets".
- Weekend messages that stopped once raised (es19): the advice said to "bill the extra
  meetings and reports" if it came back, where nothing but messages had been raised.
- Belittling on calls, never raised, at half the income (es12): the first message promised
  to walk out of the next session, in front of the label's artists.
- Two rounds of revisions in the contract, seven done after the user quoted the clause
  (es07): the first draft proposed two new clauses; the quote for the next extra round,
  which applies the clause, came second.
"""

from __future__ import annotations

import pytest

from clientcheck.guidance.advice import action_plan, advice_for
from clientcheck.guidance.letters import MessageDetails
from clientcheck.guidance.messages import render_message
from clientcheck.guidance.render import render_why, verdict_reasons
from clientcheck.guidance.suggestions import suggested_messages
from tests.support.contexts import FALSIFY_UNANSWERED, make_ctx

# es01: 60 % of the income, four months saved, the contract's 30-day term broken.
LATE_LAW_FIRM = {
    "situation.income_share": 60,
    "situation.savings_months": 4,
    "situation.client_kind": "business",
    "situation.jurisdiction": "eu",
    "late_payment.days_late": 25,
    "late_payment.chasing": "often",
    "late_payment.unpaid_90": "no",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ["payment"],
}


def _advice(ctx, sign_id: str) -> str:
    return "\n".join(next(i for i in advice_for(ctx) if i.sign_id == sign_id).lines)


def _draft(answers: dict, message: str, lang: str, tone: str = "neutral") -> str:
    return render_message(message, tone, make_ctx(answers, lang), MessageDetails()).body


@pytest.mark.parametrize("tone", ["neutral", "firm"])
def test_a_contracts_term_kept_is_strengthened_not_changed(tone):
    body = _draft(LATE_LAW_FIRM, "payment_terms", "en", tone)
    assert "within the term our contract sets" in body, body
    assert "change the payment terms" not in body and "terms for future work need to" not in body
    assert "strengthen our payment terms" in body, body
    assert "from now on, any project over [amount]" in body, body
    # The term itself is what changes when the contract sets none that was broken.
    other = _draft(
        {**LATE_LAW_FIRM, "contract_breach.terms_broken": ["scope"]}, "payment_terms", "en", tone
    )
    assert "within the term our contract sets" not in other
    assert "strengthen" not in other and "change the payment terms" in other, other


@pytest.mark.parametrize("tone", ["neutral", "firm"])
def test_the_french_draft_completes_the_terms_the_contract_keeps(tone):
    body = _draft(LATE_LAW_FIRM, "payment_terms", "fr", tone)
    assert "délai que prévoit notre contrat" in body, body
    assert "compléter les conditions de paiement" in body, body
    assert "modifier les conditions de paiement" not in body, body


@pytest.mark.parametrize("tone", ["warm", "neutral", "firm"])
def test_a_late_payment_habit_is_not_called_recent(tone):
    body = _draft(LATE_LAW_FIRM, "payment_terms", "en", tone)
    assert "ecent invoices" not in body, body
    assert "invoices to you have been paid 25 days after their due date" in body, body


# es19: weekend messages, raised, stopped; 90 % of the income.
SETTLED_WEEKENDS = {
    "situation.income_share": 90,
    "situation.savings_months": 1.5,
    "situation.client_kind": "business",
    "high_maintenance.after_hours": "often",
    "high_maintenance.raised": "improved",
    "contract_breach.has_contract": "yes",
}
BILL = {"en": "bill the extra meetings and reports", "fr": "facturez les réunions"}
LATER = {"en": "on your next working day", "fr": "le jour ouvré suivant"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_contact_out_of_hours_that_stopped_is_answered_later_if_it_comes_back(lang):
    ctx = make_ctx(SETTLED_WEEKENDS, lang)
    assert ctx.verdict == "keep"
    text = _advice(ctx, "high_maintenance")
    assert BILL[lang] not in text and LATER[lang] in text, text
    # Meetings and reports nobody agreed to: billing them is the lever.
    reports = make_ctx({**SETTLED_WEEKENDS, "high_maintenance.unagreed_reports": "often"}, lang)
    text = _advice(reports, "high_maintenance")
    assert BILL[lang] in text, text


# es12: "fine, I guess" and being talked over in front of artists, never raised; 50 %.
BELITTLED = {
    "situation.income_share": 50,
    "situation.savings_months": 7,
    "situation.client_kind": "business",
    "late_payment.chasing": "never",
    "late_payment.unpaid_90": "no",
    "disrespect.belittles": "often",
    "contract_breach.has_contract": "yes",
}
WALK_OUT = {"en": "step out there and then", "fr": "je m'en irai sur-le-champ"}
SAY_SO = {"en": "I'll raise it with you straight away", "fr": "je vous le dirai aussitôt"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_belittling_named_once_is_not_met_with_a_walk_out(lang):
    body = _draft(BELITTLED, "name_disrespect", lang)
    assert WALK_OUT[lang] not in body and SAY_SO[lang] in body, body
    # Insults as well: leaving the session stays the consequence named.
    insulted = _draft({**BELITTLED, "disrespect.insults": "once"}, "name_disrespect", lang)
    assert WALK_OUT[lang] in insulted and SAY_SO[lang] not in insulted, insulted


# es07: two rounds in the contract, seven done after the clause was quoted; 40 %.
SCOPE_CLAUSE_IGNORED = {
    "situation.income_share": 40,
    "situation.savings_months": 3,
    "situation.notice_weeks": 8.57,
    "situation.client_kind": "business",
    "demanding.changes_after_signoff": "always",
    "demanding.free_extras": "always",
    "demanding.raised": "worse",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ["scope"],
    "contract_breach.keeps_word": "rarely",
    "contract_breach.raised": "worse",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_scope_clause_ignored_is_applied_by_quoting_the_next_extra_first(lang):
    ctx = make_ctx(SCOPE_CLAUSE_IGNORED, lang)
    assert ctx.verdict == "plan_exit"
    drafts = suggested_messages(ctx)
    assert drafts[0] == "quote_extra_work", drafts
    assert "contract_revision" in drafts
    # A payment term broken as well: the contract's revision comes first, as before.
    both = make_ctx({**SCOPE_CLAUSE_IGNORED, "contract_breach.terms_broken": ["scope", "payment"]})
    assert suggested_messages(both)[0] == "contract_revision", suggested_messages(both)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_advice_for_belittling_never_raised_says_what_the_draft_says(lang):
    end = {"en": "end any call or meeting", "fr": "mettrez fin à tout appel"}
    point = {"en": "point them out as they happen", "fr": "les relèverez sur le moment"}
    text = _advice(make_ctx(BELITTLED, lang), "disrespect")
    assert end[lang] not in text and point[lang] in text, text
    # Named before, and it goes on: ending the call is the next step.
    asked = {**BELITTLED, "disrespect.raised": "no_change", "situation.income_share": 20}
    asked = make_ctx(asked, lang)
    text = _advice(asked, "disrespect")
    assert end[lang] in text, text


# et02, et09: a request to falsify, made by phone or in person, never answered yet.
RECORD = {"en": "its date and words if it was made by phone", "fr": "sa date et ses mots"}
NAME_IS_WHY = {
    "en": "saying why: your name is on what you deliver. Keep working",
    "fr": "en disant pourquoi\u00a0: ce que vous livrez porte votre nom. Continuez",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_request_to_falsify_is_refused_for_the_right_reason_and_kept_on_record(lang):
    ctx = make_ctx(FALSIFY_UNANSWERED, lang)
    assert ctx.verdict == "keep_boundaries"
    plan = " ".join(action_plan(ctx))
    # A request made orally has no copy to keep (et02: a phone call; et09: all said aloud).
    assert RECORD[lang] in plan, plan
    assert "rien de ce qu'il demande" not in plan, plan
    # Your name on what you deliver is why you refuse, not why you keep the client.
    assert NAME_IS_WHY[lang] in " ".join(verdict_reasons(ctx)), verdict_reasons(ctx)
    why = render_why(ctx)
    assert "say why:" not in why and "pourquoi\u00a0: continuez" not in why, why


PLAN_TERMS = {
    "en": ("the term your contract already sets", "invoices payable within 30 days"),
    "fr": ("le délai que prévoit déjà votre contrat", "des factures payables à 30 jours"),
}
EVERYTHING = {"en": "a deposit before you start", "fr": "un acompte avant de commencer"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_plan_proposes_the_terms_the_payment_draft_sends(lang):
    # es01: the plan asked for "a deposit before you start, then stage payments or a
    # shorter payment term"; the draft kept the contract's term and a deposit on large
    # projects only.
    kept, thirty = PLAN_TERMS[lang]
    plan = " ".join(action_plan(make_ctx(LATE_LAW_FIRM, lang)))
    assert kept in plan and EVERYTHING[lang] not in plan, plan
    no_term = make_ctx({**LATE_LAW_FIRM, "contract_breach.terms_broken": ["scope"]}, lang)
    plan = " ".join(action_plan(no_term))
    assert thirty in plan and kept not in plan, plan
    # A client the user can afford to lose: a deposit before each project, as the draft says.
    free = {**LATE_LAW_FIRM, "situation.income_share": 15, "late_payment.unpaid_90": "once"}
    free = make_ctx({k: v for k, v in free.items() if k != "contract_breach.terms_broken"}, lang)
    assert (free.verdict, free.driver_kind) == ("renegotiate", "money")
    assert EVERYTHING[lang] in " ".join(action_plan(free))


EVENINGS = {"en": "Evenings and weekends", "fr": "Soirs et week-ends"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_boundaries_after_disrespect_alone_say_nothing_of_evenings(lang):
    # es12: belittling on calls; the companion draft spoke of evenings and weekends.
    assert EVENINGS[lang] not in _draft(BELITTLED, "communication_boundaries", lang)
    late = {**BELITTLED, "high_maintenance.after_hours": "often"}
    assert EVENINGS[lang] in _draft(late, "communication_boundaries", lang)


# et06: a YouTuber asked twice to limit the rounds of changes, 60 % of the income, half a
# month saved, nothing signed.
ROUNDS_ASKED_TWICE = {
    "situation.income_share": 60,
    "situation.savings_months": 0.5,
    "situation.client_kind": "business",
    "demanding.changes_after_signoff": "often",
    "demanding.raised": "no_change",
    "contract_breach.has_contract": "no",
    "money.pay_basis": "job",
    "money.job_rate": 70,
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_terms_the_plan_announces_with_the_first_draft_are_that_draft(lang):
    # The plan said to announce the terms "with the first draft below", and the only draft
    # was a quote for one request.
    ctx = make_ctx(ROUNDS_ASKED_TWICE, lang)
    assert (ctx.verdict, ctx.driver_rule) == ("plan_exit", "stuck_and_unresolved")
    assert suggested_messages(ctx)[:2] == ("contract_revision", "quote_extra_work")
    # Never asked: the quote for the next request comes first, as before.
    never = make_ctx({**ROUNDS_ASKED_TWICE, "demanding.raised": "not_yet"}, lang)
    assert suggested_messages(never)[0] != "contract_revision", suggested_messages(never)


SCOPE = {"en": "scope we agreed", "fr": "périmètre convenu"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_quote_points_to_an_agreed_scope_only_under_a_contract(lang):
    # et06: nothing signed, and the quote said the request "falls outside the scope we
    # agreed": "he will answer it has always been like this".
    body = _draft(ROUNDS_ASKED_TWICE, "quote_extra_work", lang)
    assert SCOPE[lang] not in body, body
    signed = {**ROUNDS_ASKED_TWICE, "contract_breach.has_contract": "yes"}
    assert SCOPE[lang] in _draft(signed, "quote_extra_work", lang)


# eu01: a translation agency paying 42 days late on a 30-day contract, asked many times.
AGENCY_ASKED = {
    "situation.income_share": 60,
    "situation.savings_months": 4,
    "situation.client_kind": "business",
    "situation.jurisdiction": "eu",
    "late_payment.days_late": 42,
    "late_payment.owed_now": "slow",
    "late_payment.chasing": "often",
    "late_payment.unpaid_90": "no",
    "late_payment.raised": "no_change",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ["payment"],
}


def test_it_is_the_payment_that_is_late_not_the_invoice():
    body = _draft(AGENCY_ASKED, "payment_terms", "en", "firm")
    assert "late invoice between businesses" not in body, body
    assert "late payment between businesses carries statutory interest" in body, body
    assert "invoices to you have been 42 days late" not in body, body
    assert "Payment of my invoices to you has come 42 days late on average" in body, body


def test_a_late_payment_pattern_is_not_said_to_be_only_turning_into_one():
    # ab02: paid about 30 days late, asked in vain, 60 % of the income, two months saved.
    answers = {
        "situation.income_share": 60,
        "situation.savings_months": 2,
        "late_payment.invoices_total": "dont_know",
        "late_payment.days_late": 30,
        "late_payment.unpaid_90": "no",
        "late_payment.raised": "no_change",
    }
    text = _advice(make_ctx(answers), "late_payment")
    assert "turning into a pattern" not in text and "has become a pattern" in text, text


# ev09: a private client at 30 % of the income asks for invoices in his company's name;
# nothing said about savings.
UNSAID_SAVINGS = {
    "situation.income_share": 30,
    "situation.client_kind": "individual",
    "unprofessional.crossed_line": "yes",
    "unprofessional.crossed_what": ["dishonest"],
}
UNSAID = {
    "en": "you have not said how many months your savings cover",
    "fr": "vous n'avez pas indiqué",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_said_dependent_with_nothing_said_about_savings_says_so(lang):
    ctx = make_ctx(UNSAID_SAVINGS, lang)
    assert not ctx.can_leave
    assert UNSAID[lang] in ctx.dependency_reason, ctx.dependency_reason
    saved = make_ctx({**UNSAID_SAVINGS, "situation.savings_months": 2}, lang)
    assert UNSAID[lang] not in saved.dependency_reason, saved.dependency_reason


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_refusal_says_what_follows_a_repeat_once_and_in_the_same_words(lang):
    # ev03, ev09: "preparing your exit is the next step" above "it is time to move on".
    text = " ".join(verdict_reasons(make_ctx(UNSAID_SAVINGS, lang))) + render_why(
        make_ctx(UNSAID_SAVINGS, lang)
    )
    assert "time to move on" not in text and "tourner la page" not in text, text


def test_the_french_change_line_names_what_the_user_refuses():
    # ev03: "Si vous vous y opposez": the "y" stood for nothing.
    from clientcheck.bank.loader import default_bank
    from clientcheck.guidance.explain import change_lines

    lines = " ".join(change_lines(default_bank(), UNSAID_SAVINGS, "fr"))
    assert "y opposez" not in lines and "exprimez clairement votre refus" in lines, lines


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_why_the_payment_draft_is_suggested_says_what_it_proposes(lang):
    # Read on a phone (es01's case): "ask for payment within 30 days" above a draft that
    # holds the client to the contract's own term.
    from clientcheck.guidance.suggestions import suggested_drafts

    held = {"en": "the payment term your contract sets", "fr": "délai de paiement que prévoit"}
    message, why = suggested_drafts(make_ctx(LATE_LAW_FIRM, lang))[0]
    assert message == "payment_terms" and held[lang] in why, why
    other = {**LATE_LAW_FIRM, "contract_breach.terms_broken": ["scope"]}
    message, why = suggested_drafts(make_ctx(other, lang))[0]
    assert message == "payment_terms" and held[lang] not in why, why


# eu18: a family agreed on a late-cancellation fee, cancels an hour before about once a
# week and never pays it; never raised.
CANCEL_FEE_AGREED = {
    "situation.income_share": 20,
    "situation.savings_months": 3,
    "situation.work_matters": "a_lot",
    "situation.client_kind": "individual",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ["cancellation"],
    "contract_breach.breach_count": "repeatedly",
    "contract_breach.cancelled": "often",
    "contract_breach.raised": "not_yet",
}
CONFIRM = {
    "en": "confirm in our contract how work cancelled",
    "fr": "confirmions dans notre contrat",
}
AGREED_FEE = {"en": "the cancellation fee we agreed", "fr": "frais d'annulation convenus"}
UNRELATED = {"en": ("Obligations", "Changes to the work"), "fr": ("Engagements", "Modifications")}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_agreed_cancellation_fee_is_confirmed_not_added_with_unrelated_clauses(lang):
    ctx = make_ctx(CANCEL_FEE_AGREED, lang)
    assert suggested_messages(ctx)[0] == "contract_revision"
    body = _draft(CANCEL_FEE_AGREED, "contract_revision", lang)
    assert CONFIRM[lang] in body and AGREED_FEE[lang] in body, body
    assert not any(f"{label}." in body for label in UNRELATED[lang]), body
    # Late cancellations that nothing covers yet: a clause proposed, as before (er17).
    none = {**CANCEL_FEE_AGREED, "contract_breach.terms_broken": ["none"]}
    assert CONFIRM[lang] not in _draft(none, "contract_revision", lang)
