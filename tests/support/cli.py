"""Run the command line in this process, as a test would run it in a shell: the same
arguments, working folder, standard input, output and exit status, without paying for a
new Python and fresh imports each time (one test keeps the real ``python -m clientcheck``)."""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from clientcheck.cli import main


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: bytes
    stderr: bytes


def run_cli(*args: str, cwd: Path, stdin: bytes | None = None) -> Done:
    """``python -m clientcheck *args`` run in ``cwd``, in this process."""
    out, err = io.BytesIO(), io.BytesIO()
    out_text = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    err_text = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    in_text = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = in_text, out_text, err_text
    try:
        with contextlib.chdir(cwd):
            try:
                status = main(list(args))
            except SystemExit as exit_:  # argparse's --help and usage errors
                status = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return Done(status, out.getvalue(), err.getvalue())
