"""Benchmark parts (a) and (b): the server time of one step against a plain Streamlit page
of the same shape, and the cold start to the first page in Chromium (scripts/bench.py)."""

from __future__ import annotations

import contextlib
import functools
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
BASELINE = ROOT / "scripts" / "baseline_app.py"
sys.path.insert(0, str(ROOT))

from scripts.bench_table import Row, optional_module  # noqa: E402
from tests.support.servers import (  # noqa: E402  (the repo root must be on the path first)
    chromium_executable,
    free_port,
    streamlit_command,
)

STEP_TARGET = 1.5  # Client Check sign-page step time / baseline step time
RESULTS_TARGET = 1.0  # a change on the results page / baseline step time
COLD_TARGET = 1.1  # Client Check cold start / baseline cold start
WIDGETS = {
    "button",
    "button_group",
    "checkbox",
    "download_button",
    "file_uploader",
    "multiselect",
    "number_input",
    "radio",
    "selectbox",
    "text_area",
    "text_input",
    "toggle",
}


# --- (a) server time of one step ------------------------------------------------


def _quiet_streamlit() -> None:
    import logging

    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    for name in ("streamlit", "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")  # say what broke, if anything does


def _inventory(at) -> Counter:
    """Count the widgets drawn (in the sidebar and the main area) by kind."""
    found: Counter = Counter()

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            kind = getattr(child, "type", None)
            if kind in WIDGETS:
                found[kind] += 1
            walk(child)

    walk(at.sidebar)
    walk(at.main)
    return found


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _check(at) -> None:
    if at.exception:
        raise RuntimeError(f"the app raised: {[e.value for e in at.exception]}")


def _device_ready(at) -> None:
    """Play the browser's part: the device answers (empty), so autosave runs on every step."""
    ask = at.session_state["cc_device_state"].ask
    at.session_state["cc_device"] = {"loaded": {"ask": ask, "available": True, "text": None}}
    at.run()
    _check(at)
    assert at.session_state["cc_device_state"].phase == "ready", "autosave did not start"


@contextlib.contextmanager
def as_the_browser_reruns(at) -> Iterator[None]:
    """Rerun as a browser does after a change inside a fragment: that fragment only.

    AppTest always reruns the whole script; the browser sends the fragment's id with
    the change, and the server then runs just that fragment. This passes the id of
    the page's fragment (there is at most one) the same way.
    """
    from streamlit.testing.v1 import local_script_runner

    fragments = list(at._fragment_storage._fragments)  # noqa: SLF001 (AppTest has no API)
    if len(fragments) > 1:
        raise RuntimeError(f"expected at most one fragment on the page, found {len(fragments)}")
    original = local_script_runner.RerunData
    if fragments:
        local_script_runner.RerunData = functools.partial(original, fragment_id=fragments[0])
    try:
        yield
    finally:
        local_script_runner.RerunData = original


class ClientCheckSteps:
    """Client Check on its first sign page: change an answer, click Next (and Back, untimed)."""

    def __init__(self, store=None) -> None:
        from streamlit.testing.v1 import AppTest

        self.at = AppTest.from_file(str(APP), default_timeout=60)
        if store is not None:
            self.at.session_state["cc_store"] = store
        self.at.run()
        _device_ready(self.at)
        self.at.button(key="start").click().run()
        self.at.button(key="next|client").click().run()
        _check(self.at)
        key = next(r.key for r in self.at.radio if r.key.endswith("late_payment.chasing"))
        self.radio_key = key
        self.flip = False
        # A second session on the results page (radar, advice, drafts, downloads).
        self.results_at = AppTest.from_file(str(APP), default_timeout=60)
        self.results_at.run()
        _device_ready(self.results_at)
        self.results_at.button(key="start").click().run()
        record_id = self.results_at.session_state["cc_store"].record.id
        # The drafts' editor is folded until opened: open it, as a person does.
        self.results_at.session_state[f"draft_open|{record_id}|en"] = True
        self.results_at.button(key="goto|results").click().run()
        _check(self.results_at)
        self.tone_key = f"draft_tone|{record_id}|en"

    def inventory(self) -> Counter:
        return _inventory(self.at)

    def answer(self) -> float:
        self.flip = not self.flip
        value = "often" if self.flip else "never"
        ms = _timed(self.at.radio(key=self.radio_key).set_value(value).run)
        _check(self.at)
        answers = self.at.session_state["cc_store"].record.answers
        assert answers.get("late_payment.chasing") == value, "the answer was not recorded"
        return ms

    def results(self) -> float:
        self.flip = not self.flip
        value = "firm" if self.flip else "warm"
        tone = self.results_at.segmented_control(key=self.tone_key).set_value(value)
        with as_the_browser_reruns(self.results_at):
            ms = _timed(tone.run)
        _check(self.results_at)
        assert self.results_at.session_state[self.tone_key] == value, "the tone did not change"
        return ms

    def next(self) -> float:
        button = self.at.button(key="next|sign:late_payment").click()
        ms = _timed(button.run)
        _check(self.at)
        assert self.at.title[0].value != "Pays late", "Next did not move on"
        self.at.button(key="back|sign:less_work").click().run()
        _check(self.at)
        return ms


class BaselineSteps:
    """The baseline page: the same two steps."""

    def __init__(self) -> None:
        from streamlit.testing.v1 import AppTest

        self.at = AppTest.from_file(str(BASELINE), default_timeout=60)
        self.at.run()
        _check(self.at)
        self.flip = False

    def inventory(self) -> Counter:
        return _inventory(self.at)

    def answer(self) -> float:
        self.flip = not self.flip
        radio = self.at.radio(key="c|1|0").set_value("often" if self.flip else "never")
        ms = _timed(radio.run)
        _check(self.at)
        return ms

    def results(self) -> float:
        """The baseline has one page, radar included: its answer change is the yardstick."""
        return self.answer()

    def next(self) -> float:
        ms = _timed(self.at.button(key="next").click().run)
        _check(self.at)
        assert self.at.title[0].value == "Sign 2", "Next did not move on"
        self.at.button(key="back").click().run()
        _check(self.at)
        return ms


def bench_steps(runs: int, warmup: int = 5) -> list[Row]:
    _quiet_streamlit()
    device = optional_module("bench_device")
    apps = {"app": ClientCheckSteps(), "baseline": BaselineSteps()}
    if device is not None:
        apps["app10"] = ClientCheckSteps(device.ten_client_store())
    inventories = {name: app.inventory() for name, app in apps.items() if name != "app10"}
    for name, found in inventories.items():
        print(f"widgets on the page ({name}): {sum(found.values())} {dict(sorted(found.items()))}")
    if inventories["app"] != inventories["baseline"]:
        print("WARNING: the baseline no longer has the same widgets as a sign page")
    times: dict[tuple[str, str], list[float]] = {}
    for i in range(warmup + runs):
        # Interleaved, so a slow moment of the machine hits both alike.
        for name, app in apps.items():
            for step in ("answer",) if name == "app10" else ("answer", "next", "results"):
                ms = getattr(app, step)()
                if i >= warmup:
                    times.setdefault((name, step), []).append(ms)
    rows = []
    for step, label, target in (
        ("answer", "step: answer changed", STEP_TARGET),
        ("next", "step: Next clicked", STEP_TARGET),
        ("results", "step on results: tone changed", RESULTS_TARGET),
    ):
        rows.append(
            Row(
                f"{label} (median of {runs})",
                statistics.median(times[("app", step)]),
                statistics.median(times[("baseline", step)]),
                target=target,
            )
        )
    if device is not None:
        rows.append(
            Row(
                f"step, 10 clients autosaved: answer changed (median of {runs})",
                statistics.median(times[("app10", "answer")]),
                statistics.median(times[("baseline", "answer")]),
                target=STEP_TARGET,
            )
        )
    return rows


# --- (b) cold start -------------------------------------------------------------


def cold_start_once(browser, script: Path) -> float:
    """Seconds from ``streamlit run`` to the first page's title shown in Chromium."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = streamlit_command(script, port)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = start + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{script.name} exited early")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{script.name} never became healthy") from None
                time.sleep(0.02)
        page.goto(url)
        page.locator('[data-testid="stMain"] h1').first.wait_for(state="visible", timeout=60_000)
        return time.perf_counter() - start
    finally:
        context.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def bench_cold_start(repeats: int) -> list[Row]:
    path = chromium_executable()
    if path is None:
        return [Row("cold start to first page", None, note="skipped: no Chromium")]
    # Bytecode compiled as the container image does at build (Dockerfile), so a start
    # does not compile the package from source when PYTHONDONTWRITEBYTECODE is set.
    import compileall

    compileall.compile_dir(ROOT / "clientcheck", quiet=1)
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    args.append("--disable-component-update")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=args)
        times: dict[str, list[float]] = {"app": [], "baseline": []}
        for _ in range(repeats):
            times["app"].append(cold_start_once(browser, APP))
            times["baseline"].append(cold_start_once(browser, BASELINE))
        browser.close()
    return [
        Row(
            f"cold start to first page (median of {repeats})",
            statistics.median(times["app"]),
            statistics.median(times["baseline"]),
            unit="s",
            target=COLD_TARGET,
        )
    ]
