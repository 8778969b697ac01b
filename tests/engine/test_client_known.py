"""A new client the user cannot identify (late_payment.client_known, rule check_who_they_are):
asked only of a client invoiced twice or less, and answered "unverified", it sets the
verdict to at least *Keep, and set boundaries*: terms in writing in the name of a business
the user can look up, and a deposit, before any sizeable work. Chosen on the tuned part of
the calibration set (tests/calibration/client_known_reanswered.toml)."""

from __future__ import annotations

import pytest

from clientcheck.bank.loader import default_bank
from clientcheck.engine.signs import is_visible
from clientcheck.engine.verdict import assess
from clientcheck.guidance.advice import action_plan
from clientcheck.guidance.messages import render_message
from clientcheck.guidance.render import render_why, verdict_reasons
from clientcheck.guidance.suggestions import suggested_drafts
from tests.support.contexts import make_ctx

BANK = default_bank()
QUESTION = "late_payment.client_known"
# ay10: a holding company in Singapore, a first name and a Gmail address, one invoice paid.
STRANGER = {
    "situation.income_share": 20.0,
    "situation.savings_months": 8.0,
    "late_payment.invoices_total": 1.0,
    "late_payment.late_invoices": 0.0,
    QUESTION: "unverified",
}


@pytest.mark.parametrize(("invoices", "asked"), [(0, True), (2, True), (3, False), (12, False)])
def test_the_question_is_asked_only_of_a_new_client(invoices, asked):
    question = BANK.question(QUESTION)
    answers = {"late_payment.invoices_total": float(invoices)}
    assert is_visible(BANK, question, answers) is asked
    assert not is_visible(BANK, question, {})


def test_a_new_client_nobody_can_identify_gets_terms_and_a_deposit_first():
    result = assess(BANK, STRANGER)
    assert result.verdict == "keep_boundaries" and not result.provisional
    assert [r.rule_id for r in result.reasons] == ["check_who_they_are"]
    # Known, with nothing flagged: nothing to change, as before; with nothing said about
    # the situation either, too new to judge.
    assert assess(BANK, {**STRANGER, QUESTION: "known"}).verdict == "keep"
    bare = {"late_payment.invoices_total": 1.0, "late_payment.late_invoices": 0.0}
    assert assess(BANK, bare).verdict == "not_enough"
    assert assess(BANK, {**bare, QUESTION: "unverified"}).verdict == "keep_boundaries"


def test_an_unknown_client_never_lowers_a_firmer_verdict():
    threat = {"unprofessional.crossed_line": "yes", "unprofessional.crossed_what": ("threats",)}
    assert assess(BANK, {**STRANGER, **threat}).verdict == "let_go"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_words_say_to_check_who_they_are_before_the_work(lang):
    ctx = make_ctx(STRANGER, lang, "Meridian Holdings")
    why = render_why(ctx)
    plan = " ".join(action_plan(ctx))
    said = {
        "en": ("Find out who this new client is", "registered name, number and address", "stop"),
        "fr": ("Vérifiez qui est ce nouveau client", "raison sociale", "arrêtez"),
    }[lang]
    assert said[0] in why, why
    assert said[1] in plan and said[2] in plan, plan


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_first_draft_puts_terms_in_writing_with_a_deposit_and_asks_who_they_are(lang):
    ctx = make_ctx(STRANGER, lang, "Meridian Holdings")
    drafts = suggested_drafts(ctx)
    assert drafts and drafts[0][0] == "contract_revision", drafts
    deposit = {"en": "deposit of 50%", "fr": "acompte de 50\u00a0%"}[lang]
    who = {"en": "registered name, address and registration number", "fr": "raison sociale"}
    for tone in ("warm", "neutral", "firm"):
        body = render_message("contract_revision", tone, ctx).body
        assert deposit in body and who[lang] in body, (tone, body)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_work_already_started_stops_until_they_say_who_they_are(lang):
    # el08: the work had started and was invoiced; the books were for two companies the
    # client would not name. The plan said "a deposit before you start" and "keep only
    # small jobs paid in advance", which do not remove the risk.
    plan = " ".join(action_plan(make_ctx(STRANGER, lang, "Fiduciaire Léman")))
    anyone = {"en": "anyone else the work is for", "fr": "toute autre entreprise pour qui"}
    assert anyone[lang] in plan, plan
    assert "small jobs paid in advance" not in plan and "petites missions" not in plan
    body = render_message("contract_revision", "neutral", make_ctx(STRANGER, lang)).body
    other = {"en": "any other business the work is for", "fr": "toute autre société"}[lang]
    assert other in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_reason_under_the_verdict_does_not_repeat_the_headline(lang):
    # Read on a phone: the headline and the reason under it said the same sentence twice.
    ctx = make_ctx(STRANGER, lang, "Meridian Holdings")
    why, reasons = render_why(ctx), verdict_reasons(ctx)
    risk = {"en": "puts your payment at risk", "fr": "mettent votre paiement en risque"}[lang]
    assert any(risk in line for line in reasons), reasons
    assert not any(line.split(":")[-1].strip()[:40] in why for line in reasons), (why, reasons)
