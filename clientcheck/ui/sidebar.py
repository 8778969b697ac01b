"""The sidebar: the stepper (reopen any section) and the session's clients."""

from __future__ import annotations

import hashlib
from datetime import date

import streamlit as st

from clientcheck.bank.answers import is_answered
from clientcheck.bank.records import MAX_NAME_CHARS, ClientRecord, name_problem
from clientcheck.i18n import t
from clientcheck.persistence.storage import MAX_CLIENTS, dumps_session
from clientcheck.ui import files
from clientcheck.ui.layout import literal
from clientcheck.ui.questions import pending_error
from clientcheck.ui.state import CLIENT, COMPARE, RESULTS, WELCOME, bank, go, steps, store


def step_title(step: str, lang: str) -> str:
    if step.startswith("sign:"):
        sign = bank().sign(step[5:])
        return f"{sign.order}. {sign.name(lang)}"
    return t(f"step_{step}", lang)


def _section(step: str):
    question_bank = bank()
    if step == CLIENT:
        return question_bank.situation
    if step.startswith("sign:"):
        return question_bank.sign(step[5:])
    return None


def _section_done(step: str, record: ClientRecord) -> bool:
    if step == RESULTS:
        return record.id in store().results_seen  # seen once: its check mark stays
    section = _section(step)
    return section is not None and any(
        is_answered(record.answers.get(q.id)) for q in section.questions
    )


def _section_to_fix(step: str, record: ClientRecord, lang: str) -> bool:
    """A page holding an answer typed but not accepted ("beaucoup" for a number): marked
    so, not done (a user moved on and the step showed a check mark)."""
    section = _section(step)
    return section is not None and any(
        pending_error(q, record.id, lang) is not None for q in section.questions
    )


def stepper(lang: str) -> None:
    s = store()
    st.subheader(t("steps", lang), anchor=False)
    for step in [*steps(bank()), COMPARE]:
        current = step == s.step
        done = _section_done(step, s.record)
        to_fix = not current and _section_to_fix(step, s.record, lang)
        icon = (
            ":material/radio_button_checked:"
            if current
            else ":material/error:"
            if to_fix
            else ":material/check_circle:"
            if done
            else ":material/radio_button_unchecked:"
        )
        st.button(
            step_title(step, lang),
            key=f"goto|{step}",
            on_click=go,
            args=(step,),
            type="primary" if current else "tertiary",
            icon=icon,
            width="stretch",
            help=t("current_step", lang) if current else t("step_to_fix", lang) if to_fix else None,
        )


# --- clients -------------------------------------------------------------------


def _client_label(index: int, lang: str) -> str:
    record = store().clients[index]
    return record.display_name(t("client_n", lang, n=index + 1))


def _switch(key: str, labels: list[str]) -> None:
    s = store()
    chosen = st.session_state.get(key)
    index = labels.index(chosen) if chosen in labels else -1
    if 0 <= index < len(s.clients):
        s.current = index
        s.step = s.record.step if s.record.step != WELCOME else CLIENT
        s.step_changes += 1


def _add(lang: str) -> None:
    s = store()
    if len(s.clients) >= MAX_CLIENTS:
        s.flash.append(("error", t("error_too_many_clients", lang, max=MAX_CLIENTS)))
        return
    s.clients.append(ClientRecord())
    s.current = len(s.clients) - 1
    go(CLIENT)


def _duplicate(lang: str) -> None:
    s = store()
    if len(s.clients) >= MAX_CLIENTS:
        s.flash.append(("error", t("error_too_many_clients", lang, max=MAX_CLIENTS)))
        return
    source = s.record
    name = t("copy_of", lang, name=source.display_name(t("client_n", lang, n=s.current + 1)))
    s.clients.append(source.duplicate(name[:MAX_NAME_CHARS]))
    s.raw[s.clients[-1].id] = dict(s.raw_for(source.id))
    s.current = len(s.clients) - 1
    s.step_changes += 1


def _rename(key: str, lang: str) -> None:
    s = store()
    value = (st.session_state.get(key) or "").strip()
    problem = name_problem(value)
    if problem:
        s.flash.append(
            ("error", t(f"error_{problem}", lang, max=MAX_NAME_CHARS, length=len(value)))
        )
        return
    s.record.name = value
    st.session_state.pop(f"name|{s.record.id}", None)


def _delete() -> None:
    s = store()
    removed = s.clients.pop(s.current)
    s.raw.pop(removed.id, None)
    if not s.clients:
        s.clients.append(ClientRecord())
    s.current = min(s.current, len(s.clients) - 1)
    s.step = CLIENT if s.step in (WELCOME,) else s.step
    s.step_changes += 1
    st.session_state["confirm_delete"] = False


def clients_panel(lang: str) -> None:
    s = store()
    st.subheader(t("clients", lang), anchor=False)
    # Options are plain labels ("2 · Acme"), and the key changes with them, so the
    # widget never keeps a stale name.
    labels = [f"{i + 1} · {_client_label(i, lang)}" for i in range(len(s.clients))]
    key = (
        f"client_select|{s.current}|{hashlib.sha1(chr(10).join(labels).encode()).hexdigest()[:10]}"
    )
    st.selectbox(
        t("current_client", lang),
        labels,
        index=s.current,
        key=key,
        on_change=_switch,
        args=(key, labels),
        filter_mode=None,  # no typing, so a phone's keyboard stays down
    )
    left, right = st.columns(2)
    left.button(
        t("add_client", lang),
        on_click=_add,
        args=(lang,),
        icon=":material/add:",
        key="add_client",
        width="stretch",
    )
    right.button(
        t("duplicate_client", lang),
        on_click=_duplicate,
        args=(lang,),
        icon=":material/content_copy:",
        key="duplicate_client",
        width="stretch",
    )
    # Drawn only while open (most runs never need it): its fields would otherwise cost
    # every run of every page.
    box = st.expander(
        t("rename_or_delete", lang), icon=":material/edit:", key="rename_open", on_change="rerun"
    )
    if box.open:
        _rename_or_delete(box, lang)
    st.download_button(
        t("save_session", lang),
        data=dumps_session(s.clients, s.current, lang),
        file_name=f"client-check_session_{date.today().isoformat()}.json",
        mime="application/json",
        icon=":material/download:",
        key="save_session",
        on_click="ignore",
        width="stretch",
    )
    with st.expander(t("resume_title", lang), icon=":material/upload_file:"):
        files.upload_answers(lang, "sidebar")


def _rename_or_delete(box, lang: str) -> None:
    s = store()
    with box:
        rename_key = f"rename|{s.record.id}"
        st.text_input(
            t("new_name", lang), key=rename_key, on_change=_rename, args=(rename_key, lang)
        )
        if st.session_state.get("confirm_delete"):
            st.warning(t("confirm_delete", lang, name=literal(_client_label(s.current, lang))))
            yes, no = st.columns(2)
            yes.button(t("delete_yes", lang), on_click=_delete, type="primary", key="delete_yes")
            no.button(
                t("delete_no", lang),
                key="delete_no",
                on_click=lambda: st.session_state.update(confirm_delete=False),
            )
        else:
            st.button(
                t("delete_client", lang),
                icon=":material/delete:",
                key="delete_client",
                on_click=lambda: st.session_state.update(confirm_delete=True),
            )


def sidebar(lang: str) -> None:
    with st.sidebar:
        stepper(lang)
        st.divider()
        clients_panel(lang)
