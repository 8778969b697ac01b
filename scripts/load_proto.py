"""Streamlit's websocket protocol and a tiny HTTP client, for the protocol-level load tools.

What a browser sends and reads, without a browser: rerun messages with widget states,
upload URL requests, the widgets a forward-message draws (found by their key suffix,
``$$ID-<hash>-<key>``), a valid answer for any question widget, and HTTP/1.1 over
loopback (``Connection: close``), optionally from a given local address so that each
virtual person can come from an address of their own (127.0.0.0/8 is all loopback).
Used by scripts/load_user.py, scripts/load_ws.py and scripts/load_abuse.py.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import FileUploaderState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ID_PREFIX = "$$ID-"


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


# --- a tiny async HTTP/1.1 client (loopback, Connection: close) ---------------------------


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
    method: str,
    url: str,
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    source: str | None = None,
) -> Response:
    """One request on its own connection; ``source``: the local address to send from."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    local = (source, 0) if source else None
    reader, writer = await asyncio.open_connection(host, port, local_addr=local)
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
