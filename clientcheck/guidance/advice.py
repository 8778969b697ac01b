"""Advice for each sign that needs attention, and a short action plan for the verdict.

Plain Python over Jinja2 templates (``templates/advice/<lang>/<sign>.txt.j2`` and
``templates/plan/<lang>.txt.j2``): no Streamlit. Each template line is one plain
sentence that stands on its own; empty lines are dropped.

Advice follows the verdict, not only affordability: each verdict says in the bank's data
what its advice does (``advice`` in questions/scoring.toml): under *Keep*, *Keep, and set
boundaries* and *Renegotiate now* how to fix things ("fix"); under *Plan your exit* how
to protect yourself now while preparing to leave ("prepare"); under *Let go* how to
leave well ("leave").

The helpers below read the context answers (currency, client kind, jurisdiction,
contract, notice) that advice, drafts and the plan share, so that a fact the user
did not give is never asserted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from clientcheck.bank.answers import Answer, is_answered
from clientcheck.engine import money
from clientcheck.guidance.dates import jurisdiction_of, notice_end
from clientcheck.guidance.explain import KEPT_AS_IT_IS, SETTLED_RULES, owed_past_90
from clientcheck.guidance.render import AdviceItem, AssessmentContext, SignView, render
from clientcheck.i18n import DEFAULT_CURRENCY

ADVICE = ("fix", "prepare", "leave")
ADVICE_BANDS = ("watch", "warning", "critical")
# Answers that say an invoice is still unpaid 90 days after its due date (v1: yes; v2: once...).
# "Is any money past its due date right now?": yes, and not simply coming slowly (disputed
# or ignored, held back, or paid in part).
RESISTED = ("part_paid", "disputed", "leverage")

_TITLES = {
    "en": {
        "leave": "{sign}: how to leave well",
        "fix": "{sign}: how to fix it",
        "kept": "{sign}: settled, watch for a repeat",
        "prepare": "{sign}: protect yourself now, prepare your exit",
    },
    "fr": {
        "leave": "{sign}\u00a0: partir dans de bonnes conditions",
        "fix": "{sign}\u00a0: comment y remédier",
        "kept": "{sign}\u00a0: réglé, à surveiller",
        "prepare": "{sign}\u00a0: vous protéger dès maintenant, préparer votre départ",
    },
}


# --- facts from the answers ----------------------------------------------------------


def facts(ctx: AssessmentContext, section_id: str) -> dict[str, Answer]:
    """Return the answered questions of a section by short id ("days_late"), minus "don't know"."""
    prefix = f"{section_id}."
    return {
        qid.removeprefix(prefix): value
        for qid, value in ctx.answers.items()
        if qid.startswith(prefix) and is_answered(value)
    }


def answered(ctx: AssessmentContext, question_id: str) -> Answer | None:
    """Return the answer to ``question_id``, or None when unanswered or "don't know"."""
    value = ctx.answers.get(question_id)
    return value if is_answered(value) else None


def currency(ctx: AssessmentContext) -> tuple[str, bool]:
    """Return the user's currency and whether they chose it (EUR when unanswered)."""
    chosen = answered(ctx, "situation.currency")
    if isinstance(chosen, str) and chosen:
        return chosen, True
    return DEFAULT_CURRENCY, False


def is_business_client(ctx: AssessmentContext) -> bool:
    """True only when the user said the client is a business (late-payment rules are B2B)."""
    return answered(ctx, "situation.client_kind") == "business"


def jurisdiction(ctx: AssessmentContext) -> str:
    """Return "fr", "be", "uk", "eu" or "other" ("other" when unanswered)."""
    return jurisdiction_of(ctx.answers)


def has_contract(ctx: AssessmentContext) -> bool:
    """True only when the user said there is a signed contract or accepted written quote."""
    return answered(ctx, "contract_breach.has_contract") == "yes"


# Half a year of savings is the cushion already (the dependency rules read six months as
# enough to walk away, questions/scoring.toml).
CUSHION_MONTHS = 6


def needs_cushion(ctx: AssessmentContext) -> bool:
    """True unless the savings already cover half a year: an exit plan then asks to put part
    of each payment aside (a reader with eight months saved was told to "build a cushion")."""
    savings = money.answer_figure(ctx.answers, money.Q_SAVINGS)
    return savings is None or savings.value < CUSHION_MONTHS


def money_owed(ctx: AssessmentContext) -> bool:
    """True when the user said an invoice is still unpaid 90 days after its due date, and
    not that nothing is overdue now (``explain.owed_past_90``, read by the check date too)."""
    return owed_past_90(ctx.answers)


def unpaid_now(ctx: AssessmentContext) -> bool:
    """Money still owed today: an invoice unpaid 90 days after its due date, or money past
    due that the client disputes, ignores, holds back or paid only in part. The plan, the
    advice and the drafts for leaving say "recover it", never "paid late"."""
    return money_owed(ctx) or answered(ctx, "late_payment.owed_now") in RESISTED


def contract_term_broken(ctx: AssessmentContext, term: str) -> bool:
    """Under a contract, ``term`` ("payment", "scope", ...) is among the terms said broken:
    the contract already sets it, so the drafts and the plan hold the client to it."""
    return has_contract(ctx) and term in (facts(ctx, "contract_breach").get("terms_broken") or ())


def cancellations_only(ctx: AssessmentContext) -> bool:
    """Late cancellations, with no term said broken and nothing else missed: nothing in the
    agreement covers them yet, so the plan, the advice and the contract revision propose a
    cancellation clause rather than "the clause that was broken" (a professional's reading,
    er17: "our written agreement says nothing about cancellations")."""
    f = facts(ctx, "contract_breach")
    terms = f.get("terms_broken")
    no_term = not isinstance(terms, tuple | list) or set(terms) <= {"none"}
    return (
        f.get("cancelled") in ("sometimes", "often", "always")
        and no_term
        and f.get("minor_breaches") not in ("often", "always")
        and f.get("keeps_word") not in ("rarely", "never")
    )


def crossed_lines(ctx: AssessmentContext) -> set[str]:
    """The lines the user said the client crossed (none unless they said one was)."""
    f = facts(ctx, "unprofessional")
    crossed = f.get("crossed_what") if f.get("crossed_line") == "yes" else ()
    return set(crossed) if isinstance(crossed, tuple | list) else set()


def asked_to_cheat(ctx: AssessmentContext) -> str:
    """What the client asked the user to do against the rules: "falsify" (something that
    carries the user's name), "shortcut" (a dishonest shortcut) or "" (neither). The plan
    and the goodbye for leaving put the user's "no" on record first."""
    crossed = crossed_lines(ctx)
    return "falsify" if "dishonest" in crossed else ("shortcut" if "shortcut" in crossed else "")


def notice_weeks(ctx: AssessmentContext) -> float | None:
    """Return the notice period in weeks (a month is 4.345: say it with the ``notice``
    filter), or None when there is none or it is unknown."""
    weeks = answered(ctx, "situation.notice_weeks")
    if isinstance(weeks, int | float) and weeks > 0:
        return float(weeks)
    return None


# A client worth at most this share of your income (in %): ``small_client_share`` in
# questions/scoring.toml (a test keeps the two the same).
SMALL_CLIENT_SHARE = 5


def small_share(answers: Mapping[str, Answer]) -> bool:
    """The client brings at most ``SMALL_CLIENT_SHARE`` % of the user's income."""
    share = answers.get("situation.income_share")
    return isinstance(share, int | float) and share <= SMALL_CLIENT_SHARE


def occasional(ctx: AssessmentContext) -> bool:
    """Leaving a client who brings you very little, with no contract, no notice to give and
    nothing owed today: the work comes job by job, so leaving is declining the next job, not
    ending a working relationship with a last day and a handover (two professional readings:
    ds08, a 2 % agency sending an edit now and then; dz24, a one-off analysis under a
    contract for that job alone, invoiced once)."""
    invoices = answered(ctx, "late_payment.invoices_total")
    one_job = isinstance(invoices, int | float) and invoices <= 1
    return (
        ctx.verdict == "let_go"
        and small_share(ctx.answers)
        and (answered(ctx, "contract_breach.has_contract") == "no" or one_job)
        and notice_weeks(ctx) is None
        and not unpaid_now(ctx)
    )


def last_working_day(ctx: AssessmentContext, weeks: float | None) -> date | None:
    """The last working day if notice is given on the assessment day, or None without notice.

    Never earlier than ``weeks`` after the assessment day (see ``dates.notice_end``).
    """
    return notice_end(ctx.assessed_on, weeks, jurisdiction(ctx))


def late_payment_rights(
    ctx: AssessmentContext, audience: str = "user", amount: float | None = None
) -> tuple[str, ...]:
    """List the statutory late-payment rights that apply, each with its legal reference.

    Only for business clients. ``audience="user"`` gives advice lines (ending with the
    "not legal advice" caveat); ``audience="client"`` gives the sentences a firm letter
    may quote (none for "other" jurisdictions). ``amount`` picks the UK fixed sum when
    the debt is in pounds. Every line follows shared/notes/late-payment-law.md.
    """
    if not is_business_client(ctx):
        return ()
    code, _ = currency(ctx)
    text = render(
        f"advice/{ctx.lang}/_late_payment_rights.txt.j2",
        ctx=ctx,
        audience=audience,
        where=jurisdiction(ctx),
        uk_compensation=uk_compensation(amount) if code == "GBP" else None,
    )
    return template_lines(text)


def uk_compensation(amount: float | None) -> int | None:
    """Fixed compensation per invoice under s. 5A of the 1998 Act, in pounds."""
    if amount is None or amount <= 0:
        return None
    if amount < 1000:
        return 40
    return 70 if amount < 10000 else 100


# --- advice ------------------------------------------------------------------------------


def template_lines(text: str) -> tuple[str, ...]:
    """Split rendered template text into its non-empty, trimmed lines."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def advice_kind(ctx: AssessmentContext) -> str:
    """What the advice does under this verdict: "fix", "prepare" or "leave"."""
    return ctx.advice or "fix"


def sign_advice(ctx: AssessmentContext, sign: SignView, band: str, advice: str) -> AdviceItem:
    """Render the advice for one sign at ``band``: how to fix it, prepare, or leave.

    A sign kept because it stopped (or because what goes on is paid for under the user's
    terms) gets how to keep it that way, titled so: a user read "It stopped: keep this
    client" over "act now, propose new terms".
    """
    code, _ = currency(ctx)
    kept = advice == "fix" and sign.rule in KEPT_AS_IT_IS
    settled = ""
    if advice == "fix" and sign.rule in SETTLED_RULES:
        settled = render(f"advice/{ctx.lang}/_settled.txt.j2", ctx=ctx, sign=sign)
    text = (
        settled
        if template_lines(settled)
        else render(
            f"advice/{ctx.lang}/{sign.id}.txt.j2",
            ctx=ctx,
            sign=sign,
            band=band,
            advice=advice,
            facts=facts(ctx, sign.id),
            situation=facts(ctx, "situation"),
            owed=money_owed(ctx),
            unpaid=unpaid_now(ctx),
            contract=has_contract(ctx),
            currency=code,
            rights=late_payment_rights(ctx) if sign.id == "late_payment" else (),
            only_cancels=sign.id == "contract_breach" and cancellations_only(ctx),
        )
    )
    titles = _TITLES.get(ctx.lang, _TITLES["en"])
    return AdviceItem(
        sign_id=sign.id,
        sign_name=sign.name,
        band=band,
        band_label=sign.band_label,
        advice=advice,
        dealbreaker=sign.dealbreaker,
        title=titles["kept" if kept else advice].format(sign=sign.name),
        lines=template_lines(text),
        kept=kept,
    )


def walk_away_line(ctx: AssessmentContext) -> str | None:
    """Under *Renegotiate now*, when the user can afford to leave, say so once."""
    if ctx.verdict != "renegotiate" or not ctx.can_leave or not ctx.dependency_known:
        return None
    lines = template_lines(render(f"advice/{ctx.lang}/_walk_away.txt.j2", ctx=ctx))
    return lines[0] if lines else None


def advice_for(ctx: AssessmentContext) -> tuple[AdviceItem, ...]:
    """Give advice for every sign that needs attention, most serious first.

    Every block stands alone: no line refers to one that another block holds.
    """
    if ctx.verdict == "not_enough":
        return ()  # too little to go on: no advice until there is a verdict
    advice = advice_kind(ctx)
    items = [
        sign_advice(ctx, sign, sign.band, advice)
        for sign in ctx.flagged
        if sign.band in ADVICE_BANDS
    ]
    walk_away = walk_away_line(ctx)
    if items and walk_away:
        items[0] = replace(items[0], lines=(*items[0].lines, walk_away))
    return tuple(items)


def plan_lead(ctx: AssessmentContext) -> SignView | None:
    """The sign the action plan starts with, and the suggested drafts too: the one the rule
    that set the verdict fired on, else the most serious flagged sign.

    A user's walk: the plan said to start with "Pays late" while the first draft suggested
    answered the threat, and the payment draft came third.
    """
    lead = "demanding" if ctx.extras_first else ctx.driver_sign
    return next((s for s in ctx.flagged if s.id == lead), None) or (
        ctx.flagged[0] if ctx.flagged else None
    )


def action_plan(ctx: AssessmentContext) -> tuple[str, ...]:
    """List the 3-5 next steps that follow from the verdict."""
    # The payment draft's own terms, so that the plan proposes what the draft sends (a
    # professional's reading, es01). (draft_facts reads this module: imported here.)
    from clientcheck.guidance.draft_facts import payment_terms_mode

    weeks = notice_weeks(ctx)
    text = render(
        f"plan/{ctx.lang}.txt.j2",
        ctx=ctx,
        worst=ctx.flagged[0] if ctx.flagged else None,
        lead=plan_lead(ctx),
        notice_weeks=weeks,
        notice_end=last_working_day(ctx, weeks),
        owed=money_owed(ctx),
        unpaid_now=unpaid_now(ctx),
        asked_to_cheat=asked_to_cheat(ctx),
        contract=has_contract(ctx),
        cushion=needs_cushion(ctx),
        occasional=occasional(ctx),
        small_share=small_share(ctx.answers),
        only_cancels=cancellations_only(ctx),
        terms_mode=payment_terms_mode(ctx),
        agreed_term=contract_term_broken(ctx, "payment"),
    )
    return template_lines(text)
