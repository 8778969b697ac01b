"""Loading saved answer and session files back into the session.

A file is read in memory, validated, and only then merged into the session:
a bad file leaves every answer already entered untouched.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from clientcheck.bank.records import ClientRecord, Snapshot
from clientcheck.i18n import t
from clientcheck.persistence.storage import MAX_CLIENTS, MAX_FILE_BYTES, Loaded, LoadError, loads
from clientcheck.ui.layout import LANG_KEY, literal
from clientcheck.ui.state import bank, store


def load_error_message(error: LoadError, lang: str) -> str:
    return t(
        f"error_load_{error.code}",
        lang,
        detail=literal(error.detail),
        max_kb=MAX_FILE_BYTES // 1000,
        max_clients=MAX_CLIENTS,
    )


def _is_blank(record: ClientRecord) -> bool:
    return not record.name and not record.notes and not record.answers


def read_upload(key: str, lang: str) -> Loaded | None:
    """Read and validate the file in uploader ``key``; queue a message on failure."""
    uploaded = st.session_state.get(key)
    if uploaded is None:
        return None
    s = store()
    if uploaded.size > MAX_FILE_BYTES:
        s.flash.append(("error", load_error_message(LoadError("too_large"), lang)))
        return None
    try:
        return loads(uploaded.getvalue(), bank())
    except LoadError as exc:
        s.flash.append(("error", load_error_message(exc, lang)))
        return None


def _name_key(record: ClientRecord) -> str:
    """A client's name as two names are compared: case and spacing aside."""
    return " ".join(record.name.casefold().split())


def _same(a: ClientRecord, b: ClientRecord) -> bool:
    return (_name_key(a), a.notes, a.answers) == (_name_key(b), b.notes, b.answers)


def merge_loaded(loaded: Loaded, lang: str) -> None:
    """Add the loaded clients to the session and open the file's current one where it was.

    A client already open, the same in the file, is not added again; one of the same name
    with other answers comes in as "Name (from the file)" (a user's walk: loading the file
    just saved added every client a second time, and Compare counted 130 % of her income).
    """
    s = store()
    open_now = [] if len(s.clients) == 1 and _is_blank(s.clients[0]) else list(s.clients)
    names_open = {_name_key(r) for r in open_now}
    where: list[int] = []  # each loaded client's place in the session
    added: list[ClientRecord] = []
    kept: list[ClientRecord] = []
    for record in loaded.clients:
        same = next((i for i, r in enumerate(open_now) if _same(r, record)), None)
        if same is not None:
            where.append(same)
            kept.append(record)
            continue
        if record.name and _name_key(record) in names_open:
            record = replace(record, name=t("from_the_file", loaded.language, name=record.name))
        where.append(len(open_now) + len(added))
        added.append(record)
    if len(open_now) + len(added) > MAX_CLIENTS:
        s.flash.append(("error", t("error_load_too_many_clients", lang, max_clients=MAX_CLIENTS)))
        return
    s.clients[:] = open_now + added
    s.current = where[loaded.current]
    s.step = s.record.step
    s.step_changes += 1
    st.session_state[LANG_KEY] = loaded.language
    unnamed = t("unnamed_client", lang)
    for key, records in (("loaded_ok", added), ("loaded_already_open", kept)):
        if records:
            names = ", ".join(literal(r.display_name(unnamed)) for r in records)
            kind = "success" if key == "loaded_ok" else "info"
            s.flash.append((kind, t(key, loaded.language, names=names)))
    if loaded.dropped:
        lost = "; ".join(t(f"changed_{qid}", loaded.language) for qid in loaded.dropped)
        s.flash.append(("warning", t("migrated_dropped", loaded.language, questions=lost)))


def _on_upload(key: str, lang: str) -> None:
    loaded = read_upload(key, lang)
    if loaded is not None:
        merge_loaded(loaded, lang)
    _reset_uploader(key)


def _reset_uploader(key: str) -> None:
    counters = st.session_state.setdefault("uploader_round", {})
    counters[key.split("#")[0]] = counters.get(key.split("#")[0], 0) + 1


def _uploader_key(name: str) -> str:
    rounds = st.session_state.get("uploader_round", {})
    return f"{name}#{rounds.get(name, 0)}"


def upload_answers(lang: str, where: str) -> None:
    """A file input that loads a saved answers or session file."""
    key = _uploader_key(f"upload_{where}")
    st.file_uploader(
        t("resume_label", lang),
        type=["json"],
        key=key,
        help=t("resume_help", lang),
        on_change=_on_upload,
        args=(key, lang),
    )


def _on_upload_earlier(key: str, lang: str) -> None:
    loaded = read_upload(key, lang)
    if loaded is not None:
        s = store()
        earlier = loaded.clients[loaded.current]
        s.record.earlier = Snapshot(earlier.name, dict(earlier.answers), earlier.assessed_on)
        s.flash.append(("success", t("earlier_loaded", lang, date=earlier.assessed_on.isoformat())))
    _reset_uploader(key)


def upload_earlier(lang: str) -> None:
    """A file input that loads an earlier assessment of this client, to compare then and now."""
    key = _uploader_key("upload_earlier")
    st.file_uploader(
        t("earlier_label", lang),
        type=["json"],
        key=key,
        help=t("earlier_help", lang),
        on_change=_on_upload_earlier,
        args=(key, lang),
    )
