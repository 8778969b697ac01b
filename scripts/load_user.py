"""One virtual person speaking Streamlit's websocket protocol: a whole assessment, step by step.

A virtual user does what a person does in a browser tab: opens the app, clicks Start,
names the client and answers every question each page draws (a valid value read from
the widget itself), clicks Next until the results, changes the draft's tone, prepares
and fetches the PDF and the answers file, and uploads that file back. Each step's
latency runs from sending the message to the run's "script finished". Optionally it
comes from its own loopback address (``source``), as people come from their own.
Used by scripts/load_ws.py and scripts/load_abuse.py.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections.abc import Iterable

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from scripts.load_proc import Gate, SessionResult
from scripts.load_proto import (
    LoadError,
    Response,
    Widget,
    answer_for,
    file_urls_request,
    find,
    http,
    multipart,
    other_option,
    rerun_message,
    trigger,
    uploaded_file_state,
    widgets_in,
)

STEP_TIMEOUT_S = 30.0
QUESTION_PREFIX = "q|"
MAX_PAGES = 40  # welcome, client, signs, results: far more than the flow has
MAX_ANSWERS_PER_PAGE = 100
XSRF_COOKIE = "_streamlit_xsrf"


def source_for(index: int) -> str:
    """A loopback address of this person's own: 127.1.0.1, 127.1.0.2, ... (127/8 is loopback)."""
    return f"127.1.{index // 250}.{index % 250 + 1}"


REPLICA_HEADER = "x-client-check-replica"  # set by deploy/haproxy.cfg


class VirtualUser:
    """One browser tab's worth of protocol: a websocket, its widget states, its cookies."""

    def __init__(
        self,
        base_url: str,
        index: int,
        think: float,
        seed: int,
        lang: str = "en",
        source: str | None = None,
    ):
        self.base = base_url.rstrip("/")
        self.source = source  # the local address this person's connections come from
        self.index = index
        self.think = think
        self.rng = random.Random(seed)
        self.lang = lang
        self.result = SessionResult(index)
        self.cookies: dict[str, str] = {}
        self.session_id = ""
        self.page_script_hash = ""
        # The address's query, as the browser's address bar holds it: the app writes the
        # step to it (Back and Forward follow the steps), and every rerun sends it back.
        self.query_string = f"lang={lang}"
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
        self.fetched: dict[str, str] = {}  # download button key -> the URL it fetched

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
        response = await http("GET", self.base + path, self._cookie_header(), source=self.source)
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
            local_addr=(self.source, 0) if self.source else None,
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
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
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
                states.values(), self.query_string, self.page_script_hash, self._fragment_run
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
                if widget.kind == "checkbox":
                    # Several answers: one checkbox per option. Tick one of them, as a
                    # person would ("don't know", the last, only when it is the only one).
                    group = find(pending, prefix=widget.key.rsplit("|", 1)[0] + "|")
                    answered.update(w.id for w in group)
                    widget = self.rng.choice([widget, *group][:-1] or [widget])
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
        # The drafts' editor is folded until opened, as a person opens it.
        editor = self.one(prefix="draft_open|")
        await self.pause()
        await self.run("open drafts", [WidgetState(id=editor.id, bool_value=True)])
        tone = self.one(prefix="draft_tone|")
        await self.pause()
        await self.run("tone", [other_option(tone)])
        await self.click("prepare", key="prepare|results")
        await self.fetch_pdf()
        answers = await self.fetch("json|results", b"{")
        # Loaded back as another client (an earlier assessment of one with another name):
        # the very same client, already open, is not opened twice.
        doc = json.loads(answers)
        doc["client"]["name"] = f"{doc['client']['name']} (earlier)"
        await self.upload(json.dumps(doc).encode())

    async def fetch(self, key: str, magic: bytes) -> bytes:
        button = self.one(key=key)
        self.fetched[key] = button.proto.url
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
        put = await http("PUT", self.base + file_urls.upload_url, headers, body, source=self.source)
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
    base_url: str,
    index: int,
    think: float,
    seed: int,
    gate: Gate | None,
    lang: str = "en",
    source: str | None = None,
) -> SessionResult:
    user = VirtualUser(base_url, index, think, seed, lang, source)
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
