"""The answers file: a versioned JSON document the app and the command line load back.

Format (``schema_version`` 3; version 1 and 2 files are migrated on load), one client::

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

Version 2 changed some questions (see ``migrate_v1_answers``): a version-1 file still
loads, its answers carried over where the meaning is the same, and ``Loaded.dropped``
names the questions whose old answers could not be carried over.

Version 3 added the optional Money answers (``money.*``, see ``clientcheck/engine/money.py``):
a version-2 file has none, so its answers carry over unchanged
(``migrate_v2_answers``); version 1 goes through 2 to 3.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from clientcheck.bank.answers import AnswerError, readable_answers, validate_answers
from clientcheck.bank.questions import QuestionBank
from clientcheck.bank.records import MAX_NAME_CHARS, MAX_NOTES_CHARS, ClientRecord
from clientcheck.i18n import LANGS

SCHEMA_VERSION = 4
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
    dropped: tuple[str, ...] = ()  # older question ids whose answers were not carried over
    unreadable: tuple[str, ...] = ()  # answers left out, read leniently (the device's copy)


# Version 1 -> 2: how each changed answer is carried over. Answers to questions that
# kept their id and meaning pass through unchanged.
_V1_INCIDENT = {"yes": "once", "no": "no"}


def migrate_v1_answers(raw: object) -> tuple[object, list[str]]:
    """Carry version-1 answers over to version 2; return them and the ids not carried over."""
    if not isinstance(raw, dict):
        return raw, []
    answers = dict(raw)
    dropped: list[str] = []
    late = answers.get("late_payment.late_invoices")
    if isinstance(late, int | float) and not isinstance(late, bool):
        # Version 1 asked "of your last 10 invoices".
        answers.setdefault("late_payment.invoices_total", 10)
    for qid in ("late_payment.unpaid_90", "disrespect.insults"):
        if qid in answers and answers[qid] != "dont_know":
            if answers[qid] in _V1_INCIDENT:
                answers[qid] = _V1_INCIDENT[answers[qid]]
    ethics = answers.pop("disrespect.ethics", None)
    if ethics == "no":
        answers["disrespect.ethics"] = "never"
    elif ethics == "dont_know":
        answers["disrespect.ethics"] = "dont_know"
    elif ethics is not None:
        dropped.append("disrespect.ethics")  # "yes" does not say how often
    breach = answers.pop("contract_breach.broken_term", None)
    if breach is not None and breach != "dont_know":
        dropped.append("contract_breach.broken_term")  # now: which term, and how often
    favours = answers.pop("unprofessional.favours", None)
    if favours is not None:
        # The same question as demanding.free_extras, which now covers favours too.
        answers.setdefault("demanding.free_extras", favours)
    return answers, dropped


MONEY_PREFIX = "money."


def migrate_v2_answers(raw: object) -> object:
    """Carry version-2 answers over to version 3: unchanged, as Money answers are new.

    Raises AnswerError for a Money answer in an older file: those questions did not exist.
    """
    if isinstance(raw, dict):
        for qid in raw:
            if isinstance(qid, str) and qid.startswith(MONEY_PREFIX):
                raise AnswerError(f"unknown_question:{qid}")
    return raw


# Options a question no longer offers, within version 4, and what each now reads as: the
# workload question lost the terms options ("I went further ... they pay the fee"), which
# never fitted it.
_WITHDRAWN = {
    "less_work.raised": {
        "self_corrected": "improved",
        "enforced_paid": "enforced",
        "enforced_complied": "enforced",
    },
}


def carry_withdrawn_options(raw: object) -> object:
    """Read an option a question no longer offers as the one that now says the same."""
    if not isinstance(raw, dict):
        return raw
    answers = dict(raw)
    for qid, renamed in _WITHDRAWN.items():
        value = answers.get(qid)
        if isinstance(value, str) and value in renamed:
            answers[qid] = renamed[value]
    return answers


def migrate_v3_answers(raw: object) -> tuple[object, list[str]]:
    """Carry version-3 answers over to version 4; return them and the ids to answer again."""
    if not isinstance(raw, dict):
        return raw, []
    answers = dict(raw)
    dropped: list[str] = []
    term = answers.pop("contract_breach.breach_term", None)
    if term is not None:
        answers["contract_breach.terms_broken"] = term if term == "dont_know" else [term]
    # Two questions went, to keep the questionnaire as short as before: whether the client
    # warns before paying late (now read from why money is overdue) and whether they resist
    # putting agreements in writing.
    answers.pop("late_payment.warns_ahead", None)
    answers.pop("contract_breach.avoids_writing", None)
    # Cancelling planned work is a broken commitment, no longer a sign of less work.
    if "less_work.cancelled" in answers:
        answers["contract_breach.cancelled"] = answers.pop("less_work.cancelled")
    crossed = answers.pop("unprofessional.inappropriate", None)
    if crossed is not None:
        answers["unprofessional.crossed_line"] = crossed
        if crossed == "yes":
            dropped.append("unprofessional.inappropriate")  # now: what happened, exactly
    return answers, dropped


def _client_dict(record: ClientRecord) -> dict:
    return {
        "client": {"name": record.name, "notes": record.notes},
        "assessed_on": record.assessed_on.isoformat(),
        "answers": {
            k: list(v) if isinstance(v, tuple) else v for k, v in sorted(record.answers.items())
        },
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


def _client(
    raw: object,
    bank: QuestionBank,
    where: str,
    version: int = SCHEMA_VERSION,
    dropped=None,
    unreadable: list[str] | None = None,
) -> ClientRecord:
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
    raw_answers = raw.get("answers", {})
    if version == 1:
        raw_answers, lost = migrate_v1_answers(raw_answers)
        if dropped is not None:
            dropped.extend(q for q in lost if q not in dropped)
    try:
        if version <= 2:
            raw_answers = migrate_v2_answers(raw_answers)
        if version <= 3:
            raw_answers, lost = migrate_v3_answers(raw_answers)
            if dropped is not None:
                dropped.extend(q for q in lost if q not in dropped)
        raw_answers = carry_withdrawn_options(raw_answers)
        if unreadable is None:
            answers = validate_answers(bank, raw_answers)
        else:
            answers, left_out = readable_answers(bank, raw_answers)
            unreadable.extend(q for q in left_out if q not in unreadable)
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


def loads(data: bytes, bank: QuestionBank, lenient: bool = False) -> Loaded:
    """Parse and validate an answers or session file; raise LoadError with a reason code.

    ``lenient`` (the copy kept on the user's own device): an answer that cannot be read is
    left out and named in ``Loaded.unreadable``, instead of refusing the whole copy.
    """
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
        dropped: list[str] = []
        unreadable: list[str] | None = [] if lenient else None
        record = _client(body, bank, "", version, dropped, unreadable)
        return Loaded(language, (record,), 0, tuple(dropped), tuple(unreadable or ()))
    unknown = set(doc) - _TOP_FIELDS - {"clients", "current"}
    if unknown:
        raise LoadError("unknown_field", ", ".join(sorted(unknown)))
    clients = doc.get("clients")
    if not isinstance(clients, list) or not clients:
        raise LoadError("bad_field", "clients")
    if len(clients) > MAX_CLIENTS:
        raise LoadError("too_many_clients", str(len(clients)))
    lost: list[str] = []
    unread: list[str] | None = [] if lenient else None
    records = tuple(
        _client(c, bank, f"clients[{i}].", version, lost, unread) for i, c in enumerate(clients)
    )
    current = doc.get("current", 0)
    if not isinstance(current, int) or isinstance(current, bool) or not 0 <= current < len(records):
        current = 0
    return Loaded(language, records, current, tuple(lost), tuple(unread or ()))
