"""The security headers and the websocket budget (deploy/security.py), and the proxy's copy of them.

No server here: the ASGI middlewares are driven with a stand-in app. The same headers
on real responses, through HAProxy and from a replica: tests/load/test_security_headers.py;
a browser running the whole app under them: tests/browser/test_behind_the_proxy.py.
"""

from __future__ import annotations

import asyncio
import re
import shlex
from pathlib import Path

import pytest

from deploy import security
from deploy.security import (
    BURST,
    CLOSE_CODE,
    PER_SECOND,
    SecurityHeaders,
    WebsocketBudget,
    content_security_policy,
    inline_script_hashes,
    security_headers,
)

ROOT = Path(__file__).resolve().parents[1]
HAPROXY = ROOT / "deploy" / "haproxy.cfg"
ERRORS = ROOT / "deploy" / "errors"


def directives(policy: str) -> dict[str, list[str]]:
    parts = [d.split() for d in policy.split(";") if d.strip()]
    return {p[0]: p[1:] for p in parts}


# --- the policy ---------------------------------------------------------------------


def test_the_policy_allows_scripts_only_from_the_app_and_streamlits_one_inline_script():
    csp = directives(content_security_policy())
    assert csp["default-src"] == ["'none'"]
    scripts = csp["script-src"]
    assert scripts[0] == "'self'"
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert not any(s.startswith(("blob:", "data:", "http", "*")) for s in scripts)
    hashes = [s for s in scripts if s.startswith("'sha256-")]
    assert hashes == inline_script_hashes(security._streamlit_index())
    assert len(hashes) == 1  # Streamlit 1.67's index page has one inline script


def test_the_policy_keeps_everything_on_the_apps_own_origin():
    csp = directives(content_security_policy())
    assert csp["connect-src"] == ["'self'"]  # the websocket included: nothing leaves
    for name in ("frame-ancestors", "object-src", "base-uri", "frame-src", "form-action"):
        assert csp[name] == ["'none'"], name
    for name, sources in csp.items():
        assert not any(s.startswith(("http:", "https:", "ws:", "wss:", "*")) for s in sources), name


def test_an_inline_script_is_hashed_the_way_a_browser_hashes_it():
    html = (
        '<script>\n  x = 1\n</script><script src="a.js"></script><script type="module">y</script>'
    )
    # sha256 of "\n  x = 1\n" and of "y", base64: the text between the tags, exactly.
    assert inline_script_hashes(html) == [
        "'sha256-BbJ+FSK+ErAV471Y8ZXwwfLNZHNs207gkT7PGBH0XE0='",
        "'sha256-ofzkNjhU/4iM/0uOeHXWAMJoI5BBKoz3mzfQsRFIsPo='",
    ]


def test_the_other_headers():
    headers = security_headers()
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    closed = dict(item.split("=") for item in headers["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert closed[feature] == "()"
    assert "Strict-Transport-Security" not in headers  # only over TLS, below


# --- the proxy says the same ---------------------------------------------------------------


def haproxy_headers(condition: str = "") -> dict[str, str]:
    found = {}
    for line in HAPROXY.read_text(encoding="utf-8").splitlines():
        words = shlex.split(line.strip(), posix=True) if line.strip().startswith("http-") else []
        if words[:2] == ["http-after-response", "set-header"]:
            rest = " ".join(words[4:])
            if rest == condition:
                found[words[2]] = words[3]
    return found


def test_the_proxy_sets_exactly_the_apps_headers_on_every_response():
    assert haproxy_headers() == security_headers(), (
        "deploy/haproxy.cfg and deploy/security.py differ: copy security_headers() into"
        " the http-after-response lines"
    )
    assert haproxy_headers("if { ssl_fc }") == {"Strict-Transport-Security": security.HSTS}


# --- the middlewares ----------------------------------------------------------------------


def serve(middleware, scope: dict, app_headers: list | None = None) -> list[dict]:
    """Run one HTTP request through ``middleware`` around a stand-in app; what was sent."""
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": app_headers or []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def receive():
        return {"type": "http.request"}

    async def send(message):
        sent.append(message)

    asyncio.run(middleware(app)(scope, receive, send))
    return sent


def test_every_http_response_gets_the_headers_replacing_the_apps_own():
    start = serve(
        SecurityHeaders,
        {"type": "http", "scheme": "http"},
        [(b"content-security-policy", b"default-src *"), (b"etag", b"x")],
    )[0]
    headers = [(k.decode(), v.decode()) for k, v in start["headers"]]
    names = [k for k, _ in headers]
    assert len(names) == len(set(names))
    assert dict(headers) == {**{k.lower(): v for k, v in security_headers().items()}, "etag": "x"}


def test_hsts_is_sent_over_https_only():
    over_tls = serve(SecurityHeaders, {"type": "http", "scheme": "https"})[0]["headers"]
    assert (b"strict-transport-security", security.HSTS.encode()) in over_tls
    plain = serve(SecurityHeaders, {"type": "http", "scheme": "http"})[0]["headers"]
    assert b"strict-transport-security" not in dict(plain)


def talk(budget: WebsocketBudget, messages: list[float], peer="198.51.100.7", headers=()):
    """One websocket sending a message at each of the given times; what happened.

    Returns (messages the app received, the close the client got or None).
    """
    clock = {"now": 1000.0}
    closes = []
    pending = list(messages)
    sent_before = budget.passed

    async def receive():
        if not pending:
            return {"type": "websocket.disconnect", "code": 1000}
        clock["now"] = 1000.0 + pending.pop(0)
        return {"type": "websocket.receive", "bytes": b"rerun"}

    async def send(message):
        if message["type"] == "websocket.close":
            closes.append(message)

    scope = {"type": "websocket", "client": (peer, 5000), "headers": list(headers)}
    budget.clock = lambda: clock["now"]
    asyncio.run(budget(scope, receive, send))
    return budget.passed - sent_before, (closes[0] if closes else None)


def test_a_client_rerunning_as_fast_as_it_can_is_closed_after_its_burst():
    count, close = talk(_with_app(WebsocketBudget(None)), [i * 0.001 for i in range(500)])
    assert count == BURST
    assert close == {"type": "websocket.close", "code": CLOSE_CODE, "reason": security.CLOSE_REASON}


def test_a_fast_person_is_never_closed():
    # A change every 0.3 s for ten minutes: faster than anyone answers, for far longer.
    count, close = talk(_with_app(WebsocketBudget(None)), [i * 0.3 for i in range(2000)])
    assert (count, close) == (2000, None)
    assert 1 / 0.3 < PER_SECOND


def test_the_budget_is_per_address_over_all_its_websockets():
    budget = _with_app(WebsocketBudget(None))
    for _ in range(BURST // 10):
        assert talk(budget, [0.0] * 10)[1] is None
    assert talk(budget, [0.0])[1] is not None  # one more at once, on any socket: closed
    assert talk(budget, [0.0], peer="198.51.100.8")[1] is None  # a neighbour is not


def test_a_forwarded_address_counts_only_from_a_trusted_proxy():
    budget = WebsocketBudget(None, trusted="127.0.0.1/32")
    xff = [(b"x-forwarded-for", b"spoofed, 203.0.113.9")]
    assert budget.address({"client": ("127.0.0.1", 1), "headers": xff}) == "203.0.113.9"
    assert budget.address({"client": ("198.51.100.7", 1), "headers": xff}) == "198.51.100.7"
    assert budget.address({"client": ("127.0.0.1", 1), "headers": []}) == "127.0.0.1"


def _with_app(budget: WebsocketBudget) -> WebsocketBudget:
    """Give ``budget`` a stand-in app that answers every message it gets (``passed``)."""
    budget.passed = 0

    async def app(scope, receive, send):
        while (await receive())["type"] != "websocket.disconnect":
            budget.passed += 1
            await send({"type": "websocket.send", "bytes": b"run finished"})

    budget.app = app
    return budget


# --- the refusal pages --------------------------------------------------------------------


@pytest.mark.parametrize("code", [413, 429, 503])
def test_each_refusal_page_is_a_whole_response_in_both_languages(code):
    raw = (ERRORS / f"{code}.http").read_bytes()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("ascii").split("\r\n")
    assert lines[0].startswith(f"HTTP/1.1 {code} ")
    fields = dict(line.split(": ", 1) for line in lines[1:])
    assert int(fields["Content-Length"]) == len(body)
    assert fields["Content-Type"] == "text/html; charset=utf-8"
    assert fields["Cache-Control"] == "no-store"
    text = body.decode("utf-8")
    assert '<section lang="en">' in text and '<section lang="fr">' in text
    assert "<script" not in text  # the policy would block it anyway
    assert not re.search(r" [:;?!»]|« ", text)  # French spacing, as in the app
    if code in (429, 503):
        assert int(fields["Retry-After"]) > 0
