"""Security headers and a websocket message budget per address, for Client Check's process.

Plain Python (no Streamlit import): ``deploy/serve.py`` wraps the app in these two ASGI
middlewares, and ``deploy/haproxy.cfg`` sets the same headers at the edge
(``tests/test_security.py`` keeps the two equal; ``tests/load/test_security_headers.py``
checks them on every kind of response; ``tests/browser/test_behind_the_proxy.py`` runs
the whole app under them in a browser with no violation).

The Content-Security-Policy is as strict as Streamlit 1.67 lets it be:

- scripts only from the app's own origin, plus Streamlit's one inline script in its
  ``index.html`` by its hash (read from the installed Streamlit, so an upgrade that
  changes it changes the hash here; tests/test_security.py then fails until
  haproxy.cfg has the new one). The app's own scripts are files it serves
  (``clientcheck/ui/js``), so no ``'unsafe-inline'``, no ``'unsafe-eval'`` and no
  ``blob:`` for scripts.
  ``'wasm-unsafe-eval'``: Streamlit's protobuf library tries WebAssembly for 64-bit
  arithmetic on every page load (and falls back without it); allowed so that attempt
  is not a violation. It lets a script that may already run compile WebAssembly; it
  lets nothing new run.
- styles: ``'unsafe-inline'``, because Streamlit (Emotion) writes its styles into
  ``<style>`` elements at run time, without a nonce it could be given.
- everything the page loads or connects to comes from the app's own origin
  (``connect-src 'self'`` covers the websocket): nothing about a client can be sent to
  another site, even by an injected script.
- no frames, no plugins, no ``<base>``, no form posts, and no site may frame the app.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
from pathlib import Path


def _streamlit_index() -> str:
    import importlib.util

    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise RuntimeError("Streamlit is not installed")
    return (Path(spec.origin).parent / "static" / "index.html").read_text(encoding="utf-8")


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-...') for each inline <script> of ``html``."""
    hashes = []
    for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S):
        digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return hashes


def content_security_policy(index_html: str | None = None) -> str:
    scripts = " ".join(
        ["'self'", *inline_script_hashes(index_html or _streamlit_index()), "'wasm-unsafe-eval'"]
    )
    directives = [
        "default-src 'none'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "manifest-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


# Powerful browser features the app never uses: closed to the page and to anything in it.
CLOSED_FEATURES = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in CLOSED_FEATURES)

# Only over HTTPS (a browser ignores it over plain HTTP): two years, every subdomain.
HSTS = "max-age=63072000; includeSubDomains"


def security_headers() -> dict[str, str]:
    """Every header the app's responses carry, by name (HSTS aside: TLS only)."""
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": PERMISSIONS_POLICY,
        # For browsers older than frame-ancestors.
        "X-Frame-Options": "DENY",
        # No other site's window keeps a handle on this one, nor loads its files.
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


class SecurityHeaders:
    """ASGI middleware: set ``security_headers()`` on every HTTP response.

    Set, not added: a header of the same name from the app is replaced. HSTS is sent
    only when the request came over HTTPS (``scheme``, which uvicorn takes from a
    trusted proxy's X-Forwarded-Proto).
    """

    def __init__(self, app) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in security_headers().items()]
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = list(self.headers)
        if scope.get("scheme") == "https":
            extra.append((b"strict-transport-security", HSTS.encode()))

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                kept = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() not in self.names
                ]
                message = {**message, "headers": kept + extra}
            await send(message)

        await self.app(scope, receive, with_headers)


# --- what one address may send over websockets -----------------------------------------

# A person's page sends a message for each change (an answer, a click) and a few of its
# own: a few a minute, at most a couple a second while clicking fast. Each address may
# send 60 at once and 5 a second after that, over all its websockets together, for as
# long as it likes: far more than one person (or a small office behind one address)
# ever sends. Over that, the websocket that sent the message is closed (1008, policy
# violation): refused, not slowed down. HAProxy cannot see inside an open websocket
# (deploy/haproxy.cfg), so this is where reruns are counted.
BURST = 60
PER_SECOND = 5.0
CLOSE_CODE = 1008
CLOSE_REASON = "too many messages from this address"
# Whose X-Forwarded-For to believe: the proxy in front (HAProxy adds the header). By
# default only a proxy on this machine; deploy/compose.yaml and deploy/k8s set their
# networks. Anyone else's header is ignored, so nobody can pick the address they are
# counted under.
TRUSTED_PROXIES_ENV = "CLIENTCHECK_TRUSTED_PROXIES"
DEFAULT_TRUSTED = "127.0.0.0/8,::1/128"


def _networks(text: str) -> list:
    import ipaddress

    return [ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part]


class WebsocketBudget:
    """ASGI middleware: a message budget per client address, over all its websockets.

    The address is the peer's, or, when the peer is a trusted proxy, the last address
    in its X-Forwarded-For (the one the proxy added).
    """

    def __init__(
        self,
        app,
        burst: int = BURST,
        per_second: float = PER_SECOND,
        trusted: str | None = None,
        clock=time.monotonic,
    ) -> None:
        import os

        self.app = app
        self.clock = clock
        self.burst = float(burst)
        self.per_second = per_second
        self.trusted = _networks(trusted or os.environ.get(TRUSTED_PROXIES_ENV, DEFAULT_TRUSTED))
        self.buckets: dict[str, tuple[float, float]] = {}  # address -> (tokens, when)
        self.closed = 0  # websockets closed for going over budget

    def address(self, scope) -> str:
        import ipaddress

        peer = (scope.get("client") or ("unknown", 0))[0]
        try:
            trusted = any(ipaddress.ip_address(peer) in net for net in self.trusted)
        except ValueError:
            trusted = False
        if trusted:
            forwarded = [v for k, v in scope.get("headers", []) if k.lower() == b"x-forwarded-for"]
            if forwarded:
                last = forwarded[-1].decode("latin-1").split(",")[-1].strip()
                if last:
                    return last
        return peer

    def take(self, address: str) -> bool:
        """Spend one message of ``address``'s budget; False when there is none left."""
        now = self.clock()
        tokens, when = self.buckets.get(address, (self.burst, now))
        tokens = min(self.burst, tokens + (now - when) * self.per_second)
        allowed = tokens >= 1.0
        self.buckets[address] = (tokens - 1.0 if allowed else tokens, now)
        if len(self.buckets) > 10_000:  # forget addresses whose budget is whole again
            full = self.burst / self.per_second
            self.buckets = {a: b for a, b in self.buckets.items() if now - b[1] < full}
        return allowed

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        address = self.address(scope)
        over = False

        async def counted_receive():
            nonlocal over
            if over:
                return {"type": "websocket.disconnect", "code": CLOSE_CODE}
            message = await receive()
            if message["type"] == "websocket.receive" and not self.take(address):
                over = True
                self.closed += 1
                await send({"type": "websocket.close", "code": CLOSE_CODE, "reason": CLOSE_REASON})
                return {"type": "websocket.disconnect", "code": CLOSE_CODE}
            return message

        async def guarded_send(message) -> None:
            if not over:  # once closed here, the app's last words go nowhere
                await send(message)

        await self.app(scope, counted_receive, guarded_send)
