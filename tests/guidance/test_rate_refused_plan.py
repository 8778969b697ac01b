"""A rise asked for and refused, from a client the user cannot leave yet (*Plan your exit*,
``rate_refused``): the rate set in writing once, with a date, before the way out; then the
goodbye for the date they set. A professional's reading (dn06,
docs/reviews/five-summaries-reading-2026-12-07h.md, K1-1 and K1-2) found no draft at all,
and a plan that went straight to the exit after the user had only sounded the client out.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from clientcheck.guidance.advice import action_plan
from clientcheck.guidance.dates import rates_start
from clientcheck.guidance.messages import MessageDetails, render_message
from clientcheck.guidance.suggestions import suggested_drafts
from tests.support.contexts import make_ctx

# A web writer paid a tenth of his rate, 30 % of his income, two and a half months saved.
REFUSED_WHILE_STUCK = {
    "situation.income_share": 30,
    "situation.savings_months": 2.5,
    "situation.usual_rate": "far_below",
    "situation.rate_history": "refused",
    "situation.client_kind": "business",
    "late_payment.chasing": "never",
    "late_payment.unpaid_90": "no",
}
SET_IT = {"en": "set your rate for new work in writing, with a date", "fr": "fixez par écrit"}
CAP = {"en": "no more of their work at this rate", "fr": "pas plus de travail à ce tarif"}
# "Recently" was false for a rise asked for five years before (a reading, dy19).
ASKED = {"en": "I mentioned my rate to you before", "fr": "Je vous avais déjà parlé de mon tarif"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_refused_rise_while_stuck_gets_the_rate_in_writing_then_the_goodbye(lang):
    ctx = make_ctx(REFUSED_WHILE_STUCK, lang)
    assert (ctx.verdict, ctx.driver_rule) == ("plan_exit", "rate_refused")
    assert [m for m, _ in suggested_drafts(ctx)] == ["new_rates", "goodbye"]
    plan = action_plan(ctx)
    assert SET_IT[lang] in plan[0] and len(plan) <= 5, plan
    assert any(CAP[lang] in step for step in plan), plan
    # The check comes after the new rate applies, not before it (read as a user: "check
    # again on 29 December" above "my rates from 1 January").
    assert ctx.check_again_on >= rates_start(ctx.assessed_on, None) + timedelta(days=7)
    # The draft knows it is not the first time the rate comes up.
    body = render_message("new_rates", "warm", ctx, MessageDetails()).body
    assert ASKED[lang] in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_free_to_leave_or_another_sign_flagged_keeps_its_own_drafts(lang):
    # Free to leave: the goodbye alone, and no rate to set first.
    free = make_ctx(
        {**REFUSED_WHILE_STUCK, "situation.savings_months": 12, "situation.income_share": 5}, lang
    )
    assert free.verdict == "let_go"
    assert [m for m, _ in suggested_drafts(free)] == ["goodbye"]
    assert not any(SET_IT[lang] in step for step in action_plan(free))
    # A late payer as well: that sign's own draft leads, and the plan does not announce
    # a rate draft that is not first.
    late = make_ctx(
        {
            **REFUSED_WHILE_STUCK,
            "late_payment.invoices_total": 10,
            "late_payment.late_invoices": 8,
            "late_payment.days_late": 45,
            "late_payment.chasing": "always",
        },
        lang,
    )
    assert late.flagged
    assert suggested_drafts(late)[0][0] != "new_rates"
    assert not any(SET_IT[lang] in step for step in action_plan(late))
