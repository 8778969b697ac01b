"""What the app keeps in the browser's own storage on the user's device: plain data, no Streamlit.

The device payload wraps a session file, byte for byte what ``storage.dumps_session``
writes and ``storage.loads`` reads back (size cap, schema version and migration,
unknown ids), with what the file format does not hold in a separately versioned part::

    {"format": "client-check/device", "device_version": 1,
     "saved_at": 1764343902000, "writer": "3f9c0a1b2d4e",
     "session": "<the session file, as text>",
     "extras": {"version": 1, "clients": [
         {"id": "a1b2c3d4e5f6", "changed_at": 1764343902000,
          "details": {"sender_name": "Ana", "due_date": "2026-12-01", ...},
          "drafts": {"payment_terms|firm|en": {"subject": "...", "body": "..."}},
          "chosen": ["payment_terms|firm"], "raw": {"late_payment.days_late": "4O"}},
         ...],
         "deleted": {"0f1e2d3c4b5a": 1764343950000, ...}}}

``extras.clients`` lines up with the session's clients. ``extras.deleted`` (version 2)
holds a tombstone per client deleted lately: its id and when, no name. Another tab that
still holds that client, unchanged since, drops it instead of saving it back. Times are
milliseconds since 1970 (UTC). ``writer`` names the tab (browser session) that wrote it,
so another tab can tell that the copy on the device changed under it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from clientcheck.bank.questions import QuestionBank
from clientcheck.bank.records import ClientRecord
from clientcheck.i18n import LANGS
from clientcheck.persistence.details import DAY_KINDS, DETAIL_KINDS, MAX_DETAIL_CHARS
from clientcheck.persistence.storage import MAX_FILE_BYTES, LoadError, dumps_session, loads

DEVICE_FORMAT = "client-check/device"
DEVICE_VERSION = 1
EXTRAS_VERSION = 2  # 2: tombstones of deleted clients ("deleted"); 1 is still read
# The session part is capped by storage.loads (MAX_FILE_BYTES); drafts may add as much again.
MAX_DEVICE_CHARS = 2 * MAX_FILE_BYTES
MAX_SUBJECT_CHARS = 300
MAX_DRAFT_CHARS = 20_000
MAX_RAW_CHARS = 40
MAX_DRAFTS_PER_CLIENT = 200
MAX_CHOSEN_PER_CLIENT = 100
# Tombstones: a deleted client is remembered this long (a tab left open longer is rare),
# and at most this many (the newest), about 40 characters each.
TOMBSTONE_DAYS = 90
MAX_TOMBSTONES = 200
# In "chosen": the user unticked every draft, so none goes in the summary (without any
# entry, the first suggested draft does).
NO_DRAFT = "none"

_TOP_FIELDS = {"format", "device_version", "saved_at", "writer", "session", "extras"}
_CLIENT_EXTRA_FIELDS = {"id", "changed_at", "details", "drafts", "chosen", "raw"}
_ID = re.compile(r"^[0-9a-f]{12}$")
_MAX_TIME = 253_402_300_799_000  # 9999-12-31, in milliseconds


@dataclass
class ClientExtras:
    """What the device keeps for one client beyond the answers file."""

    changed_at: int = 0
    details: dict[str, object] = field(default_factory=dict)
    # "message|tone|lang" -> {"subject": ..., "body": ...}
    drafts: dict[str, dict[str, str]] = field(default_factory=dict)
    chosen: list[str] = field(default_factory=list)  # "message|tone"
    raw: dict[str, str] = field(default_factory=dict)  # text typed into number fields


@dataclass(frozen=True)
class DeviceSession:
    """A validated device payload: the clients (with their saved ids) and their extras."""

    language: str
    clients: tuple[ClientRecord, ...]
    current: int
    extras: tuple[ClientExtras, ...]
    saved_at: int
    writer: str
    deleted: Mapping[str, int] = field(default_factory=dict)  # client id -> deleted at
    unreadable: tuple[str, ...] = ()  # question ids whose saved answer could not be read

    @property
    def token(self) -> str:
        """Names this copy on the device: which tab wrote it, and when."""
        return f"{self.writer}:{self.saved_at}"

    @property
    def stamps(self) -> dict[str, int]:
        """Each client's last change time, by client id."""
        return {c.id: e.changed_at for c, e in zip(self.clients, self.extras, strict=True)}


def _details_json(details: Mapping[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in sorted(details):
        value = details[name]
        if value is None or value == "":
            continue
        if isinstance(value, date):
            value = value.isoformat()
        out[name] = value
    return out


def client_extras_json(record_id: str, extras: ClientExtras) -> dict[str, object]:
    """One client's extras as they are written (also what its change time tracks)."""
    return {
        "id": record_id,
        "changed_at": extras.changed_at,
        "details": _details_json(extras.details),
        "drafts": {k: dict(v) for k, v in sorted(extras.drafts.items())},
        "chosen": list(extras.chosen),
        "raw": dict(sorted(extras.raw.items())),
    }


def client_fingerprint(record: ClientRecord, extras: ClientExtras, lang: str) -> str:
    """A digest of everything kept for one client (its change time aside)."""
    body = json.loads(dumps_session([record], 0, lang, today=date(2000, 1, 1)))["clients"][0]
    text = json.dumps(
        [body, client_extras_json(record.id, replace(extras, changed_at=0))],
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dumps_device(
    records: Sequence[ClientRecord],
    current: int,
    lang: str,
    extras: Sequence[ClientExtras],
    *,
    saved_at: int,
    writer: str,
    deleted: Mapping[str, int] | None = None,
    today: date | None = None,
) -> str:
    """Serialise a whole session for the device: the session file plus the extras.

    ``deleted``: tombstones (client id -> when it was deleted), pruned to the newest
    ``MAX_TOMBSTONES`` of the last ``TOMBSTONE_DAYS``; none for a client written here.
    """
    if len(records) != len(extras):
        raise ValueError("one extras entry per client")
    tombstones = prune_tombstones(deleted or {}, saved_at, {r.id for r in records})
    doc = {
        "format": DEVICE_FORMAT,
        "device_version": DEVICE_VERSION,
        "saved_at": saved_at,
        "writer": writer,
        "session": dumps_session(records, current, lang, today=today).decode("utf-8"),
        "extras": {
            "version": EXTRAS_VERSION,
            "clients": [client_extras_json(r.id, e) for r, e in zip(records, extras, strict=True)],
            "deleted": tombstones,
        },
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def prune_tombstones(
    deleted: Mapping[str, int], now: int, present: set[str] | frozenset[str] = frozenset()
) -> dict[str, int]:
    """The tombstones worth keeping: recent, the newest first few, none for a present client."""
    oldest = now - TOMBSTONE_DAYS * 86_400_000
    kept = sorted(
        ((at, cid) for cid, at in deleted.items() if cid not in present and at >= oldest),
        reverse=True,
    )[:MAX_TOMBSTONES]
    return {cid: at for at, cid in sorted(kept, key=lambda pair: pair[1])}


# --- reading it back -------------------------------------------------------------


def _time(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= _MAX_TIME:
        raise LoadError("bad_field", where)
    return value


def _text(value: object, limit: int, where: str) -> str:
    if not isinstance(value, str) or len(value) > limit or "\x00" in value:
        raise LoadError("bad_field", where)
    return value


def _dict(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise LoadError("bad_field", where)
    return value


def _details(raw: object, where: str) -> dict[str, object]:
    details: dict[str, object] = {}
    for name, value in _dict(raw, where).items():
        kind = DETAIL_KINDS.get(name)
        if kind is None:
            raise LoadError("unknown_field", f"{where}.{name}")
        if kind in DAY_KINDS:
            try:
                details[name] = date.fromisoformat(_text(value, 10, f"{where}.{name}"))
            except ValueError:
                raise LoadError("bad_field", f"{where}.{name}") from None
        elif kind == "percent":
            if not isinstance(value, int) or isinstance(value, bool) or not 10 <= value <= 100:
                raise LoadError("bad_field", f"{where}.{name}")
            details[name] = value
        else:
            details[name] = _text(value, MAX_DETAIL_CHARS, f"{where}.{name}")
    return details


def _draft_key_known(key: str, parts: int) -> bool:
    # Imported here: the message templates are not needed to open the first page.
    from clientcheck.guidance.messages import MESSAGE_IDS, TONES

    bits = key.split("|")
    if len(bits) != parts or bits[0] not in MESSAGE_IDS or bits[1] not in TONES:
        return False
    return parts == 2 or bits[2] in LANGS


def _extras(raw: object, where: str, bank: QuestionBank) -> tuple[str, ClientExtras]:
    entry = _dict(raw, where)
    unknown = set(entry) - _CLIENT_EXTRA_FIELDS
    if unknown:
        raise LoadError("unknown_field", ", ".join(sorted(unknown)))
    record_id = entry.get("id")
    if not isinstance(record_id, str) or not _ID.match(record_id):
        raise LoadError("bad_field", f"{where}.id")
    drafts: dict[str, dict[str, str]] = {}
    raw_drafts = _dict(entry.get("drafts", {}), f"{where}.drafts")
    if len(raw_drafts) > MAX_DRAFTS_PER_CLIENT:
        raise LoadError("bad_field", f"{where}.drafts")
    for key, edit in raw_drafts.items():
        edit = _dict(edit, f"{where}.drafts")
        if set(edit) - {"subject", "body"}:
            raise LoadError("unknown_field", f"{where}.drafts")
        checked = {
            "subject": _text(edit.get("subject", ""), MAX_SUBJECT_CHARS, f"{where}.drafts"),
            "body": _text(edit.get("body", ""), MAX_DRAFT_CHARS, f"{where}.drafts"),
        }
        # A draft of a message this version no longer offers is left out, not an error.
        if _draft_key_known(key, 3):
            drafts[key] = {k: v for k, v in checked.items() if k in edit}
    chosen_raw = entry.get("chosen", [])
    if not isinstance(chosen_raw, list) or len(chosen_raw) > MAX_CHOSEN_PER_CLIENT:
        raise LoadError("bad_field", f"{where}.chosen")
    chosen = []
    for item in chosen_raw:
        if not isinstance(item, str):
            raise LoadError("bad_field", f"{where}.chosen")
        if (item == NO_DRAFT or _draft_key_known(item, 2)) and item not in chosen:
            chosen.append(item)
    numbers = {q.id for q in bank.questions() if q.kind == "number"}
    typed = {}
    for question_id, text in _dict(entry.get("raw", {}), f"{where}.raw").items():
        text = _text(text, MAX_RAW_CHARS, f"{where}.raw")
        if question_id in numbers:
            typed[question_id] = text
    return record_id, ClientExtras(
        changed_at=_time(entry.get("changed_at"), f"{where}.changed_at"),
        details=_details(entry.get("details", {}), f"{where}.details"),
        drafts=drafts,
        chosen=chosen,
        raw=typed,
    )


def loads_device(text: object, bank: QuestionBank) -> DeviceSession:
    """Parse and validate what the device holds; raise LoadError with a reason code.

    The session part goes through ``storage.loads``, exactly like an uploaded session file.
    """
    if not isinstance(text, str):
        raise LoadError("not_json")
    if len(text) > MAX_DEVICE_CHARS:
        raise LoadError("too_large")
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise LoadError("not_json") from None
    if not isinstance(doc, dict) or doc.get("format") != DEVICE_FORMAT:
        raise LoadError("not_client_check")
    version = doc.get("device_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LoadError("bad_field", "device_version")
    if version > DEVICE_VERSION:
        raise LoadError("newer_version", f"device {version}")
    unknown = set(doc) - _TOP_FIELDS
    if unknown:
        raise LoadError("unknown_field", ", ".join(sorted(unknown)))
    saved_at = _time(doc.get("saved_at"), "saved_at")
    writer = doc.get("writer")
    if not isinstance(writer, str) or not _ID.match(writer):
        raise LoadError("bad_field", "writer")
    session = doc.get("session")
    if not isinstance(session, str):
        raise LoadError("bad_field", "session")
    # One answer that cannot be read costs that answer, never the whole work (a user's
    # walk: a reload after a fault lost everything).
    loaded = loads(session.encode("utf-8"), bank, lenient=True)
    extras_doc = _dict(doc.get("extras"), "extras")
    if set(extras_doc) - {"version", "clients", "deleted"}:
        raise LoadError("unknown_field", "extras")
    extras_version = extras_doc.get("version")
    if not isinstance(extras_version, int) or isinstance(extras_version, bool):
        raise LoadError("bad_field", "extras.version")
    if extras_version > EXTRAS_VERSION:
        raise LoadError("newer_version", f"extras {extras_version}")
    if extras_version < 1:
        raise LoadError("bad_field", "extras.version")
    entries = extras_doc.get("clients")
    if not isinstance(entries, list) or len(entries) != len(loaded.clients):
        raise LoadError("bad_field", "extras.clients")
    clients, extras = [], []
    for i, (record, entry) in enumerate(zip(loaded.clients, entries, strict=True)):
        record_id, client_extras = _extras(entry, f"extras.clients[{i}]", bank)
        clients.append(replace(record, id=record_id))
        extras.append(client_extras)
    if len({c.id for c in clients}) != len(clients):
        raise LoadError("bad_field", "extras.clients.id")
    deleted = _tombstones(extras_doc.get("deleted", {}), extras_version)
    return DeviceSession(
        language=loaded.language,
        clients=tuple(clients),
        current=loaded.current,
        extras=tuple(extras),
        saved_at=saved_at,
        writer=writer,
        # A client written in this copy is not deleted, whatever an old tombstone says.
        deleted={k: v for k, v in deleted.items() if k not in {c.id for c in clients}},
        unreadable=loaded.unreadable,
    )


def _tombstones(raw: object, version: int) -> dict[str, int]:
    if version < 2 and raw != {}:
        raise LoadError("unknown_field", "extras.deleted")
    entries = _dict(raw, "extras.deleted")
    if len(entries) > MAX_TOMBSTONES:
        raise LoadError("bad_field", "extras.deleted")
    for record_id, at in entries.items():
        if not isinstance(record_id, str) or not _ID.match(record_id):
            raise LoadError("bad_field", "extras.deleted")
        _time(at, "extras.deleted")
    return dict(entries)


def device_token(text: str) -> str:
    """Name a copy the way the browser side does: "writer:saved_at", or "?" if it has none."""
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return "?"
    if isinstance(doc, dict):
        writer, saved_at = doc.get("writer"), doc.get("saved_at")
        # JavaScript reads 1.0 and 1e3 as the integers 1 and 1000.
        if isinstance(saved_at, float) and saved_at.is_integer():
            saved_at = int(saved_at)
        safe = isinstance(saved_at, int) and not isinstance(saved_at, bool)
        if isinstance(writer, str) and safe and abs(saved_at) < 2**53:
            return f"{writer}:{saved_at}"
    return "?"


def deleted_since(other: DeviceSession, stamps: Mapping[str, int]) -> list[str]:
    """Clients another copy says were deleted after their last change here (ids)."""
    return [cid for cid, at in other.deleted.items() if cid in stamps and stamps[cid] <= at]


def newer_elsewhere(other: DeviceSession, seen: Mapping[str, int]) -> list[ClientRecord]:
    """The clients in ``other`` changed after the last version of them this tab has seen."""
    return [
        record
        for record, extras in zip(other.clients, other.extras, strict=True)
        if extras.changed_at > seen.get(record.id, -1)
    ]
