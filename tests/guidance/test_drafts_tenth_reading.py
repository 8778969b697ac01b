"""Plans and drafts after a tenth professional reading (7 December 2026, ninth session:
docs/reviews/five-summaries-reading-2026-12-07k.md), each test failing on the code before.

- Worse terms while you depend on the client: "accepting for a limited period, with a date
  to review it" was said of a two-year non-compete (dw19) and of rights to past articles
  (dx19); no review gives those back.
- A problem raised and fixed: the plan told the user to keep an eye on a sign "at
  Critical" whose advice says there is nothing more to ask (dw14).
- A rate a third of the usual one: the plan gave one line for a rise of 200 % (dw05).
- Leaving with a notice period: "by <date>, check that your message has been sent", when
  every day's wait moves the last day back; a signed contract's notice is sent in a way
  that can be proved (dx05).
- Native English: "This interest and the fixed sum are claimed in a separate letter" and
  "About your request ([…]): I'm not able to do this" (dw01, dw08).
"""

from __future__ import annotations

import pytest

from clientcheck.guidance.advice import action_plan
from clientcheck.guidance.messages import TONES, render_message
from tests.support.contexts import LATE_RAISED_AND_FIXED, make_ctx

UK = {"situation.client_kind": "business", "situation.jurisdiction": "uk"}
FREE = {**UK, "situation.income_share": 20, "situation.savings_months": 8}
DEPENDENT = {**UK, "situation.income_share": 55, "situation.savings_months": 5}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_worse_terms_are_never_signed_for_a_while_when_they_outlast_the_work(lang):
    ctx = make_ctx({**DEPENDENT, "situation.usual_rate": "cut_proposed"}, lang, "Bluefin")
    assert ctx.driver_rule == "worse_terms_while_you_depend"
    plan = " ".join(action_plan(ctx))
    assert ("non-compete" if lang == "en" else "non-concurrence") in plan, plan
    assert ("never sign" if lang == "en" else "ne signez jamais") in plan, plan


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_problem_raised_and_fixed_is_watched_as_one_that_stopped(lang):
    late = LATE_RAISED_AND_FIXED
    ctx = make_ctx({**FREE, **late}, lang, "Acme")
    assert ctx.verdict == "keep" and ctx.driver_rule == "raised_and_fixed"
    plan = " ".join(action_plan(ctx))
    stopped = "it stopped after you raised it" if lang == "en" else "cela a cessé quand vous"
    assert stopped in plan, plan
    assert ("the advice for that sign says" if lang == "en" else "disent quoi faire") not in plan


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_rate_far_below_can_be_reached_in_two_steps_and_only_then(lang):
    far = make_ctx({**FREE, "situation.usual_rate": "far_below"}, lang, "Wanderlust")
    assert far.verdict == "renegotiate"
    two = "two steps" if lang == "en" else "en deux temps"
    assert two in " ".join(action_plan(far))
    below = make_ctx({**FREE, "situation.usual_rate": "below"}, lang, "Wanderlust")
    assert two not in " ".join(action_plan(below))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_notice_is_sent_this_week_and_under_a_contract_in_a_way_that_can_be_proved(lang):
    threat = {"unprofessional.crossed_line": "yes", "unprofessional.crossed_what": ("threats",)}
    signed = {
        **FREE,
        **threat,
        "situation.notice_weeks": 4,
        "contract_breach.has_contract": "yes",
    }
    ctx = make_ctx(signed, lang, "Acme")
    assert ctx.verdict == "let_go"
    plan = " ".join(action_plan(ctx))
    assert ("this week" if lang == "en" else "cette semaine") in plan, plan
    assert ("registered letter" if lang == "en" else "lettre recommandée") in plan, plan
    unsigned = make_ctx({**signed, "contract_breach.has_contract": "no"}, lang, "Acme")
    assert ("registered letter" if lang == "en" else "lettre recommandée") not in " ".join(
        action_plan(unsigned)
    )
    no_notice = make_ctx({**signed, "situation.notice_weeks": 0}, lang, "Acme")
    assert ("this week" if lang == "en" else "cette semaine") not in " ".join(
        action_plan(no_notice)
    )


def test_the_payment_draft_says_who_claims_the_interest_in_a_separate_letter():
    answers = {
        **DEPENDENT,
        "late_payment.invoices_total": 10,
        "late_payment.late_invoices": 5,
        "late_payment.chasing": "always",
        "late_payment.raised": "no_change",
        "late_payment.owed_now": "slow",
        "late_payment.days_late": 53,
        "situation.jurisdiction": "uk",
    }
    body = render_message("payment_terms", "firm", make_ctx(answers, "en")).body
    assert "in a separate letter" in body, body
    assert "are claimed in a separate letter" not in body
    assert "I will claim" in body


@pytest.mark.parametrize("tone", TONES)
def test_a_refusal_opens_as_a_native_speaker_would(tone):
    answers = {
        **FREE,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("dishonest",),
    }
    body = render_message("professionalism_reminder", tone, make_ctx(answers, "en")).body
    assert "About your request (" not in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_worse_terms_change_with_their_withdrawal_not_with_a_rate_above_yours(lang):
    from clientcheck.bank.loader import default_bank
    from clientcheck.guidance.explain import change_lines

    bank = default_bank()
    # dw19: a good payer asking for a two-year non-compete in a new contract.
    answers = {
        **DEPENDENT,
        "situation.usual_rate": "cut_proposed",
        "late_payment.chasing": "never",
        "late_payment.unpaid_90": "no",
    }
    lines = change_lines(bank, answers, lang)
    withdrawn = "If they withdraw the worse terms" if lang == "en" else "S'il retire les conditions"
    assert sum(line.startswith(withdrawn) for line in lines) == 1, lines
    above = bank.question("situation.usual_rate").scale.option("above").label(lang)
    assert not any(above in line for line in lines), lines
