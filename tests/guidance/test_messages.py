"""Message drafts: every message, tone and language renders cleanly; exports are valid."""

from __future__ import annotations

import email
import email.policy
import re
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientcheck.guidance.advice import action_plan, advice_for
from clientcheck.guidance.draft_facts import default_tone, payment_terms_mode, reminder_case
from clientcheck.guidance.letters import draft_to_eml, draft_to_txt
from clientcheck.guidance.messages import (
    MESSAGE_IDS,
    TONES,
    MessageDetails,
    carry_details,
    detail_fills,
    fields_to_fill,
    message_title,
    missing_placeholders,
    ordered_messages,
    render_message,
    tone_label,
)
from clientcheck.guidance.rate_review import rate_review_due, review_sentence
from clientcheck.guidance.render import Draft
from clientcheck.guidance.suggestions import MAX_SUGGESTED, suggested_drafts, suggested_messages
from clientcheck.i18n import LANGS
from tests.support.contexts import (
    DEPENDENT,
    FREE,
    HOSTILE_NAMES,
    LATE_PAYER,
    STRUGGLING,
    make_ctx,
    with_verdict,
)

# Asked, and nothing changed: the deposit is the lever (never told, the first word comes
# first: see test_a_late_payer_never_told_is_asked_to_keep_the_due_date_not_for_a_deposit).
ASKED_IN_VAIN = {**LATE_PAYER, "late_payment.raised": "no_change"}
FULL = MessageDetails(
    sender_name="Camille Martin",
    contact_name="Jane Doe",
    overdue_amount=1500,
    currency="EUR",
    deposit_percent=50,
    due_date=date(2026, 12, 1),
    notice_weeks=4,
    end_date=date(2027, 1, 8),
    referral_name="Alex Roy",
    office_hours="Monday to Friday, 9:00 to 17:00",
    proposed_clause="Changes after sign-off are quoted separately.",
    example="My kids could do better.",
    extra_work="a second landing page",
    extra_price=800,
    extra_deadline=date(2026, 12, 18),
    invoice_number="2026-014",
    invoice_date=date(2026, 10, 2),
    invoice_due=date(2026, 11, 1),
)
EMPTY = MessageDetails()
# Raised with the client, nothing changed, and an invoice 90 days overdue.
RAISED_UNPAID = {"late_payment.raised": "enforced", "late_payment.unpaid_90": "once"}
LEFTOVERS = ("{{", "}}", "{%", "%}", "{#", "None", "undefined", "Undefined", "[[", "Dear ,")


def assert_clean(draft: Draft) -> None:
    for leftover in LEFTOVERS:
        assert leftover not in draft.subject, (leftover, draft.subject)
        assert leftover not in draft.body, (leftover, draft.body)
    # No line starts with a space: a sentence meant to go on the same line, broken by the
    # template (a user saw "…à la livraison.⏎ Si vous êtes d'accord…").
    assert "\n " not in draft.body, draft.body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("message_id", MESSAGE_IDS)
def test_every_draft_under_a_contract_reads_as_whole_paragraphs(message_id, tone, lang):
    answers = {**LATE_PAYER, "contract_breach.has_contract": "yes"}
    assert_clean(render_message(message_id, tone, make_ctx(answers, lang), FULL))


# --- completeness -------------------------------------------------------------------


@pytest.mark.parametrize("details", [FULL, EMPTY], ids=["full", "empty"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("message_id", MESSAGE_IDS)
def test_every_message_tone_and_language_renders(message_id, tone, lang, details):
    draft = render_message(message_id, tone, make_ctx(LATE_PAYER, lang), details)
    assert (draft.message_id, draft.tone, draft.lang) == (message_id, tone, lang)
    assert draft.title == message_title(message_id, lang)
    assert draft.subject.strip() and "\n" not in draft.subject
    assert draft.body.strip()
    assert "\n\n\n" not in draft.body
    assert_clean(draft)
    lines = [line for line in draft.body.splitlines() if line]
    while not lines[0].endswith(","):  # a formal letter first gives its date and how it goes
        lines = lines[1:]
    first_line, last_line = lines[0], lines[-1]
    # Nobody is greeted with a bare "Hello,": the name, or a field for it. A formal demand
    # is a letter: "Dear …" / "Madame," and a sign-off to match.
    letter = message_id == "late_payment_claim" and tone == "firm"
    if details is FULL:
        # A French letter greets a bare name formally, with a field for the title. A
        # message says the first name alone ("Hi Jane,", "Dear Jane,", "Bonjour Jane,"), as
        # people do: nobody writes "Dear Jane Doe," (a freelancer's reading).
        if lang == "fr":
            full = ("[Madame / Monsieur],",) if letter else ("Bonjour Jane,",)
        elif letter:
            full = ("Dear Jane Doe,",)
        else:
            full = ("Hi Jane,",) if tone == "warm" else ("Dear Jane,",)
        assert first_line in full, first_line
        assert last_line == "Camille Martin"
    else:
        greeting = {
            "en": ("Hi [name]," if tone == "warm" and not letter else "Dear [name],"),
            "fr": ("[Madame / Monsieur]," if letter else "Bonjour [nom],"),
        }
        assert first_line == greeting[lang], first_line
        assert last_line == ("[your name]" if lang == "en" else "[votre nom]")
    assert "Hello," not in draft.body and "Bonjour," not in draft.body
    assert "Sir or Madam" not in draft.body and "Madame, Monsieur" not in draft.body


@pytest.mark.parametrize("details", [FULL, EMPTY], ids=["full", "empty"])
@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("message_id", MESSAGE_IDS)
def test_french_drafts_use_vous_and_french_typography(message_id, tone, details):
    draft = render_message(message_id, tone, make_ctx(LATE_PAYER, "fr"), details)
    text = f"{draft.subject}\n{draft.body}"
    assert re.search(r"\b(vous|votre|vos)\b", text, re.IGNORECASE)
    assert not re.search(r"\btu\b|\btoi\b", text, re.IGNORECASE)
    assert not re.search(r" [:;?!»%€]", text), text
    assert "« " not in text
    assert "Dear" not in text and "Hello" not in text


@pytest.mark.parametrize("message_id", MESSAGE_IDS)
def test_tones_give_different_drafts(message_id):
    ctx = make_ctx(LATE_PAYER)
    bodies = {tone: render_message(message_id, tone, ctx, FULL).body for tone in TONES}
    assert len(set(bodies.values())) == len(TONES)


def test_titles_and_tone_labels_exist_in_every_language():
    for lang in LANGS:
        assert len({message_title(m, lang) for m in MESSAGE_IDS}) == len(MESSAGE_IDS)
        assert len({tone_label(t, lang) for t in TONES}) == len(TONES)
    assert tone_label("firm", "fr") == "Ferme"


def test_unknown_message_or_tone_is_refused():
    ctx = make_ctx(LATE_PAYER)
    with pytest.raises(KeyError):
        render_message("ransom_note", "warm", ctx, FULL)
    with pytest.raises(KeyError):
        render_message("goodbye", "sarcastic", ctx, FULL)


# --- specific content ---------------------------------------------------------------

BUSINESS = {"situation.client_kind": "business"}


def text_of(draft: Draft) -> str:
    return f"{draft.subject}\n{draft.body}"


@pytest.mark.parametrize("message_id", ["payment_terms", "goodbye"])
def test_french_money_and_dates(message_id):
    draft = render_message(message_id, "neutral", make_ctx(LATE_PAYER, "fr"), FULL)
    assert "1\u202f500\u00a0€" in draft.body
    assert "1er décembre 2026" in draft.body


@pytest.mark.parametrize("message_id", ["payment_terms", "goodbye"])
def test_english_money_and_dates(message_id):
    draft = render_message(message_id, "neutral", make_ctx(LATE_PAYER, "en"), FULL)
    assert "€1,500" in draft.body
    assert "1 December 2026" in draft.body


@pytest.mark.parametrize(
    ("lang", "code", "expected"),
    [
        ("en", "GBP", "£1,500"),
        ("en", "USD", "$1,500"),
        ("en", "CHF", "CHF\u00a01,500"),
        ("fr", "CHF", "1\u202f500\u00a0CHF"),
        ("fr", "CAD", "1\u202f500\u00a0$CA"),
        ("fr", "EUR", "1\u202f500\u00a0€"),
    ],
)
def test_money_is_in_the_currency_the_user_chose(lang, code, expected):
    ctx = make_ctx({**LATE_PAYER, "situation.currency": code}, lang)
    details = MessageDetails(overdue_amount=1500, extra_price=1500)
    for message_id in ("payment_terms", "goodbye", "quote_extra_work"):
        body = render_message(message_id, "neutral", ctx, details).body
        assert expected in body, (message_id, body)
        if code != "EUR":
            assert "€" not in body


def test_money_defaults_to_euros_when_no_currency_was_chosen():
    body = render_message("payment_terms", "neutral", make_ctx(LATE_PAYER), FULL).body
    assert "€1,500" in body


@pytest.mark.parametrize("lang", LANGS)
def test_no_amount_means_no_money_sentence(lang):
    draft = render_message("payment_terms", "neutral", make_ctx(LATE_PAYER, lang), EMPTY)
    assert "€" not in draft.body


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "Invoice 2026-014 for €1,500, dated 2 October 2026, was due on 1 November 2026 "
            "and is still unpaid.",
        ),
        (
            "fr",
            "La facture n°\u00a02026-014 du 2 octobre 2026, d'un montant de 1\u202f500\u00a0€, "
            "était payable le 1er novembre 2026 et reste impayée à ce jour.",
        ),
    ],
)
def test_payment_draft_names_the_invoice_date_amount_and_due_date(lang, expected):
    body = render_message("payment_terms", "warm", make_ctx(LATE_PAYER, lang), FULL).body
    assert expected in body


@pytest.mark.parametrize("tone", TONES)
def test_payment_terms_propose_a_deposit_and_the_balance_on_delivery(tone):
    draft = render_message("payment_terms", tone, make_ctx(ASKED_IN_VAIN), FULL)
    assert "50% of the fee" in draft.body and "balance invoiced on delivery" in draft.body
    # A freelancer's reading: "invoiced on delivery" never said when it must be paid.
    assert "payable within 30 days of its date" in draft.body
    # One scheme, with nothing to fill in: no threshold, no milestone to name.
    assert "[amount]" not in draft.body and "[first draft]" not in draft.body
    assert draft.body.count("50%") == 1, draft.body


def test_deposit_percent_changes_the_deposit():
    details = MessageDetails(deposit_percent=40)
    draft = render_message("payment_terms", "neutral", make_ctx(ASKED_IN_VAIN, "fr"), details)
    assert "acompte de 40\u00a0%" in draft.body and "le solde étant facturé" in draft.body
    assert "[montant]" not in draft.body and "[la première version]" not in draft.body


def test_payment_draft_for_a_client_you_are_leaving_collects_without_new_terms():
    ctx = make_ctx({**LATE_PAYER, **RAISED_UNPAID, **FREE})
    assert ctx.verdict == "let_go"
    draft = render_message("payment_terms", "neutral", ctx, FULL)
    assert "2026-014" in draft.subject
    assert "deposit" not in draft.body and "next project" not in draft.body


# Money overdue now, never raised: the debt stable, or growing while the work goes on.
SLOW_NOW = {
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 4,
    "late_payment.owed_now": "slow",
    "situation.income_share": 25,
    "situation.savings_months": 4,
    "situation.pipeline": "some",
}
GREW = {
    "en": "The unpaid balance has grown over the past few months"
    " while I have continued to work for you.",
    "fr": "Le montant restant dû a augmenté ces derniers mois,"
    " pendant que je continuais à travailler pour vous.",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_a_growing_debt_gets_a_draft_that_names_what_is_overdue_and_asks_for_a_deposit(lang, tone):
    """Renegotiate because the debt grows (you_are_their_bank): the first draft names the
    overdue invoice, says the debt grew, and proposes a deposit, not a plain due date."""
    ctx = make_ctx({**SLOW_NOW, "late_payment.owed_growing": "growing"}, lang)
    assert ctx.verdict == "renegotiate"
    assert suggested_drafts(ctx)[0][0] == "payment_terms"
    draft = render_message("payment_terms", tone, ctx, EMPTY)
    assert_clean(draft)
    assert ("[number]" if lang == "en" else "[numéro]") in draft.body
    assert GREW[lang] in draft.body
    assert ("50% of the fee" if lang == "en" else "50\u00a0%") in draft.body
    # New work waits for the overdue invoice, in every tone, as the verdict says.
    assert ("new work" if lang == "en" else "nouveaux travaux") in draft.body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("trend", ["not_growing", "may_not_pay"])
def test_a_debt_not_said_to_grow_never_says_it_grew(lang, trend):
    """Stable, or a client who may not be able to pay: nothing the user did not say."""
    ctx = make_ctx({**SLOW_NOW, "late_payment.owed_growing": trend}, lang)
    for tone in TONES:
        assert GREW[lang] not in render_message("payment_terms", tone, ctx, EMPTY).body


# --- late-payment rights --------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "lang", "cited"),
    [
        ("fr", "en", ("L441-10", "D441-5", "€40")),
        ("fr", "fr", ("L441-10", "D441-5", "40\u00a0€", "sans qu'un rappel soit nécessaire")),
        ("uk", "en", ("Late Payment of Commercial Debts (Interest) Act 1998", "8%", "section 5A")),
        ("uk", "fr", ("Late Payment of Commercial Debts (Interest) Act 1998", "8 points")),
        ("eu", "en", ("2011/7/EU", "€40")),
        ("eu", "fr", ("2011/7/UE", "40\u00a0€")),
        ("be", "en", ("Belgian law of 2 August 2002", "plus 8 percentage points", "€40")),
        ("be", "fr", ("loi du 2 août 2002", "majoré de 8 points", "40\u00a0€")),
    ],
)
def test_firm_payment_draft_cites_the_rights_of_the_clients_jurisdiction(where, lang, cited):
    ctx = make_ctx({**LATE_PAYER, **BUSINESS, "situation.jurisdiction": where}, lang)
    firm = render_message("payment_terms", "firm", ctx, FULL).body
    for reference in cited:
        assert reference in firm, (reference, firm)
    for tone in ("warm", "neutral"):
        body = render_message("payment_terms", tone, ctx, FULL).body
        assert "1998" not in body and "L441" not in body and "2011/7" not in body


def test_uk_fixed_compensation_follows_the_size_of_a_debt_in_pounds():
    ctx = make_ctx(
        {**LATE_PAYER, **BUSINESS, "situation.jurisdiction": "uk", "situation.currency": "GBP"}
    )
    for amount, fixed in ((500, "£40"), (1500, "£70"), (12000, "£100")):
        body = render_message(
            "payment_terms", "firm", ctx, MessageDetails(overdue_amount=amount)
        ).body
        assert f"a fixed sum of {fixed} for this invoice" in body


@pytest.mark.parametrize(
    "answers",
    [
        {"situation.client_kind": "individual", "situation.jurisdiction": "fr"},
        {"situation.jurisdiction": "fr"},  # client kind unknown: say nothing
        {**BUSINESS, "situation.jurisdiction": "other"},
    ],
)
def test_no_statutory_rights_in_the_draft_for_individuals_unknown_clients_or_other_places(answers):
    for lang in LANGS:
        body = render_message(
            "payment_terms", "firm", make_ctx({**LATE_PAYER, **answers}, lang), FULL
        ).body
        assert "L441" not in body and "1998" not in body and "2011/7" not in body


# --- facts come from the answers --------------------------------------------------------

NO_CONTRACT_WORDS = {"en": "contract", "fr": "contrat"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("message_id", MESSAGE_IDS)
def test_a_contract_is_mentioned_only_when_the_user_said_there_is_one(message_id, tone, lang):
    for answers in ({}, {"contract_breach.has_contract": "no"}):
        ctx = make_ctx({**LATE_PAYER, **answers, "situation.notice_weeks": 4}, lang)
        text = text_of(render_message(message_id, tone, ctx, FULL)).lower()
        assert NO_CONTRACT_WORDS[lang] not in text, text


def test_contract_wording_appears_when_there_is_a_contract():
    ctx = make_ctx(
        {**LATE_PAYER, "contract_breach.has_contract": "yes", "situation.notice_weeks": 4}
    )
    goodbye = render_message("goodbye", "neutral", ctx).body
    assert "four-week notice period in our contract" in goodbye
    assert "contract" in render_message("contract_revision", "neutral", ctx).subject


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("weeks", [None, 0])
def test_no_notice_line_without_a_notice_period(weeks, tone, lang):
    answers = dict(LATE_PAYER)
    if weeks is not None:
        answers["situation.notice_weeks"] = weeks
    body = render_message("goodbye", tone, make_ctx(answers, lang), EMPTY).body.lower()
    assert ("notice" if lang == "en" else "préavis") not in body
    assert "my work for you will be" not in body and "dernier jour" not in body


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        # 27 November + 4 weeks is Christmas Day, a weekend and Boxing Day (moved to the
        # 28th in England): the notice is served in full, to Tuesday 29 December.
        ("en", "the last day of my work for you will be 29 December 2026"),
        ("fr", "notre collaboration prendra fin le 29 décembre 2026"),
    ],
)
def test_goodbye_gives_the_last_working_day_from_the_notice_period(lang, expected):
    ctx = make_ctx({**LATE_PAYER, "situation.notice_weeks": 4}, lang)
    assert expected in render_message("goodbye", "neutral", ctx, EMPTY).body


def test_goodbye_gives_handover_and_referral():
    draft = render_message("goodbye", "neutral", make_ctx(LATE_PAYER), FULL)
    assert "8 January 2027" in draft.body  # the end date typed wins
    # The service goes on during the notice (read by a professional: "complete the work in
    # progress" alone reads as stopping early, a breach risk).
    assert (
        "8 January 2027. Until then I'll carry on as agreed, complete the work in progress"
        in draft.body
    )
    assert "I'd recommend Alex Roy, and I'm happy to introduce you" in draft.body


@pytest.mark.parametrize("lang", LANGS)
def test_goodbye_offers_no_referral_the_user_did_not_name(lang):
    for tone in TONES:
        body = render_message("goodbye", tone, make_ctx(LATE_PAYER, lang), EMPTY).body.lower()
        assert "recommend" not in body and "recommande" not in body, body


def _sentences(body: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", body) if s]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_handover_waits_for_payment_but_the_clients_access_never_does(lang, tone):
    owed = make_ctx({**LATE_PAYER, "late_payment.unpaid_90": "once"}, lang)
    clear = make_ctx(LATE_PAYER, lang)
    access, rights, condition = (
        ("access", "rights to use them", " once ")
        if lang == "en"
        else ("accès", "cession des droits", " dès ")
    )
    for ctx, details in ((owed, EMPTY), (clear, MessageDetails(overdue_amount=900))):
        body = render_message("goodbye", tone, ctx, details).body
        sentences = _sentences(body)
        # The final files and the rights wait for payment...
        assert any(rights in s and condition in s for s in sentences), body
        # ...the client's own access never does.
        assert any(access in s for s in sentences), body
        assert not any(access in s and condition in s for s in sentences), body
    # Nothing owed: the files follow the final invoice (sixth reading), access still never waits.
    body = render_message("goodbye", tone, clear, EMPTY).body
    assert rights not in body
    assert not any(access in s and condition in s for s in _sentences(body)), body


def test_contract_revision_quotes_the_proposed_clause_or_a_default_one():
    ctx = make_ctx(LATE_PAYER, "fr")
    mine = render_message("contract_revision", "neutral", ctx, FULL)
    assert "«\u00a0Changes after sign-off are quoted separately.\u00a0»" in mine.body
    default = render_message("contract_revision", "neutral", ctx, EMPTY)
    # A late payer gets the payment clause: terms, deposit, penalties.
    assert "payables à 30\u00a0jours" in default.body or "payables à 30 jours" in default.body
    assert "acompte de 50\u00a0%" in default.body
    terms = render_message(
        "contract_revision", "neutral", ctx, MessageDetails(revision_reason="terms")
    )
    assert "confirmée par écrit par les deux parties" in terms.body


@pytest.mark.parametrize("tone", TONES)
def test_contract_revision_opens_with_the_reason(tone):
    ctx = make_ctx(LATE_PAYER)
    bodies = {
        reason: render_message(
            "contract_revision", tone, ctx, MessageDetails(revision_reason=reason)
        ).body
        for reason in ("breach", "payment", "scope", "terms")
    }
    assert len({b.split("\n")[2] for b in bodies.values()}) == 4
    breach = bodies["breach"].split("\n")[2]
    assert "not" in breach or "n't" in breach  # not kept / not honoured
    assert "after their due date" in bodies["payment"].split("\n")[2]
    for reason in ("payment", "scope", "terms"):
        opening = bodies[reason].split("\n")[2]
        assert "not been" not in opening and "breach" not in opening


def test_contract_revision_for_a_demanding_client_talks_scope_not_breach():
    ctx = make_ctx({"demanding.changes_after_signoff": "often", **DEPENDENT})
    body = render_message("contract_revision", "neutral", ctx).body
    assert "beyond the scope" in body and "not been kept" not in body


def test_communication_boundaries_name_hours_channels_and_billing():
    body = render_message("communication_boundaries", "firm", make_ctx(LATE_PAYER), FULL).body
    assert "Monday to Friday, 9:00 to 17:00" in body
    assert "email" in body and "once a week" in body and "billed" in body
    # Hours not given: the line still reads complete, with nothing left to fill in.
    empty = render_message("communication_boundaries", "firm", make_ctx(LATE_PAYER), EMPTY).body
    # Sixth reading: "outside my working hours" without the hours told the client nothing.
    assert "Evenings and weekends: messages will get a reply on my next working day" in empty
    assert "[your working hours]" not in empty and "outside my working hours" not in empty


def test_workload_checkin_quotes_the_drop_in_volume_when_reported():
    ctx = make_ctx({"less_work.volume_change": -40, **DEPENDENT})
    body = render_message("workload_checkin", "neutral", ctx, EMPTY).body
    assert "fallen by about 40%" in body
    assert "harder for me to plan ahead" in body
    assert "retainer" in body


# A client whose only faults are late payment and scope creep.
LATE_AND_SCOPE = {**LATE_PAYER, "demanding.out_of_scope": 6, "demanding.free_extras": "often"}
UNREPORTED = {
    "workload_checkin": {
        "en": ("fallen", "less work", "drop"),
        "fr": ("baissé", "moins de travail", "baisse"),
    },
    "professionalism_reminder": {
        "en": ("remark", "went further", "comfortable"),
        "fr": ("remarque", "allée plus loin", "mal à l'aise"),
    },
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("message_id", sorted(UNREPORTED))
def test_drafts_do_not_assert_grievances_the_user_did_not_report(message_id, tone, lang):
    ctx = make_ctx(LATE_AND_SCOPE, lang)
    assert {"less_work", "unprofessional"}.isdisjoint(s.id for s in ctx.flagged)
    text = text_of(render_message(message_id, tone, ctx, FULL)).lower()
    for claim in UNREPORTED[message_id][lang]:
        assert claim not in text, (claim, text)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_naming_disrespect_quotes_the_users_example_or_asks_for_it(tone, lang):
    ctx = make_ctx(LATE_AND_SCOPE, lang)
    empty = render_message("name_disrespect", tone, ctx, EMPTY)
    placeholder = "[your example]" if lang == "en" else "[votre exemple]"
    assert placeholder in empty.body
    assert missing_placeholders(empty) == (placeholder,)
    filled = render_message("name_disrespect", tone, ctx, FULL)
    assert "My kids could do better." in filled.body
    assert missing_placeholders(filled) == ()


def test_professionalism_reminder_quotes_inappropriate_remarks_only_when_reported():
    ctx = make_ctx({"unprofessional.crossed_line": "yes", **DEPENDENT})
    draft = render_message("professionalism_reminder", "firm", ctx, EMPTY)
    assert "[your example]" in draft.body and missing_placeholders(draft)


def test_quote_for_extra_work_gives_price_and_new_deadline():
    body = render_message("quote_extra_work", "neutral", make_ctx(LATE_AND_SCOPE), FULL).body
    assert "a second landing page" in body
    assert "Price: €800" in body and "Delivery: 18 December 2026" in body
    empty = render_message("quote_extra_work", "neutral", make_ctx(LATE_AND_SCOPE), EMPTY).body
    assert "[price]" in empty and "[new deadline]" in empty
    assert "colleague" not in body and "recommend" not in body


def test_declining_extra_work_refers_someone():
    body = render_message("decline_extra_work", "neutral", make_ctx(LATE_AND_SCOPE), FULL).body
    assert "I can recommend Alex Roy, whose work I know and trust" in body


@pytest.mark.parametrize("message_id", ["quote_extra_work", "decline_extra_work"])
def test_a_warm_french_reply_to_extra_work_thanks_for_the_request_not_an_offer(message_id):
    # A Montréal reader: "Merci de m'avoir proposé l'export CSV" (the client asked for a
    # feature; they offered nothing).
    details = MessageDetails(extra_work="l'export CSV")
    body = render_message(message_id, "warm", make_ctx(LATE_AND_SCOPE, "fr"), details).body
    assert "Merci pour votre demande concernant l'export CSV" in body
    assert "m'avoir proposé" not in body


# --- the client's alias stays private --------------------------------------------------

ALIASES = ("Nightmare Co", "Acme Ltd", *HOSTILE_NAMES)
EVERYTHING_FLAGGED = {
    **LATE_PAYER,
    "late_payment.unpaid_90": "once",
    "less_work.volume_change": -60,
    "demanding.out_of_scope": 8,
    "disrespect.insults": "once",
    "contract_breach.has_contract": "no",
    "contract_breach.terms_broken": ("payment",),
    "high_maintenance.after_hours": "always",
    "unprofessional.crossed_line": "yes",
    "situation.notice_weeks": 4,
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("alias", ALIASES)
def test_the_alias_never_appears_in_any_draft_subject_or_eml_header(alias, lang):
    details = MessageDetails(
        sender_name="Camille Martin",
        sender_email="camille@example.com",
        contact_email="jane@example.com",
        overdue_amount=1500,
    )
    for answers in (LATE_PAYER, EVERYTHING_FLAGGED):
        ctx = make_ctx(answers, lang, name=alias)
        for message_id in MESSAGE_IDS:
            for tone in TONES:
                draft = render_message(message_id, tone, ctx, details)
                assert alias not in draft.subject and alias not in draft.body
                parsed = parse(draft_to_eml(draft, details))
                headers = "\n".join(f"{k}: {v}" for k, v in parsed.items())
                assert alias not in headers
                assert alias not in draft_to_txt(draft).decode()


@pytest.mark.parametrize("lang", LANGS)
def test_a_name_for_messages_is_used_when_the_user_gives_one(lang):
    ctx = make_ctx(LATE_PAYER, lang, name="Nightmare Co")
    details = MessageDetails(client_label="Acme Ltd")
    body = render_message("payment_terms", "neutral", ctx, details).body
    assert "Acme Ltd" in body and "Nightmare" not in body


# --- which drafts to suggest -------------------------------------------------------------


def ids(ctx) -> tuple[str, ...]:
    return tuple(m for m, _ in suggested_drafts(ctx))


def assert_well_formed(ctx) -> None:
    ranked = suggested_drafts(ctx)
    assert len(ranked) <= MAX_SUGGESTED
    assert len({m for m, _ in ranked}) == len(ranked)
    for message_id, why in ranked:
        assert message_id in MESSAGE_IDS
        assert why.strip() and "\n" not in why and "{" not in why


def test_late_payer_who_cannot_leave_gets_payment_terms_first_and_no_goodbye():
    for answers in (LATE_PAYER, {**LATE_PAYER, **RAISED_UNPAID}):
        ctx = make_ctx({**answers, **DEPENDENT})
        assert ctx.verdict in ("keep_boundaries", "renegotiate", "plan_exit")
        assert ids(ctx) == ("payment_terms",)
        assert_well_formed(ctx)
    assert_well_formed(ctx)


def test_let_go_puts_the_goodbye_first_then_collects_what_is_owed():
    ctx = make_ctx({**LATE_PAYER, **RAISED_UNPAID, **FREE})
    assert ctx.verdict == "let_go"
    assert ids(ctx) == ("goodbye", "payment_terms")
    assert_well_formed(ctx)


def test_let_go_over_demands_declines_the_extra_work_second():
    ctx = make_ctx(
        {
            "demanding.out_of_scope": 10,
            "demanding.tight_deadlines": "always",
            "demanding.changes_after_signoff": "always",
            "demanding.free_extras": "always",
            **FREE,
        }
    )
    ctx = with_verdict(ctx, "let_go")
    assert ids(ctx) == ("goodbye", "decline_extra_work")


def test_disrespect_when_free_to_leave_suggests_the_goodbye_only():
    ctx = make_ctx({"disrespect.insults": "repeatedly", "disrespect.raised": "no_change", **FREE})
    assert ctx.verdict == "let_go"
    assert ids(ctx) == ("goodbye",)


def test_disrespect_when_dependent_names_it_first():
    ctx = make_ctx({"disrespect.insults": "once", **DEPENDENT})
    # Then exchanges kept in writing and within set hours.
    assert ids(ctx) == ("name_disrespect", "communication_boundaries")


def test_a_late_payer_under_a_contract_gets_the_payment_clause_second():
    ctx = make_ctx({**LATE_PAYER, **DEPENDENT, "contract_breach.has_contract": "yes"})
    assert ids(ctx) == ("payment_terms", "contract_revision")
    body = render_message("contract_revision", "neutral", ctx).body
    assert "payable within 30 days" in body and "deposit of 50%" in body


@pytest.mark.parametrize("verdict", ["keep", "keep_boundaries", "renegotiate", "plan_exit"])
def test_stay_verdicts_rank_fix_drafts_deal_breaker_first_then_by_score(verdict):
    answers = {
        "high_maintenance.after_hours": "sometimes",
        "unprofessional.off_topic": "sometimes",
        "demanding.free_extras": "often",
        "disrespect.insults": "once",
        **FREE,
    }
    ctx = replace(make_ctx(answers), verdict=verdict)
    ranked = ids(ctx)
    assert ranked[0] == "name_disrespect"  # the deal-breaker
    assert len(ranked) == MAX_SUGGESTED
    assert "goodbye" not in ranked and "decline_extra_work" not in ranked
    scores = {s.id: s.score for s in ctx.flagged}
    assert scores["demanding"] >= scores["high_maintenance"]
    assert ranked[1] == "quote_extra_work"
    assert_well_formed(ctx)


def test_nothing_to_suggest_without_flagged_signs():
    assert suggested_drafts(make_ctx({})) == ()
    healthy = make_ctx({"late_payment.late_invoices": 0, **FREE})
    assert healthy.flagged == () and suggested_drafts(healthy) == ()


@pytest.mark.parametrize(
    "answers",
    [{}, {**LATE_PAYER, **FREE}, {"disrespect.insults": "once", **DEPENDENT}, EVERYTHING_FLAGGED],
)
def test_ordered_messages_list_every_message_once_suggested_first(answers):
    ctx = make_ctx(answers)
    ordered = ordered_messages(ctx)
    assert sorted(ordered) == sorted(MESSAGE_IDS)
    suggested = suggested_messages(ctx)
    assert ordered[: len(suggested)] == suggested
    assert_well_formed(ctx)


# --- user text stays literal ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_appear_literally_in_drafts(name, lang):
    ctx = make_ctx(LATE_PAYER, lang, name=name)
    details = MessageDetails(
        sender_name=name, contact_name=name, referral_name=name, client_label=name
    )
    for message_id in MESSAGE_IDS:
        draft = render_message(message_id, "neutral", ctx, details)
        assert name in draft.body
        assert draft.body.splitlines()[-1] == name
        assert "49" not in draft.body.replace(name, "")
    payment = render_message("payment_terms", "neutral", ctx, details)
    assert f"{name}." in payment.body  # "... for my work with <client>."


def test_names_with_line_breaks_cannot_break_the_subject_or_headers():
    ctx = make_ctx(LATE_PAYER)
    details = MessageDetails(
        contact_name="Jo\r\nX-Injected: 1",
        contact_email="jo@example.com",
        client_label="Evil\nBcc: victim@example.com",
    )
    draft = render_message("goodbye", "firm", ctx, details)
    assert "Evil Bcc: victim@example.com" in draft.body
    parsed = email.message_from_bytes(draft_to_eml(draft, details), policy=email.policy.default)
    assert parsed["Bcc"] is None and parsed["X-Injected"] is None
    assert parsed["To"].addresses[0].addr_spec == "jo@example.com"


# --- downloads ----------------------------------------------------------------------------


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("message_id", MESSAGE_IDS)
def test_eml_parses_back_to_the_same_subject_and_body(message_id, lang):
    ctx = make_ctx(LATE_PAYER, lang, name="Société Œuvre & Fils")
    draft = render_message(message_id, "warm", ctx, FULL)
    parsed = parse(draft_to_eml(draft, FULL))
    assert parsed["Subject"] == draft.subject
    assert parsed.get_content().rstrip("\n") == draft.body
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content_charset() == "utf-8"
    assert parsed["MIME-Version"] == "1.0"
    assert parsed["X-Unsent"] == "1"
    assert parsed["From"] is None and parsed["To"] is None  # no addresses given


def test_eml_headers_are_ascii_and_addresses_are_used_when_given():
    details = MessageDetails(
        sender_name="Camille Œuvre",
        sender_email="camille@example.com",
        contact_name="Jane Doe",
        contact_email="jane@example.com",
    )
    draft = render_message("goodbye", "neutral", make_ctx(LATE_PAYER, "fr"), details)
    raw = draft_to_eml(draft, details)
    headers = raw.split(b"\n\n", 1)[0]
    headers.decode("ascii")  # non-ASCII subjects and names are encoded
    parsed = parse(raw)
    assert parsed["From"].addresses[0].display_name == "Camille Œuvre"
    assert parsed["To"].addresses[0].addr_spec == "jane@example.com"
    assert parsed["Subject"] == draft.subject


def test_bad_email_address_is_left_out_rather_than_crashing():
    details = MessageDetails(sender_email="not an address <<>>")
    draft = render_message("goodbye", "neutral", make_ctx(LATE_PAYER), details)
    assert parse(draft_to_eml(draft, details))["From"] is None


_TEXT = st.text(
    alphabet=st.characters(
        whitelist_categories=("L", "N", "P", "S", "Zs"), blacklist_characters="\r\x0b\x0c"
    ),
    min_size=1,
    max_size=200,
)


@settings(max_examples=60, deadline=None)
@given(subject=_TEXT, lines=st.lists(_TEXT, min_size=1, max_size=8))
def test_any_draft_survives_the_eml_round_trip(subject, lines):
    subject = " ".join(subject.split()) or "x"
    body = "\n".join(line.strip() or "x" for line in lines)
    draft = Draft("goodbye", "warm", "fr", "Fin", subject, body)
    parsed = parse(draft_to_eml(draft))
    assert parsed["Subject"] == subject
    assert parsed.get_content().rstrip("\n") == body


def test_txt_download_has_subject_then_body_in_utf8():
    draft = render_message("payment_terms", "warm", make_ctx(LATE_PAYER, "fr"), FULL)
    text = draft_to_txt(draft).decode("utf-8")
    # A French draft's file says "Objet" (a user's walk: "Subject:" on a French letter).
    assert text.startswith(f"Objet\u00a0: {draft.subject}\n\n")
    assert text.rstrip("\n").endswith(draft.body)
    assert "1\u202f500\u00a0€" in text


def test_full_payment_upfront_drops_the_milestone_sentence():
    details = MessageDetails(deposit_percent=100)
    body = render_message("payment_terms", "firm", make_ctx(ASKED_IN_VAIN), details).body
    assert "100% of the fee" in body
    assert "instalments" not in body and " 0%" not in body


# --- French typography in every file ----------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
_JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# A plain space (or none) before ; : ! ? or » , or after « : French wants a non-breaking one.
_FR_SPACING = re.compile(r" [;:!?»%€]|« |\w[;!?»]|«\w|\w:(?=\s)")


def _french_template_texts():
    for path in sorted((ROOT / "templates").rglob("*.j2")):
        rel = path.relative_to(ROOT)
        if "fr" in rel.parts or ".fr." in path.name or path.name.startswith("fr."):
            # Tags are code; only the text between them reaches the reader.
            yield str(rel), _JINJA_TAG.sub("\x00", path.read_text(encoding="utf-8"))


def _french_toml_texts():
    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "fr" and isinstance(value, str):
                    yield where, value
                else:
                    yield from walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{where}[{index}]")

    paths = [ROOT / "clientcheck" / "strings.toml", *sorted((ROOT / "templates").rglob("*.toml"))]
    paths += sorted((ROOT / "questions").rglob("*.toml"))
    for path in paths:
        with path.open("rb") as fh:
            yield from walk(tomllib.load(fh), str(path.relative_to(ROOT)))


def test_french_text_everywhere_uses_non_breaking_spaces():
    faults = []
    for where, text in [*_french_template_texts(), *_french_toml_texts()]:
        for line in text.splitlines():
            match = _FR_SPACING.search(line)
            if match:
                faults.append(f"{where}: {match.group()!r} in {line.strip()[:90]!r}")
    assert not faults, "\n".join(faults)


def test_the_typography_check_can_fail():
    assert _FR_SPACING.search("Bonjour : ça va ?")
    assert _FR_SPACING.search("« oui »")
    assert not _FR_SPACING.search("Bonjour\u00a0: ça va\u202f? «\u00a0oui\u00a0»")


def test_french_drafts_say_e_mail_not_courriel():
    for where, text in _french_template_texts():
        assert "courriel" not in text.lower(), where


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("message_id", ["payment_terms", "goodbye"])
def test_french_pronouns_agree_with_an_amount_or_an_invoice(message_id, tone):
    ctx = make_ctx(LATE_PAYER, "fr")
    amount = render_message(message_id, tone, ctx, MessageDetails(overdue_amount=900)).body
    invoice = render_message(
        message_id, tone, ctx, MessageDetails(overdue_amount=900, invoice_number="7")
    ).body
    # One named invoice, with a field for its number when the user gave only the amount.
    assert "facture n°\u00a0[numéro]" in amount and "900\u00a0€" in amount
    assert "facture n°\u00a07" in invoice and "de le régler" not in invoice + amount


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_goodbye_says_each_thing_once_whatever_is_known(tone, lang):
    phrase = "work in progress" if lang == "en" else "travail en cours"
    for answers in ({}, {"late_payment.unpaid_90": "once"}, {"situation.notice_weeks": 2}):
        for details in (EMPTY, FULL):
            body = render_message("goodbye", tone, make_ctx(answers, lang), details).body
            assert body.count(phrase) == 1, body


# --- what the fresh-eyes review of the gallery found ---------------------------------

CONTRACT = {"contract_breach.has_contract": "yes"}
REVIEW_CONTEXTS = (
    {**LATE_PAYER, **DEPENDENT},
    {**LATE_PAYER, **DEPENDENT, **CONTRACT, "situation.notice_weeks": 4},
    {**LATE_PAYER, **RAISED_UNPAID, **FREE},
    {"disrespect.insults": "repeatedly", "disrespect.raised": "worse", **DEPENDENT},
)
BLUFFS = (
    "schedule fills up",
    "priority",
    "other clients",
    "priorité",
    "autres clients",
    "planning se remplit",
)


@pytest.mark.parametrize("lang", LANGS)
def test_no_draft_bluffs_about_a_full_schedule_or_other_clients(lang):
    for answers in REVIEW_CONTEXTS:
        ctx = make_ctx(answers, lang)
        for message_id in set(MESSAGE_IDS) - {"workload_checkin"}:
            for tone in TONES:
                for details in (EMPTY, FULL):
                    body = render_message(message_id, tone, ctx, details).body.lower()
                    for bluff in BLUFFS:
                        assert bluff not in body, (message_id, tone, bluff, body)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_an_unpaid_invoice_is_one_named_invoice_with_a_dated_deadline(lang, tone):
    # Assessed on Friday 27 November 2026: 14 days later is Friday 11 December.
    deadline = "11 December 2026" if lang == "en" else "11 décembre 2026"
    ctx = make_ctx({**LATE_PAYER, **RAISED_UNPAID, **FREE}, lang)
    for message_id in ("payment_terms", "goodbye"):
        body = render_message(message_id, tone, ctx, EMPTY).body
        assert deadline in body, body
        lowered = body.lower()
        for vague in ("end of the month", "without further delay", "some of my invoices"):
            assert vague not in lowered, body
        for vague in ("fin du mois", "sans plus attendre", "certaines de mes factures"):
            assert vague not in lowered, body
        assert ("Invoice [number]" if lang == "en" else "facture n°\u00a0[numéro]") in body
    # A date the user typed wins.
    typed = render_message("payment_terms", tone, ctx, FULL).body
    assert ("1 December 2026" if lang == "en" else "1er décembre 2026") in typed


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_firm_payment_letter_to_a_client_you_leave_says_what_happens_next(lang, tone):
    ctx = make_ctx({**LATE_PAYER, **RAISED_UNPAID, **FREE}, lang)
    body = render_message("payment_terms", tone, ctx, EMPTY).body
    formal = "formal steps to recover" if lang == "en" else "démarches de recouvrement"
    assert (formal in body) == (tone == "firm"), body


UNILATERAL = ("i am changing", "i am updating", "je modifie", "je fais évoluer")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_new_terms_under_a_contract_are_proposed_as_an_amendment(lang, tone):
    ctx = make_ctx({**LATE_PAYER, **DEPENDENT, **CONTRACT}, lang)
    for message_id in ("payment_terms", "contract_revision"):
        for details in (EMPTY, FULL):
            body = render_message(message_id, tone, ctx, details).body.lower()
            for word in UNILATERAL:
                assert word not in body, (message_id, body)
    body = render_message("payment_terms", tone, ctx, EMPTY).body
    assert ("amendment to our contract" if lang == "en" else "avenant") in body
    without = render_message("payment_terms", tone, make_ctx(LATE_PAYER, lang), EMPTY).body
    assert "amendment" not in without and "avenant" not in without


@pytest.mark.parametrize(
    ("contact", "lang", "tone", "greeting"),
    [
        ("Madame Durand", "en", "warm", "Dear Ms Durand,"),
        ("Monsieur Petit", "en", "neutral", "Dear Mr Petit,"),
        ("Mrs Smith", "en", "warm", "Dear Mrs Smith,"),
        ("Dr Patel", "en", "warm", "Dear Dr Patel,"),
        ("Jane", "en", "warm", "Hi Jane,"),
        ("Jane", "en", "firm", "Dear Jane,"),
        ("Ms Durand", "fr", "warm", "Bonjour Madame Durand,"),
        ("Madame Durand", "fr", "firm", "Bonjour Madame Durand,"),
        ("Jane", "fr", "warm", "Bonjour Jane,"),
        ("Jane Doe", "en", "warm", "Hi Jane,"),
        ("Jane Doe", "en", "neutral", "Dear Jane,"),
        ("Jane Doe", "en", "firm", "Dear Jane,"),
        ("Jane Doe", "fr", "firm", "Bonjour Jane,"),
        ("Jane Doe", "fr", "warm", "Bonjour Jane,"),
        ("Madame Durand", "fr", "warm", "Bonjour Madame Durand,"),
    ],
)
def test_an_addressee_with_a_title_is_greeted_formally_in_the_right_language(
    contact, lang, tone, greeting
):
    details = MessageDetails(contact_name=contact)
    body = render_message("workload_checkin", tone, make_ctx({}, lang), details).body
    assert body.startswith(greeting + "\n"), body


def _middle(body: str) -> str:
    """The body without its greeting and sign-off."""
    paragraphs = body.split("\n\n")
    return "\n\n".join(paragraphs[1:-1])


UNPROFESSIONAL_CASES = (
    {},
    {"unprofessional.gossip": "often", "unprofessional.off_topic": "always", **DEPENDENT},
    {"unprofessional.crossed_line": "yes", "unprofessional.off_topic": "often", **DEPENDENT},
)


@pytest.mark.parametrize("lang", LANGS)
def test_firm_professionalism_reminder_is_firmer_than_neutral(lang):
    for answers in UNPROFESSIONAL_CASES:
        ctx = make_ctx(answers, lang)
        for details in (EMPTY, FULL):
            neutral = render_message("professionalism_reminder", "neutral", ctx, details).body
            firm = render_message("professionalism_reminder", "firm", ctx, details).body
            assert _middle(neutral) != _middle(firm), (answers, firm)
            for body in (neutral, firm):
                assert "quoted like any other" not in body  # circular wording
                assert "comme tout autre travail" not in body


@pytest.mark.parametrize("lang", LANGS)
def test_a_flagged_professionalism_issue_asks_the_user_to_name_the_behaviour(lang):
    ctx = make_ctx(UNPROFESSIONAL_CASES[1], lang)
    assert "unprofessional" in {s.id for s in ctx.flagged}
    field = "[the behaviour" if lang == "en" else "[le comportement"
    for tone in TONES:
        assert field in render_message("professionalism_reminder", tone, ctx, EMPTY).body


WARM_SENTIMENT = (
    "thank you again",
    "merci encore",
    "i enjoy",
    "i value our",
    "look forward",
    "i'd rather say so now",
    "j'ai plaisir",
    "je tiens à notre collaboration",
    "je me réjouis",
    "je préfère vous le dire maintenant",
)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_no_warm_sentiment_or_unlimited_changes_towards_an_insulting_client(lang, tone):
    ctx = make_ctx(REVIEW_CONTEXTS[3], lang)
    assert "disrespect" in {s.id for s in ctx.flagged}
    for message_id in ("name_disrespect", "payment_terms", "goodbye", "professionalism_reminder"):
        body = render_message(message_id, tone, ctx, FULL).body.lower()
        for phrase in (*WARM_SENTIMENT, "tell me what to change", "even bluntly", "sans détour"):
            assert phrase not in body, (message_id, phrase, body)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_billing_extra_contact_and_extra_work_is_offered_not_imposed(lang, tone):
    ctx = make_ctx({"high_maintenance.calls": "often", **DEPENDENT}, lang)
    body = render_message("communication_boundaries", tone, ctx, EMPTY).body
    # A rate not given: "my hourly rate", never a field, never "usual".
    assert ("at my hourly rate" if lang == "en" else "à mon tarif horaire") in body
    assert "[your hourly rate]" not in body and "[votre tarif horaire]" not in body
    assert any(w in body for w in ("agree", "confirm", "d'accord", "confirmer")), body
    assert "usual rate" not in body and "tarif habituel" not in body
    quote = render_message("quote_extra_work", tone, ctx, EMPTY).body
    assert "paid change" not in quote and "modification payante" not in quote
    decline = render_message("decline_extra_work", tone, ctx, EMPTY).body
    for phrase in ("schedule does not allow", "apologise", "planning ne le permet", "excuser"):
        assert phrase not in decline, decline
    assert ("[the request" if lang == "en" else "[la demande") in decline


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_a_typed_amount_alone_never_claims_90_days_overdue(lang, tone):
    claim = "90 days" if lang == "en" else "90\u00a0jours"
    typed = MessageDetails(overdue_amount=900)
    body = render_message("payment_terms", tone, make_ctx(DEPENDENT, lang), typed).body
    assert claim not in body and "900" in body
    said = make_ctx(
        {**DEPENDENT, "late_payment.unpaid_90": "once", "late_payment.owed_now": "disputed"}, lang
    )
    assert claim in render_message("payment_terms", tone, said, EMPTY).body


def test_bracketed_fields_are_listed_for_the_user_to_fill():
    ctx = make_ctx({**LATE_PAYER, **RAISED_UNPAID, **FREE})
    draft = render_message("payment_terms", "neutral", ctx, EMPTY)
    assert fields_to_fill(draft) == ("[number]", "[name]", "[amount]", "[date]", "[your name]")
    assert fields_to_fill(render_message("payment_terms", "neutral", ctx, FULL)) == ()
    remark = render_message("name_disrespect", "neutral", ctx, EMPTY)
    assert "[your example]" not in fields_to_fill(remark)  # that one blocks the download


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_one_unpaid_invoice_is_never_called_several_late_invoices(lang, tone):
    ctx = make_ctx({"late_payment.unpaid_90": "once", **DEPENDENT}, lang)
    assert "late_payment" in {s.id for s in ctx.flagged}
    for message_id in ("payment_terms", "contract_revision"):
        body = render_message(message_id, tone, ctx, EMPTY).body.lower()
        for claim in ("several", "repeatedly", "plusieurs", "régulièrement"):
            assert claim not in body, (message_id, body)
    # A reported habit is stated as the user reported it.
    history = make_ctx({**LATE_PAYER, **DEPENDENT}, lang)
    body = render_message("contract_revision", tone, history, EMPTY).body
    pattern = {
        "en": "Of my last 10 invoices to you, eight were paid after their due date, "
        "45 days late on average.",
        "fr": "Sur les 10 dernières factures que je vous ai adressées, "
        "8 ont été réglées après leur échéance, avec 45 jours de retard en moyenne.",
    }
    assert pattern[lang][1:] in body  # warm leads in: "I've noticed that of my last 10…"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_a_late_payer_never_told_is_asked_to_keep_the_due_date_not_for_a_deposit(lang, tone):
    """Keep, and set boundaries (pays in full, late, never told): the first draft says it
    once, names the late fee from the next invoice and offers a longer term priced in; the
    deposit waits until asking has failed (then Renegotiate now asks for it)."""
    next_invoice, deposit = {
        "en": ("From the next invoice", "% of the fee"),
        "fr": ("Dès la prochaine facture", "acompte"),
    }[lang]
    first = make_ctx({**LATE_PAYER, **FREE}, lang)
    assert first.verdict == "keep_boundaries"
    body = render_message("payment_terms", tone, first).body
    assert next_invoice in body and deposit not in body
    asked = make_ctx({**LATE_PAYER, "late_payment.raised": "no_change", **FREE}, lang)
    assert asked.verdict == "renegotiate"
    body = render_message("payment_terms", tone, asked).body
    assert next_invoice not in body and deposit in body


@pytest.mark.parametrize("lang", LANGS)
def test_a_client_in_mourning_is_written_to_kindly_and_asked_when_not_charged(lang):
    ctx = make_ctx({**LATE_PAYER, "situation.hard_times": "personal", **FREE}, lang)
    body = render_message("payment_terms", "neutral", ctx).body
    kind = {"en": "very difficult time", "fr": "période très difficile"}[lang]
    pause = {"en": "pause the work", "fr": "mettre le travail en pause"}[lang]
    fee = {"en": "will carry", "fr": "entraînera"}[lang]
    assert kind in body and pause in body and fee not in body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_a_grieving_client_who_may_not_pay_is_asked_when_and_how_never_for_a_deposit(lang, tone):
    """Part of an invoice paid, a bereavement, they may not be able to pay at all: the draft
    thanks them for what came, names the balance as a field, asks when and how it can be
    paid (or a pause), with no tally of late invoices, no deadline and no deposit (read
    by a freelancer who chases money: "a tally and a deposit read as blame")."""
    answers = {
        **SLOW_NOW,
        "late_payment.owed_now": "part_paid",
        "late_payment.owed_growing": "may_not_pay",
        "situation.hard_times": "personal",
    }
    ctx = make_ctx(answers, lang)
    assert ctx.verdict == "renegotiate"
    assert payment_terms_mode(ctx) == "gentle"
    body = render_message("payment_terms", tone, ctx, EMPTY).body.replace("\u202f", " ")
    assert_clean(render_message("payment_terms", tone, ctx, EMPTY))
    expected = {
        "en": ("has been paid only in part", "[balance] is still due", "pause the work"),
        "fr": (
            "n'a été réglée qu'en partie",
            "il reste [solde] à payer",
            "mettre le travail en pause",
        ),
    }[lang]
    for words in expected:
        assert words in body, (words, body)
    unwanted = {  # a deposit, the tally, a date to pay by (a date to answer by is fine)
        "en": ("deposit", "after their due date", "settle it by", "arrange payment by", "pay it"),
        "fr": ("acompte", "après leur échéance", "la régler d'ici", "régler intégralement"),
    }[lang]
    for words in unwanted:
        assert words not in body, (words, body)


@pytest.mark.parametrize("lang", LANGS)
def test_firm_terms_for_a_client_with_no_payment_problem_differ_from_neutral(lang):
    """A reader found the firm version read as neutral: the firm one asks for written
    agreement before the next project."""
    ctx = make_ctx({"late_payment.chasing": "never", **FREE}, lang)
    neutral = render_message("payment_terms", "neutral", ctx).body
    firm = render_message("payment_terms", "firm", ctx).body
    written = {"en": "written agreement", "fr": "accord écrit"}[lang]
    assert written in firm and written not in neutral


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_proposed_cut_gets_a_reply_that_names_it_and_negotiates_if_you_depend(lang):
    money = {"money.pay_basis": "hourly", "money.hourly_rate": 55, "situation.currency": "EUR"}
    depend = {"situation.income_share": 70, "situation.savings_months": 1, **money}
    free = {"situation.income_share": 5, "situation.savings_months": 12, **money}
    cut = {"situation.usual_rate": "cut_proposed"}
    rate = "€55 an hour" if lang == "en" else "55\u00a0€ de l'heure"
    change = "[the change they propose" if lang == "en" else "[le changement proposé"
    offer = "[what you could offer instead" if lang == "en" else "[ce que vous pourriez offrir"
    ultimatum = (
        "Until any change is agreed in writing" if lang == "en" else "sauf accord écrit contraire"
    )
    as_it_stands = "as it stands" if lang == "en" else "en l'état"
    stuck = make_ctx({**depend, **cut}, lang)
    assert stuck.verdict == "renegotiate" and not stuck.can_leave
    assert suggested_messages(stuck)[0] == "counter_proposal"
    for tone in TONES:
        body = render_message("counter_proposal", tone, stuck).body
        # You depend on them: every tone negotiates (the plan says so), none is an ultimatum.
        assert rate in body and change in body and offer in body and as_it_stands in body, body
        assert ultimatum not in body, body
        assert not re.search(r"\b(end|terminate|leave|mettre fin|partir)\b", body)
    kept = make_ctx({**free, **cut}, lang)
    assert kept.verdict == "renegotiate"
    assert suggested_messages(kept)[0] == "counter_proposal"
    firm = render_message("counter_proposal", "firm", kept).body
    assert rate in firm and change in firm and ultimatum in firm and offer not in firm, firm
    for tone in ("warm", "neutral"):
        assert offer in render_message("counter_proposal", tone, kept).body
    # Without a rate, the field shows where it goes.
    bare = make_ctx({"situation.income_share": 5, **cut}, lang)
    field = "[current rate]" if lang == "en" else "[tarif actuel]"
    assert field in render_message("counter_proposal", "neutral", bare).body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_cut_they_imposed_gets_a_reply_first_that_names_the_agreed_rate_not_the_cut_one(lang):
    # A subtitler whose rate the client cut on its own (75 % of the income, 8 months saved):
    # the plan said "say in writing that you do not accept the cut", and no draft did (ci23).
    money = {"money.pay_basis": "hourly", "money.hourly_rate": 30, "situation.currency": "EUR"}
    imposed = {"situation.usual_rate": "far_below", "situation.rate_history": "imposed"}
    depend = {"situation.income_share": 75, "situation.savings_months": 8, **money, **imposed}
    ctx = make_ctx({**depend, "contract_breach.has_contract": "yes"}, lang)
    assert ctx.verdict == "plan_exit" and ctx.driver_rule == "rate_cut_while_you_depend"
    assert suggested_messages(ctx)[0] == "counter_proposal"
    does_it = "The draft below does it" if lang == "en" else "Le brouillon ci-dessous le fait"
    assert does_it in " ".join(action_plan(ctx))
    cut_rate = "€30 an hour" if lang == "en" else "30 € de l'heure"
    agreed = "[the rate we agreed]" if lang == "en" else "[montant convenu]"
    made = "[the change they made" if lang == "en" else "[le changement décidé"
    proposal = re.compile(r"propos(al|ed|ition)\b", re.I)
    for tone in TONES:
        draft = render_message("counter_proposal", tone, ctx)
        text = f"{draft.subject}\n{draft.body}"
        # The rate paid now is the cut one: the reply names the rate agreed before it.
        assert agreed in draft.body and made in draft.body and cut_rate not in text, text
        assert not proposal.search(text), text  # it was done, not proposed
        assert "au [" not in draft.body, draft.body  # « au 500 € HT par jour » once filled
    # A client you could do without who cut your rate: the reply comes first too.
    free = make_ctx({**imposed, "situation.income_share": 5, "situation.savings_months": 12}, lang)
    assert free.verdict == "keep_boundaries", free.verdict
    assert suggested_messages(free)[0] == "counter_proposal"
    # A proposal not yet in force keeps its own words.
    proposed = make_ctx({"situation.income_share": 5, "situation.usual_rate": "cut_proposed"}, lang)
    assert proposal.search(render_message("counter_proposal", "neutral", proposed).subject)


def test_fees_paid_while_lateness_goes_on_suggest_stricter_terms_first():
    # The plan says make the terms stricter: the payment terms draft comes first.
    answers = {
        "situation.income_share": 30,
        "situation.savings_months": 6,
        "late_payment.invoices_total": 10,
        "late_payment.late_invoices": 10,
        "late_payment.days_late": 60,
        "late_payment.raised": "enforced_paid",
        "contract_breach.has_contract": "yes",
    }
    ctx = make_ctx(answers)
    assert ctx.verdict == "renegotiate"
    assert suggested_messages(ctx)[0] == "payment_terms"
    # Paying what is due but leaving out the fee keeps the terms that worked: no new terms
    # to send (the plan says settle the fee calmly).
    skipped = make_ctx({**answers, "late_payment.raised": "enforced_complied"})
    assert skipped.verdict == "keep_boundaries"
    assert "payment_terms" not in suggested_messages(skipped)
    assert "contract_revision" not in suggested_messages(skipped)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_dishonest_request_gets_a_calm_refusal_not_a_reminder_about_remarks(lang):
    base = {"situation.income_share": 20, "unprofessional.crossed_line": "yes"}
    ctx = make_ctx({**base, "unprofessional.crossed_what": ("dishonest",)}, lang)
    refuse = (
        ("can't do it", "not something I can agree to", "won't do this")
        if lang == "en"
        else (
            "je ne peux pas y donner suite",
            "je ne peux pas accepter de le faire",
            "n'y donnerai pas suite",
        )
    )
    for tone, words in zip(TONES, refuse, strict=True):
        draft = render_message("professionalism_reminder", tone, ctx)
        assert words in draft.body, draft.body
        assert not missing_placeholders(draft)  # nothing blocks sending but the request field
        assert "[the request" in draft.body or "[la demande" in draft.body
    # Remarks as well: the reminder quoting what was said, as before.
    both = make_ctx({**base, "unprofessional.crossed_what": ("dishonest", "remarks")}, lang)
    assert "[your example]" in render_message("professionalism_reminder", "neutral", both).body or (
        "[votre exemple]" in render_message("professionalism_reminder", "neutral", both).body
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_shortcut_gets_the_same_calm_refusal_with_its_own_example_and_advice(lang):
    # Fake reviews or cash with no invoice: refused like a falsified invoice, and the field
    # to fill in gives examples of that kind of request, not of redated invoices.
    base = {"situation.income_share": 20, "unprofessional.crossed_line": "yes"}
    ctx = make_ctx({**base, "unprofessional.crossed_what": ("shortcut",)}, lang)
    assert ctx.verdict == "keep_boundaries"
    own = {"en": "posting reviews or being paid in cash", "fr": "publier des avis ou un paiement"}[
        lang
    ]
    graver = "redating an invoice" if lang == "en" else "antidater une facture"
    for tone in TONES:
        draft = render_message("professionalism_reminder", tone, ctx)
        assert own in draft.body and graver not in draft.body, draft.body
        assert "other clients" not in draft.body and "autres clients" not in draft.body
        # No offer after the no: "an honest way of reaching the same goal", then "what I can
        # do within the rules", read as inviting a grey-zone version of the request (two
        # professionals' readings, cu14: a thesis written for someone); no "someone's messages".
        never_said = ("same goal", "même but", "within the rules", "dans les règles")
        for never in (*never_said, "someone's messages", "messages de quelqu'un", "  "):
            assert never not in draft.body, draft.body
    falsified = make_ctx({**base, "unprofessional.crossed_what": ("dishonest",)}, lang)
    assert graver in render_message("professionalism_reminder", "neutral", falsified).body
    advice = "\n".join(line for block in advice_for(ctx) for line in block.lines)
    plain = "Say no to the shortcut" if lang == "en" else "Refusez le raccourci"
    assert plain in advice, advice
    assert ("falsify" if lang == "en" else "falsifier") not in advice


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_questions_about_other_clients_get_the_same_short_answer_not_a_refused_request(lang):
    base = {"situation.income_share": 20, "unprofessional.crossed_line": "yes"}
    asked = {**base, "unprofessional.crossed_what": ("prying",)}
    again = {**asked, "unprofessional.raised": "no_change"}
    never = "projects or fees" if lang == "en" else "projets"
    said = ("As I've said", "As I've said before") if lang == "en" else ("Comme je vous l'ai",)
    reopen = (
        ("talk any of this over", "any questions you may have")
        if lang == "en"
        else ("Si vous souhaitez en parler", "répondre à vos questions à ce sujet")
    )
    subjects = set()
    for tone in TONES:
        first = render_message("professionalism_reminder", tone, make_ctx(asked, lang))
        later = render_message("professionalism_reminder", tone, make_ctx(again, lang))
        for draft in (first, later):
            assert never in draft.body, draft.body
            # Nothing to fill in (no rival named in writing), and no invitation to reopen
            # the subject the message closes.
            assert "[" not in draft.body.replace("[name]", "").replace("[your name]", "").replace(
                "[nom]", ""
            ).replace("[votre nom]", ""), draft.body
            assert not any(words in draft.body for words in reopen), draft.body
            assert "[the request" not in draft.body and "[la demande" not in draft.body
        # Asked again after a "no": the draft says it has been said before.
        assert not any(words in first.body for words in said), first.body
        if tone != "neutral":
            assert any(words in later.body for words in said), later.body
        subjects.add(first.subject)
    assert len(subjects) == 3
    # Together with a dishonest request, the graver one is refused.
    both = make_ctx({**base, "unprofessional.crossed_what": ("dishonest", "prying")}, lang)
    body = render_message("professionalism_reminder", "neutral", both).body
    assert ("[the request" in body or "[la demande" in body) and never not in body


def test_an_incident_the_client_put_right_themselves_gets_no_draft_about_it():
    # Camille's client keeps asking about other clients, and once swore at her but
    # apologised on his own: the reply to the questions comes first, nothing about the
    # apology-settled insult.
    answers = {
        "situation.income_share": 60,
        "situation.savings_months": 5,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("prying",),
        "unprofessional.raised": "no_change",
        "disrespect.insults": "once",
    }
    raised = [m for m, _ in suggested_drafts(make_ctx(answers))]
    assert raised[0] == "name_disrespect"  # not put right: named first, as before
    settled = make_ctx({**answers, "disrespect.raised": "self_corrected"})
    drafts = [m for m, _ in suggested_drafts(settled)]
    assert drafts[0] == "professionalism_reminder", drafts
    assert "name_disrespect" not in drafts


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("tone", ["warm", "neutral", "firm"])
def test_a_struggling_client_who_pays_late_is_offered_a_payment_plan_not_late_fees(lang, tone):
    # Read by a professional (docs/reviews/payment-plan-and-notice-first-reading.md): say it was
    # never raised, a plan in instalments with a cap, no interest or fees (past ones
    # included) while it is kept, and no statute up front for an honest client.
    answers = {
        "situation.income_share": 15,
        "situation.savings_months": 12,
        "situation.pipeline": "some",
        "situation.hard_times": "business",
        "situation.client_kind": "business",
        "situation.jurisdiction": "uk" if lang == "en" else "fr",
        "late_payment.invoices_total": 12,
        "late_payment.late_invoices": 10,
        "late_payment.days_late": 45,
        "late_payment.raised": "not_yet",
    }
    ctx = make_ctx(answers, lang)
    assert (ctx.verdict, ctx.driver_rule) == ("keep_boundaries", "a_payment_plan_for_hard_times")
    assert suggested_messages(ctx)[0] == "payment_terms"
    body = render_message("payment_terms", tone, ctx).body
    words = {
        "en": (
            "monthly instalments",
            "no more than [amount] outstanding",
            "including on past invoices",
        ),
        "fr": (
            "mensualités",
            "un encours qui ne dépasse jamais [montant]",
            "y compris sur les factures passées",
        ),
    }[lang]
    assert all(w in body for w in words), body
    statute, next_fee = {
        "en": ("Late Payment of Commercial Debts", "From the next invoice"),
        "fr": ("L441-10", "Dès la prochaine facture"),
    }[lang]
    assert statute not in body and next_fee not in body


def free_answers(answers: dict) -> dict:
    return {**answers, "situation.income_share": 20.0, "situation.savings_months": 8.0}


@pytest.mark.parametrize("lang", LANGS)
def test_late_fees_paid_and_still_late_without_counts_proposes_a_deposit_and_says_why(lang):
    # A reader of the calibration set (as12): a 2 % monthly fee added for eight months, paid,
    # and invoices still 45-60 days late; how many invoices was not said. The plan says to
    # make the terms stricter; the first draft offered only "payable within 30 days", as
    # to a client with no payment problem. Fees paid and still late is a pattern, counted
    # or not: the draft says so, with the days, and proposes a deposit.
    answers = {
        "situation.income_share": 80.0,
        "situation.savings_months": 4.0,
        "late_payment.invoices_total": "dont_know",
        "late_payment.days_late": 53.0,
        "late_payment.raised": "enforced_paid",
    }
    ctx = make_ctx(answers, lang)
    assert ctx.verdict == "renegotiate"
    assert suggested_messages(ctx)[0] == "payment_terms"
    for tone in TONES:
        body = render_message("payment_terms", tone, ctx).body
        assert "53" in body, body
        late_fee = "late fee has been added" if lang == "en" else "pénalité de retard est ajoutée"
        assert late_fee in body, body
        # 80 % of the income, four months saved: a deposit on large projects, with every
        # invoice payable within 30 days (a deposit on every job "amounts to leaving").
        assert ("deposit of 50% of its fee" if lang == "en" else "acompte de 50") in body, body
        large = "any project over [amount]" if lang == "en" else "projet de plus de [montant]"
        assert large in body, body
    # Free to leave: a deposit on every project, thirty days only for the balance after it.
    free = make_ctx(free_answers(answers))
    assert free.verdict == "renegotiate" and payment_terms_mode(free) == "deposit"
    for tone in TONES:
        body = render_message("payment_terms", tone, make_ctx(free_answers(answers), lang)).body
        assert ("50% of the fee" if lang == "en" else "acompte de 50") in body, body
        due = "payable within 30 days" if lang == "en" else "payable à 30 jours"
        balance = "on delivery and " + due if lang == "en" else "à la livraison et " + due
        assert body.count(due) == body.count(balance) > 0, body


@pytest.mark.parametrize("lang", LANGS)
def test_a_dishonest_request_backed_by_a_threat_is_refused_and_the_threat_answered(lang):
    # A reader of the calibration set (at18): asked to sign calculation notes without seeing
    # the site, and reminded that "there are other engineers in my address book". The first
    # draft was the generic "a remark went too far, [your example]"; it is a refusal of
    # the request that says the answer does not depend on the threat.
    answers = {
        "situation.income_share": 70.0,
        "situation.savings_months": 1.0,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("dishonest", "threats"),
    }
    ctx = make_ctx(answers, lang)
    assert ctx.verdict == "plan_exit"
    assert suggested_messages(ctx)[0] == "professionalism_reminder"
    same = "whatever it mea" if lang == "en" else "quelles qu'en soient les conséquences"
    plain = make_ctx({**answers, "unprofessional.crossed_what": ("dishonest",)}, lang)
    for tone in TONES:
        body = render_message("professionalism_reminder", tone, ctx).body
        named = ("your request", "your message about") if lang == "en" else ("votre demande",)
        assert any(words in body for words in named), body
        assert ("[your example]" if lang == "en" else "[votre exemple]") not in body, body
        assert same in body, body
        assert "  " not in body
        # Without a threat, no word about one.
        assert same not in render_message("professionalism_reminder", tone, plain).body


@pytest.mark.parametrize("lang", LANGS)
def test_a_threat_from_a_client_you_depend_on_is_answered_and_the_terms_held(lang):
    # The judges, on the tuned part: never answered yet, from a client you cannot afford to
    # lose, a threat calls for a calm written answer on the agreed terms, a client kept only
    # if it stops, and less dependence on them. A freelancer's reading of the first drafts:
    # answer the request behind the threat, leave the threat aside, never a counter-threat.
    threat = {"unprofessional.crossed_line": "yes", "unprofessional.crossed_what": ("threats",)}
    ctx = make_ctx({**threat, **DEPENDENT}, lang)
    assert ctx.verdict == "renegotiate"
    terms = "terms you agreed" if lang == "en" else "conditions convenues"
    (first, why), *_ = suggested_drafts(ctx)
    assert first == "professionalism_reminder" and terms in why
    assert default_tone(ctx, first) == "warm"
    advice = " ".join(" ".join(item.lines) for item in advice_for(ctx))
    assert terms in advice
    assert ("no new terms fix" if lang == "en" else "aucune nouvelle condition") not in advice
    plan = " ".join(action_plan(ctx))
    assert ("other clients" if lang == "en" else "d'autres clients") in plan
    assert ("Leave the threat aside" if lang == "en" else "Laissez la menace de côté") in plan
    asked = "[what they asked for" if lang == "en" else "[ce qui est demandé"
    escalates = {
        "en": ("[your example]", "threat", "pressure", "reconsider", "note of what"),
        "fr": ("[votre exemple]", "menace", "pression", "reconsidérer", "trace"),
    }[lang]
    for tone in TONES:
        draft = render_message("professionalism_reminder", tone, ctx)
        assert asked in draft.body and "  " not in draft.body, draft.body
        assert not [word for word in escalates if word in draft.body], draft.body
    # From a client you can do without, it ends at once, as before.
    free = make_ctx({**threat, **FREE}, lang)
    assert free.verdict == "let_go"
    assert suggested_drafts(free)[0][0] == "goodbye"
    # What would change it: never "raise it and see" beside "no terms fix that" (a user saw
    # "If you raise it and it stops, the verdict would be Keep" under Let go).
    ended = "whatever you try" if lang == "en" else "quoi que vous tentiez"
    assert ended in free.changes[0], free.changes
    raise_it = "If you raise" if lang == "en" else "Si vous abordez"
    # A line crossed is answered with a clear no, not "raised" like a habit.
    say_no = "If you object or refuse" if lang == "en" else "Si vous exprimez clairement"
    assert not any(raise_it in line or say_no in line for line in free.changes), free.changes
    # The goodbye says the demand is not part of the work finished before the end, and the
    # plan does not send a colleague to a client who threatened (a user's walk).
    beyond = "is not included" if lang == "en" else "n'est pas inclus"
    assert beyond in render_message("goodbye", "neutral", free).body
    assert beyond not in render_message("goodbye", "neutral", make_ctx(FREE, lang)).body
    colleague = "colleague" if lang == "en" else "consœur"
    assert not any(colleague in step for step in action_plan(free)), action_plan(free)
    # Its advice says to keep a record once, not twice in a row (a user's walk).
    lines = [line for item in advice_for(free) for line in item.lines]
    record, end = ("record", "End the") if lang == "en" else ("trace", "Mettez fin")
    assert sum(record in line for line in lines) == 1, lines
    assert not any(end in line and record in line for line in lines), lines
    # While it can still be answered, a clear no is what would change it.
    assert any(say_no in line for line in ctx.changes), ctx.changes
    assert not any(raise_it in line for line in ctx.changes), ctx.changes
    assert not any(ended in line for line in ctx.changes)
    assert terms not in " ".join(" ".join(item.lines) for item in advice_for(free))


# Other invoices unpaid too (a freelancer's reading: "the situation's main fact is missing"):
# the payment drafts give the total of every unpaid invoice and ask for all of it.
TOTAL_SENTENCE = {
    "en": "With your other overdue invoices ([numbers]), €5,400 is overdue in all.",
    "fr": "Avec vos autres factures échues (n°\u00a0[numéros]), "
    "le total en retard s'élève à 5\u202f400\u00a0€.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("tone", ["warm", "neutral", "firm"])
def test_the_payment_draft_gives_the_total_owed_and_asks_for_all_of_it(lang, tone):
    details = replace(FULL, total_owed=5400)
    body = render_message("payment_terms", tone, make_ctx(ASKED_IN_VAIN, lang), details).body
    assert TOTAL_SENTENCE[lang] in body, body
    plural = {"en": ("settle them", "arrange payment", "pay them"), "fr": ("les régler",)}
    assert any(p in body for p in plural[lang]), body
    assert "settle it" not in body and "la régler" not in body
    # One invoice only (the total is this invoice's amount, or less): no total sentence.
    for total in (1500, 900, None):
        alone = render_message(
            "payment_terms", tone, make_ctx(ASKED_IN_VAIN, lang), replace(FULL, total_owed=total)
        ).body
        assert TOTAL_SENTENCE[lang][:25] not in alone


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_goodbye_asks_for_the_whole_balance_and_a_claim_stays_on_its_invoice(lang):
    details = replace(FULL, total_owed=5400, invoice_number="2026-014")
    ctx = make_ctx(ASKED_IN_VAIN, lang)
    goodbye = render_message("goodbye", "neutral", ctx, details).body
    total = {
        "en": "€5,400 is overdue in all",
        "fr": "le total en retard s'élève à 5\u202f400\u00a0€",
    }
    assert total[lang] in goodbye, goodbye
    assert ("régler l'ensemble" in goodbye) if lang == "fr" else ("so please arrange" in goodbye)
    claim = render_message("late_payment_claim", "neutral", ctx, details).body
    assert "5,400" not in claim and "5\u202f400" not in claim


# A business client who pays late, was asked and nothing changed, with an invoice past due
# today (not yet 90 days): "enforce your terms now". A user read the neutral draft as "it
# only asks": the payment draft opens firm and the late-payment claim is suggested next.
ENFORCE_NOW = {
    **FREE,
    "situation.client_kind": "business",
    "situation.jurisdiction": "uk",
    **LATE_PAYER,
    "late_payment.raised": "no_change",
    "late_payment.owed_now": "slow",
}


def test_asked_in_vain_with_money_overdue_now_suggests_the_claim_and_opens_firm():
    ctx = make_ctx(ENFORCE_NOW)
    assert ctx.verdict == "renegotiate"
    suggested = suggested_messages(ctx)
    assert suggested[:2] == ("payment_terms", "late_payment_claim"), suggested
    assert default_tone(ctx, "payment_terms") == "firm"
    assert default_tone(ctx, "late_payment_claim") == "neutral"
    # Never asked: a word first, no claim, and the draft opens neutral.
    first_word = make_ctx({**ENFORCE_NOW, "late_payment.raised": "not_yet"})
    assert "late_payment_claim" not in suggested_messages(first_word)
    assert default_tone(first_word, "payment_terms") == "neutral"
    # Nothing overdue today: nothing to claim.
    paid_up = make_ctx({**ENFORCE_NOW, "late_payment.owed_now": "none"})
    assert "late_payment_claim" not in suggested_messages(paid_up)


# A lovely client paying far below your usual rate, whose chats drift to personal matters:
# the rate sets the verdict, so the rate review is the first draft, before a reminder about
# professionalism (a user: "I would never send that just before asking for a raise").
LOW_RATE_CHATTY = {
    **FREE,
    "situation.work_matters": "quite",
    "situation.usual_rate": "far_below",
    "unprofessional.off_topic": "sometimes",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_when_the_rate_sets_the_verdict_the_rate_review_comes_first(lang):
    ctx = make_ctx(LOW_RATE_CHATTY, lang)
    assert ctx.driver_rule and not ctx.driver_kind  # a money rule, not a sign
    suggested = suggested_messages(ctx)
    assert suggested[0] == "new_rates", suggested
    assert "professionalism_reminder" in suggested
    # A sign that sets the verdict keeps its own draft first.
    insults = {"disrespect.belittles": "often", "disrespect.insults": "repeatedly"}
    insulted = make_ctx({**LOW_RATE_CHATTY, **insults}, lang)
    assert insulted.driver_kind and suggested_messages(insulted)[0] != "new_rates"
    # A client to keep, whose only real problem is the rate: the rise opens warm (a
    # freelancer's reading: "a lovely client, the bare neutral text is too cold"); beside
    # insults it stays neutral.
    lovely = {k: v for k, v in LOW_RATE_CHATTY.items() if not k.startswith("unprofessional")}
    assert suggested_messages(make_ctx(lovely, lang))[0] == "new_rates"
    assert default_tone(make_ctx(lovely, lang), "new_rates") == "warm"
    assert default_tone(insulted, "new_rates") == "neutral"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_several_unpaid_invoices_are_named_as_several_from_the_first_line(lang):
    details = replace(FULL, total_owed=5400, client_label="Harbour Ltd")
    body = render_message("payment_terms", "firm", make_ctx(ASKED_IN_VAIN, lang), details).body
    first = {"en": "writing about overdue invoices", "fr": "au sujet de factures en retard"}
    assert first[lang] in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_after_asking_in_vain_the_payment_draft_says_so_and_states_the_deposit(lang):
    # Two freelancers' readings: a draft that only asks again, after asking failed, is
    # not enforcing. Every tone says it was raised before; the firm one states the terms.
    said = {"en": "raised this with you before", "fr": "Je vous en avais déjà parlé"}
    warm = {"en": "I've mentioned this before", "fr": "Je vous en avais déjà parlé"}
    for tone in TONES:
        body = render_message("payment_terms", tone, make_ctx(ASKED_IN_VAIN, lang), FULL).body
        assert (warm if tone == "warm" else said)[lang] in body, body
    firm = render_message("payment_terms", "firm", make_ctx(ASKED_IN_VAIN, lang), FULL).body
    stated = {"en": "From the next project, work will start", "fr": "le travail démarrera"}
    assert stated[lang] in firm and "propos" not in firm, firm
    # Never raised: a first word, with no "as I said before".
    first = render_message("payment_terms", "firm", make_ctx(LATE_PAYER, lang), FULL).body
    assert said[lang] not in first and warm[lang] not in first


@pytest.mark.parametrize("lang", LANGS)
def test_scope_advice_names_deadlines_only_when_reported(lang):
    # A user's walk: "Délais déraisonnables…" for someone who left deadlines unanswered.
    creep = {
        **FREE,
        "demanding.changes_after_signoff": "often",
        "demanding.free_extras": "often",
        "demanding.raised": "no_change",
    }
    deadlines = "unreasonable deadlines" if lang == "en" else "délais déraisonnables"

    def advice(answers):
        ctx = make_ctx(answers, lang)
        return " ".join(
            line for i in advice_for(ctx) if i.sign_id == "demanding" for line in i.lines
        )

    assert deadlines not in advice(creep).lower()
    assert deadlines in advice({**creep, "demanding.tight_deadlines": "often"}).lower()


@pytest.mark.parametrize("lang", LANGS)
def test_every_invoice_late_reads_as_all_of_them(lang):
    # A user's walk: "sur les 12 dernières factures…, 12 ont été réglées en retard".
    answers = {**LATE_PAYER, "late_payment.invoices_total": 12, "late_payment.late_invoices": 12}
    ctx = make_ctx(answers, lang)
    whole = {"en": "all of my last 12 invoices", "fr": "12 dernières factures que je vous ai"}
    counted = {"en": "12 were paid", "fr": "12 ont été réglées"}
    for tone in TONES:
        body = render_message("payment_terms", tone, ctx, FULL).body
        assert whole[lang] in body.lower() and counted[lang] not in body, body
    advice = " ".join(line for item in advice_for(ctx) for line in item.lines)
    assert ("All of your last 12" if lang == "en" else "Vos 12 dernières factures") in advice
    assert ("12 of your last 12" if lang == "en" else "12 factures sur vos 12") not in advice


@pytest.mark.parametrize("lang", LANGS)
def test_a_rate_rise_leaves_no_window_to_book_work_at_the_old_rate(lang):
    # A freelancer's reading: "work already agreed before 1 February stays at the current
    # rate" invites the client to book January's work at the old rate. Only the projects
    # already agreed keep it.
    kept = {"en": "already agreed", "fr": "déjà convenus"}
    for tone in TONES:
        body = render_message("new_rates", tone, make_ctx(LOW_RATE_CHATTY, lang), FULL).body
        line = next(x for x in body.split("\n") if kept[lang] in x)
        assert ("before" not in line) if lang == "en" else ("avant le" not in line), line


@pytest.mark.parametrize("tone", TONES)
def test_a_french_claim_does_not_hedge_over_an_unpaid_invoice(tone):
    # A freelancer's reading: "Sauf erreur de ma part" in a message that invokes the law
    # undercuts it, and the English draft has no such hedge.
    ctx = make_ctx({**ASKED_IN_VAIN, "late_payment.unpaid_90": "once"}, "fr")
    body = render_message("late_payment_claim", tone, ctx, FULL).body
    assert "Sauf erreur" not in body and "sauf erreur" not in body, body
    assert "La facture n°" in body or "la facture n°" in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_rate_below_your_usual_one_is_the_reason_the_new_rates_draft_gives(lang):
    # A freelancer's reading: a 71 % rise with no reason, though the situation gives one.
    closer = {"en": "in line with what I charge for similar work", "fr": "ce que je pratique pour"}
    for tone in TONES:
        low = render_message("new_rates", tone, make_ctx(LOW_RATE_CHATTY, lang), FULL).body
        assert closer[lang] in low, low
    same = {**LOW_RATE_CHATTY, "situation.usual_rate": "same", "money.pay_basis": "hourly"}
    body = render_message("new_rates", "neutral", make_ctx(same, lang), FULL).body
    assert closer[lang] not in body


PAID_BY_THE_JOB = {
    **LOW_RATE_CHATTY,
    "money.pay_basis": "job",
    "money.job_rate": 400.0,
    "money.jobs": 3.0,
    "money.job_hours": 10.0,
    "money.target_rate": 55.0,
    "situation.currency": "EUR",
}


@pytest.mark.parametrize(
    ("lang", "now", "first", "full"),
    [
        ("en", "€400 a project", "€475 a project", "€550 a project"),
        ("fr", "400 € par projet", "475 € par projet", "550 € par projet"),
    ],
)
def test_a_price_per_project_is_raised_per_project(lang, now, first, full):
    # A translator's note on several calibration situations: pay per job (an article, a
    # design, a shoot) could not be entered. 400 a project of 10 hours against a target of
    # 55 an hour: 550 a project, in two steps, each a multiple of 5. An illustrator's
    # reading: "a job" sounds like a tradesman, "mission" like consulting; and talk of
    # unbilled hours a week makes a client paying per project start counting time.
    body = render_message("new_rates", "neutral", make_ctx(PAID_BY_THE_JOB, lang), FULL).body
    body = body.replace("\u00a0", " ").replace("\u202f", " ")
    assert now in body and first in body and full in body, body
    assert "a week" not in body and "par semaine" not in body, body
    # Extra work is not priced at an hourly rate the client never agreed to.
    quote = render_message("quote_extra_work", "neutral", make_ctx(PAID_BY_THE_JOB, lang), FULL)
    assert "40" not in quote.body, quote.body


@pytest.mark.parametrize(
    ("lang", "pattern", "law"),
    [
        ("en", "Of my last 12 invoices to you, five were paid", "Please note that under article"),
        ("fr", "Sur les 12 dernières factures", "Je précise par ailleurs que, conformément"),
    ],
)
def test_with_nothing_overdue_the_firm_terms_give_the_law_after_the_facts(lang, pattern, law):
    # An illustrator's reading: opening with article L441-10, before any fact, reads like a
    # formal notice to a client worth 30 % of her income. With nothing overdue now, the
    # late-payment record comes first, the law after it as a note.
    late_before = {
        **PAID_BY_THE_JOB,
        "situation.client_kind": "business",
        "situation.jurisdiction": "fr",
        "late_payment.invoices_total": 12.0,
        "late_payment.late_invoices": 5.0,
        "late_payment.days_late": 25.0,
        "late_payment.raised": "not_yet",
    }
    body = render_message("payment_terms", "firm", make_ctx(late_before, lang)).body
    assert pattern in body and law in body, body
    assert body.index(pattern) < body.index(law), body


@pytest.mark.parametrize(
    ("crossed", "en", "fr"),
    [
        (("threats",), "Answer to their request", "Réponse à sa demande"),
        (("shortcut",), "Saying no to a request", "Refus d'une demande"),
        (("dishonest", "threats"), "Saying no to a request", "Refus d'une demande"),
        (("prying",), "Other clients' confidentiality", "Confidentialité des autres clients"),
        (("harassment",), "Professionalism reminder", "Rappel au professionnalisme"),
    ],
)
def test_the_professionalism_draft_is_named_after_what_it_answers(crossed, en, fr):
    # Noticed on the threat case: a draft that answers the client's request on the agreed
    # terms was listed, printed and saved as "Professionalism reminder".
    answers = {**FREE, "unprofessional.crossed_line": "yes", "unprofessional.crossed_what": crossed}
    for lang, title in (("en", en), ("fr", fr)):
        ctx = make_ctx(answers, lang)
        assert render_message("professionalism_reminder", "warm", ctx).title == title
        assert message_title("professionalism_reminder", lang, ctx) == title
    assert message_title("professionalism_reminder", "en") == "Professionalism reminder"


@pytest.mark.parametrize("lang", LANGS)
def test_the_answer_to_a_threat_lists_both_of_its_fields_to_fill(lang):
    # A user's walk: "Before you send, fill in or delete" listed what they asked for, not the
    # answer itself, the draft's main sentence (its example made it longer than 120 signs).
    answers = {**DEPENDENT, "unprofessional.crossed_line": "yes"}
    ctx = make_ctx({**answers, "unprofessional.crossed_what": ("threats",)}, lang)
    draft = render_message("professionalism_reminder", "warm", ctx)
    fields = fields_to_fill(draft)
    assert len(fields) >= 2 and all(f in draft.body for f in fields), fields
    assert any(f.startswith(("[your answer", "[votre réponse")) for f in fields), fields


@pytest.mark.parametrize("lang", LANGS)
def test_after_a_threat_the_warm_quote_is_not_eager(lang):
    # A user's walk: "I'd be glad to take it on… I'm looking forward to it" to a client who
    # had just threatened a bad review unless the work was done for free.
    base = {**DEPENDENT, "demanding.free_extras": "often", "demanding.raised": "worse"}
    threat = {
        **base,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("threats",),
    }
    eager = (
        ("glad to take it on", "looking forward")
        if lang == "en"
        else ("avec plaisir", "Merci encore")
    )
    calm = render_message("quote_extra_work", "warm", make_ctx(threat, lang)).body
    assert not any(e in calm for e in eager), calm
    glad = render_message("quote_extra_work", "warm", make_ctx(base, lang)).body
    assert all(e in glad for e in eager), glad


@pytest.mark.parametrize("lang", LANGS)
def test_new_rates_never_call_the_contracts_notice_to_end_it_a_notice_for_rates(lang):
    # A user's walk: "Cela respecte le préavis de 1 mois prévu par notre contrat", though that
    # notice is for ending the work, and her "contract" was an accepted quote.
    answers = {
        **PAID_BY_THE_JOB,
        "contract_breach.has_contract": "yes",
        "situation.notice_weeks": 4.35,
    }
    for tone in TONES:
        body = render_message("new_rates", tone, make_ctx(answers, lang)).body
        assert "notice our contract" not in body and "préavis de" not in body, body


def test_the_plan_starts_with_the_sign_the_rule_fired_on_with_its_own_levers():
    # A user's walk: the plan said "starting with 'Unprofessional': charge the fees, require
    # deposits, stop work until paid" (the worst sign, a threat), where the verdict came
    # from extra work asked for again after she had raised it.
    answers = {
        "situation.income_share": 70.0,
        "situation.savings_months": 2.0,
        "situation.pipeline": "little",
        "demanding.free_extras": "often",
        "demanding.raised": "worse",
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("threats",),
    }
    ctx = make_ctx(answers, "en")
    # The threat is the most serious sign: its own rule sets the plan, with its own steps.
    assert ctx.driver_rule == "hold_your_terms_while_you_depend"
    assert ctx.flagged[0].id == "unprofessional"
    plan = " ".join(action_plan(ctx))
    assert "Leave the threat aside" in plan and "stop work until paid" not in plan, plan
    # Without the threat, the rule on extra work sets it, with that sign's levers.
    calm = {k: v for k, v in answers.items() if not k.startswith("unprofessional")}
    ctx = make_ctx(calm, "en")
    assert ctx.driver_rule == "asked_nothing_changed"
    first = action_plan(ctx)[0]
    assert "“Increasingly demanding”: quote every extra request" in first, first
    assert "stop work until paid" not in first, first


def test_the_first_draft_suggested_carries_out_the_plans_first_step():
    # A user's walk: the plan started with "Pays late" while the drafts came in the order
    # "Answer to their request", "New rates", "Payment terms"; and an insult from a client
    # who also pays late got new payment terms before the firm word on the insult.
    threat = {
        "situation.income_share": 45.0,
        "situation.savings_months": 3.0,
        "late_payment.invoices_total": 12.0,
        "late_payment.late_invoices": 8.0,
        "late_payment.days_late": 45.0,
        "late_payment.raised": "no_change",
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("threats",),
    }
    insult = {
        "late_payment.invoices_total": 10.0,
        "late_payment.late_invoices": 4.0,
        "late_payment.days_late": 30.0,
        "disrespect.insults": "once",
        **FREE,
    }
    money = {"money.pay_basis": "hourly", "money.hourly_rate": 85.0}
    money |= {"money.billed_hours": 60.0, "money.target_rate": 110.0}
    money |= {"high_maintenance.unbilled_hours": 3.0}
    ctx = make_ctx(threat | money, "en")
    assert "Leave the threat aside. The draft below does it." in " ".join(action_plan(ctx))
    assert ids(ctx)[0] == "professionalism_reminder", ids(ctx)
    # No rise asked of a client you depend on who has just threatened you; without the
    # threat, it is suggested.
    assert rate_review_due(ctx) and "new_rates" not in ids(ctx), ids(ctx)
    # The Money section agrees: later, once the threat is behind you (not "propose now").
    assert review_sentence(ctx).startswith("This client pays below your target, but ask")
    calm = {k: v for k, v in threat.items() if not k.startswith("unprofessional")}
    assert "new_rates" in ids(make_ctx(calm | money, "en"))
    ctx = make_ctx(insult, "en")
    first = action_plan(ctx)[0]
    assert "“Disrespectful”" in first and "Pays late" not in first, action_plan(ctx)
    assert ids(ctx)[0] == "name_disrespect", ids(ctx)


@pytest.mark.parametrize(("lang", "then"), [("en", "Start with the rate"), ("fr", "Commencez par")])
def test_a_rate_plan_does_not_say_nothing_else_needs_changing_when_a_sign_is_flagged(lang, then):
    # A user's walk: "Ne changez rien d'autre : c'est le tarif qui doit évoluer" above her 5
    # late invoices out of 12, at Warning.
    rate = {**FREE, "situation.usual_rate": "far_below"}
    late = {**rate, "late_payment.invoices_total": 12.0, "late_payment.late_invoices": 5.0}
    late |= {"late_payment.days_late": 25.0, "late_payment.raised": "not_yet"}
    plan = " ".join(action_plan(make_ctx(late, lang)))
    assert then in plan and ("Pays late" if lang == "en" else "Paie en retard") in plan, plan
    alone = " ".join(action_plan(make_ctx(rate, lang)))
    assert then not in alone, alone


def test_a_verdict_set_by_the_rate_suggests_no_message_for_a_sign_only_to_watch():
    # A user's walk: a lovely client paid half the usual rate, who chats about personal
    # things now and then, was sent a professionalism reminder after the new rates.
    rate = {**FREE, "situation.usual_rate": "far_below", "unprofessional.off_topic": "sometimes"}
    rate |= {"unprofessional.gossip": "never", "unprofessional.unpredictable": "never"}
    rate |= {"unprofessional.crossed_line": "no"}
    ctx = make_ctx(rate, "en")
    assert ctx.driver_rule == "far_below_your_usual_rate"
    # One list of the rules by which the rate sets the verdict, each a rule of the bank's.
    from clientcheck.bank.loader import default_bank
    from clientcheck.guidance.render import RATE_RULES

    assert ctx.driver_rule in RATE_RULES
    assert set(RATE_RULES) <= default_bank().rules.money_rule_ids
    assert [s.band for s in ctx.flagged if s.id == "unprofessional"] == ["watch"]
    assert ids(ctx) == ("new_rates",)
    assert "Keep everything else as it is" in " ".join(action_plan(ctx))
    # At Warning it is named in the plan and gets its message.
    ctx = make_ctx({**rate, "unprofessional.gossip": "often"}, "en")
    assert [s.band for s in ctx.flagged if s.id == "unprofessional"] == ["warning"]
    assert ids(ctx) == ("new_rates", "professionalism_reminder")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "set a late fee for invoices paid late from now on"),
        ("fr", "que vous fixez pour les factures payées en retard"),
    ],
)
def test_the_plan_never_assumes_a_late_fee_the_user_did_not_mention(lang, said):
    # A user's walk (billed in US dollars, no late fee in the contract): "charge the late fees".
    # No contract and no known late-payment law said: a fee announced from now on (a US
    # user read "the late fees your contract or the law provides", having neither).
    late = {**FREE, "late_payment.invoices_total": 12.0, "late_payment.late_invoices": 8.0}
    late |= {"late_payment.days_late": 45.0, "late_payment.raised": "no_change"}
    ctx = make_ctx(late, lang)
    assert ctx.driver_rule == "asked_nothing_changed"
    assert said in action_plan(ctx)[0], action_plan(ctx)


def test_detail_fills_name_only_fields_replaced_alone_and_always_the_same_way():
    blank = Draft(
        "m", "warm", "en", "T", "About [what]", "Hi [name],\n\nOn [date] and [date].\n\n[your name]"
    )
    filled = Draft("m", "warm", "en", "T", "About it", "Hi Jane,\n\nOn 1 May and 2 May.\n\nJo Lee")
    fills = detail_fills(blank, filled)
    # "[date]" became two different days: ambiguous, so it is left for the user.
    assert fills == {"[what]": "it", "[name]": "Jane", "[your name]": "Jo Lee"}
    edited = "Hi [name],\n\nMy own words, on [date].\n\n[your name]\nP.S. [name] knows."
    assert carry_details(edited, fills) == (
        "Hi Jane,\n\nMy own words, on [date].\n\nJo Lee\nP.S. Jane knows."
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("tone", ["warm", "neutral", "firm"])
def test_a_threat_to_your_safety_is_put_on_record_never_talked_over(lang, tone):
    # A threat to the user's safety is not a request to answer nor a remark to talk over:
    # the reminder quotes it, says contact is in writing only and that work stops at once
    # if it happens again (not "I'll end our work together", a bluff for someone who
    # depends on the client: a freelancer's reading), greets and signs off soberly in every
    # tone, and its title says so.
    from tests.support.contexts import DEPENDENT, make_ctx

    answers = {
        **DEPENDENT,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("safety", "threats"),
    }
    ctx = make_ctx(answers, lang)
    draft = render_message("professionalism_reminder", tone, ctx)
    said = {
        "en": ("threat to my safety", "email or text", "I'll stop work immediately"),
        "fr": ("menace pour ma sécurité", "uniquement par écrit", "j'arrêterais immédiatement"),
    }[lang]
    assert all(words in draft.body for words in said), draft.body
    never = {
        "en": ("talk any of this over", "Hi ", "Best wishes", "your request"),
        "fr": ("en parler", "Bien cordialement", "votre demande"),
    }[lang]
    assert not any(words in draft.body for words in never), draft.body
    title = {"en": "Putting a threat on record", "fr": "Trace écrite d'une menace"}[lang]
    assert draft.title == title
    # It opens neutral, not in the warm tone that answers an ultimatum alone.
    from clientcheck.guidance.draft_facts import default_tone

    assert default_tone(ctx, "professionalism_reminder") == "neutral"


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("contract", [False, True])
def test_after_a_threat_to_your_safety_the_goodbye_stops_now_and_sends_no_one_back(lang, contract):
    # A freelancer's reading: the goodbye sent a threatened gardener back to the property
    # to finish the work in progress, held the final files until paid and wished him well.
    from tests.support.contexts import FREE, make_ctx

    answers = {
        **FREE,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("safety",),
    }
    if contract:
        answers["contract_breach.has_contract"] = "yes"
    ctx = make_ctx(answers, lang)
    assert ctx.verdict == "let_go"
    for tone in ("warm", "neutral", "firm"):
        body = render_message("goodbye", tone, ctx).body
        now = {
            "en": ("effective today", "with immediate effect"),
            "fr": ("à compter d'aujourd'hui", "avec effet immédiat"),
        }[lang]
        assert now[contract] in body, body
        never = {
            "en": ("complete the work in progress", "final files", "all the best", "handover"),
            "fr": (
                "terminerai le travail en cours",
                "fichiers finaux",
                "bonne continuation",
                "passation",
            ),
        }[lang]
        assert not any(words in body for words in never), body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_record_of_a_threat_also_refuses_the_request_it_came_with(lang):
    # A user's walk: the advice said to refuse the backdating in writing, and no draft did.
    from tests.support.contexts import DEPENDENT, make_ctx

    answers = {
        **DEPENDENT,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("safety", "dishonest"),
    }
    body = render_message("professionalism_reminder", "neutral", make_ctx(answers, lang)).body
    no = {"en": "remains no", "fr": "ma réponse reste non"}[lang]
    assert no in body and ("redating an invoice" in body or "antidater une facture" in body)
    alone = {**answers, "unprofessional.crossed_what": ("safety",)}
    assert (
        no not in render_message("professionalism_reminder", "neutral", make_ctx(alone, lang)).body
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_drafts_state_no_drop_in_work_nor_remarks_the_answers_do_not_give(lang):
    # A user's walk (work up 20 %, hard to predict; gossip and sudden reversals, never a
    # disrespectful word): the workload draft said "less work", the contract revision
    # spoke of "recent remarks".
    from tests.support.contexts import FREE, make_ctx

    answers = {
        **FREE,
        "less_work.volume_change": 20.0,
        "less_work.predictable": "rarely",
        "unprofessional.gossip": "often",
        "unprofessional.unpredictable": "often",
        "contract_breach.has_contract": "yes",
    }
    ctx = make_ctx(answers, lang)
    assert {"less_work", "unprofessional"} <= {s.id for s in ctx.flagged}
    drop = {"en": ("Less work", "has fallen"), "fr": ("moins de travail", "a baissé")}[lang]
    remarks = {"en": "remarks", "fr": "remarques"}[lang]
    for tone in ("warm", "neutral", "firm"):
        workload = render_message("workload_checkin", tone, ctx).body
        assert not any(words in workload for words in drop), workload
        revision = render_message("contract_revision", tone, ctx).body
        assert remarks not in revision, revision
    fell = make_ctx({**answers, "less_work.volume_change": -30.0}, lang)
    assert any(w in render_message("workload_checkin", "neutral", fell).body for w in drop)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_record_and_goodbye_after_a_threat_name_the_day_it_was_said(lang):
    # A user's walk: "[date]" in the subject and body, and no field for it.
    from tests.support.contexts import FREE, make_ctx

    answers = {
        **FREE,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("safety",),
        "contract_breach.has_contract": "yes",
    }
    ctx = make_ctx(answers, lang)
    day = {"en": "3 December 2026", "fr": "3 décembre 2026"}[lang]
    for message_id in ("professionalism_reminder", "goodbye"):
        blank = render_message(message_id, "firm", ctx)
        assert "[date]" in blank.subject + blank.body
        dated = render_message(
            message_id, "firm", ctx, MessageDetails(incident_date=date(2026, 12, 3))
        )
        assert "[date]" not in dated.subject + dated.body, dated.body
        assert day in dated.body
    subject = render_message(
        "professionalism_reminder", "neutral", ctx, MessageDetails(incident_date=date(2026, 12, 3))
    ).subject
    assert subject.endswith(day)


# A user's walk (Dana, Austin): $1,000 paid of a $3,200 invoice; the drafts said
# "[balance] is still due" with no field for it, the contract revision asked for the
# whole $3,200, and "five were paid after their due date" counted the unpaid one as paid.
PART_PAID = {
    "situation.income_share": 45,
    "situation.savings_months": 3,
    "situation.client_kind": "business",
    "situation.currency": "USD",
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 5,
    "late_payment.days_late": 55,
    "late_payment.owed_now": "part_paid",
    "late_payment.chasing": "often",
    "late_payment.raised": "no_change",
    "contract_breach.has_contract": "no",
}


def test_a_part_paid_invoice_is_asked_for_its_balance_in_every_draft():
    ctx = make_ctx(PART_PAID, "en")
    typed = MessageDetails(invoice_number="INV-0142", overdue_amount=3200, balance_due=2200)
    terms = render_message("payment_terms", "firm", ctx, typed).body
    assert "Thank you for what has been paid; $2,200 is still due." in terms
    assert "five were paid late or are still unpaid" in terms
    revision = render_message("contract_revision", "firm", ctx, typed).body
    assert "INV-0142 ($2,200 still due)" in revision and "$3,200" not in revision
    claim = render_message("late_payment_claim", "firm", ctx, typed).body
    assert "has been paid only in part. Thank you for what has been paid; $2,200" in claim
    eu = make_ctx({**PART_PAID, "situation.jurisdiction": "eu"}, "en")
    claim = render_message("late_payment_claim", "firm", eu, typed).body
    assert "- what is still due on the invoice: $2,200" in claim
    goodbye = render_message("goodbye", "firm", ctx, typed).body
    assert "Of invoice INV-0142, $2,200 is still unpaid" in goodbye
    # Without the balance typed, a field for it, never the whole invoice.
    blank = MessageDetails(invoice_number="INV-0142", overdue_amount=3200)
    assert "[balance] is still due" in render_message("payment_terms", "firm", ctx, blank).body
    assert "$3,200" not in render_message("contract_revision", "firm", ctx, blank).body
    fr_ctx = make_ctx({**PART_PAID, "situation.jurisdiction": "fr"}, "fr")
    fr = render_message("late_payment_claim", "firm", fr_ctx, typed).body
    assert "le solde de la facture" in fr and "[solde]" not in fr


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_under_let_go_the_record_of_a_threat_ends_the_work_now(lang):
    # A freelancer's reading: the record said "if it happens again, I'll stop" beside a
    # verdict to stop now.
    from tests.support.contexts import FREE

    answers = {
        **FREE,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("safety",),
    }
    ctx = make_ctx(answers, lang)
    assert ctx.verdict == "let_go"
    body = render_message("professionalism_reminder", "neutral", ctx).body
    now = {"en": "ending my work for you, effective today", "fr": "à compter d'aujourd'hui"}
    again = {"en": "If anything like this happens again", "fr": "Si cela devait se reproduire"}
    assert now[lang] in body and again[lang] not in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_once_asking_failed_the_terms_draft_holds_what_the_plan_names(lang):
    # A professional's reading: the plan said "announce a late fee, require a deposit, stop
    # new work while an invoice is overdue", and the payment-terms draft held the deposit
    # alone.
    from clientcheck.guidance.advice import action_plan

    free = {**PART_PAID, "situation.income_share": 20, "situation.savings_months": 8}
    ctx = make_ctx(free, lang)
    assert ctx.can_leave and ctx.verdict == "renegotiate", ctx.verdict
    plan = action_plan(ctx)[0]
    said = {
        "en": ("late fee", "deposit", "stop new work"),
        "fr": ("pénalités de retard", "acompte", "plus rien de nouveau"),
    }[lang]
    assert all(words in plan for words in said), plan
    body = render_message("payment_terms", "firm", ctx).body
    draft = {
        "en": ("a late fee of [rate]% a year", "deposit", "new work will pause"),
        "fr": ("pénalité de retard au taux annuel de [taux]\u00a0%", "acompte", "suspendus"),
    }[lang]
    assert all(words in body for words in draft), body
    # A client the user cannot afford to lose (45 %, three months saved): the same three
    # terms, scaled so that they do not amount to leaving, in the plan and the draft alike.
    stuck = make_ctx(PART_PAID, lang)
    assert not stuck.can_leave
    plan = action_plan(stuck)[0]
    said = {
        "en": ("deposit on large projects", "more than two weeks overdue"),
        "fr": ("acompte sur les projets importants", "plus de quinze jours de retard"),
    }[lang]
    assert all(words in plan for words in said), plan
    body = render_message("payment_terms", "firm", stuck).body
    draft = {
        "en": ("any project over [amount]", "more than two weeks overdue"),
        "fr": ("projet de plus de [montant]", "plus de quinze jours de retard"),
    }[lang]
    assert all(words in body for words in draft), body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_with_no_contract_the_headline_sets_terms_rather_than_enforcing_them(lang):
    # A professional's reading: "enforce your terms now" to a freelancer with no contract.
    from clientcheck.guidance.render import render_why

    why = render_why(make_ctx(PART_PAID, lang))
    assert {"en": "set firm terms in writing", "fr": "fixez dès maintenant"}[lang] in why, why
    contract = render_why(make_ctx({**PART_PAID, "contract_breach.has_contract": "yes"}, lang))
    assert {"en": "enforce your terms", "fr": "appliquez vos conditions"}[lang] in contract


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_a_client_drunk_at_work_gets_a_reply_about_that_day_not_a_quoted_remark(lang, tone):
    answers = {
        "situation.income_share": 20,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("intoxicated",),
    }
    ctx = make_ctx(answers, lang)
    assert reminder_case(ctx) == "intoxicated"
    text = render_message("professionalism_reminder", tone, ctx, MessageDetails()).body
    influence = {"en": "under the influence", "fr": "sous l'emprise"}
    when = {"en": "[when it happened", "fr": "[quand cela s'est passé"}
    assert influence[lang] in text and when[lang] in text, text
    assert "[your example]" not in text and "[votre exemple]" not in text, text
    assert "something that was said" not in text and "remarque" not in text, text
    # A written record hinting at drugs ("ou d'autre chose") could be used against the sender.
    assert "autre chose" not in text, text
    title = {"en": "Under the influence at work", "fr": "Sous l'emprise"}
    assert message_title("professionalism_reminder", lang, ctx).startswith(title[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_a_rate_in_another_currency_reaches_the_draft_without_a_foreign_symbol(lang):
    answers = {
        "situation.income_share": 60,
        "situation.savings_months": 0.5,
        "situation.usual_rate": "below",
        "situation.currency": "OTHER",
        "money.pay_basis": "monthly",
        "money.monthly_amount": 4000,
        "money.worked_hours": 104,
    }
    ctx = make_ctx(answers, lang)
    body = render_message("new_rates", "neutral", ctx, MessageDetails()).body
    amount = {"en": "4,000", "fr": "4\u202f000"}[lang]
    assert amount in body.replace("\u00a0", "\u202f"), body
    assert not any(symbol in body for symbol in ("€", "$", "£", "CHF", "OTHER")), body
    # The client may pay in another currency than the user's: a field for its symbol (a
    # native reading: "up from 4,000 a month" is ambiguous).
    assert {"en": "[currency]", "fr": "[devise]"}[lang] in body, body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", ["neutral", "firm"])
def test_a_client_in_trouble_is_asked_to_pay_the_next_project_in_full_first(lang, tone):
    # A professional's reading (cc19): the plan said "work only against payment in
    # advance", the draft "a deposit of 50%, the balance payable within 30 days of delivery":
    # half the work on credit to a client waiting for its funding round.
    answers = {
        **STRUGGLING,
        "late_payment.owed_now": "slow",
        "late_payment.owed_growing": "not_growing",
    }
    ctx = make_ctx(answers, lang)
    assert ctx.driver_rule == "paid_before_the_work"
    body = render_message("payment_terms", tone, ctx, MessageDetails()).body
    # (The overdue invoice itself is asked to be "paid in full" in every case.)
    full = {"en": "fee has been paid in full", "fr": "montant intégralement réglé"}
    if tone == "neutral":
        full = {"en": "fee is paid in full before", "fr": "réglé intégralement avant"}
    deposit = {"en": "a deposit of", "fr": "un acompte de"}
    assert full[lang] in body and deposit[lang] not in body, body
    calm = {k: v for k, v in answers.items() if k != "situation.hard_times"}
    body = render_message("payment_terms", tone, make_ctx(calm, lang), MessageDetails()).body
    assert "50" in body and full[lang] not in body, body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_a_client_treating_you_like_an_employee_gets_how_an_independent_works(lang, tone):
    # A professional's reading (cd07: 7 a.m. meetings, messages at midnight, told not to
    # take other clients): the reminder quoted "a remark that went further than I can
    # accept" and asked for the client to stay "strictly professional".
    answers = {
        "situation.income_share": 95,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ("control",),
    }
    ctx = make_ctx(answers, lang)
    assert reminder_case(ctx) == "control"
    body = render_message("professionalism_reminder", tone, ctx, MessageDetails()).body
    own = {"en": "choose my own clients", "fr": "je choisis mes clients"}
    if tone == "warm":
        own = {"en": "work with other clients too", "fr": "pour d'autres clients"}
    hours = {"en": "[your working hours]", "fr": "[vos horaires]"}
    assert own[lang] in body and hours[lang] in body, body
    assert "[your example]" not in body and "[votre exemple]" not in body, body
    assert "remark" not in body and "remarque" not in body, body
    title = {"en": "Working as an independent", "fr": "Travailler en indépendant"}
    assert message_title("professionalism_reminder", lang, ctx) == title[lang]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_late_messages_alone_get_the_hours_not_reports_billing_or_channels(lang, tone):
    # A professional's reading (cc07: an author ordering one cover a year, paying at once,
    # sending voice notes at night): "a written update from me once a week" and "other
    # meetings, calls and reports will be billed at my hourly rate" were out of proportion.
    late = {**FREE, "high_maintenance.after_hours": "often"}
    body = render_message("communication_boundaries", tone, make_ctx(late, lang), EMPTY).body
    weekly = {"en": "once a week", "fr": "une fois par semaine"}
    billed = {"en": "billed", "fr": "facturé"}
    assert weekly[lang] not in body and billed[lang] not in body, body
    # Nor channels or booked calls nobody asked about (cm08's reading): the hours, in a
    # sentence, with no list.
    rulebook = {"en": ("by email", "booked in advance"), "fr": ("par e-mail", "sur rendez-vous")}
    assert not any(words in body for words in rulebook[lang]), body
    assert "\n- " not in body, body
    evening = {"en": "in the evening or at the weekend", "fr": "le soir ou le week-end"}
    assert evening[lang] in body, body
    hours = MessageDetails(office_hours="9-5")
    typed = render_message("communication_boundaries", tone, make_ctx(late, lang), hours).body
    assert "9-5" in typed and evening[lang] not in typed, typed
    reports = {**late, "high_maintenance.unagreed_reports": "often"}
    body = render_message("communication_boundaries", tone, make_ctx(reports, lang), EMPTY).body
    assert weekly[lang] in body and billed[lang] in body, body
    assert all(words in body for words in rulebook[lang]), body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_late_messages_after_asking_in_vain_state_the_hours_and_offer_nothing_unasked(lang, tone):
    # Two readings disagreed (cq23: "offer paid out-of-hours cover"; a native reader of the
    # drafts: "it commits them to the very availability they want to stop"): the draft
    # states the hours and offers no availability the user did not choose.
    ignored = {
        **FREE,
        "high_maintenance.after_hours": "often",
        "high_maintenance.raised": "no_change",
    }
    body = render_message("communication_boundaries", tone, make_ctx(ignored, lang), EMPTY).body
    offer = {"en": "separate service", "fr": "service à part"}
    assert offer[lang] not in body, body
    assert "\n\n" + ("Anything sent" if lang == "en" else "Ce qui m'est envoyé") in body, body
    assert "expecting a quick reply" not in body and "il faudrait y répondre" not in body, body


@pytest.mark.parametrize("lang", LANGS)
def test_new_terms_for_a_late_payer_never_told_state_the_law_the_plan_names(lang):
    # A reading as a user: a French business client paying 40 days late, never told; the
    # plan said "the late-payment charges the law provides" and the neutral draft did not.
    answers = {
        "situation.income_share": 65,
        "situation.savings_months": 2,
        "situation.client_kind": "business",
        "situation.jurisdiction": "fr",
        "late_payment.invoices_total": 12,
        "late_payment.late_invoices": 8,
        "late_payment.days_late": 40,
        "late_payment.raised": "not_yet",
    }
    ctx = make_ctx(answers, lang)
    plan = "\n".join(action_plan(ctx))
    assert ("the law provides" if lang == "en" else "prévues par la loi") in plan, plan
    said = {"en": "As the law provides", "fr": "Comme le prévoit la loi"}
    neutral = render_message("payment_terms", "neutral", ctx, EMPTY).body
    assert neutral.count(said[lang]) == 1, neutral
    # The firm draft cites the statute itself, once; no law where none is known.
    firm = render_message("payment_terms", "firm", ctx, EMPTY).body
    assert said[lang] not in firm and "L441-10" in firm, firm
    elsewhere = make_ctx({**answers, "situation.jurisdiction": "other"}, lang)
    body = render_message("payment_terms", "neutral", elsewhere, EMPTY).body
    assert said[lang] not in body, body


@pytest.mark.parametrize("lang", LANGS)
def test_new_rates_after_a_refusal_is_not_a_first_contact_and_a_fee_keeps_its_word(lang):
    # A professional's reading (cc15): a raise already asked for and refused ("business is
    # slow") got "I'm letting you know now", as if never raised, and a monthly retainer
    # "projects we've already agreed".
    answers = {
        "situation.income_share": 20,
        "situation.usual_rate": "below",
        "situation.rate_history": "refused",
        "money.pay_basis": "monthly",
        "money.monthly_amount": 4000,
    }
    body = render_message("new_rates", "neutral", make_ctx(answers, lang), EMPTY).body
    talked = {
        "en": "I mentioned my rate to you before",
        "fr": "Je vous avais déjà parlé de mon tarif",
    }
    fee = {"en": "The current fee applies until then.", "fr": "Le forfait actuel s'applique"}
    projects = {"en": "Projects we've already agreed", "fr": "Les projets déjà convenus"}
    assert talked[lang] in body and fee[lang] in body and projects[lang] not in body, body
    # Not "c'est le tarif dont j'ai besoin", a calque of "the rate I need" (et05).
    assert "dont j'ai besoin" not in body, body
    if lang == "fr":
        assert "voici le tarif qui me permet de poursuivre ce travail" in body, body
    first = {**answers, "situation.rate_history": "never_raised", "money.pay_basis": "job"}
    first["money.job_rate"] = first.pop("money.monthly_amount")
    body = render_message("new_rates", "neutral", make_ctx(first, lang), EMPTY).body
    assert talked[lang] not in body and projects[lang] in body, body


@pytest.mark.parametrize("lang", LANGS)
def test_the_reply_to_a_proposal_names_a_rights_grab_among_its_examples(lang):
    # A professional's reading (cd16: a dubbing studio slipping "all media, worldwide,
    # forever" into the contract): the field to fill in spoke only of rates and terms.
    answers = {"situation.income_share": 5, "situation.usual_rate": "cut_proposed"}
    body = render_message("counter_proposal", "neutral", make_ctx(answers, lang), EMPTY).body
    rights = {"en": "wider rights to your work", "fr": "cession de droits plus large"}
    assert rights[lang] in body, body


@pytest.mark.parametrize("lang", LANGS)
def test_every_amount_in_another_currency_gets_its_field_typed_or_computed(lang):
    # The field for another currency's symbol was added where the rate and the balance are
    # written, not where a typed amount is (the drafts' `money` filter): "Invoice 12 for
    # 2,200" with no currency, beside "up from 4,000 [currency] a month".
    answers = {**LATE_PAYER, "situation.currency": "OTHER"}
    details = MessageDetails(invoice_number="12", overdue_amount=2200.0)
    body = render_message("payment_terms", "neutral", make_ctx(answers, lang), details).body
    field = {"en": "2,200 [currency]", "fr": "2 200 [devise]"}[lang]
    assert field in body.replace("\u00a0", " ").replace("\u202f", " "), body


@pytest.mark.parametrize("lang", LANGS)
def test_a_settled_breach_is_not_raised_again_by_the_late_payers_contract_amendment(lang):
    # cg18: a grower who pays months late under a seasonal contract, and one breach (his
    # spraying killed hives) settled once raised. The amendment offered beside the payment
    # draft said "some of the points in our contract have not been kept recently" and added
    # a clause about obligations: the settled breach, raised again.
    answers = {
        "situation.income_share": 65,
        "situation.savings_months": 12,
        "late_payment.invoices_total": "dont_know",
        "late_payment.days_late": 107,
        "contract_breach.has_contract": "yes",
        "contract_breach.terms_broken": ("other",),
        "contract_breach.breach_count": "once",
        "contract_breach.raised": "improved",
    }
    settled = make_ctx(answers, lang)
    assert "payment_terms" in suggested_messages(settled)
    assert "contract_revision" not in suggested_messages(settled)
    # A breach still going on keeps the amendment, and so does a late payer alone.
    going_on = make_ctx({**answers, "contract_breach.raised": "not_yet"}, lang)
    assert "contract_revision" in suggested_messages(going_on)
    alone = {k: v for k, v in answers.items() if not k.startswith("contract_breach.")}
    alone["contract_breach.has_contract"] = "yes"
    assert "contract_revision" in suggested_messages(make_ctx(alone, lang))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_payment_clause_already_in_the_contract_is_strengthened_not_added(lang):
    # A law firm paying 40 days late under a contract that sets 30 days: the amendment said
    # "I'd like us to add a clause on payment to our contract" (a reader of ci01).
    late = {
        "situation.income_share": 60,
        "situation.savings_months": 4,
        "situation.client_kind": "business",
        "late_payment.days_late": 40,
        "late_payment.chasing": "always",
        "contract_breach.has_contract": "yes",
    }
    broken = make_ctx({**late, "contract_breach.terms_broken": ["payment"]}, lang)
    kept = make_ctx({**late, "contract_breach.terms_broken": ["none"]}, lang)
    strengthen = "strengthen the payment clause" if lang == "en" else "la clause de paiement de"
    add = "add a clause on payment" if lang == "en" else "une clause sur le paiement"
    for tone in TONES:
        body = render_message("contract_revision", tone, broken).body
        assert strengthen in body and add not in body, body
        assert "adding" not in body and "ajouter" not in body, body
        assert add in render_message("contract_revision", tone, kept).body


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("where", ["fr", "eu", "be"])
def test_the_contract_clause_says_the_40_euros_are_due_for_each_invoice_paid_late(lang, where):
    # "a fixed sum of €40 for recovery costs" read as one sum for the whole contract (a
    # lawyer's reading of ci01): the law gives it for each invoice paid late.
    answers = {
        "situation.income_share": 60,
        "situation.client_kind": "business",
        "situation.jurisdiction": where,
        "late_payment.chasing": "always",
        "contract_breach.has_contract": "yes",
    }
    each = "for each invoice paid late" if lang == "en" else "par facture payée en retard"
    body = render_message("contract_revision", "neutral", make_ctx(answers, lang)).body
    assert each in body, body


# A marketing consultant (cm24, read by a professional): two invoices unpaid, the director
# says "next week" every time; the draft called them invoices "that needed chasing before
# they were paid" and asked for none of it.
UNPAID_AFTER_ASKING = {
    "situation.income_share": 55.0,
    "situation.savings_months": 3.0,
    "situation.client_kind": "business",
    "situation.jurisdiction": "fr",
    "late_payment.invoices_total": "dont_know",
    "late_payment.owed_now": "disputed",
    "late_payment.chasing": "often",
    "late_payment.raised": "no_change",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_money_past_due_after_asking_is_named_and_asked_for(lang, tone):
    ctx = make_ctx(UNPAID_AFTER_ASKING, lang)
    assert ctx.verdict == "renegotiate"
    draft = render_message("payment_terms", tone, ctx, MessageDetails())
    unpaid = {"en": "is still unpaid", "fr": "reste impayée"}[lang]
    assert unpaid in draft.body, draft.body
    assert {"en": "[number]", "fr": "[numéro]"}[lang] in draft.subject + draft.body
    paid = {"en": "before they were paid", "fr": "avant d'être réglées"}[lang]
    assert paid not in draft.body, draft.body
    # Never raised, and coming slowly: the draft proposes terms and asks for no overdue
    # invoice it was not told of. Disputed or ignored, it is named, raised or not (dr21).
    slow = {**UNPAID_AFTER_ASKING, "late_payment.owed_now": "slow"}
    never = make_ctx({**slow, "late_payment.raised": "not_yet"}, lang)
    assert unpaid not in render_message("payment_terms", tone, never, MessageDetails()).body
    never = make_ctx({**UNPAID_AFTER_ASKING, "late_payment.raised": "not_yet"}, lang)
    assert unpaid in render_message("payment_terms", tone, never, MessageDetails()).body


@pytest.mark.parametrize("lang", LANGS)
def test_what_is_claimed_or_reserved_is_a_paragraph_of_its_own(lang):
    # The sentence after the statute ran into the next paragraph ("…claimed in a separate
    # letter.\nOf my last 10 invoices…").
    ctx = make_ctx({**UNPAID_AFTER_ASKING, "late_payment.unpaid_90": "once"}, lang)
    body = render_message("payment_terms", "firm", ctx, MessageDetails()).body
    paragraphs = body.split("\n\n")
    said = {
        "en": ("in a separate letter", "reserve the right"),
        "fr": ("courrier séparé", "me réserve le droit"),
    }[lang]
    mine = [p for p in paragraphs if any(s in p for s in said)]
    assert len(mine) == 1 and "\n" not in mine[0], body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_hours_asked_for_in_vain_are_named_and_stated_not_asked_for_again(lang, tone):
    # A professional's reading (cm08: messages at 2 a.m. after she asked for her nights in
    # March): the draft never named the problem and asked "Could you confirm that this
    # works for you?" again.
    answers = {**FREE, "high_maintenance.after_hours": "often"}
    asked = make_ctx({**answers, "high_maintenance.raised": "no_change"}, lang)
    body = render_message("communication_boundaries", tone, asked, MessageDetails()).body
    before = {"en": "I asked a while ago", "fr": "Je vous avais demandé"}[lang]
    again = {"en": "works for you", "fr": "vous convient"}[lang]
    assert before in body and again not in body, body
    first = make_ctx({**answers, "high_maintenance.raised": "not_yet"}, lang)
    body = render_message("communication_boundaries", tone, first, MessageDetails()).body
    assert before not in body, body


@pytest.mark.parametrize("lang", LANGS)
def test_the_neutral_terms_state_the_laws_late_charges_rather_than_suggest_them(lang):
    # A native reading: "I'd suggest that a payment made after its due date carries the
    # late-payment penalties the law provides" invited the client to refuse what the law
    # already gives.
    ctx = make_ctx(UNPAID_AFTER_ASKING, lang)
    body = render_message("payment_terms", "neutral", ctx, MessageDetails()).body
    stated = {"en": "As the law provides, a payment made", "fr": "Comme le prévoit la loi"}[lang]
    offered = {"en": "suggest that a payment made", "fr": "propose aussi que tout règlement"}
    assert stated in body and offered[lang] not in body, body
    # Where no law is known, the late fee is the user's own term: still proposed.
    elsewhere = make_ctx({**UNPAID_AFTER_ASKING, "situation.jurisdiction": "other"}, lang)
    body = render_message("payment_terms", "neutral", elsewhere, MessageDetails()).body
    assert stated not in body and offered[lang] in body, body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tone", TONES)
def test_an_invoice_once_unpaid_90_days_is_no_debt_today_when_nothing_is_overdue_now(lang, tone):
    # A professional's reading (cv12): one invoice took seven months last year and was paid;
    # the draft said an invoice "a aujourd'hui plus de 90 jours de retard".
    answers = {
        **DEPENDENT,
        "late_payment.invoices_total": "dont_know",
        "late_payment.unpaid_90": "once",
        "late_payment.owed_now": "none",
    }
    text = "\n".join(render_message("payment_terms", tone, make_ctx(answers, lang)).body.split())
    assert "90" not in text, text
    assert ("[number]" if lang == "en" else "[numéro]") not in text, text
    # Still owed today: the invoice is named and asked for.
    owed = {**answers, "late_payment.owed_now": "slow"}
    body = render_message("payment_terms", tone, make_ctx(owed, lang)).body
    assert ("[number]" if lang == "en" else "[numéro]") in body, body


@pytest.mark.parametrize("lang", LANGS)
def test_the_firm_payment_draft_holds_new_work_only_and_says_how_often_invoices_were_chased(
    lang,
):
    # A professional's reading (cu10, a wedding photographer): "I won't be able to start any
    # new work" read as not turning up to weddings already booked, and "often needed chasing"
    # overstated the user's "sometimes".
    answers = {
        **FREE,
        "situation.client_kind": "business",
        "late_payment.invoices_total": "dont_know",
        "late_payment.owed_now": "slow",
        "late_payment.chasing": "sometimes",
        "late_payment.raised": "no_change",
    }
    body = render_message("payment_terms", "firm", make_ctx(answers, lang)).body
    if lang == "en":
        assert "Work already agreed continues as planned." in body, body
        assert "have sometimes needed chasing" in body and "often" not in body, body
    else:
        assert "Les travaux déjà convenus se poursuivent comme prévu." in body, body
        assert "ont plusieurs fois dû être relancées" in body and "souvent" not in body, body
    # A debt that grows while the work goes on: no promise to carry on with agreed work.
    growing = {**answers, "late_payment.owed_growing": "growing"}
    body = render_message("payment_terms", "firm", make_ctx(growing, lang)).body
    assert "continues as planned" not in body and "se poursuivent" not in body, body
