"""Every kind of response carries the security headers, through HAProxy and from a replica.

Two replicas (deploy/start.sh, which serves deploy/serve.py) behind deploy/haproxy.cfg,
on loopback. One virtual user does a whole assessment first, so that a session exists
with its PDF and its component scripts. Then: the page, a static script, a component's
script, the PDF (media), the health check, and the proxy's own refusal pages (413, 429)
are each checked for exactly the headers deploy/security.py names; HSTS only over TLS.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import ssl
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from deploy.security import HSTS, security_headers
from scripts.load_proc import tree
from scripts.load_proto import Response, http
from scripts.load_proxy import CONFIG, haproxy_executable, proxy, stack
from scripts.load_user import VirtualUser
from scripts.load_ws import run_coroutine
from tests.support.tools import HAPROXY_MISSING, required

# A functional check, not a measurement: it runs in the parallel pass. The
# HAProxy stacks' tests (test_proxy.py, test_security_headers.py) share one worker, which
# runs them first while the other worker runs tests that keep a core busy (the stacks
# spend much of their time starting and waiting); their two replicas start once
# (conftest.py).
pytestmark = pytest.mark.xdist_group("servers")

HEADERS = security_headers()


@pytest.fixture(scope="module")
def haproxy() -> str:
    return required(haproxy_executable(), HAPROXY_MISSING, "the proxy tests")


@pytest.fixture(scope="module")
def served(haproxy, app_replicas):
    """The stack (the shared replicas behind HAProxy), and one finished assessment on it:
    (stack, the virtual user)."""
    with stack(haproxy, running=app_replicas) as s:
        user = VirtualUser(s.url, 0, 0.0, 3, source="127.5.0.1")

        async def assess():
            try:
                await user.assessment()
            finally:
                await user.close()

        run_coroutine(assess)
        yield s, user


def headers_of(response: Response) -> dict[str, str]:
    return {k.lower(): v for k, v in response.headers}


def assert_secured(response: Response, what: str) -> None:
    got = headers_of(response)
    for name, value in HEADERS.items():
        assert got.get(name.lower()) == value, f"{what}: {name} is {got.get(name.lower())!r}"
    assert "strict-transport-security" not in got, f"{what}: HSTS over plain HTTP"


def get(url: str, cookies: dict[str, str] | None = None, **headers) -> Response:
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    return asyncio.run(http("GET", url, headers, source="127.5.0.2"))


def paths(user: VirtualUser) -> dict[str, str]:
    """One path of each kind of response."""
    index = get(user.base + "/").body.decode()
    script = re.search(r'src="\./(static/js/[^"]+\.js)"', index).group(1)
    return {
        "page": "/",
        "static script": "/" + script,
        "component script": "/_stcore/bidi-components/clientcheck.device/device.js",
        "health": "/_stcore/health",
        "PDF (media)": user.fetched["pdf|results"],
    }


def test_every_kind_of_response_through_the_proxy_has_the_headers(served):
    s, user = served
    assert user.result.uploaded and user.result.pdf_bytes > 0  # the whole assessment ran
    for what, path in paths(user).items():
        response = get(s.url + path, user.cookies)
        assert response.status == 200, (what, response.status)
        assert_secured(response, what)
    assert get(s.url + paths(user)["PDF (media)"], user.cookies).body.startswith(b"%PDF")


def test_every_kind_of_response_from_a_replica_itself_has_the_headers(served):
    """The replicas set them too: behind another proxy, or none, the app is covered."""
    s, user = served
    (replica,) = user.result.replicas  # the one the user's session lives on
    direct = "http://" + s.apps[int(replica.removeprefix("app")) - 1]
    for what, path in paths(user).items():
        response = get(direct + path)
        assert response.status == 200, (what, response.status)
        assert_secured(response, f"{what}, from {replica}")


def test_the_proxys_own_refusals_have_the_headers_and_say_it_in_both_languages(served):
    s, _ = served
    too_big = get(s.url + "/_stcore/upload_file/x/y", **{"Content-Length": "20000000"})
    assert too_big.status == 413
    assert_secured(too_big, "413")
    assert "too large" in too_big.body.decode() and "trop volumineux" in too_big.body.decode()

    async def knock() -> Response:
        # More websockets at once than any person opens: the address is then refused.
        import websockets

        sockets, last = [], None
        for _ in range(25):
            try:
                sockets.append(
                    await websockets.connect(
                        "ws" + s.url[4:] + "/_stcore/stream",
                        subprotocols=["streamlit"],
                        proxy=None,
                        local_addr=("127.5.0.3", 0),
                    )
                )
            except websockets.exceptions.InvalidStatus as refused:
                last = refused.response.status_code
        page = await http("GET", s.url + "/", source="127.5.0.3")
        for socket in sockets:
            await socket.close()
        assert last == 429
        return page

    refused = run_coroutine(knock)
    assert refused.status == 429
    assert_secured(refused, "429")
    text = refused.body.decode()
    assert "Too many requests" in text and "Trop de demandes" in text
    assert int(headers_of(refused)["retry-after"]) > 0
    # Someone else is still served.
    assert get(s.url + "/_stcore/health").status == 200


def test_hsts_is_sent_when_the_proxy_serves_https(served, haproxy, tmp_path):
    openssl = required(shutil.which("openssl"), "openssl not found", "the TLS check")
    pem = tmp_path / "site.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(pem), "-out", str(pem)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    s, _ = served
    text = CONFIG.read_text(encoding="utf-8")
    bind = '    bind "${CC_BIND}"\n'
    assert text.count(bind) == 1
    config = tmp_path / "haproxy-tls.cfg"
    config.write_text(text.replace(bind, f'    bind "${{CC_BIND}}" ssl crt {pem}\n'), "utf-8")
    shutil.copytree(CONFIG.parent / "errors", tmp_path / "errors")
    context = ssl._create_unverified_context()
    with proxy(haproxy, s.apps, config, scheme="https") as url:
        with urllib.request.urlopen(url + "/_stcore/health", context=context) as response:
            assert response.headers["Strict-Transport-Security"] == HSTS
            for name, value in HEADERS.items():
                assert response.headers[name] == value, name


def test_the_start_script_serves_the_app_with_the_middleware():
    start = (Path(__file__).resolve().parents[2] / "deploy" / "start.sh").read_text()
    assert "streamlit run deploy/serve.py" in start


def test_a_stopped_replica_leaves_no_pdf_helper_behind(served):
    """deploy/serve.py stops the PDF helper process on the way out (see its lifespan).

    The replica that made the assessment's PDF is stopped as the container's stop does
    (SIGTERM): the last test of the servers' group, since it takes a shared replica away.
    """
    s, user = served
    assert user.result.pdf_bytes > 0
    # The PDF helper (and its resource tracker) run beside the replica that made the PDF.
    made = {pid: tree(pid)[1:] for pid in s.pids}
    pid, helpers = next((pid, helpers) for pid, helpers in made.items() if helpers)
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 15  # a few seconds to finish exiting, not forever

    def running(pids: list[int]) -> list[int]:
        # A stopped replica stays a zombie until the fixture's teardown reaps it.
        return [p for p in pids if Path(f"/proc/{p}").exists() and _state(p) != "Z"]

    while running([pid, *helpers]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert running([pid]) == [], "the replica did not stop"
    assert running(helpers) == []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "gone"
