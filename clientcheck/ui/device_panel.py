"""The "what is kept on this device" panel: autosave on or off, and forgetting it all."""

from __future__ import annotations

import streamlit as st

from clientcheck.i18n import t
from clientcheck.ui.device_state import device_state
from clientcheck.ui.state import STORE_KEY, Store, store


def _set_autosave() -> None:
    device_state().autosave = bool(st.session_state.get("device_autosave"))


def _forget(lang: str) -> None:
    d = device_state()
    st.session_state[STORE_KEY] = Store()
    d.forget += 1
    d.autosave = True
    d.offer = None
    d.conflict = None
    d.stamps, d.fps, d.seen, d.deleted = {}, {}, {}, {}
    d.overall, d.payload = "", None
    st.session_state["device_confirm_forget"] = False
    st.session_state.pop("device_autosave", None)
    store().flash.append(("success", t("device_forgotten", lang)))


def device_panel(lang: str) -> None:
    """What is kept on this device, autosave on or off, and forgetting it all."""
    d = device_state()
    # Its open state is kept in the session (a key and on_change), so the panel stays open
    # across the reruns its own buttons cause, whatever else the page draws above it.
    box = st.expander(
        t("device_title", lang), icon=":material/devices:", key="cc_device_panel", on_change="rerun"
    )
    with box:
        st.markdown(t("device_what", lang))
        if d.phase == "unavailable":
            st.caption(t("device_unavailable", lang))
            return
        st.session_state["device_autosave"] = d.autosave
        st.toggle(
            t("device_autosave", lang),
            key="device_autosave",
            on_change=_set_autosave,
            disabled=d.phase != "ready",
            help=t("device_autosave_help", lang),
        )
        st.caption(t("device_shared_hint", lang))
        if st.session_state.get("device_confirm_forget"):
            st.warning(t("device_forget_confirm", lang))
            yes, no = st.columns(2)
            yes.button(
                t("device_forget_yes", lang),
                key="device_forget_yes",
                on_click=_forget,
                args=(lang,),
                type="primary",
            )
            no.button(
                t("device_forget_no", lang),
                key="device_forget_no",
                on_click=lambda: st.session_state.update(device_confirm_forget=False),
            )
        else:
            st.button(
                t("device_forget", lang),
                key="device_forget",
                icon=":material/delete_forever:",
                on_click=lambda: st.session_state.update(device_confirm_forget=True),
                disabled=d.phase != "ready",
            )
