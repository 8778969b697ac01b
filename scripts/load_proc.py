"""What the load tools share: the machine and the servers read from /proc, where they may
go, where finished sessions wait, what one session reports, and how figures are grouped
and rounded.

Shared by scripts/load.py (browsers), scripts/load_ws.py (protocol) and
scripts/load_abuse.py (an abusive client among normal ones).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def check_url(url: str) -> None:
    """Load tests run against this machine only."""
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK and not host.startswith("127."):
        raise ValueError("load tests run against loopback only (127.0.0.1 / localhost)")


def children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
    return kids


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (``pid`` first)."""
    todo, seen = [pid], []
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.append(current)
            todo += children(current)
    return seen


def tree_rss_kb(pids: Iterable[int]) -> int:
    """Resident memory of these processes and all their descendants, in KB (VmRSS)."""
    total = 0
    for pid in pids:
        for current in tree(pid):
            try:
                for line in Path(f"/proc/{current}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                continue
    return total


def tree_cpu_s(pids: Iterable[int]) -> float:
    """CPU time (user + system) used so far by these processes and their descendants."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for pid in pids:
        for current in tree(pid):
            try:
                fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
            except (OSError, IndexError, ValueError):
                continue
    return total


def machine_busy_s() -> float:
    """CPU time the whole machine spent busy (all cores), from /proc/stat, in seconds."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def load_average() -> tuple[float, float, float]:
    """The machine's load average over 1, 5 and 15 minutes (how busy it was)."""
    one, five, fifteen = os.getloadavg()
    return round(one, 2), round(five, 2), round(fifteen, 2)


class Gate:
    """Where finished sessions wait, still connected, until the server's memory is read."""

    def __init__(self) -> None:
        self.arrived = 0
        self.release = asyncio.Event()


def rounded(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def by_step(samples: Iterable[tuple[str, float]]) -> dict[str, list[float]]:
    """(step, seconds) pairs grouped by step name, names sorted."""
    grouped: dict[str, list[float]] = {}
    for name, seconds in samples:
        grouped.setdefault(name, []).append(seconds)
    return dict(sorted(grouped.items()))


@dataclass
class SessionResult:
    index: int
    ok: bool = False
    error: str = ""
    steps: list[tuple[str, float]] = field(default_factory=list)  # (step, seconds)
    replicas: set[str] = field(default_factory=set)  # X-Client-Check-Replica values seen
    replica_answers: int = 0  # responses that carried that header
    pdf_bytes: int = 0
    uploaded: bool = False
    # (step, time.time() at the message, time.time() at its end), for the server's clock
    windows: list[tuple[str, float, float]] = field(default_factory=list)
    session_id: str = ""
