"""Comparing clients: ranking, then-vs-now changes, and a CSV that cannot run formulas."""

from __future__ import annotations

import csv
import io

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.outputs.compare import (
    compared,
    comparison_frame,
    radar_series,
    rank,
    scores_csv,
    sign_changes,
)

BANK = default_bank()
NAMES = [s.name("en") for s in BANK.signs]


def _client(name: str, answers: dict) -> ClientRecord:
    return ClientRecord(name=name, answers=answers)


def test_ranking_puts_the_most_worrying_client_first():
    share = {"situation.income_share": 20.0}
    calm = compared(
        BANK, _client("Calm", {"demanding.tight_deadlines": "never", **share}), "en", ""
    )
    rude = compared(BANK, _client("Rude", {"disrespect.insults": "repeatedly", **share}), "en", "")
    busy = compared(
        BANK, _client("Busy", {"demanding.tight_deadlines": "often", **share}), "en", ""
    )
    assert [c.name for c in rank([calm, busy, rude])] == ["Rude", "Busy", "Calm"]
    assert len(radar_series([calm, rude])) == 2
    assert all(len(s.values) == 7 for s in radar_series([calm, rude]))


def test_csv_defuses_formulas_and_keeps_accents():
    hostile = '=HYPERLINK("http://evil","x")'
    people = [
        compared(BANK, _client(hostile, {"disrespect.insults": "once"}), "fr", ""),
        compared(BANK, _client("+cmd", {}), "fr", ""),
        compared(BANK, _client("Société Œuvre", {}), "fr", ""),
    ]
    data = scores_csv(comparison_frame(people, [s.name("fr") for s in BANK.signs], "fr"), "fr")
    text = data.decode("utf-8-sig")
    # Semicolons in French, as a French or Belgian spreadsheet opens it (a user's walk).
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 4 and len(rows[0]) == 5 + 2 + 7  # 2: share of income and its band
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert "'" + hostile in cells and "Société Œuvre" in cells
    assert "Paie en retard" in rows[0]


def test_then_and_now_shows_direction_of_each_sign():
    then = compared(
        BANK,
        _client("A", {"late_payment.invoices_total": 10, "late_payment.late_invoices": 8}),
        "en",
        "",
    )
    now = compared(
        BANK,
        _client(
            "A",
            {
                "late_payment.invoices_total": 10,
                "late_payment.late_invoices": 1,
                "disrespect.belittles": "sometimes",
            },
        ),
        "en",
        "",
    )
    changes = {c.name: c for c in sign_changes(then, now, NAMES)}
    assert changes["Pays late"].arrow == "↓" and changes["Pays late"].delta < 0
    assert changes["Disrespectful"].arrow == "↑"
    assert changes["High maintenance"].arrow == "→"
