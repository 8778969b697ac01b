"""The copy kept on the user's device: its size and build time for a full session of 10 clients.

Run it as ``python scripts/bench_device.py``, or call ``bench_device()``; ``bench.py``
also uses ``ten_client_store()`` to time a step with autosave on and 10 clients saved.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clientcheck.bank.loader import default_bank  # noqa: E402
from clientcheck.bank.records import ClientRecord  # noqa: E402
from clientcheck.persistence.device import ClientExtras, dumps_device, loads_device  # noqa: E402

CLIENTS = 10
RUNS = 21
NAMES = ("Société Œuvre & Fils", "Acme Ltd", "Dupont SARL", "Nakamura KK", "Ölçer GmbH")


def _full_answers() -> dict[str, str | float | tuple[str, ...]]:
    answers: dict[str, str | float | tuple[str, ...]] = {}
    for question in default_bank().questions():
        if question.kind == "choice" and question.multiple:  # every term that can be picked
            answers[question.id] = tuple(o.id for o in question.scale.options if not o.exclusive)
        elif question.kind == "choice":
            answers[question.id] = question.scale.option_ids[-1]
        else:
            answers[question.id] = float(question.number.max)
    return answers


def _extras() -> ClientExtras:
    """Every detail filled and two drafts edited: more than a person usually keeps."""
    body = "Bonjour,\n\n" + "Merci de régler la facture en attente sous huit jours. " * 30
    return ClientExtras(
        changed_at=1_764_343_902_000,
        details={
            "sender_name": "Camille Martin",
            "sender_email": "camille@example.org",
            "contact_name": "Jean Dupont",
            "contact_email": "jean@example.org",
            "referral_name": "Alex",
            "office_hours": "9:00–17:00",
            "proposed_clause": "Paiement à 30 jours ; pénalités de retard au taux légal. " * 4,
            "overdue_amount": "1 500,50 €",
            "deposit_percent": 30,
            "notice_weeks": "4",
            "due_date": date(2026, 12, 1),
            "end_date": date(2027, 1, 31),
        },
        drafts={
            "payment_terms|firm|fr": {"subject": "Conditions de paiement", "body": body},
            "goodbye|neutral|fr": {"subject": "Fin de collaboration", "body": body},
        },
        chosen=["payment_terms|firm", "goodbye|neutral"],
        raw={},
    )


def full_session(count: int = CLIENTS) -> tuple[list[ClientRecord], list[ClientExtras]]:
    answers = _full_answers()
    records = [
        ClientRecord(
            name=f"{NAMES[i % len(NAMES)]} {i + 1}",
            notes="Notes : projet de refonte, trois interlocuteurs. " * 10,
            answers=dict(answers),
            assessed_on=date(2026, 11, 27),
            step="results",
        )
        for i in range(count)
    ]
    return records, [replace(_extras()) for _ in records]


def ten_client_store():
    """A session store holding the full session (for timing a step with it)."""
    from clientcheck.ui.state import Store

    records, extras = full_session()
    store = Store(clients=records)
    for record, extra in zip(records, extras, strict=True):
        store.details[record.id] = dict(extra.details)
        for key, edit in extra.drafts.items():
            store.drafts[f"{record.id}|{key}"] = dict(edit)
        store.chosen_drafts[record.id] = list(extra.chosen)
    return store


def _median_ms(action) -> float:
    action()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_device() -> dict[str, float]:
    """Size (KB, UTF-8) of the device copy of 10 full clients, and its build and check times."""
    records, extras = full_session()
    bank = default_bank()

    def build() -> str:
        return dumps_device(records, 0, "fr", extras, saved_at=1, writer="0123456789ab")

    text = build()
    assert len(loads_device(text, bank).clients) == CLIENTS
    return {
        "device_kb": round(len(text.encode("utf-8")) / 1000, 1),
        "device_build_ms": round(_median_ms(build), 2),
        "device_load_ms": round(_median_ms(lambda: loads_device(text, bank)), 2),
    }


if __name__ == "__main__":
    for key, value in bench_device().items():
        print(f"{key}: {value}")
