"""How fast Client Check is, next to a plain Streamlit page of the same shape.

    .venv/bin/python scripts/bench.py [--runs 30] [--cold 3] [--load N] [--strict]
    .venv/bin/python scripts/bench.py --quick     # CI: fewer runs, prints, never fails on a target

Measured in the same run, so the machine's speed cancels out of the ratios:

(a) server time of one step on a sign page -- an answer changed, Next clicked --
    for Client Check and for scripts/baseline_app.py (the same visible widgets
    plus a Plotly radar), with Streamlit's AppTest in this process: the time of
    one script rerun with the widget change, median of --runs after a warm-up;
(b) cold start: ``streamlit run`` as a subprocess until Chromium shows the first
    page's title, median of --cold;
(c) PDF / Markdown build time and PDF size, from scripts/bench_exports.py when
    it exists; the size of the copy autosave keeps on the device for 10 full clients,
    from scripts/bench_device.py (the step sessions of (a) run with autosave on, and
    one of them holds those 10 clients);
(d) --load N: the load tests, N real browsers (scripts/load.py) and N protocol-level
    sessions (scripts/load_ws.py), their figures side by side; both read each step's
    server-side latency from the server's own clock (scripts/step_clock.py) and are
    said to agree within AGREE_RATIO or AGREE_ABS_S;
(e) --abuse N: proof under abuse (scripts/load_abuse.py): N normal users through
    HAProxy and two replicas, without and then with one abusive client; their step p95
    with the abuser against without (target <= 1.5x), and the abuser refused.

Prints a table: figure, Client Check, baseline, ratio, target, PASS/FAIL.
With --strict the exit status is 1 when a figure misses its target (for a quiet
machine: on a shared one the figures are noisy). --quick takes 10 runs and one cold
start, for CI, which prints the figures without failing on them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench_load import bench_abuse, bench_load  # noqa: E402
from scripts.bench_steps import bench_cold_start, bench_steps  # noqa: E402
from scripts.bench_table import Row, first, optional_module, print_table  # noqa: E402

PDF_MS, PDF_KB, MARKDOWN_MS = 100.0, 60.0, 5.0  # a full assessment with three drafts
DEVICE_KB, DEVICE_MS = 500.0, 10.0  # device copy of 10 full clients: size, build time


def bench_exports() -> list[Row]:
    module = optional_module("bench_exports")
    if module is None or not hasattr(module, "bench_exports"):
        return [Row("exports (PDF, Markdown)", None, note="skipped: no scripts/bench_exports.py")]
    try:
        figures = module.bench_exports()
    except Exception as exc:  # another module's bug should not hide the other figures
        return [Row("exports (PDF, Markdown)", None, note=f"error: {exc!r}"[:60])]
    print(f"bench_exports() -> {figures}")
    pdf_ms = first(figures, "pdf_ms", "pdf_build_ms", "pdf_time_ms")
    md_ms = first(figures, "markdown_ms", "md_ms", "markdown_build_ms", "md_build_ms")
    pdf_kb = first(figures, "pdf_kb", "pdf_size_kb")
    if pdf_kb is None and (size := first(figures, "pdf_bytes", "pdf_size_bytes", "pdf_size")):
        pdf_kb = size / 1000
    return [
        Row("PDF summary build", pdf_ms, target=PDF_MS),
        Row("PDF summary size", pdf_kb, unit="KB", target=PDF_KB),
        Row("Markdown summary build", md_ms, target=MARKDOWN_MS),
    ]


def bench_device() -> list[Row]:
    module = optional_module("bench_device")
    if module is None:
        return [Row("device copy (autosave)", None, note="skipped: no scripts/bench_device.py")]
    figures = module.bench_device()
    print(f"bench_device() -> {figures}")
    return [
        Row(
            "device copy, 10 full clients: size", figures["device_kb"], unit="KB", target=DEVICE_KB
        ),
        Row("device copy, 10 full clients: build", figures["device_build_ms"], target=DEVICE_MS),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed reruns per step (>= 30)")
    parser.add_argument("--cold", type=int, default=3, help="cold starts per app")
    parser.add_argument(
        "--load", type=int, metavar="N", help="also run scripts/load.py and scripts/load_ws.py"
    )
    parser.add_argument(
        "--abuse", type=int, metavar="N", help="also the abuse run (scripts/load_abuse.py)"
    )
    parser.add_argument("--skip-cold", action="store_true", help="no browser cold starts")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--quick", action="store_true", help="10 runs and 1 cold start (CI: about a minute)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.cold = min(args.runs, 10), 1

    rows = bench_steps(args.runs)
    if not args.skip_cold:
        rows += bench_cold_start(args.cold)
    rows += bench_exports()
    rows += bench_device()
    if args.load:
        rows += bench_load(args.load)
    if args.abuse:
        rows += bench_abuse(args.abuse)
    print()
    print_table(rows)
    return 1 if args.strict and any(row.verdict == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
