"""Benchmark parts (d) and (e): the two load tools side by side, and the proof under abuse
(scripts/bench.py --load N, --abuse N)."""

from __future__ import annotations

from scripts.bench_table import Row, cell, optional_module

# The two load tools agree when their server-side step latencies (median), both read from
# the server's own clock (scripts/step_clock.py), are within this margin of each other:
# 50 %, or 25 ms when both are small. Ten Chromium pages share the 2 cores with the
# server, which slows its runs; the protocol's virtual users barely load the machine.
AGREE_RATIO, AGREE_ABS_S = 1.5, 0.025


def _run_load_tool(name: str, sessions: int, **options) -> dict | str:
    """Run scripts/<name>.py's run_load(sessions); its figures, or why there are none."""
    module = optional_module(name)
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
    module = optional_module("load_abuse")
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
        print(f"  {label:<38} {cell(left):>10} | {cell(right):<10}")
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
