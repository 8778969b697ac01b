"""The first page after a cold start imports neither pandas nor pyarrow.

Streamlit looks for a data frame in each value of a component's data that is not text, a
number or a tuple, importing numpy, pandas and pyarrow to do so: a quarter to a third of
a second before the first page, on every cold start (scripts/bench.py: 1.96 s against
1.45 s for bare Streamlit, then 1.61 s). The page helper's tables go as JSON text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FIRST_PAGE = """
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=60)
at.run()
assert not at.exception, at.exception
assert at.title[0].value == "Client Check"
print(sorted(m for m in ("pandas", "pyarrow") if m in sys.modules))
"""


def test_the_welcome_page_imports_neither_pandas_nor_pyarrow():
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAGE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout
