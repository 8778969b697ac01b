"""Deleted clients across tabs (tombstones), and where the page's scripts come from, via AppTest.

As in test_app_device.py, each test plays the browser's part by setting the storage
component's value the way its JavaScript does.
"""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from clientcheck.bank.records import ClientRecord
from clientcheck.persistence.device import loads_device
from clientcheck.ui import navigation
from clientcheck.ui.device import COMPONENT_KEY, STATE_KEY, now_ms
from tests.ui.test_app_device import (
    BANK,
    acme,
    component_data,
    device_answers,
    open_app,
    run,
    saved_copy,
    show_error_details,  # noqa: F401  (autouse fixture)
    store,
)


def beta() -> ClientRecord:
    return ClientRecord(
        name="Beta SA", answers={"disrespect.insults": "no"}, step="sign:disrespect"
    )


def two_clients(at: AppTest, stamp: int) -> tuple[ClientRecord, ClientRecord]:
    """This tab continues a copy of two clients, both last changed at ``stamp``."""
    first, second = acme(), beta()
    at = device_answers(at, text=saved_copy(stamp, first, second, current=1))
    at.button(key="continue").click()
    run(at)
    assert [c.name for c in store(at).clients] == ["Acme Ltd", "Beta SA"]
    return first, second


def sync(at: AppTest, text: str) -> AppTest:
    """Play the browser: another tab wrote ``text`` to the device."""
    at.session_state[COMPONENT_KEY] = {
        "sync": {"ask": at.session_state[STATE_KEY].ask, "text": text}
    }
    return run(at)


def other_tab_deleted(stamp: int, kept: ClientRecord, gone: ClientRecord, deleted_at: int) -> str:
    """The copy another tab writes after deleting ``gone``: a tombstone with its time."""
    doc = json.loads(saved_copy(stamp, kept))
    doc["saved_at"] = deleted_at
    doc["extras"]["deleted"] = {gone.id: deleted_at}
    return json.dumps(doc, ensure_ascii=False)


def test_deleting_a_client_leaves_a_tombstone_with_its_time_in_the_copy():
    at = open_app()
    stamp = now_ms() - 60_000
    kept, gone = two_clients(at, stamp)
    s = store(at)
    s.clients = [c for c in s.clients if c.id != gone.id]  # as the sidebar's Delete does
    s.current = 0
    before = now_ms()
    run(at)
    copy = loads_device(component_data(at)["payload"], BANK)
    assert [c.id for c in copy.clients] == [kept.id]
    assert list(copy.deleted) == [gone.id]
    assert copy.deleted[gone.id] >= before
    assert "Beta" not in component_data(at)["payload"]  # a tombstone has no name


def test_a_client_deleted_in_another_tab_is_dropped_here_and_stays_out():
    at = open_app()
    stamp = now_ms() - 60_000
    kept, gone = two_clients(at, stamp)
    assert store(at).record.id == gone.id  # this tab shows the client the other deletes
    at = sync(at, other_tab_deleted(stamp, kept, gone, now_ms()))
    assert [c.name for c in store(at).clients] == ["Acme Ltd"]
    assert store(at).record.id == kept.id
    assert store(at).step == "sign:disrespect"  # where Acme Ltd was
    (notice,) = [i.value for i in at.info if "another tab" in i.value]
    assert "Beta SA" in notice
    assert not at.warning  # nothing newer to ask about: the other tab only deleted
    copy = loads_device(component_data(at)["payload"], BANK)
    assert [c.id for c in copy.clients] == [kept.id]
    assert gone.id in copy.deleted
    assert component_data(at)["accept"] == f"feedfacecafe:{copy.deleted[gone.id]}"


def test_a_client_changed_here_after_another_tab_deleted_it_is_kept():
    at = open_app()
    stamp = now_ms() - 60_000
    kept, gone = two_clients(at, stamp)
    deleted_at = now_ms() - 30_000  # deleted there before this tab's change below
    at.radio(key=f"q|{gone.id}|disrespect.insults").set_value("once").run()
    at = sync(at, other_tab_deleted(stamp, kept, gone, deleted_at))
    assert [c.name for c in store(at).clients] == ["Acme Ltd", "Beta SA"]
    copy = loads_device(component_data(at)["payload"], BANK)
    assert gone.id in [c.id for c in copy.clients] and gone.id not in copy.deleted


def test_the_pages_scripts_are_files_served_by_the_app_not_inline():
    """Inline component code would be loaded from a blob: URL, which the
    Content-Security-Policy does not allow (deploy/security.py)."""
    at = open_app()
    components = {
        e.proto.component_name: e.proto
        for e in at.main
        if getattr(e, "type", "") == "bidi_component"
    }
    assert set(components) == {"clientcheck.page", "clientcheck.device"}
    for name, proto in components.items():
        assert proto.js_source_path == f"{name.split('.')[1]}.js"
        assert proto.js_content == ""


def test_a_report_from_another_tab_never_takes_the_page_back_to_a_step_just_left(monkeypatch):
    # A click opened a new step; a moment later another tab's save makes this tab report
    # to its server, and that run carries the address from before the click. It must not
    # be taken for the browser's Back (the click would be undone); a real Back still works.
    at = open_app()
    stamp = now_ms() - 60_000
    saved = acme()
    at = device_answers(at, text=saved_copy(stamp, saved))
    at.button(key="continue").click()
    run(at)
    before = store(at).step
    old_param = at.query_params.get("step")
    assert before.startswith("sign:") and old_param == before.removeprefix("sign:")
    store(at).step = "client"  # as a click on another step does (state.go)
    run(at)
    assert at.query_params.get("step") == "client"
    # The report's run, with the address from before the click.
    at.query_params["step"] = old_param
    doc = json.loads(saved_copy(stamp + 5, saved))
    doc["extras"]["clients"][0]["changed_at"] = stamp
    at = sync(at, json.dumps(doc, ensure_ascii=False))
    assert store(at).step == "client"
    # The browser's Back, with no message from the device: the older step again
    # (Streamlit's page marks a run it asks for on Back or Forward; AppTest cannot).
    at.session_state[COMPONENT_KEY] = {}
    at.query_params["step"] = old_param
    monkeypatch.setattr(navigation, "back_or_forward", lambda: True)
    run(at)
    assert store(at).step == before
