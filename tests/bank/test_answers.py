"""Typed numbers are parsed the way people write them, and bad ones get a reason."""

from __future__ import annotations

import pytest

from clientcheck.bank.answers import (
    DONT_KNOW,
    AnswerError,
    answer_label,
    parse_decimal,
    parse_number,
    validate_answers,
)
from clientcheck.bank.loader import default_bank

BANK = default_bank()
INCOME = BANK.question("situation.income_share")  # 0-100, whole
SAVINGS = BANK.question("situation.savings_months")  # 0-120, decimals allowed
VOLUME = BANK.question("less_work.volume_change")  # -100-500


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("30", INCOME, 30),
        (" 30 % ", INCOME, 30),
        ("12,5", SAVINGS, 12.5),
        ("12.5", SAVINGS, 12.5),
        ("1 mois", SAVINGS, 1),
        ("-40", VOLUME, -40),
        ("\u221240", VOLUME, -40),
        # A currency before the number, as a user typed it on a phone (a user's walk).
        ("$85", INCOME, 85),
        ("€1 500", BANK.question("money.hourly_rate"), 1500),
        ("-$40", VOLUME, -40),
        ("CHF 12", SAVINGS, 12),
        # A unit after a symbol, as people write a rate.
        ("50 € de l'heure", BANK.question("money.hourly_rate"), 50),
        ("$85/hr", BANK.question("money.hourly_rate"), 85),
        ("50 € HTVA", BANK.question("money.hourly_rate"), 50),
        ("8 % a year", BANK.question("money.waiting_rate"), 8),
        ("12 000 $CA", BANK.question("money.job_rate"), 12000),
        ("3 factures", BANK.question("late_payment.late_invoices"), 3),
        ("", INCOME, None),
        ("   ", INCOME, None),
    ],
)
def test_parse_number_accepts_common_writing(text, question, expected):
    assert parse_number(text, question) == expected


@pytest.mark.parametrize(
    ("text", "question", "code"),
    [
        ("250", INCOME, "out_of_range"),
        ("-5", INCOME, "out_of_range"),
        ("abc", INCOME, "not_a_number"),
        ("<b>3</b>", INCOME, "not_a_number"),
        ("{{ 7*7 }}", INCOME, "not_a_number"),
        ("12.5", INCOME, "not_whole"),
        ("1e400", SAVINGS, "not_a_number"),
        # A range is told apart from a typo: "type its middle" (a user typed "30-60").
        ("30-60", SAVINGS, "a_range"),
        ("30 \u2013 60", SAVINGS, "a_range"),
        ("2 à 3", SAVINGS, "a_range"),
        ("4 to 6 weeks", SAVINGS, "a_range"),
        ("$$5", SAVINGS, "not_a_number"),
        # A letter typed for a digit is a typo, never its leading digits (a user's walk:
        # "6O" for 60 read as 6 % of her income, and the verdict turned around).
        ("6O", INCOME, "not_a_number"),
        ("4S", INCOME, "not_a_number"),
        ("45x", INCOME, "not_a_number"),
        ("60a", INCOME, "not_a_number"),
        ("50 blah", BANK.question("money.hourly_rate"), "not_a_number"),
    ],
)
def test_parse_number_refuses_with_a_reason(text, question, code):
    with pytest.raises(AnswerError) as info:
        parse_number(text, question)
    assert info.value.code == code


def test_validate_answers_names_the_bad_question():
    with pytest.raises(AnswerError, match="unknown_question:nope"):
        validate_answers(BANK, {"nope": 1})
    with pytest.raises(AnswerError, match="out_of_range:situation.income_share"):
        validate_answers(BANK, {"situation.income_share": 250})
    with pytest.raises(AnswerError, match="unknown_option:disrespect.insults"):
        validate_answers(BANK, {"disrespect.insults": "maybe"})
    with pytest.raises(AnswerError, match="not_a_number"):
        validate_answers(BANK, {"situation.income_share": True})


def test_validate_answers_keeps_good_ones():
    answers = {
        "situation.income_share": 30,
        "disrespect.insults": "no",
        "demanding.free_extras": DONT_KNOW,
    }
    assert validate_answers(BANK, answers) == answers


def test_answer_labels_follow_the_language():
    assert answer_label(BANK.question("disrespect.insults"), "once", "fr") == "Une fois"
    assert answer_label(SAVINGS, 1500.5, "fr") == "1\u202f500,5\u00a0mois"
    assert answer_label(SAVINGS, 1500.5, "en") == "1,500.5\u00a0months"
    assert answer_label(INCOME, 30, "en") == "30%"
    assert answer_label(INCOME, DONT_KNOW, "fr").startswith("Je ne sais pas")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,500", 1500),
        ("1 500,50", 1500.5),
        ("1,500.50 €", 1500.5),
        ("1500€", 1500),
        ("12,5", 12.5),
    ],
)
def test_amounts_read_the_same_in_both_languages(text, expected):
    assert parse_decimal(text) == expected


def test_one_of_a_unit_is_singular_in_both_languages():
    invoices = BANK.question("late_payment.late_invoices")
    assert answer_label(invoices, 1.0, "en") == "1\u00a0invoice"
    assert answer_label(invoices, 2.0, "en") == "2\u00a0invoices"
    assert answer_label(invoices, 1.0, "fr") == "1\u00a0facture"
    assert answer_label(BANK.question("late_payment.days_late"), 1.0, "fr") == "1\u00a0jour"
