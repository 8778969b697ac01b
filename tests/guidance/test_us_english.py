"""American English for the drafts to a client billed in US dollars (guidance/us_english)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clientcheck.guidance.letters import MessageDetails
from clientcheck.guidance.messages import MESSAGE_IDS, TONES, render_message
from clientcheck.guidance.us_english import _swaps, american, one_period
from tests.support.contexts import DEPENDENT, make_ctx

# Words an American freelancer who read every draft marked as British
# (docs/reviews/usd-drafts-2026-12-06.md).
BRITISH = (
    "Best wishes,",
    "For the attention of",
    "registered post",
    "working day",
    "carry on",
    "carried on",
    "any more",
    "Do tell me",
    "do tell me",
    "suits you",
    "suit you",
    "work to the",
    "I'm afraid",
    "I hope you're well.",
    "every success",
    "for the future",
    "up to that date",
    "plan it in",
    "let me have",
    "bring in",
    "goes ahead",
    "keep to",
    "e-mail",
    "Inc..",
    "organise",
    "honoured",
    "behaviour",
)
ANSWERS = {
    **DEPENDENT,
    "situation.currency": "USD",
    "situation.client_kind": "business",
    "situation.usual_rate": "far_below",
    "late_payment.invoices_total": 10.0,
    "late_payment.late_invoices": 5.0,
    "late_payment.days_late": 30.0,
    "late_payment.raised": "no_change",
    "money.pay_basis": "hourly",
    "money.hourly_rate": 60.0,
    "money.target_rate": 95.0,
}
DETAILS = MessageDetails(
    contact_name="Mrs Jones",
    sender_name="Alex Kim",
    client_label="Harbor Labs Inc.",
    invoice_number="1042",
    invoice_due=date(2026, 11, 2),
    overdue_amount=3200,
    prepared_on=date(2026, 12, 7),
)


@pytest.mark.parametrize("message_id", MESSAGE_IDS)
def test_every_draft_to_a_client_paid_in_dollars_reads_american(message_id):
    for tone in TONES:
        draft = render_message(message_id, tone, make_ctx(ANSWERS, "en"), DETAILS)
        text = f"{draft.subject}\n{draft.body}"
        assert not [w for w in BRITISH if w in text], (tone, text)
        # A date inside a sentence takes a comma after the year; "from" a date is "starting".
        assert ", 2026 a" not in text and ", 2027 t" not in text, text
        assert "from December" not in text and "from February" not in text, text


def test_the_british_drafts_keep_their_words():
    answers = {**ANSWERS, "situation.currency": "GBP"}
    body = render_message("goodbye", "neutral", make_ctx(answers, "en"), DETAILS).body
    assert "all the best for the future" in body and "Dear Mrs Jones," in body
    assert "Harbor Labs Inc.." not in body  # one period after a name ending with one, always


def test_each_swap_is_used_by_some_draft_or_is_a_known_variant():
    # A swap whose British words no draft writes any more is dead data.
    written = set()
    for message_id in MESSAGE_IDS:
        for tone in TONES:
            for currency in ("GBP", "EUR"):
                ctx = make_ctx({**ANSWERS, "situation.currency": currency}, "en")
                draft = render_message(message_id, tone, ctx, DETAILS)
                written.add(f"{draft.subject}\n{draft.body}")
    text = "\n".join(written)
    templates = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (Path(__file__).resolve().parents[2] / "templates/messages/en").glob("*.j2")
    )
    unused = [old for old, _ in _swaps() if old not in text and old not in templates]
    assert not unused, unused


def test_american_and_one_period_on_plain_sentences():
    assert one_period("with Harbor Labs Inc.. Thanks") == "with Harbor Labs Inc. Thanks"
    assert one_period("Wait... and see.") == "Wait... and see."
    assert american("It was due on November 2, 2026 and is unpaid.") == (
        "It was due on November 2, 2026, and is unpaid."
    )
    assert american("by December 21, 2026.") == "by December 21, 2026."
    assert american("by December 21, 2026 (two weeks)") == "by December 21, 2026 (two weeks)"
    assert american("From January 1, 2027, calls") == "Starting January 1, 2027, calls"
    assert american("up from $60 an hour") == "up from $60 an hour"
    assert american("I could look at it from [date].") == "I could look at it starting [date]."


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_firm_payment_terms_after_asking_announce_the_change_without_proposing_it(lang):
    # The reader: "are changing" then "I'm proposing" contradict each other.
    answers = {**ANSWERS, "situation.currency": "EUR"}
    body = render_message("payment_terms", "firm", make_ctx(answers, lang), DETAILS).body
    if lang == "en":
        assert "are changing" in body and "I'm proposing" not in body
        assert "From next month, the month's planned hours will be invoiced" in body
    else:
        assert "changent donc" in body and "Je vous propose" not in body
        assert "À partir du mois prochain, les heures prévues pour le mois seront" in body


@pytest.mark.parametrize(
    ("lang", "locale", "style"),
    [
        ("en", "en-US", "en-US"),
        ("en", "en_us", "en-US"),
        ("en", "en-GB", ""),
        ("en", None, ""),
        ("fr", "en-US", ""),
        ("fr", "fr-BE", ""),
    ],
)
def test_an_english_page_in_an_american_browser_writes_dates_month_first(lang, locale, style):
    from clientcheck.guidance.render import page_date_style

    assert page_date_style(lang, locale) == style


def test_the_plan_and_the_summary_follow_the_page_date_style():
    # A US user read "6 December 2026" and "By 21 December 2026" beside drafts dated
    # "December 18, 2026".
    from dataclasses import replace

    from clientcheck.bank.loader import default_bank
    from clientcheck.bank.records import ClientRecord
    from clientcheck.guidance.advice import action_plan
    from clientcheck.outputs.exports import build_summary_input
    from clientcheck.outputs.summary import summary_markdown

    answers = {"late_payment.chasing": "always", "late_payment.unpaid_90": "once"}
    ctx = make_ctx({**answers, **DEPENDENT})
    day = ctx.check_again_on
    us = f"{day.strftime('%B')} {day.day}, {day.year}"
    assert us in " ".join(action_plan(replace(ctx, date_style="en-US")))
    assert us not in " ".join(action_plan(ctx))
    record = ClientRecord(name="Acme", answers=dict(ctx.answers), assessed_on=ctx.assessed_on)
    text = summary_markdown(build_summary_input(default_bank(), record, "en", date_style="en-US"))
    made = ctx.assessed_on
    assert f"{made.strftime('%B')} {made.day}, {made.year}" in text
    assert f"{made.day} {made.strftime('%B')} {made.year}" not in text


@pytest.mark.parametrize(
    ("message_id", "tone", "answers", "british", "american"),
    [
        # Treated like an employee: "As a freelancer, I organize my own time".
        (
            "professionalism_reminder",
            "warm",
            {"unprofessional.crossed_line": "yes", "unprofessional.crossed_what": ["control"]},
            "organise",
            "I organize my own time",
        ),
        # Deadlines in the contract missed again and again: "Terms of our contract have not
        # been honored."
        (
            "contract_revision",
            "firm",
            {
                "contract_breach.has_contract": "yes",
                "contract_breach.terms_broken": ["deadlines"],
                "contract_breach.breach_count": "repeatedly",
            },
            "honoured",
            "have not been honored",
        ),
    ],
)
def test_spellings_found_by_a_scan_of_every_draft_read_american_in_dollars(
    message_id, tone, answers, british, american
):
    # A scan of every draft over the calibration situations, paid in dollars, found these
    # two British spellings (7 December 2026). Pounds keep them.
    for currency, want, never in (("USD", american, british), ("GBP", british, american)):
        ctx = make_ctx({**DEPENDENT, "situation.currency": currency, **answers}, "en")
        body = render_message(message_id, tone, ctx, DETAILS).body
        assert want in body and never not in body, (currency, body)
