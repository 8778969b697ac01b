"""Protocol-level load test: N virtual users speak Streamlit's websocket protocol, on loopback.

    python scripts/load_ws.py --sessions 100
    python scripts/load_ws.py --knee 50,100,150,200,300

No browser: each virtual user opens ``/_stcore/stream`` like the Streamlit frontend
does, sends ``rerun_script`` back-messages carrying the widget states a person would
send, and reads forward-messages until each run finishes. So the figures are the
server's, not the browsers' (scripts/load.py drives real Chromium sessions and stays
the end-to-end truth at small scale).

A virtual user does a full assessment with think time: opens the app, clicks Start,
types a client name and answers every question drawn on the client page, answers
every question of each sign page and clicks Next until the results, changes the
draft's tone, clicks "Prepare my summary", fetches the PDF (and the answers file)
from their ``/media`` URLs, and uploads that answers file back through Streamlit's
upload endpoint. Questions are found in what the server draws (every widget whose
key starts with ``q|``), and each gets a valid value read from its own proto, so
new, conditional or renamed questions need no change here. Widget ids are found by
their key suffix (``$$ID-<hash>-<key>``), never recomputed.

Step latency runs from sending a back-message to the run's ``script_finished``.
Server CPU per step is the server's CPU time (from /proc) over the run divided by
the steps. Server memory per session is the growth of the server's RSS while every
session is still connected, divided by N, after one warm-up session.
``--knee`` steps the load up and reports the most sessions with p95 <= 1 s.

Bounded: at most 500 sessions, 600 s per load level; it stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import json
import os
import random
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import FileUploaderState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.step_clock import clocked_server, figures, percentile  # noqa: E402  (path above)

MAX_SESSIONS = 500
LEVEL_LIMIT_S = 600.0
STEP_TIMEOUT_S = 30.0
# A person's pause before each change: 5 s is twice the pace of the product's own
# "ten-minute check" (about 47 changes); bench.py uses 2 s, as the browser test does.
THINK_S = 5.0
RAMP_S = 0.2
KNEE_P95_S = 1.0
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ID_PREFIX = "$$ID-"
QUESTION_PREFIX = "q|"
MAX_PAGES = 40  # welcome, client, signs, results: far more than the flow has
MAX_ANSWERS_PER_PAGE = 100
XSRF_COOKIE = "_streamlit_xsrf"
REPLICA_HEADER = "x-client-check-replica"  # set by deploy/haproxy.cfg


class LoadError(Exception):
    """A virtual user could not do what a person would do."""


# --- messages ------------------------------------------------------------------------------


def user_key(widget_id: str) -> str | None:
    """The key a widget was given in the app: ``$$ID-<hash>-<key>`` -> ``<key>``."""
    if not widget_id.startswith(ID_PREFIX):
        return None
    parts = widget_id[len(ID_PREFIX) :].split("-", 1)
    if len(parts) != 2 or not parts[1] or parts[1] == "None":
        return None
    return parts[1]


def rerun_message(
    states: Iterable[WidgetState],
    query_string: str = "",
    page_script_hash: str = "",
    fragment_id: str = "",
) -> BackMsg:
    """The back-message a browser sends to run the script with these widget states.

    ``fragment_id``: the change was made in that fragment, so the browser asks the
    server to rerun just it.
    """
    msg = BackMsg()
    client_state = msg.rerun_script
    client_state.query_string = query_string
    client_state.page_script_hash = page_script_hash
    client_state.fragment_id = fragment_id
    client_state.widget_states.widgets.extend(states)
    # No cached_message_hashes: the server then sends every element in full.
    client_state.context_info.timezone = "Europe/Paris"
    client_state.context_info.locale = "en-GB"
    return msg


def file_urls_request(request_id: str, session_id: str, names: list[str]) -> BackMsg:
    """Ask the server where to PUT files for the uploader of this session."""
    msg = BackMsg()
    msg.file_urls_request.request_id = request_id
    msg.file_urls_request.session_id = session_id
    msg.file_urls_request.file_names.extend(names)
    return msg


def trigger(widget_id: str) -> WidgetState:
    return WidgetState(id=widget_id, trigger_value=True)


def uploaded_file_state(widget_id: str, file_id: str, name: str, size: int, urls) -> WidgetState:
    state = WidgetState(id=widget_id)
    value: FileUploaderState = state.file_uploader_state_value
    info = value.uploaded_file_info.add()
    info.file_id, info.name, info.size = file_id, name, size
    info.file_urls.CopyFrom(urls)
    return state


@dataclass(frozen=True)
class Widget:
    id: str
    kind: str  # the Element oneof: "radio", "text_input", "button", ...
    proto: object
    fragment: str = ""  # the fragment that drew it ("" outside any)

    @property
    def key(self) -> str | None:
        return user_key(self.id)


def widgets_in(msg: ForwardMsg) -> Iterator[Widget]:
    """The widgets (elements with an id, and expanders with a key) a forward-message draws."""
    if msg.WhichOneof("type") != "delta":
        return
    if msg.delta.WhichOneof("type") == "add_block":
        block = msg.delta.add_block
        if block.WhichOneof("type") == "expandable" and block.expandable.id.startswith(ID_PREFIX):
            yield Widget(block.expandable.id, "expandable", block.expandable, msg.delta.fragment_id)
        return
    if msg.delta.WhichOneof("type") != "new_element":
        return
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind is None:
        return
    proto = getattr(element, kind)
    fields = getattr(getattr(proto, "DESCRIPTOR", None), "fields_by_name", {})
    if "id" in fields and proto.id.startswith(ID_PREFIX):
        yield Widget(proto.id, kind, proto, msg.delta.fragment_id)


def find(widgets: Iterable[Widget], key: str | None = None, prefix: str | None = None) -> list:
    """Widgets whose key is ``key`` (exactly) or starts with ``prefix``, in drawing order."""
    found = []
    for widget in widgets:
        k = widget.key
        if k is None:
            continue
        if (key is not None and k == key) or (prefix is not None and k.startswith(prefix)):
            found.append(widget)
    return found


def answer_for(widget: Widget, rng: random.Random) -> WidgetState | None:
    """A valid value for a question widget, read from its own proto (None: cannot answer).

    Choices take one of the offered options (the last one, "Don't know", only when it
    is the only one); number fields get a small whole number, valid for every number
    question of the bank (counts, days, weeks, percentages, changes).
    """
    proto = widget.proto
    state = WidgetState(id=widget.id)
    if getattr(proto, "disabled", False):
        return None
    if widget.kind in ("radio", "selectbox"):
        options = list(proto.options)
        if not options:
            return None
        state.string_value = rng.choice(options[:-1] or options)
    elif widget.kind == "multiselect":
        options = list(proto.options)
        if not options:
            return None
        state.string_array_value.data.append(rng.choice(options))
    elif widget.kind == "button_group":
        options = [o.content for o in proto.options]
        if not options:
            return None
        state.string_array_value.data.append(rng.choice(options))
    elif widget.kind in ("text_input", "text_area"):
        state.string_value = str(rng.randint(0, 5))
    elif widget.kind == "number_input":
        low = proto.min if proto.has_min else 0
        high = proto.max if proto.has_max else low + 5
        if proto.data_type == proto.INT:
            state.int_value = rng.randint(int(low), int(min(high, low + 5)))
        else:
            state.double_value = float(rng.randint(int(low), int(min(high, low + 5))))
    elif widget.kind in ("checkbox", "toggle"):
        state.bool_value = True
    elif widget.kind == "slider":
        state.double_array_value.data.append(float(proto.min))
    else:
        return None
    return state


def other_option(widget: Widget) -> WidgetState:
    """Pick a segmented control's option other than the one selected now."""
    options = [o.content for o in widget.proto.options]
    current = set(widget.proto.default)
    choice = next((o for i, o in enumerate(options) if i not in current), options[0])
    state = WidgetState(id=widget.id)
    state.string_array_value.data.append(choice)
    return state


# --- a tiny async HTTP/1.1 client (loopback, Connection: close) ----------------------------


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    def cookies(self) -> dict[str, str]:
        jar = {}
        for k, v in self.headers:
            if k.lower() == "set-cookie":
                pair = v.split(";", 1)[0]
                if "=" in pair:
                    name, value = pair.split("=", 1)
                    jar[name.strip()] = value.strip()
        return jar


async def http(
    method: str, url: str, headers: dict[str, str] | None = None, body: bytes = b""
) -> Response:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    reader, writer = await asyncio.open_connection(host, port)
    try:
        lines = [f"{method} {path or '/'} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if body or method in ("PUT", "POST"):
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
    head, _, payload = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    pairs = [tuple(h.split(":", 1)) for h in header_lines if ":" in h]
    headers_out = [(k.strip(), v.strip()) for k, v in pairs]
    response = Response(int(status_line.split()[1]), headers_out, payload)
    if (response.header("transfer-encoding") or "").lower() == "chunked":
        response.body = _dechunk(payload)
    return response


def _dechunk(data: bytes) -> bytes:
    out, rest = bytearray(), data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2 :]
    return bytes(out)


def multipart(field_name: str, file_name: str, content: bytes, mime: str) -> tuple[str, bytes]:
    boundary = f"----clientcheck{uuid.uuid4().hex}"
    body = (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field_name}"; filename="{file_name}"\r\n'
            f"Content-Type: {mime}\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return f"multipart/form-data; boundary={boundary}", body


# --- one virtual user ----------------------------------------------------------------------


@dataclass
class SessionResult:
    index: int
    ok: bool = False
    error: str = ""
    steps: list[tuple[str, float]] = field(default_factory=list)  # (step, seconds)
    replicas: set[str] = field(default_factory=set)  # X-Client-Check-Replica values seen
    replica_answers: int = 0  # responses that carried that header
    pdf_bytes: int = 0
    uploaded: bool = False
    # (step, time.time() at the message, time.time() at its end), for the server's clock
    windows: list[tuple[str, float, float]] = field(default_factory=list)
    session_id: str = ""


class VirtualUser:
    """One browser tab's worth of protocol: a websocket, its widget states, its cookies."""

    def __init__(self, base_url: str, index: int, think: float, seed: int, lang: str = "en"):
        self.base = base_url.rstrip("/")
        self.index = index
        self.think = think
        self.rng = random.Random(seed)
        self.lang = lang
        self.result = SessionResult(index)
        self.cookies: dict[str, str] = {}
        self.session_id = ""
        self.page_script_hash = ""
        self.states: dict[str, WidgetState] = {}  # widgets the person has set
        self.page: list[Widget] = []  # widgets drawn by the last finished run
        self._drawing: list[Widget] = []
        self._finished = 0
        self._fragment_run = ""  # the fragment the last rerun asked for
        self._changed = asyncio.Event()
        self._file_urls: dict[str, asyncio.Future] = {}
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._closed_reason = ""
        self.exceptions: list[str] = []

    # -- transport --

    def _cookie_header(self) -> dict[str, str]:
        if not self.cookies:
            return {}
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def _seen(self, response_headers) -> None:
        for name, value in response_headers:
            if name.lower() == REPLICA_HEADER:
                self.result.replicas.add(value)
                self.result.replica_answers += 1

    async def get(self, path: str) -> Response:
        response = await http("GET", self.base + path, self._cookie_header())
        self.cookies.update(response.cookies())
        self._seen(response.headers)
        return response

    async def connect(self) -> None:
        import websockets

        health = await self.get("/_stcore/health")  # sets the XSRF (and proxy) cookie
        if health.status != 200:
            raise LoadError(f"health answered {health.status}")
        ws_url = "ws" + self.base[len("http") :] + "/_stcore/stream"
        self._ws = await websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            additional_headers=self._cookie_header(),
            max_size=None,
            open_timeout=STEP_TIMEOUT_S,
            ping_interval=None,
        )
        self._seen(self._ws.response.headers.raw_items())
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, Exception):
                pass

    async def _read(self) -> None:
        """Read every forward-message as it comes (a client that stops reading is dropped)."""
        try:
            async for frame in self._ws:
                if isinstance(frame, str):
                    continue
                self._handle(ForwardMsg.FromString(frame))
        except Exception as exc:  # the socket closed: whoever waits is told below
            self._closed_reason = f"{type(exc).__name__}: {exc}"
        finally:
            self._closed_reason = self._closed_reason or "websocket closed"
            self._changed.set()

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self._drawing = []
            self.page_script_hash = msg.new_session.page_script_hash
            if msg.new_session.initialize.session_id:
                self.session_id = msg.new_session.initialize.session_id
        elif kind == "delta":
            if msg.delta.WhichOneof("type") == "new_element":
                if msg.delta.new_element.WhichOneof("type") == "exception":
                    exc = msg.delta.new_element.exception
                    self.exceptions.append(f"{exc.type}: {exc.message}"[:200])
            self._drawing.extend(widgets_in(msg))
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                # Only the fragment was drawn again: the rest of the page stays.
                redrawn = (
                    {self._fragment_run}
                    if self._fragment_run
                    else {w.fragment for w in self._drawing}
                )
                kept = [w for w in self.page if w.fragment not in redrawn]
                self._drawing = kept + self._drawing
                status = ForwardMsg.FINISHED_SUCCESSFULLY
            if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                self.page = self._drawing
                drawn = {w.id for w in self.page}
                self.states = {k: v for k, v in self.states.items() if k in drawn}
                for widget in self.page:  # the server set this widget's value itself
                    if getattr(widget.proto, "set_value", False):
                        self.states.pop(widget.id, None)
                self._finished += 1
                self._changed.set()
            elif status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                self.exceptions.append("script compile error")
                self._finished += 1
                self._changed.set()
        elif kind == "file_urls_response":
            future = self._file_urls.pop(msg.file_urls_response.response_id, None)
            if future is not None and not future.done():
                future.set_result(msg.file_urls_response)

    async def _send(self, msg: BackMsg) -> None:
        if self._closed_reason:
            raise LoadError(f"connection lost: {self._closed_reason}")
        await self._ws.send(msg.SerializeToString())

    async def run(self, name: str, extra: Iterable[WidgetState] = ()) -> float:
        """Send a rerun with the current widget states (+ ``extra``); wait for it to finish.

        As a browser does, a change made inside a fragment reruns just that fragment.
        """
        before = self._finished
        states = {**self.states}
        extra = list(extra)
        for state in extra:
            if state.WhichOneof("value") not in ("trigger_value", "json_trigger_value"):
                self.states[state.id] = state
            states[state.id] = state
        drawn = {w.id: w.fragment for w in self.page}
        fragments = {drawn.get(state.id, "") for state in extra}
        self._fragment_run = fragments.pop() if len(fragments) == 1 else ""
        start, wall = time.monotonic(), time.time()
        await self._send(
            rerun_message(
                states.values(), f"lang={self.lang}", self.page_script_hash, self._fragment_run
            )
        )
        deadline = start + STEP_TIMEOUT_S
        while self._finished == before:
            if self._closed_reason:
                raise LoadError(f"connection lost during '{name}': {self._closed_reason}")
            self._changed.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LoadError(f"no script_finished within {STEP_TIMEOUT_S:.0f} s for '{name}'")
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                pass
        elapsed = time.monotonic() - start
        self.result.steps.append((name, elapsed))
        self.result.windows.append((name, wall, time.time()))
        self.result.session_id = self.session_id
        if self.exceptions:
            raise LoadError(f"the app raised during '{name}': {self.exceptions[0]}")
        return elapsed

    async def pause(self) -> None:
        if self.think > 0:
            await asyncio.sleep(self.think * self.rng.uniform(0.5, 1.5))

    def one(self, key: str | None = None, prefix: str | None = None) -> Widget:
        found = find(self.page, key=key, prefix=prefix)
        if not found:
            raise LoadError(f"no widget with key {key or prefix + '...'} on this page")
        return found[0]

    async def click(self, name: str, key: str | None = None, prefix: str | None = None) -> None:
        await self.pause()
        await self.run(name, [trigger(self.one(key, prefix).id)])

    # -- the assessment --

    async def answer_page(self) -> int:
        """Answer every question drawn on this page, one at a time, as they appear."""
        answered: set[str] = set()
        for _ in range(MAX_ANSWERS_PER_PAGE):
            pending = [
                w
                for w in find(self.page, prefix=QUESTION_PREFIX)
                if w.id not in answered and w.id not in self.states
            ]
            state = None
            while pending and state is None:
                widget = pending.pop(0)
                answered.add(widget.id)
                state = answer_for(widget, self.rng)
            if state is None:
                return len(answered)
            await self.pause()
            await self.run("answer", [state])
        raise LoadError(f"more than {MAX_ANSWERS_PER_PAGE} questions on one page")

    async def assessment(self) -> None:
        start = time.monotonic()
        await self.connect()
        await self.run("open")
        self.result.steps[-1] = ("open", time.monotonic() - start)
        await self.click("start", key="start")
        name = self.one(prefix="name|")
        await self.pause()
        await self.run("answer", [WidgetState(id=name.id, string_value=f"Load {self.index}")])
        for _ in range(MAX_PAGES):
            if find(self.page, key="prepare|results") or find(self.page, key="pdf|results"):
                break
            if not find(self.page, prefix=QUESTION_PREFIX):
                raise LoadError("a questionnaire page without any question")
            await self.answer_page()
            forward = find(self.page, prefix="next|")
            if not forward:
                raise LoadError("no Next button after answering the page")
            await self.click("next", key=forward[0].key)
            if find(self.page, key="prepare|results") or find(self.page, key="pdf|results"):
                self.result.steps[-1] = ("results", self.result.steps[-1][1])
                self.result.windows[-1] = ("results", *self.result.windows[-1][1:])
        else:
            raise LoadError(f"no results page after {MAX_PAGES} pages")
        tone = self.one(prefix="draft_tone|")
        await self.pause()
        await self.run("tone", [other_option(tone)])
        await self.click("prepare", key="prepare|results")
        await self.fetch_pdf()
        answers = await self.fetch("json|results", b"{")
        await self.upload(answers)

    async def fetch(self, key: str, magic: bytes) -> bytes:
        button = self.one(key=key)
        start = time.monotonic()
        response = await self.get(button.proto.url)
        if response.status != 200 or not response.body.startswith(magic):
            raise LoadError(f"GET {key} answered {response.status} ({len(response.body)} bytes)")
        self.result.steps.append((f"fetch {key.split('|')[0]}", time.monotonic() - start))
        return response.body

    async def fetch_pdf(self) -> None:
        await self.pause()
        self.result.pdf_bytes = len(await self.fetch("pdf|results", b"%PDF"))

    async def upload(self, content: bytes) -> None:
        """Load the answers file back through the sidebar's uploader, as a person would."""
        uploader = self.one(prefix="upload_sidebar")
        clients_before = len(self.one(prefix="client_select|").proto.options)
        await self.pause()
        start = time.monotonic()
        request_id = uuid.uuid4().hex
        future = asyncio.get_running_loop().create_future()
        self._file_urls[request_id] = future
        await self._send(file_urls_request(request_id, self.session_id, ["answers.json"]))
        urls = await asyncio.wait_for(future, STEP_TIMEOUT_S)
        if urls.error_msg or not urls.file_urls:
            raise LoadError(f"no upload URL: {urls.error_msg}")
        file_urls = urls.file_urls[0]
        content_type, body = multipart("file", "answers.json", content, "application/json")
        headers = {
            **self._cookie_header(),
            "Content-Type": content_type,
            "X-Xsrftoken": self.cookies.get(XSRF_COOKIE, ""),
        }
        put = await http("PUT", self.base + file_urls.upload_url, headers, body)
        self._seen(put.headers)
        if put.status != 204:
            raise LoadError(f"upload PUT answered {put.status}: {put.body[:120]!r}")
        state = uploaded_file_state(
            uploader.id, file_urls.file_id, "answers.json", len(content), file_urls
        )
        await self.run("upload", [state])
        self.result.steps[-1] = ("upload", time.monotonic() - start)
        clients_after = len(self.one(prefix="client_select|").proto.options)
        if clients_after <= clients_before:
            raise LoadError("the uploaded answers file was not loaded")
        self.result.uploaded = True


async def one_session(
    base_url: str, index: int, think: float, seed: int, gate: Gate | None, lang: str = "en"
) -> SessionResult:
    user = VirtualUser(base_url, index, think, seed, lang)
    try:
        await user.assessment()
        user.result.ok = True
    except Exception as exc:  # one failed person must not stop the others; report it
        user.result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    finally:
        if gate is not None:
            gate.arrived += 1
            await gate.release.wait()  # stay connected until the server's memory is read
        await user.close()
    return user.result


class Gate:
    """Where finished sessions wait, still connected, until the server's memory is read."""

    def __init__(self) -> None:
        self.arrived = 0
        self.release = asyncio.Event()


# --- server figures (from /proc) -----------------------------------------------------------


def _children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
    return kids


def _tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.append(current)
            todo += _children(current)
    return seen


def tree_rss_kb(pids: Iterable[int]) -> int:
    total = 0
    for pid in pids:
        for current in _tree(pid):
            try:
                for line in Path(f"/proc/{current}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                continue
    return total


def tree_cpu_s(pids: Iterable[int]) -> float:
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for pid in pids:
        for current in _tree(pid):
            try:
                fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
            except (OSError, IndexError, ValueError):
                continue
    return total


# --- a run ---------------------------------------------------------------------------------


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


async def _level(
    url: str,
    sessions: int,
    think: float,
    ramp: float,
    pids: list[int],
    seed: int,
    lang: str,
    warmup: bool,
) -> tuple[list[SessionResult], dict]:
    warm = None
    if warmup:  # imports and caches are loaded once per server, not per session
        warm = await one_session(url, -1, 0.0, seed - 1, None, lang)
        if not warm.ok:
            raise LoadError(f"warm-up session failed: {warm.error}")
    rss_before = tree_rss_kb(pids) if pids else None
    cpu_before = tree_cpu_s(pids) if pids else None
    own_before = time.process_time()
    gate = Gate()
    started = time.monotonic()
    tasks = []
    for i in range(sessions):
        tasks.append(asyncio.create_task(one_session(url, i, think, seed + i, gate, lang)))
        await asyncio.sleep(ramp)
    while gate.arrived < sessions:
        await asyncio.sleep(0.05)
    elapsed = time.monotonic() - started
    rss_after = tree_rss_kb(pids) if pids else None
    cpu_after = tree_cpu_s(pids) if pids else None
    own_cpu = time.process_time() - own_before
    gate.release.set()
    results = await asyncio.gather(*tasks)
    extra = {
        "elapsed_s": round(elapsed, 1),
        "rss_before_kb": rss_before,
        "rss_after_kb": rss_after,
        "server_cpu_s": None if cpu_before is None else cpu_after - cpu_before,
        "generator_cpu_s": own_cpu,
        "warmup_ok": None if warm is None else warm.ok,
    }
    return list(results), extra


def summarise(sessions: int, results: list[SessionResult], extra: dict) -> dict:
    steps = [s for r in results for name, s in r.steps if name != "open" and "fetch" not in name]
    all_steps = [s for r in results for name, s in r.steps if "fetch" not in name]
    by_step: dict[str, list[float]] = {}
    for r in results:
        for name, seconds in r.steps:
            by_step.setdefault(name, []).append(seconds)
    rss_before, rss_after = extra["rss_before_kb"], extra["rss_after_kb"]
    per_session_mb = (rss_after - rss_before) / 1024 / sessions if rss_before is not None else None
    cpu = extra["server_cpu_s"]
    return {
        "sessions": sessions,
        "completed": sum(r.ok for r in results),
        "errors": [f"session {r.index}: {r.error}" for r in results if r.error],
        "elapsed_s": extra["elapsed_s"],
        "step_count": len(steps),
        "step_p50_s": _round(percentile(steps, 50)),
        "step_p95_s": _round(percentile(steps, 95)),
        "step_p99_s": _round(percentile(steps, 99)),
        "step_max_s": _round(max(steps) if steps else None),
        "by_step_p50_s": {k: _round(percentile(v, 50)) for k, v in sorted(by_step.items())},
        "by_step_p95_s": {k: _round(percentile(v, 95)) for k, v in sorted(by_step.items())},
        "server_cpu_s": _round(cpu),
        "server_cpu_ms_per_step": _round(cpu * 1000 / len(all_steps), 1)
        if cpu is not None and all_steps
        else None,
        "generator_cpu_s": _round(extra["generator_cpu_s"]),
        "server_rss_before_mb": _round(rss_before / 1024 if rss_before else None, 1),
        "server_rss_after_mb": _round(rss_after / 1024 if rss_after else None, 1),
        "server_mb_per_session": _round(per_session_mb),
        "pdf_kb_p50": _round(
            percentile([r.pdf_bytes / 1000 for r in results if r.pdf_bytes], 50), 1
        ),
        "uploads_loaded": sum(r.uploaded for r in results),
        "replicas_per_session": sorted({len(r.replicas) for r in results}),
        "replicas_seen": sorted({name for r in results for name in r.replicas}),
        "replica_answers_min": min((r.replica_answers for r in results), default=0),
    }


def check_url(url: str) -> None:
    if urlsplit(url).hostname not in LOOPBACK:
        raise ValueError("load tests run against loopback only (127.0.0.1 / localhost)")


def run_level(
    sessions: int,
    url: str,
    pids: list[int],
    think: float = THINK_S,
    ramp: float = RAMP_S,
    seed: int = 1,
    lang: str = "en",
    limit_s: float = LEVEL_LIMIT_S,
    warmup: bool = True,
    step_log: Path | None = None,
) -> dict:
    """Run ``sessions`` concurrent virtual users against ``url``; return the figures.

    ``step_log``: the server's own run log (scripts/step_clock.py), when it keeps one.
    """
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be between 1 and {MAX_SESSIONS}")
    check_url(url)
    results, extra = run_coroutine(
        lambda: asyncio.wait_for(
            _level(url, sessions, think, ramp, pids, seed, lang, warmup), limit_s
        )
    )
    report = summarise(sessions, results, extra)
    report["think_s"], report["ramp_s"], report["cores"] = think, ramp, os.cpu_count()
    if step_log is not None:
        report.update(server_clock_figures(step_log, results))
    return report


def server_clock_figures(step_log: Path, results: list[SessionResult]) -> dict:
    """Step latencies on the server's own clock: the span both load tools can measure."""
    return figures(step_log, [(r.session_id, r.windows) for r in results])


def run_coroutine(make):
    """Run the coroutine ``make()`` builds to completion, from any caller.

    ``asyncio.run`` refuses to start where an event loop already runs in this thread (a
    Playwright sync session in the same test process does that), so there it runs in a
    thread of its own. The coroutine is only created where it runs, so none is left
    un-awaited.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def run_load(
    sessions: int,
    url: str | None = None,
    think: float = THINK_S,
    ramp: float = RAMP_S,
    pids: list[int] | None = None,
) -> dict:
    """bench.py's entry point: one load level against ``url``, or a server of our own."""
    with _server(url, pids) as (base, server_pids, step_log):
        return run_level(sessions, base, server_pids, think, ramp, step_log=step_log)


@contextlib.contextmanager
def _server(
    url: str | None, pids: list[int] | None
) -> Iterator[tuple[str, list[int], Path | None]]:
    """Use the server at ``url``, or start one on a free loopback port for the run."""
    if url is not None:
        check_url(url)
        yield url, pids or [], None
        return
    with clocked_server() as (base, pid, step_log):
        yield base, [pid], step_log


def find_knee(
    levels: list[int],
    url: str | None,
    pids: list[int] | None,
    think: float,
    ramp: float,
) -> dict:
    """Step the load up; the knee is the most sessions with p95 <= 1 s and no error."""
    reports, knee = [], None
    for level in levels:
        # A fresh server per level, so one level's sessions do not weigh on the next.
        report = run_load(level, url, think, ramp, pids)
        reports.append(report)
        ok = report["completed"] == level and not report["errors"]
        p95 = report["step_p95_s"]
        print(_line(report), flush=True)
        if ok and p95 is not None and p95 <= KNEE_P95_S:
            knee = level
        else:
            break
    return {"levels": reports, "knee_sessions": knee, "knee_p95_s": KNEE_P95_S}


def _line(r: dict) -> str:
    return (
        f"{r['sessions']:>4} sessions: {r['completed']} completed, {len(r['errors'])} errors; "
        f"step p50 {r['step_p50_s']} s, p95 {r['step_p95_s']} s, p99 {r['step_p99_s']} s; "
        f"server CPU {r['server_cpu_ms_per_step']} ms per step; "
        f"server memory {r['server_mb_per_session']} MB per session"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100, help=f"1 to {MAX_SESSIONS} (100)")
    parser.add_argument(
        "--knee", help="comma-separated load levels to step through, e.g. 50,100,150,200"
    )
    parser.add_argument("--url", help="a running app on loopback (default: start one)")
    parser.add_argument("--pid", type=int, action="append", help="server pid(s) with --url")
    parser.add_argument("--think", type=float, default=THINK_S, help=f"mean pause ({THINK_S} s)")
    parser.add_argument("--ramp", type=float, default=RAMP_S, help=f"between arrivals ({RAMP_S} s)")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    args = parser.parse_args(argv)
    try:
        if args.knee:
            levels = sorted({int(v) for v in args.knee.split(",") if v.strip()})
            report = find_knee(levels, args.url, args.pid, args.think, args.ramp)
            if args.json:
                print(json.dumps(report, indent=2))
            print(f"knee: {report['knee_sessions']} sessions at step p95 <= {KNEE_P95_S:g} s")
            return 0 if report["knee_sessions"] else 1
        report = run_load(args.sessions, args.url, args.think, args.ramp, args.pid)
    except TimeoutError:
        print(f"stopped: a load level exceeded its limit of {LEVEL_LIMIT_S:.0f} s", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    for error in report["errors"][:10]:
        print(error)
    print(_line(report))
    return 0 if report["completed"] == args.sessions and not report["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
