"""Autosave on the user's own device: the whole session in the browser's ``localStorage``.

A small ``st.components.v2`` component (inline JavaScript, no build step) does the
storage calls in the page; Python decides what to keep and validates what comes back
exactly like an uploaded session file (``clientcheck.persistence.device``). Nothing is written on
the server.

How a page load goes:

1. The first run does not know yet what the device holds: the welcome page keeps its
   start buttons hidden for that moment, and nothing is written.
2. The component reads the device once for this server session and sends the text back;
   the next run validates it, restores the clients and offers to continue. A bad copy
   gives a message and a clean start; no storage (private mode) a one-line notice.
3. From then on the component is drawn at the end of every run with the session as
   text, and writes it when it changed. If another tab wrote in between, it does not
   overwrite: this tab asks first when the other copy holds newer work.

After a server restart the page stays open and a new server session starts: the
component answers again, and the work comes back on the step where it was.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

import streamlit as st

from clientcheck.bank.answers import is_answered
from clientcheck.bank.records import ClientRecord
from clientcheck.i18n import t
from clientcheck.persistence.device import (
    ClientExtras,
    DeviceSession,
    device_token,
    dumps_device,
    loads_device,
    newer_elsewhere,
)
from clientcheck.persistence.storage import MAX_CLIENTS, LoadError
from clientcheck.ui.layout import literal
from clientcheck.ui.state import CLIENT, STORE_KEY, WELCOME, Store, bank, go, store

COMPONENT_KEY = "cc_device"
STATE_KEY = "cc_device_state"
STORAGE_KEY = "clientcheck.session"
PREF_KEY = "clientcheck.autosave"

JS = """
const KEY = "clientcheck.session";
const PREF = "clientcheck.autosave";
let answered = null;  // the server session this page load last answered
let known = null;     // the copy this tab last read or wrote
let mine = null;      // the copy this tab last wrote
let lastSync = null;  // the last foreign copy reported to the server
let lastForget = "";
let failing = false;
let latest = null;    // the newest {data, setTriggerValue}
let listening = false;

// Messages go as trigger values: they reach one run and are not sent again with every
// later interaction (a copy can weigh tens of kilobytes).
function report(name, value) {
  try { latest.setTriggerValue(name, value); } catch (e) { /* the page is going away */ }
}

function storage() {
  try { return window.localStorage; } catch (e) { return null; }
}

function probe() {
  // Private modes may refuse storage or any write; find out before relying on it.
  try {
    const s = window.localStorage;
    s.setItem("clientcheck.probe", "1");
    s.removeItem("clientcheck.probe");
    return s;
  } catch (e) {
    return null;
  }
}

function read(s, key) {
  try { return s.getItem(key); } catch (e) { return null; }
}

// Names a copy by the tab that wrote it and when; "?" for a copy that is not ours.
function token(text) {
  try {
    const d = JSON.parse(text);
    if (d && typeof d.writer === "string" && Number.isSafeInteger(d.saved_at)) {
      return d.writer + ":" + d.saved_at;
    }
  } catch (e) { /* not JSON */ }
  return "?";
}

function onStorage(event) {
  const data = latest && latest.data;
  if (!data || !data.ready || (event.key !== null && event.key !== KEY)) return;
  const s = storage();
  const text = s ? read(s, KEY) : null;
  if (text === null || text === known || text === lastSync) return;
  reportSync(data, text);
}

// Tell the server another tab saved `text`, and again every 2 s until it says it heard
// (data.heard): a report can be lost when the page changes under it, and this tab must
// not go on as if nobody else had written.
let syncTimer = null;
function reportSync(data, text) {
  lastSync = text;
  report("sync", {ask: data.ask, text: text});
  clearTimeout(syncTimer);
  syncTimer = setTimeout(() => {
    const now = latest && latest.data;
    const s = storage();
    if (now && now.ready && now.heard !== token(text) && s && read(s, KEY) === text) {
      reportSync(now, text);
    }
  }, 2000);
}

function save(data) {
  const s = storage();
  if (!s) return;
  try {
    if (data.forget && data.forget !== lastForget) {
      lastForget = data.forget;
      s.removeItem(KEY);
      s.removeItem(PREF);
      known = mine = null;
    }
    if (data.autosave) {
      if (read(s, PREF) !== null) s.removeItem(PREF);
    } else if (read(s, PREF) !== "off") {
      s.setItem(PREF, "off");
    }
    const want = data.autosave && data.payload ? data.payload : null;
    const current = read(s, KEY);
    if (current === want) { known = want; return; }
    if (want === null) {
      // Nothing to keep: remove this tab's own copy (or all, with autosave off); a copy
      // this tab did not write stays until there is work to save over it.
      if (!data.autosave || current === mine) { s.removeItem(KEY); known = mine = null; }
      return;
    }
    const mark = current === null ? "" : token(current);
    if (current !== null && current !== known && mark !== "?" && mark !== data.accept) {
      // Another tab wrote since: the server decides whether that is newer work.
      if (current !== lastSync && mark !== data.heard) reportSync(data, current);
      return;
    }
    s.setItem(KEY, want);
    known = mine = want;
    if (failing) { failing = false; report("status", {ask: data.ask, ok: true}); }
  } catch (e) {
    if (!failing) { failing = true; report("status", {ask: data.ask, ok: false}); }
  }
}

export default function (component) {
  const { data, setTriggerValue } = component;
  latest = {data: data, setTriggerValue: setTriggerValue};
  if (!data || !data.ask) return;
  if (!listening) {
    listening = true;
    window.addEventListener("storage", onStorage);
  }
  if (answered !== data.ask) {
    // Once per server session: on a page load, and again after a server restart.
    const again = answered !== null;
    answered = data.ask;
    const s = probe();
    if (!s) { report("loaded", {ask: data.ask, available: false, again: again}); return; }
    const text = read(s, KEY);
    known = text;
    report("loaded", {
      ask: data.ask, available: true, again: again,
      autosave: read(s, PREF) !== "off", text: text,
    });
    return;
  }
  if (data.ready) save(data);
}
"""

CSS = """<style>
/* Until the device has answered, the start buttons keep their place but stay hidden, so
   nobody sees "Start" turn into "Continue"; after 2 s they show anyway. */
.st-key-cc_start_waiting { visibility: hidden; animation: cc-reveal 0s 2s forwards; }
@keyframes cc-reveal { to { visibility: visible; } }
</style>"""

_component = st.components.v2.component("clientcheck_device", js=JS)


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


# --- what is kept for each client --------------------------------------------------


def _extras_for(s: Store, record_id: str, changed_at: int) -> ClientExtras:
    prefix = f"{record_id}|"
    drafts = {k[len(prefix) :]: dict(v) for k, v in s.drafts.items() if k.startswith(prefix)}
    return ClientExtras(
        changed_at=changed_at,
        details=dict(s.details.get(record_id, {})),
        drafts=drafts,
        chosen=list(s.chosen_drafts.get(record_id, [])),
        raw={k: v for k, v in s.raw.get(record_id, {}).items() if v},
    )


def _fingerprint(record: ClientRecord, extras: ClientExtras) -> str:
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


def _is_blank(s: Store) -> bool:
    if len(s.clients) != 1:
        return False
    record = s.clients[0]
    extras = _extras_for(s, record.id, 0)
    return not (record.name or record.notes or record.answers or extras.details) and not (
        extras.drafts or extras.chosen or extras.raw
    )


def _adopt(saved: DeviceSession, d: DeviceState, *, replace_all: bool) -> None:
    """Put the saved clients into this session (after the ones already here, if any)."""
    s = store()
    if replace_all or _is_blank(s):
        fresh = Store(clients=[], step=s.step, step_changes=s.step_changes, flash=s.flash)
        st.session_state[STORE_KEY] = s = fresh
        d.stamps, d.fps = {}, {}
    present = {r.id for r in s.clients}
    first = len(s.clients)
    _drop_widget_keys({r.id for r in saved.clients} - present)
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
        d.fps[record.id] = _fingerprint(record, _extras_for(s, record.id, 0))
    if not s.clients:
        s.clients.append(ClientRecord())
    if first == 0:
        s.current = min(saved.current, len(s.clients) - 1)
    d.seen.update(saved.stamps)
    d.saved_at = max(d.saved_at, saved.saved_at)


def _drop_widget_keys(record_ids: set[str]) -> None:
    """Forget widget values of these clients, so their fields show the restored values."""
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and record_ids & set(key.split("|")):
            del st.session_state[key]


def _saved_step(record: ClientRecord) -> str:
    return CLIENT if record.step == WELCOME else record.step


# --- every run: read what the component sent back --------------------------------------


def begin(lang: str) -> None:
    """Take in what the device sent since the last run. Call before anything is drawn."""
    d = device_state()
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
        if sync.get("text") != d.last_sync:
            d.last_sync = sync.get("text")
            d.heard = device_token(d.last_sync) if isinstance(d.last_sync, str) else ""
            _on_sync(d.last_sync, d, lang)
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
    was_blank = _is_blank(s)
    _adopt(saved, d, replace_all=False)
    s = store()
    if loaded.get("again") and was_blank:
        # The server restarted under an open page: carry on where the work was.
        go(_saved_step(s.record))
    elif s.step == WELCOME:
        d.offer = saved.clients[saved.current].id
        d.offer_saved_at = saved.saved_at


def _on_sync(text: object, d: DeviceState, lang: str) -> None:
    """Another tab changed the copy on the device: ask only if it holds newer work."""
    if not isinstance(text, str):
        return
    try:
        other = loads_device(text, bank())
    except LoadError:
        d.accept = device_token(text)  # a copy nobody can open: this tab may replace it
        return
    if other.writer == d.ask:
        return
    newer = newer_elsewhere(other, d.seen)
    if not newer:
        d.accept = other.token
        d.seen.update(other.stamps)
        d.conflict = None
        return
    d.conflict = other
    d.conflict_names = tuple(r.display_name(t("unnamed_client", lang)) for r in newer)


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
    _adopt(other, d, replace_all=True)
    d.accept = other.token
    d.conflict = None
    s = store()
    s.step = _saved_step(s.record) if step != WELCOME else WELCOME
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


# --- the end of every run: hand the session to the component ---------------------------


def _payload(s: Store, d: DeviceState, lang: str) -> str | None:
    """The session as the device keeps it, rebuilt only when something changed."""
    if _is_blank(s):
        d.overall, d.payload = "", None
        return None
    now = now_ms()
    if s.step != WELCOME:
        s.record.step = s.step
    extras = []
    for record in s.clients:
        client_extras = _extras_for(s, record.id, 0)
        fingerprint = _fingerprint(record, client_extras)
        if d.fps.get(record.id) != fingerprint:
            d.fps[record.id] = fingerprint
            d.stamps[record.id] = now
        client_extras.changed_at = d.stamps[record.id]
        d.seen[record.id] = max(d.seen.get(record.id, 0), client_extras.changed_at)
        extras.append(client_extras)
    overall = repr(([d.fps[r.id] for r in s.clients], s.current, lang))
    if overall != d.overall or d.payload is None:
        d.overall = overall
        d.saved_at = max(now, d.saved_at + 1)
        d.payload = dumps_device(
            s.clients, s.current, lang, extras, saved_at=d.saved_at, writer=d.ask
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


def _heard() -> None:
    """Keep what the device sent until ``begin`` reads it, at the top of the next full run.

    The component's values are triggers, which last one run: when that run is a
    fragment's (the results page), they would be gone before ``begin`` sees them.
    """
    value = st.session_state.get(COMPONENT_KEY)
    if isinstance(value, dict):
        heard = st.session_state.setdefault(_HEARD_KEY, {})
        heard.update({k: v for k, v in value.items() if v is not None})


_HEARD_KEY = "cc_device_heard"


# --- the welcome page ----------------------------------------------------------------


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


def _continue() -> None:
    s = store()
    d = device_state()
    ids = [r.id for r in s.clients]
    if d.offer in ids:
        s.current = ids.index(d.offer)
    d.offer = None
    go(_saved_step(s.record))


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
    if d.phase == "waiting":
        st.html(CSS)
    with st.container(key="cc_start_waiting" if d.phase == "waiting" else "cc_start"):
        if d.offer in ids:
            record = s.clients[ids.index(d.offer)]
            questions = list(bank().questions())
            answered = sum(1 for q in questions if is_answered(record.answers.get(q.id)))
            label = t(
                "continue_saved",
                lang,
                name=literal(record.display_name(t("unnamed_client", lang))),
                answered=answered,
                total=len(questions),
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


def _set_autosave() -> None:
    device_state().autosave = bool(st.session_state.get("device_autosave"))


def _forget(lang: str) -> None:
    d = device_state()
    st.session_state[STORE_KEY] = Store()
    d.forget += 1
    d.autosave = True
    d.offer = None
    d.conflict = None
    d.stamps, d.fps, d.seen = {}, {}, {}
    d.overall, d.payload = "", None
    st.session_state["device_confirm_forget"] = False
    st.session_state.pop("device_autosave", None)
    store().flash.append(("success", t("device_forgotten", lang)))


def device_panel(lang: str) -> None:
    """What is kept on this device, autosave on or off, and forgetting it all."""
    d = device_state()
    with st.expander(t("device_title", lang), icon=":material/devices:"):
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
