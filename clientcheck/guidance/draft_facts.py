"""What a draft says about the client, from the answers: the late-payment pattern, the volume
of ongoing work, the milestones of a project, and which clauses a contract revision proposes.

Plain Python over the assessment context; the drafts' wording stays in the templates.
"""

from __future__ import annotations

from clientcheck.bank.questions import ASKED_IN_VAIN, STILL_GOING
from clientcheck.engine import money
from clientcheck.guidance.advice import (
    cancellations_only,
    contract_term_broken,
    crossed_lines,
    facts,
    money_owed,
)
from clientcheck.guidance.explain import GROWING_DEBT, PAST_DUE
from clientcheck.guidance.letters import MessageDetails
from clientcheck.guidance.render import AssessmentContext

FADING = "fading_and_you_depend_on_it"  # less work from a client you depend on

REVISION_REASONS = ("breach", "payment", "scope", "terms")
# A habit the user reported (at least "sometimes"): contact outside working hours (a
# revision sets the hours in writing), mood swings (the reminder speaks of them).
REPORTED = ("sometimes", "often", "always")
# The clause of a contract revision each sign calls for (terms can fix these).
CLAUSE_FOR_SIGN = {
    "contract_breach": "breach",
    "demanding": "scope",
    "late_payment": "payment",
    "disrespect": "conduct",
    "unprofessional": "conduct",
}


def milestones(deposit_percent: int) -> tuple[int, int, int]:
    """Split a project into start / delivery / completion payments: 50 -> (50, 25, 25)."""
    start = min(max(int(deposit_percent), 0), 100)
    rest = 100 - start
    return start, rest - rest // 2, rest // 2


def revision_clauses(
    ctx: AssessmentContext, details: MessageDetails, owed: bool
) -> tuple[str, ...]:
    """The clauses a contract revision proposes, the most pressing first.

    The reason the user picked leads; then one clause for each flagged sign that terms
    can fix (``CLAUSE_FOR_SIGN``), by score; the payment clause whenever an invoice is
    unpaid. "terms" (changes agreed in writing) when neither scope nor payment is in play,
    so a revision always says how changes are agreed. "hours" (working hours, calls booked
    within them, the rest billed) last, when the user reported contact outside working hours.
    """
    picked = [details.revision_reason] if details.revision_reason in REVISION_REASONS else []
    by_score = sorted(ctx.flagged, key=lambda s: (-s.score, s.order))
    found = [CLAUSE_FOR_SIGN[s.id] for s in by_score if s.id in CLAUSE_FOR_SIGN]
    # A new client the user cannot identify: the payment clause (a deposit first) too.
    unknown = ctx.driver_rule == "check_who_they_are"
    clauses = list(dict.fromkeys([*picked, *found, *(["payment"] if owed or unknown else [])]))
    if "breach" in clauses and (cancellations_only(ctx) or cancellation_term_broken(ctx)):
        # Late cancellations that nothing in the agreement covers, or a cancellation term
        # agreed and broken (a professional's reading, eu18: "add two clauses" about changes
        # and obligations to a family who cancel an hour before and agreed to pay for it):
        # a cancellation clause.
        clauses[clauses.index("breach")] = "cancellation"
    if "scope" in clauses and "terms" in clauses:
        clauses.remove("terms")  # the scope clause already says it
    if not {"scope", "payment", "terms"} & set(clauses) and not cancellation_term_broken(ctx):
        clauses.append("terms")  # (not beside an agreed cancellation fee alone: eu18)
    if facts(ctx, "high_maintenance").get("after_hours") in REPORTED:
        clauses.append("hours")
    return tuple(clauses)


def cancellation_term_broken(ctx: AssessmentContext) -> bool:
    """The only term said broken is the agreed cancellation term, and work is cancelled late."""
    f = facts(ctx, "contract_breach")
    terms = f.get("terms_broken")
    return (
        isinstance(terms, tuple | list)
        and set(terms) == {"cancellation"}
        and f.get("cancelled") in REPORTED
    )


def strengthens_payment_clause(
    ctx: AssessmentContext, details: MessageDetails, clauses: tuple[str, ...]
) -> bool:
    """Under a contract: the revision proposes the payment clause alone, and the contract's
    own payment clause is the term the client broke, so it is strengthened, not added (a
    reader: "add a clause on payment" to a contract that already sets 30 days)."""
    broken = facts(ctx, "contract_breach").get("terms_broken") or ()
    return clauses == ("payment",) and not details.proposed_clause and "payment" in broken


def planned_volume(ctx: AssessmentContext) -> int | None:
    """The hours (or days) a month the client usually books, for ongoing hourly or daily work."""
    basis = money.pay_basis(ctx.answers)
    if basis not in ("hourly", "daily"):
        return None
    figure = money.answer_figure(ctx.answers, money.Q_BILLED[basis])
    return round(figure.value) if figure is not None and figure.value >= 1 else None


def late_pattern(ctx: AssessmentContext) -> dict[str, int]:
    """What the user reported about late payments: late, total, days (whole numbers)."""
    reported = facts(ctx, "late_payment")
    keys = {"late": "late_invoices", "total": "invoices_total", "days": "days_late"}
    pattern = {
        key: int(reported[qid])
        for key, qid in keys.items()
        if isinstance(reported.get(qid), int | float) and not isinstance(reported[qid], bool)
    }
    if pattern.get("total", 0) < pattern.get("late", 0):
        pattern.pop("total", None)  # never "8 of the last 3"
    return pattern


def past_due_now(ctx: AssessmentContext) -> bool:
    """The user said money is past its due date today, however it is coming (slowly, in
    part, disputed or ignored, held back): the drafts name the overdue invoice."""
    return facts(ctx, "late_payment").get("owed_now") in PAST_DUE


def debt_growing(ctx: AssessmentContext, trends: tuple[str, ...] = GROWING_DEBT) -> bool:
    """Money is overdue now and the unpaid total grows while work goes on, or the client
    may not be able to pay at all: the drafts name the overdue money and hold new work.
    ``trends=("growing",)``: only when the user said it grows (the drafts then say so)."""
    late = facts(ctx, "late_payment")
    return late.get("owed_now") in PAST_DUE and late.get("owed_growing") in trends


def late_history(ctx: AssessmentContext) -> bool:
    """Several invoices paid late, chasing needed, or still late once raised: a pattern.

    "Several invoices were paid late" only when the answers say so, not for one unpaid
    invoice; raised, or fees and deposits put in force, and still late counts, counted or not,
    and so does a debt that grows while the work goes on (debt_growing), and an average
    delay given without a count of late invoices ("two or three months late, every time":
    a reading as a user met a draft proposing terms "before the next project" as if the
    client had never paid late)."""
    late = facts(ctx, "late_payment")
    flagged = any(sign.id == "late_payment" for sign in ctx.flagged)
    chased = late.get("chasing") in ("often", "always")
    raised = late.get("raised") in STILL_GOING
    pattern = late_pattern(ctx)
    delay_alone = "late" not in pattern and pattern.get("days", 0) > 0
    return flagged and (
        pattern.get("late", 0) >= 2 or delay_alone or chased or raised or debt_growing(ctx)
    )


def good_record(ctx: AssessmentContext) -> bool:
    """One late invoice among several paid on time: a good payer, told so, not a late payer."""
    pattern = late_pattern(ctx)
    return not late_history(ctx) and pattern.get("late", 2) <= 1 and pattern.get("total", 0) >= 3


# A client in hard times, never told: instalments and a cap for a business in trouble, a
# kind "when can it be settled" in a bereavement.
HARD_TIMES_MODE = {"business": "plan", "personal": "gentle"}


def payment_terms_mode(ctx: AssessmentContext) -> str:
    """What the payment-terms draft proposes: its one-line reason on the results page, and
    the template's own choice of a first word or a plan (``terms_mode`` in
    templates/messages/*/payment_terms.txt.j2), from the answers alone: ``plan`` (a
    struggling client never told: the overdue balance in instalments), ``gentle`` (the
    same in hard personal times: when can it be settled), ``first_word`` (a late payer
    never told, kept with boundaries: the due date kept from now on, no deposit yet),
    ``due_date`` (no late-payment pattern: a clear due date in writing), ``in_advance``
    (ongoing work: the month's work invoiced in advance), ``paid_first`` (a client in
    trouble, or who may not pay at all, whom the plan says to work for only against
    payment in advance: the next project paid in full before it starts), ``deposit_large``
    (a client the user cannot afford to lose: invoices payable within 30 days and a
    deposit on large projects only; a professional's reading: a deposit on every job from
    an agency that is 60 % of the income "amounts to leaving"), else ``deposit`` (a
    deposit before the next project).
    """
    history = late_history(ctx)
    never_told = ctx.answers.get("late_payment.raised", "not_yet") == "not_yet"
    hard = ctx.answers.get("situation.hard_times")
    if never_told and hard in ("personal", "business") and debt_growing(ctx, ("may_not_pay",)):
        # They may not be able to pay at all: when and how the balance can be paid, kindly
        # in a bereavement; instalments and a cap for a business in trouble; never a deposit.
        return HARD_TIMES_MODE[hard]
    if history and never_told and ctx.verdict == "keep_boundaries":
        return HARD_TIMES_MODE.get(hard, "first_word")
    if good_record(ctx) or not (history or money_owed(ctx)):
        return "due_date"
    if money.pay_basis(ctx.answers) in ("hourly", "daily", "monthly"):
        return "in_advance"
    if ctx.driver_rule in ("paid_before_the_work", "may_not_pay_at_all"):
        return "paid_first"
    return "deposit_large" if ctx.dependency_known and not ctx.can_leave else "deposit"


# Money past its due date now, as the answers say it (partly paid included).
OVERDUE_NOW = ("slow", "part_paid")


def late_payment_asked_in_vain(ctx: AssessmentContext) -> bool:
    """The user asked a late payer to pay on time and it goes on: enforce, do not ask again
    (the judges' ladder, and a user who read the neutral draft as "it only asks")."""
    return facts(ctx, "late_payment").get("raised") in ASKED_IN_VAIN


def nothing_overdue(ctx: AssessmentContext) -> bool:
    """The answers say no invoice is overdue: none paid late, or nothing past due now (and
    nothing unpaid after 90 days). Unknown is not "nothing"."""
    late = facts(ctx, "late_payment")
    said_none = late.get("late_invoices") == 0 or late.get("owed_now") == "none"
    return said_none and not money_owed(ctx)


def overdue_now(ctx: AssessmentContext) -> bool:
    """An invoice is overdue now: unpaid 90 days, or money past due (in part) today."""
    return money_owed(ctx) or facts(ctx, "late_payment").get("owed_now") in OVERDUE_NOW


def default_tone(ctx: AssessmentContext, message_id: str) -> str:
    """The tone a draft opens in: neutral; firm for the payment draft once asking failed;
    warm for a rate rise to a client with nothing serious besides, and for the answer to a
    threat.

    Once asking failed, the verdict says "enforce your terms now"; the firm payment draft
    asks for the invoice by a date, holds new work until it is paid and states the deposit.
    A client whose only problem is the rate is one to keep (a freelancer's reading: "this
    is a lovely client, the bare neutral text is too cold").
    """
    enforce = ctx.verdict in ("renegotiate", "plan_exit") and late_payment_asked_in_vain(ctx)
    if message_id == "payment_terms" and enforce:
        return "firm"
    # Leaving a client who still does not pay after the user enforced their terms: the claim
    # is the formal demand, before recovery.
    enforced = facts(ctx, "late_payment").get("raised") == "enforced"
    if message_id == "late_payment_claim" and ctx.verdict == "let_go" and enforced:
        return "firm"
    # Disrespect from a client you are stuck with: the plan says it has to stop, and the firm
    # tone says so ("I won't accept being spoken to in this way"; a reader of the neutral one:
    # "it never says it must stop").
    if message_id == "name_disrespect" and ctx.driver_rule == "name_it_while_stuck":
        return "firm"
    # Less work from a client you depend on, asked about in vain: the check-in now offers a
    # minimum or a retainer and holds time only for confirmed work, with a date to reply.
    asked = facts(ctx, "less_work").get("raised") in ASKED_IN_VAIN
    if message_id == "workload_checkin" and ctx.driver_rule == FADING and asked:
        return "firm"
    serious = any(s.band in ("warning", "critical") for s in ctx.flagged)
    if message_id == "new_rates" and not serious:
        return "warm"
    # A threat is answered warmly, on the agreed terms (a freelancer's reading: the firm
    # reply is for a second message, if ever).
    return "warm" if message_id == "professionalism_reminder" and threatened(ctx) else "neutral"


# What a client may have crossed, as the professionalism reminder answers it: a threat alone
# gets its own answer (the terms stay as agreed); with a dishonest request or harassment,
# the refusal or the "it stops now" comes first.
THREATS = ("threats", "threat_once")
NOT_A_THREAT_ALONE = ("dishonest", "shortcut", "harassment", "discrimination", "safety")


def threat_made(ctx: AssessmentContext) -> bool:
    """The client made a threat, whatever else came with it."""
    return bool(crossed_lines(ctx) & set(THREATS))


def threatened(ctx: AssessmentContext) -> bool:
    """The client used a threat to get their way, and nothing graver crossed with it."""
    return threat_made(ctx) and not crossed_lines(ctx) & set(NOT_A_THREAT_ALONE)


# What the professionalism reminder answers, besides a general reminder: its title says so.
REMINDER_TITLES = {
    "safety": "draft_title_reminder_safety",
    "prying": "draft_title_reminder_prying",
    "refusal": "draft_title_reminder_refusal",
    "threat": "draft_title_reminder_threat",
    "intoxicated": "draft_title_reminder_intoxicated",
    "control": "draft_title_reminder_control",
}


def reminder_case(ctx: AssessmentContext) -> str:
    """What the professionalism reminder answers: "safety" (a threat to the user's safety,
    whatever came with it: put on record, contact in writing only), "prying" (questions
    about other clients, nothing else crossed), "refusal" (a dishonest request, alone or
    pushed with a threat),
    "threat" (a threat to get their way, nothing graver with it), "intoxicated" (drunk or
    high at work, and nothing else crossed: a reply about that day, not a quoted remark),
    "control" (treated like an employee, and nothing else crossed: how an independent
    works, with the user's hours),
    "remarks" (another line crossed), "moody" (nothing crossed: mood swings or sudden
    reversals, and no late calls: a reply about them, not about late calls and working
    hours; a professional's reading, ep23) or "" (a general reminder). The templates, the
    draft's title and its fields read it."""
    said = facts(ctx, "unprofessional").get("crossed_line") == "yes"
    flagged = any(s.id == "unprofessional" for s in ctx.flagged)
    if not (said and flagged):
        moody = facts(ctx, "unprofessional").get("unpredictable") in REPORTED
        calls_late = facts(ctx, "high_maintenance").get("after_hours") in REPORTED
        return "moody" if flagged and moody and not calls_late else ""
    what = crossed_lines(ctx)
    if "safety" in what:
        return "safety"
    if what in ({"intoxicated"}, {"control"}):
        return what.pop()
    asked = what & {"dishonest", "shortcut"}
    if what and what <= {"dishonest", "shortcut", "prying", *THREATS}:
        if asked:
            return "refusal"
        if not what & set(THREATS):
            return "prying"
    return "threat" if threatened(ctx) else "remarks"


def why_key(ctx: AssessmentContext, draft: str) -> str:
    """The string saying why ``draft`` is suggested: what it proposes for this client."""
    if draft == "payment_terms":
        mode = payment_terms_mode(ctx)
        if mode == "deposit_large" and contract_term_broken(ctx, "payment"):
            # The contract's own term is held, not 30 days proposed (the draft says so).
            return "why_payment_terms_deposit_large_kept"
        return f"why_payment_terms_{mode}"
    if draft == "professionalism_reminder" and reminder_case(ctx) == "safety":
        return "why_professionalism_reminder_safety"
    if draft == "professionalism_reminder" and threatened(ctx):
        return "why_professionalism_reminder_threat"
    return f"why_{draft}"
