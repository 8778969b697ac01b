"""The Money section in the app: optional, skippable, typed like every number; the money views.

Driven through AppTest; the store is seeded where a test needs a given situation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from clientcheck.bank.records import ClientRecord
from clientcheck.engine import money
from clientcheck.guidance.moneytext import money_word
from clientcheck.ui.state import Store
from tests.support.contexts import LEAVING

ROOT = Path(__file__).resolve().parents[2]
PAYS = {
    "money.pay_basis": "hourly",
    "money.hourly_rate": 50.0,
    "money.billed_hours": 60.0,
    "money.target_rate": 70.0,
    "high_maintenance.unbilled_hours": 4.0,
    "situation.currency": "EUR",
}
# A calm client on the stay path.
STAYING = {
    "situation.income_share": 20,
    "situation.savings_months": 8,
    "situation.pipeline": "some",
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 3,
    "late_payment.days_late": 20,
    "demanding.tight_deadlines": "sometimes",
    "disrespect.insults": "no",
}


@pytest.fixture(autouse=True)
def show_error_details():
    before = st_config.get_option("client.showErrorDetails")
    st_config.set_option("client.showErrorDetails", "full")
    yield
    st_config.set_option("client.showErrorDetails", before)


def app(records: list[ClientRecord], step: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.session_state["cc_store"] = Store(clients=records, step=step)
    if step == "results":
        at.session_state["cc_fold_money"] = True  # opened, as a click does (drawn only open)
    return run(at)


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def store(at: AppTest) -> Store:
    return at.session_state["cc_store"]


def key(at: AppTest, question_id: str) -> str:
    return f"q|{store(at).record.id}|{question_id}"


def keys(at: AppTest) -> set[str]:
    return {x.key for x in (*at.radio, *at.text_input) if x.key}


def everything(at: AppTest) -> str:
    parts = [x.value for x in (*at.markdown, *at.caption, *at.header, *at.subheader)]
    parts += [x.value for x in (*at.info, *at.warning, *at.success, *at.error)]
    return "\n".join(str(p) for p in parts).replace("\u00a0", " ").replace("\u202f", " ")


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


# --- the section: optional and skippable -----------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_money_section_is_folded_and_can_be_skipped(lang):
    at = app([ClientRecord(name="Acme")], "client", lang)
    (section,) = [
        e for e in at.expander if "money" in e.label.lower() or "argent" in e.label.lower()
    ]
    assert section.proto.expanded is False
    assert key(at, "money.pay_basis") in keys(at)
    # Skipping: Next straight away, nothing asked, nothing stored.
    at.button(key="next|client").click()
    run(at)
    assert store(at).step.startswith("sign:")
    assert not any(q.startswith("money.") for q in store(at).record.answers)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Your unbilled hours and how late this client pays are asked with the warning"),
        ("fr", "Vos heures non facturées et les retards de paiement de ce client sont demandés"),
    ],
)
def test_the_section_says_plainly_what_it_does_not_ask_again(lang, said):
    text = everything(app([ClientRecord(name="Acme")], "client", lang))
    assert said in text
    assert "asked twice" not in text and "demandés deux fois" not in text


def test_rate_fields_follow_the_pay_basis():
    at = app([ClientRecord(name="Acme")], "client")
    assert key(at, "money.hourly_rate") not in keys(at)
    at.radio(key=key(at, "money.pay_basis")).set_value("daily")
    run(at)
    present = keys(at)
    assert {
        key(at, q) for q in ("money.day_rate", "money.billed_days", "money.day_hours")
    } <= present
    assert key(at, "money.hourly_rate") not in present
    assert key(at, "money.monthly_amount") not in present
    # Paid a set price per job (an article, a design): the price, how many, how long each.
    at.radio(key=key(at, "money.pay_basis")).set_value("job")
    run(at)
    present = keys(at)
    assert {key(at, q) for q in ("money.job_rate", "money.jobs", "money.job_hours")} <= present
    assert key(at, "money.day_rate") not in present
    at.text_input(key=key(at, "money.job_rate")).set_value("400")
    at.text_input(key=key(at, "money.jobs")).set_value("0,5")
    run(at)
    assert store(at).record.answers["money.job_rate"] == 400
    assert store(at).record.answers["money.jobs"] == 0.5


def test_every_money_field_is_optional_and_typed_like_elsewhere():
    at = app([ClientRecord(name="Acme")], "client", "fr")
    at.radio(key=key(at, "money.pay_basis")).set_value("hourly")
    run(at)
    at.text_input(key=key(at, "money.hourly_rate")).set_value("1 250,50 €")
    run(at)
    assert store(at).record.answers["money.hourly_rate"] == 1250.5
    # Left empty: no answer, and nothing else asked for.
    assert "money.billed_hours" not in store(at).record.answers
    assert not at.error


def test_a_bad_money_number_gets_a_message_and_loses_nothing():
    at = app([ClientRecord(name="Acme", answers={"money.pay_basis": "daily"})], "client")
    field = key(at, "money.day_hours")
    at.text_input(key=field).set_value("30")
    run(at)
    assert at.text_input(key=field).value == "30"
    assert any("24" in plain(e.value) for e in at.error)
    assert "money.day_hours" not in store(at).record.answers
    # The section opens by itself once something in it is answered.
    section = next(e for e in at.expander if "Money" in e.label)
    assert section.proto.expanded is True


# --- the results page ------------------------------------------------------------------------


def test_results_without_money_answers_say_how_to_get_the_figure():
    at = app([ClientRecord(name="Acme", answers=dict(STAYING))], "results")
    assert money_word("nothing", "en") in everything(at)
    assert len(at.table) == 0  # no figure, no table


def test_results_show_the_effective_rate_against_the_target():
    at = app([ClientRecord(name="Acme", answers={**STAYING, **PAYS})], "results")
    text = everything(at)
    # The money view has its own folded section.
    assert [e.label for e in at.expander if e.label == money_word("title", "en")]
    view = money.rate_view({**STAYING, **PAYS})
    assert view.below_target
    assert any(
        money_word("effective", "en") == row[money_word("col_figure", "en")]
        for row in money_table(at)
    )
    assert any("€" in row[money_word("col_value", "en")] for row in money_table(at))
    # Below target on the stay path: the rate review and the New rates draft are offered.
    assert "rate review" in text
    assert money_word("verdict_note", "en") in text


def money_table(at: AppTest) -> list[dict]:
    tables = [t.value for t in at.table]
    frame = next(t for t in tables if money_word("col_figure", "en") in t.columns)
    return frame.to_dict("records")


def test_twelve_months_show_under_plan_your_exit_only():
    at = app([ClientRecord(name="Acme", answers={**LEAVING, **PAYS})], "results")
    assert store(at).step == "results"
    assert money_word("exit_title", "en") in everything(at)
    grid = next(d for d in at.table if money_word("col_savings_left", "en") in d.value.columns)
    assert len(grid.value) == 12
    # Whole units of money: a forecast, not an invoice.
    assert not any("." in str(v) for v in grid.value[money_word("col_savings_left", "en")])
    calm = app([ClientRecord(name="Acme", answers={**STAYING, **PAYS})], "results")
    assert money_word("exit_title", "en") not in everything(calm)


def test_twelve_months_name_only_the_answers_still_missing():
    # A user's walk: it asked for savings and work lined up that were already given.
    answers = {k: v for k, v in {**LEAVING, **PAYS}.items() if k != "situation.notice_weeks"}
    at = app([ClientRecord(name="Acme", answers=answers)], "results")
    missing = money_word("exit_missing", "en", missing=money_word("exit_missing_notice", "en"))
    assert plain(missing) in everything(at)
    assert money_word("exit_missing_savings", "en") not in everything(at)


def test_compare_shows_each_share_and_the_largest_band():
    clients = [
        ClientRecord(name="Big", answers={"situation.income_share": 55}),
        ClientRecord(name="Small", answers={"situation.income_share": 15}),
    ]
    at = app(clients, "compare")
    text = everything(at)
    assert money_word("share_title", "en") in text
    assert "Big" in text and money_word("band_concentrated", "en") in text


@pytest.mark.parametrize(("lang", "unit"), [("en", "(€ an hour)"), ("fr", "(€ de l'heure)")])
def test_amount_fields_name_the_currency_chosen(lang, unit):
    # A user's walk: the rate fields read "(de l'heure)" though euros were chosen.
    answers = {"money.pay_basis": "hourly", "situation.currency": "EUR"}
    at = app([ClientRecord(name="Acme", answers=answers)], "client", lang)
    rate = at.text_input(key=key(at, "money.hourly_rate"))
    assert rate.label.endswith(unit), rate.label
    hours = at.text_input(key=key(at, "money.billed_hours"))
    assert "€" not in hours.label
    none = app([ClientRecord(name="Acme", answers={"money.pay_basis": "hourly"})], "client", lang)
    assert "€" not in none.text_input(key=key(none, "money.hourly_rate")).label
