"""Client Check in one process with its security headers and websocket budget (st.App).

    streamlit run deploy/serve.py        # instead of: streamlit run app.py

Streamlit 1.67 has no setting for response headers. Given a file that defines an
``st.App``, ``streamlit run`` serves it with uvicorn (its "ASGI mode") and the app's own
middleware around every request: here ``deploy/security.py``'s headers on every
response (page, scripts, media, health) and its per-websocket message budget. The app
itself is ``app.py``, unchanged. ``deploy/start.sh`` (each replica) runs this file.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

HERE = Path(__file__).resolve().parent
# The app's package (app.py imports clientcheck) and security.py, next to this file:
# in ASGI mode Streamlit puts only this file's folder on the path.
for folder in (HERE.parent, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from security import SecurityHeaders, WebsocketBudget  # noqa: E402  (path above)


@contextlib.asynccontextmanager
async def lifespan(_app):
    """On the way out, stop the PDF helper process (clientcheck/outputs/pdf_worker.py).

    Served this way, uvicorn ends the process with the signal it was stopped by, once it
    has shut down, so Python's own exit handlers (which stop the helper after a plain
    ``streamlit run app.py``) never run, and the helper would be left behind.
    """
    try:
        yield None
    finally:
        from clientcheck.outputs import pdf_worker

        pdf_worker.stop()


app = st.App(
    HERE.parent / "app.py",
    lifespan=lifespan,
    middleware=[Middleware(SecurityHeaders), Middleware(WebsocketBudget)],
)
