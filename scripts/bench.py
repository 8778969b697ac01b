"""How fast Client Check is, next to a plain Streamlit page of the same shape.

    .venv/bin/python scripts/bench.py [--runs 30] [--cold 3] [--load N] [--strict]
    .venv/bin/python scripts/bench.py --quick     # CI: fewer runs, prints, never fails on a target

Measured in the same run, so the machine's speed cancels out of the ratios:

(a) server time of one step on a sign page -- an answer changed, Next clicked --
    for Client Check and for scripts/baseline_app.py (the same visible widgets
    plus a Plotly radar), with Streamlit's AppTest in this process: the time of
    one script rerun with the widget change, median of --runs after a warm-up;
(b) cold start: ``streamlit run`` as a subprocess until Chromium shows the first
    page's title, median of --cold;
(c) PDF / Markdown build time and PDF size, from scripts/bench_exports.py when
    it exists; the size of the copy autosave keeps on the device for 10 full clients,
    from scripts/bench_device.py (the step sessions of (a) run with autosave on, and
    one of them holds those 10 clients);
(d) --load N: the load tests, N real browsers (scripts/load.py) and N protocol-level
    sessions (scripts/load_ws.py), their figures side by side; both read each step's
    server-side latency from the server's own clock (scripts/step_clock.py) and are
    said to agree within AGREE_RATIO or AGREE_ABS_S;
(e) --abuse N: proof under abuse (scripts/load_abuse.py): N normal users through
    HAProxy and two replicas, without and then with one abusive client; their step p95
    with the abuser against without (target <= 1.5x), and the abuser refused.

Prints a table: figure, Client Check, baseline, ratio, target, PASS/FAIL.
With --strict the exit status is 1 when a figure misses its target (for a quiet
machine: on a shared one the figures are noisy). --quick takes 10 runs and one cold
start, for CI, which prints the figures without failing on them.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.util
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
BASELINE = ROOT / "scripts" / "baseline_app.py"
sys.path.insert(0, str(ROOT))

from tests.support.servers import (  # noqa: E402  (the repo root must be on the path first)
    chromium_executable,
    free_port,
    streamlit_command,
)

STEP_TARGET = 1.5  # Client Check sign-page step time / baseline step time
RESULTS_TARGET = 1.0  # a change on the results page / baseline step time
COLD_TARGET = 1.1  # Client Check cold start / baseline cold start
PDF_MS, PDF_KB, MARKDOWN_MS = 100.0, 60.0, 5.0  # a full assessment with three drafts
DEVICE_KB, DEVICE_MS = 500.0, 10.0  # device copy of 10 full clients: size, build time
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


@dataclass
class Row:
    figure: str
    value: float | None
    baseline: float | None = None
    unit: str = "ms"
    target: float | None = None  # upper bound on the ratio, or on the value if no baseline
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def verdict(self) -> str:
        measured = self.ratio if self.baseline else self.value
        if self.target is None or measured is None:
            return "-"
        return "PASS" if measured <= self.target else "FAIL"


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
        self.results_at.button(key="goto|results").click().run()
        _check(self.results_at)
        record_id = self.results_at.session_state["cc_store"].record.id
        self.tone_key = f"draft_tone|{record_id}"

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
    device = _optional_module("bench_device")
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


# --- (c) exports, (d) load: written by other modules ----------------------------


def _optional_module(name: str):
    """Import scripts/<name>.py if it exists, else None."""
    path = ROOT / "scripts" / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look the module up here
    spec.loader.exec_module(module)
    return module


def _first(figures: dict, *keys: str) -> float | None:
    for key in keys:
        if isinstance(figures.get(key), int | float):
            return float(figures[key])
    return None


def bench_exports() -> list[Row]:
    module = _optional_module("bench_exports")
    if module is None or not hasattr(module, "bench_exports"):
        return [Row("exports (PDF, Markdown)", None, note="skipped: no scripts/bench_exports.py")]
    try:
        figures = module.bench_exports()
    except Exception as exc:  # another module's bug should not hide the other figures
        return [Row("exports (PDF, Markdown)", None, note=f"error: {exc!r}"[:60])]
    print(f"bench_exports() -> {figures}")
    pdf_ms = _first(figures, "pdf_ms", "pdf_build_ms", "pdf_time_ms")
    md_ms = _first(figures, "markdown_ms", "md_ms", "markdown_build_ms", "md_build_ms")
    pdf_kb = _first(figures, "pdf_kb", "pdf_size_kb")
    if pdf_kb is None and (size := _first(figures, "pdf_bytes", "pdf_size_bytes", "pdf_size")):
        pdf_kb = size / 1000
    return [
        Row("PDF summary build", pdf_ms, target=PDF_MS),
        Row("PDF summary size", pdf_kb, unit="KB", target=PDF_KB),
        Row("Markdown summary build", md_ms, target=MARKDOWN_MS),
    ]


def bench_device() -> list[Row]:
    module = _optional_module("bench_device")
    if module is None:
        return [Row("device copy (autosave)", None, note="skipped: no scripts/bench_device.py")]
    figures = module.bench_device()
    print(f"bench_device() -> {figures}")
    return [
        Row(
            "device copy, 10 full clients: size", figures["device_kb"], unit="KB", target=DEVICE_KB
        ),
        Row("device copy, 10 full clients: build", figures["device_build_ms"], target=DEVICE_MS),
    ]


# The two load tools agree when their server-side step latencies (median), both read from
# the server's own clock (scripts/step_clock.py), are within this margin of each other:
# 50 %, or 25 ms when both are small. Ten Chromium pages share the 2 cores with the
# server, which slows its runs; the protocol's virtual users barely load the machine.
AGREE_RATIO, AGREE_ABS_S = 1.5, 0.025


def _run_load_tool(name: str, sessions: int, **options) -> dict | str:
    """Run scripts/<name>.py's run_load(sessions); its figures, or why there are none."""
    module = _optional_module(name)
    if module is None or not hasattr(module, "run_load"):
        return f"skipped: no scripts/{name}.py"
    try:
        figures = module.run_load(sessions=sessions, **options)
    except Exception as exc:  # one tool's failure should not hide the other's figures
        return f"error: {exc!r}"[:80]
    print(f"{name}.run_load({sessions}) -> {figures}")
    return figures


def agree(a: float | None, b: float | None) -> bool | None:
    """Whether two step latencies agree within the stated margin."""
    if a is None or b is None:
        return None
    low, high = sorted((a, b))
    return high - low <= AGREE_ABS_S or high <= low * AGREE_RATIO


def bench_load(sessions: int) -> list[Row]:
    # ---- HOOK: load test ---------------------------------------------------------
    # scripts/load.py (real Chromium sessions) and scripts/load_ws.py (Streamlit's
    # websocket protocol, no browser) each provide run_load(sessions) -> dict. Their
    # figures are printed side by side; numbers become rows without a target.
    browsers = _run_load_tool("load", sessions)
    # The same think time (2 s) and arrivals (one a second) as the browsers.
    protocol = _run_load_tool("load_ws", sessions, think=2.0, ramp=1.0)
    print_side_by_side(sessions, browsers, protocol)
    rows = []
    for label, figures in (("browsers", browsers), ("protocol", protocol)):
        if isinstance(figures, str):
            rows.append(Row(f"load ({label}), {sessions} sessions", None, note=figures[:60]))
            continue
        rows += [
            Row(f"load ({label}): {key}", float(value), unit="")
            for key, value in figures.items()
            if isinstance(value, int | float) and not isinstance(value, bool)
        ]
    return rows
    # ---- end of the load-test hook -------------------------------------------------


def bench_abuse(sessions: int) -> list[Row]:
    """Normal users' step p95 with an abusive client against without it, through the proxy."""
    module = _optional_module("load_abuse")
    if module is None:
        return [Row("abuse run", None, note="skipped: no scripts/load_abuse.py")]
    try:
        report = module.run_abuse(sessions)
    except Exception as exc:  # e.g. no HAProxy on this machine
        return [Row(f"abuse run, {sessions} sessions", None, note=f"error: {exc!r}"[:60])]
    print(f"\nabuse, {sessions} normal users through HAProxy and two replicas:")
    for line in module.lines(report):
        print(f"  {line}")
    without, hit, abuser = report["without"], report["with"], report["with"]["abuser"]
    return [
        Row(
            f"abuse: normal users' step p95, {sessions} users",
            hit["step_p95_s"],
            baseline=without["step_p95_s"],
            unit="s",
            target=report["p95_target"],
        ),
        Row("abuse: normal users' errors with the abuser", float(len(hit["errors"])), unit=""),
        Row("abuse: abuser sessions tried", float(abuser["tried"]), unit=""),
        Row("abuse: abuser sessions refused (429)", float(abuser["refused"]), unit=""),
        Row("abuse: abuser websockets closed (1008)", float(abuser["closed_over_budget"]), unit=""),
        Row("abuse: abuser runs served", float(abuser["runs_served"]), unit=""),
    ]


# --- output ---------------------------------------------------------------------


def print_side_by_side(sessions: int, browsers: dict | str, protocol: dict | str) -> None:
    """The browser and protocol load figures next to each other."""
    b = browsers if isinstance(browsers, dict) else {}
    p = protocol if isinstance(protocol, dict) else {}

    def both(key: str, step: str | None = None) -> tuple:
        if step is None:
            return b.get(key), p.get(key)
        return tuple((f.get(key) or {}).get(step) for f in (b, p))

    clock = "server_clock_by_step_p50_s"
    lines = [
        ("sessions completed", b.get("completed"), p.get("completed")),
        ("errors", len(b["errors"]) if b else None, len(p["errors"]) if p else None),
        ("step p50, as the user waits (s)", *both("step_p50_s")),
        ("step p95, as the user waits (s)", *both("step_p95_s")),
        ("server-side step p50 (s)", *both("server_clock_step_p50_s")),
        ("server-side step p95 (s)", *both("server_clock_step_p95_s")),
        ("server-side answer step p50 (s)", *both(clock, "answer")),
        ("server-side Next step p50 (s)", *both(clock, "next")),
        ("steps on the server clock", *both("server_clock_steps")),
        ("  of which not found there", *both("server_clock_unmatched")),
        ("browser frames: rerun to end p50 (s)", b.get("server_step_p50_s"), None),
        ("server CPU per step (ms)", *(f.get("server_cpu_ms_per_step") for f in (b, p))),
        ("server memory per session (MB)", *(f.get("server_mb_per_session") for f in (b, p))),
    ]  # fmt: skip
    print(
        f"\nload, {sessions} sessions: browsers (scripts/load.py) | protocol (scripts/load_ws.py)"
    )
    for problem in (x for x in (browsers, protocol) if isinstance(x, str)):
        print(f"  {problem}")
    for label, left, right in lines:
        print(f"  {label:<38} {_cell(left):>10} | {_cell(right):<10}")
    print(
        "  server-side = the server's own clock (scripts/step_clock.py): a rerun arriving to"
        " its end leaving; 'browser frames' = Chromium's frame timestamps, which include"
        " the renderer's delay"
    )
    margin = f"within {AGREE_RATIO - 1:.0%} or {AGREE_ABS_S * 1000:.0f} ms"
    for label, left, right in (
        ("server-side step p50", *both("server_clock_step_p50_s")),
        ("server-side answer step p50", *both(clock, "answer")),
        ("server-side Next step p50", *both(clock, "next")),
    ):  # fmt: skip
        verdict = agree(left, right)
        word = "n/a" if verdict is None else "agree" if verdict else "DISAGREE"
        print(f"  {label}: {word} ({margin})")


def _cell(value) -> str:
    return "-" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:.1f} {unit}".strip()


def print_table(rows: list[Row]) -> None:
    header = ("figure", "Client Check", "baseline", "ratio", "target", "result")
    lines = []
    for row in rows:
        if row.target is None:
            target = "-"
        elif row.baseline:
            target = f"<= {row.target:g}x"
        else:
            target = f"<= {_fmt(row.target, row.unit)}"
        lines.append(
            (
                row.figure,
                _fmt(row.value, row.unit),
                _fmt(row.baseline, row.unit),
                f"{row.ratio:.2f}x" if row.ratio is not None else "-",
                target,
                row.verdict if not row.note else row.note,
            )
        )
    widths = [max(len(str(line[i])) for line in (header, *lines)) for i in range(len(header))]
    for i, line in enumerate((header, *lines)):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)))
        if i == 0:
            print("  ".join("-" * width for width in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed reruns per step (>= 30)")
    parser.add_argument("--cold", type=int, default=3, help="cold starts per app")
    parser.add_argument(
        "--load", type=int, metavar="N", help="also run scripts/load.py and scripts/load_ws.py"
    )
    parser.add_argument(
        "--abuse", type=int, metavar="N", help="also the abuse run (scripts/load_abuse.py)"
    )
    parser.add_argument("--skip-cold", action="store_true", help="no browser cold starts")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--quick", action="store_true", help="10 runs and 1 cold start (CI: about a minute)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.cold = min(args.runs, 10), 1

    rows = bench_steps(args.runs)
    if not args.skip_cold:
        rows += bench_cold_start(args.cold)
    rows += bench_exports()
    rows += bench_device()
    if args.load:
        rows += bench_load(args.load)
    if args.abuse:
        rows += bench_abuse(args.abuse)
    print()
    print_table(rows)
    return 1 if args.strict and any(row.verdict == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
