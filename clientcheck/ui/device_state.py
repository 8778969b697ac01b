"""What a server session knows about the copy on the device, and how saved work joins it.

Shared by the autosave protocol (``device``), the other tabs (``device_tabs``), the
welcome page's start buttons (``device_welcome``) and the device panel (``device_panel``).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

import streamlit as st

from clientcheck.bank.records import ClientRecord
from clientcheck.i18n import t
from clientcheck.persistence.device import ClientExtras, DeviceSession
from clientcheck.persistence.storage import MAX_CLIENTS, LoadError
from clientcheck.ui.layout import quoted_list
from clientcheck.ui.state import CLIENT, STORE_KEY, WELCOME, Store, bank, store

STATE_KEY = "cc_device_state"


@dataclass
class DeviceState:
    """What this server session knows about the copy on the device."""

    ask: str = field(default_factory=lambda: secrets.token_hex(6))  # also the writer id
    phase: str = "waiting"  # waiting | ready | unavailable
    autosave: bool = True
    offer: str | None = None  # the client id to offer on the welcome page
    offer_saved_at: int = 0
    stamps: dict[str, int] = field(default_factory=dict)  # client id -> last change
    fps: dict[str, str] = field(default_factory=dict)  # client id -> fingerprint
    seen: dict[str, int] = field(default_factory=dict)  # last change seen, by client id
    deleted: dict[str, int] = field(default_factory=dict)  # tombstones: client id -> when
    saved_at: int = 0
    overall: str = ""
    payload: str | None = None
    accept: str = ""
    forget: int = 0
    last_sync: str | None = None
    heard: str = ""  # the token of the last copy another tab wrote that this run took in
    conflict: DeviceSession | None = None
    conflict_names: tuple[str, ...] = ()
    failing: bool = False
    # A page left open across a server restart: what its first click sent (widget
    # states, serialised), done again once the work is back from the device.
    replay: list[bytes] | None = None


def device_state() -> DeviceState:
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = DeviceState()
    return st.session_state[STATE_KEY]


def now_ms() -> int:
    return int(time.time() * 1000)


def device_error_message(error: LoadError, lang: str) -> str:
    reason = {
        "too_large": "device_reason_too_large",
        "not_json": "device_reason_damaged",
        "not_client_check": "device_reason_foreign",
        "newer_version": "device_reason_newer",
    }.get(error.code, "device_reason_damaged")
    return t("device_restore_failed", lang, reason=t(reason, lang))


def unreadable_message(question_ids: tuple[str, ...], lang: str) -> str:
    """Say which saved answers could not be read and were left blank (the rest is back)."""
    texts = [bank().question(q).text(lang) for q in question_ids if q in bank().question_ids]
    return t("device_unreadable", lang, questions=quoted_list(texts, lang) or "—")


def ago(ms: int, now: int, lang: str) -> str:
    """How long ago ``ms`` was, in words."""
    minutes = max(0, now - ms) // 60_000
    if minutes < 1:
        return t("ago_now", lang)
    if minutes < 60:
        return t("ago_minutes_one" if minutes == 1 else "ago_minutes", lang, n=minutes)
    hours = minutes // 60
    if hours < 24:
        return t("ago_hours_one" if hours == 1 else "ago_hours", lang, n=hours)
    days = hours // 24
    return t("ago_yesterday" if days == 1 else "ago_days", lang, n=days)


# --- what is kept for each client --------------------------------------------------


def extras_for(s: Store, record_id: str, changed_at: int) -> ClientExtras:
    prefix = f"{record_id}|"
    drafts = {k[len(prefix) :]: dict(v) for k, v in s.drafts.items() if k.startswith(prefix)}
    return ClientExtras(
        changed_at=changed_at,
        details=dict(s.details.get(record_id, {})),
        drafts=drafts,
        chosen=list(s.chosen_drafts.get(record_id, [])),
        raw={k: v for k, v in s.raw.get(record_id, {}).items() if v},
    )


def fingerprint(record: ClientRecord, extras: ClientExtras) -> str:
    return repr(
        (
            record.name,
            record.notes,
            sorted(record.answers.items()),
            record.assessed_on,
            record.step,
            sorted(extras.details.items()),
            sorted(extras.drafts.items()),
            extras.chosen,
            sorted(extras.raw.items()),
        )
    )


def record_is_blank(s: Store, record: ClientRecord) -> bool:
    extras = extras_for(s, record.id, 0)
    return not (record.name or record.notes or record.answers or extras.details) and not (
        extras.drafts or extras.chosen or extras.raw
    )


def is_blank(s: Store) -> bool:
    return len(s.clients) == 1 and record_is_blank(s, s.clients[0])


def adopt(saved: DeviceSession, d: DeviceState, *, replace_all: bool) -> None:
    """Put the saved clients into this session (after the ones already here, if any)."""
    s = store()
    if replace_all or is_blank(s):
        fresh = Store(clients=[], step=s.step, step_changes=s.step_changes, flash=s.flash)
        st.session_state[STORE_KEY] = s = fresh
        d.stamps, d.fps = {}, {}
    present = {r.id for r in s.clients}
    first = len(s.clients)
    drop_widget_keys({r.id for r in saved.clients} - present)
    for record, extras in zip(saved.clients, saved.extras, strict=True):
        if record.id in present or len(s.clients) >= MAX_CLIENTS:
            continue
        s.clients.append(record)
        s.details[record.id] = dict(extras.details)
        for key, edit in extras.drafts.items():
            s.drafts[f"{record.id}|{key}"] = dict(edit)
        if extras.chosen:
            s.chosen_drafts[record.id] = list(extras.chosen)
        if extras.raw:
            s.raw[record.id] = dict(extras.raw)
        d.stamps[record.id] = extras.changed_at
        d.fps[record.id] = fingerprint(record, extras_for(s, record.id, 0))
    if not s.clients:
        s.clients.append(ClientRecord())
    if first == 0:
        s.current = min(saved.current, len(s.clients) - 1)
    d.seen.update(saved.stamps)
    take_tombstones(saved.deleted, d)
    d.saved_at = max(d.saved_at, saved.saved_at)


def take_tombstones(deleted: dict[str, int] | object, d: DeviceState) -> None:
    """Remember another copy's tombstones, so this tab's next copy carries them on."""
    if isinstance(deleted, dict):
        for record_id, at in deleted.items():
            if record_id not in d.fps:
                d.deleted[record_id] = max(at, d.deleted.get(record_id, 0))


def drop_widget_keys(record_ids: set[str]) -> None:
    """Forget widget values of these clients, so their fields show the restored values."""
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and record_ids & set(key.split("|")):
            del st.session_state[key]


def saved_step(record: ClientRecord) -> str:
    return CLIENT if record.step == WELCOME else record.step
