"""Proof under abuse: normal users with and without one abusive client, through the proxy.

    python scripts/load_abuse.py --sessions 100            # two runs: without, then with
    python scripts/load_abuse.py --sessions 10 --think 0.5 --json

Two replicas run behind HAProxy, as deploy/ has them (scripts/load_proxy.py). In each
run, ``--sessions`` normal virtual users (scripts/load_user.py) do the whole assessment,
each from a loopback address of their own. In the second run one abusive client joins
them from a single address of its own: it opens hundreds of sessions, the first
``--abuse-burst`` of them all at once and then one more every ``--abuse-gap`` seconds
for as long as the normal users work (at most ``--abuse-sessions``), and every session
it gets reruns the page as fast as it can (the next rerun as soon as the last one
finished). A fresh proxy and fresh
replicas serve each run.

What it prints: the normal users' step p50/p95/p99 without and with the abuser and
their ratio (target: p95 within 1.5x), their completed sessions and errors, and for
the abuser: sessions tried, refused by the proxy (HTTP 429, its bilingual page), closed
by a replica for going over the websocket message budget (code 1008,
deploy/security.py), and the runs it got served. On a shared machine the figures are
noisy: the load average before each run is printed with them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# (Path above.)
from scripts.load_proc import check_url, load_average, machine_busy_s, tree_cpu_s  # noqa: E402
from scripts.load_proto import http, rerun_message  # noqa: E402
from scripts.load_proxy import stack  # noqa: E402
from scripts.load_ws import MAX_SESSIONS, _level, run_coroutine, summarise  # noqa: E402

ABUSER_SOURCE = "127.66.0.1"  # one address, apart from every normal user's
ABUSE_SESSIONS = 5000  # at most (about 10 a second while the normal users work)
ABUSE_BURST = 200  # sessions opened at once, at the start
ABUSE_GAP_S = 0.1  # then one more this often, while the normal users work
ABUSE_START_S = 5.0  # after the first normal users are in
P95_TARGET = 1.5  # with the abuser / without, normal users' step p95
THINK_S, RAMP_S = 5.0, 0.2
RUN_LIMIT_S = 900.0


@dataclass
class AbuseReport:
    tried: int = 0  # sessions the abuser tried to open
    refused: int = 0  # answered 429 by the proxy (page or websocket)
    opened: int = 0  # websockets it got
    closed_over_budget: int = 0  # closed by a replica: code 1008
    runs_served: int = 0  # runs of the app it got ("script finished")
    other: list[str] = field(default_factory=list)  # anything else, for the record
    refusal_page_bilingual: bool | None = None  # the 429 page said it in both languages
    cpu_s: float = 0.0  # the abuser's own CPU time (its process)


class Abuser:
    """One client, one address: opens sessions and reruns as fast as it can."""

    def __init__(self, url: str, sessions: int, burst: int, gap: float) -> None:
        self.url, self.sessions, self.burst, self.gap = url.rstrip("/"), sessions, burst, gap
        self.report = AbuseReport()

    async def run(self, stop: asyncio.Event) -> AbuseReport:
        tasks = []
        for i in range(self.sessions):
            if stop.is_set():
                break
            tasks.append(asyncio.create_task(self.session()))
            if i >= self.burst:
                try:
                    await asyncio.wait_for(stop.wait(), self.gap)
                except TimeoutError:
                    pass
        await asyncio.gather(*tasks)
        return self.report

    async def session(self) -> None:
        import websockets
        from websockets.exceptions import ConnectionClosed, InvalidStatus

        report = self.report
        report.tried += 1
        try:
            health = await http("GET", self.url + "/_stcore/health", source=ABUSER_SOURCE)
        except OSError as exc:
            report.other.append(f"health: {exc!r}"[:120])
            return
        if health.status == 429:
            report.refused += 1
            if report.refusal_page_bilingual is None:
                text = health.body.decode("utf-8", "replace")
                report.refusal_page_bilingual = "Too many requests" in text and "Trop de" in text
            return
        cookie = "; ".join(
            f"{k}={v}" for k, v in health.cookies().items()
        )  # the replica it was pinned to
        try:
            ws = await websockets.connect(
                "ws" + self.url[len("http") :] + "/_stcore/stream",
                subprotocols=["streamlit"],
                additional_headers={"Cookie": cookie} if cookie else {},
                max_size=None,
                open_timeout=30,
                ping_interval=None,
                proxy=None,
                local_addr=(ABUSER_SOURCE, 0),
            )
        except InvalidStatus as exc:
            if exc.response.status_code == 429:
                report.refused += 1
            else:
                report.other.append(f"websocket: HTTP {exc.response.status_code}")
            return
        except (OSError, TimeoutError) as exc:
            report.other.append(f"websocket: {exc!r}"[:120])
            return
        report.opened += 1
        try:
            await self.rerun_forever(ws)
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            if code == 1008:
                report.closed_over_budget += 1
            else:
                report.other.append(f"closed: {code}")
        finally:
            await ws.close()

    async def rerun_forever(self, ws) -> None:
        """Rerun the page, and again as soon as it finishes, until the socket closes."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = rerun_message([], "lang=en").SerializeToString()
        while True:
            await ws.send(message)
            while True:
                frame = await ws.recv()
                if isinstance(frame, bytes) and frame[:1]:
                    msg = ForwardMsg.FromString(frame)
                    if msg.WhichOneof("type") == "script_finished":
                        self.report.runs_served += 1
                        break


async def _run(url: str, pids: list[int], sessions: int, think: float, ramp: float, abuse):
    # The abuser is another machine: here, another process, so that its work does not
    # hold up the normal users' own event loop (their timings are theirs alone).
    child = None
    if abuse is not None:
        child = await asyncio.create_subprocess_exec(
            sys.executable, str(Path(__file__).resolve()), "--abuser", url,
            "--abuse-sessions", str(abuse["sessions"]), "--abuse-burst", str(abuse["burst"]),
            "--abuse-gap", str(abuse["gap"]),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
    try:
        results, extra = await _level(url, sessions, think, ramp, pids, 1, "en", True, sources=True)
    finally:
        report = None
        if child is not None:
            child.stdin.close()  # the normal users are done: the abuser stops
            out, _ = await child.communicate()
            report = AbuseReport(**json.loads(out.decode()))
    return results, extra, report


async def _abuse_until_told(url: str, sessions: int, burst: int, gap: float) -> AbuseReport:
    """The abuser's process: start after ABUSE_START_S, stop when stdin closes."""
    import threading

    loop, stop = asyncio.get_running_loop(), asyncio.Event()
    threading.Thread(
        target=lambda: (sys.stdin.read(), loop.call_soon_threadsafe(stop.set)), daemon=True
    ).start()
    try:
        await asyncio.wait_for(stop.wait(), ABUSE_START_S)
        report = AbuseReport()
    except TimeoutError:
        report = await Abuser(url, sessions, burst, gap).run(stop)
    report.cpu_s = round(time.process_time(), 2)
    return report


def one_run(sessions: int, think: float, ramp: float, abuse: dict | None) -> dict:
    """Fresh replicas and proxy; the normal users, with the abuser if ``abuse``."""
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be between 1 and {MAX_SESSIONS}")
    load = load_average()
    with stack() as s:
        ours = [*s.pids, s.proxy_pid]
        started, busy, cpu = time.monotonic(), machine_busy_s(), tree_cpu_s(ours)
        proxy_cpu, own_cpu = tree_cpu_s([s.proxy_pid]), time.process_time()
        results, extra, report = run_coroutine(
            lambda: asyncio.wait_for(_run(s.url, s.pids, sessions, think, ramp, abuse), RUN_LIMIT_S)
        )
        elapsed = time.monotonic() - started
        busy, cpu = machine_busy_s() - busy, tree_cpu_s(ours) - cpu
        proxy_cpu = tree_cpu_s([s.proxy_pid]) - proxy_cpu
        own_cpu = time.process_time() - own_cpu
    figures = summarise(sessions, results, extra)
    figures["load_average_before"] = load
    figures["run_s"] = round(elapsed, 1)
    figures["abuser"] = asdict(report) if report is not None else None
    # Where the machine's CPU went during the run: how busy it was with others' work.
    abuser_cpu = report.cpu_s if report is not None else 0.0
    figures["proxy_cpu_s"] = round(proxy_cpu, 1)
    figures["generator_cpu_s"] = round(own_cpu, 1)
    figures["others_cpu_share"] = round(
        max(0.0, busy - cpu - own_cpu - abuser_cpu) / (elapsed * (os.cpu_count() or 1)), 2
    )
    return figures


def run_abuse(
    sessions: int = 100,
    think: float = THINK_S,
    ramp: float = RAMP_S,
    abuse_sessions: int = ABUSE_SESSIONS,
    burst: int = ABUSE_BURST,
    gap: float = ABUSE_GAP_S,
) -> dict:
    """bench.py's entry point: the run without the abuser, then the run with it."""
    abuse = {"sessions": abuse_sessions, "burst": burst, "gap": gap}
    without = one_run(sessions, think, ramp, None)
    with_abuser = one_run(sessions, think, ramp, abuse)
    base, hit = without["step_p95_s"], with_abuser["step_p95_s"]
    return {
        "sessions": sessions,
        "think_s": think,
        "without": without,
        "with": with_abuser,
        "p95_ratio": round(hit / base, 2) if base and hit else None,
        "p95_target": P95_TARGET,
    }


def lines(r: dict) -> list[str]:
    """The figures, one line each."""
    out = []
    for label in ("without", "with"):
        f = r[label]
        out.append(
            f"{label + ' the abuser:':<20} {f['completed']}/{f['sessions']} completed, "
            f"{len(f['errors'])} errors; step p50 {f['step_p50_s']} s, p95 {f['step_p95_s']} s, "
            f"p99 {f['step_p99_s']} s; replicas' CPU {f['server_cpu_ms_per_step']} ms per step, "
            f"proxy {f['proxy_cpu_s']} s; other processes took {f['others_cpu_share']:.0%} of "
            f"the machine (load average before {f['load_average_before'][0]})"
        )
    a = r["with"]["abuser"]
    out.append(
        f"{'abuser:':<20} {a['tried']} sessions tried, {a['refused']} refused by the proxy "
        f"(429), {a['opened']} websockets opened, {a['closed_over_budget']} closed over budget "
        f"(1008), {a['runs_served']} runs served, {len(a['other'])} other outcomes; "
        f"its own CPU {a['cpu_s']} s"
    )
    verdict = "PASS" if r["p95_ratio"] is not None and r["p95_ratio"] <= P95_TARGET else "FAIL"
    out.append(
        f"{'normal users p95:':<20} {r['p95_ratio']}x without the abuser "
        f"(target <= {P95_TARGET}x): {verdict}"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100, help="normal users (100)")
    parser.add_argument("--think", type=float, default=THINK_S, help=f"mean pause ({THINK_S} s)")
    parser.add_argument("--ramp", type=float, default=RAMP_S, help=f"between arrivals ({RAMP_S} s)")
    parser.add_argument("--abuse-sessions", type=int, default=ABUSE_SESSIONS)
    parser.add_argument("--abuse-burst", type=int, default=ABUSE_BURST)
    parser.add_argument("--abuse-gap", type=float, default=ABUSE_GAP_S)
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    parser.add_argument("--abuser", metavar="URL", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.abuser:
        check_url(args.abuser)
        abuser = asyncio.run(
            _abuse_until_told(args.abuser, args.abuse_sessions, args.abuse_burst, args.abuse_gap)
        )
        print(json.dumps(asdict(abuser)))
        return 0
    report = run_abuse(
        args.sessions, args.think, args.ramp, args.abuse_sessions, args.abuse_burst, args.abuse_gap
    )
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    for line in lines(report):
        print(line)
    return 0 if report["p95_ratio"] is not None and report["p95_ratio"] <= P95_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
