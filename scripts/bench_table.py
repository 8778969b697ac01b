"""The benchmark's figures as rows of one table, and the hooks that load optional modules."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Row:
    figure: str
    value: float | None
    baseline: float | None = None
    unit: str = "ms"
    target: float | None = None  # upper bound on the ratio, or on the value if no baseline
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def verdict(self) -> str:
        measured = self.ratio if self.baseline else self.value
        if self.target is None or measured is None:
            return "-"
        return "PASS" if measured <= self.target else "FAIL"


def optional_module(name: str):
    """Import scripts/<name>.py if it exists, else None."""
    path = ROOT / "scripts" / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look the module up here
    spec.loader.exec_module(module)
    return module


def first(figures: dict, *keys: str) -> float | None:
    for key in keys:
        if isinstance(figures.get(key), int | float):
            return float(figures[key])
    return None


def cell(value) -> str:
    return "-" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:.1f} {unit}".strip()


def print_table(rows: list[Row]) -> None:
    header = ("figure", "Client Check", "baseline", "ratio", "target", "result")
    lines = []
    for row in rows:
        if row.target is None:
            target = "-"
        elif row.baseline:
            target = f"<= {row.target:g}x"
        else:
            target = f"<= {fmt(row.target, row.unit)}"
        lines.append(
            (
                row.figure,
                fmt(row.value, row.unit),
                fmt(row.baseline, row.unit),
                f"{row.ratio:.2f}x" if row.ratio is not None else "-",
                target,
                row.verdict if not row.note else row.note,
            )
        )
    widths = [max(len(str(line[i])) for line in (header, *lines)) for i in range(len(header))]
    for i, line in enumerate((header, *lines)):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)))
        if i == 0:
            print("  ".join("-" * width for width in widths))
