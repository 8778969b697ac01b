"""Servers started for a test or a tool: Streamlit on a free loopback port, and where Chromium is.

Playwright cannot download its own browsers here, so the browser tests and tools use
Debian's build of Chromium's headless shell (``apt-get install chromium-headless-shell``:
the build Playwright itself runs headless, about 8 % less CPU over the test run than the
full browser), else Debian's Chromium (``apt-get install chromium``), or ``$CHROMIUM_PATH``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    # Chromium's new headless mode still builds each window's address-bar popups (WebUI
    # pages in a renderer of their own): about half a second of CPU per new page, for
    # nothing a test looks at.
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup",
]


def chromium_executable() -> str | None:
    """Find a Chromium binary: $CHROMIUM_PATH, Debian's headless shell, Debian's Chromium,
    or Chromium on PATH."""
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium-headless-shell",
        "/usr/bin/chromium",
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


STEP_CLOCK = ROOT / "scripts" / "step_clock.py"


def streamlit_command(script: Path | str, port: int, step_log: Path | None = None) -> list[str]:
    """The command that serves ``script`` headless on a loopback port, watching no files.

    With ``step_log``, the server writes each run's arrival and end there
    (scripts/step_clock.py: the load tools' shared server clock).
    """
    start = [str(STEP_CLOCK), str(step_log)] if step_log else ["-m", "streamlit"]
    return [
        sys.executable, *start, "run", str(script),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip


def start_server(
    script: Path | str = ROOT / "app.py",
    *,
    cwd: Path = ROOT,
    env: dict | None = None,
    port: int | None = None,
    step_log: Path | None = None,
):
    """Start ``streamlit run script`` on a loopback port (a free one by default).

    Return (process, base URL).
    """
    port = port or free_port()
    cmd = streamlit_command(script, port, step_log)
    process = subprocess.Popen(
        cmd,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    # Drain the server's output in memory so its pipe never fills up (and nothing hits disk).
    process.log = deque(maxlen=200)
    threading.Thread(target=_drain, args=(process,), daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            time.sleep(0.2)
            raise RuntimeError("streamlit exited early:\n" + "".join(process.log))
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("streamlit did not become healthy within 60 s")


def _drain(process: subprocess.Popen) -> None:
    assert process.stdout is not None
    for line in iter(process.stdout.readline, b""):
        process.log.append(line.decode(errors="replace"))


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    if process.stdout:
        process.stdout.close()
