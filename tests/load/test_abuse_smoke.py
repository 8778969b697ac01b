"""Smoke version of the abuse run (scripts/load_abuse.py): an abusive client among normal users.

Two replicas behind deploy/haproxy.cfg; three people do the whole assessment, each from an
address of their own, while one client from one address opens hundreds of sessions and
reruns as fast as it can. The people all finish, untouched; the abuser is refused. The
timing figures (normal users' p95 with and without the abuser) come from
``scripts/bench.py --abuse N``, not from a test.
"""

from __future__ import annotations

import pytest

from deploy.security import BURST, PER_SECOND
from scripts.load_abuse import one_run
from scripts.load_proxy import haproxy_executable
from tests.support.tools import HAPROXY_MISSING, required

# The run is one module fixture: both tests on one test worker (the load pass may run in
# parallel with the browser load smoke, tests/load/test_browser_load_smoke.py).
pytestmark = [pytest.mark.load, pytest.mark.xdist_group("abuse")]

PEOPLE = 3


@pytest.fixture(scope="module")
def run() -> dict:
    required(haproxy_executable(), HAPROXY_MISSING, "the abuse smoke test")
    # The people's pace fits the replicas' message budget (deploy/security.py) with room
    # to spare (a whole assessment is fewer messages than its burst); the abuser starts
    # five seconds in and knocks ten times a second for as long as they work (about
    # twelve seconds at these short pauses: some 210 tries, 60 more than its first burst).
    return one_run(PEOPLE, 0.05, 0.2, {"sessions": 2000, "burst": 150, "gap": 0.1})


def test_the_people_all_finish_while_the_abuser_knocks(run):
    assert run["errors"] == []
    assert run["completed"] == PEOPLE
    assert run["uploads_loaded"] == PEOPLE
    assert run["abuser"]["tried"] > 150  # it kept trying while they worked


def test_the_abuser_is_refused_not_served(run):
    abuser = run["abuser"]
    # Almost every session it tried was refused at the proxy, with the bilingual page.
    assert abuser["refused"] >= 0.9 * abuser["tried"]
    assert abuser["refusal_page_bilingual"] is True
    # The few websockets it got before the proxy marked it were all closed by the
    # replicas for going over the message budget...
    assert 0 < abuser["opened"] <= 20
    assert abuser["closed_over_budget"] == abuser["opened"]
    # ...after at most about one budget per replica (60 at once, 5 a second after).
    assert abuser["runs_served"] <= 2 * (BURST + 10 * PER_SECOND)
    assert not [o for o in abuser["other"] if not o.startswith(("health:", "websocket:"))]
