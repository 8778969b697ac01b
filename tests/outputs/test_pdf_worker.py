"""The summary PDF is built in a helper process, and a failed helper never loses a PDF."""

from __future__ import annotations

import os
import re

import pytest

from clientcheck.outputs import pdf, pdf_worker
from tests.support.summary_data import summary_input


def same_document(a: bytes, b: bytes) -> bool:
    """Equal files, once the creation time (to the second) and the file id from it are left out."""
    stamp = re.compile(rb"/CreationDate \(D:\d+Z\)|/ID \[<[0-9A-F]+><[0-9A-F]+>\]")
    return stamp.sub(b"", a) == stamp.sub(b"", b)


@pytest.fixture
def helper():
    pdf_worker.stop()
    yield
    pdf_worker.stop()


def test_the_pdf_is_built_in_another_process_and_is_the_same_file(helper):
    data = summary_input("fr")
    pid = pdf_worker.helper_pid()
    assert pid is not None and pid != os.getpid()
    # It yields to the server (and, in tests, the browsers) when both want a core.
    assert os.getpriority(os.PRIO_PROCESS, pid) > os.getpriority(os.PRIO_PROCESS, 0)
    built = pdf_worker.summary_pdf(data)
    assert built.startswith(b"%PDF")
    assert same_document(built, pdf.summary_pdf(data))
    assert pdf_worker.helper_pid() == pid  # one helper, kept for the next PDF


def test_a_dead_helper_costs_one_slower_pdf_never_a_missing_one(helper):
    data = summary_input("en")
    first = pdf_worker.helper_pid()
    assert first is not None
    for process in pdf_worker._pool._processes.values():
        process.kill()
        process.join(5)
    assert same_document(pdf_worker.summary_pdf(data), pdf.summary_pdf(data))
    second = pdf_worker.helper_pid()  # the next PDF has a new helper
    assert second is not None and second != first
    assert pdf_worker.summary_pdf(data).startswith(b"%PDF")


def test_with_the_helper_switched_off_pdfs_are_built_in_the_server(helper, monkeypatch):
    monkeypatch.setenv("CLIENTCHECK_PDF_WORKER", "0")
    assert pdf_worker.helper_pid() is None
    assert pdf_worker._pool is None
    assert pdf_worker.summary_pdf(summary_input("en")).startswith(b"%PDF")


def test_the_helper_never_runs_the_app_script(helper, tmp_path, monkeypatch):
    """While Streamlit runs the app, ``sys.modules["__main__"]`` is the app script: a helper
    spawned then would run the whole app again, without a session (a flood of "missing
    ScriptRunContext" warnings, and a second or so of CPU) before its first PDF."""
    import sys
    import types

    marker = tmp_path / "ran"
    script = tmp_path / "app_like.py"
    script.write_text(f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    fake = types.ModuleType("__main__")
    fake.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake)
    assert pdf_worker.helper_pid() is not None
    assert not marker.exists(), "the helper ran the script Streamlit was running"
    assert sys.modules["__main__"] is fake  # put back as it was
