"""A client who sends less work: the plan and the Workload check-in, read as the user
would (7 December 2026, ninth session), each test failing on the code before.

- Kept, with the work halved: the plan said "carry on as you do now" and "keep an eye on
  it", beside a suggested Workload check-in it never named.
- Dependent, already asked, nothing changed: the plan said "ask what workload they can
  commit to", and the draft asked again as if for the first time.
"""

from __future__ import annotations

import pytest

from clientcheck.guidance.advice import action_plan
from clientcheck.guidance.draft_facts import default_tone
from clientcheck.guidance.messages import MessageDetails, render_message
from clientcheck.guidance.suggestions import suggested_drafts
from tests.support.contexts import LATE_RAISED_AND_FIXED, make_ctx

UK = {"situation.client_kind": "business", "situation.jurisdiction": "uk"}
HALVED = {
    "less_work.volume_change": -50,
    "less_work.idle_weeks": 4,
    "less_work.predictable": "rarely",
}
FREE = {**UK, "situation.income_share": 20, "situation.savings_months": 8}
DEPENDENT = {**UK, "situation.income_share": 60, "situation.savings_months": 4}
DRAFT_NAME = {"en": "Workload check-in", "fr": "Point sur le volume de travail"}
AGAIN = {
    "en": "We talked about this before, and the volume has not picked up since.",
    "fr": "Nous en avons déjà parlé, et le volume n'a pas repris depuis.",
}


def first_draft(ctx):
    message_id = suggested_drafts(ctx)[0][0]
    tone = default_tone(ctx, message_id)
    return message_id, tone, render_message(message_id, tone, ctx, MessageDetails())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_kept_client_who_sends_half_the_work_is_asked_about_the_months_ahead(lang):
    ctx = make_ctx({**FREE, **HALVED, "less_work.raised": "not_yet"}, lang, "Acme Ltd")
    assert ctx.verdict == "keep"
    plan = action_plan(ctx)
    assert sum(DRAFT_NAME[lang] in step for step in plan) == 1, plan
    assert not any("as you do now" in step or "comme aujourd'hui" in step for step in plan)
    assert not any("Keep an eye" in step or "Gardez tout de même" in step for step in plan)
    assert plan[-1].startswith(("Check again", "Faites à nouveau le point"))
    assert suggested_drafts(ctx)[0][0] == "workload_checkin"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_kept_client_with_another_sign_at_warning_still_gets_the_usual_plan(lang):
    late = LATE_RAISED_AND_FIXED
    ctx = make_ctx({**FREE, **late}, lang, "Acme Ltd")
    assert ctx.verdict == "keep"
    plan = action_plan(ctx)
    assert not any(DRAFT_NAME[lang] in step for step in plan)
    assert any("as you do now" in step or "comme aujourd'hui" in step for step in plan)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_asked_about_the_workload_in_vain_the_plan_and_draft_say_so_and_enforce(lang):
    answers = {**DEPENDENT, **HALVED, "less_work.raised": "no_change"}
    ctx = make_ctx(answers, lang, "Acme Ltd")
    assert ctx.driver_rule == "fading_and_you_depend_on_it"
    plan = action_plan(ctx)
    assert "already asked" in plan[0] or "déjà interrogé" in plan[0], plan
    assert DRAFT_NAME[lang] in plan[0]
    message_id, tone, draft = first_draft(ctx)
    assert (message_id, tone) == ("workload_checkin", "firm")
    assert AGAIN[lang] in draft.body
    # Firm: time is held only for confirmed work, and a reply is asked for by a date.
    assert "only hold time for work that has been confirmed" in draft.body or (
        "que pour les travaux confirmés" in draft.body
    )
    # Never asked: the plan asks, and the draft does not say it was raised before.
    never = make_ctx({**answers, "less_work.raised": "not_yet"}, lang, "Acme Ltd")
    assert not any("already asked" in s or "déjà interrogé" in s for s in action_plan(never))
    _, tone, draft = first_draft(never)
    assert tone == "neutral"
    assert AGAIN[lang] not in draft.body and "talked about this before" not in draft.body
