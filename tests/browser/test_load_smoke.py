"""Load smoke test: three people complete an assessment at the same time, without errors."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from scripts.load import run_load


def test_three_concurrent_sessions_all_complete(app_url, chromium_path):
    # Its own thread: the load script runs its own asyncio loop and browser.
    with ThreadPoolExecutor(max_workers=1) as pool:
        report = pool.submit(run_load, 3, app_url, 0.1, 0.1).result(timeout=300)
    assert report["errors"] == []
    assert report["completed"] == 3
    assert report["step_count"] >= 3 * 20
    assert report["pdf_notes"] == [] and report["pdf_p50_s"] is not None
