"""The app replicas the proxy and header tests share (test_proxy.py, test_security_headers.py).

Starting a replica costs about two seconds of a core: the two modules run on one test
worker (the xdist group "servers") and use one pair, started once. The last test of that
group (test_security_headers.py) stops one of them on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scripts.load_proxy import replicas as start_replicas


@pytest.fixture(scope="session")
def app_replicas() -> Iterator[list[tuple[str, int]]]:
    """Two app processes started by deploy/start.sh, as the container does, on loopback:
    (host:port, process id) each."""
    with start_replicas(2) as apps:
        yield apps
