"""The answers file: what is saved loads back the same, and bad files are refused."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientcheck.bank.answers import DONT_KNOW
from clientcheck.bank.loader import default_bank
from clientcheck.bank.questions import Question
from clientcheck.bank.records import MAX_NAME_CHARS, ClientRecord
from clientcheck.engine.verdict import assess
from clientcheck.persistence.storage import (
    MAX_CLIENTS,
    MAX_FILE_BYTES,
    SCHEMA_VERSION,
    LoadError,
    dumps_assessment,
    dumps_session,
    loads,
)
from tests.support.summary_data import ACCENTED_NAME, FULL_ANSWERS, record

BANK = default_bank()


def answer_for(question: Question) -> st.SearchStrategy:
    if question.multiple:
        ids = [o.id for o in question.scale.options if not o.exclusive]
        valid = st.lists(st.sampled_from(ids), min_size=1, unique=True).map(
            lambda picked: tuple(o for o in ids if o in picked)
        )
    elif question.kind == "choice":
        valid = st.sampled_from(question.scale.option_ids)
    elif question.number.integer:
        valid = st.integers(int(question.number.min), int(question.number.max)).map(float)
    else:
        valid = st.floats(question.number.min, question.number.max, allow_nan=False)
    return st.one_of(st.none(), st.just(DONT_KNOW), valid)


def _within_limits(raw: dict) -> dict:
    answers = {k: v for k, v in raw.items() if v is not None}
    late, total = (
        answers.get("late_payment.late_invoices"),
        answers.get("late_payment.invoices_total"),
    )
    if isinstance(late, float) and isinstance(total, float) and late > total:
        answers["late_payment.late_invoices"] = total
    return answers


answers_strategy = st.fixed_dictionaries({q.id: answer_for(q) for q in BANK.questions()}).map(
    _within_limits
)
names = st.text(max_size=MAX_NAME_CHARS).filter(lambda s: "\x00" not in s)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(answers=answers_strategy, name=names, lang=st.sampled_from(["en", "fr"]))
def test_saved_answers_load_back_with_the_same_scores(answers, name, lang):
    original = ClientRecord(name=name, answers=answers, assessed_on=date(2026, 11, 27))
    loaded = loads(dumps_assessment(original, lang, today=date(2026, 11, 28)), BANK)
    assert loaded.language == lang
    (back,) = loaded.clients
    assert back.name == name
    assert back.answers == answers
    assert back.assessed_on == original.assessed_on
    assert assess(BANK, back.answers) == assess(BANK, original.answers)


def test_session_keeps_every_client_and_the_current_one():
    clients = [record(), record("Acme", {"disrespect.insults": "once"})]
    loaded = loads(dumps_session(clients, 1, "fr"), BANK)
    assert [c.name for c in loaded.clients] == [ACCENTED_NAME, "Acme"]
    assert loaded.current == 1
    assert loaded.clients[0].answers == FULL_ANSWERS


def document(**changes) -> bytes:
    doc = json.loads(dumps_assessment(record(), "en"))
    for key, value in changes.items():
        if value is ...:
            doc.pop(key, None)
        else:
            doc[key] = value
    return json.dumps(doc).encode()


def code_of(data: bytes) -> tuple[str, str]:
    with pytest.raises(LoadError) as caught:
        loads(data, BANK)
    return caught.value.code, caught.value.detail


def test_unknown_fields_are_refused():
    assert code_of(document(extra=1)) == ("unknown_field", "extra")
    doc = json.loads(document())
    doc["client"]["age"] = 3
    assert code_of(json.dumps(doc).encode())[0] == "bad_field"


def test_newer_versions_are_refused():
    assert code_of(document(schema_version=SCHEMA_VERSION + 1)) == (
        "newer_version",
        str(SCHEMA_VERSION + 1),
    )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"schema_version": "1"}, "bad_field"),
        ({"schema_version": True}, "bad_field"),
        ({"language": "de"}, "bad_field"),
        ({"saved_on": "yesterday"}, "bad_field"),
        ({"assessed_on": 20261127}, "bad_field"),
        ({"client": {"name": 5}}, "bad_field"),
        ({"client": {"name": "x" * (MAX_NAME_CHARS + 1)}}, "bad_field"),
        ({"format": "something-else"}, "not_client_check"),
        ({"format": ...}, "not_client_check"),
        ({"answers": []}, "bad_answers"),
    ],
)
def test_wrong_types_are_refused(changes, code):
    assert code_of(document(**changes))[0] == code


@pytest.mark.parametrize(
    ("answers", "detail"),
    [
        ({"late_payment.nope": 1}, "unknown_question:late_payment.nope"),
        ({"disrespect.insults": "maybe"}, "unknown_option:disrespect.insults"),
        (
            {"late_payment.invoices_total": 10, "late_payment.late_invoices": 11},
            "more_than_total:late_payment.late_invoices",
        ),
        (
            {"late_payment.invoices_total": 10, "late_payment.late_invoices": 2.5},
            "not_whole:late_payment.late_invoices",
        ),
        (
            {"late_payment.invoices_total": 10, "late_payment.late_invoices": "3"},
            "not_a_number:late_payment.late_invoices",
        ),
        (
            {"late_payment.invoices_total": 10, "late_payment.late_invoices": True},
            "not_a_number:late_payment.late_invoices",
        ),
    ],
)
def test_invalid_answers_are_refused(answers, detail):
    assert code_of(document(answers=answers)) == ("bad_answers", detail)


def test_not_json_and_too_large_are_refused():
    assert code_of(b"\xff\xfe not text")[0] == "not_json"
    assert code_of(b"{not json")[0] == "not_json"
    assert code_of(b"[1, 2]")[0] == "not_client_check"
    assert code_of(b" " * (MAX_FILE_BYTES + 1))[0] == "too_large"
    assert code_of(b"[" * 100_000 + b"]" * 100_000)[0] == "not_json"


def test_too_many_clients_are_refused():
    data = dumps_session([record()] * (MAX_CLIENTS + 1), 0, "en")
    assert code_of(data)[0] == "too_many_clients"


# --- version-1 files (before the decision model v2) ---------------------------------

V1_ANSWERS = {
    "late_payment.late_invoices": 8,
    "late_payment.days_late": 60,
    "late_payment.chasing": "always",
    "late_payment.unpaid_90": "yes",
    "disrespect.insults": "no",
    "disrespect.ethics": "yes",
    "contract_breach.broken_term": "yes",
    "unprofessional.favours": "often",
    "unprofessional.crossed_line": "no",
    "situation.notice_weeks": 4,
}


def v1_document(answers: dict, fmt: str = "assessment") -> bytes:
    client = {"client": {"name": "Acme", "notes": ""}, "assessed_on": "2026-01-05"}
    client |= {"answers": answers, "step": "results"}
    top = {"schema_version": 1, "language": "fr", "saved_on": "2026-01-05"}
    if fmt == "assessment":
        return json.dumps({"format": "client-check/assessment", **top, **client}).encode()
    doc = {"format": "client-check/session", **top, "current": 0, "clients": [client, client]}
    return json.dumps(doc).encode()


def test_a_version_1_file_loads_with_its_answers_carried_over():
    loaded = loads(v1_document(V1_ANSWERS), BANK)
    answers = loaded.clients[0].answers
    # "Of your last 10 invoices" becomes 8 of 10.
    assert answers["late_payment.invoices_total"] == 10
    assert answers["late_payment.late_invoices"] == 8
    assert answers["late_payment.unpaid_90"] == "once"
    assert answers["disrespect.insults"] == "no"
    # The duplicate "favours" question now lives in "free extras".
    assert answers["demanding.free_extras"] == "often"
    assert "unprofessional.favours" not in answers
    assert answers["situation.notice_weeks"] == 4
    # Yes/no answers that cannot say "how often" or "which term" are named, not guessed.
    assert loaded.dropped == ("disrespect.ethics", "contract_breach.broken_term")
    assert "disrespect.ethics" not in answers
    assert not any(q.startswith("contract_breach.") for q in answers)


def test_a_version_1_session_migrates_every_client_and_names_each_loss_once():
    loaded = loads(v1_document(V1_ANSWERS, "session"), BANK)
    assert len(loaded.clients) == 2
    assert all(c.answers["late_payment.unpaid_90"] == "once" for c in loaded.clients)
    assert loaded.dropped == ("disrespect.ethics", "contract_breach.broken_term")


def test_a_version_1_no_to_ethics_is_never_and_nothing_is_lost():
    loaded = loads(v1_document({"disrespect.ethics": "no", "disrespect.insults": "yes"}), BANK)
    assert loaded.clients[0].answers == {"disrespect.ethics": "never", "disrespect.insults": "once"}
    assert loaded.dropped == ()


def test_a_version_1_file_saves_back_as_the_current_version():
    loaded = loads(v1_document(V1_ANSWERS), BANK)
    doc = json.loads(dumps_assessment(loaded.clients[0], "fr"))
    assert doc["schema_version"] == SCHEMA_VERSION == 4
    assert loads(json.dumps(doc).encode(), BANK).clients[0].answers == loaded.clients[0].answers


def test_a_count_above_its_total_is_refused():
    answers = {"late_payment.invoices_total": 3, "late_payment.late_invoices": 4}
    assert code_of(document(answers=answers)) == (
        "bad_answers",
        "more_than_total:late_payment.late_invoices",
    )


def test_a_version_3_file_loads_with_the_questions_that_changed_carried_over():
    answers = {
        "contract_breach.has_contract": "yes",
        "contract_breach.breach_term": "rights",
        "contract_breach.avoids_writing": "often",
        "late_payment.warns_ahead": "never",
        "less_work.cancelled": "sometimes",
        "unprofessional.inappropriate": "yes",
        "late_payment.raised": "no_change",
    }
    doc = {
        "format": "client-check/assessment",
        "schema_version": 3,
        "language": "fr",
        "saved_on": "2026-11-27",
        "client": {"name": "Acme", "notes": ""},
        "assessed_on": "2026-11-27",
        "answers": answers,
    }
    loaded = loads(json.dumps(doc).encode(), BANK)
    got = loaded.clients[0].answers
    assert got["contract_breach.terms_broken"] == ("rights",)
    assert got["contract_breach.cancelled"] == "sometimes"
    assert got["unprofessional.crossed_line"] == "yes"
    assert got["late_payment.raised"] == "no_change"
    for gone in ("late_payment.warns_ahead", "contract_breach.avoids_writing"):
        assert gone not in got
    # What a line crossed was exactly, the old question did not say: asked again, with a message.
    assert loaded.dropped == ("unprofessional.inappropriate",)


def test_several_answers_save_as_a_list_and_load_back():
    record = ClientRecord(
        name="A",
        answers={
            "unprofessional.crossed_line": "yes",
            "unprofessional.crossed_what": ("harassment", "threats"),
        },
    )
    data = dumps_assessment(record, "en")
    assert json.loads(data)["answers"]["unprofessional.crossed_what"] == ["harassment", "threats"]
    assert loads(data, BANK).clients[0].answers == record.answers


@pytest.mark.parametrize(
    "value", [["none", "rights"], ["rights", "rights", "nope"], "rights", [], [3]]
)
def test_several_answers_that_cannot_go_together_are_refused(value):
    doc = json.loads(dumps_assessment(ClientRecord(name="A"), "en"))
    doc["answers"] = {"contract_breach.has_contract": "yes", "contract_breach.terms_broken": value}
    with pytest.raises(LoadError) as caught:
        loads(json.dumps(doc).encode(), BANK)
    assert caught.value.detail == "unknown_option:contract_breach.terms_broken"


@pytest.mark.parametrize(
    ("saved", "read"),
    [
        ("enforced_paid", "enforced"),
        ("enforced_complied", "enforced"),
        ("self_corrected", "improved"),
    ],
)
def test_a_workload_answer_the_question_no_longer_offers_reads_as_its_new_option(saved, read):
    # A user's walk: "Have you already asked the client what workload to expect?" offered
    # "they pay what is due but skip the fee". Those options went; a file saved with one
    # still loads, read as the option that now says the same.
    doc = json.loads(document())
    doc["answers"] = {"less_work.volume_change": -30, "less_work.raised": saved}
    (client,) = loads(json.dumps(doc).encode(), BANK).clients
    assert client.answers["less_work.raised"] == read


def test_the_workload_history_offers_no_fee_or_deposit():
    scale = BANK.question("less_work.raised").scale
    assert scale.option_ids == ("not_yet", "improved", "slipping", "no_change", "worse", "enforced")
    for option in scale.options:
        for words in ("fee", "deposit", "formal notice", "pay"):
            assert words not in option.label("en").replace("booking fee", ""), option.label("en")
