"""The server's own clock for the load tests: when each rerun arrived, when its end left.

    python scripts/step_clock.py LOG run app.py --server.port 8501 ...

starts Streamlit exactly as ``python -m streamlit run app.py ...`` does, with one
addition: every run a browser (or a virtual user) asked for is written to LOG as a
JSON line, with the server's wall-clock time when the ``rerun_script`` message was
handed to the session and when that run's ``script_finished`` message was handed to
the websocket. Both load tools (scripts/load.py with real browsers, scripts/load_ws.py
speaking the protocol) start their server this way and read their steps' server-side
latency from this one clock, so the two figures measure the same span. The browser's
own frame timestamps cannot: Chromium stamps a frame only once its renderer gets to
it, 20-80 ms late when ten pages share two cores.

Test tooling only: neither app.py nor deploy/start.sh loads it. It wraps three methods
of Streamlit 1.67 (Runtime.handle_backmsg, StarletteSessionClient's __init__ and
write_forward_msg) and refuses to start if they are missing, rather than log nothing.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# script_finished statuses that end what was asked for (the others hand over to a rerun).
_DONE = {"FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"}


@dataclass(frozen=True)
class ServerRun:
    """One run a client asked for, on the server's clock (seconds since the epoch)."""

    session: str
    arrived: float  # the first rerun_script not answered yet
    sent: float  # its script_finished handed to the websocket
    fragment: bool


def install(log: Path) -> None:
    """Wrap Streamlit so every answered rerun is appended to ``log``."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.runtime import Runtime
    from streamlit.web.server.starlette.starlette_websocket import StarletteSessionClient

    statuses = {v: k for k, v in ForwardMsg.ScriptFinishedStatus.items()}
    out = log.open("a", encoding="utf-8", buffering=1)
    lock = threading.Lock()
    handle_backmsg = Runtime.handle_backmsg
    write_forward_msg = StarletteSessionClient.write_forward_msg
    client_init = StarletteSessionClient.__init__

    def write(record: dict) -> None:
        with lock:
            out.write(json.dumps(record) + "\n")

    def watch(client) -> None:
        """Count the frames this client's websocket sends; note the end of each run."""
        client._cc_clock = {"session": "", "arrived": deque(), "queued": 0, "sent": 0}
        client._cc_ends = deque()  # (frame number, status) of each script_finished queued
        websocket = client._websocket
        send_bytes = websocket.send_bytes

        async def counted(payload: bytes) -> None:
            await send_bytes(payload)
            clock = client._cc_clock
            clock["sent"] += 1
            while client._cc_ends and client._cc_ends[0][0] <= clock["sent"]:
                _, status = client._cc_ends.popleft()
                if status in _DONE and clock["arrived"]:
                    write(
                        {
                            "session": clock["session"],
                            "arrived": clock["arrived"][0],
                            "sent": time.time(),
                            "fragment": status == "FINISHED_FRAGMENT_RUN_SUCCESSFULLY",
                        }
                    )
                    clock["arrived"].clear()

        websocket.send_bytes = counted

    def timed_init(self, *args, **kwargs):
        client_init(self, *args, **kwargs)
        watch(self)

    def timed_handle_backmsg(self, session_id, msg, *args, **kwargs):
        client = kwargs.get("client")
        if getattr(client, "_cc_clock", None) and msg.WhichOneof("type") == "rerun_script":
            client._cc_clock["session"] = session_id
            client._cc_clock["arrived"].append(time.time())
        return handle_backmsg(self, session_id, msg, *args, **kwargs)

    def timed_write_forward_msg(self, msg):
        write_forward_msg(self, msg)  # raises if the client is gone: nothing queued
        clock = self._cc_clock
        clock["queued"] += 1
        if msg.WhichOneof("type") == "script_finished":
            self._cc_ends.append((clock["queued"], statuses.get(msg.script_finished, "")))

    StarletteSessionClient.__init__ = timed_init
    Runtime.handle_backmsg = timed_handle_backmsg
    StarletteSessionClient.write_forward_msg = timed_write_forward_msg


@contextlib.contextmanager
def clocked_server() -> Iterator[tuple[str, int, Path]]:
    """A server of the load tools' own on a free loopback port, keeping its run log.

    Yields (base URL, server pid, log path); stops the server and removes the log after.
    """
    from tests.support.servers import start_server, stop_server

    with tempfile.TemporaryDirectory(prefix="clientcheck-steps-") as folder:
        log = Path(folder) / "runs.jsonl"
        process, url = start_server(step_log=log)
        try:
            yield url, process.pid, log
        finally:
            stop_server(process)


def read(log: Path) -> list[ServerRun]:
    """The runs written to ``log`` (none if the file does not exist)."""
    if not log.exists():
        return []
    runs = []
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            runs.append(ServerRun(row["session"], row["arrived"], row["sent"], row["fragment"]))
    return runs


@dataclass(frozen=True)
class Step:
    """A step as a load tool saw it: its session, name and wall-clock window."""

    session: str
    name: str
    start: float  # time.time() just before the step's message or click
    end: float  # time.time() once the tool saw the run end


# A run counts for a step when it arrived inside the step's window, give or take this.
SLACK_S = 0.002


def server_latencies(runs: Iterable[ServerRun], steps: Iterable[Step]) -> list[tuple[str, float]]:
    """(step name, server-side seconds) for each step the server's log has a run for.

    The first run of the step's session that arrived within its window: from that
    rerun's arrival to its script_finished leaving. Later runs in the same window (a
    page's component answering after the run) are the page's work, not the step's.
    """
    by_session: dict[str, list[ServerRun]] = {}
    for run in runs:
        by_session.setdefault(run.session, []).append(run)
    for found in by_session.values():
        found.sort(key=lambda r: r.arrived)
    out = []
    for step in steps:
        for run in by_session.get(step.session, ()):
            if step.start - SLACK_S <= run.arrived <= step.end + SLACK_S:
                out.append((step.name, run.sent - run.arrived))
                break
    return out


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (inclusive method); None for no values. Shared by the load tools."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _p(values: list[float], q: int) -> float | None:
    found = percentile(values, q)
    return None if found is None else round(found, 3)


def figures(log: Path, sessions: Iterable[tuple[str, list[tuple[str, float, float]]]]) -> dict:
    """Server-side step latency figures for a load tool's sessions.

    ``sessions``: (session id, [(step, wall start, wall end), ...]) per session; the
    page's opening is left out, as in the tools' own step figures.
    """
    steps = [
        Step(session, name, start, end)
        for session, windows in sessions
        for name, start, end in windows
        if name != "open"
    ]
    found = server_latencies(read(log), steps)
    by_step: dict[str, list[float]] = {}
    for name, seconds in found:
        by_step.setdefault(name, []).append(seconds)
    values = [seconds for _, seconds in found]
    return {
        "server_clock_steps": len(found),
        "server_clock_unmatched": len(steps) - len(found),
        "server_clock_step_p50_s": _p(values, 50),
        "server_clock_step_p95_s": _p(values, 95),
        "server_clock_by_step_p50_s": {name: _p(v, 50) for name, v in sorted(by_step.items())},
    }


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        raise SystemExit("usage: step_clock.py LOG run app.py [streamlit options]")
    install(Path(argv[0]))
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *argv[1:]]
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
