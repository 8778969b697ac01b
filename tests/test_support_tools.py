"""Test tooling: a missing outside tool skips its tests on a developer's machine and fails
them in CI; `-n auto` sizes the test workers to the machine."""

from __future__ import annotations

import pytest

from tests.support.tools import required


def test_a_found_tool_is_returned():
    assert required("/usr/bin/tool", "tool not found", "the tool tests") == "/usr/bin/tool"


def test_a_missing_tool_fails_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI must run the tool tests"):
        required(None, "tool not found", "the tool tests")


def test_a_missing_tool_is_skipped_on_a_developers_machine(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="tool not found"):
        required(None, "tool not found", "the tool tests")


def test_n_auto_runs_one_worker_per_core_unless_told_otherwise(monkeypatch):
    from tests.conftest import pytest_xdist_auto_num_workers

    monkeypatch.delenv("PYTEST_XDIST_AUTO_NUM_WORKERS", raising=False)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert pytest_xdist_auto_num_workers(None) == 2
    monkeypatch.setenv("PYTEST_XDIST_AUTO_NUM_WORKERS", "5")
    assert pytest_xdist_auto_num_workers(None) is None  # pytest-xdist reads it itself
