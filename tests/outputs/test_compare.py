"""Comparing clients: ranking, then-vs-now changes, and a CSV that cannot run formulas."""

from __future__ import annotations

import csv
import io

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.i18n import t
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
    insults = {"disrespect.belittles": "often", "disrespect.insults": "repeatedly"}
    rude = compared(BANK, _client("Rude", {**insults, **share}), "en", "")
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
    assert len(rows) == 4 and len(rows[0]) == 6 + 2 + 7  # 2: share of income and its band
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


def test_compare_says_what_sets_each_verdict_the_rate_included():
    # A user's walk: Compare named a lovely publisher's friendly chat (Unprofessional, 30)
    # and never the half rate that set its "Renegotiate now".
    half_rate = {
        "situation.income_share": 5,
        "situation.savings_months": 4,
        "situation.usual_rate": "far_below",
        "situation.client_kind": "business",
        "unprofessional.off_topic": "sometimes",
        "money.pay_basis": "job",
        "money.job_rate": 1500,
        "money.jobs": 0.5,
        "money.job_hours": 60,
        "money.target_rate": 50,
    }
    scope = {
        "situation.income_share": 60,
        "situation.savings_months": 4,
        "demanding.changes_after_signoff": "often",
        "demanding.free_extras": "often",
        "demanding.raised": "no_change",
    }
    as_floats = [
        {k: float(v) if isinstance(v, int) else v for k, v in a.items()} for a in (half_rate, scope)
    ]
    people = [
        compared(BANK, _client("Perron", as_floats[0]), "fr", ""),
        compared(BANK, _client("Lexis", as_floats[1]), "fr", ""),
    ]
    frame = comparison_frame(people, [s.name("fr") for s in BANK.signs], "fr")
    why = dict(zip(frame[t("col_client", "fr")], frame[t("col_why", "fr")], strict=True))
    assert why == {"Perron": "C'est le tarif qui doit changer", "Lexis": "De plus en plus exigeant"}
