"""Plans and drafts after a ninth professional reading (7 December 2026, eighth session:
docs/reviews/five-summaries-reading-2026-12-07i.md), each test failing on the code before.

- An invoice the client disputes (or ignores) is named and answered in the first draft,
  raised before or not, and the plan starts with it (dr21: half a CA$6,000 invoice refused,
  and a plan and draft about terms for the next projects only).
- A dishonest request insisted on after a "no", from a client the user depends on: the
  refusal confirmed calmly, no warning of what happens next time (dr17).
- A growing unpaid balance: the draft asks for the total of every unpaid invoice, not one
  invoice's balance (dq10).
- Paid before the work, for a client in difficulty: their difficulty is the user's reason,
  not a sentence to send them (dq10).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from clientcheck.guidance.advice import action_plan
from clientcheck.guidance.dates import default_pay_by, jurisdiction_of
from clientcheck.guidance.messages import TONES, MessageDetails, render_message
from clientcheck.guidance.render import format_date
from clientcheck.guidance.suggestions import suggested_drafts
from tests.support.contexts import OCCASIONAL_LATE, make_ctx

# A furniture maker's agency work: 20 % of the income, ten months saved, a contract; half
# an invoice refused because "the campaign did not perform" (dr21).
DISPUTED = {
    "situation.income_share": 20,
    "situation.savings_months": 10,
    "situation.client_kind": "business",
    "situation.jurisdiction": "other",
    "late_payment.invoices_total": "dont_know",
    "late_payment.owed_now": "disputed",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ["payment"],
}
NAMED = {"en": "is still unpaid", "fr": "reste impayée"}
ANSWERED = {"en": "tell me in writing what it is", "fr": "me dire par écrit lequel"}
FIRST = {"en": "Answer the unpaid invoice first", "fr": "Répondez d'abord par écrit"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_disputed_invoice_is_named_answered_and_comes_first_in_the_plan(lang):
    ctx = make_ctx(DISPUTED, lang)
    assert ctx.verdict == "renegotiate"
    assert suggested_drafts(ctx)[0][0] == "payment_terms"
    for tone in TONES:
        body = render_message("payment_terms", tone, ctx, MessageDetails()).body
        assert NAMED[lang] in body, (tone, body)
        if tone != "warm":
            assert ANSWERED[lang] in body, (tone, body)
    plan = action_plan(ctx)
    assert plan[0].startswith(FIRST[lang]) and len(plan) <= 5, plan
    unpaid_by = {"en": "If the invoice is not paid in full", "fr": "Si la facture n'est pas réglée"}
    assert any(step.startswith(unpaid_by[lang]) for step in plan), plan
    # Coming slowly, never raised: terms for the next work only, as before.
    slow = make_ctx({**DISPUTED, "late_payment.owed_now": "slow"}, lang)
    body = render_message("payment_terms", "neutral", slow, MessageDetails()).body
    assert ANSWERED[lang] not in body
    assert not any(step.startswith(FIRST[lang]) for step in action_plan(slow))


# An app developer asked to harvest users' contacts, who refused; the client insisted
# ("I'm the boss"). 70 % of the income, one month saved (dr17).
INSISTED = {
    "situation.income_share": 70,
    "situation.savings_months": 1,
    "situation.client_kind": "business",
    "contract_breach.has_contract": "no",
    "unprofessional.crossed_line": "yes",
    "unprofessional.crossed_what": ["shortcut"],
    "unprofessional.raised": "no_change",
}
CONFIRM = {"en": "Confirm your refusal", "fr": "Confirmez par écrit votre refus"}
NEXT_TIME = {"en": "what you will do next time", "fr": "ce que vous ferez la prochaine fois"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_dishonest_request_insisted_on_is_refused_again_calmly(lang):
    ctx = make_ctx(INSISTED, lang)
    assert (ctx.verdict, ctx.driver_rule) == ("plan_exit", "repeated_after_objection")
    plan = action_plan(ctx)
    assert plan[0].startswith(CONFIRM[lang]), plan
    assert not any(NEXT_TIME[lang] in step for step in plan), plan
    # Remarks repeated after an objection still get what happens next time.
    remarks = make_ctx({**INSISTED, "unprofessional.crossed_what": ["remarks"]}, lang)
    assert any(NEXT_TIME[lang] in step for step in action_plan(remarks))


# A video editor, half the income, one month saved; the client says his sponsors pay him
# late, has paid part, and keeps sending new videos (dq10).
GROWING = {
    "situation.income_share": 50,
    "situation.savings_months": 1,
    "situation.hard_times": "business",
    "situation.client_kind": "individual",
    "late_payment.invoices_total": "dont_know",
    "late_payment.days_late": 85,
    "late_payment.owed_now": "part_paid",
    "late_payment.owed_growing": "growing",
    "late_payment.chasing": "often",
    "late_payment.raised": "no_change",
}
TOTAL = {"en": "[total] is overdue in all", "fr": "s'élève à [total]"}
THEIR_TROUBLE = {"en": "while their business is in difficulty", "fr": "tant que son entreprise"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_growing_balance_is_claimed_in_full_without_naming_their_trouble(lang):
    ctx = make_ctx(GROWING, lang)
    assert ctx.driver_rule == "paid_before_the_work"
    for tone in TONES:
        body = render_message("payment_terms", tone, ctx, MessageDetails()).body
        assert TOTAL[lang] in body, (tone, body)
    assert not any(THEIR_TROUBLE[lang] in step for step in action_plan(ctx))
    # Not growing: the one invoice, no total to fill in.
    one = make_ctx({**GROWING, "late_payment.owed_growing": "not_growing"}, lang)
    assert TOTAL[lang] not in render_message("payment_terms", "firm", one, MessageDetails()).body


# OCCASIONAL_LATE (tests/support/contexts.py): a tiny agency that took five months to pay
# €300 once, owes nothing now, rush jobs; the work no longer matters, plenty lined up (ds08).
FILES_AFTER = {"en": "final files once it is paid", "fr": "une fois qu'elle est réglée"}
REFER = {"en": "refer the client to a colleague", "fr": "recommandez au client un confrère"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_leaving_a_late_payer_the_files_wait_for_the_final_invoice_and_no_colleague_is_sent(lang):
    ctx = make_ctx(OCCASIONAL_LATE, lang)
    assert ctx.verdict == "let_go" and ctx.driver_sign != "late_payment"
    plan = action_plan(ctx)
    assert any(FILES_AFTER[lang] in step for step in plan), plan
    assert not any(REFER[lang] in step for step in plan), plan
    # Never late: the files by the last day, and a colleague may be suggested.
    prompt = {**OCCASIONAL_LATE, "late_payment.unpaid_90": "no", "late_payment.owed_now": "none"}
    plan = action_plan(make_ctx({**prompt, "late_payment.chasing": "never"}, lang))
    assert not any(FILES_AFTER[lang] in step for step in plan), plan


# Asked to ghostwrite admissions essays, with "we may need to reconsider the whole
# relationship" if she refuses; 45 % of the income, two months saved (ds20).
PRESSED_TO_CHEAT = {
    "situation.income_share": 45,
    "situation.savings_months": 2,
    "situation.client_kind": "business",
    "contract_breach.has_contract": "yes",
    "unprofessional.crossed_line": "yes",
    "unprofessional.crossed_what": ["shortcut", "threats"],
}
REFUSE = {"en": "Refuse in writing what", "fr": "Refusez par écrit ce que"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pressed_to_cheat_by_a_client_you_depend_on_the_refusal_comes_first(lang):
    ctx = make_ctx(PRESSED_TO_CHEAT, lang)
    assert (ctx.verdict, ctx.driver_rule) == ("plan_exit", "ends_it_at_once")
    assert action_plan(ctx)[0].startswith(REFUSE[lang])
    assert suggested_drafts(ctx)[0][0] == "professionalism_reminder"


# A flat renovated for a private client: the final invoice (CHF 18,000) unpaid three
# months after a registered letter, "it will come"; one of two invoices late (dt12).
AFTER_A_REGISTERED_LETTER = {
    "situation.income_share": 15,
    "situation.savings_months": 6,
    "situation.client_kind": "individual",
    "situation.currency": "CHF",
    "late_payment.invoices_total": 2,
    "late_payment.late_invoices": 1,
    "late_payment.days_late": 90,
    "late_payment.owed_now": "slow",
    "late_payment.chasing": "often",
    "late_payment.unpaid_90": "no",
    "late_payment.raised": "enforced",
    "contract_breach.has_contract": "yes",
}
THAT_ONE = {"en": "That invoice is about 90 days overdue", "fr": "Cette facture a environ 90 jours"}
RECENT = {"en": "invoices to you have been", "fr": "les factures ont eu"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_money_still_due_after_enforcing_is_claimed_as_the_one_late_invoice(lang):
    ctx = make_ctx(AFTER_A_REGISTERED_LETTER, lang)
    assert ctx.verdict == "renegotiate"
    body = render_message("payment_terms", "neutral", ctx, MessageDetails()).body
    assert NAMED[lang] in body and THAT_ONE[lang] in body, body
    assert RECENT[lang] not in body, body
    # Nothing overdue now: no invoice to claim.
    paid = make_ctx({**AFTER_A_REGISTERED_LETTER, "late_payment.owed_now": "none"}, lang)
    assert (
        NAMED[lang] not in render_message("payment_terms", "neutral", paid, MessageDetails()).body
    )


@pytest.mark.parametrize("answers", [GROWING, DISPUTED], ids=["part_paid", "disputed"])
def test_an_invoice_claimed_by_a_date_is_checked_the_day_after_it(answers):
    """The first draft asks for the money by a date: the check is the working day after it,
    not three months later (dq10: "check again on 8 March" under a pay-by date of 21
    December, with one month saved)."""
    ctx = make_ctx(answers, "en")
    pay_by = default_pay_by(ctx.assessed_on, jurisdiction_of(ctx.answers))
    body = render_message("payment_terms", "neutral", ctx, MessageDetails()).body
    assert format_date(pay_by, ctx.dates) in body, body
    assert pay_by < ctx.check_again_on <= pay_by + timedelta(days=4), ctx.check_again_on
    # Nothing claimed now (paid slowly, not growing, never raised): the draft names no
    # invoice, and the check waits for new terms to work.
    calm = {"late_payment.owed_now": "slow", "late_payment.raised": "not_yet"}
    slow = make_ctx({**answers, **calm, "late_payment.owed_growing": "not_growing"})
    body = render_message("payment_terms", "neutral", slow, MessageDetails()).body
    assert format_date(pay_by, slow.dates) not in body, body
    assert slow.check_again_on > pay_by + timedelta(days=14)
    # Paid in part, never raised, not growing: the draft asks for no date, nor does the check.
    part = make_ctx(
        {
            **answers,
            **calm,
            "late_payment.owed_now": "part_paid",
            "late_payment.owed_growing": "not_growing",
        }
    )
    body = render_message("payment_terms", "neutral", part, MessageDetails()).body
    assert format_date(pay_by, part.dates) not in body, body
    assert part.check_again_on > pay_by + timedelta(days=14)
