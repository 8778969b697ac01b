"""Load smoke test: two people complete an assessment at the same time, in Chromium.

A smoke test of scripts/load.py; the capacity figures come from it and scripts/bench.py.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest

from scripts.load import run_load

# Timing-sensitive: runs in the serial pass (pytest -m load tests/load), alone on the
# machine. A real-browser test like those of tests/browser/, kept here with the other load
# test so that the serial pass collects this folder alone.
pytestmark = [pytest.mark.load, pytest.mark.browser]

PEOPLE = 2


def test_two_people_complete_and_every_step_is_found_on_the_servers_own_clock(chromium_path):
    """Two people at once, each in Chromium, on a server of its own: all complete, the
    PDF included, and the tool reads the server-side latency of each step from the
    server's run log (scripts/step_clock.py), as load_ws.py does."""
    # No warm-up session: it only keeps imports out of the memory figures, read by nobody here.
    with ThreadPoolExecutor(max_workers=1) as pool:  # the tool runs its own asyncio loop
        run = partial(run_load, PEOPLE, None, 0.1, 0.1, warmup=False)
        report = pool.submit(run).result(timeout=300)
    assert report["errors"] == []
    assert report["completed"] == PEOPLE
    assert report["step_count"] >= PEOPLE * 20
    assert report["pdf_notes"] == [] and report["pdf_p50_s"] is not None
    found, missed = report["server_clock_steps"], report["server_clock_unmatched"]
    assert found + missed == report["step_count"] > 0
    # A click can land while a run the page started itself is still going; the tool's
    # wait then ends on that run, before the click's own. Rare (1 in 270 at 10 browsers).
    assert missed <= report["step_count"] // 20
    # The server's span (message in, end out) lies inside the browser's click-to-end.
    assert 0 < report["server_clock_step_p50_s"] <= report["step_p50_s"]
    for step in ("answer", "next", "results", "signs", "prepare"):
        assert report["server_clock_by_step_p50_s"][step] is not None, step
