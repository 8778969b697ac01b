"""Three virtual users complete a full assessment at once over Streamlit's websocket protocol.

A smoke test of the load tool and of the server under several sessions at once; the
capacity figures come from scripts/load_ws.py and scripts/bench.py, not from a test. It
times nothing, so it runs in the parallel pass.
"""

from __future__ import annotations

from pathlib import Path

from scripts.load_proc import tree
from scripts.load_ws import run_level
from tests.support.servers import start_server, stop_server

# Three at once is "several" for a smoke test: the capacity figures come from the tools.
SESSIONS = 3


def test_three_protocol_sessions_complete_with_pdf_and_upload(tmp_path):
    step_log = tmp_path / "runs.jsonl"
    process, url = start_server(step_log=step_log)
    try:
        # No warm-up session: it only keeps imports out of the memory figure, which this
        # test does not read (the tools print it).
        report = run_level(
            SESSIONS, url, [process.pid], think=0.0, ramp=0.05, limit_s=120, step_log=step_log,
            warmup=False,
        )  # fmt: skip
        # The PDFs were built by the server's helper process (clientcheck/outputs/pdf_worker.py).
        helpers = [
            pid
            for pid in tree(process.pid)[1:]
            if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
        ]
        assert len(helpers) == 1
    finally:
        stop_server(process)
    assert report["errors"] == []
    assert report["completed"] == SESSIONS
    assert report["uploads_loaded"] == SESSIONS
    # Client page, seven sign pages, results: well over 30 steps per person.
    assert report["step_count"] >= SESSIONS * 30
    assert report["pdf_kb_p50"] and report["pdf_kb_p50"] > 5
    for step in ("open", "start", "answer", "next", "results", "tone", "prepare", "upload"):
        assert report["by_step_p95_s"][step] is not None, step
    assert report["server_cpu_ms_per_step"] > 0
    assert report["server_mb_per_session"] is not None
    # The server's own clock (scripts/step_clock.py) saw every step the users timed, and
    # its span lies inside theirs: from the message arriving to the end leaving.
    assert report["server_clock_unmatched"] == 0
    assert report["server_clock_steps"] == report["step_count"]
    assert 0 < report["server_clock_step_p50_s"] <= report["step_p50_s"]
    for step in ("answer", "next", "results", "tone", "prepare", "upload"):
        assert report["server_clock_by_step_p50_s"][step] is not None, step
