"""What a fifth professional reading of the drafts gallery found (a British consultant and a
French designer, every draft scored), kept from coming back: facts the user gave are used,
new rates never go above the target, replies are asked for in time, each invoice is named,
warm reads warm, no stock phrase or repeated sentence, terms fit how the client pays, and a
claim in another EU country leaves nothing to research."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from clientcheck.guidance.letters import MessageDetails
from clientcheck.guidance.messages import TONES, render_message
from clientcheck.guidance.rate_review import (
    REPLY_DAYS_BEFORE,
    proposed_value,
    rate_review,
    reply_by,
)
from clientcheck.guidance.render import format_date
from clientcheck.i18n import t
from tests.support.contexts import DEPENDENT, make_ctx
from tests.support.gallery import gallery_draft, gallery_drafts

PREPARED = date(2026, 12, 7)


# --- 1. facts the user gave are used, not left as fields ---------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_extra_work_is_priced_at_the_rate_the_user_gave(lang):
    # r6: the client's rate ("our agreed rate" under a contract, "the current rate" without),
    # never "my usual rate", which anchors a rate the user means to raise.
    hourly = "at our agreed rate of €55 an hour" if lang == "en" else "tarif convenu de 55\u00a0€"
    daily = "at the current rate of £350 a day" if lang == "en" else "tarif actuel de 350\u00a0£"
    for tone in TONES:
        first = gallery_draft(lang, 1, "quote_extra_work", tone)
        second = gallery_draft(lang, 2, "quote_extra_work", tone)
        assert hourly in first and daily in second, (first, second)
        for text in (first, second):
            assert "[price" not in text and "[prix" not in text, text
    # Nothing known: the price stays a field.
    unknown = gallery_draft(lang, 4, "quote_extra_work", "neutral")
    assert ("[price" if lang == "en" else "[prix") in unknown


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_boundaries_read_complete_without_office_hours_or_a_rate(lang):
    for number in (3, 4):
        for tone in TONES:
            text = gallery_draft(lang, number, "communication_boundaries", tone)
            for field in ("[your working hours]", "[your hourly rate]", "[vos horaires]"):
                assert field not in text, text
            assert "[votre tarif horaire]" not in text
            # r6: the client must know the price of what is billed, so an unknown rate is a
            # field beside "my hourly rate" (this test used to forbid any rate field). After
            # insults alone (situation 4) nothing is billed: a route setter's reading, 7
            # December 2026, "a surprise charge for meetings would look like retaliation".
            field = "my hourly rate ([hourly rate])" if lang == "en" else "([tarif horaire])"
            assert (field in text) == (number == 3), text
    given = gallery_draft(lang, 1, "communication_boundaries", "neutral")
    assert ("9am to 6pm" if lang == "en" else "de 9\u00a0h à 18\u00a0h") in given
    assert ("€55 an hour" if lang == "en" else "55\u00a0€ de l'heure") in given


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_new_rates_without_figures_show_both_the_new_and_the_current_rate_to_fill(lang):
    # Sixth reading: a new rate with no current rate beside it tells the client nothing,
    # so both are fields (this test used to forbid "[current rate]").
    for number in (3, 4):
        for tone in TONES:
            text = gallery_draft(lang, number, "new_rates", tone)
            # A private client's new rate includes any VAT (r6): "[new rate, including …]".
            assert ("[new rate" if lang == "en" else "[nouveau tarif") in text
            assert ("[current rate]" if lang == "en" else "[tarif actuel]") in text, text


# --- 2. new rates -------------------------------------------------------------------------------


@pytest.mark.parametrize("rate", [30, 45, 55, 62])
@pytest.mark.parametrize("target", [40, 55, 65, 90])
@pytest.mark.parametrize("unbilled", [0, 2, 6])
def test_a_proposed_hourly_rate_never_goes_above_the_target(rate, target, unbilled):
    answers = {
        "money.pay_basis": "hourly",
        "money.hourly_rate": rate,
        "money.billed_hours": 60,
        "high_maintenance.unbilled_hours": unbilled,
        "money.target_rate": target,
    }
    value = proposed_value(answers)
    assert value is None or rate < value <= target, value


@pytest.mark.parametrize("day_hours", [7, 7.5, 8])
def test_a_proposed_day_rate_never_goes_above_the_target_on_a_day(day_hours):
    answers = {
        "money.pay_basis": "daily",
        "money.day_rate": 350,
        "money.billed_days": 8,
        "money.day_hours": day_hours,
        "high_maintenance.unbilled_hours": 3,
        "money.target_rate": 62.5,
    }
    value = proposed_value(answers)
    assert value is not None and value <= 62.5 * day_hours and value % 5 == 0, value


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_gallery_rates_stop_at_the_target(lang):
    for tone in TONES:
        first = gallery_draft(lang, 1, "new_rates", tone)
        second = gallery_draft(lang, 2, "new_rates", tone)
        assert ("€65 an hour" if lang == "en" else "65\u00a0€ de l'heure") in first, first
        assert "75" not in first and "485" not in second, (first, second)
        assert ("£420 a day" if lang == "en" else "420\u00a0£ par jour") in second, second


def test_the_reply_date_falls_two_weeks_or_more_before_the_new_rates():
    for prepared in (PREPARED, date(2027, 3, 30), date(2027, 7, 1), date(2027, 11, 15)):
        for weeks in (None, 2, 4, 8):
            review = rate_review(DEPENDENT, prepared, "en", weeks)
            assert review.reply_by is not None
            assert review.effective_on - review.reply_by >= timedelta(days=REPLY_DAYS_BEFORE)
            assert review.reply_by > prepared
    assert reply_by(date(2027, 2, 1)) == date(2027, 1, 18)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_firm_new_rates_ask_for_a_reply_before_the_new_rate_starts(lang):
    firm = gallery_draft(lang, 1, "new_rates", "firm")
    assert format_date(date(2027, 1, 18), lang) in firm, firm
    assert "before 1 February 2027, so" not in firm
    assert "avant le 1er février 2027, afin que je" not in firm


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_new_rates_name_the_date_work_already_agreed_refers_to(lang):
    for number in (1, 2, 3, 4):
        for tone in TONES:
            text = gallery_draft(lang, number, "new_rates", tone)
            for vague in ("before that date", "avant cette date"):
                assert vague not in text, text
            for down in ("below my standard rate", "inférieur au tarif que je pratique"):
                assert down not in text, text


# --- 3. the goodbye names the invoice that releases the files ----------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_goodbye_names_the_invoice_that_releases_the_files(lang):
    # Sixth reading: all outstanding invoices, the final one included, not only this one.
    named = (
        "once all outstanding invoices, including invoice 2026-031 and the final invoice, "
        "have been paid"
        if lang == "en"
        else "dès le règlement de toutes les factures en attente, y compris la facture "
        "n°\u00a02026-031 et la facture de solde"
    )
    for tone in TONES:
        text = gallery_draft(lang, 1, "goodbye", tone)
        assert named in text, text
        assert "once the invoice has been paid" not in text
        assert not text.rstrip().endswith("règlement de la facture.")
    # r6: a registered letter with acknowledgement of receipt asks for no confirmation of it.
    assert "received this letter" not in gallery_draft("en", 1, "goodbye", "firm")
    assert "received this message" in gallery_draft("en", 2, "goodbye", "firm")


# --- 4. warm reads warm -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_warm_quote_is_glad_to_do_the_work_even_with_conditions(lang):
    glad = "I'd be glad to take it on" if lang == "en" else "Je m'en chargerai avec plaisir"
    # Not situation 3 (sixth reading): a client who refuses the extras already billed gets
    # no eager welcome (see test_drafts_sixth_reading).
    for number in (1, 2, 4):
        warm = gallery_draft(lang, number, "quote_extra_work", "warm")
        neutral = gallery_draft(lang, number, "quote_extra_work", "neutral")
        assert glad in warm and glad not in neutral, warm
        assert warm.split("\n\n")[1] != neutral.split("\n\n")[1]


# --- 5. no stock phrase, no sentence twice ------------------------------------------------------

STOCK = (
    "it's how we get the best result",
    "c'est ainsi que nous obtenons le meilleur résultat",
    "at the moment, alongside",
    "en ce moment, en plus",
    "clauses, on ",
    "clauses, sur ",
    "simples et claires pour chacun de nous",
    "so that things stay simple and clear",
)
_SENTENCE = re.compile(r"(?<=[.?!])\s+")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_gallery_draft_repeats_a_sentence_or_uses_a_stock_phrase(lang):
    for where, _, draft in gallery_drafts(lang):
        text = draft.body
        for phrase in STOCK:
            assert phrase not in text, (where, phrase)
        for phrase in ("plan the coming months", "organiser les prochains mois"):
            assert text.lower().count(phrase) <= 1, (where, text)
        sentences = [s for s in _SENTENCE.split(text.replace("\n", " ")) if len(s) > 30]
        assert len(sentences) == len(set(sentences)), (where, text)


# --- 6. payment terms fit how the client pays ---------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_payment_terms_fit_the_client_and_never_speak_of_other_clients(lang):
    for where, message_id, draft in gallery_drafts(lang):
        text = draft.body
        if message_id in ("payment_terms", "contract_revision"):
            assert "all my clients" not in text and "tous mes clients" not in text, where
            for field in ("over [amount]", "[first draft]", "plus de [montant]", "[la première"):
                assert field not in text, (where, text)
    # A good client billed by the day, late once: monthly invoicing on 30 days, no deposit.
    for tone in TONES:
        for message_id in ("payment_terms", "contract_revision"):
            text = gallery_draft(lang, 2, message_id, tone)
            assert ("within 30 days" if lang == "en" else "à 30 jours") in text.replace(
                "\u00a0", " "
            ), text
            assert "deposit" not in text and "acompte" not in text, text
    # No payment problem (sixth reading): a clear due date, no deposit asked for out of the blue.
    for tone in TONES:
        text = gallery_draft(lang, 4, "payment_terms", tone)
        assert "deposit" not in text and "acompte" not in text and "50" not in text, text


# --- 7. late-payment claims ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_claim_in_another_eu_country_names_the_law_as_a_field_to_fill(lang):
    # r6: "the national law implementing it" named no law; a field for the user, never a
    # statute made up.
    for tone in ("neutral", "firm"):
        text = gallery_draft(lang, 3, "late_payment_claim", tone)
        assert ("[national law and article]" if lang == "en" else "[loi nationale et article]") in (
            text
        ), text
        assert "or more" not in text and "ou plus" not in text, text
        assert ("2011/7/EU" if lang == "en" else "2011/7/UE") in text
        assert ("plus 8 percentage points" if lang == "en" else "majoré de 8\u00a0points") in (
            text.replace("majoré de 8 points", "majoré de 8\u00a0points")
        )
        assert ("€40" if lang == "en" else "40\u00a0€") in text
    caption = t("draft_cites_law_eu", lang)
    assert ("fill in the law" if lang == "en" else "complétez la loi") in caption
    assert ("not legal advice" if lang == "en" else "pas un conseil juridique") in caption


def test_a_french_demand_to_a_uk_client_is_not_sent_by_french_registered_letter():
    firm = gallery_draft("fr", 2, "late_payment_claim", "firm")
    assert "accusé de réception" not in firm and "Par e-mail et par courrier recommandé" in firm
    assert "accusé de réception" in gallery_draft("fr", 1, "late_payment_claim", "firm")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_formal_letter_to_a_business_names_the_company_for_the_attention_of_the_contact(lang):
    firm = gallery_draft(lang, 2, "late_payment_claim", "firm")
    company, attention, surname = {
        "en": ("[company name]", "For the attention of Jane", "Jane [surname]"),
        "fr": ("[raison sociale]", "À l'attention de Jane", "Jane [nom de famille]"),
    }[lang]
    assert company in firm and attention in firm and surname in firm, firm
    named = MessageDetails(
        contact_name="Madame Durand", client_label="Studio Durand", prepared_on=PREPARED
    )
    ctx = make_ctx(
        {**DEPENDENT, "situation.client_kind": "business", "late_payment.unpaid_90": "once"}, lang
    )
    letter = render_message("late_payment_claim", "firm", ctx, named).body
    block = letter.split("\n\n")[1]
    assert block.split("\n")[0] == "Studio Durand", letter
    assert "[surname]" not in block and "[nom de famille]" not in block
