"""A late payer described by the average delay alone ("two or three months late, every
time", with no count of late invoices): the verdict, the plan and the first draft all
speak of that delay and of new terms (a reading as a user, 7 December 2026: the draft
proposed terms "before the next project" as if the client had never paid late)."""

from __future__ import annotations

import pytest

from clientcheck.guidance.advice import action_plan
from clientcheck.guidance.messages import MessageDetails, render_message
from clientcheck.guidance.suggestions import suggested_drafts
from tests.support.contexts import FREE, make_ctx

DELAY_ALONE = {
    **FREE,
    "late_payment.invoices_total": "dont_know",
    "late_payment.days_late": 75,
    "late_payment.owed_now": "none",
    "contract_breach.has_contract": "yes",
}
DELAY = {"en": "75 days after their due date", "fr": "75 jours après leur échéance"}
DEPOSIT = {"en": "50% of the fee is paid before work starts", "fr": "acompte de 50\u00a0%"}
NEVER_LATE = {"en": "before each project", "fr": "avant chaque projet"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_average_delay_alone_is_a_late_payment_pattern_in_the_plan_and_draft(lang):
    ctx = make_ctx(DELAY_ALONE, lang, "Éditions Boréal")
    assert (ctx.verdict, ctx.driver_rule) == ("renegotiate", "two_months_late_on_average")
    assert list(dict(suggested_drafts(ctx)))[0] == "payment_terms"
    assert ("deposit", "acompte")[lang == "fr"] in action_plan(ctx)[0]
    body = render_message("payment_terms", "neutral", ctx, MessageDetails()).body
    flat = body.replace("\u202f", "\u00a0")
    assert DELAY[lang] in flat, body
    assert DEPOSIT[lang] in flat, body
    assert NEVER_LATE[lang] not in flat, body
