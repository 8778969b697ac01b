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

The protocol itself is in scripts/load_proto.py, one virtual person in
scripts/load_user.py, and an abusive client among normal users, through the proxy, in
scripts/load_abuse.py.

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
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# (Path above.)
from scripts.load_proc import Gate, by_step, check_url, rounded, tree_cpu_s, tree_rss_kb  # noqa: E402
from scripts.load_proto import LoadError  # noqa: E402
from scripts.load_user import SessionResult, one_session, source_for  # noqa: E402
from scripts.step_clock import clocked_server, figures, percentile  # noqa: E402

MAX_SESSIONS = 500
LEVEL_LIMIT_S = 600.0
# A person's pause before each change: 5 s is twice the pace of the product's own
# "ten-minute check" (about 47 changes); bench.py uses 2 s, as the browser test does.
THINK_S = 5.0
RAMP_S = 0.2
KNEE_P95_S = 1.0


# --- a run ---------------------------------------------------------------------------------


async def _level(
    url: str,
    sessions: int,
    think: float,
    ramp: float,
    pids: list[int],
    seed: int,
    lang: str,
    warmup: bool,
    sources: bool = False,
) -> tuple[list[SessionResult], dict]:
    warm = None
    if warmup:  # imports and caches are loaded once per server, not per session
        source = source_for(MAX_SESSIONS) if sources else None
        warm = await one_session(url, -1, 0.0, seed - 1, None, lang, source)
        if not warm.ok:
            raise LoadError(f"warm-up session failed: {warm.error}")
    rss_before = tree_rss_kb(pids) if pids else None
    cpu_before = tree_cpu_s(pids) if pids else None
    own_before = time.process_time()
    gate = Gate()
    started = time.monotonic()
    tasks = []
    for i in range(sessions):
        source = source_for(i) if sources else None
        tasks.append(asyncio.create_task(one_session(url, i, think, seed + i, gate, lang, source)))
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
    steps_by_name = by_step(pair for r in results for pair in r.steps)
    rss_before, rss_after = extra["rss_before_kb"], extra["rss_after_kb"]
    per_session_mb = (rss_after - rss_before) / 1024 / sessions if rss_before is not None else None
    cpu = extra["server_cpu_s"]
    return {
        "sessions": sessions,
        "completed": sum(r.ok for r in results),
        "errors": [f"session {r.index}: {r.error}" for r in results if r.error],
        "elapsed_s": extra["elapsed_s"],
        "step_count": len(steps),
        "step_p50_s": rounded(percentile(steps, 50)),
        "step_p95_s": rounded(percentile(steps, 95)),
        "step_p99_s": rounded(percentile(steps, 99)),
        "step_max_s": rounded(max(steps) if steps else None),
        "by_step_p50_s": {k: rounded(percentile(v, 50)) for k, v in steps_by_name.items()},
        "by_step_p95_s": {k: rounded(percentile(v, 95)) for k, v in steps_by_name.items()},
        "server_cpu_s": rounded(cpu),
        "server_cpu_ms_per_step": rounded(cpu * 1000 / len(all_steps), 1)
        if cpu is not None and all_steps
        else None,
        "generator_cpu_s": rounded(extra["generator_cpu_s"]),
        "server_rss_before_mb": rounded(rss_before / 1024 if rss_before else None, 1),
        "server_rss_after_mb": rounded(rss_after / 1024 if rss_after else None, 1),
        "server_mb_per_session": rounded(per_session_mb),
        "pdf_kb_p50": rounded(
            percentile([r.pdf_bytes / 1000 for r in results if r.pdf_bytes], 50), 1
        ),
        "uploads_loaded": sum(r.uploaded for r in results),
        "replicas_per_session": sorted({len(r.replicas) for r in results}),
        "replicas_seen": sorted({name for r in results for name in r.replicas}),
        "replica_answers_min": min((r.replica_answers for r in results), default=0),
    }


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
    sources: bool = False,
) -> dict:
    """Run ``sessions`` concurrent virtual users against ``url``; return the figures.

    ``step_log``: the server's own run log (scripts/step_clock.py), when it keeps one.
    ``sources``: each user connects from a loopback address of their own (behind a proxy
    that limits each address, as people come from theirs).
    """
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be between 1 and {MAX_SESSIONS}")
    check_url(url)
    results, extra = run_coroutine(
        lambda: asyncio.wait_for(
            _level(url, sessions, think, ramp, pids, seed, lang, warmup, sources), limit_s
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
