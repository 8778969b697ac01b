"""Autosave on the user's own device: the whole session in the browser's ``localStorage``.

A small ``st.components.v2`` component (``js/device.js``, served from the app's own
origin) does the storage calls in the page; Python decides what to keep and validates
what comes back exactly like an uploaded session file (``clientcheck.persistence.device``).
Nothing is written on the server.

How a page load goes:

1. The first run does not know yet what the device holds: the welcome page keeps its
   start buttons hidden for that moment (``device_welcome``), and nothing is written.
2. The component reads the device once for this server session and sends the text back;
   the next run validates it, restores the clients and offers to continue. A bad copy
   gives a message and a clean start; no storage (private mode) a one-line notice.
3. From then on the component is drawn at the end of every run with the session as
   text, and writes it when it changed. If another tab wrote in between, it does not
   overwrite: this tab asks first when the other copy holds newer work (``device_tabs``).

After a server restart (or an expired session) the page stays open and a new server
session starts on the user's next click. That click arrives before the work is back, so
it is kept: the component answers, the work comes back on the step where it was, and
the click is then done on that step (``replay``), as if nothing had happened.
"""

from __future__ import annotations

import streamlit as st

from clientcheck.i18n import t
from clientcheck.persistence.device import dumps_device, loads_device
from clientcheck.persistence.storage import LoadError
from clientcheck.ui import replay
from clientcheck.ui.components import js_component
from clientcheck.ui.device_panel import device_panel
from clientcheck.ui.device_state import (
    STATE_KEY,
    DeviceState,
    adopt,
    device_error_message,
    device_state,
    drop_widget_keys,
    extras_for,
    fingerprint,
    is_blank,
    now_ms,
    record_is_blank,
    saved_step,
    unreadable_message,
)
from clientcheck.ui.device_tabs import conflict_notice, on_sync
from clientcheck.ui.device_welcome import start_buttons
from clientcheck.ui.navigation import ADDRESS_KEY, step_from_param
from clientcheck.ui.state import WELCOME, Store, bank, go, store

__all__ = ["autosave", "begin", "conflict_notice", "device_panel", "follow_device"]
__all__ += ["start_buttons"]

COMPONENT_KEY = "cc_device"
STORAGE_KEY = "clientcheck.session"
PREF_KEY = "clientcheck.autosave"
_HEARD_KEY = "cc_device_heard"

_component = js_component("device")


# --- every run: read what the component sent back --------------------------------------


def begin(lang: str) -> None:
    """Take in what the device sent since the last run. Call before anything is drawn."""
    first_run = STATE_KEY not in st.session_state
    d = device_state()
    if first_run:
        # Widget states on a session's very first run: a page left open across a server
        # restart sent its user's click. Keep it until the work is back from the device.
        d.replay = replay.pending_click()
    elif replay.just_done():
        drop_widget_keys({r.id for r in store().clients})
    value = st.session_state.get(COMPONENT_KEY)
    value = value if isinstance(value, dict) else {}
    # What a fragment's rerun heard (its trigger values are gone by this full run).
    heard = st.session_state.pop(_HEARD_KEY, None) or {}
    value = heard | {k: v for k, v in value.items() if v is not None}
    loaded = value.get("loaded")
    if d.phase == "waiting" and isinstance(loaded, dict) and loaded.get("ask") == d.ask:
        _on_loaded(loaded, d, lang)
    sync = value.get("sync")
    if d.phase == "ready" and isinstance(sync, dict) and sync.get("ask") == d.ask:
        on_sync(sync.get("text"), d, lang)
    status = value.get("status")
    if isinstance(status, dict) and status.get("ask") == d.ask:
        failing = status.get("ok") is False
        if failing and not d.failing:
            store().flash.append(("warning", t("device_write_failed", lang)))
        d.failing = failing
    if store().step != WELCOME:
        d.offer = None


def _on_loaded(loaded: dict, d: DeviceState, lang: str) -> None:
    s = store()
    click, d.replay = d.replay, None
    if not loaded.get("available"):
        d.phase = "unavailable"
        s.flash.append(("info", t("device_unavailable", lang)))
        return
    d.phase = "ready"
    d.autosave = loaded.get("autosave") is not False
    text = loaded.get("text")
    if text is None:
        return
    try:
        saved = loads_device(text, bank())
    except LoadError as exc:
        s.flash.append(("warning", device_error_message(exc, lang)))
        return
    if saved.unreadable:
        s.flash.append(("warning", unreadable_message(saved.unreadable, lang)))
    was_blank = is_blank(s)
    adopt(saved, d, replace_all=False)
    s = store()
    if (loaded.get("again") or click) and was_blank:
        # The server restarted under an open page: carry on where the work was, and do
        # the click that started this session there (at the end of this run).
        go(saved_step(s.record))
        replay.later(click)
    elif was_blank and (reloaded := _address_step()) is not None:
        # A reload (or a bookmark) of a step: carry on on that step with the work kept on
        # this device (a user reloaded the results and landed on the welcome page).
        go(reloaded)
    elif s.step == WELCOME and not all(record_is_blank(s, r) for r in saved.clients):
        # (A copy holding only tombstones keeps one blank client: nothing to offer.)
        d.offer = saved.clients[saved.current].id
        d.offer_saved_at = saved.saved_at


def _address_step() -> str | None:
    """The step the page's address named when this server session began, if any."""
    address = st.session_state.get(ADDRESS_KEY)
    if not isinstance(address, tuple) or address[1] is None:
        return None
    step = step_from_param(address[1], bank())
    return None if step in (None, WELCOME) else step


# --- the end of every run: hand the session to the component ---------------------------


def _payload(s: Store, d: DeviceState, lang: str) -> str | None:
    """The session as the device keeps it, rebuilt only when something changed."""
    now = now_ms()
    present = {r.id for r in s.clients}
    for record_id in [i for i in d.fps if i not in present]:  # deleted since the last run
        d.deleted[record_id] = now
        d.fps.pop(record_id)
        d.stamps.pop(record_id, None)
    if is_blank(s) and not d.deleted:
        d.overall, d.payload = "", None
        return None
    if s.step != WELCOME:
        s.record.step = s.step
    extras = []
    for record in s.clients:
        client_extras = extras_for(s, record.id, 0)
        mark = fingerprint(record, client_extras)
        if d.fps.get(record.id) != mark:
            d.fps[record.id] = mark
            d.stamps[record.id] = now
        client_extras.changed_at = d.stamps[record.id]
        d.seen[record.id] = max(d.seen.get(record.id, 0), client_extras.changed_at)
        extras.append(client_extras)
    overall = repr(([d.fps[r.id] for r in s.clients], s.current, lang, sorted(d.deleted)))
    if overall != d.overall or d.payload is None:
        d.overall = overall
        d.saved_at = max(now, d.saved_at + 1)
        d.payload = dumps_device(
            s.clients,
            s.current,
            lang,
            extras,
            saved_at=d.saved_at,
            writer=d.ask,
            deleted=d.deleted,
        )
    return d.payload


def follow_device() -> None:
    """In a fragment drawing ``autosave``: when the device spoke, rerun the whole page.

    A message from the device (its copy loaded, another tab's save, a failed write)
    is taken in by ``begin``, at the top of the page, which a fragment's rerun skips.
    """
    if _HEARD_KEY in st.session_state:
        st.rerun(scope="app")


def autosave(lang: str) -> None:
    """Draw the storage component with the session. Call last, after the run changed it.

    The results page draws it at the end of its drafts fragment (so a change of a
    draft is saved by the fragment's own rerun), after ``follow_device``.
    """
    d = device_state()
    ready = d.phase == "ready"
    payload = _payload(store(), d, lang) if ready and d.autosave else None
    _component(
        key=COMPONENT_KEY,
        data={
            "ask": d.ask,
            "ready": ready,
            "autosave": d.autosave,
            "payload": payload,
            "accept": d.accept,
            "heard": d.heard,
            "forget": f"{d.ask}:{d.forget}" if d.forget else "",
        },
        on_loaded_change=_heard,
        on_sync_change=_heard,
        on_status_change=_heard,
    )
    replay.now()


def _heard() -> None:
    """Keep what the device sent until ``begin`` reads it, at the top of the next full run.

    The component's values are triggers, which last one run: when that run is a
    fragment's (the results page), they would be gone before ``begin`` sees them.
    """
    value = st.session_state.get(COMPONENT_KEY)
    if isinstance(value, dict):
        heard = st.session_state.setdefault(_HEARD_KEY, {})
        heard.update({k: v for k, v in value.items() if v is not None})
