"""The answers file: a versioned JSON document the app and the command line load back.

Format (``schema_version`` 1), one client::

    {"format": "client-check/assessment", "schema_version": 1, "language": "fr",
     "saved_on": "2026-11-27",
     "client": {"name": "Acme", "notes": ""},
     "assessed_on": "2026-11-27",
     "answers": {"late_payment.late_invoices": 3, "disrespect.insults": "no", ...},
     "step": "sign:demanding"}

or a whole session, several clients::

    {"format": "client-check/session", "schema_version": 1, "language": "en",
     "saved_on": "2026-11-27", "current": 0,
     "clients": [{"client": {...}, "assessed_on": "...", "answers": {...}}, ...]}

An answer is an option id, a number, or ``"dont_know"``. ``step`` (optional) is
where the questionnaire reopens: welcome, client, sign:<id>, results or compare.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from clientcheck.answers import AnswerError, validate_answers
from clientcheck.i18n import LANGS
from clientcheck.model import MAX_NAME_CHARS, MAX_NOTES_CHARS, ClientRecord
from clientcheck.questionnaire import QuestionBank

SCHEMA_VERSION = 1
ASSESSMENT_FORMAT = "client-check/assessment"
SESSION_FORMAT = "client-check/session"
MAX_FILE_BYTES = 1_000_000
MAX_CLIENTS = 50

_TOP_FIELDS = {"format", "schema_version", "language", "saved_on"}
_CLIENT_FIELDS = {"client", "assessed_on", "answers", "step"}
_STEP_PATTERN = re.compile(r"^(welcome|client|results|compare|sign:[a-z_]{1,40})$")


class LoadError(ValueError):
    """A file that cannot be loaded; ``code`` picks the message, ``detail`` says where."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Loaded:
    language: str
    clients: tuple[ClientRecord, ...]
    current: int


def _client_dict(record: ClientRecord) -> dict:
    return {
        "client": {"name": record.name, "notes": record.notes},
        "assessed_on": record.assessed_on.isoformat(),
        "answers": dict(sorted(record.answers.items())),
        "step": record.step,
    }


def dumps_assessment(record: ClientRecord, lang: str, today: date | None = None) -> bytes:
    """Serialise one client's assessment."""
    doc = {
        "format": ASSESSMENT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "language": lang,
        "saved_on": (today or date.today()).isoformat(),
        **_client_dict(record),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def dumps_session(
    records: Sequence[ClientRecord], current: int, lang: str, today: date | None = None
) -> bytes:
    """Serialise every client of a session."""
    doc = {
        "format": SESSION_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "language": lang,
        "saved_on": (today or date.today()).isoformat(),
        "current": current,
        "clients": [_client_dict(r) for r in records],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def _date(value: object, where: str) -> date:
    if not isinstance(value, str):
        raise LoadError("bad_field", where)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise LoadError("bad_field", where) from None


def _client(raw: object, bank: QuestionBank, where: str) -> ClientRecord:
    if not isinstance(raw, dict):
        raise LoadError("bad_field", where)
    unknown = set(raw) - _CLIENT_FIELDS
    if unknown:
        raise LoadError("unknown_field", ", ".join(sorted(unknown)))
    client = raw.get("client")
    if not isinstance(client, dict) or set(client) - {"name", "notes"}:
        raise LoadError("bad_field", f"{where}client")
    name, notes = client.get("name", ""), client.get("notes", "")
    if not isinstance(name, str) or len(name) > MAX_NAME_CHARS or "\x00" in name:
        raise LoadError("bad_field", f"{where}client.name")
    if not isinstance(notes, str) or len(notes) > MAX_NOTES_CHARS or "\x00" in notes:
        raise LoadError("bad_field", f"{where}client.notes")
    try:
        answers = validate_answers(bank, raw.get("answers", {}))
    except AnswerError as exc:
        raise LoadError("bad_answers", exc.code) from None
    step = raw.get("step", "results")
    if not isinstance(step, str) or not _STEP_PATTERN.match(step):
        raise LoadError("bad_field", f"{where}step")
    if step.startswith("sign:") and step[5:] not in {s.id for s in bank.signs}:
        step = "client"
    return ClientRecord(
        name=name,
        notes=notes,
        answers=answers,
        assessed_on=_date(raw.get("assessed_on"), f"{where}assessed_on"),
        step=step,
    )


def loads(data: bytes, bank: QuestionBank) -> Loaded:
    """Parse and validate an answers or session file; raise LoadError with a reason code."""
    if len(data) > MAX_FILE_BYTES:
        raise LoadError("too_large")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise LoadError("not_json") from None
    if not isinstance(doc, dict):
        raise LoadError("not_client_check")
    fmt = doc.get("format")
    if fmt not in (ASSESSMENT_FORMAT, SESSION_FORMAT):
        raise LoadError("not_client_check")
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LoadError("bad_field", "schema_version")
    if version > SCHEMA_VERSION:
        raise LoadError("newer_version", str(version))
    language = doc.get("language")
    if language not in LANGS:
        raise LoadError("bad_field", "language")
    _date(doc.get("saved_on"), "saved_on")
    if fmt == ASSESSMENT_FORMAT:
        unknown = set(doc) - _TOP_FIELDS - _CLIENT_FIELDS
        if unknown:
            raise LoadError("unknown_field", ", ".join(sorted(unknown)))
        body = {k: v for k, v in doc.items() if k in _CLIENT_FIELDS}
        return Loaded(language, (_client(body, bank, ""),), 0)
    unknown = set(doc) - _TOP_FIELDS - {"clients", "current"}
    if unknown:
        raise LoadError("unknown_field", ", ".join(sorted(unknown)))
    clients = doc.get("clients")
    if not isinstance(clients, list) or not clients:
        raise LoadError("bad_field", "clients")
    if len(clients) > MAX_CLIENTS:
        raise LoadError("too_many_clients", str(len(clients)))
    records = tuple(_client(c, bank, f"clients[{i}].") for i, c in enumerate(clients))
    current = doc.get("current", 0)
    if not isinstance(current, int) or isinstance(current, bool) or not 0 <= current < len(records):
        current = 0
    return Loaded(language, records, current)
