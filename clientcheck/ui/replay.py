"""The first click after a server restart, kept and done once the work is back.

When the server restarts (or a session expires) under an open page, the browser
reconnects to a new server session that knows nothing yet, and Streamlit runs it only
on the user's next click: that run carries the click and every widget's value from the
page the user sees. Those widget states are kept here (``pending_click``); once the
device has given the work back and the page where the user was is drawn again, the same
widget states are sent through once more (``later`` then ``now``), so Streamlit calls
the callbacks of what changed: the click does what the user clicked. On that run the
fields are drawn again from the store (``just_done``), so the browser shows what the
click changed.

Streamlit 1.67 offers no public call for either step; this reads the run's widget
states and queues a rerun with them, the two things ``st.rerun`` and a browser message
do inside Streamlit (``tests/ui/test_app_device.py`` and the restart browser test
check it still works).
"""

from __future__ import annotations

import streamlit as st
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

_NOW_KEY = "cc_replay_now"
_DONE_KEY = "cc_replay_done"
ID_PREFIX = "$$ID-"


def _context():
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    return get_script_run_ctx(suppress_warning=True)


def pending_click() -> list[bytes] | None:
    """The widget states this run arrived with, if any (serialised), else None.

    A fresh page load's first run carries none; a page that was already open does.
    """
    ctx = _context()
    if ctx is None:
        return None
    try:
        states = [w for w in ctx.session_state.get_widget_states() if w.id.startswith(ID_PREFIX)]
    except Exception:  # a Streamlit that keeps them elsewhere: the click is lost, as before
        return None
    return [w.SerializeToString() for w in states] or None


def later(states: list[bytes] | None) -> None:
    """Send ``states`` through again at the end of this run (``now``)."""
    if states:
        st.session_state[_NOW_KEY] = states


def now() -> None:
    """At the very end of a run: if a click waits, run the page again with it."""
    states = st.session_state.pop(_NOW_KEY, None)
    ctx = _context()
    if not states or ctx is None or ctx.script_requests is None:
        return
    st.session_state[_DONE_KEY] = True
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

    widgets = WidgetStates(widgets=[WidgetState.FromString(b) for b in states])
    ctx.script_requests.request_rerun(
        RerunData(
            query_string=ctx.query_string,
            page_script_hash=ctx.page_script_hash,
            widget_states=widgets,
            cached_message_hashes=ctx.cached_message_hashes,
            context_info=ctx.context_info,
        )
    )


def just_done() -> bool:
    """True on the run that did the kept click (once).

    Its widget values came from the page before the restart, not from what the browser
    shows now: the caller draws its fields again from the store (``drop_widget_keys``).
    """
    return bool(st.session_state.pop(_DONE_KEY, False))
