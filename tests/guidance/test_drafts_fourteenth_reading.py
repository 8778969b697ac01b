"""Plans and drafts after a reading of twelve summaries of pair eo/ep (8 December 2026,
eleventh session: docs/reviews/twelve-summaries-reading-2026-12-08.md), each test failing
on the code before.

- A late payer who pays on time since the user raised it, with an invoice that once went
  unpaid 90 days and nothing said about today (eo11): the only draft was a payment claim
  "by 22 December", for an invoice that does not exist. Nothing is claimed now, and the
  plan's "put it in writing" checks the contract the user already has.
- A draft that says an invoice "is now more than 90 days overdue" needs the user to have
  said money is overdue today, or to have typed the invoice (ee13, ej17; see also
  tests/guidance/test_drafts_eleventh_reading.py).
- A line crossed that stopped after the user's "no" (ep15): the plan said "send the
  matching message now" above no draft at all.
- Mood swings and outbursts alone (ep23): the reminder's example and request spoke of
  "late-evening calls" and working hours.
- A refusal to falsify opened "Thank you for your message about" a kickback scheme and
  offered to "go through with you what the rules do allow" (eo24; tests/outputs/test_summary.py).
"""

from __future__ import annotations

import re

import pytest

from clientcheck.guidance.advice import action_plan, advice_for
from clientcheck.guidance.letters import MessageDetails
from clientcheck.guidance.messages import TONES, render_message
from clientcheck.guidance.suggestions import suggested_messages
from tests.support.contexts import make_ctx

# eo11: late for months two years ago (one invoice four months), raised; on time since.
SETTLED_LATE_PAYER = {
    "situation.income_share": 50,
    "situation.savings_months": 3,
    "situation.client_kind": "business",
    "late_payment.unpaid_90": "once",
    "late_payment.raised": "improved",
    "contract_breach.has_contract": "yes",
}
CLAIMS = ("late_payment_claim", "payment_terms", "contract_revision")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_late_payer_who_pays_on_time_since_is_not_sent_a_payment_claim(lang):
    ctx = make_ctx(SETTLED_LATE_PAYER, lang)
    assert ctx.verdict == "keep"
    assert not set(suggested_messages(ctx)) & set(CLAIMS), suggested_messages(ctx)
    plan = " ".join(action_plan(ctx))
    assert ("recover" not in plan) and ("récupér" not in plan), plan
    # With something overdue today, the claim is back.
    owed = make_ctx({**SETTLED_LATE_PAYER, "late_payment.owed_now": "disputed"}, lang)
    assert set(suggested_messages(owed)) & set(CLAIMS), suggested_messages(owed)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_what_was_agreed_when_raised_is_checked_against_the_contract_the_user_has(lang):
    check = {
        "en": "Check that your contract says what you asked for",
        "fr": "Vérifiez que votre contrat",
    }
    put = {
        "en": "in your next quote or your contract",
        "fr": "dans votre prochain devis ou votre contrat",
    }
    with_contract = " ".join(action_plan(make_ctx(SETTLED_LATE_PAYER, lang)))
    assert check[lang] in with_contract and put[lang] not in with_contract, with_contract
    answers = {**SETTLED_LATE_PAYER, "contract_breach.has_contract": "no"}
    without = " ".join(action_plan(make_ctx(answers, lang)))
    assert put[lang] in without and check[lang] not in without, without


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_typed_overdue_invoice_keeps_the_ninety_day_claim_without_the_today_answer(lang):
    answers = {
        "situation.income_share": 40,
        "situation.savings_months": 3,
        "late_payment.invoices_total": 6,
        "late_payment.late_invoices": 3,
        "late_payment.days_late": 40,
        "late_payment.chasing": "often",
        "late_payment.unpaid_90": "once",
    }
    over = {"en": "more than 90 days overdue", "fr": "plus de 90\u00a0jours"}
    ctx = make_ctx(answers, lang)
    plain = render_message("payment_terms", "neutral", ctx, MessageDetails()).body
    typed = render_message("payment_terms", "neutral", ctx, MessageDetails(overdue_amount=900))
    assert over[lang] not in plain, plain
    assert over[lang] in typed.body, typed.body


# ep15: discriminating remarks in sessions, which stopped once the user objected.
LINE_HELD = {
    "situation.income_share": 45,
    "situation.savings_months": 3,
    "contract_breach.has_contract": "yes",
    "unprofessional.crossed_line": "yes",
    "unprofessional.crossed_what": ["discrimination"],
    "unprofessional.raised": "improved",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_line_that_stopped_after_your_no_sends_no_message_and_the_plan_says_so(lang):
    ctx = make_ctx(LINE_HELD, lang)
    assert ctx.verdict == "keep_boundaries" and ctx.driver_rule == "line_held"
    plan = "\n".join(action_plan(ctx))
    send = {"en": "Send the matching message", "fr": "Envoyez dès maintenant le message"}
    held = {"en": "it stopped after you objected", "fr": "cela a cessé après votre refus"}
    assert send[lang] not in plan and held[lang] in plan, plan
    assert ("draft" not in plan) and ("brouillon" not in plan), plan


# ep23: outbursts in meetings (mood swings), raised, worse since.
MOODY = {
    "situation.income_share": 90,
    "situation.savings_months": 2,
    "contract_breach.has_contract": "yes",
    "unprofessional.unpredictable": "sometimes",
    "unprofessional.raised": "worse",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_reminder_about_outbursts_speaks_of_them_not_of_late_calls(lang):
    ctx = make_ctx(MOODY, lang)
    late = {"en": "late-evening calls", "fr": "appels tard le soir"}
    mood = {"en": "sudden changes of mood", "fr": "sautes d'humeur"}
    for tone in TONES:
        body = render_message("professionalism_reminder", tone, ctx, MessageDetails()).body
        assert late[lang] not in body and mood[lang] in body, (tone, body)
        assert ("in writing" in body) or ("par écrit" in body), (tone, body)
    # Late calls as well: the old example stays.
    calls = make_ctx({**MOODY, "high_maintenance.after_hours": "often"}, lang)
    body = render_message("professionalism_reminder", "neutral", calls, MessageDetails()).body
    assert late[lang] in body, body


# eo03: extras asked at 11 p.m., quoted and refused twice; 25 % of the income, 8 months saved.
EXTRAS_REFUSED = {
    "situation.income_share": 25,
    "situation.savings_months": 8,
    "situation.notice_weeks": 4.29,
    "situation.client_kind": "business",
    "demanding.free_extras": "often",
    "demanding.raised": "enforced",
    "high_maintenance.after_hours": "often",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ["scope"],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_leaving_a_demanding_client_declines_extras_for_the_real_reason_in_every_tone(lang):
    ctx = make_ctx(EXTRAS_REFUSED, lang)
    assert ctx.verdict == "let_go"
    capacity = {"en": "capacity", "fr": "disponibilité"}
    scope = {"en": "outside the scope we agreed", "fr": "sort du périmètre convenu"}
    beyond = {"en": "anything beyond what we agreed", "fr": "au-delà de ce qui a été convenu"}
    for tone in TONES:
        decline = render_message("decline_extra_work", tone, ctx, MessageDetails()).body
        assert capacity[lang] not in decline and scope[lang] in decline, (tone, decline)
        assert "\n\n" in decline.split(scope[lang], 1)[1], (tone, decline)
        goodbye = render_message("goodbye", tone, ctx, MessageDetails()).body
        if tone != "firm":
            assert beyond[lang] in goodbye, (tone, goodbye)
    # Kept: the client still hears "capacity", with a later date offered.
    kept = make_ctx({**EXTRAS_REFUSED, "demanding.raised": "not_yet"}, lang)
    if kept.verdict != "let_go":
        body = render_message("decline_extra_work", "neutral", kept, MessageDetails()).body
        assert capacity[lang] in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_advice_for_leaving_keeps_the_deadlines_already_agreed(lang):
    ctx = make_ctx(EXTRAS_REFUSED, lang)
    item = next(i for i in advice_for(ctx) if i.sign_id == "demanding")
    text = "\n".join(item.lines)
    cannot = {"en": "cannot meet the next deadline", "fr": "ne pouvez pas tenir le prochain délai"}
    keep = {"en": "keep to the deadlines already agreed", "fr": "tenez les délais déjà convenus"}
    assert cannot[lang] not in text and keep[lang] in text, text


# eo13: weekend messages, asked twice in vain; 80 % of the income.
ASKED_TWICE_AFTER_HOURS = {
    "situation.income_share": 80,
    "situation.savings_months": 3,
    "situation.client_kind": "business",
    "demanding.tight_deadlines": "often",
    "high_maintenance.after_hours": "often",
    "high_maintenance.impatience": "sometimes",
    "high_maintenance.raised": "no_change",
    "contract_breach.has_contract": "yes",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_boundaries_asked_again_ask_for_an_answer_by_the_date_the_plan_promises(lang):
    ctx = make_ctx(ASKED_TWICE_AFTER_HOURS, lang)
    plan = " ".join(action_plan(ctx))
    assert ("date to answer" in plan) or ("date de réponse" in plan), plan
    understanding = {"en": "understanding", "fr": "compréhension"}
    for tone in TONES:
        draft = render_message("communication_boundaries", tone, ctx, MessageDetails())
        body = draft.body
        assert understanding[lang] not in body and "billed apart" not in body, (tone, body)
        assert re.search(r"(by|d'ici le) \d{1,2} ", body), (tone, body)


def test_a_french_payment_draft_does_not_call_a_long_habit_recent():
    # ep14: paid at 120 days for twenty years; "Ces derniers temps" read as a new problem.
    answers = {
        "situation.income_share": 50,
        "situation.savings_months": 24,
        "situation.jurisdiction": "be",
        "late_payment.invoices_total": "dont_know",
        "late_payment.days_late": 90,
        "late_payment.chasing": "sometimes",
        "late_payment.unpaid_90": "repeatedly",
        "contract_breach.has_contract": "no",
    }
    for extra in ({}, {"late_payment.owed_now": "slow"}, {"late_payment.days_late": "dont_know"}):
        ctx = make_ctx({**answers, **extra}, "fr")
        for tone in TONES:
            body = render_message("payment_terms", tone, ctx, MessageDetails()).body
            assert "derniers temps" not in body, (extra, tone, body)
    body = render_message(
        "payment_terms", "neutral", make_ctx(answers, "fr"), MessageDetails()
    ).body
    assert "Vos dernières factures" in body or "vos dernières factures" in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_new_rates_for_a_contract_signed_book_by_book_needs_no_amendment(lang):
    # ep08: "On signe un contrat par livre", paid per book, no notice said.
    answers = {
        "situation.income_share": 20,
        "situation.savings_months": 4,
        "situation.pipeline": "some",
        "situation.work_matters": "a_lot",
        "situation.usual_rate": "far_below",
        "situation.rate_history": "refused",
        "contract_breach.has_contract": "yes",
        "money.pay_basis": "job",
    }
    amendment = {"en": "amendment", "fr": "avenant"}
    for tone in TONES:
        body = render_message("new_rates", tone, make_ctx(answers, lang), MessageDetails()).body
        assert amendment[lang] not in body, (tone, body)
    # A notice period said: a standing contract, changed by an amendment.
    standing = make_ctx({**answers, "situation.notice_weeks": 4}, lang)
    body = render_message("new_rates", "neutral", standing, MessageDetails()).body
    assert amendment[lang] in body, body


def test_a_refused_shortcut_does_not_say_something_twice():
    # eq17 (fake reviews): "This is not something I can agree to. It isn't something I do
    # for any client".
    answers = {
        "situation.income_share": 45,
        "situation.savings_months": 6,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ["shortcut"],
    }
    body = render_message(
        "professionalism_reminder", "neutral", make_ctx(answers), MessageDetails()
    ).body
    assert body.count("something") == 1, body
    assert "not something I can agree to" in body, body


# er17: a gym chain cancels classes at the last minute; the written agreement says nothing
# about cancellations; half the income, six weeks of savings.
LATE_CANCELLATIONS = {
    "situation.income_share": 50,
    "situation.savings_months": 1.5,
    "situation.client_kind": "business",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ["none"],
    "contract_breach.cancelled": "often",
    "contract_breach.raised": "no_change",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_late_cancellations_no_clause_covers_get_a_cancellation_clause_not_a_broken_one(lang):
    ctx = make_ctx(LATE_CANCELLATIONS, lang)
    plan = " ".join(action_plan(ctx))
    broken = {"en": "the clause that was broken", "fr": "la clause non respectée"}
    fee = {"en": "cancellation fee", "fr": "frais d'annulation"}
    assert broken[lang] not in plan and fee[lang] in plan, plan
    item = next(i for i in advice_for(ctx) if i.sign_id == "contract_breach")
    advice = " ".join(item.lines)
    wrong = {"en": "has been broken", "fr": "n'a pas été respecté"}
    clause = {
        "en": "propose a cancellation clause",
        "fr": "proposez dès maintenant une clause d'annulation",
    }
    assert wrong[lang] not in advice and clause[lang] in advice, advice
    body = render_message("contract_revision", "neutral", ctx, MessageDetails()).body
    kept = {"en": "have not been kept", "fr": "n'ont pas été tenus"}
    label = {"en": "Cancellations.", "fr": "Annulations."}
    assert kept[lang] not in body and label[lang] in body, body
    # A cancellation fee the contract has and the client refused: the clause is applied.
    refused = {**LATE_CANCELLATIONS, "contract_breach.terms_broken": ["cancellation"]}
    plan = " ".join(action_plan(make_ctx(refused, lang)))
    assert fee[lang] not in plan, plan
