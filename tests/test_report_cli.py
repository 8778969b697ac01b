"""The machine-readable report: `python -m clientcheck report FILE --format json`."""

from __future__ import annotations

import json
from pathlib import Path

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine.changes import what_would_change
from clientcheck.engine.verdict import assess
from clientcheck.persistence.storage import dumps_assessment
from tests.support.cli import run_cli

ROOT = Path(__file__).resolve().parents[1]
BANK = default_bank()
ANSWERS = {
    "late_payment.invoices_total": 10.0,
    "late_payment.late_invoices": 8.0,
    "late_payment.days_late": 60.0,
    "late_payment.chasing": "always",
    "late_payment.unpaid_90": "no",
    "late_payment.raised": "no_change",
    "situation.income_share": 20.0,
    "situation.notice_weeks": 4.0,
}


def run_report(tmp_path: Path, answers: dict, *extra: str) -> dict:
    path = tmp_path / "answers.json"
    path.write_bytes(dumps_assessment(ClientRecord(name="Acme", answers=answers), "en"))
    done = run_cli("report", str(path), "--format", "json", *extra, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_json_report_prints_verdict_figures_signs_drafts_and_changes(tmp_path):
    report = run_report(tmp_path, ANSWERS)
    result = assess(BANK, ANSWERS)
    assert report["verdict"] == result.verdict == "renegotiate"
    assert report["risk"] == round(result.risk, 1)
    assert report["dependency"] == round(result.dependency, 1)
    assert report["confidence"] == result.confidence
    assert [s["id"] for s in report["signs"]] == [s.id for s in BANK.signs]
    late = report["signs"][0]
    assert late["band"] == "critical" and late["advice"] == "fix"
    assert report["signs"][1]["score"] is None  # not assessed: no score, not 0
    assert report["suggested_drafts"][0] == "payment_terms"
    changes = what_would_change(BANK, ANSWERS)
    assert [(c["question"], c["verdict"]) for c in report["what_would_change"]] == [
        (c.question_id, c.verdict) for c in changes
    ]
    assert report["reasons"][0]["rule"] == "asked_nothing_changed"
    assert report["last_working_day"] is not None


def test_json_report_of_nothing_answered_has_no_risk(tmp_path):
    report = run_report(tmp_path, {})
    assert report["verdict"] == "not_enough"
    assert report["risk"] is None
    assert report["what_would_change"] == []


def test_json_report_can_be_written_to_a_file_in_french(tmp_path):
    out = tmp_path / "report.json"
    path = tmp_path / "answers.json"
    path.write_bytes(dumps_assessment(ClientRecord(name="Acme", answers=ANSWERS), "en"))
    done = run_cli("report", str(path), "-f", "json", "-l", "fr", "-o", str(out), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["language"] == "fr"
    assert report["verdict_label"] == "Renégocier maintenant"
