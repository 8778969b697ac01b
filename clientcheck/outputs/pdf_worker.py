"""Build summary PDFs in a helper process, beside the Streamlit server rather than inside it.

Laying a summary out takes about 80 ms of pure Python. Inside the server that is 80 ms
during which the interpreter lock is shared with every other person's page: when many
people reach their results together, their pages wait on each other's PDFs. In one
helper process the PDF is built on the machine's other core instead.

One helper, so PDFs are still built one at a time (clientcheck/outputs/pdf/ shares its parsed
fonts). It starts when a results page is first shown, so it is ready before anyone
presses "Prepare". If it cannot start, dies or hangs, the PDF is built in the server as
before: slower, never missing. The document is handed over through a pipe and held in
memory only; nothing is written to disk.

Plain Python, no Streamlit. ``CLIENTCHECK_PDF_WORKER=0`` builds every PDF in-process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import sys
import threading
import types
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from clientcheck.outputs.summary import SummaryInput

LOG = logging.getLogger(__name__)
TIMEOUT_S = 60.0
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_warm: Future | None = None  # the helper's first job: loading fpdf2 and the fonts
_disabled_reason = ""


def enabled() -> bool:
    return os.environ.get("CLIENTCHECK_PDF_WORKER", "1") != "0" and not _disabled_reason


def _start_helper() -> None:
    """In the helper, first: yield to the server when both want a core."""
    try:
        os.nice(5)
    except (AttributeError, OSError):  # no nice() here: same priority, still correct
        pass


def _ready() -> int:
    """In the helper: load fpdf2 and parse the fonts once, before the first summary."""
    from clientcheck.outputs import pdf

    pdf.warm_up()
    return os.getpid()


def _build(data: SummaryInput) -> bytes:
    from clientcheck.outputs.pdf import summary_pdf

    return summary_pdf(data)


@contextmanager
def _no_main_script() -> Iterator[None]:
    """Start the helper with a main module that has no file.

    While Streamlit runs the app, ``sys.modules["__main__"]`` is the app script, and a
    "spawn" child imports the parent's main module first: the helper would run the whole
    app, without a session, before its first PDF. The swap lasts while the helper starts.
    """
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if saved is None:
            sys.modules.pop("__main__", None)
        else:
            sys.modules["__main__"] = saved


def _get() -> ProcessPoolExecutor | None:
    global _pool, _warm, _disabled_reason
    with _lock:
        if _pool is None and enabled():
            try:
                # "spawn": a fresh interpreter. Forking a server that runs threads can
                # copy a lock some other thread holds, and hang the child.
                context = multiprocessing.get_context("spawn")
                _pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=context, initializer=_start_helper
                )
                with _no_main_script():  # the first job starts the helper
                    _warm = _pool.submit(_ready)
            except (OSError, ValueError, RuntimeError, NotImplementedError) as exc:
                _pool, _warm = None, None
                _disabled_reason = f"{type(exc).__name__}: {exc}"
                LOG.warning("PDF helper process unavailable, building in-process: %s", exc)
        return _pool


def start() -> Future | None:
    """Start the helper if it is not running; its loading of fpdf2 and the fonts."""
    _get()
    return _warm


def helper_pid(timeout: float = TIMEOUT_S) -> int | None:
    """The helper's process id once it is ready (None: PDFs are built in-process)."""
    future = start()
    try:
        return future.result(timeout=timeout) if future is not None else None
    except (BrokenProcessPool, FutureTimeout, OSError):
        return None


def summary_pdf(data: SummaryInput) -> bytes:
    """The summary PDF's bytes, built by the helper process when it can be."""
    pool = _get()
    if pool is not None:
        try:
            future = pool.submit(_build, data)
        except (BrokenProcessPool, RuntimeError, OSError) as exc:  # the helper is gone
            _discard(pool, exc)
        else:
            try:
                return future.result(timeout=TIMEOUT_S)
            except (BrokenProcessPool, FutureTimeout, pickle.PicklingError) as exc:
                _discard(pool, exc)
    return _build(data)


def _discard(pool: ProcessPoolExecutor, exc: BaseException) -> None:
    """Drop a helper that failed: the next PDF starts a new one (this one is built here)."""
    global _pool, _warm
    LOG.warning("PDF helper process failed (%s: %s); building in-process", type(exc).__name__, exc)
    with _lock:
        if _pool is pool:
            _pool, _warm = None, None
    for process in list(getattr(pool, "_processes", {}).values()):  # a hung helper
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def stop() -> None:
    """Stop the helper (tests; the server's own exit stops it too)."""
    global _pool, _warm
    with _lock:
        pool, _pool, _warm = _pool, None, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
