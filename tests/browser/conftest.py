"""Real-browser fixtures: a Streamlit server on a free loopback port, and Chromium via Playwright.

Playwright cannot download its own browsers here, so the tests use Debian's
Chromium (``apt-get install chromium``). Without it the browser tests are
skipped on a developer's machine, and fail when ``CI`` is set.
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
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


# Servers started for this session: a failing browser test shows the end of their log,
# since the page itself only says that the (redacted) error "has been recorded in the logs".
_SERVERS: list[subprocess.Popen] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.failed and "app_url" in getattr(item, "fixturenames", ()):
        for process in _SERVERS:
            lines = list(getattr(process, "log", ()))[-80:]
            if lines:
                report.sections.append(("streamlit server log (last lines)", "".join(lines)))
    return report


def chromium_executable() -> str | None:
    """Find a Chromium binary: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or on PATH."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
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


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium_executable()
    if path is None:
        message = "Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH"
        if os.environ.get("CI"):
            pytest.fail(message + " — CI must run the browser tests")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    process, url = start_server()
    _SERVERS.append(process)
    yield url
    _SERVERS.remove(process)
    stop_server(process)


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url: str):
    """A fresh browser context (its own Streamlit session) at desktop width."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, app_url: str):
    """A fresh browser context the size of a phone (390 px wide)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()
