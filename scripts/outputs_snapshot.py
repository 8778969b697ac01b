"""Write every output the app gives for the scenario and calibration sets into one folder.

Used to prove a refactor changes nothing a user sees: run it before and after, then
compare the two folders (``diff -r before after``). It goes through the command line
(``python -m clientcheck report``), which stays the same whatever the modules are called.

    python scripts/outputs_snapshot.py /tmp/before
    ... refactor ...
    python scripts/outputs_snapshot.py /tmp/after && diff -r /tmp/before /tmp/after

For each situation and language: the JSON report, the Markdown summary with the suggested
drafts in each tone, and the text of the PDF summary.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ASSESSED_ON = "2026-11-28"


def situations() -> dict[str, dict]:
    """Every named set of answers: tests/scenarios/*.toml and tests/calibration answers."""
    found: dict[str, dict] = {}
    for path in sorted((ROOT / "tests" / "scenarios").glob("*.toml")):
        for i, scenario in enumerate(tomllib.loads(path.read_text("utf-8"))["scenario"]):
            found[f"scenario-{path.stem}-{i:02d}"] = scenario["answers"]
    calibration = ROOT / "tests" / "calibration" / "answers"
    for path in sorted(calibration.glob("*.toml")) if calibration.is_dir() else ():
        for entry in tomllib.loads(path.read_text("utf-8")).get("situation", []):
            found[f"calibration-{entry['id']}"] = entry["answers"]
    return found


def run_cli(argv: list[str]) -> bytes:
    from clientcheck.cli import main

    out = io.BytesIO()
    wrapper = io.TextIOWrapper(out, encoding="utf-8")
    with contextlib.redirect_stdout(wrapper), contextlib.redirect_stderr(io.StringIO()):
        status = main(argv)
        wrapper.flush()
    if status != 0:
        raise SystemExit(f"clientcheck {' '.join(argv)} exited {status}")
    return out.getvalue()


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n\f\n".join(page.extract_text() or "" for page in reader.pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write (created)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF text (faster)")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    answers_file = args.folder / "_answers.json"
    for name, answers in situations().items():
        document = {
            "format": "client-check/assessment",
            "schema_version": 3,
            "language": "en",
            "saved_on": ASSESSED_ON,
            "client": {"name": "Northwind", "notes": ""},
            "assessed_on": ASSESSED_ON,
            "answers": answers,
        }
        answers_file.write_text(json.dumps(document), encoding="utf-8")
        for lang in ("en", "fr"):
            base = ["report", str(answers_file), "--lang", lang, "-o", "-"]
            out = args.folder / f"{name}.{lang}"
            report = run_cli([*base, "--format", "json"])
            out.with_suffix(f".{lang}.json").write_bytes(report)
            for tone in ("warm", "neutral", "firm"):
                md = run_cli([*base, "--format", "md", "--drafts", "--tone", tone])
                out.with_suffix(f".{lang}.{tone}.md").write_bytes(md)
            if not args.no_pdf:
                text = pdf_text(run_cli([*base, "--format", "pdf", "--drafts"]))
                out.with_suffix(f".{lang}.pdf.txt").write_text(text, encoding="utf-8")
    answers_file.unlink()
    print(f"wrote {len(list(args.folder.iterdir()))} files to {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
