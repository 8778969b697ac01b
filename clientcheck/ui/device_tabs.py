"""Several tabs on one device: another tab saved, and this one must not undo its work.

The component tells this session when another tab wrote the copy on the device
(``js/device.js``: the ``storage`` event, repeated until the server says it heard).
Newer work there makes this tab ask which version to keep before it writes again.
A client deleted there (a tombstone in the copy, with its time) is dropped here too,
unless this tab changed it after that time, so a deleted client stays deleted.
"""

from __future__ import annotations

import streamlit as st

from clientcheck.bank.records import ClientRecord
from clientcheck.i18n import t
from clientcheck.persistence.device import (
    DeviceSession,
    deleted_since,
    device_token,
    loads_device,
    newer_elsewhere,
)
from clientcheck.persistence.storage import LoadError
from clientcheck.ui.device_state import (
    DeviceState,
    adopt,
    ago,
    device_state,
    drop_widget_keys,
    now_ms,
    saved_step,
    take_tombstones,
)
from clientcheck.ui.layout import literal
from clientcheck.ui.state import WELCOME, bank, store


def on_sync(text: object, d: DeviceState, lang: str) -> None:
    """Another tab changed the copy on the device: drop what it deleted, ask if it is newer."""
    if text == d.last_sync:
        return
    d.last_sync = text if isinstance(text, str) else None
    d.heard = device_token(text) if isinstance(text, str) else ""
    if not isinstance(text, str):
        return
    try:
        other = loads_device(text, bank())
    except LoadError:
        d.accept = device_token(text)  # a copy nobody can open: this tab may replace it
        return
    if other.writer == d.ask:
        return
    _drop_deleted(other, d, lang)
    newer = newer_elsewhere(other, d.seen)
    if not newer:
        d.accept = other.token
        d.seen.update(other.stamps)
        d.conflict = None
        return
    d.conflict = other
    d.conflict_names = tuple(r.display_name(t("unnamed_client", lang)) for r in newer)


def _drop_deleted(other: DeviceSession, d: DeviceState, lang: str) -> None:
    """Remove the clients ``other`` deleted after this tab last changed them."""
    take_tombstones(dict(other.deleted), d)
    gone = set(deleted_since(other, d.stamps))
    if not gone:
        return
    s = store()
    current = s.record.id
    names = [r.display_name(t("unnamed_client", lang)) for r in s.clients if r.id in gone]
    s.clients = [r for r in s.clients if r.id not in gone]
    for record_id in gone:
        d.deleted[record_id] = max(other.deleted[record_id], d.deleted.get(record_id, 0))
        d.fps.pop(record_id, None)
        d.stamps.pop(record_id, None)
        s.raw.pop(record_id, None)
        s.details.pop(record_id, None)
        s.chosen_drafts.pop(record_id, None)
    s.drafts = {k: v for k, v in s.drafts.items() if k.split("|", 1)[0] not in gone}
    drop_widget_keys(gone)
    if not s.clients:
        s.clients.append(ClientRecord())
    ids = [r.id for r in s.clients]
    s.current = ids.index(current) if current in ids else min(s.current, len(ids) - 1)
    if current in gone and s.step != WELCOME:
        s.step = saved_step(s.record)
        s.step_changes += 1
    names_text = ", ".join(literal(n) for n in names)
    s.flash.append(("info", t("device_deleted_elsewhere", lang, names=names_text)))


def _keep_mine() -> None:
    d = device_state()
    if d.conflict is not None:
        d.accept = d.conflict.token
        d.seen.update(d.conflict.stamps)
    d.conflict = None


def _use_other() -> None:
    d = device_state()
    other = d.conflict
    if other is None:
        return
    step = store().step
    adopt(other, d, replace_all=True)
    d.accept = other.token
    d.conflict = None
    s = store()
    s.step = saved_step(s.record) if step != WELCOME else WELCOME
    s.step_changes += 1


def conflict_notice(lang: str) -> None:
    """If another tab saved newer work, ask which version to keep (autosave waits)."""
    d = device_state()
    if d.conflict is None:
        return
    names = ", ".join(literal(n) for n in d.conflict_names)
    st.warning(
        t("device_conflict", lang, names=names, ago=ago(d.conflict.saved_at, now_ms(), lang)),
        icon=":material/tab_duplicate:",
    )
    left, right = st.columns(2)
    left.button(
        t("device_use_other", lang),
        key="device_use_other",
        on_click=_use_other,
        type="primary",
        width="stretch",
    )
    right.button(
        t("device_keep_mine", lang), key="device_keep_mine", on_click=_keep_mine, width="stretch"
    )
