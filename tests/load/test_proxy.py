"""Two replicas behind HAProxy, run with the project's own deploy/haproxy.cfg on loopback.

With cookie affinity every protocol-level session (page, websocket, PDF download,
answers upload) completes on one replica. The same run with the affinity line taken
out of the config shows what affinity prevents: sessions fail.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.load_ws import run_level
from tests.support.servers import free_port, stop_server

pytestmark = pytest.mark.load

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "haproxy.cfg"
START = ROOT / "deploy" / "start.sh"
AFFINITY_LINE = '    cookie CCSRV insert indirect nocache httponly attr "SameSite=Lax"\n'
SESSIONS = 6


def haproxy_executable() -> str | None:
    return shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if Path(p).exists()), None
    )


@pytest.fixture(scope="module")
def haproxy() -> str:
    path = haproxy_executable()
    if path is None:
        message = "HAProxy not found: install it (apt-get install haproxy)"
        if os.environ.get("CI"):
            pytest.fail(message + " — CI must run the proxy test")
        pytest.skip(message)
    return path


def wait_healthy(url: str, process: subprocess.Popen, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"{what} exited early:\n{out[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not become healthy within {timeout:.0f} s")


@pytest.fixture(scope="module")
def replicas(haproxy) -> Iterator[list[str]]:
    """Two app processes started by deploy/start.sh, as the container does, on loopback."""
    secret = secrets.token_urlsafe(32)  # the same on both replicas, as it must be
    processes, addresses = [], []
    try:
        for _ in range(2):
            port = free_port()
            env = {
                **os.environ,
                "PYTHON": sys.executable,  # the interpreter running the tests has the app
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
        yield addresses
    finally:
        for process in processes:
            stop_server(process)


def start_proxy(haproxy: str, config: Path, apps: list[str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "CC_BIND": f"127.0.0.1:{port}",
        "CC_APP1": apps[0],
        "CC_APP2": apps[1],
    }
    process = subprocess.Popen(
        [haproxy, "-db", "-f", str(config)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, process, "haproxy", timeout=20)
    return process, url


def run_through(haproxy: str, config: Path, apps: list[str]) -> dict:
    process, url = start_proxy(haproxy, config, apps)
    try:
        return run_level(
            SESSIONS, url, [], think=0.05, ramp=0.05, seed=7, limit_s=180, warmup=False
        )
    finally:
        stop_server(process)


def test_the_start_script_refuses_to_start_without_a_cookie_secret():
    env = {k: v for k, v in os.environ.items() if k != "CLIENTCHECK_COOKIE_SECRET"}
    result = subprocess.run([str(START)], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "CLIENTCHECK_COOKIE_SECRET" in result.stderr


def test_the_config_is_valid(haproxy):
    env = {**os.environ, "CC_BIND": "127.0.0.1:1", "CC_APP1": "127.0.0.1:2", "CC_APP2": "x:3"}
    result = subprocess.run(
        [haproxy, "-c", "-f", str(CONFIG)], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_with_affinity_every_session_completes_on_one_replica(haproxy, replicas):
    report = run_through(haproxy, CONFIG, replicas)
    assert report["errors"] == []
    assert report["completed"] == SESSIONS
    assert report["uploads_loaded"] == SESSIONS
    assert report["pdf_kb_p50"] and report["pdf_kb_p50"] > 5
    # Page, websocket, PDF, answers file and upload each named the replica that answered:
    assert report["replica_answers_min"] >= 5
    assert report["replicas_per_session"] == [1]  # ...and it was always the same one,
    assert report["replicas_seen"] == ["app1", "app2"]  # while both replicas took sessions.


def test_without_affinity_sessions_break(haproxy, replicas, tmp_path):
    text = CONFIG.read_text(encoding="utf-8")
    assert text.count(AFFINITY_LINE) == 1, "the affinity line moved: update this test"
    config = tmp_path / "haproxy-no-affinity.cfg"
    config.write_text(text.replace(AFFINITY_LINE, ""), encoding="utf-8")
    report = run_through(haproxy, config, replicas)
    assert report["completed"] < SESSIONS
    assert len(report["errors"]) >= SESSIONS // 2
    assert max(report["replicas_per_session"]) == 2  # sessions were split across replicas
    # What breaks: a download or an upload reaches a replica that does not know the session.
    assert any(
        "404" in e or "400" in e or "no widget" in e or "not loaded" in e for e in report["errors"]
    ), report["errors"]
