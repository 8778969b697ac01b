"""The copy kept on the device: what is saved loads back the same, and bad copies are refused."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import clientcheck.persistence.device as device
from clientcheck.bank.loader import default_bank
from clientcheck.guidance.letters import MessageDetails
from clientcheck.persistence.details import DETAIL_KINDS
from clientcheck.persistence.device import (
    DEVICE_VERSION,
    EXTRAS_VERSION,
    MAX_DEVICE_CHARS,
    MAX_TOMBSTONES,
    NO_DRAFT,
    TOMBSTONE_DAYS,
    ClientExtras,
    deleted_since,
    device_token,
    dumps_device,
    loads_device,
    newer_elsewhere,
    prune_tombstones,
)
from clientcheck.persistence.storage import SCHEMA_VERSION, LoadError, dumps_session
from tests.support.summary_data import ACCENTED_NAME, DAY, FULL_ANSWERS, HOSTILE_NAMES, record

BANK = default_bank()
WRITER = "0123456789ab"
SAVED_AT = 1_764_343_902_000


# A value of each kind, as the drafts panel keeps it: every detail is in the saved copy.
TYPED = {
    "text": "Harbour Holdings LLC",
    "area": "Line one.\nLine two.",
    "money": "$4,250",
    "weeks": "4",
    "reason": "late_payments",
    "date": date(2026, 11, 15),
    "sent_on": date(2026, 12, 7),
    "percent": 40,
}


def full_extras(changed_at: int = SAVED_AT) -> ClientExtras:
    return ClientExtras(
        changed_at=changed_at,
        details={
            **{field: TYPED[kind] for field, kind in DETAIL_KINDS.items()},
            "sender_name": "Ana « Dev »",
            "overdue_amount": "1 500,50 €",
            "total_owed": "5 400",
            "deposit_percent": 30,
            "due_date": date(2026, 12, 1),
            "end_date": None,
            "proposed_clause": "Payment within 30 days.\nLate fees apply.",
        },
        drafts={
            "payment_terms|firm|en": {"subject": "Terms", "body": "Dear client,\n\n<b>x</b>"},
            "goodbye|warm|fr": {"body": "Bonjour,\n\nAu revoir\u202f!"},
        },
        chosen=["payment_terms|firm", "goodbye|warm"],
        raw={"late_payment.days_late": "4O days"},
    )


def session(names: tuple[str, ...] = (ACCENTED_NAME, "Acme Ltd")):
    records = [record(name) for name in names]
    records[-1] = replace(
        records[-1], answers={"late_payment.chasing": "often"}, step="sign:demanding"
    )
    extras = [full_extras(SAVED_AT - i) for i in range(len(records))]
    return records, extras


def dump(records, extras, current: int = 1, lang: str = "fr") -> str:
    return dumps_device(records, current, lang, extras, saved_at=SAVED_AT, writer=WRITER, today=DAY)


def test_a_saved_session_loads_back_with_every_client_detail_and_draft():
    records, extras = session()
    loaded = loads_device(dump(records, extras), BANK)
    assert loaded.language == "fr"
    assert loaded.current == 1
    assert loaded.token == f"{WRITER}:{SAVED_AT}"
    for original, back in zip(records, loaded.clients, strict=True):
        assert (back.id, back.name, back.notes) == (original.id, original.name, original.notes)
        assert (back.answers, back.assessed_on, back.step) == (
            original.answers,
            original.assessed_on,
            original.step,
        )
    first = loaded.extras[0]
    expected = {k: v for k, v in full_extras().details.items() if v is not None}
    assert first.details == expected
    assert first.details["due_date"] == date(2026, 12, 1)
    assert first.drafts == full_extras().drafts
    assert first.chosen == ["payment_terms|firm", "goodbye|warm"]
    assert first.raw == {"late_payment.days_late": "4O days"}
    assert loaded.stamps == {records[0].id: SAVED_AT, records[1].id: SAVED_AT - 1}


def test_every_detail_a_draft_takes_is_one_the_device_copy_keeps():
    # The loader once knew ten of the twenty-three details: a reload after typing the
    # client's official name or an invoice number restored nothing (a user's walk).
    taken = {f.name for f in fields(MessageDetails)} - {"currency"}
    assert taken == set(DETAIL_KINDS)
    assert set(DETAIL_KINDS.values()) == set(TYPED)
    loaded = loads_device(dump(*session()), BANK).extras[0]
    assert set(loaded.details) == set(DETAIL_KINDS) - {"end_date"}  # None is not written


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_come_back_literally(name):
    records, extras = session((name,))
    assert loads_device(dump(records, extras, current=0), BANK).clients[0].name == name


def test_the_session_part_is_exactly_the_session_file():
    records, extras = session()
    doc = json.loads(dump(records, extras))
    assert doc["session"].encode("utf-8") == dumps_session(records, 1, "fr", today=DAY)
    assert doc["device_version"] == DEVICE_VERSION
    assert doc["extras"]["version"] == EXTRAS_VERSION == 2


# A session file as version 1 of the format wrote it, by hand: when the answers file moves
# to a newer schema, this copy on someone's device must still load through storage.loads.
V1_SESSION = {
    "format": "client-check/session",
    "schema_version": 1,
    "language": "en",
    "saved_on": "2026-11-27",
    "current": 0,
    "clients": [
        {
            "client": {"name": "Old Co", "notes": "kept since v1"},
            "assessed_on": "2026-11-20",
            "answers": {"late_payment.late_invoices": 6, "disrespect.insults": "no"},
            "step": "sign:late_payment",
        }
    ],
}


def device_doc(session_doc: dict | str | None = None, **changes) -> dict:
    doc = {
        "format": "client-check/device",
        "device_version": 1,
        "saved_at": SAVED_AT,
        "writer": WRITER,
        "session": session_doc
        if isinstance(session_doc, str)
        else json.dumps(session_doc or V1_SESSION),
        "extras": {
            "version": 1,
            "clients": [{"id": "aaaaaaaaaaaa", "changed_at": SAVED_AT}],
        },
    }
    doc.update(changes)
    return doc


def test_a_version_1_copy_loads_through_the_answers_file_migration():
    loaded = loads_device(json.dumps(device_doc()), BANK)
    (client,) = loaded.clients
    assert client.name == "Old Co"
    assert client.id == "aaaaaaaaaaaa"
    # Version 1 asked "of your last 10 invoices": the migration adds the 10.
    assert client.answers == {
        "late_payment.invoices_total": 10,
        "late_payment.late_invoices": 6,
        "disrespect.insults": "no",
    }
    assert client.step == "sign:late_payment"


def test_the_session_part_goes_through_storage_loads(monkeypatch):
    calls = []
    real = device.loads

    def spy(data, bank, **options):
        calls.append((data, options))
        return real(data, bank, **options)

    monkeypatch.setattr(device, "loads", spy)
    loads_device(json.dumps(device_doc()), BANK)
    assert calls == [(json.dumps(V1_SESSION).encode("utf-8"), {"lenient": True})]


def _bad(code: str, text: str) -> tuple[str, str]:
    return (code, text)


NEWER_SESSION = dict(V1_SESSION, schema_version=SCHEMA_VERSION + 1)
UNKNOWN_QUESTION = dict(
    V1_SESSION, clients=[dict(V1_SESSION["clients"][0], answers={"no_such.question": "yes"})]
)
BAD_CASES = [
    ("not_json", "{not json"),
    ("not_json", ""),
    ("not_client_check", "[1, 2, 3]"),
    ("not_client_check", json.dumps({"format": "other-app/state", "device_version": 1})),
    ("not_client_check", json.dumps(V1_SESSION)),  # a session file is not a device copy
    ("newer_version", json.dumps(device_doc(device_version=DEVICE_VERSION + 1))),
    ("newer_version", json.dumps(device_doc(NEWER_SESSION))),
    ("too_large", json.dumps(device_doc(padding="x" * MAX_DEVICE_CHARS))),
    ("unknown_field", json.dumps(device_doc(padding=1))),
    ("bad_field", json.dumps(device_doc(device_version="1"))),
    ("bad_field", json.dumps(device_doc(saved_at=-1))),
    ("bad_field", json.dumps(device_doc(saved_at=True))),
    ("bad_field", json.dumps(device_doc(writer="../../etc"))),
    ("bad_field", json.dumps(device_doc(session={"format": "client-check/session"}))),
    ("not_json", json.dumps(device_doc("{broken"))),
    ("bad_field", json.dumps(device_doc(extras=[]))),
    ("newer_version", json.dumps(device_doc(extras={"version": 3, "clients": []}))),
    ("bad_field", json.dumps(device_doc(extras={"version": 1, "clients": []}))),
]


def _with_client_extras(**entry) -> str:
    base = {"id": "aaaaaaaaaaaa", "changed_at": SAVED_AT}
    return json.dumps(device_doc(extras={"version": 1, "clients": [dict(base, **entry)]}))


BAD_CASES += [
    ("bad_field", _with_client_extras(id="AAAA")),
    ("bad_field", _with_client_extras(changed_at=1.5)),
    ("unknown_field", _with_client_extras(secret="x")),
    ("bad_field", _with_client_extras(details={"sender_name": 3})),
    ("bad_field", _with_client_extras(details={"sender_name": "x" * 301})),
    ("bad_field", _with_client_extras(details={"sender_name": "nul\x00"})),
    ("bad_field", _with_client_extras(details={"due_date": "tomorrow"})),
    ("bad_field", _with_client_extras(details={"deposit_percent": 500})),
    ("unknown_field", _with_client_extras(details={"password": "x"})),
    ("bad_field", _with_client_extras(drafts={"goodbye|warm|en": {"body": "x" * 20_001}})),
    ("unknown_field", _with_client_extras(drafts={"goodbye|warm|en": {"html": "x"}})),
    ("bad_field", _with_client_extras(drafts=["goodbye"])),
    ("bad_field", _with_client_extras(chosen="goodbye|warm")),
    ("bad_field", _with_client_extras(raw={"late_payment.days_late": "9" * 41})),
]


@pytest.mark.parametrize(("code", "text"), BAD_CASES)
def test_a_bad_copy_is_refused_with_a_reason(code, text):
    with pytest.raises(LoadError) as caught:
        loads_device(text, BANK)
    assert caught.value.code == code


def test_an_answer_the_copy_cannot_read_costs_that_answer_not_the_work():
    # A user's walk: one bad answer in the device's copy ("Sometimes" stored for
    # "sometimes") and a reload said "could not be restored" and started a clean page.
    # The copy comes back without the answers it cannot read, which are named; a file
    # handed over is still checked whole (storage.loads).
    client = V1_SESSION["clients"][0]
    answers = {
        **client["answers"],
        "late_payment.chasing": "Sometimes",
        "no_such.question": "yes",
    }
    doc = dict(V1_SESSION, clients=[dict(client, answers=answers)])
    saved = loads_device(json.dumps(device_doc(doc)), BANK)
    kept = saved.clients[0].answers
    assert set(saved.unreadable) == {"late_payment.chasing", "no_such.question"}
    assert "late_payment.chasing" not in kept and "no_such.question" not in kept
    assert {k: v for k, v in kept.items()} == {
        k: v for k, v in loads_device(json.dumps(device_doc()), BANK).clients[0].answers.items()
    }
    with pytest.raises(LoadError) as caught:
        device.loads(json.dumps(doc).encode("utf-8"), BANK)
    assert caught.value.code == "bad_answers"


def test_two_clients_with_the_same_id_are_refused():
    session_doc = dict(V1_SESSION, clients=V1_SESSION["clients"] * 2)
    entry = {"id": "aaaaaaaaaaaa", "changed_at": SAVED_AT}
    text = json.dumps(device_doc(session_doc, extras={"version": 1, "clients": [entry, entry]}))
    with pytest.raises(LoadError, match="bad_field"):
        loads_device(text, BANK)


def test_drafts_of_messages_this_version_does_not_offer_are_left_out():
    text = _with_client_extras(
        drafts={"retired_message|warm|en": {"body": "x"}, "goodbye|warm|en": {"body": "y"}},
        chosen=["retired_message|warm", "goodbye|sarcastic", "goodbye|warm"],
        raw={"no_such.question": "3", "late_payment.days_late": "3"},
    )
    extras = loads_device(text, BANK).extras[0]
    assert extras.drafts == {"goodbye|warm|en": {"body": "y"}}
    assert extras.chosen == ["goodbye|warm"]
    assert extras.raw == {"late_payment.days_late": "3"}


def test_no_draft_for_the_summary_is_kept_as_a_choice():
    # Without it, the first suggested draft would be back in the summary after a reload.
    extras = loads_device(_with_client_extras(chosen=[NO_DRAFT]), BANK).extras[0]
    assert extras.chosen == [NO_DRAFT]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    doc=json_values,
    field=st.sampled_from(["session", "extras", "saved_at", "writer", "device_version", "format"]),
)
def test_any_json_in_storage_is_either_loaded_or_refused_never_an_exception(doc, field):
    for text in (json.dumps(doc), json.dumps(device_doc(**{field: doc}))):
        try:
            loads_device(text, BANK)
        except LoadError:
            pass


def test_non_text_from_the_browser_is_refused():
    for value in (None, 3, {"format": "client-check/device"}, ["x"]):
        with pytest.raises(LoadError):
            loads_device(value, BANK)


def test_newer_work_is_what_another_tab_changed_after_this_tab_last_saw_it():
    records, extras = session(("A", "B", "C"))
    other = loads_device(dump(records, extras), BANK)
    a, b, c = (r.id for r in records)
    seen = {a: SAVED_AT, b: SAVED_AT - 5, "gone00000000": 1}
    # A: seen as is; B: changed there since; C: a client this tab never saw.
    assert [r.name for r in newer_elsewhere(other, seen)] == ["B", "C"]
    assert newer_elsewhere(other, other.stamps) == []


def test_a_full_session_of_ten_clients_fits_easily_in_the_browser():
    records = [replace(record(f"Client {i}"), answers=dict(FULL_ANSWERS)) for i in range(10)]
    text = dump(records, [full_extras() for _ in records], current=0)
    # localStorage holds about 5 million characters per site.
    assert len(text) < 100_000
    assert len(loads_device(text, BANK).clients) == 10


@pytest.mark.parametrize(
    ("text", "token"),
    [
        (json.dumps({"writer": "abc", "saved_at": 12}), "abc:12"),
        ('{"writer": "abc", "saved_at": 1e3}', "abc:1000"),
        ('{"writer": "abc", "saved_at": 1.5}', "?"),
        ('{"writer": "abc", "saved_at": true}', "?"),
        ('{"writer": 1, "saved_at": 1}', "?"),
        ("[1]", "?"),
        ("{not json", "?"),
    ],
)
def test_a_copy_is_named_the_way_the_browser_names_it(text, token):
    # The same rule as token() in the component's JavaScript.
    assert device_token(text) == token


def test_a_real_copy_is_named_by_its_writer_and_time():
    records, extras = session()
    text = dump(records, extras)
    assert device_token(text) == loads_device(text, BANK).token == f"{WRITER}:{SAVED_AT}"


# --- tombstones: a client deleted in one tab stays deleted in the others --------------

GONE, ALSO_GONE = "0f1e2d3c4b5a", "a5b4c3d2e1f0"
DAY_MS = 86_400_000


def test_tombstones_round_trip_with_their_times_and_no_name():
    records, extras = session()
    text = dumps_device(
        records, 0, "en", extras, saved_at=SAVED_AT, writer=WRITER,
        deleted={GONE: SAVED_AT - 5, ALSO_GONE: SAVED_AT - 9},
    )  # fmt: skip
    assert json.loads(text)["extras"]["deleted"] == {GONE: SAVED_AT - 5, ALSO_GONE: SAVED_AT - 9}
    assert loads_device(text, BANK).deleted == {GONE: SAVED_AT - 5, ALSO_GONE: SAVED_AT - 9}


def test_a_client_written_in_the_copy_has_no_tombstone():
    records, extras = session()
    mine = records[0].id
    text = dumps_device(
        records, 0, "en", extras, saved_at=SAVED_AT, writer=WRITER, deleted={mine: SAVED_AT}
    )
    assert json.loads(text)["extras"]["deleted"] == {}
    # ...and one written by hand is ignored on reading: the client is there.
    doc = json.loads(text)
    doc["extras"]["deleted"] = {mine: SAVED_AT}
    assert loads_device(json.dumps(doc), BANK).deleted == {}


def test_old_tombstones_are_dropped_and_only_the_newest_kept():
    now = SAVED_AT
    old = {GONE: now - (TOMBSTONE_DAYS + 1) * DAY_MS, ALSO_GONE: now - DAY_MS}
    assert prune_tombstones(old, now) == {ALSO_GONE: now - DAY_MS}
    many = {f"{i:012x}": now - i for i in range(MAX_TOMBSTONES + 50)}
    kept = prune_tombstones(many, now)
    assert len(kept) == MAX_TOMBSTONES
    assert set(kept) == {f"{i:012x}" for i in range(MAX_TOMBSTONES)}  # the newest


def test_a_deleted_client_is_dropped_only_if_it_did_not_change_here_since():
    records, extras = session()
    other = loads_device(
        dumps_device(
            records, 0, "en", extras, saved_at=SAVED_AT, writer=WRITER,
            deleted={GONE: SAVED_AT, ALSO_GONE: SAVED_AT},
        ),
        BANK,
    )  # fmt: skip
    here = {GONE: SAVED_AT - 1, ALSO_GONE: SAVED_AT + 1, "ffffffffffff": 0}
    assert deleted_since(other, here) == [GONE]


def _with_tombstones(deleted: object, version: int = 2) -> str:
    entry = {"id": "aaaaaaaaaaaa", "changed_at": SAVED_AT}
    extras = {"version": version, "clients": [entry], "deleted": deleted}
    return json.dumps(device_doc(extras=extras))


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("unknown_field", _with_tombstones({GONE: SAVED_AT}, version=1)),
        ("bad_field", _with_tombstones([GONE])),
        ("bad_field", _with_tombstones({"Robert'); DROP": SAVED_AT})),
        ("bad_field", _with_tombstones({GONE: "yesterday"})),
        ("bad_field", _with_tombstones({GONE: -1})),
        ("bad_field", _with_tombstones({f"{i:012x}": 1 for i in range(MAX_TOMBSTONES + 1)})),
    ],
)
def test_bad_tombstones_are_refused(code, text):
    with pytest.raises(LoadError) as caught:
        loads_device(text, BANK)
    assert caught.value.code == code


def test_a_version_1_copy_has_no_tombstones():
    assert loads_device(json.dumps(device_doc()), BANK).deleted == {}
