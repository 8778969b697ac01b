"""The client records a session works on: plain data, no Streamlit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date

from clientcheck.bank.answers import Answer

MAX_NAME_CHARS = 120
MAX_NOTES_CHARS = 2000


@dataclass(frozen=True)
class Snapshot:
    """An earlier assessment of the same client, loaded to compare then and now."""

    name: str
    answers: dict[str, Answer]
    assessed_on: date


@dataclass
class ClientRecord:
    """One client being assessed: their name, notes and answers by question id."""

    name: str = ""
    notes: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)
    assessed_on: date = field(default_factory=date.today)
    step: str = "client"
    earlier: Snapshot | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def display_name(self, fallback: str) -> str:
        """The name on one line (a name never spans lines), or ``fallback`` when empty."""
        return " ".join(self.name.split()) or fallback

    def duplicate(self, name: str) -> ClientRecord:
        return replace(self, name=name, answers=dict(self.answers), id=uuid.uuid4().hex[:12])


def name_problem(name: str) -> str | None:
    """Return an error code if ``name`` cannot be a client name, else None."""
    if not name.strip():
        return "name_empty"
    if len(name) > MAX_NAME_CHARS:
        return "name_too_long"
    if "\x00" in name:
        return "name_bad_chars"
    return None
