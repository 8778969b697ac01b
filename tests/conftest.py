"""Run the real-browser tests last, and keep each xdist group on one worker.

Playwright's sync API keeps an event loop running in the test process once a browser is
open, so code that starts its own loop (``asyncio.run``, the protocol load tests,
Streamlit's AppTest) must run before it; pytest's default order would put tests/browser/
first. Under xdist each worker runs its tests in this order too: ``--no-loadscope-reorder``
(pyproject.toml) keeps pytest-xdist from handing out the largest groups first.

Among the other tests and among the browser tests the grouped ones come first: each
group is one long unit of work (the HAProxy stacks, the questionnaire's walks in
tests/browser/walks.py), better started early than left for the end of the run, when one
worker would do it while the other waits.
"""

from __future__ import annotations

import gc
import os

import pytest

from tests.support.servers import chromium_executable
from tests.support.tools import required

# A fault while drawing a page shows the user a message and a way on (app.py,
# layout.page_fault); under the tests it is raised instead, so that AppTest and the
# browser tests see it as the failure it is (tests/ui/test_app_fault.py unsets this).
os.environ.setdefault("CLIENTCHECK_RAISE_PAGE_FAULTS", "1")


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: one test worker per core.

    One worker more than the cores was faster on 6 December (2 cores, the parallel pass:
    244 s with 2 workers, 230 and 233 s with 3), while a browser test still waited on
    Chromium and the app's server. With today's suite the pass is CPU-bound and a third
    worker only competes (7 December, fresh clone: 342 s with 2 workers, 365 s with 3; in
    the working copy 324 s and 361 s). ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still sets the
    count (pytest-xdist reads it).
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores


@pytest.hookimpl(trylast=True)  # after pytest-xdist's own hook (see _keep_groups_together)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def order(item: pytest.Item) -> tuple[bool, bool]:
        browser = "tests/browser/" in item.nodeid.replace("\\", "/")
        return (browser, item.get_closest_marker("xdist_group") is None)

    items.sort(key=order)
    if getattr(config.option, "loadgroup", False):  # a test worker under --dist loadgroup
        _keep_groups_together(items)


def _keep_groups_together(items: list[pytest.Item]) -> None:
    """Give each test marked ``xdist_group(name)`` the test id suffix ``@name``.

    ``--dist loadgroup`` sends the tests whose ids end with the same ``@name`` to one
    worker, so that a costly module-scoped fixture (an accessibility walk, the privacy
    assessment, a HAProxy stack) is set up once. pytest-xdist 3.8 adds the suffix by
    writing ``item._nodeid``, which pytest 9.2 no longer reads (its test ids are
    structured, in ``item._id``): the groups were silently spread over the workers and
    each worker set the fixture up again (pytest-xdist issue #1386). Until pytest-xdist
    handles it, this hook adds the suffix where pytest reads it, and stops the run if it
    cannot (each of the group's tests then fails with the reason): a silent fallback
    costs a minute of every run.
    """
    for item in items:
        names = sorted(
            {
                str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                for mark in item.iter_markers("xdist_group")
            }
        )
        if not names:
            continue
        suffix = "@" + "_".join(names)
        if item.nodeid.endswith(suffix):  # pytest-xdist did it
            continue
        if hasattr(item, "_id"):  # pytest 9.2
            item._id = type(item._id).parse(item.nodeid + suffix)
        else:
            item._nodeid = item.nodeid + suffix
        if not item.nodeid.endswith(suffix):
            item.stash[_UNGROUPED] = (
                f"pytest no longer takes the xdist group {suffix} in this test's id, so the"
                " group's tests are spread over the workers: see _keep_groups_together in"
                " tests/conftest.py"
            )


_UNGROUPED = pytest.StashKey[str]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Collect the garbage less often in the test processes.

    After collection a test worker holds the question bank, the calibration set and every
    test module; Python's default garbage collector walks them again and again as the
    tests allocate (caches of assessments, AppTest runs, Playwright's messages). Frozen,
    they are no longer walked, and a larger first generation runs the collector about 70
    times less often. The fast tests took 66-69 s instead of 72-75 s (two workers, 7
    December), and 85-87 s instead of 90-93 s in four runs taken in turn on a slower hour;
    the largest worker grew from 392 to 403 MB.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if _UNGROUPED in item.stash:
        pytest.fail(item.stash[_UNGROUPED], pytrace=False)


# Chromium for the browser tests (tests/browser/) and the browser load smoke test (tests/load/).
@pytest.fixture(scope="session")
def chromium_path() -> str:
    missing = (
        "Chromium not found: install it (apt-get install chromium-headless-shell, or chromium)"
        " or set CHROMIUM_PATH"
    )
    return required(chromium_executable(), missing, "the browser tests")
