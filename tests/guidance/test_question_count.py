"""One count of questions everywhere: asked for this client (follow-ups included), answered."""

from __future__ import annotations

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine.verdict import assess
from clientcheck.guidance.render import build_context, question_count
from clientcheck.outputs.exports import build_summary_input
from clientcheck.outputs.summary import labels, summary_markdown

BANK = default_bank()


def test_a_new_client_is_asked_the_questions_without_a_condition():
    asked_always = sum(1 for q in BANK.questions() if q.show_if is None)
    assert question_count(BANK, {}) == (0, asked_always)


def test_follow_up_questions_count_once_they_are_asked():
    _, before = question_count(BANK, {"late_payment.invoices_total": 10})
    answers = {"late_payment.invoices_total": 10, "late_payment.late_invoices": 4}
    answered, after = question_count(BANK, answers)
    assert after > before  # days late, warned ahead… now follow
    assert answered == 2


def test_dont_know_and_the_optional_money_questions_are_not_counted_as_answered():
    # "Don't know" is left out, as in the confidence; Money is optional and never asked.
    answers = {"late_payment.chasing": "dont_know", "money.hourly_rate": 50}
    assert question_count(BANK, answers) == (0, question_count(BANK, {})[1])
    answers["late_payment.chasing"] = "often"
    assert question_count(BANK, answers)[0] == 1


def test_the_page_and_the_summaries_give_the_same_count():
    answers = {"late_payment.invoices_total": 10, "late_payment.late_invoices": 4}
    record = ClientRecord(name="Acme", answers=answers)
    ctx = build_context(BANK, record, assess(BANK, answers), "en")
    assert (ctx.answered, ctx.total) == question_count(BANK, answers)
    text = labels("en")["answered_of"].format(answered=ctx.answered, total=ctx.total)
    assert text in summary_markdown(build_summary_input(BANK, record, "en"))
