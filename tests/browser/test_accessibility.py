"""Accessibility: axe-core on every step, in English on a desktop and in French on a phone.

Any serious or critical violation fails, whoever causes it (our pages or Streamlit):
the app fixes Streamlit's own faults with its theme, CSS and a small script
(clientcheck/ui/page.css, clientcheck/ui/page_helper.py). Moderate and minor
violations must be the few listed in ``KNOWN_MINOR`` (and in docs/development.md), each
with the reason the app cannot fix it. The results page is scanned with every
expander open and a draft shown, with a help tooltip on screen, and with the
summary prepared.
"""

from __future__ import annotations

import re

import pytest

from clientcheck.ui.page_helper import french_labels, french_prefixes
from tests.browser.axe_scan import StepScan
from tests.browser.walks import STEP_NAMES, WALKS, WIDTHS

SERIOUS = ("serious", "critical")
# Moderate or minor violations the app cannot fix, by (rule, kind of element): why.
KNOWN_MINOR = {
    ("region", "#stFloatingOverlayPortal"): (
        "Streamlit draws an open help tooltip in a layer at the end of the page, outside"
        " any landmark. Screen readers reach its text through the help button's"
        " description (aria-describedby); making the layer a landmark or a live region"
        " would only announce it twice."
    ),
}
WALK_IDS = ["en-desktop", "fr-phone"]
# The walks (tests/browser/walks.py) are shared with test_flow.py and test_privacy.py:
# keep their tests on one test worker.
pytestmark = pytest.mark.xdist_group("walks")
# Words on both pages that read the same in both languages: the language switch, our
# "Message" label, the date field's month, the uploader's file type.
LANGUAGE_NEUTRAL = {"English", "Français", "Language / Langue", "Message", "mm", "• JSON"}


def _serious(scans: dict[str, StepScan]) -> list[str]:
    return [
        f"{s.step}: {v.rule} ({v.impact}) on {v.kind}: {v.help} — {v.html} — {v.detail}"
        for s in scans.values()
        for v in s.violations
        if v.impact in SERIOUS
    ]


@pytest.mark.parametrize(("lang", "width"), WALKS, ids=WALK_IDS)
def test_no_serious_or_critical_violation_on_any_step(walks, lang, width):
    scans = walks(lang, width).scans
    assert list(scans) == STEP_NAMES
    assert _serious(scans) == []


@pytest.mark.parametrize(("lang", "width"), WALKS, ids=WALK_IDS)
def test_moderate_and_minor_violations_are_only_the_listed_ones(walks, lang, width):
    scans = walks(lang, width).scans
    unlisted = [
        f"{s.step}: {v.rule} ({v.impact}) on {v.kind}: {v.help} — {v.html}"
        for s in scans.values()
        for v in s.violations
        if v.impact not in SERIOUS and v.signature not in KNOWN_MINOR
    ]
    assert unlisted == []


@pytest.mark.parametrize(("lang", "width"), WALKS, ids=WALK_IDS)
def test_every_question_on_sign_pages_has_an_accessible_name(walks, lang, width):
    scans = walks(lang, width).scans
    for step in ["client", *(f"sign {i}" for i in range(1, 8))]:
        scan_ = scans[step]
        assert scan_.radio_groups + scan_.text_inputs >= 3, step
        assert scan_.unnamed == [], step


@pytest.mark.parametrize(("lang", "width"), WALKS, ids=WALK_IDS)
def test_page_language_matches_the_chosen_language(walks, lang, width):
    scans = walks(lang, width).scans
    assert {s.step: s.html_lang for s in scans.values()} == {step: lang for step in STEP_NAMES}


@pytest.mark.parametrize(("lang", "width"), WALKS, ids=WALK_IDS)
def test_radar_has_a_label_and_a_row_per_sign_as_its_text(walks, lang, width):
    radar = walks(lang, width).scans["results"].radar
    assert radar["role"] in ("figure", "img")
    assert ("Radar" in radar["label"]) and radar["label"].count("/100") == 7
    assert radar["rows"] == 7


def _english(word: str) -> bool:
    return word in french_labels() or any(word.startswith(en) for en, _ in french_prefixes())


def test_streamlit_controls_speak_french_on_french_pages(walks):
    french = walks("fr", WIDTHS["phone"]).scans
    english = walks("en", WIDTHS["desktop"]).scans
    # The English pages do show these words: the check below is not vacuous.
    assert any(_english(w) for s in english.values() for w in s.streamlit_words)
    left = {step: [w for w in s.streamlit_words if _english(w)] for step, s in french.items()}
    assert left == {step: [] for step in STEP_NAMES}
    # Whatever Streamlit writes the same way on both pages is a name or a symbol.
    same = {
        w
        for step in STEP_NAMES
        for w in set(french[step].streamlit_words) & set(english[step].streamlit_words)
        if not re.fullmatch(r"\d+(/\d+)?", w)  # a field's character count, a numbered axis
    }
    assert same <= LANGUAGE_NEUTRAL, sorted(same - LANGUAGE_NEUTRAL)
