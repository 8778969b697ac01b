"""Client Check in one process with its security headers and websocket budget (st.App).

    streamlit run deploy/serve.py        # instead of: streamlit run app.py

Streamlit 1.67 has no setting for response headers. Given a file that defines an
``st.App``, ``streamlit run`` serves it with uvicorn (its "ASGI mode") and the app's own
middleware around every request: here ``deploy/security.py``'s headers on every
response (page, scripts, media, health) and its per-websocket message budget. The app
itself is ``app.py``, unchanged. ``deploy/start.sh`` (each replica) runs this file.
"""

from __future__ import annotations

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

app = st.App(
    HERE.parent / "app.py",
    middleware=[Middleware(SecurityHeaders), Middleware(WebsocketBudget)],
)
