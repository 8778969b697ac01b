"""What the seventh professional reading found (docs/reviews/five-summaries-reading-2026-12-07e.md:
an English and a French reader, five summaries of fresh tuned situations dc01, dc03, dc24,
dd11 and dd17), kept from coming back: a request to falsify the books is refused in writing
before the notice, a repeat of abuse is answered for calls and meetings alike, insults alone
are not answered with a bill for meetings, and a calm spell after a relapse is not enough
to keep a client."""

from __future__ import annotations

import pytest

from clientcheck.bank.loader import default_bank
from clientcheck.guidance.advice import action_plan, advice_for
from clientcheck.guidance.explain import change_lines
from clientcheck.guidance.messages import TONES, MessageDetails, render_message
from clientcheck.guidance.suggestions import suggested_messages
from tests.support.contexts import DEPENDENT, make_ctx

# dc03: a bookkeeper asked to move December sales into January and book personal car
# payments as company expenses; "he'd find someone who would" when she hesitated.
FALSIFY = {
    "situation.income_share": 25,
    "situation.savings_months": 6,
    "situation.notice_weeks": 4.35,
    "situation.client_kind": "business",
    "situation.jurisdiction": "eu",
    "contract_breach.has_contract": "yes",
    "unprofessional.crossed_line": "yes",
    "unprofessional.crossed_what": ["dishonest", "threats"],
    "unprofessional.raised": "not_yet",
}
# dc24: a route setter shouted at in front of customers, told him calmly, a few calm weeks,
# then it happened again; 85 % of the income.
RELAPSE = {
    "situation.income_share": 85,
    "situation.savings_months": 5,
    "situation.pipeline": "little",
    "situation.client_kind": "business",
    "disrespect.insults": "repeatedly",
    "disrespect.raised": "slipping",
}
NO = {"en": "my answer is no", "fr": "ma réponse est non"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_leaving_after_a_request_to_falsify_puts_the_no_on_record_first(lang):
    ctx = make_ctx(FALSIFY, lang)
    assert ctx.verdict == "let_go"
    plan = action_plan(ctx)
    assert plan[0].startswith("Refuse in writing" if lang == "en" else "Refusez par écrit"), plan
    assert suggested_messages(ctx)[0] == "goodbye"
    for tone in TONES:
        body = render_message("goodbye", tone, ctx, MessageDetails()).body
        request = "[the request, e.g." if lang == "en" else "[la demande, par exemple"
        assert NO[lang] in body and request in body, body
        # The "no" comes before the notice, and the falsified entries are never an "extra".
        last_day = "the last day of my work for you" if lang == "en" else "prendra fin le"
        assert body.index(NO[lang]) < body.index(last_day), body
        assert "free redesign" not in body and "refonte gratuite" not in body, body
        assert "carries my name" in body or "engage ma responsabilité" in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_dishonest_shortcut_is_refused_as_such_and_a_threat_alone_keeps_the_extras_line(lang):
    shortcut = {**FALSIFY, "unprofessional.crossed_what": ["shortcut", "threats"]}
    body = render_message("goodbye", "neutral", make_ctx(shortcut, lang), MessageDetails()).body
    assert NO[lang] in body and ("for any client" in body or "pour aucun client" in body), body
    assert "carries my name" not in body and "engage ma responsabilité" not in body, body
    threat = {**FALSIFY, "unprofessional.crossed_what": ["threats"]}
    plain = render_message("goodbye", "neutral", make_ctx(threat, lang), MessageDetails()).body
    assert NO[lang] not in plain, plain
    assert "free redesign" in plain or "refonte gratuite" in plain, plain
    assert not action_plan(make_ctx(threat, lang))[0].startswith(("Refuse", "Refusez")), plain


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_repeat_after_an_objection_is_answered_for_calls_and_meetings_alike(lang):
    ctx = make_ctx(RELAPSE, lang)
    assert ctx.verdict == "plan_exit"
    assert suggested_messages(ctx)[0] == "name_disrespect"
    ends = {
        # Stepping out: the client's meetings are not the user's to end (a reading, dz09),
        # and a studio session is neither a call nor a meeting (ea12).
        "en": "I'll step out of the session, call or meeting there and then, and we'll continue",
        "fr": "je quitterai la séance, l'appel ou la réunion sur-le-champ, et nous poursuivrons",
    }
    body = render_message("name_disrespect", "neutral", ctx, MessageDetails()).body
    assert ends[lang] in body, body
    # The plan opens with the repeat put on record, and the advice says to tell whoever
    # hires the user when the abuse comes from someone else.
    plan = action_plan(ctx)
    first = {"en": "Tell Acme in writing that it happened again", "fr": "Dites par écrit à Acme"}
    assert plan[0].startswith(first[lang]), plan
    assert not any(step.startswith(("Protect yourself", "Protégez-vous")) for step in plan), plan
    advice = next(item for item in advice_for(ctx) if item.sign_id == "disrespect")
    told = "someone else hires you" if lang == "en" else "quelqu'un d'autre vous confie"
    assert any(told in line for line in advice.lines), advice.lines
    for tone in TONES:
        text = render_message("name_disrespect", tone, ctx, MessageDetails()).body
        assert "I'll end the call and" not in text and "j'y mettrai fin et" not in text, text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_insults_alone_are_not_answered_with_a_bill_for_meetings(lang):
    billed = ("billed", "charge") if lang == "en" else ("factur",)
    for tone in TONES:
        body = render_message(
            "communication_boundaries", tone, make_ctx(RELAPSE, lang), MessageDetails()
        ).body
        assert not any(word in body for word in billed), body
        assert "by email" in body or "par e-mail" in body, body
        # Time the work does not pay for, reported beside the insults: billed as before.
        heavy = {**RELAPSE, "high_maintenance.unbilled_hours": 4}
        both = render_message(
            "communication_boundaries", tone, make_ctx(heavy, lang), MessageDetails()
        )
        assert any(word in both.body for word in billed), both.body
        # With nothing flagged (a draft opened by hand), what goes beyond is billed too.
        bare = render_message(
            "communication_boundaries", tone, make_ctx(DEPENDENT, lang), MessageDetails()
        )
        assert any(word in bare.body for word in billed), bare.body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_calm_spell_after_raising_it_must_last_months_to_change_the_verdict(lang):
    lines = change_lines(default_bank(), RELAPSE, lang)
    months = "stays that way for a few months" if lang == "en" else "que cela dure plusieurs mois"
    assert any(months in line for line in lines), lines
