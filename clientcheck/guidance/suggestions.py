"""Which drafts to suggest, in which order, and which pull against the verdict.

The suggested drafts follow the action plan: the sign the plan starts with comes first.
"""

from __future__ import annotations

from dataclasses import replace

from clientcheck.guidance.advice import (
    has_contract,
    is_business_client,
    jurisdiction,
    money_owed,
    plan_lead,
    unpaid_now,
)
from clientcheck.guidance.dates import LAW_JURISDICTIONS
from clientcheck.guidance.draft_facts import (
    late_payment_asked_in_vain,
    overdue_now,
    why_key,
)
from clientcheck.guidance.explain import KEPT_AS_IT_IS
from clientcheck.guidance.rate_review import rate_review_due, rise_on_hold
from clientcheck.guidance.render import RATE_RULES, TERMS_IN_FORCE, AssessmentContext, SignView
from clientcheck.i18n import t

MAX_SUGGESTED = 3
# The draft that fixes a sign while staying, and the one for a sign you are leaving over.
FIX_DRAFT = {
    "late_payment": "payment_terms",
    "less_work": "workload_checkin",
    "demanding": "quote_extra_work",
    "disrespect": "name_disrespect",
    "contract_breach": "contract_revision",
    "high_maintenance": "communication_boundaries",
    "unprofessional": "professionalism_reminder",
}
LEAVE_DRAFT = {"demanding": "decline_extra_work"}
# A natural second step on the stay path, suggested after every sign's own draft:
# a late payer under a signed contract gets the payment clause as an amendment; a
# disrespectful client, exchanges kept in writing and within set hours.
COMPANION_DRAFT = {"late_payment": "contract_revision", "disrespect": "communication_boundaries"}
_STAY_VERDICTS = ("keep", "keep_boundaries", "renegotiate", "plan_exit")
# Drafts that build the working relationship (a retainer, new written terms, new rates):
# under *Let go* they pull against the verdict, so they are never suggested, come last and
# say "only if you decide to stay". The goodbye says "only if you decide to leave" under
# the verdicts that keep the client.
STAY_ONLY = ("workload_checkin", "contract_revision", "new_rates", "counter_proposal")
LEAVE_ONLY = ("goodbye",)
_KEEP_VERDICTS = ("keep", "keep_boundaries", "renegotiate")
_MILD = ("keep", "keep_boundaries")
# Where a formal claim of late-payment penalties fits: the client is kept, for now.
CLAIM_VERDICTS = ("keep", "keep_boundaries", "renegotiate")


def _by_seriousness(ctx: AssessmentContext) -> list[SignView]:
    """Flagged signs, deal-breakers and incidents first, then by score."""
    return sorted(
        ctx.flagged,
        key=lambda s: (
            not (s.dealbreaker or getattr(s, "incident", False)),
            -s.score,
            s.order,
        ),
    )


def suggested_drafts(ctx: AssessmentContext) -> tuple[tuple[str, str], ...]:
    """Rank at most three drafts to suggest, each with one line saying why.

    The rule (shared with the scenario suite):

    - nothing flagged (or not enough answers): none, or the goodbye under *Let go* (a
      client you have outgrown), or a rate review for a rate below your target;
    - *Keep*, *Keep, and set boundaries*, *Renegotiate now* and *Plan your exit*: the
      fix/stay draft of the most serious flagged sign (deal-breaker or incident first,
      then by score), then those of the next signs, without duplicates; then the
      companion drafts (``COMPANION_DRAFT``: the payment clause as a contract amendment
      for a late payer under a signed contract, communication boundaries after disrespect);
      the late-payment claim right after the payment draft when a business client kept
      on *Keep*, *Keep, and set boundaries* or *Renegotiate now* has an invoice overdue;
    - *Let go*: the goodbye, then the leave-path draft of the most serious sign if it
      has one (``decline_extra_work`` for "Increasingly demanding"), then the payment
      draft to collect what is owed when an invoice is still unpaid.

    Every other draft stays one click away (see ``ordered_messages``).
    """
    signs = _by_seriousness(ctx)
    if ctx.verdict == "not_enough":
        return ()
    if (cut_proposed(ctx) or cut_imposed(ctx)) and ctx.verdict in _STAY_VERDICTS:
        # They ask you to accept less, or cut your rate themselves: the answer comes first
        # (a reader: "say in writing that you do not accept the cut", and no draft at all).
        why = "why_counter_proposal_imposed" if cut_imposed(ctx) else "why_counter_proposal"
        reply = ("counter_proposal", t(why, ctx.lang))
        calm = {**ctx.answers, CUT_QUESTION: "same", RATE_HISTORY: "never_raised"}
        rest = suggested_drafts(replace(ctx, answers=calm))
        return (reply, *[p for p in rest if p[0] != "new_rates"])[:MAX_SUGGESTED]
    if not signs:
        # Nothing flagged: a client you have outgrown gets the goodbye; one paying below
        # your target, a rate review.
        if ctx.verdict == "let_go":
            return (("goodbye", t("why_goodbye", ctx.lang)),)
        if ctx.driver_rule == "check_who_they_are":
            # A new client nobody can identify: terms in writing, a deposit first.
            return (("contract_revision", t("why_check_who", ctx.lang)),)
        if ctx.verdict == "plan_exit" and ctx.driver_rule == "rate_refused":
            # A rise asked for and refused, from a client the user cannot leave yet: the
            # rate set in writing with a date, a last firm offer, then the goodbye for the
            # date they set (a professional's reading, dn06: no draft at all, and "asking
            # is not announcing a rate").
            return (
                ("new_rates", t("why_new_rates_last", ctx.lang)),
                ("goodbye", t("why_goodbye_later", ctx.lang)),
            )
        if rate_review_due(ctx) or ctx.driver_rule == "moving_on_not_yet_signed":
            # (Work you have outgrown, new work not signed: what would make staying worth it.)
            return (("new_rates", t("why_new_rates", ctx.lang)),)
        return ()
    lang = ctx.lang
    picks: list[tuple[str, str]] = []
    if ctx.driver_rule == "unsafe" and ctx.verdict == "plan_exit":
        return _after_a_threat_to_safety(ctx, signs)
    if ctx.verdict == "let_go":
        picks.append(("goodbye", t("why_goodbye", lang)))
        leave_draft = LEAVE_DRAFT.get(signs[0].id)
        if leave_draft:
            picks.append((leave_draft, t(f"why_{leave_draft}", lang, sign=signs[0].name)))
        if money_owed(ctx) and not is_business_client(ctx):
            picks.append(("payment_terms", t("why_collect", lang)))
        elif is_business_client(ctx) and unpaid_now(ctx):
            # A business leaving with money owed: the formal claim (the law's charges, a
            # date, then recovery), not new payment terms (a professional's reading: "a
            # step back after a registered letter").
            picks.append(("late_payment_claim", t(claim_why(ctx), lang)))
    elif ctx.verdict in _STAY_VERDICTS:
        # A sign whose fees or billed extras are paid while it goes on is kept as it is
        # (keep charging them), and so are terms that got a late payer to pay what is due
        # (only the fee is left to settle): no new terms to send about it under the keep
        # verdicts. One the client put right themselves has nothing to raise: no draft at
        # all; nor has conduct that stopped once raised (what to agree is in its advice).
        settled = [
            s
            for s in signs
            if s.history == "self_corrected"
            or (s.history in ("enforced_paid", "enforced_complied") and ctx.verdict in _MILD)
            or (s.history == "improved" and s.kind == "conduct")
            # Kept because it stopped, or because the fee for it is paid: nothing to ask
            # for (a user: "It stopped: keep this client", over a draft of new terms).
            or s.rule in KEPT_AS_IT_IS
        ]
        signs = [
            s
            for s in signs
            if s not in settled
            # The rate sets the verdict: the plan says to keep everything else as it is,
            # so a sign only to watch gets no message (a user: "a keep-it-professional note
            # to a lovely client who chats a little?").
            and not (ctx.driver_rule in RATE_RULES and s.band == "watch")
        ]
        # The sign the plan starts with comes first (plan_lead), then by seriousness.
        lead = plan_lead(ctx)
        signs.sort(key=lambda s: lead is None or s.id != lead.id)
        for sign in signs:
            draft = FIX_DRAFT[sign.id]
            if draft not in (m for m, _ in picks):
                picks.append((draft, t(why_key(ctx, draft), lang, sign=sign.name)))
        # A companion that is the draft of a sign kept as it is (the broken term settled
        # once raised) would raise it again: the amendment says "some of the points in our
        # contract have not been kept" (cg18, a breach settled, beside a late payer).
        reopens = {FIX_DRAFT[s.id] for s in settled} - {FIX_DRAFT[s.id] for s in signs}
        for sign in signs:
            companion = COMPANION_DRAFT.get(sign.id)
            if (sign.id == "late_payment" and not has_contract(ctx)) or companion in reopens:
                continue
            if companion and companion not in (m for m, _ in picks):
                picks.append((companion, t(f"why_companion_{companion}", lang)))
        # Not a rise asked of a client you depend on who has just threatened you (a
        # user: "the last thing I would do"): it stays one click away.
        if rate_review_due(ctx) and not rise_on_hold(ctx):
            # Second: after the most serious sign's own draft, before the milder ones; first
            # when the rate is what sets the verdict (a user: "why a professionalism
            # reminder first, just before asking a lovely client for a raise?").
            # After the quote for free extras, when those come first (``extras_first``).
            first = bool(ctx.driver_rule) and not ctx.driver_kind and not ctx.extras_first
            picks.insert(0 if first else 1, ("new_rates", t("why_new_rates", lang)))
        # The same when the user, stuck with the client, asked in vain: the plan says to
        # announce the terms with the first draft (a professional's reading, et06: "the
        # draft is a quote for one request; it announces no rule for the rounds to come").
        stuck_asked = ctx.driver_rule == "stuck_and_unresolved" and lead is not None
        stuck_asked = stuck_asked and lead.history in ("no_change", "slipping")
        in_vain = ctx.driver_rule in TERMS_IN_FORCE or stuck_asked
        if in_vain and lead is not None and lead.id == "demanding":
            # Asked about extras in vain: the plan announces the terms first, so the written
            # terms come first, and the quote for one request after them (two readings: a
            # quote "for your additional request" when none was pending, do06 and dd17).
            terms = ("contract_revision", t("why_scope_terms", lang, sign=lead.name))
            picks = [terms, *(p for p in picks if p[0] != "contract_revision")]
        if lead is not None and lead.id == "contract_breach" and _scope_clause_only(ctx):
            # The term broken is the scope the contract already sets: the quote for the next
            # extra applies it, where new clauses would be signed and ignored again (a
            # professional's reading, es07: two rounds of revisions agreed, seven done).
            quote = next((p for p in picks if p[0] == "quote_extra_work"), None)
            if quote is not None:
                picks = [quote, *(p for p in picks if p is not quote)]
        if claim_due(ctx):
            # Right after the payment draft: ask for the invoice, then claim what the law adds.
            at = next((i + 1 for i, (m, _) in enumerate(picks) if m == "payment_terms"), 0)
            picks.insert(at, ("late_payment_claim", t(claim_why(ctx), lang)))
    # Never suggest a draft that pulls against the verdict (see ``against_verdict``).
    return tuple(pick for pick in picks if not against_verdict(ctx, pick[0]))[:MAX_SUGGESTED]


def _after_a_threat_to_safety(
    ctx: AssessmentContext, signs: list[SignView]
) -> tuple[tuple[str, str], ...]:
    """A threat to the user's safety from a client they cannot leave yet: its record
    first, then the money owed, claimed in writing; no other draft that opens a talk
    (a user's walk: "Naming disrespect" allowed calls after the record asked for writing
    only, and new payment terms were proposed to a client she is told to leave)."""
    sign = next(s for s in signs if s.id == "unprofessional")
    draft = "professionalism_reminder"
    picks = [(draft, t(why_key(ctx, draft), ctx.lang, sign=sign.name))]
    if money_owed(ctx) or overdue_now(ctx):
        if is_business_client(ctx):
            picks.append(("late_payment_claim", t(claim_why(ctx), ctx.lang)))
        else:
            picks.append(("payment_terms", t("why_collect", ctx.lang)))
    return tuple(picks)


def _scope_clause_only(ctx: AssessmentContext) -> bool:
    """True when the only term of the contract the client broke is its scope."""
    return set(ctx.answers.get("contract_breach.terms_broken") or ()) == {"scope"}


CUT_QUESTION = "situation.usual_rate"
RATE_HISTORY = "situation.rate_history"


def cut_proposed(ctx: AssessmentContext) -> bool:
    """True when the client asks the user to accept less (a cut, worse terms)."""
    return ctx.answers.get(CUT_QUESTION) == "cut_proposed"


def cut_imposed(ctx: AssessmentContext) -> bool:
    """True when the client cut the rate or made the terms worse on their own."""
    return ctx.answers.get(RATE_HISTORY) == "imposed"


def claim_due(ctx: AssessmentContext) -> bool:
    """True when a business client you keep has an invoice overdue: claim the penalties.

    Overdue 90 days or more; or overdue now, after asking changed nothing (asking is not
    enforcing: the late fees the law gives are the next step).
    """
    overdue = money_owed(ctx) or (late_payment_asked_in_vain(ctx) and overdue_now(ctx))
    return ctx.verdict in CLAIM_VERDICTS and overdue and is_business_client(ctx)


def claim_why(ctx: AssessmentContext) -> str:
    """Why the claim is suggested: the law's charges where the app knows them (France,
    Belgium, the UK, the EU), else a formal final demand and the local rules to check (a US
    user read "the law adds penalties and a fixed recovery charge")."""
    known = jurisdiction(ctx) in LAW_JURISDICTIONS
    return "why_late_payment_claim" if known else "why_late_payment_claim_local"


def suggested_messages(ctx: AssessmentContext) -> tuple[str, ...]:
    """List the ids of the suggested drafts, most relevant first."""
    return tuple(message_id for message_id, _ in suggested_drafts(ctx))


def against_verdict(ctx: AssessmentContext, message_id: str) -> str | None:
    """Say "only_if_stay" or "only_if_leave" for a draft that pulls against the verdict."""
    if ctx.verdict == "let_go" and message_id in STAY_ONLY:
        return "only_if_stay"
    if ctx.verdict in _KEEP_VERDICTS and message_id in LEAVE_ONLY:
        return "only_if_leave"
    return None


def verdict_note(ctx: AssessmentContext, message_id: str) -> str | None:
    """One sentence over a draft that pulls against the verdict, in the user's language."""
    which = against_verdict(ctx, message_id)
    if which == "only_if_stay":
        offer = t(f"stay_offer_{message_id}", ctx.lang)
        return t("draft_only_if_stay", ctx.lang, offer=offer)
    return t(f"draft_{which}", ctx.lang) if which else None
