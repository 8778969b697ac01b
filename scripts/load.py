"""Load test: N concurrent real browser sessions each complete an assessment, on loopback only.

    python scripts/load.py --sessions 20

One Chromium, one browser context (= one Streamlit session) per simulated person.
Each answers a little on every page, opens the results and downloads the PDF.
A step's latency runs from the click to the server's "script finished" message on
that session's websocket, so it is the wait a person sees, not a fixed sleep.
Server memory per session is the growth of the Streamlit process tree's RSS
(from /proc) while every session is still connected, divided by N, measured
after one warm-up session so imports and caches are not counted as per-session.

Bounded: at most 40 sessions, and everything stops by itself after 300 s.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clientcheck.i18n import t  # noqa: E402
from scripts.load_proc import (  # noqa: E402  (path above)
    Gate,
    by_step,
    check_url,
    machine_busy_s,
    rounded,
    tree_cpu_s,
    tree_rss_kb,
)
from scripts.step_clock import clocked_server, figures, percentile  # noqa: E402
from tests.support.servers import (  # noqa: E402  (the path above makes tests importable)
    CHROMIUM_ARGS,
    chromium_executable,
)

MAX_SESSIONS = 40
HARD_LIMIT_S = 300.0
STEP_TIMEOUT_S = 60.0
SIGNS_FOLD = t("signs_section", "en")  # the results' folded signs table and radar
# A person reads a question before answering; people arrive one after another and then
# all work at once (every session stays connected until the last one has finished).
THINK_S = 2.0
RAMP_S = 1.0


@dataclass
class SessionResult:
    index: int
    ok: bool = False
    error: str = ""
    steps: list[tuple[str, float]] = field(default_factory=list)  # (step, seconds)
    # (step, seconds) from the browser sending its rerun message to "script finished":
    # the server's share of a step, comparable with scripts/load_ws.py's step latency.
    wire: list[tuple[str, float]] = field(default_factory=list)
    pdf_s: float | None = None
    pdf_note: str = ""
    # (step, time.time() before the click, time.time() once its run ended), matched with
    # the server's own run log (scripts/step_clock.py) when the server keeps one.
    windows: list[tuple[str, float, float]] = field(default_factory=list)
    session_id: str = ""


# --- one simulated person ----------------------------------------------------------------


class RunWatcher:
    """Count the "script finished" messages on a page's Streamlit websocket."""

    def __init__(self, page) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._forward = ForwardMsg
        self.finished = 0
        self.session_id = ""
        self.clock: WireClock | None = None
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        if "_stcore/stream" in ws.url:
            ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if isinstance(payload, str):
            return
        try:
            message = self._forward.FromString(payload)
        except Exception:  # a frame that is not a ForwardMsg: not ours to judge
            return
        kind = message.WhichOneof("type")
        if kind == "script_finished":
            self.finished += 1
        elif kind == "new_session" and message.new_session.initialize.session_id:
            self.session_id = message.new_session.initialize.session_id

    async def wait_after(self, before: int, timeout: float = STEP_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while self.finished <= before:
            if time.monotonic() > deadline:
                raise TimeoutError("no script_finished after the click")
            await asyncio.sleep(0.005)


class WireClock:
    """When the browser's network stack sent each rerun and got its "script finished".

    Read from the Chrome DevTools Protocol's own timestamps, so neither the page's work
    nor Playwright's event delivery is counted: what is left is the server's share of
    a step, the same span scripts/load_ws.py measures without a browser.
    """

    def __init__(self) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._back, self._forward = BackMsg, ForwardMsg
        self.step = "open"
        self._sent: tuple[str, float] | None = None
        self.samples: list[tuple[str, float]] = []

    async def attach(self, context, page) -> None:
        cdp = await context.new_cdp_session(page)
        cdp.on("Network.webSocketFrameSent", self._on_sent)
        cdp.on("Network.webSocketFrameReceived", self._on_received)
        await cdp.send("Network.enable")

    @staticmethod
    def _payload(params: dict) -> bytes | None:
        frame = params.get("response") or {}
        if frame.get("opcode") != 2:  # binary frames only
            return None
        try:
            return base64.b64decode(frame.get("payloadData", ""))
        except ValueError:
            return None

    def _on_sent(self, params: dict) -> None:
        data = self._payload(params)
        try:
            message = self._back.FromString(data) if data else None
        except Exception:  # not a BackMsg: not ours to judge
            return
        if message is not None and message.WhichOneof("type") == "rerun_script":
            self._sent = (self.step, float(params["timestamp"]))

    def _on_received(self, params: dict) -> None:
        data = self._payload(params)
        try:
            message = self._forward.FromString(data) if data else None
        except Exception:  # a frame that is not a ForwardMsg: not ours to judge
            return
        if message is not None and message.WhichOneof("type") == "script_finished":
            if self._sent is not None:
                name, sent = self._sent
                self.samples.append((name, float(params["timestamp"]) - sent))
                self._sent = None


async def _step(result: SessionResult, watcher: RunWatcher, name: str, action) -> None:
    before = watcher.finished
    if watcher.clock is not None:
        watcher.clock.step = name
    start, wall = time.monotonic(), time.time()
    await action()
    await watcher.wait_after(before)
    result.steps.append((name, time.monotonic() - start))
    result.windows.append((name, wall, time.time()))
    result.session_id = watcher.session_id


async def one_session(browser, url: str, index: int, think: float, gate: Gate | None):
    result = SessionResult(index)
    context = await browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True
    )
    watcher = None
    try:
        page = await context.new_page()
        page.set_default_timeout(STEP_TIMEOUT_S * 1000)
        watcher = RunWatcher(page)
        watcher.clock = WireClock()
        await watcher.clock.attach(context, page)
        main = page.locator('[data-testid="stMain"]')
        start = time.monotonic()
        await page.goto(url)
        await main.get_by_role("button", name="Start").wait_for()
        await watcher.wait_after(0)
        result.steps.append(("open", time.monotonic() - start))

        async def click(name: str):
            await main.get_by_role("button", name=name, exact=True).first.click()

        await _step(result, watcher, "start", lambda: click("Start"))
        name_field = main.get_by_role("textbox", name=t("client_name", "en"))
        await name_field.fill(f"Load client {index}")
        await _step(result, watcher, "name", lambda: name_field.press("Enter"))
        radios = main.locator("[data-testid=stRadio] [role=radiogroup]")
        for page_no in range(8):
            for group in range(min(2, await radios.count())):
                await asyncio.sleep(think)
                option = (page_no + group) % 3

                async def pick(group: int = group, option: int = option) -> None:
                    await radios.nth(group).locator("label").nth(option).click()

                await _step(result, watcher, "answer", pick)
            last = page_no == 7
            await asyncio.sleep(think)
            label = "See the results" if last else "Next"
            await _step(
                result, watcher, "results" if last else "next", lambda label=label: click(label)
            )
        prepare = main.get_by_role("button", name="Prepare my summary (PDF, Markdown)")
        await prepare.first.wait_for()
        # The evidence is folded: open the signs (table and radar), as a reader does.
        signs = main.locator("[data-testid=stExpander] details > summary", has_text=SIGNS_FOLD)
        await asyncio.sleep(think)
        await _step(result, watcher, "signs", lambda: signs.first.click())
        await main.locator("[data-testid=stPlotlyChart] .main-svg").first.wait_for()
        pdf = main.locator("[data-testid=stDownloadButton] button", has_text="PDF")
        if await prepare.count():
            start = time.monotonic()
            await _step(result, watcher, "prepare", lambda: prepare.first.click())
            await pdf.first.wait_for()
            async with page.expect_download(timeout=STEP_TIMEOUT_S * 1000) as info:
                await pdf.first.click()
            download = await info.value
            await download.path()
            result.pdf_s = time.monotonic() - start
            await download.delete()
        else:
            result.pdf_note = "no PDF download button on the results page"
        result.ok = True
        if gate is not None:
            gate.arrived += 1
            await gate.release.wait()  # stay connected until the server's memory is read
    except Exception as exc:  # one failed person must not stop the others; report it
        result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    finally:
        if watcher is not None and watcher.clock is not None:
            result.wire = [s for s in watcher.clock.samples if s[0] != "open"]
        await context.close()
    return result


# --- the run -----------------------------------------------------------------------------


async def _run(
    sessions: int, url: str, pid: int | None, think: float, ramp: float, step_log: Path | None,
    warmup: bool,
) -> dict:  # fmt: skip
    from playwright.async_api import async_playwright

    path = chromium_executable()
    if path is None:
        raise RuntimeError("Chromium not found: see the README, or set CHROMIUM_PATH")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            warm = await one_session(browser, url, -1, 0.0, None) if warmup else None
            rss_before = tree_rss_kb([pid]) if pid else None
            gate = Gate()
            cpu_before = (tree_cpu_s([pid]) if pid else None, machine_busy_s())
            started = time.monotonic()
            tasks = []
            for i in range(sessions):
                tasks.append(asyncio.create_task(one_session(browser, url, i, think, gate)))
                await asyncio.sleep(ramp)  # people arrive one after another, then overlap
            while gate.arrived + sum(t.done() for t in tasks) < sessions:
                await asyncio.sleep(0.05)
            rss_after = tree_rss_kb([pid]) if pid else None
            cpu_after = (tree_cpu_s([pid]) if pid else None, machine_busy_s())
            gate.release.set()
            results = await asyncio.gather(*tasks)
            elapsed = time.monotonic() - started
        finally:
            await browser.close()
    report = _summary(sessions, results, warm, rss_before, rss_after, elapsed, think)
    report["ramp_s"] = ramp
    server_cpu = cpu_after[0] - cpu_before[0] if pid else None
    report["server_cpu_s"] = rounded(server_cpu)
    report["machine_busy_cpu_s"] = rounded(cpu_after[1] - cpu_before[1])
    # What one step costs the server, whatever the browsers cost on this machine.
    steps = report["step_count"] + sessions  # every click, plus each page opening
    report["server_cpu_ms_per_step"] = rounded(server_cpu * 1000 / steps) if pid else None
    report["cores"] = os.cpu_count()
    if step_log is not None:
        report.update(figures(step_log, [(r.session_id, r.windows) for r in results]))
    return report


def _summary(sessions, results, warm, rss_before, rss_after, elapsed, think) -> dict:
    steps = [s for r in results for _, s in r.steps if _ != "open"]
    opens = [s for r in results for name, s in r.steps if name == "open"]
    pdfs = [r.pdf_s for r in results if r.pdf_s is not None]
    per_session_mb = (
        (rss_after - rss_before) / 1024 / sessions
        if rss_before is not None and rss_after is not None
        else None
    )
    steps_by_name = by_step(pair for r in results for pair in r.steps)
    wire = [s for r in results for _, s in r.wire]
    wire_by_step = by_step(pair for r in results for pair in r.wire)
    return {
        "sessions": sessions,
        "completed": sum(r.ok for r in results),
        "errors": [f"session {r.index}: {r.error}" for r in results if r.error],
        "warmup_ok": warm.ok if warm is not None else None,
        "think_time_s": think,
        "elapsed_s": round(elapsed, 1),
        "step_count": len(steps),
        "step_p50_s": rounded(percentile(steps, 50)),
        "step_p95_s": rounded(percentile(steps, 95)),
        "step_max_s": rounded(max(steps) if steps else None),
        "open_p95_s": rounded(percentile(opens, 95)),
        "pdf_p50_s": rounded(percentile(pdfs, 50)),
        "pdf_p95_s": rounded(percentile(pdfs, 95)),
        "pdf_notes": sorted({r.pdf_note for r in results if r.pdf_note}),
        "by_step_p95_s": {k: rounded(percentile(v, 95)) for k, v in steps_by_name.items()},
        # From the rerun message leaving the browser to "script finished" coming back (as
        # Playwright reports the frames): the server's share, without the browser's own work.
        "server_step_p50_s": rounded(percentile(wire, 50)),
        "server_step_p95_s": rounded(percentile(wire, 95)),
        "server_by_step_p50_s": {k: rounded(percentile(v, 50)) for k, v in wire_by_step.items()},
        "server_rss_before_mb": rounded(rss_before / 1024 if rss_before else None),
        "server_rss_after_mb": rounded(rss_after / 1024 if rss_after else None),
        "server_mb_per_session": rounded(per_session_mb),
    }


def run_load(
    sessions: int,
    url: str | None = None,
    think: float = THINK_S,
    ramp: float = RAMP_S,
    pid: int | None = None,
    warmup: bool = True,
) -> dict:
    """Run ``sessions`` concurrent assessments against ``url`` (or a server of our own).

    ``pid``: the process serving ``url``, for its CPU and memory figures. ``warmup``: one
    session first, so that the memory per session leaves out imports and caches (a smoke
    test that reads no memory figure can skip it).
    """
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be between 1 and {MAX_SESSIONS}")
    if url is None:
        # Our own server keeps its run log: the server-side figures read its clock.
        with clocked_server() as (url, pid, step_log):
            return _limited(_run(sessions, url, pid, think, ramp, step_log, warmup))
    check_url(url)
    return _limited(_run(sessions, url, pid, think, ramp, None, warmup))


def _limited(run) -> dict:
    return asyncio.run(asyncio.wait_for(run, HARD_LIMIT_S))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help=f"1 to {MAX_SESSIONS}")
    parser.add_argument("--url", help="a running app on loopback (default: start one)")
    parser.add_argument(
        "--think", type=float, default=THINK_S, help=f"pause before each click (s, {THINK_S})"
    )
    parser.add_argument(
        "--ramp", type=float, default=RAMP_S, help=f"seconds between arrivals ({RAMP_S})"
    )
    args = parser.parse_args(argv)
    try:
        report = run_load(args.sessions, args.url, args.think, args.ramp)
    except TimeoutError:
        print(f"stopped: the run exceeded its hard limit of {HARD_LIMIT_S:.0f} s", file=sys.stderr)
        return 2
    print(json.dumps(report, indent=2, ensure_ascii=False))
    ok = report["completed"] == args.sessions and not report["errors"]
    print(
        f"\n{report['completed']}/{args.sessions} sessions completed, "
        f"{len(report['errors'])} errors; step p50 {report['step_p50_s']} s, "
        f"p95 {report['step_p95_s']} s; PDF p95 {report['pdf_p95_s']} s; "
        f"server memory {report['server_mb_per_session']} MB per session"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
