"""Message drafts: every message, tone and language renders cleanly; exports are valid."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientcheck.i18n import LANGS
from clientcheck.messages import (
    MESSAGE_IDS,
    TONES,
    MessageDetails,
    draft_to_eml,
    draft_to_txt,
    message_title,
    ordered_messages,
    render_message,
    suggested_messages,
    tone_label,
)
from clientcheck.render import Draft
from tests._contexts import DEPENDENT, FREE, HOSTILE_NAMES, make_ctx

LATE_PAYER = {
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 8,
    "late_payment.days_late": 45,
    "late_payment.chasing": "always",
}
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
)
EMPTY = MessageDetails()
LEFTOVERS = ("{{", "}}", "{%", "%}", "{#", "None", "undefined", "Undefined", "[[", "Dear ,")


def assert_clean(draft: Draft) -> None:
    for leftover in LEFTOVERS:
        assert leftover not in draft.subject, (leftover, draft.subject)
        assert leftover not in draft.body, (leftover, draft.body)


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
    first_line, last_line = draft.body.splitlines()[0], draft.body.splitlines()[-1]
    if details is FULL:
        assert "Jane Doe," in first_line
        assert last_line == "Camille Martin"
    else:
        assert first_line == ("Hello," if lang == "en" else "Bonjour,")
        assert last_line == ("[your name]" if lang == "en" else "[votre nom]")


@pytest.mark.parametrize("details", [FULL, EMPTY], ids=["full", "empty"])
@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("message_id", MESSAGE_IDS)
def test_french_drafts_use_vous_and_french_typography(message_id, tone, details):
    draft = render_message(message_id, tone, make_ctx(LATE_PAYER, "fr"), details)
    text = f"{draft.subject}\n{draft.body}"
    assert re.search(r"\bvous\b", text, re.IGNORECASE)
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


@pytest.mark.parametrize("lang", LANGS)
def test_no_amount_means_no_money_sentence(lang):
    draft = render_message("payment_terms", "neutral", make_ctx(LATE_PAYER, lang), EMPTY)
    assert "€" not in draft.body


@pytest.mark.parametrize("tone", TONES)
def test_payment_terms_propose_deposit_and_milestones(tone):
    draft = render_message("payment_terms", tone, make_ctx(LATE_PAYER), FULL)
    assert "50% of the fee" in draft.body
    assert "50% at the start, 25% on delivery and 25% on completion" in draft.body


def test_deposit_percent_changes_the_milestones():
    details = MessageDetails(deposit_percent=40)
    draft = render_message("payment_terms", "neutral", make_ctx(LATE_PAYER, "fr"), details)
    assert (
        "40\u00a0% au démarrage, 30\u00a0% à la livraison et 30\u00a0% à la clôture" in draft.body
    )


def test_goodbye_gives_notice_handover_and_referral():
    draft = render_message("goodbye", "neutral", make_ctx(LATE_PAYER), FULL)
    assert "4-week notice period" in draft.body
    assert "8 January 2027" in draft.body
    assert "hand everything over" in draft.body
    assert "I can recommend Alex Roy" in draft.body


def test_goodbye_takes_the_notice_period_from_the_answers():
    ctx = make_ctx({**LATE_PAYER, "situation.notice_weeks": 6})
    draft = render_message("goodbye", "firm", ctx, EMPTY)
    assert "6 weeks' notice" in draft.body
    assert "I can suggest someone" in draft.body


def test_contract_revision_quotes_the_proposed_clause_or_a_default_one():
    ctx = make_ctx(LATE_PAYER, "fr")
    mine = render_message("contract_revision", "neutral", ctx, FULL)
    assert "«\u00a0Changes after sign-off are quoted separately.\u00a0»" in mine.body
    default = render_message("contract_revision", "neutral", ctx, EMPTY)
    assert "confirmée par écrit par les deux parties" in default.body


def test_communication_boundaries_name_hours_channels_and_billing():
    body = render_message("communication_boundaries", "firm", make_ctx(LATE_PAYER), FULL).body
    assert "Monday to Friday, 9:00 to 17:00" in body
    assert "e-mail" in body and "once a week" in body and "billed" in body
    empty = render_message("communication_boundaries", "firm", make_ctx(LATE_PAYER), EMPTY).body
    assert "[your working hours]" in empty


def test_workload_checkin_quotes_the_drop_in_volume():
    ctx = make_ctx({"less_work.volume_change": -40, **DEPENDENT})
    body = render_message("workload_checkin", "neutral", ctx, EMPTY).body
    assert "fallen by about 40%" in body
    assert "affects my planning" in body


def test_unnamed_client_is_not_called_this_client_in_a_letter_to_them():
    ctx = make_ctx(LATE_PAYER, name="")
    body = render_message("payment_terms", "warm", ctx, FULL).body
    assert "this client" not in body
    assert "for my work with" not in body


# --- which drafts to suggest ---------------------------------------------------------


def test_late_payer_gets_payment_terms_first():
    ctx = make_ctx({**LATE_PAYER, **DEPENDENT})
    assert ctx.verdict == "plan_exit"
    suggested = suggested_messages(ctx)
    assert suggested[0] == "payment_terms"
    assert suggested[-1] == "goodbye"


def test_let_go_puts_the_goodbye_first():
    ctx = make_ctx({**LATE_PAYER, "late_payment.unpaid_90": "once", **FREE})
    assert ctx.verdict == "let_go"
    assert suggested_messages(ctx)[0] == "goodbye"


def test_disrespect_when_free_to_leave_suggests_the_goodbye():
    ctx = make_ctx({"disrespect.insults": "once", **FREE})
    assert suggested_messages(ctx) == ("goodbye",)


def test_disrespect_when_dependent_names_it_first_and_prepares_the_goodbye():
    ctx = make_ctx({"disrespect.insults": "once", **DEPENDENT})
    assert suggested_messages(ctx) == ("name_disrespect", "goodbye")


def test_milder_signs_get_their_fixing_messages_and_no_goodbye():
    answers = {
        "high_maintenance.after_hours": "sometimes",
        "unprofessional.off_topic": "sometimes",
        "demanding.free_extras": "sometimes",
        **FREE,
    }
    ctx = make_ctx(answers)
    assert ctx.verdict == "renegotiate"
    suggested = suggested_messages(ctx)
    assert set(suggested) == {
        "communication_boundaries",
        "professionalism_reminder",
        "decline_extra_work",
        "contract_revision",
    }
    assert "goodbye" not in suggested


def test_nothing_to_suggest_without_answers():
    assert suggested_messages(make_ctx({})) == ()


@pytest.mark.parametrize(
    "answers",
    [{}, {**LATE_PAYER, **FREE}, {"disrespect.insults": "once", **DEPENDENT}],
)
def test_ordered_messages_list_every_message_once_suggested_first(answers):
    ctx = make_ctx(answers)
    ordered = ordered_messages(ctx)
    assert sorted(ordered) == sorted(MESSAGE_IDS)
    suggested = suggested_messages(ctx)
    assert ordered[: len(suggested)] == suggested


# --- user text stays literal ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_appear_literally_in_drafts(name, lang):
    ctx = make_ctx(LATE_PAYER, lang, name=name)
    details = MessageDetails(sender_name=name, contact_name=name, referral_name=name)
    for message_id in MESSAGE_IDS:
        draft = render_message(message_id, "neutral", ctx, details)
        assert name in draft.body
        assert draft.body.splitlines()[-1] == name
        assert "49" not in draft.body.replace(name, "")
    payment = render_message("payment_terms", "neutral", ctx, details)
    assert f"{name}." in payment.body  # "... for my work with <client>."


def test_names_with_line_breaks_cannot_break_the_subject_or_headers():
    ctx = make_ctx(LATE_PAYER, name="Evil\nBcc: victim@example.com")
    details = MessageDetails(contact_name="Jo\r\nX-Injected: 1", contact_email="jo@example.com")
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
    assert text.startswith(f"Subject: {draft.subject}\n\n")
    assert text.rstrip("\n").endswith(draft.body)
    assert "1\u202f500\u00a0€" in text


def test_full_payment_upfront_drops_the_milestone_sentence():
    details = MessageDetails(deposit_percent=100)
    body = render_message("payment_terms", "firm", make_ctx(LATE_PAYER), details).body
    assert "100% of the fee" in body
    assert "instalments" not in body and " 0%" not in body
