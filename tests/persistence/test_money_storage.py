"""The answers file: Money answers (version 3 on) saved and loaded, older versions migrated."""

from __future__ import annotations

import json
from datetime import date

import pytest

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine import money
from clientcheck.persistence.storage import (
    SCHEMA_VERSION,
    LoadError,
    dumps_assessment,
    dumps_session,
    loads,
    migrate_v2_answers,
)

BANK = default_bank()
MONEY = {
    "money.pay_basis": "daily",
    "money.day_rate": 450.0,
    "money.billed_days": 8.0,
    "money.day_hours": 7.5,
    "money.target_rate": 70.0,
    "money.waiting_rate": 12.0,
}
OTHERS = {
    "situation.currency": "CHF",
    "situation.savings_months": 4.0,
    "high_maintenance.unbilled_hours": 3.0,
    "late_payment.invoices_total": 8.0,
    "late_payment.late_invoices": 2.0,
}


def document(version: int, answers: dict, step: str = "results", **extra) -> bytes:
    doc = {
        "format": "client-check/assessment",
        "schema_version": version,
        "language": "en",
        "saved_on": "2026-11-28",
        "client": {"name": "Acme", "notes": ""},
        "assessed_on": "2026-11-27",
        "answers": answers,
        "step": step,
        **extra,
    }
    return json.dumps(doc).encode()


def test_this_version_is_4():
    assert SCHEMA_VERSION == 4


def test_money_answers_round_trip():
    record = ClientRecord(name="Acme", answers={**MONEY, **OTHERS}, assessed_on=date(2026, 11, 27))
    data = dumps_assessment(record, "fr", today=date(2026, 11, 28))
    assert json.loads(data)["schema_version"] == SCHEMA_VERSION
    (back,) = loads(data, BANK).clients
    assert back.answers == record.answers
    assert money.effective_rate(back.answers) == money.effective_rate(record.answers)


def test_session_keeps_each_clients_money_answers():
    a = ClientRecord(name="A", answers=dict(MONEY))
    b = ClientRecord(
        name="B", answers={"money.pay_basis": "monthly", "money.monthly_amount": 900.0}
    )
    loaded = loads(dumps_session([a, b], 1, "en"), BANK)
    assert [c.answers for c in loaded.clients] == [a.answers, b.answers]


def test_version_2_file_loads_unchanged():
    loaded = loads(document(2, dict(OTHERS)), BANK)
    assert loaded.clients[0].answers == OTHERS
    assert loaded.dropped == ()


def test_version_1_file_goes_through_every_version():
    # Version 1 asked "of your last 10 invoices" and had yes/no insults.
    loaded = loads(
        document(1, {"late_payment.late_invoices": 4, "disrespect.insults": "yes"}), BANK
    )
    answers = loaded.clients[0].answers
    assert answers["late_payment.invoices_total"] == 10
    assert answers["disrespect.insults"] == "once"
    assert money.late_share(answers).value == pytest.approx(0.4)


@pytest.mark.parametrize("version", [1, 2])
def test_money_answers_in_an_older_file_are_refused(version):
    with pytest.raises(LoadError) as caught:
        loads(document(version, {"money.pay_basis": "hourly"}), BANK)
    assert caught.value.code == "bad_answers"
    assert caught.value.detail == "unknown_question:money.pay_basis"


def test_migrate_v2_answers_keeps_everything_else():
    assert migrate_v2_answers(dict(OTHERS)) == OTHERS
    assert migrate_v2_answers("not a mapping") == "not a mapping"


@pytest.mark.parametrize(
    ("answers", "detail"),
    [
        ({"money.pay_basis": "weekly"}, "unknown_option:money.pay_basis"),
        ({"money.day_hours": 25}, "out_of_range:money.day_hours"),
        ({"money.hourly_rate": "lots"}, "not_a_number:money.hourly_rate"),
        ({"money.tip": 5}, "unknown_question:money.tip"),
    ],
)
def test_bad_money_answers_are_refused(answers, detail):
    with pytest.raises(LoadError) as caught:
        loads(document(3, answers), BANK)
    assert (caught.value.code, caught.value.detail) == ("bad_answers", detail)


def test_newer_version_is_refused():
    with pytest.raises(LoadError) as caught:
        loads(document(SCHEMA_VERSION + 1, {}), BANK)
    assert caught.value.code == "newer_version"
