"""The summary to keep: what goes into it, and its Markdown form.

``SummaryInput`` is everything both downloads (Markdown here, PDF in
``clientcheck.outputs.pdf``) show, already in the chosen language. User text only
reaches the template as variables, escaped by ``md``/``md_cell`` or put in a
fence longer than any backtick run it contains.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from clientcheck.guidance.moneytext import MoneySummary, money_words
from clientcheck.guidance.render import (
    TEMPLATES_DIR,
    AdviceItem,
    AssessmentContext,
    Draft,
    SignView,
    escape_markdown,
    format_date,
)
from clientcheck.guidance.render import render as render_template
from clientcheck.guidance.suggestions import suggested_messages
from clientcheck.i18n import Text, load_texts, t
from clientcheck.outputs.charts import RadarSeries

LABELS_FILE = TEMPLATES_DIR / "summary" / "labels.toml"
_BACKTICKS = re.compile(r"`+")
# Breaking white space only: French's no-break spaces (before : ; ? ! % and inside « »)
# are part of the text, not space to collapse.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


@dataclass(frozen=True)
class ComparisonRow:
    """One client (or one date of the same client) in a comparison."""

    name: str
    verdict_label: str
    risk: str  # "62/100", or "—" when nothing is answered
    dependency: int
    top_signs: str


@dataclass(frozen=True)
class ComparisonView:
    """Several clients, or then and now, side by side."""

    title: str
    labels: tuple[str, ...]  # sign names, in the bank's order
    series: tuple[RadarSeries, ...]
    rows: tuple[ComparisonRow, ...]


# A date in a draft always states its year ("21 December 2026", "December 21, 2026").
_A_YEAR = re.compile(r"\b20\d\d\b")


@dataclass(frozen=True)
class SummaryInput:
    """Everything a summary download shows about one assessment."""

    ctx: AssessmentContext
    why: str
    advice: tuple[AdviceItem, ...]
    plan: tuple[str, ...]
    drafts: tuple[Draft, ...]
    comparison: ComparisonView | None = None
    money: MoneySummary | None = None

    @property
    def check_again_in_plan(self) -> bool:
        """The plan's last step already gives the date to check again: no section for it."""
        day = format_date(self.ctx.check_again_on, self.ctx.dates)
        return bool(self.plan) and day in self.plan[-1]

    @property
    def check_again_section(self) -> bool:
        """A section with the date to check again: not when the plan gives it, nor when
        there are too few answers for a verdict (the plan says to answer them now, not to
        wait a week)."""
        return not self.check_again_in_plan and self.ctx.verdict != "not_enough"

    @property
    def draft_note(self) -> str:
        """The line over the drafts: with several, to start with the first when it is the
        first suggested (a professional's reading: "nothing tells the user which one to
        send, or whether to send both"). It does not say that the plan's first step sends
        it: under *Plan your exit* that step is looking for other clients."""
        words = labels(self.ctx.lang)
        note = words["draft_note"]
        suggested = suggested_messages(self.ctx)
        if len(self.drafts) > 1 and suggested and self.drafts[0].message_id == suggested[0]:
            order = words["draft_order_two" if len(self.drafts) == 2 else "draft_order"]
            note = f"{note} {order}"
            if any(_A_YEAR.search(f"{d.subject} {d.body}") for d in self.drafts):
                note = f"{note} {words['draft_dates']}"
        return note

    @property
    def no_advice(self) -> str:
        """The label said where the advice would be, when no sign has any."""
        if self.ctx.verdict == "not_enough":
            return "no_advice_yet"
        return "no_advice" if self.ctx.verdict == "keep" else "no_advice_plan"


def _label_texts() -> dict[str, Text]:
    return load_texts(LABELS_FILE)


def labels(lang: str) -> dict[str, str]:
    """Return the summary's words in ``lang``, by key.

    Its title and subtitle are the app's own (``app_title``, ``tagline``), so a summary
    is titled like the page it came from.
    """
    words = {key: text(lang) for key, text in _label_texts().items()}
    words["title"], words["subtitle"] = t("app_title", lang), t("tagline", lang)
    return words


def tone_label(tone: str, lang: str) -> str:
    """Name a message tone in ``lang``; an unknown tone shows as its id."""
    text = _label_texts().get(f"tone_{tone}")
    return text(lang) if text else tone


def clean_text(value: object) -> str:
    """Drop NUL and control characters, keep tabs as spaces and newlines as newlines."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))


def one_line(value: object) -> str:
    """Put text on a single line: newlines become spaces, runs of spaces collapse."""
    return _SPACES.sub(" ", clean_text(value)).strip(" ")


def md_text(value: object) -> str:
    """Escape text for a Markdown paragraph, keeping its line breaks."""
    return escape_markdown(clean_text(value).strip())


def md_cell(value: object) -> str:
    """Escape text for one line of Markdown: a table cell, a heading or a list item."""
    return escape_markdown(one_line(value))


def fenced(value: object) -> str:
    """Put text in a fenced code block longer than any backtick run inside it."""
    body = clean_text(value).rstrip("\n")
    longest = max((len(run) for run in _BACKTICKS.findall(body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{body}\n{fence}"


def driver_lines(sign: SignView, lang: str, question_chars: int | None = None) -> tuple[str, ...]:
    """Say which answers drove a sign's score: "question → answer", one per driver.

    ``question_chars`` shortens a long question, never the answer (a user's walk: the
    PDF cut "has the client crossed a line: …" before its "→ Yes").
    """
    flag = f" ({labels(lang)['dealbreaker']})"

    def asked(question: str) -> str:
        if question_chars is None or len(question) <= question_chars:
            return question
        return question[: question_chars - 1].rstrip(" ,:;") + "…"

    return tuple(
        f"{asked(d.question)} → {d.answer}{flag if d.dealbreaker else ''}" for d in sign.drivers
    )


def driver_text(sign: SignView, lang: str) -> str:
    """Say in one line which answers drove a sign's score."""
    return ("\u00a0; " if lang == "fr" else "; ").join(driver_lines(sign, lang))


def advice_heading(item: AdviceItem, words: dict[str, str]) -> str:
    """Head an advice item with its sign, unless its title already names it."""
    if item.title.casefold().startswith(item.sign_name.casefold()):
        return item.title
    return f"{item.sign_name}{words['colon']} {item.title}"


def summary_markdown(data: SummaryInput) -> str:
    """Render the summary as CommonMark (with a GitHub table) in the assessment's language."""
    lang = data.ctx.lang
    return render_template(
        "summary/summary.md.j2",
        data=data,
        ctx=data.ctx,
        L=labels(lang),
        md_text=md_text,
        md_cell=md_cell,
        fenced=fenced,
        driver_text=lambda sign: driver_text(sign, lang),
        tone_label=lambda tone: tone_label(tone, lang),
        advice_heading=advice_heading,
        M=money_words(lang),
    )
