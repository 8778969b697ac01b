"""Two replicas behind HAProxy, run with the project's own deploy/haproxy.cfg on loopback.

With cookie affinity every protocol-level session (page, websocket, PDF download,
answers upload) completes on one replica. The same run with the affinity line taken
out of the config shows what affinity prevents: sessions fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.load_proxy import CONFIG, START, haproxy_executable, proxy
from scripts.load_ws import run_level
from tests.support.tools import HAPROXY_MISSING, required

# A functional check, not a measurement: it runs in the parallel pass. The
# HAProxy stacks' tests (test_proxy.py, test_security_headers.py) share one worker, which
# runs them first while the other worker runs tests that keep a core busy (the stacks
# spend much of their time starting and waiting); their two replicas start once.
pytestmark = pytest.mark.xdist_group("servers")

AFFINITY_LINE = '    cookie CCSRV insert indirect nocache httponly attr "SameSite=Lax"\n'
# Four sessions: the round robin gives each replica two, and without affinity at least half
# of them break (six took 16 s of a test worker for the two runs; four, about a third less).
SESSIONS = 4


@pytest.fixture(scope="module")
def haproxy() -> str:
    return required(haproxy_executable(), HAPROXY_MISSING, "the proxy test")


@pytest.fixture(scope="module")
def replicas(haproxy, app_replicas) -> list[str]:
    """Two app processes started by deploy/start.sh, as the container does (conftest.py)."""
    return [address for address, _ in app_replicas]


def run_through(haproxy: str, config: Path, apps: list[str]) -> dict:
    # Sessions come from addresses of their own, as people do (the proxy limits each
    # address), each step as soon as the last one ended: the replicas' message budget
    # allows it (deploy/security.py: a whole assessment is fewer messages than its burst).
    with proxy(haproxy, apps, config) as url:
        return run_level(
            SESSIONS, url, [], think=0.0, ramp=0.05, seed=7, limit_s=180, warmup=False,
            sources=True,
        )  # fmt: skip


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
    shutil.copytree(CONFIG.parent / "errors", tmp_path / "errors")  # its error pages
    report = run_through(haproxy, config, replicas)
    assert report["completed"] < SESSIONS
    assert len(report["errors"]) >= SESSIONS // 2
    assert max(report["replicas_per_session"]) == 2  # sessions were split across replicas
    # What breaks: a download or an upload reaches a replica that does not know the session.
    assert any(
        "404" in e or "400" in e or "no widget" in e or "not loaded" in e for e in report["errors"]
    ), report["errors"]
