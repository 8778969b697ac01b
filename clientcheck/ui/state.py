"""The session's own store: clients, answers and the current step.

Answers live here, not only in widget keys: Streamlit deletes a widget's key
on a run where the widget is not drawn, so paging would otherwise lose them.
Everything stays in this browser session's memory; nothing is written to disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from clientcheck.bank.answers import Answer
from clientcheck.bank.loader import default_bank
from clientcheck.bank.questions import QuestionBank
from clientcheck.bank.records import ClientRecord

STORE_KEY = "cc_store"
WELCOME = "welcome"
CLIENT = "client"
RESULTS = "results"
COMPARE = "compare"


@dataclass
class Store:
    clients: list[ClientRecord] = field(default_factory=lambda: [ClientRecord()])
    current: int = 0
    step: str = WELCOME
    step_changes: int = 0
    # Text typed into number fields, kept even when invalid so nothing is lost.
    raw: dict[str, dict[str, str]] = field(default_factory=dict)
    # Per client: message details typed on the results page.
    details: dict[str, dict[str, object]] = field(default_factory=dict)
    # The user's own edits of a draft, by "client|message|tone|lang": {"subject": ..., "body": ...}
    drafts: dict[str, dict[str, str]] = field(default_factory=dict)
    # Per client: the drafts ("message|tone") to include in the summary.
    chosen_drafts: dict[str, list[str]] = field(default_factory=dict)
    # Summaries built on request, by "client|where": (fingerprint, pdf bytes, markdown bytes).
    prepared: dict[str, tuple[str, bytes, bytes]] = field(default_factory=dict)
    # The summaries asked for ("client|where") and not built yet: built on the next run
    # that draws their buttons, from what that run shows.
    summaries_asked: set[str] = field(default_factory=set)
    flash: list[tuple[str, str]] = field(default_factory=list)  # (kind, message)
    # A field to scroll to and focus on the next page drawn: (CSS class, request number).
    focus: tuple[str, int] | None = None
    # The clients whose results were shown: from then on every step offers to go back.
    results_seen: set[str] = field(default_factory=set)
    # Per client: the draft and tone last chosen in the drafts panel (message id, tone),
    # and whether its editor was left open.
    draft_choice: dict[str, tuple[str, str]] = field(default_factory=dict)
    editor_open: dict[str, bool] = field(default_factory=dict)

    @property
    def record(self) -> ClientRecord:
        return self.clients[self.current]

    def set_answer(self, question_id: str, value: Answer | None) -> None:
        if value is None:
            self.record.answers.pop(question_id, None)
        else:
            self.record.answers[question_id] = value

    def raw_for(self, record_id: str) -> dict[str, str]:
        return self.raw.setdefault(record_id, {})


def store() -> Store:
    """Return this session's store, creating it on the first run."""
    if STORE_KEY not in st.session_state:
        st.session_state[STORE_KEY] = Store()
    return st.session_state[STORE_KEY]


@st.cache_resource
def bank() -> QuestionBank:
    """Load the question bank once per server process."""
    return default_bank()


def steps(question_bank: QuestionBank) -> list[str]:
    """Every step of the flow, in order."""
    return [WELCOME, CLIENT, *(f"sign:{s.id}" for s in question_bank.signs), RESULTS]


def go(step: str) -> None:
    """Move to ``step`` (used as a button callback, so the next run draws it)."""
    s = store()
    if s.step != step:
        s.step = step
        s.step_changes += 1
        s.record.step = step
