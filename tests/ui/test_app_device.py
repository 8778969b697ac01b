"""Autosave on the device, driven through AppTest: the resume offer, bad copies, forgetting.

AppTest has no browser, so the storage component never answers by itself: each test
plays the browser's part by setting the component's value (``cc_device``) the way its
JavaScript does, and reads what the app hands the component to write from its data.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.guidance.render import question_count
from clientcheck.persistence.device import ClientExtras, dumps_device, loads_device
from clientcheck.ui.device import COMPONENT_KEY, STATE_KEY, now_ms
from clientcheck.ui.state import Store

ROOT = Path(__file__).resolve().parents[2]
BANK = default_bank()


def asked(record: ClientRecord) -> int:
    """The questions asked for this client: the count every page shows (not the bank's)."""
    return question_count(BANK, record.answers)[1]


TWO_DAYS = 2 * 24 * 3600 * 1000
OTHER_TAB = "feedfacecafe"


@pytest.fixture(autouse=True)
def show_error_details():
    before = st_config.get_option("client.showErrorDetails")
    st_config.set_option("client.showErrorDetails", "full")
    yield
    st_config.set_option("client.showErrorDetails", before)


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_app(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["lang"] = lang
    return run(at)


def saved_copy(saved_at: int, *records: ClientRecord, current: int = 0, writer: str = OTHER_TAB):
    extras = [
        ClientExtras(
            changed_at=saved_at,
            details={"sender_name": "Ana"},
            drafts={"goodbye|warm|en": {"subject": "Bye", "body": "My own words"}},
            chosen=["goodbye|warm"],
        )
        for _ in records
    ]
    return dumps_device(
        list(records), current, "en", extras, saved_at=saved_at, writer=writer, today=date.today()
    )


def acme() -> ClientRecord:
    return ClientRecord(
        name="Acme Ltd",
        answers={
            "late_payment.chasing": "often",
            "disrespect.insults": "no",
            "demanding.free_extras": "dont_know",
            "less_work.volume_change": -20.0,
        },
        step="sign:disrespect",
    )


def device_answers(at: AppTest, **loaded) -> AppTest:
    """Play the browser: the component sends what storage holds for this server session."""
    ask = at.session_state[STATE_KEY].ask
    at.session_state[COMPONENT_KEY] = {
        "loaded": {"ask": ask, "available": True, "again": False, "autosave": True, **loaded}
    }
    return run(at)


def component_data(at: AppTest) -> dict:
    """What the app handed the storage component on the last run."""
    (element,) = [
        e
        for e in at.main
        if getattr(e, "type", "") == "bidi_component"
        and e.proto.component_name == "clientcheck.device"
    ]
    proto = element.proto
    raw = proto.json or proto.mixed.json
    return json.loads(raw)


def store(at: AppTest) -> Store:
    return at.session_state["cc_store"]


def test_before_the_device_answers_nothing_is_written_and_start_is_drawn_hidden():
    at = open_app()
    data = component_data(at)
    assert data["ready"] is False and data["payload"] is None
    # The start button exists (hidden by CSS until the device answers, shown after 2 s).
    assert at.button(key="start").label == "Start"
    assert "cc_start_waiting" in [b.key for b in at.get("flex_container")]
    assert not [b for b in at.button if b.key == "continue"]


def test_saved_work_is_offered_and_continuing_lands_on_the_saved_step():
    at = open_app()
    at = device_answers(at, text=saved_copy(now_ms() - TWO_DAYS, acme()))
    label = at.button(key="continue").label
    assert label == f"Continue: Acme Ltd, 3 of {asked(acme())} answered, saved 2 days ago"
    assert asked(acme()) < sum(1 for _ in BANK.questions())  # follow-ups and Money left out
    assert at.button(key="start").label == "Start a new check"
    at.button(key="continue").click()
    at = run(at)
    assert store(at).step == "sign:disrespect"
    record = store(at).record
    assert record.name == "Acme Ltd"
    assert record.answers["less_work.volume_change"] == -20.0
    # Details and edited drafts came back with the client.
    assert store(at).details[record.id] == {"sender_name": "Ana"}
    assert store(at).drafts[f"{record.id}|goodbye|warm|en"]["body"] == "My own words"
    assert store(at).chosen_drafts[record.id] == ["goodbye|warm"]


def test_the_offer_is_in_french_for_a_french_page():
    at = open_app("fr")
    at = device_answers(at, text=saved_copy(now_ms() - 5 * 60_000, acme()))
    label = at.button(key="continue").label
    assert (
        label
        == f"Reprendre\u202f: Acme Ltd, 3 réponses sur {asked(acme())}, enregistré il y a 5 minutes"
    )


def test_starting_a_new_check_keeps_the_saved_clients():
    at = open_app()
    at = device_answers(at, text=saved_copy(now_ms(), acme()))
    at.button(key="start").click()
    at = run(at)
    assert store(at).step == "client"
    assert [c.name for c in store(at).clients] == ["Acme Ltd", ""]
    assert store(at).current == 1


def test_after_the_offer_the_app_writes_the_session_with_this_tab_as_writer():
    at = open_app()
    saved, stamp = acme(), now_ms() - TWO_DAYS
    at = device_answers(at, text=saved_copy(stamp, saved))
    data = component_data(at)
    assert data["ready"] is True and data["autosave"] is True
    copy = loads_device(data["payload"], BANK)
    assert copy.writer == at.session_state[STATE_KEY].ask
    assert [c.name for c in copy.clients] == ["Acme Ltd"]
    # Restoring is not a change: the client keeps its id and the time it was last changed.
    assert copy.stamps == {saved.id: stamp}
    at.button(key="continue").click()
    at = run(at)
    at.radio(key=f"q|{saved.id}|disrespect.insults").set_value("once").run()
    copy = loads_device(component_data(at)["payload"], BANK)
    assert copy.clients[0].answers["disrespect.insults"] == "once"
    assert copy.stamps[saved.id] > stamp


def test_an_empty_device_gives_the_plain_start_and_nothing_to_write():
    at = open_app()
    at = device_answers(at, text=None)
    assert at.button(key="start").label == "Start"
    assert component_data(at)["payload"] is None
    at.button(key="start").click()
    at = run(at)
    at.text_input(key=f"name|{store(at).record.id}").set_value("Zed").run()
    payload = component_data(at)["payload"]
    assert [c.name for c in loads_device(payload, BANK).clients] == ["Zed"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("{not json", "en", "it is damaged or incomplete."),
        (json.dumps({"format": "someone-else"}), "fr", "elle ne vient pas de Client Check."),
        (
            json.dumps({"format": "client-check/device", "device_version": 99}),
            "en",
            "it was saved by a newer version of Client Check.",
        ),
        ("x" * 2_000_001, "en", "it is larger than the app accepts."),
    ],
)
def test_a_bad_copy_gives_a_message_and_a_clean_start(text, lang, expected):
    at = open_app(lang)
    at = device_answers(at, text=text)
    (warning,) = at.warning
    assert expected in warning.value
    assert at.button(key="start").label in ("Start", "Commencer")
    assert len(store(at).clients) == 1 and not store(at).record.answers


def test_no_storage_gives_a_one_line_notice_and_the_app_works():
    at = open_app()
    ask = at.session_state[STATE_KEY].ask
    at.session_state[COMPONENT_KEY] = {"loaded": {"ask": ask, "available": False}}
    at = run(at)
    assert any("does not let the app keep your work" in i.value for i in at.info)
    assert component_data(at)["ready"] is False
    at.button(key="start").click()
    assert run(at).session_state["cc_store"].step == "client"


def test_an_answer_from_an_earlier_server_session_is_ignored():
    at = open_app()
    at.session_state[COMPONENT_KEY] = {
        "loaded": {"ask": "000000000000", "available": True, "text": saved_copy(1, acme())}
    }
    at = run(at)
    assert at.session_state[STATE_KEY].phase == "waiting"
    assert not [b for b in at.button if b.key == "continue"]


def test_after_a_server_restart_the_work_reopens_where_it_was():
    at = open_app()
    at = device_answers(at, text=saved_copy(now_ms(), acme()), again=True)
    assert store(at).step == "sign:disrespect"
    assert store(at).record.name == "Acme Ltd"


@pytest.mark.parametrize(
    ("param", "expected"),
    [("results", "results"), ("late_payment", "sign:late_payment"), (None, "welcome")],
)
def test_a_reload_reopens_the_step_its_address_names_with_the_work_on_this_device(param, expected):
    # A user reloaded the results page and landed on the welcome page.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["lang"] = "en"
    if param:
        at.query_params["step"] = param
    at = run(at)
    assert store(at).step == "welcome"  # the device has not answered yet
    at = device_answers(at, text=saved_copy(now_ms() - TWO_DAYS, acme()))
    assert store(at).step == expected
    assert store(at).record.name == "Acme Ltd"
    if param:
        assert at.query_params.get("step") == param  # the address still names it
    else:
        assert at.button(key="continue")  # a fresh visit is offered to continue


def test_forget_asks_first_then_clears_the_page_and_the_device():
    at = open_app()
    at = device_answers(at, text=saved_copy(now_ms(), acme()))
    at.button(key="device_forget").click()
    at = run(at)
    assert "removes every client saved in this browser" in at.warning[0].value
    assert store(at).record.name == "Acme Ltd"  # nothing gone before the confirmation
    at.button(key="device_forget_yes").click()
    at = run(at)
    assert [c.name for c in store(at).clients] == [""]
    data = component_data(at)
    assert data["payload"] is None and data["forget"]
    assert any("is gone" in s.value for s in at.success)
    assert at.button(key="start").label == "Start"


def test_turning_autosave_off_stops_writing_and_is_handed_to_the_device():
    at = open_app()
    at = device_answers(at, text=saved_copy(now_ms(), acme()))
    assert component_data(at)["payload"]
    at.toggle(key="device_autosave").set_value(False).run()
    data = component_data(at)
    assert data["autosave"] is False and data["payload"] is None
    # The choice remembered on the device comes back on the next visit.
    again = open_app()
    again = device_answers(again, text=None, autosave=False)
    assert again.toggle(key="device_autosave").value is False
    assert component_data(again)["autosave"] is False


def _sync(at: AppTest, text: str) -> AppTest:
    value = dict(at.session_state[COMPONENT_KEY])
    value["sync"] = {"ask": at.session_state[STATE_KEY].ask, "text": text}
    at.session_state[COMPONENT_KEY] = value
    return run(at)


def test_another_tab_with_newer_work_is_asked_about_before_overwriting():
    at = open_app()
    saved = acme()
    at = device_answers(at, text=saved_copy(now_ms() - 60_000, saved))
    newer = ClientRecord(
        name="Acme Ltd", answers={"late_payment.chasing": "never"}, id=saved.id, step="results"
    )
    other = saved_copy(now_ms(), newer)
    at = _sync(at, other)
    assert "Another tab or window saved newer work" in at.warning[0].value
    assert component_data(at)["accept"] == ""  # nothing overwritten while it asks
    at.button(key="device_use_other").click()
    at = run(at)
    assert store(at).record.answers == {"late_payment.chasing": "never"}
    assert component_data(at)["accept"] == loads_device(other, BANK).token
    assert not at.warning


def test_keeping_this_tabs_version_lets_it_overwrite():
    at = open_app()
    saved = acme()
    at = device_answers(at, text=saved_copy(now_ms() - 60_000, saved))
    other = saved_copy(now_ms(), ClientRecord(name="Other", id="abcabcabcabc"))
    at = _sync(at, other)
    at.button(key="device_keep_mine").click()
    at = run(at)
    assert store(at).record.name == "Acme Ltd"
    assert component_data(at)["accept"] == loads_device(other, BANK).token


def test_another_tab_rewriting_what_this_tab_has_seen_is_not_a_conflict():
    at = open_app()
    stamp = now_ms() - 60_000
    saved = acme()
    at = device_answers(at, text=saved_copy(stamp, saved))
    # Same client, same change time: the other tab only opened it.
    same = saved_copy(stamp + 5, saved)
    same_doc = json.loads(same)
    same_doc["extras"]["clients"][0]["changed_at"] = stamp
    at = _sync(at, json.dumps(same_doc, ensure_ascii=False))
    assert not at.warning
    assert component_data(at)["accept"] == f"{OTHER_TAB}:{stamp + 5}"


def test_a_hostile_saved_name_is_shown_literally_in_the_offer():
    from clientcheck.ui.layout import literal

    name = "**bold** [x](http://evil) <script>alert(1)</script> :red[x]"
    saved = ClientRecord(name=name, answers={"disrespect.insults": "no"})
    at = open_app()
    at = device_answers(at, text=saved_copy(now_ms(), saved))
    label = at.button(key="continue").label
    assert label.startswith(f"Continue: {literal(name)}, 1 of {asked(saved)} answered")
    assert r"\*\*bold\*\*" in label and r"\[x\]" in label


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_saved_answer_that_cannot_be_read_is_left_blank_and_the_rest_comes_back(lang):
    # A user's walk: one unreadable answer in the device's copy, and a reload of the results
    # page said the work "could not be restored" and started a clean page.
    copy = json.loads(saved_copy(now_ms() - TWO_DAYS, acme()))
    session = json.loads(copy["session"])
    session["clients"][0]["answers"]["late_payment.chasing"] = "Often"
    copy["session"] = json.dumps(session)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["lang"] = lang
    at.query_params["step"] = "results"
    at = device_answers(run(at), text=json.dumps(copy))
    said = {"en": "could not be read and were left blank", "fr": "réponses illisibles"}[lang]
    (warning,) = [w.value for w in at.warning if said in w.value]
    assert BANK.question("late_payment.chasing").text(lang) in warning, warning
    assert store(at).step == "results" and store(at).record.name == "Acme Ltd"
    kept = dict(acme().answers)
    kept.pop("late_payment.chasing")
    assert store(at).record.answers == kept
