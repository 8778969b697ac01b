"""What the r6 scoring of the drafts gallery found (a British consultant and a French
designer scored every draft for "would I send it after light edits"), kept from coming back.

Each test reads the gallery's drafts (scripts/drafts_gallery.py, through
tests/support/gallery.py) as the readers did, or a context built for the case."""

from __future__ import annotations

import pytest

from clientcheck.guidance.messages import TONES
from tests.support.gallery import gallery_draft

# --- new rates: the change first, then the reason; proposed consistently under a contract ------


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_new_rates_state_the_change_before_the_reason_in_one_paragraph(lang, number):
    up_from = ", up from " if lang == "en" else ", contre "
    review = "review" if lang == "en" else ("révis", "revu")
    for tone in TONES:
        text = gallery_draft(lang, number, "new_rates", tone)
        opening = text.split("\n\n")[1]
        where = [opening.find(word) for word in ((review,) if lang == "en" else review)]
        at = min(i for i in where if i >= 0)
        assert 0 <= opening.find(up_from) < at, opening
        # Never a one-line paragraph for the reason alone.
        for alone in ("This follows a review of my rates.", "Ce changement fait suite"):
            assert f"\n\n{alone}\n\n" not in text, text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_new_rate_also_covers_the_unbilled_time_it_does_not_include_it(lang):
    for number in (1, 2):
        for tone in TONES:
            text = gallery_draft(lang, number, "new_rates", tone)
            assert "includes the time" not in text and "intègre" not in text, text
            assert ("also covers the calls" if lang == "en" else "couvre aussi le temps") in text


def test_french_new_rates_drop_the_heavy_opening_and_the_redundant_review():
    for number in (1, 2, 3, 4):
        for tone in TONES:
            text = gallery_draft("fr", number, "new_rates", tone)
            assert "Je l'ai revu dans le cadre d'une révision" not in text, text
            assert "au sujet de mon tarif pour le travail que je réalise" not in text, text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_firm_rate_under_contract_says_what_happens_without_agreement(lang):
    firm = gallery_draft(lang, 1, "new_rates", "firm")
    stays = "the current rate stays in place" if lang == "en" else "tarif actuel reste en vigueur"
    assert stays in firm, firm


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_warm_new_rates_thank_the_client_not_only_the_review(lang):
    valued = "I really value working with you" if lang == "en" else "Je tiens beaucoup à notre"
    for number in (1, 2, 3, 4):
        assert valued in gallery_draft(lang, number, "new_rates", "warm")
        assert valued not in gallery_draft(lang, number, "new_rates", "neutral")
