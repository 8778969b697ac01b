"""The welcome page's start buttons: start, or continue the work saved on this device."""

from __future__ import annotations

import streamlit as st

from clientcheck.bank.records import ClientRecord
from clientcheck.guidance.render import question_count
from clientcheck.i18n import t
from clientcheck.persistence.storage import MAX_CLIENTS
from clientcheck.ui.device_state import ago, device_state, now_ms, saved_step
from clientcheck.ui.layout import literal
from clientcheck.ui.state import CLIENT, bank, go, store

CSS = """<style>
/* Until the device has answered, the start buttons keep their place but stay hidden, so
   nobody sees "Start" turn into "Continue"; after 2 s they show anyway. */
.st-key-cc_start_waiting { visibility: hidden; animation: cc-reveal 0s 2s forwards; }
@keyframes cc-reveal { to { visibility: visible; } }
/* When the device answers, Streamlit hands the shown box the hidden box's buttons until
   this run's own arrive (a block replaced by one of its kind keeps its children), which on
   a busy server showed "Start" for half a second before "Continue". The hidden box ends
   with a mark: the shown box stays hidden while it still holds the mark. */
.st-key-cc_start:has(.cc-waiting-mark) { visibility: hidden; }
.stElementContainer:has(.cc-waiting-mark) { display: none; }
</style>"""

MARK = '<span class="cc-waiting-mark" aria-hidden="true"></span>'


def _continue() -> None:
    s = store()
    d = device_state()
    ids = [r.id for r in s.clients]
    if d.offer in ids:
        s.current = ids.index(d.offer)
    d.offer = None
    go(saved_step(s.record))


def _start_new(lang: str) -> None:
    s = store()
    device_state().offer = None
    if len(s.clients) >= MAX_CLIENTS:
        s.flash.append(("error", t("error_too_many_clients", lang, max=MAX_CLIENTS)))
        return
    s.clients.append(ClientRecord())
    s.current = len(s.clients) - 1
    go(CLIENT)


def start_buttons(lang: str) -> None:
    """Start, or continue the work saved on this device.

    While the device has not answered, the buttons are drawn but hidden (CSS), so the
    page does not jump from "Start" to "Continue".
    """
    d = device_state()
    s = store()
    ids = [r.id for r in s.clients]
    waiting = d.phase == "waiting"
    st.html(CSS)  # in every phase: it must be on the page before the box changes
    with st.container(key="cc_start_waiting" if waiting else "cc_start"):
        if d.offer in ids:
            record = s.clients[ids.index(d.offer)]
            # The count every page shows: the questions asked for this client, follow-ups
            # included, not the optional Money ones (a user saw "18 of 53" here).
            answered, asked = question_count(bank(), record.answers)
            label = t(
                "continue_saved",
                lang,
                name=literal(record.display_name(t("unnamed_client", lang))),
                answered=answered,
                total=asked,
                ago=ago(d.offer_saved_at, now_ms(), lang),
            )
            st.button(
                label,
                key="continue",
                type="primary",
                on_click=_continue,
                icon=":material/history:",
            )
            st.button(
                t("start_new_check", lang),
                key="start",
                on_click=_start_new,
                args=(lang,),
                icon=":material/add:",
            )
            st.caption(t("start_new_keeps", lang))
        else:
            st.button(
                t("start", lang),
                type="primary",
                on_click=go,
                args=(CLIENT,),
                icon=":material/play_arrow:",
                key="start",
            )
        if waiting:
            st.html(MARK)  # last: it leaves the shown box once all its buttons are there
