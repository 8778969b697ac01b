"""American English for the drafts to a client billed in US dollars, and one period.

The English templates write British English. For ``en-US`` (``render.letter_style``) the
drafts' dates are written month first by the templates; this module then gives the
American words (``templates/messages/en/us_english.toml``, in order), "starting" for
"from" before a date, and the comma American style puts after the year inside a sentence.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from clientcheck.guidance.render import TEMPLATES_DIR
from clientcheck.i18n import month_names

# A sentence ending on a name that ends with a period ("Harbor Labs Inc.") takes one.
_DOUBLE_PERIOD = re.compile(r"(?<=[A-Za-z]\.)\.(?=\s|$)")


def one_period(text: str) -> str:
    """Drop the sentence's period after an abbreviation's: "with Harbor Labs Inc.." -> "Inc."."""
    return _DOUBLE_PERIOD.sub("", text)


@cache
def _swaps() -> tuple[tuple[str, str], ...]:
    with open(TEMPLATES_DIR / "messages" / "en" / "us_english.toml", "rb") as f:
        return tuple((old, new) for old, new in tomllib.load(f)["swaps"])


@cache
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    months = "|".join(month_names("en"))
    date = rf"(?:{months}) \d{{1,2}}, \d{{4}}"
    # "from November 2, 2026" and "from [date]": "starting"; "up from $60" stays.
    starting = re.compile(rf"\b([Ff])rom (?=(?:{date})|\[date\])")
    # "was due on November 2, 2026 and is": a comma after the year, unless the sentence
    # or a list item ends there, or a bracket, a field or a name follows (only before a word).
    comma = re.compile(rf"({date})(?= [a-z])")
    return starting, comma


def american(text: str) -> str:
    """Rewrite a British English draft for a reader in the United States."""
    for old, new in _swaps():
        text = text.replace(old, new)
    starting, comma = _date_patterns()
    text = starting.sub(lambda m: "Starting " if m.group(1) == "F" else "starting ", text)
    return comma.sub(r"\1,", text)
