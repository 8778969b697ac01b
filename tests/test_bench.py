"""The benchmark's own steps still drive the app: a change in the app that breaks them
fails here, not in CI's last step (scripts/bench.py times them; nothing is timed here)."""

from __future__ import annotations

from scripts.bench_device import bench_device
from scripts.bench_steps import BaselineSteps, ClientCheckSteps
from scripts.bench_table import Row, print_table


def test_every_timed_step_runs_on_the_app_and_the_baseline():
    app = ClientCheckSteps()
    for step in ("answer", "next", "results"):
        assert getattr(app, step)() > 0
    baseline = BaselineSteps()
    assert baseline.answer() > 0 and baseline.next() > 0


def test_the_device_figures_load_back_ten_full_clients():
    figures = bench_device()
    assert figures["device_kb"] > 10  # ten clients with every question answered


def test_the_table_prints_a_verdict_per_row(capsys):
    print_table([Row("a", 2.0, 1.0, target=1.5), Row("b", 1.0, target=5.0), Row("c", None)])
    out = capsys.readouterr().out.splitlines()
    assert out[2].rstrip().endswith("FAIL") and out[3].rstrip().endswith("PASS")
    assert out[4].rstrip().endswith("-")
