"""Print how often the app's verdict agrees with independent judges (tests/calibration/).

    python scripts/calibration.py                    the figures, tuned and held-out parts
    python scripts/calibration.py --show-tuned       and each tuned situation it misses
    python scripts/calibration.py --fail-under 0.78  exit 1 when the tuned part is below

Exact: the verdict is among the judges' majority. One step: the nearest majority verdict
is one step away on keep < keep_boundaries < renegotiate < exit (let go and plan your exit
are the same step). Two apart: further. The held-out part is read only for its figure:
this script never lists its situations.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from clientcheck.bank.loader import default_bank  # noqa: E402
from clientcheck.engine import calibration  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-tuned", action="store_true", help="list the tuned misses")
    parser.add_argument("--fail-under", type=float, help="least exact share, tuned part")
    args = parser.parse_args()
    bank = default_bank()
    situations = calibration.load()
    rows = {True: [], False: []}
    batches: dict[str, list[int]] = {}
    missed = []
    for situation in situations:
        verdict, result = calibration.verdict_of(bank, situation)
        gap = calibration.distance(verdict, situation.majority)
        rows[situation.held_out].append(gap)
        batches.setdefault(situation.batch, []).append(gap)
        if gap and not situation.held_out:
            missed.append((situation, verdict, [r.rule_id for r in result.reasons], gap))
    tuned, held = calibration.figure(rows[False]), calibration.figure(rows[True])
    print(tuned.line("tuned"))
    print(held.line("held-out"))
    print(calibration.figure(rows[False] + rows[True]).line("all"))
    print("by batch (both parts):")
    for batch, gaps in sorted(batches.items()):
        print("  " + calibration.figure(gaps).line(f"batch {batch}"))
    print("each judge against the other two (the ceiling):")
    for judge, fig in calibration.judge_agreement(situations).items():
        print("  " + fig.line(judge))
    second = calibration.second_translations()
    for line in calibration.repeatability(bank, situations, second).lines():
        print(line)
    print(f"median questions asked: {calibration.median_questions(bank, situations):g}")
    if args.show_tuned:
        for situation, verdict, rules, gap in missed:
            votes = ", ".join(situation.verdicts.values())
            print(f"\n{situation.id} ({gap} step{'s' * (gap > 1)}): app {verdict} {rules}")
            print(f"  judges: {votes}")
            print(f"  {situation.text}")
    if args.fail_under is not None and tuned.exact_share < args.fail_under:
        print(f"FAIL: tuned part {tuned.exact_share:.0%} exact, under {args.fail_under:.0%}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
