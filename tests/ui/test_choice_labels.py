"""A radio's value read back as the option it stands for, whatever the language.

Streamlit 1.67 keeps a radio's choice as its label; after a change of language the browser
can send the old label back, and Streamlit returns it as the value. The browser test
tests/browser/test_flow.py plays the whole sequence a user's walk hit.
"""

from __future__ import annotations

import pytest

from clientcheck.bank.answers import DONT_KNOW
from clientcheck.bank.loader import default_bank
from clientcheck.i18n import t
from clientcheck.ui.questions import chosen_option

BANK = default_bank()
CHASING = BANK.question("late_payment.chasing")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_label_in_either_language_is_read_as_its_option(lang):
    for option in CHASING.scale.options:
        assert chosen_option(CHASING, option.label(lang)) == option.id
        assert chosen_option(CHASING, option.id) == option.id
    assert chosen_option(CHASING, t("dont_know", lang)) == DONT_KNOW


@pytest.mark.parametrize("value", ["Sometimes please", "", "sometimes ", 3, ("often",)])
def test_anything_else_stands_for_no_option(value):
    assert chosen_option(CHASING, value) is None
