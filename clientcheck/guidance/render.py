"""The one Jinja2 Environment, its filters, and the typed context every template receives.

User text (client name, notes, details) only ever reaches a template as a
variable, never as template source, so ``{{ 7*7 }}`` in a name stays literal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import jinja2

from clientcheck.bank.answers import Answer, answer_label, is_answered
from clientcheck.bank.questions import ASKED_IN_VAIN, QuestionBank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine.signs import NOT_ASSESSED, visible_questions
from clientcheck.engine.verdict import Result
from clientcheck.guidance.dates import LAW_JURISDICTIONS, jurisdiction_of, notice_end, notice_words
from clientcheck.guidance.explain import (
    BEHAVIOUR_KINDS,
    PAID_FOR_RULES,
    RATE_RULES,
    SETTLED_TAGS,
    TERMS_IN_FORCE,
    change_lines,
    check_again_date,
    deciding_reason,
    dependency_reason,
    provisional_note,
    reason_lines,
    reason_text,  # noqa: F401  (re-exported)
    shown_score,
)
from clientcheck.guidance.text import WORD_JOINER, escape_markdown  # noqa: F401  (re-exported)
from clientcheck.i18n import contract_articles, format_number, letter_money, month_names, spelled, t

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


def format_date(value: date, lang: str) -> str:
    """Write a date in full: 27 November 2026, 1er décembre 2026 (month names from Babel).

    ``en-US`` writes it month first, as in the United States: November 27, 2026.
    """
    if lang == US_ENGLISH:
        return f"{month_names('en')[value.month - 1]} {value.day}, {value.year}"
    day = "1er" if lang == "fr" and value.day == 1 else str(value.day)
    return f"{day} {month_names(lang)[value.month - 1]} {value.year}"


# The drafts to a client billed in US dollars, in English, write as in the United States
# (dates month first, "Sincerely", "Ms."), as a typed date is read there (draft details).
US_ENGLISH = "en-US"


def page_date_style(lang: str, browser_locale: object) -> str:
    """How the user's own pages write dates: ``en-US`` for English in a browser set to
    American English (a US user read "6 December 2026" beside drafts dated "December 18,
    2026"), else "" (the language's own way)."""
    locale = str(browser_locale or "").replace("_", "-").lower()
    return US_ENGLISH if lang == "en" and locale.startswith("en-us") else ""


def letter_style(lang: str, currency_code: str) -> str:
    """The conventions a draft follows: ``en-US`` for English to a client paid in USD."""
    return US_ENGLISH if lang == "en" and currency_code == "USD" else lang


@cache
def environment() -> jinja2.Environment:
    """Build the Jinja2 Environment once: strict undefined, our filters, templates/ as source."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        number=format_number,
        money=letter_money,  # the drafts' amounts (the only templates that use it)
        date=format_date,
        md=escape_markdown,
        notice=notice_words,
        spelled=spelled,
        possessive=lambda n: f"{n}'" if n.endswith("s") and not n.endswith("ss") else f"{n}'s",
    )
    # moving_on: the rules that leave a good client the user has outgrown (moving on, not a
    # problem); behaviour_kinds: signs where no "new terms" fix it (questions/scoring.toml).
    env.globals.update(
        ui=t,
        moving_on=("moving_on_with_work_lined_up", "moving_on_while_you_depend"),
        rate_rules=RATE_RULES,
        terms_in_force=TERMS_IN_FORCE,
        law_jurisdictions=LAW_JURISDICTIONS,
        behaviour_kinds=BEHAVIOUR_KINDS,
        asked_in_vain=ASKED_IN_VAIN,  # a sign's history: asked, and it goes on
        said_again=("ask_again", "say_it_again", "conduct_asked_again"),  # asked: say it again
    )
    return env


def render(template_name: str, **context: object) -> str:
    """Render one template of templates/ with ``context``."""
    template = environment().get_template(template_name)
    return contract_articles(template_name, template.render(**context))


# --- the typed context ---------------------------------------------------------


@dataclass(frozen=True)
class DriverView:
    question_id: str
    question: str
    answer: str
    dealbreaker: bool


@dataclass(frozen=True)
class SignView:
    id: str
    order: int
    name: str
    summary: str
    score: int
    band: str
    band_label: str
    answered: int
    total: int
    dealbreaker: bool
    drivers: tuple[DriverView, ...]
    kind: str = "money"  # what can fix it (questions/scoring.toml, sign_kinds)
    event: str | None = None  # a serious event recorded: incident, pattern, line, unfixable
    history: str = "not_yet"  # what was already tried: not_yet, improved, slipping, ...
    rule: str = ""  # the sign rule that set this sign's floor ("" when none did)

    @property
    def assessed(self) -> bool:
        return self.band != NOT_ASSESSED

    @property
    def tags(self) -> tuple[str, ...]:
        """Label keys beside the band: a serious event ("dealbreaker"), and a problem that has
        stopped since it was raised ("settled_raised") or put right by the client
        ("settled_by_them"). The band still shows what happened; the verdict counts both."""
        tags = ("dealbreaker",) if self.dealbreaker else ()
        if self.assessed and self.band != "healthy" and self.history in SETTLED_TAGS:
            tags += (SETTLED_TAGS[self.history],)
        elif self.rule in PAID_FOR_RULES:
            tags += ("settled_paid",)
        return tags


@dataclass(frozen=True)
class AssessmentContext:
    """Everything a template may use about one assessment, already in the chosen language."""

    lang: str
    client_name: str
    notes: str
    assessed_on: date
    verdict: str
    verdict_label: str
    verdict_severity: int
    risk: int | None  # None: nothing answered, so no figure
    risk_band: str
    risk_band_label: str
    dependency: int
    dependency_known: bool
    can_leave: bool
    advice: str  # what the advice does under this verdict: "fix", "prepare" or "leave"
    driver_kind: str  # the kind of the sign that set the verdict ("" when none did)
    driver_rule: str  # the rule that set it ("" when none did)
    driver_sign: str  # the sign that rule fired on ("" when none): the plan starts with it
    confidence: str
    confidence_label: str
    answered: int
    total: int
    signs: tuple[SignView, ...]
    flagged: tuple[SignView, ...]
    check_again_on: date
    answers: Mapping[str, Answer]
    reasons: tuple[str, ...] = ()  # why, one line per decisive rule, from the engine
    dependency_reason: str = ""  # one line: why the user counts as free or dependent
    provisional: bool = False
    provisional_note: str = ""  # what the answers point to and on which signs
    firm_up: tuple[str, ...] = ()  # question texts that would settle a provisional result
    changes: tuple[str, ...] = ()  # "If you answered …, the verdict would be …"
    notice_weeks: float | None = None
    last_working_day: date | None = None  # if notice were given on assessed_on (a working day)
    work_matters: str = ""  # the answer's label, when given
    # Notes beside the risk figure: the verdict rests on no sign (the rate, the values; a user
    # read "Risk 38/100" under *Let go*), or keeps the client under a Warning or Critical risk
    # as it also weighs what was tried (a reader saw "Critical" beside *Keep* with no word).
    risk_apart: bool = False
    risk_above_verdict: bool = False
    # How dates are written for this user: "en-US" (month first) for an English page in a
    # browser set to American English, else the language ("" = the language).
    date_style: str = ""

    @property
    def dates(self) -> str:
        """The style ``format_date`` writes this user's dates in (see ``date_style``)."""
        return self.date_style or self.lang

    @property
    def risk_text(self) -> str:
        return "—" if self.risk is None else f"{self.risk}/100"

    @property
    def extras_first(self) -> bool:
        """The rate sets the verdict while extra work, never raised, is done for free: the
        extras are quoted first, then the rate if it still falls short (a user's walk: free
        features after sign-off, counted in a rate "below" his usual one, and the plan and
        first draft opened with a 42 % rise that never named them)."""
        return self.driver_rule in RATE_RULES and any(
            s.id == "demanding" and s.band in ("warning", "critical") and s.history == "not_yet"
            for s in self.flagged
        )

    @property
    def dealbreakers(self) -> tuple[SignView, ...]:
        return tuple(s for s in self.signs if s.dealbreaker)

    def answer(self, question_id: str) -> Answer | None:
        return self.answers.get(question_id)


def question_count(bank: QuestionBank, answers: Mapping[str, Answer]) -> tuple[int, int]:
    """(answered, asked): the questions asked for this client, follow-ups included (not the
    optional Money ones), and how many are answered. The one count every page shows."""
    asked = [q for section in bank.sections for q in visible_questions(bank, section, answers)]
    return sum(1 for q in asked if is_answered(answers.get(q.id))), len(asked)


def build_context(
    bank: QuestionBank,
    record: ClientRecord,
    result: Result,
    lang: str,
    fallback_name: str = "",
    date_style: str = "",
) -> AssessmentContext:
    """Put a scored assessment into the form templates and exports read."""
    rules = bank.rules
    not_assessed = t("band_not_assessed", lang)
    views = {}
    for sign_result in result.signs:
        sign = bank.sign(sign_result.sign_id)
        views[sign.id] = SignView(
            id=sign.id,
            order=sign.order,
            name=sign.name(lang),
            summary=sign.summary(lang),
            score=shown_score(sign_result.score),
            band=sign_result.band,
            band_label=(
                not_assessed
                if sign_result.band == NOT_ASSESSED
                else rules.band(sign_result.band).label(lang)
            ),
            answered=sign_result.answered,
            total=sign_result.total,
            dealbreaker=sign_result.dealbreaker,
            kind=sign_result.kind,
            event=sign_result.event,
            history=sign_result.history,
            rule=sign_result.rule,
            drivers=tuple(
                DriverView(
                    question_id=d.question_id,
                    question=bank.question(d.question_id).text(lang),
                    answer=answer_label(bank.question(d.question_id), d.answer, lang),
                    dealbreaker=d.dealbreaker,
                )
                for d in sign_result.drivers
            ),
        )
    verdict = rules.verdicts[result.verdict]
    confidence_label = next(label for cid, _, label in rules.confidence if cid == result.confidence)
    notice = record.answers.get("situation.notice_weeks")
    notice_weeks = float(notice) if isinstance(notice, int | float) else None
    driver = deciding_reason(result)
    work_matters = record.answers.get("situation.work_matters")
    answered, asked = question_count(bank, record.answers)
    return AssessmentContext(
        lang=lang,
        client_name=record.display_name(fallback_name or t("unnamed_client", lang)),
        notes=record.notes,
        assessed_on=record.assessed_on,
        verdict=verdict.id,
        verdict_label=verdict.label(lang),
        verdict_severity=verdict.severity,
        risk=shown_score(result.risk) if result.risk is not None else None,
        risk_band=result.risk_band,
        risk_band_label=(
            not_assessed if result.risk is None else rules.band(result.risk_band).label(lang)
        ),
        dependency=round(result.dependency),
        dependency_known=result.dependency_known,
        can_leave=result.can_leave,
        advice=verdict.advice,
        driver_kind=(rules.sign_kinds[driver.sign_id] if driver and driver.sign_id else ""),
        driver_rule=driver.rule_id if driver else "",
        driver_sign=(driver.sign_id or "") if driver else "",
        risk_apart=(
            driver is not None
            and driver.sign_id is None
            and not driver.signs
            and verdict.id not in ("keep", "not_enough")
            and not result.provisional
        ),
        risk_above_verdict=verdict.id in ("keep", "keep_boundaries")
        and result.risk_band in ("warning", "critical")
        and not result.provisional,
        date_style=date_style,
        confidence=result.confidence,
        confidence_label=confidence_label(lang),
        answered=answered,
        total=asked,
        signs=tuple(views.values()),
        flagged=tuple(views[s.sign_id] for s in result.signs_needing_attention()),
        check_again_on=check_again_date(
            record.assessed_on, verdict.id, verdict.check_again_days, record.answers, driver
        ),
        answers=dict(record.answers),
        reasons=reason_lines(bank, result, lang),
        dependency_reason=dependency_reason(bank, result, record.answers, lang),
        provisional=result.provisional,
        provisional_note=provisional_note(bank, result, lang),
        firm_up=tuple(bank.question(qid).text(lang) for qid in result.firm_up),
        changes=change_lines(bank, record.answers, lang),
        notice_weeks=notice_weeks,
        last_working_day=notice_end(
            record.assessed_on, notice_weeks, jurisdiction_of(record.answers)
        ),
        work_matters=(
            answer_label(bank.question("situation.work_matters"), work_matters, lang)
            if isinstance(work_matters, str) and work_matters in ("quite", "a_lot")
            else ""
        ),
    )


def render_why(ctx: AssessmentContext) -> str:
    """Say in one sentence why the verdict is what it is."""
    return render(f"verdict/why.{ctx.lang}.txt.j2", ctx=ctx).strip()


# --- what advice and messages produce (shared by the page and the exports) ---------------


@dataclass(frozen=True)
class AdviceItem:
    """Advice for one sign that needs attention, on the path that fits the user."""

    sign_id: str
    sign_name: str
    band: str
    band_label: str
    advice: str  # "fix", "prepare" or "leave": what the verdict calls for
    dealbreaker: bool
    title: str
    lines: tuple[str, ...]  # plain sentences, no markup
    kept: bool = False  # kept as it is: it stopped, or it is paid for under your terms

    @property
    def path(self) -> str:
        """What the title says to do: "kept" (settled, watch for a repeat), else ``advice``."""
        return "kept" if self.kept else self.advice


@dataclass(frozen=True)
class Draft:
    """A message draft: what the user edits, copies or downloads. Never sent by the app."""

    message_id: str
    tone: str
    lang: str
    title: str  # the kind of message, e.g. "Payment terms"
    subject: str
    body: str


def verdict_reasons(ctx: AssessmentContext) -> tuple[str, ...]:
    """The lines under the verdict, on the page and in every summary: the rules that set
    it, why the user counts as free or dependent, and the weight they give the work."""
    if ctx.verdict == "not_enough":
        return ()
    lines = [*ctx.reasons, ctx.dependency_reason]
    if ctx.work_matters:
        lines.append(t("work_matters_note", ctx.lang, value=ctx.work_matters.lower()))
    return tuple(line for line in lines if line)
