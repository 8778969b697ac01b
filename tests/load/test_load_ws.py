"""The protocol-level load generator's own pieces: messages, widget lookup, answers."""

from __future__ import annotations

import random

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import FileURLs
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from scripts import load_proc, load_proto, load_user, load_ws
from scripts.load_proto import Widget, answer_for, find, user_key, widgets_in


def forward(kind: str, widget_id: str, **fields) -> ForwardMsg:
    """A delta drawing one element of ``kind``, the way the server sends it."""
    msg = ForwardMsg()
    proto = getattr(msg.delta.new_element, kind)
    if widget_id:
        proto.id = widget_id
    for name, value in fields.items():
        target = getattr(proto, name)
        if isinstance(value, list):
            target.extend(value)
        else:
            setattr(proto, name, value)
    return msg


def drawn(*messages: ForwardMsg) -> list[Widget]:
    return [w for m in messages for w in widgets_in(m)]


# --- widget ids and lookup by key ---------------------------------------------------------


@pytest.mark.parametrize(
    ("widget_id", "key"),
    [
        ("$$ID-9f2c1e0a-start", "start"),
        (
            "$$ID-9f2c1e0a-q|c-1a2b|late_payment.late_invoices",
            "q|c-1a2b|late_payment.late_invoices",
        ),
        ("$$ID-9f2c1e0a-next|sign:late-payment", "next|sign:late-payment"),
        ("$$ID-9f2c1e0a-upload_sidebar#0", "upload_sidebar#0"),
        ("$$ID-9f2c1e0a-None", None),  # a widget drawn without a key
        ("$$ID-9f2c1e0a", None),
        ("start", None),
        ("", None),
    ],
)
def test_user_key_is_what_follows_the_hash(widget_id, key):
    assert user_key(widget_id) == key


def test_widgets_are_found_by_key_and_by_key_prefix_in_drawing_order():
    widgets = drawn(
        forward("button", "$$ID-aa-start"),
        forward("radio", "$$ID-bb-q|c1|disrespect.insults", options=["Yes", "No"]),
        forward("markdown", "", body="**not** a widget"),
        forward("text_input", "$$ID-cc-q|c1|late_payment.days_late"),
        forward("button", "$$ID-dd-next|sign:disrespect"),
        forward("button", "$$ID-ee-None"),
    )
    assert [w.kind for w in widgets] == ["button", "radio", "text_input", "button", "button"]
    assert [w.id for w in find(widgets, key="start")] == ["$$ID-aa-start"]
    assert [w.key for w in find(widgets, prefix="q|")] == [
        "q|c1|disrespect.insults",
        "q|c1|late_payment.days_late",
    ]
    assert find(widgets, prefix="next|")[0].id == "$$ID-dd-next|sign:disrespect"
    assert find(widgets, key="q|c1") == []  # a key is matched whole, not as a prefix
    assert find(widgets, key="missing") == []


def test_the_key_suffix_survives_a_different_hash():
    # The hash changes with the widget's arguments (label, options...); the key does not.
    one = drawn(forward("button", "$$ID-0123abcd-prepare|results"))
    two = drawn(forward("button", "$$ID-fedcba98-prepare|results"))
    assert find(one, key="prepare|results")[0].id != find(two, key="prepare|results")[0].id


# --- back-messages ------------------------------------------------------------------------


def test_rerun_message_carries_every_widget_state_and_the_page():
    states = [
        WidgetState(id="$$ID-aa-start", trigger_value=True),
        WidgetState(id="$$ID-bb-q|c1|x", string_value="Often"),
    ]
    msg = BackMsg.FromString(load_proto.rerun_message(states, "lang=fr", "abc").SerializeToString())
    assert msg.WhichOneof("type") == "rerun_script"
    state = msg.rerun_script
    assert state.query_string == "lang=fr" and state.page_script_hash == "abc"
    assert [(w.id, w.WhichOneof("value")) for w in state.widget_states.widgets] == [
        ("$$ID-aa-start", "trigger_value"),
        ("$$ID-bb-q|c1|x", "string_value"),
    ]
    # No cached hashes: the server must send every element in full, never a reference.
    assert list(state.cached_message_hashes) == []


def test_file_urls_request_names_the_session_and_the_files():
    msg = load_proto.file_urls_request("r1", "session-9", ["answers.json"])
    parsed = BackMsg.FromString(msg.SerializeToString())
    assert parsed.WhichOneof("type") == "file_urls_request"
    assert parsed.file_urls_request.request_id == "r1"
    assert parsed.file_urls_request.session_id == "session-9"
    assert list(parsed.file_urls_request.file_names) == ["answers.json"]


def test_uploaded_file_state_points_at_the_uploaded_file():
    urls = FileURLs(file_id="f1", upload_url="/_stcore/upload_file/s/f1", delete_url="/d")
    state = load_proto.uploaded_file_state("$$ID-aa-upload_sidebar#0", "f1", "a.json", 42, urls)
    info = state.file_uploader_state_value.uploaded_file_info[0]
    assert (info.file_id, info.name, info.size) == ("f1", "a.json", 42)
    assert info.file_urls.upload_url == "/_stcore/upload_file/s/f1"


def test_multipart_body_holds_the_file_once():
    content_type, body = load_proto.multipart(
        "file", "answers.json", b'{"a": 1}', "application/json"
    )
    boundary = content_type.split("boundary=")[1]
    assert body.startswith(f"--{boundary}\r\n".encode())
    assert body.endswith(f"\r\n--{boundary}--\r\n".encode())
    assert body.count(b'{"a": 1}') == 1 and b'filename="answers.json"' in body


# --- answers read from the widget's own proto ---------------------------------------------


def test_a_choice_gets_one_of_its_own_options_and_avoids_dont_know():
    radio = drawn(forward("radio", "$$ID-a-q|c|x", options=["Never", "Often", "Don't know"]))[0]
    values = {answer_for(radio, random.Random(seed)).string_value for seed in range(40)}
    assert values == {"Never", "Often"}
    only = drawn(forward("selectbox", "$$ID-a-q|c|y", options=["Don't know"]))[0]
    assert answer_for(only, random.Random(0)).string_value == "Don't know"


def test_a_number_field_gets_a_small_whole_number_as_text():
    field = drawn(forward("text_input", "$$ID-a-q|c|days"))[0]
    for seed in range(20):
        value = answer_for(field, random.Random(seed)).string_value
        assert value.isdigit() and 0 <= int(value) <= 5


def test_number_input_and_button_group_answers_stay_within_what_is_offered():
    number = drawn(
        forward("number_input", "$$ID-a-q|c|n", has_min=True, min=3, has_max=True, max=4)
    )
    for seed in range(10):
        state = answer_for(number[0], random.Random(seed))
        assert 3 <= getattr(state, state.WhichOneof("value")) <= 4
    msg = ForwardMsg()
    group = msg.delta.new_element.button_group
    group.id = "$$ID-b-q|c|g"
    for label in ("Warm", "Neutral"):
        group.options.add().content = label
    state = answer_for(next(widgets_in(msg)), random.Random(2))
    assert list(state.string_array_value.data)[0] in {"Warm", "Neutral"}


def test_disabled_or_unknown_widgets_are_left_alone():
    disabled = drawn(forward("radio", "$$ID-a-q|c|x", options=["A", "B"], disabled=True))[0]
    assert answer_for(disabled, random.Random(0)) is None
    button = drawn(forward("button", "$$ID-a-q|c|b"))[0]
    assert answer_for(button, random.Random(0)) is None
    empty = drawn(forward("radio", "$$ID-a-q|c|e"))[0]
    assert answer_for(empty, random.Random(0)) is None


def test_a_tone_change_picks_another_tone():
    msg = ForwardMsg()
    group = msg.delta.new_element.button_group
    group.id = "$$ID-b-draft_tone|c1"
    for label in ("Warm", "Neutral", "Firm"):
        group.options.add().content = label
    group.default.append(0)
    state = load_proto.other_option(next(widgets_in(msg)))
    assert list(state.string_array_value.data) == ["Neutral"]


# --- HTTP pieces and bounds -----------------------------------------------------------------


def test_chunked_bodies_are_reassembled():
    assert load_proto._dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n") == b"Wikipedia"


def test_cookies_are_read_from_set_cookie_headers():
    response = load_proto.Response(
        200,
        [("set-cookie", "_streamlit_xsrf=2|ab|cd|1; Path=/"), ("Set-Cookie", "CCSRV=app2; path=/")],
        b"",
    )
    assert response.cookies() == {"_streamlit_xsrf": "2|ab|cd|1", "CCSRV": "app2"}


def test_only_loopback_and_bounded_sessions_are_accepted():
    with pytest.raises(ValueError, match="loopback"):
        load_proc.check_url("http://example.org:8501")
    load_proc.check_url("http://127.0.0.1:8501")
    with pytest.raises(ValueError, match="between"):
        load_ws.run_level(load_ws.MAX_SESSIONS + 1, "http://127.0.0.1:1", [])
    with pytest.raises(ValueError, match="between"):
        load_ws.run_level(0, "http://127.0.0.1:1", [])


def test_a_run_step_fails_when_the_server_never_finishes(monkeypatch):
    # A server that accepts the message but never ends the run: the step must time out,
    # not hang.
    monkeypatch.setattr(load_user, "STEP_TIMEOUT_S", 0.2)

    class SilentSocket:
        async def send(self, data):
            self.sent = data

    async def scenario():
        user = load_user.VirtualUser("http://127.0.0.1:1", 0, 0.0, 0)
        user._ws = SilentSocket()
        with pytest.raises(load_proto.LoadError, match="no script_finished"):
            await user.run("answer")

    load_ws.run_coroutine(scenario)


def test_percentiles():
    values = [float(v) for v in range(1, 101)]
    assert load_ws.percentile(values, 50) == pytest.approx(50.5)
    assert load_ws.percentile(values, 95) == pytest.approx(95.05)
    assert load_ws.percentile([], 95) is None


def test_a_change_in_a_fragment_reruns_the_fragment_and_keeps_the_rest_of_the_page():
    """As a browser: the tone is in the drafts fragment, so only it runs again."""

    def in_fragment(msg: ForwardMsg, fragment: str) -> ForwardMsg:
        msg.delta.fragment_id = fragment
        return msg

    def finished(status) -> ForwardMsg:
        msg = ForwardMsg()
        msg.script_finished = status
        return msg

    class Socket:
        def __init__(self, user):
            self.user, self.sent = user, []

        async def send(self, data):
            self.sent.append(BackMsg.FromString(data))
            # The server answers a fragment run with the fragment's widgets only.
            started = ForwardMsg()
            started.new_session.page_script_hash = "page"
            self.user._handle(started)
            self.user._handle(in_fragment(forward("button_group", "$$ID-b-draft_tone|c"), "f1"))
            self.user._handle(in_fragment(forward("button", "$$ID-c-prepare|results"), "f1"))
            self.user._handle(finished(ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY))

    async def scenario():
        user = load_user.VirtualUser("http://127.0.0.1:1", 0, 0.0, 0)
        user._ws = Socket(user)
        for msg in (
            forward("selectbox", "$$ID-a-client_select|0"),
            in_fragment(forward("button_group", "$$ID-b-draft_tone|c"), "f1"),
            in_fragment(forward("button", "$$ID-c-prepare|results"), "f1"),
            forward("file_uploader", "$$ID-d-upload_sidebar#0"),
        ):
            user._handle(msg)
        user._handle(finished(ForwardMsg.FINISHED_SUCCESSFULLY))
        user.states["$$ID-a-client_select|0"] = WidgetState(id="$$ID-a-client_select|0")
        tone = WidgetState(id=user.one(prefix="draft_tone|").id)
        tone.string_array_value.data.append("firm")
        await user.run("tone", [tone])
        sent = user._ws.sent[-1].rerun_script
        assert sent.fragment_id == "f1"
        assert {w.id for w in sent.widget_states.widgets} >= {"$$ID-a-client_select|0"}
        assert [w.key for w in user.page] == [
            "client_select|0",
            "upload_sidebar#0",
            "draft_tone|c",
            "prepare|results",
        ]
        assert "$$ID-a-client_select|0" in user.states  # kept: its widget is still there
        await user.run("start")  # no widget changed: a full run
        assert user._ws.sent[-1].rerun_script.fragment_id == ""

    load_ws.run_coroutine(scenario)


# --- the server's clock (scripts/step_clock.py) -------------------------------------------


def test_a_step_is_matched_with_the_first_run_of_its_session_inside_its_window(tmp_path):
    from scripts.step_clock import ServerRun, Step, figures, read, server_latencies

    runs = [
        ServerRun("a", arrived=10.010, sent=10.030, fragment=False),
        ServerRun("a", arrived=10.040, sent=10.100, fragment=False),  # the page's own rerun
        ServerRun("b", arrived=10.012, sent=10.500, fragment=True),  # another session
        ServerRun("a", arrived=20.000, sent=20.050, fragment=False),
    ]
    steps = [
        Step("a", "answer", 10.005, 10.120),
        Step("a", "next", 19.999, 20.060),
        Step("a", "tone", 30.0, 30.1),  # the server saw nothing: not counted
    ]
    found = server_latencies(runs, steps)
    assert [name for name, _ in found] == ["answer", "next"]
    assert found[0][1] == pytest.approx(0.020)
    assert found[1][1] == pytest.approx(0.050)

    log = tmp_path / "runs.jsonl"
    log.write_text(
        "".join(
            f'{{"session": "{r.session}", "arrived": {r.arrived}, "sent": {r.sent}, '
            f'"fragment": {str(r.fragment).lower()}}}\n'
            for r in runs
        )
    )
    assert read(log) == runs
    assert read(tmp_path / "missing.jsonl") == []
    report = figures(log, [("a", [(s.name, s.start, s.end) for s in steps])])
    assert report["server_clock_steps"] == 2
    assert report["server_clock_unmatched"] == 1
    assert report["server_clock_by_step_p50_s"] == {"answer": 0.02, "next": 0.05}


def test_the_page_opening_is_not_a_step_on_the_server_clock(tmp_path):
    from scripts.step_clock import figures

    log = tmp_path / "runs.jsonl"
    log.write_text('{"session": "a", "arrived": 1.0, "sent": 1.2, "fragment": false}\n')
    report = figures(log, [("a", [("open", 0.9, 1.3)])])
    assert report["server_clock_steps"] == 0
    assert report["server_clock_step_p50_s"] is None


def test_a_keyed_expander_is_found_like_a_widget_and_a_plain_one_is_not():
    keyed, plain = ForwardMsg(), ForwardMsg()
    keyed.delta.add_block.expandable.id = "$$ID-5e-rename_open"
    keyed.delta.add_block.expandable.label = "Rename or delete"
    plain.delta.add_block.expandable.label = "Resume"
    found = [w for m in (keyed, plain) for w in widgets_in(m)]
    assert [(w.key, w.kind) for w in found] == [("rename_open", "expandable")]
