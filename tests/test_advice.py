"""Advice per sign and the action plan: complete, specific, on the right path, in good form."""

from __future__ import annotations

import re

import pytest

from clientcheck.advice import (
    ADVICE_BANDS,
    PATHS,
    action_plan,
    advice_for,
    sign_advice,
)
from clientcheck.i18n import LANGS
from clientcheck.questionnaire import default_bank
from tests._contexts import DEPENDENT, FREE, HOSTILE_NAMES, make_ctx

SIGN_IDS = tuple(sign.id for sign in default_bank().signs)

# Every sign answered with its most reassuring option.
ALL_HEALTHY = {
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 0,
    "late_payment.unpaid_90": "no",
    "less_work.volume_change": 0,
    "demanding.tight_deadlines": "never",
    "disrespect.belittles": "never",
    "contract_breach.has_contract": "yes",
    "contract_breach.breach_term": "none",
    "high_maintenance.after_hours": "never",
    "unprofessional.inappropriate": "no",
}
LATE_PAYER = {
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 8,
    "late_payment.days_late": 45,
    "late_payment.chasing": "always",
}
LEFTOVERS = ("{{", "}}", "{%", "%}", "{#", "None", "undefined", "Undefined", "[[")


def item_for(items, sign_id):
    return next(item for item in items if item.sign_id == sign_id)


def text_of(item) -> str:
    return "\n".join(item.lines)


def assert_clean(text: str) -> None:
    for leftover in LEFTOVERS:
        assert leftover not in text, f"{leftover!r} left in: {text}"


def assert_french_typography(text: str) -> None:
    assert not re.search(r" [:;?!»%€]", text), text
    assert "« " not in text, text
    assert not re.search(r"\btu\b", text, re.IGNORECASE), text


# --- completeness ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("band", ADVICE_BANDS)
@pytest.mark.parametrize("sign_id", SIGN_IDS)
def test_every_sign_band_path_and_language_has_advice(sign_id, band, path, lang):
    ctx = make_ctx(DEPENDENT if path == "stay" else FREE, lang)
    assert ctx.path == path
    sign = next(s for s in ctx.signs if s.id == sign_id)
    item = sign_advice(ctx, sign, band, path)
    assert item.path == path and item.band == band and item.sign_id == sign_id
    assert len(item.lines) >= 2
    assert all(line == line.strip() and line for line in item.lines)
    assert item.title.startswith(sign.name)
    text = text_of(item)
    assert_clean(text)
    assert "**" not in text and "#" not in text
    if lang == "fr":
        assert_french_typography(text)
        # Vouvoiement: "vous", "votre", or an imperative such as "demandez".
        assert re.search(r"\b(vous|votre|vos)\b|\w+ez\b", text.lower()), text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sign_id", SIGN_IDS)
def test_exit_advice_while_dependent_says_to_prepare_the_exit(sign_id, lang):
    ctx = make_ctx(DEPENDENT, lang)
    sign = next(s for s in ctx.signs if s.id == sign_id)
    preparing = text_of(sign_advice(ctx, sign, "critical", "leave"))
    leaving = text_of(sign_advice(make_ctx(FREE, lang), sign, "critical", "leave"))
    assert preparing != leaving
    assert ("plan your way out" if lang == "en" else "préparez donc votre sortie") in preparing
    assert_clean(preparing)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sign_id", SIGN_IDS)
def test_band_changes_the_advice(sign_id, lang):
    for path in PATHS:
        ctx = make_ctx(DEPENDENT if path == "stay" else FREE, lang)
        sign = next(s for s in ctx.signs if s.id == sign_id)
        texts = {band: text_of(sign_advice(ctx, sign, band, path)) for band in ADVICE_BANDS}
        assert len(set(texts.values())) == len(ADVICE_BANDS), (path, texts)


# --- on the real pipeline ------------------------------------------------------------


def test_healthy_client_gets_no_advice():
    ctx = make_ctx({**ALL_HEALTHY, **FREE})
    assert ctx.flagged == ()
    assert advice_for(ctx) == ()


@pytest.mark.parametrize("lang", LANGS)
def test_late_payer_who_cannot_be_dropped_gets_deposit_and_milestones(lang):
    ctx = make_ctx({**LATE_PAYER, **DEPENDENT}, lang)
    item = item_for(advice_for(ctx), "late_payment")
    assert (item.band, item.path, item.dealbreaker) == ("critical", "stay", False)
    text = text_of(item)
    percent = "%" if lang == "en" else "\u00a0%"
    assert f"50{percent}" in text
    assert f"25{percent}" in text
    assert "45" in text  # the average delay the user gave
    assert ("priority" if lang == "en" else "priorité") in text


def test_late_payer_who_can_be_dropped_is_told_to_move_on_and_to_ask_upfront():
    ctx = make_ctx({**LATE_PAYER, **FREE})
    item = item_for(advice_for(ctx), "late_payment")
    assert item.path == "leave"
    text = text_of(item)
    assert "Move on" in text
    assert "50%" in text
    assert "25%" not in text  # no milestones to set up with a client you are leaving


def test_unpaid_invoice_over_90_days_gets_a_formal_reminder():
    ctx = make_ctx({"late_payment.unpaid_90": "once", **FREE})
    item = item_for(advice_for(ctx), "late_payment")
    assert item.dealbreaker
    assert "90 days" in text_of(item)


@pytest.mark.parametrize("lang", LANGS)
def test_insulting_client_gets_exit_advice_despite_high_dependency(lang):
    ctx = make_ctx({**ALL_HEALTHY, "disrespect.insults": "once", **DEPENDENT}, lang)
    assert ctx.path == "stay"
    items = advice_for(ctx)
    assert [item.sign_id for item in items] == ["disrespect"]
    item = items[0]
    assert item.path == "leave" and item.dealbreaker and item.band == "critical"
    text = text_of(item)
    if lang == "en":
        assert "prepare your exit" in item.title
        assert "never acceptable" in text
        assert "plan your way out" in text
        assert "will not accept it" in text  # protect yourself meanwhile
    else:
        assert "préparez votre départ" in item.title
        assert "jamais acceptable" in text


def test_insulting_client_when_free_to_leave_gets_plain_leave_advice():
    ctx = make_ctx({**ALL_HEALTHY, "disrespect.insults": "once", **FREE})
    item = item_for(advice_for(ctx), "disrespect")
    assert item.path == "leave"
    assert "how to move on" in item.title
    text = text_of(item)
    assert "Leave" in text and "professional" in text
    assert "plan your way out" not in text


def test_dependency_switches_other_signs_to_the_stay_path():
    answers = {"less_work.volume_change": -40, "less_work.idle_weeks": 3}
    stay = item_for(advice_for(make_ctx({**answers, **DEPENDENT})), "less_work")
    leave = item_for(advice_for(make_ctx({**answers, **FREE})), "less_work")
    assert stay.path == "stay" and leave.path == "leave"
    assert "what workload to expect" in text_of(stay)
    assert "other sources of work" in text_of(leave)
    assert text_of(stay) != text_of(leave)


def test_advice_quotes_the_users_own_figures():
    ctx = make_ctx({"less_work.volume_change": -40, "less_work.idle_weeks": 3, **DEPENDENT}, "fr")
    text = text_of(item_for(advice_for(ctx), "less_work"))
    assert "40\u00a0%" in text
    assert "3 semaines" in text


def test_dont_know_answers_are_left_out_of_the_advice():
    answers = {
        "late_payment.invoices_total": 10,
        "late_payment.late_invoices": 8,
        "late_payment.days_late": "dont_know",
        "late_payment.chasing": "always",
        **DEPENDENT,
    }
    text = text_of(item_for(advice_for(make_ctx(answers)), "late_payment"))
    assert "on average" not in text
    assert_clean(text)


def test_two_deal_breakers_do_not_repeat_the_same_lines():
    answers = {"disrespect.insults": "once", "late_payment.unpaid_90": "once", **DEPENDENT}
    items = advice_for(make_ctx(answers))
    assert {i.sign_id for i in items} >= {"disrespect", "late_payment"}
    lines = [line for item in items for line in item.lines]
    assert len(lines) == len(set(lines))
    assert all(item.lines for item in items)


def test_advice_is_ordered_most_serious_first():
    answers = {"disrespect.insults": "once", "less_work.volume_change": -20, **FREE}
    items = advice_for(make_ctx(answers))
    assert [i.sign_id for i in items][0] == "disrespect"


# --- action plan ---------------------------------------------------------------------

VERDICT_ANSWERS = {
    "not_enough": dict(FREE),
    "keep": {**ALL_HEALTHY, **FREE},
    "keep_boundaries": {"less_work.volume_change": -20, **FREE},
    "renegotiate": {"demanding.tight_deadlines": "sometimes", **FREE},
    "plan_exit": {**LATE_PAYER, "late_payment.unpaid_90": "once", **DEPENDENT},
    "let_go": {**LATE_PAYER, "late_payment.unpaid_90": "once", **FREE},
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("verdict", VERDICT_ANSWERS)
def test_action_plan_has_three_to_five_steps_for_every_verdict(verdict, lang):
    ctx = make_ctx(VERDICT_ANSWERS[verdict], lang)
    assert ctx.verdict == verdict
    steps = action_plan(ctx)
    assert 3 <= len(steps) <= 5
    text = "\n".join(steps)
    assert_clean(text)
    if lang == "fr":
        assert_french_typography(text)
    if verdict != "not_enough":
        assert ctx.client_name in text


@pytest.mark.parametrize(
    ("lang", "check_date"), [("en", "27 December 2026"), ("fr", "27 décembre 2026")]
)
def test_plan_exit_reduces_dependency_and_sets_a_date_to_check_again(lang, check_date):
    ctx = make_ctx(VERDICT_ANSWERS["plan_exit"], lang)
    text = "\n".join(action_plan(ctx))
    assert check_date in text
    assert ("dependence" if lang == "en" else "dépendance") in text


def test_let_go_plan_gives_notice_handover_referral_and_last_day():
    answers = {**VERDICT_ANSWERS["let_go"], "situation.notice_weeks": 4}
    text = "\n".join(action_plan(make_ctx(answers)))
    assert "notice" in text and "(4 weeks)" in text
    assert "handover" in text
    assert "refer" in text
    assert "25 December 2026" in text  # 27 November + 4 weeks


def test_not_enough_answers_plan_asks_for_more_answers():
    text = "\n".join(action_plan(make_ctx({})))
    assert "Answer at least a few questions" in text


# --- user text stays literal ------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_client_names_appear_literally(name, lang):
    ctx = make_ctx(VERDICT_ANSWERS["plan_exit"], lang, name=name)
    plan = "\n".join(action_plan(ctx))
    assert name in plan
    for item in advice_for(ctx):
        assert item.lines


def test_empty_client_name_falls_back_to_a_readable_phrase():
    ctx = make_ctx(VERDICT_ANSWERS["plan_exit"], name="   ")
    assert "Reduce your dependence on this client:" in "\n".join(action_plan(ctx))
