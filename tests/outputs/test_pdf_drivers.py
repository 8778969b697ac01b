"""The PDF's sign table: a long question is shortened, its answer never is."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from clientcheck.bank.loader import default_bank
from clientcheck.outputs.pdf import summary_pdf
from tests.support.summary_data import summary_input

BANK = default_bank()
CROSSED = {
    "situation.income_share": 70.0,
    "situation.savings_months": 2.0,
    "unprofessional.crossed_line": "yes",
    "unprofessional.crossed_what": ("safety", "dishonest"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_answer_in_the_sign_table_is_whole(lang):
    # A user's walk: "…treating you…" and "…backdated or inflated in…": the question of a
    # line crossed was cut before its "→ Yes", and the list of what happened mid-word.
    data = summary_input(lang, answers=CROSSED, draft_count=0)
    reader = PdfReader(io.BytesIO(summary_pdf(data)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    yes = BANK.question("unprofessional.crossed_line").scale.option("yes").label(lang)
    assert f"… → {yes}" in text, text
    scale = BANK.question("unprofessional.crossed_what").scale
    for option in ("safety", "dishonest"):
        tail = scale.option(option).label(lang)[-25:]
        assert " ".join(tail.split()) in text, (option, tail)
