"""The late-payment claim: by jurisdiction, business clients only, suggested when it fits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from clientcheck.guidance.draft_facts import default_tone
from clientcheck.guidance.letters import MessageDetails
from clientcheck.guidance.messages import TONES, render_message
from clientcheck.guidance.suggestions import claim_due, suggested_messages
from tests.support.contexts import DEPENDENT, FREE, make_ctx

CLAIM = "late_payment_claim"
OWED = {"late_payment.unpaid_90": "once", "situation.client_kind": "business"}
INVOICE = MessageDetails(
    invoice_number="2026-031",
    invoice_due=date(2026, 8, 14),
    overdue_amount=2400,
    prepared_on=date(2026, 12, 7),
)
LAW = ("L441", "1998", "2011/7", "D441")


def body(answers: dict, tone: str, lang: str = "en", details=INVOICE) -> str:
    return render_message(CLAIM, tone, make_ctx(answers, lang), details).body


# --- when it is suggested -------------------------------------------------------------------


def test_a_business_client_kept_with_an_overdue_invoice_gets_the_claim_after_payment_terms():
    ctx = make_ctx({**OWED, "situation.income_share": 25, "situation.savings_months": 6})
    assert ctx.verdict in ("keep", "keep_boundaries", "renegotiate")
    assert claim_due(ctx)
    ranked = suggested_messages(ctx)
    assert ranked[:2] == ("payment_terms", CLAIM), ranked


@pytest.mark.parametrize(
    "answers",
    [
        {"late_payment.unpaid_90": "once", "situation.client_kind": "individual"},
        {"late_payment.unpaid_90": "once"},  # client kind unknown
        {"situation.client_kind": "business", "late_payment.late_invoices": 3},  # nothing overdue
    ],
)
def test_no_claim_is_suggested_for_a_private_or_unknown_client_or_without_an_overdue_invoice(
    answers,
):
    ctx = make_ctx({**answers, "situation.income_share": 25, "situation.savings_months": 6})
    assert CLAIM not in suggested_messages(ctx)


def test_leaving_a_business_that_still_owes_after_enforcing_suggests_the_formal_claim():
    # A professional's reading (cv23): two invoices unpaid for six months after a registered
    # letter; the second draft proposed new payment terms, "a step back". The claim (the
    # law's charges, a date, then recovery) follows the goodbye, as a formal demand.
    answers = {**OWED, "late_payment.unpaid_90": "repeatedly", "late_payment.raised": "enforced"}
    ctx = make_ctx({**answers, **FREE})
    assert ctx.verdict == "let_go"
    assert suggested_messages(ctx)[:2] == ("goodbye", CLAIM)
    assert "payment_terms" not in suggested_messages(ctx)
    assert default_tone(ctx, CLAIM) == "firm"
    # Disputed or ignored today, even without an invoice 90 days late: the same.
    disputed = {
        **answers,
        "late_payment.invoices_total": 3,
        "late_payment.late_invoices": 2,
        "late_payment.unpaid_90": "no",
        "late_payment.owed_now": "disputed",
    }
    assert CLAIM in suggested_messages(make_ctx({**disputed, **FREE}))
    # A private client leaving with money owed: the payment draft asks for it, no claim.
    private = make_ctx({**answers, **FREE, "situation.client_kind": "individual"})
    assert CLAIM not in suggested_messages(private)
    assert "payment_terms" in suggested_messages(private)


# --- what it says, by jurisdiction -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_france_reminder_then_claim_then_formal_notice(lang):
    answers = {**OWED, **DEPENDENT, "situation.jurisdiction": "fr"}
    warm, neutral, firm = (body(answers, tone, lang) for tone in TONES)
    euro40 = "€40" if lang == "en" else "40\u00a0€"
    for text in (warm, neutral, firm):
        assert "L441-10" in text and "D441-5" in text and euro40 in text
        assert "2026-031" in text
    # Warm waives the charges if paid by the date; neutral and firm claim them now.
    waive = "happy to waive them" if lang == "en" else "je renoncerai volontiers"
    assert waive in warm and waive not in neutral + firm
    since = "15 August 2026" if lang == "en" else "15 août 2026"  # the day after the due date
    assert since in neutral and since in firm
    total = "€2,440" if lang == "en" else "2\u202f440\u00a0€"
    assert total in neutral and total in firm
    formal = "mise en demeure" if lang == "en" else "mets en demeure"
    assert formal in firm and formal not in warm + neutral
    assert "injonction de payer" in firm
    registered = "registered letter" if lang == "en" else "lettre recommandée"
    assert registered in firm
    assert "21 December 2026" in firm or "21 décembre 2026" in firm  # two weeks after sending


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_united_kingdom_statutory_interest_and_the_fixed_sum_by_the_size_of_the_debt(lang):
    answers = {**OWED, **DEPENDENT, "situation.jurisdiction": "uk", "situation.currency": "GBP"}
    for amount, fixed in ((500, 40), (2400, 70), (12000, 100)):
        details = MessageDetails(invoice_number="7", overdue_amount=amount)
        for tone in ("neutral", "firm"):
            text = body(answers, tone, lang, details)
            assert "Late Payment of Commercial Debts (Interest) Act 1998" in text
            assert ("8% a year above" if lang == "en" else "Angleterre majoré de 8 points") in text
            assert (f"£{fixed}" if lang == "en" else f"{fixed}\u00a0£") in text
            assert "L441" not in text and "injonction" not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_another_eu_country_cites_the_directive_as_the_client_country_applies_it(lang):
    answers = {**OWED, **DEPENDENT, "situation.jurisdiction": "eu"}
    # The law that governs the agreement (not "your country's": a cross-border contract may
    # be governed by another state's law) is a field the user fills in (r6: a claim that names
    # no real law reads as a template hedge), with the minimum rate the directive sets.
    field = "[national law and article]" if lang == "en" else "[loi nationale et article]"
    for tone in TONES:
        text = body(answers, tone, lang)
        assert "L441" not in text and "1998" not in text
        assert "as applied in national law" not in text and "telle que transposée" not in text
        # A claim names the law (the directive and a field for the country's own law); a
        # friendly reminder just says "the law".
        directive = "2011/7/EU" if lang == "en" else "2011/7/UE"
        assert (directive in text and field in text) == (tone != "warm"), (tone, text)
        assert "or more" not in text and "ou plus" not in text, text
        if tone != "warm":
            minimum = "plus 8 percentage points" if lang == "en" else "majoré de 8 points"
            assert minimum in text, text


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    "answers",
    [
        {"situation.client_kind": "individual", "situation.jurisdiction": "fr"},
        {"situation.jurisdiction": "fr"},
        {"situation.client_kind": "business", "situation.jurisdiction": "other"},
    ],
)
def test_no_statutory_charges_for_a_private_or_unknown_client_or_elsewhere(answers, lang):
    for tone in TONES:
        text = body({**answers, "late_payment.unpaid_90": "once", **DEPENDENT}, tone, lang)
        for reference in LAW:
            assert reference not in text, (tone, reference)
        assert "2026-031" in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_formal_demand_is_a_letter_greeted_and_signed_off_as_one(lang):
    answers = {**OWED, **DEPENDENT, "situation.jurisdiction": "fr"}
    named = MessageDetails(contact_name="Madame Durand", sender_name="Camille Martin")
    text = body(answers, "firm", lang, named)
    unnamed = body(answers, "firm", lang, MessageDetails())
    first_name = body(answers, "firm", lang, MessageDetails(contact_name="Jane"))
    if lang == "en":
        assert "Dear Ms Durand," in text and "Yours sincerely," in text
        # The client is greeted by name, or a field asks for it: never "Sir or Madam".
        assert "Dear [name]," in unnamed and "Yours sincerely," in unnamed
        assert "Dear Jane," in first_name
    else:
        assert "\nMadame,\n" in text
        assert "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées." in text
        assert "\n[Madame / Monsieur],\n" in unnamed
        assert "Je vous prie d'agréer, [Madame / Monsieur], l'expression" in unnamed
        # A letter never opens "Bonjour Jane": a field for the title, and the formula to match.
        assert "Bonjour" not in first_name and "Madame, Monsieur" not in first_name
        assert "\n[Madame / Monsieur],\n" in first_name
        assert "Je vous prie d'agréer, [Madame / Monsieur], l'expression" in first_name


# --- what the third reading asked for: one total, the due date, the way it is sent ---------------


@pytest.mark.parametrize(
    ("lang", "where", "currency", "total"),
    [
        ("en", "fr", "EUR", "€2,440"),  # the invoice and the €40 charge
        ("fr", "fr", "EUR", "2\u202f440\u00a0€"),
        ("en", "uk", "GBP", "£2,470"),  # the invoice and the £70 fixed sum
        ("fr", "uk", "GBP", "2\u202f470\u00a0£"),
    ],
)
def test_a_claim_gives_one_total_with_the_invoice_and_the_fixed_sum(lang, where, currency, total):
    answers = {**OWED, **DEPENDENT, "situation.jurisdiction": where, "situation.currency": currency}
    details = MessageDetails(invoice_number="7", overdue_amount=2400)
    for tone in ("neutral", "firm"):
        text = body(answers, tone, lang, details)
        assert text.count(total) == 1, (tone, text)
        # The invoice is one of the lines to pay, never something the total comes "in addition to".
        assert "in addition to the invoice" not in text and "en plus de la facture" not in text
        assert "Please pay the total" not in text and "régler l'ensemble" not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("where", ["fr", "uk", "eu", "other"])
def test_a_formal_demand_is_dated_goes_by_registered_post_and_states_the_due_date(lang, where):
    answers = {**OWED, **DEPENDENT, "situation.jurisdiction": where}
    firm = body(answers, "firm", lang, MessageDetails(invoice_number="7"))
    lines = firm.split("\n")
    dated = "27 November 2026" if lang == "en" else "Le 27 novembre 2026"
    assert dated in lines, firm
    sent = lines[lines.index(dated) + 1]
    # Sender and addressee above the date, with fields for the addresses.
    assert lines.index(dated) > lines.index("[your address]" if lang == "en" else "[votre adresse]")
    assert sent.startswith("By email and by" if lang == "en" else "Par e-mail et par")
    assert ("[due date]" if lang == "en" else "[date d'échéance]") in firm
    for tone in TONES:
        text = body(answers, tone, lang)
        assert "As you may know" not in text and "Comme vous le savez" not in text
        assert "leave them aside" not in text and "a fixed compensation" not in text


@pytest.mark.parametrize(("currency", "us"), [("USD", True), ("GBP", False), (None, False)])
def test_an_english_draft_to_a_client_paid_in_us_dollars_is_written_as_in_the_us(currency, us):
    # A US developer's walk: "14 August 2026", "Ms Durand" and "Yours sincerely" read
    # British to an American client. Month first, "Ms." and "Sincerely" for a client billed
    # in dollars; French drafts and other currencies keep theirs.
    answers = {**OWED, **DEPENDENT, "situation.jurisdiction": "other"}
    if currency:
        answers["situation.currency"] = currency
    named = MessageDetails(contact_name="Madame Durand", sender_name="Camille Martin")
    text = body(answers, "firm", "en", replace(INVOICE, contact_name=named.contact_name))
    if us:
        assert "Dear Ms. Durand:" in text and "\nSincerely,\n" in text
        assert "August 14, 2026" in text and "December 7, 2026" in text
        assert "14 August" not in text and "Yours sincerely" not in text
        assert "Attention: Ms. Durand" in text and "certified mail" in text
        assert "registered" not in text and "For the attention" not in text
        # an American demand letter names the remedy, under a "final notice" subject
        assert "pursue collection of the debt" in text and "formal steps" not in text
        assert "final notice" in text and "formal demand" not in text
    else:
        assert "Dear Ms Durand," in text and "\nYours sincerely,\n" in text
        assert "14 August 2026" in text and "August 14" not in text
        assert "formal steps to recover the debt" in text and "formal demand" in text
    french = body({**answers, "situation.currency": "USD"}, "firm", "fr")
    assert "14 août 2026" in french


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_belgian_claim_names_the_belgian_law_not_a_field(lang):
    answers = {**OWED, **DEPENDENT, "situation.jurisdiction": "be"}
    for tone in ("warm", "neutral", "firm"):
        body = render_message("late_payment_claim", tone, make_ctx(answers, lang)).body
        assert "2 August 2002" in body or "2 août 2002" in body, body
        assert "[national law" not in body and "[loi nationale" not in body
        assert "[country]" not in body and "[taux légal]" not in body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_where_the_app_knows_no_late_payment_law_it_never_says_the_law_adds_charges(lang):
    # A US freelancer ("Elsewhere", no contract) read "the law adds penalties and a fixed
    # recovery charge" and "charge the late fees your contract or the law provides".
    from clientcheck.guidance.advice import action_plan
    from clientcheck.guidance.suggestions import suggested_drafts

    asked = {
        "late_payment.invoices_total": 10,
        "late_payment.late_invoices": 5,
        "late_payment.chasing": "often",
        "late_payment.owed_now": "part_paid",
        "late_payment.raised": "no_change",
        "contract_breach.has_contract": "no",
    }
    law = {"en": "the law adds", "fr": "la loi y ajoute"}[lang]
    for where, knows in (("other", False), ("fr", True)):
        dana = {"situation.income_share": 45, "situation.savings_months": 3}
        answers = {**OWED, **dana, **asked, "situation.jurisdiction": where}
        ctx = make_ctx(answers, lang)
        assert ctx.verdict == "renegotiate"
        why = dict(suggested_drafts(ctx)).get("late_payment_claim", "")
        assert why and (law in why) == knows, why
        plan = " ".join(action_plan(ctx))
        assert ("law provides" in plan or "prévoit la loi" in plan) == knows, plan
        assert "your contract" not in plan and "votre contrat" not in plan, plan


@pytest.mark.parametrize(("lang", "where"), [("fr", "be"), ("en", "uk")])
def test_the_terms_draft_never_waives_what_the_suggested_claim_claims(lang, where):
    # A professional's reading: the firm payment terms said "I'm not claiming these sums
    # for now" while the claim suggested beside it claimed them, for the same invoice.
    from clientcheck.guidance.suggestions import suggested_messages

    answers = {
        **OWED,
        "situation.income_share": 20,
        "situation.savings_months": 6,
        "situation.jurisdiction": where,
        "late_payment.invoices_total": 10,
        "late_payment.late_invoices": 5,
        "late_payment.chasing": "always",
        "late_payment.raised": "no_change",
    }
    ctx = make_ctx(answers, lang)
    assert "late_payment_claim" in suggested_messages(ctx)
    body = render_message("payment_terms", "firm", ctx).body
    waiver = {"en": "I'm not adding", "fr": "Je ne réclame pas ces sommes"}[lang]
    separate = {"en": "in a separate letter", "fr": "font l'objet d'un courrier séparé"}
    assert waiver not in body and separate[lang] in body, body
