"""Replicas behind HAProxy on loopback, as deploy/ runs them: for the proxy tests and the abuse run.

Each replica is started by ``deploy/start.sh`` (as the container does), with the same
cookie secret; HAProxy runs ``deploy/haproxy.cfg`` itself (or a copy of it) in front.
Everything listens on 127.0.0.1 and stops when the ``with`` block ends.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.servers import free_port, stop_server  # noqa: E402  (path above)

CONFIG = ROOT / "deploy" / "haproxy.cfg"
START = ROOT / "deploy" / "start.sh"


def haproxy_executable() -> str | None:
    return shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if Path(p).exists()), None
    )


def wait_healthy(url: str, process: subprocess.Popen, what: str, timeout: float = 60) -> None:
    import ssl

    # Over HTTPS, the tests' self-made certificate is not checked.
    context = ssl._create_unverified_context() if url.startswith("https:") else None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"{what} exited early:\n{out[-3000:]}")
        try:
            with urllib.request.urlopen(
                f"{url}/_stcore/health", timeout=2, context=context
            ) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not become healthy within {timeout:.0f} s")


@contextlib.contextmanager
def replicas(count: int = 2) -> Iterator[list[tuple[str, int]]]:
    """``count`` app processes started by deploy/start.sh; yields (host:port, pid) each."""
    secret = secrets.token_urlsafe(32)  # the same on every replica, as it must be
    processes, addresses = [], []
    try:
        for _ in range(count):
            port = free_port()
            env = {
                **os.environ,
                "PYTHON": sys.executable,  # the interpreter running this has the app
                "CLIENTCHECK_ADDRESS": "127.0.0.1",
                "CLIENTCHECK_PORT": str(port),
                "CLIENTCHECK_COOKIE_SECRET": secret,
            }
            processes.append(
                subprocess.Popen(
                    [str(START)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
                )
            )
            addresses.append(f"127.0.0.1:{port}")
        for process, address in zip(processes, addresses, strict=True):
            wait_healthy(f"http://{address}", process, "deploy/start.sh")
        yield [(a, p.pid) for a, p in zip(addresses, processes, strict=True)]
    finally:
        for process in processes:
            stop_server(process)


@contextlib.contextmanager
def proxy(
    haproxy: str,
    apps: list[str],
    config: Path = CONFIG,
    scheme: str = "http",
    pids: list[int] | None = None,
) -> Iterator[str]:
    """HAProxy with ``config`` in front of ``apps`` (host:port); yields its base URL.

    ``pids``: a list to which the proxy's process id is added.
    """
    port = free_port()
    env = {**os.environ, "CC_BIND": f"127.0.0.1:{port}", "CC_APP1": apps[0], "CC_APP2": apps[1]}
    process = subprocess.Popen(
        [haproxy, "-db", "-f", str(config)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"{scheme}://127.0.0.1:{port}"
    if pids is not None:
        pids.append(process.pid)
    try:
        wait_healthy(url, process, "haproxy", timeout=20)
        yield url
    finally:
        stop_server(process)


@dataclass
class Stack:
    url: str  # the proxy
    apps: list[str]  # the replicas, host:port
    pids: list[int]  # the replicas' processes
    proxy_pid: int


@contextlib.contextmanager
def stack(
    haproxy: str | None = None,
    config: Path = CONFIG,
    running: list[tuple[str, int]] | None = None,
) -> Iterator[Stack]:
    """Two replicas behind HAProxy, all on loopback.

    ``running``: two replicas already started (``replicas``' (host:port, pid) pairs), put
    behind a proxy of this stack's own and left running after it; else two new ones.
    """
    haproxy = haproxy or haproxy_executable()
    if haproxy is None:
        raise RuntimeError("HAProxy not found: install it (apt-get install haproxy)")
    proxy_pids: list[int] = []
    with contextlib.ExitStack() as started:
        apps = running if running is not None else started.enter_context(replicas(2))
        url = started.enter_context(proxy(haproxy, [a for a, _ in apps], config, pids=proxy_pids))
        yield Stack(url, [a for a, _ in apps], [p for _, p in apps], proxy_pids[0])
