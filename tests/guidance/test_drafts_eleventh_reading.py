"""Plans and drafts after an eleventh professional reading (7 December 2026, ninth session:
docs/reviews/five-summaries-reading-2026-12-07l.md), each test failing on the code before.

- Money that is "slow, but it comes", beside one invoice that once went unpaid past 90
  days, is not "now more than 90 days overdue" (dy11: two months late as a rule, four
  months once).
- A problem raised and fixed: what was agreed goes into writing, not "keep invoicing
  promptly, so that small problems stay small" (dz15: a year of unpaid hours fixed by
  timesheets, the eight-hour rule in no contract).
- A rise asked for years ago is not "talked about recently" (dy19, dz13), and the user
  leaves a meeting rather than ending the client's own meeting (dz09): the updated
  phrases are checked in test_rate_refused_plan.py, test_messages.py,
  test_drafts_seventh_reading.py, test_drafts_r6_scores.py and test_advice.py.
"""

from __future__ import annotations

import pytest

from clientcheck.guidance.advice import action_plan
from clientcheck.guidance.messages import TONES, MessageDetails, render_message
from tests.support.contexts import make_ctx

SLOW_ONCE_90 = {
    "situation.income_share": 70,
    "situation.savings_months": 0.5,
    "situation.client_kind": "business",
    "situation.jurisdiction": "other",
    "late_payment.invoices_total": "dont_know",
    "late_payment.days_late": 60,
    "late_payment.owed_now": "slow",
    "late_payment.unpaid_90": "once",
    "contract_breach.has_contract": "no",
}
OVER_90 = {"en": "more than 90 days overdue", "fr": "plus de 90\u00a0jours de retard"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_slow_money_is_not_claimed_as_ninety_days_overdue(lang):
    ctx = make_ctx(SLOW_ONCE_90, lang)
    for message_id in ("payment_terms", "late_payment_claim"):
        for tone in TONES:
            body = render_message(message_id, tone, ctx, MessageDetails()).body
            assert OVER_90[lang] not in body, (message_id, tone, body)
    # Money held back or unanswered, with an invoice past 90 days: still said.
    held = make_ctx({**SLOW_ONCE_90, "late_payment.owed_now": "disputed"}, lang)
    ignored = make_ctx(
        {k: v for k, v in SLOW_ONCE_90.items() if k != "late_payment.owed_now"}, lang
    )
    said = [
        render_message("payment_terms", "neutral", c, MessageDetails()).body
        for c in (held, ignored)
    ]
    assert OVER_90[lang] in said[1], said[1]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("watched", ["watch", "critical"])
def test_a_problem_raised_and_fixed_is_put_in_writing(lang, watched):
    hours = {
        "high_maintenance.unbilled_hours": 0 if watched == "watch" else 6,
        "high_maintenance.after_hours": "sometimes" if watched == "watch" else "often",
        "high_maintenance.raised": "improved",
    }
    answers = {
        "situation.income_share": 35,
        "situation.savings_months": 5,
        "situation.client_kind": "business",
        **hours,
    }
    ctx = make_ctx(answers, lang, "Studio Calanque")
    assert ctx.verdict == "keep" and ctx.driver_rule == "raised_and_fixed", ctx.driver_rule
    plan = " ".join(action_plan(ctx))
    writing = "in your next quote or your contract" if lang == "en" else "votre prochain devis"
    assert writing in plan, plan
    small = "small problems stay small" if lang == "en" else "petits problèmes le restent"
    assert small not in plan
