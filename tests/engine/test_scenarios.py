"""The scenario suite: situations written from the article, each with what a thoughtful
freelancer would conclude. One parametrised test reads them all (tests/scenarios/*.toml)."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from clientcheck.bank.answers import validate_answers
from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.outputs.report import assessment_report

BANK = default_bank()
SCENARIO_DIR = Path(__file__).resolve().parents[1] / "scenarios"
KEYS = {
    "name",
    "why",
    "answers",
    "verdict",
    "bands",
    "advice",
    "first_draft",
    "provisional",
    "tentative_verdict",
    "can_leave",
}


def load_scenarios() -> list[dict]:
    scenarios = []
    for path in sorted(SCENARIO_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            scenarios += tomllib.load(fh)["scenario"]
    return scenarios


SCENARIOS = load_scenarios()


def test_the_suite_covers_at_least_forty_named_situations():
    names = [s["name"] for s in SCENARIOS]
    assert len(names) >= 40
    assert len(names) == len(set(names))
    for scenario in SCENARIOS:
        assert set(scenario) <= KEYS, set(scenario) - KEYS
        assert scenario["why"].strip()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario(scenario):
    answers = validate_answers(
        BANK,
        {
            k: float(v) if isinstance(v, int) and not isinstance(v, bool) else v
            for k, v in scenario["answers"].items()
        },
    )
    record = ClientRecord(name="Scenario", answers=answers, assessed_on=date(2026, 11, 28))
    report = assessment_report(BANK, record, "en")
    signs = {s["id"]: s for s in report["signs"]}
    assert report["verdict"] == scenario["verdict"], (report["reasons"], scenario["why"])
    for sign_id, band in scenario.get("bands", {}).items():
        assert signs[sign_id]["band"] == band, sign_id
    for sign_id, advice in scenario.get("advice", {}).items():
        assert signs[sign_id]["advice"] == advice, sign_id
    if "provisional" in scenario:
        assert report["provisional"] == scenario["provisional"]
    if "tentative_verdict" in scenario:
        assert report["tentative_verdict"] == scenario["tentative_verdict"]
    if "can_leave" in scenario:
        assert report["can_leave"] == scenario["can_leave"]
    if "first_draft" in scenario:
        drafts = report["suggested_drafts"]
        if scenario["first_draft"]:
            assert drafts and drafts[0] == scenario["first_draft"], drafts
        else:
            assert drafts == []
