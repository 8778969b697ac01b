"""Message drafts the user edits, copies or downloads: never sent by the app.

Each message is one Jinja2 template per language (``templates/messages/<lang>/<id>.txt.j2``)
with the three tones inside. A template's first line is the subject, the rest the body.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from clientcheck.engine import money
from clientcheck.guidance.advice import (
    answered,
    currency,
    facts,
    has_contract,
    is_business_client,
    jurisdiction,
    money_owed,
    notice_weeks,
    uk_compensation,
)
from clientcheck.guidance.dates import DraftDates, draft_dates
from clientcheck.guidance.draft_facts import (
    REMINDER_TITLES,
    debt_growing,
    good_record,
    late_history,
    late_pattern,
    late_payment_asked_in_vain,
    milestones,
    overdue_now,
    payment_terms_mode,
    planned_volume,
    reminder_case,
    revision_clauses,
    threat_made,
    why_key,
)
from clientcheck.guidance.letters import MessageDetails, addressee
from clientcheck.guidance.rate_review import rate_review, rate_review_due
from clientcheck.guidance.render import AssessmentContext, Draft, SignView, render
from clientcheck.i18n import Text, t

TONES = ("warm", "neutral", "firm")
MESSAGE_IDS = (
    "payment_terms",
    "workload_checkin",
    "quote_extra_work",
    "decline_extra_work",
    "name_disrespect",
    "contract_revision",
    "communication_boundaries",
    "professionalism_reminder",
    "goodbye",
    "new_rates",
    "late_payment_claim",
    "counter_proposal",
)
MAX_SUGGESTED = 3

_TITLES = {
    "payment_terms": Text(en="Payment terms", fr="Conditions de paiement"),
    "workload_checkin": Text(en="Workload check-in", fr="Point sur le volume de travail"),
    "quote_extra_work": Text(
        en="Extra work as a paid change", fr="Travail supplémentaire sur devis"
    ),
    "decline_extra_work": Text(en="Declining extra work", fr="Refuser un travail supplémentaire"),
    "name_disrespect": Text(en="Naming disrespect", fr="Signaler un manque de respect"),
    "contract_revision": Text(en="Contract revision", fr="Révision du contrat"),
    "communication_boundaries": Text(en="Communication boundaries", fr="Cadre de communication"),
    "professionalism_reminder": Text(
        en="Professionalism reminder", fr="Rappel au professionnalisme"
    ),
    "goodbye": Text(en="Professional goodbye", fr="Fin de collaboration"),
    "new_rates": Text(en="New rates", fr="Nouveaux tarifs"),
    "counter_proposal": Text(en="Reply to their proposal", fr="Réponse à sa proposition"),
    "late_payment_claim": Text(en="Late-payment claim", fr="Réclamation des pénalités de retard"),
}
_TONE_LABELS = {
    "warm": Text(en="Warm", fr="Chaleureux"),
    "neutral": Text(en="Neutral", fr="Neutre"),
    "firm": Text(en="Firm", fr="Ferme"),
}
# Placeholders the user must replace before downloading: the draft cannot guess them.
REQUIRED_PLACEHOLDERS = {"en": ("[your example]",), "fr": ("[votre exemple]",)}

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
_BLANK_LINES = re.compile(r"\n{3,}")


def message_title(message_id: str, lang: str, ctx: AssessmentContext | None = None) -> str:
    """Name a kind of message in ``lang``: "Payment terms"; with ``ctx``, this one's name."""
    case = reminder_case(ctx) if ctx and message_id == "professionalism_reminder" else ""
    return t(REMINDER_TITLES[case], lang) if case in REMINDER_TITLES else _TITLES[message_id](lang)


def tone_label(tone: str, lang: str) -> str:
    """Name a tone in ``lang``: "Warm"."""
    return _TONE_LABELS[tone](lang)


def _unique(ids: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


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
    if cut_proposed(ctx) and ctx.verdict in _STAY_VERDICTS:
        # They ask you to accept less: the answer to their proposal comes first.
        reply = ("counter_proposal", t("why_counter_proposal", ctx.lang))
        rest = suggested_drafts(replace(ctx, answers={**ctx.answers, CUT_QUESTION: "same"}))
        return (reply, *[p for p in rest if p[0] != "new_rates"])[:MAX_SUGGESTED]
    if not signs:
        # Nothing flagged: a client you have outgrown gets the goodbye; one paying below
        # your target, a rate review.
        if ctx.verdict == "let_go":
            return (("goodbye", t("why_goodbye", ctx.lang)),)
        if rate_review_due(ctx) or ctx.driver_rule == "moving_on_not_yet_signed":
            # (Work you have outgrown, new work not signed: what would make staying worth it.)
            return (("new_rates", t("why_new_rates", ctx.lang)),)
        return ()
    lang = ctx.lang
    picks: list[tuple[str, str]] = []
    if ctx.verdict == "let_go":
        picks.append(("goodbye", t("why_goodbye", lang)))
        leave_draft = LEAVE_DRAFT.get(signs[0].id)
        if leave_draft:
            picks.append((leave_draft, t(f"why_{leave_draft}", lang, sign=signs[0].name)))
        if money_owed(ctx):
            picks.append(("payment_terms", t("why_collect", lang)))
    elif ctx.verdict in _STAY_VERDICTS:
        # A sign whose fees or billed extras are paid while it goes on is kept as it is
        # (keep charging them), and so are terms that got a late payer to pay what is due
        # (only the fee is left to settle): no new terms to send about it under the keep
        # verdicts. One the client put right themselves has nothing to raise: no draft at
        # all; nor has conduct that stopped once raised (what to agree is in its advice).
        signs = [
            s
            for s in signs
            if s.history != "self_corrected"
            and not (s.history in ("enforced_paid", "enforced_complied") and ctx.verdict in _MILD)
            and not (s.history == "improved" and s.kind == "conduct")
        ]
        for sign in signs:
            draft = FIX_DRAFT[sign.id]
            if draft not in (m for m, _ in picks):
                picks.append((draft, t(why_key(ctx, draft), lang, sign=sign.name)))
        for sign in signs:
            companion = COMPANION_DRAFT.get(sign.id)
            if sign.id == "late_payment" and not has_contract(ctx):
                continue
            if companion and companion not in (m for m, _ in picks):
                picks.append((companion, t(f"why_companion_{companion}", lang)))
        if rate_review_due(ctx):
            # Second: after the most serious sign's own draft, before the milder ones; first
            # when the rate is what sets the verdict (a user: "why a professionalism
            # reminder first, just before asking a lovely client for a raise?").
            first = bool(ctx.driver_rule) and not ctx.driver_kind  # no sign set it
            picks.insert(0 if first else 1, ("new_rates", t("why_new_rates", lang)))
        if claim_due(ctx):
            # Right after the payment draft: ask for the invoice, then claim what the law adds.
            at = next((i + 1 for i, (m, _) in enumerate(picks) if m == "payment_terms"), 0)
            picks.insert(at, ("late_payment_claim", t("why_late_payment_claim", lang)))
    # Never suggest a draft that pulls against the verdict (see ``against_verdict``).
    return tuple(pick for pick in picks if not against_verdict(ctx, pick[0]))[:MAX_SUGGESTED]


CUT_QUESTION = "situation.usual_rate"


def cut_proposed(ctx: AssessmentContext) -> bool:
    """True when the client asks the user to accept less (a cut, worse terms)."""
    return ctx.answers.get(CUT_QUESTION) == "cut_proposed"


def claim_due(ctx: AssessmentContext) -> bool:
    """True when a business client you keep has an invoice overdue: claim the penalties.

    Overdue 90 days or more; or overdue now, after asking changed nothing (asking is not
    enforcing: the late fees the law gives are the next step).
    """
    overdue = money_owed(ctx) or (late_payment_asked_in_vain(ctx) and overdue_now(ctx))
    return ctx.verdict in CLAIM_VERDICTS and overdue and is_business_client(ctx)


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


def ordered_messages(ctx: AssessmentContext) -> tuple[str, ...]:
    """List every message id: the suggested ones first, then the others in the usual order,
    those that pull against the verdict last."""
    rest = [m for m in MESSAGE_IDS if not against_verdict(ctx, m)]
    return _unique([*suggested_messages(ctx), *rest, *MESSAGE_IDS])


def missing_placeholders(draft: Draft) -> tuple[str, ...]:
    """Return the placeholders the user must still replace before the draft can leave."""
    text = f"{draft.subject}\n{draft.body}"
    return tuple(p for p in REQUIRED_PLACEHOLDERS.get(draft.lang, ()) if p in text)


_BRACKETED = re.compile(r"\[[^\[\]\n]{1,240}\]")


def fields_to_fill(draft: Draft) -> tuple[str, ...]:
    """List the bracketed fields ("[number]", "[date]") left for the user, each once.

    They do not block a download (only ``missing_placeholders`` do): they are reminders.
    """
    required = set(REQUIRED_PLACEHOLDERS.get(draft.lang, ()))
    found = _BRACKETED.findall(f"{draft.subject}\n{draft.body}")
    return tuple(f for f in dict.fromkeys(found) if f not in required)


def _notice_weeks(ctx: AssessmentContext, details: MessageDetails) -> int | None:
    if details.notice_weeks is not None:
        return max(int(details.notice_weeks), 0) or None
    return notice_weeks(ctx)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def message_dates(ctx: AssessmentContext, details: MessageDetails | None = None) -> DraftDates:
    """The dates a draft states, counted from the day it is prepared (never before the
    assessment): last working day, pay-by date, when new rates start."""
    details = details or MessageDetails()
    prepared = max(details.prepared_on or ctx.assessed_on, ctx.assessed_on)
    return draft_dates(
        prepared,
        jurisdiction(ctx),
        _notice_weeks(ctx, details),
        details.end_date,
        details.due_date,
    )


def render_message(
    message_id: str, tone: str, ctx: AssessmentContext, details: MessageDetails | None = None
) -> Draft:
    """Write the draft of ``message_id`` in ``tone``, in the assessment's language.

    Every sentence states only what the answers or the details say; the client's
    name or alias from the assessment is never used.
    """
    if message_id not in MESSAGE_IDS:
        raise KeyError(message_id)
    if tone not in TONES:
        raise KeyError(tone)
    details = details or MessageDetails()
    details = details.tidied()
    lang = ctx.lang
    to_name, formal = addressee(details.contact_name, lang)
    details = replace(details, contact_name=to_name)
    code = details.currency or currency(ctx)[0]
    weeks = _notice_weeks(ctx, details)
    dates = message_dates(ctx, details)
    owed = money_owed(ctx) or details.owes_money() or debt_growing(ctx)
    due = details.invoice_due
    days_overdue = (dates.prepared_on - due).days if due and due < dates.prepared_on else None
    flagged = {sign.id for sign in ctx.flagged}
    history, good = late_history(ctx), good_record(ctx)
    text = render(
        f"messages/{lang}/{message_id}.txt.j2",
        ctx=ctx,
        tone=tone,
        d=details,
        client=details.client_label,
        currency=code,
        milestones=milestones(details.deposit_percent),
        notice_weeks=weeks,
        last_day=dates.last_day,
        dates=dates,
        contract=has_contract(ctx),
        owed=owed,
        more_owed=details.owes_more(),  # other invoices unpaid too: give the total
        overdue_90=money_owed(ctx),  # the answers say an invoice is 90+ days overdue
        late_history=history,
        growing=debt_growing(ctx, ("growing",)),
        part_paid=facts(ctx, "late_payment").get("owed_now") == "part_paid",
        pattern=late_pattern(ctx) if history else {},
        good_record=good,
        # What the payment-terms draft proposes: the same choice as its one-line reason.
        terms_mode=payment_terms_mode(ctx),
        leaving=ctx.verdict == "let_go",
        flagged=flagged,
        days_overdue=days_overdue,
        day_after_due=due + timedelta(days=1) if due else None,
        pay_by=dates.pay_by,
        formal=formal,
        clauses=revision_clauses(ctx, details, owed),
        basis=money.pay_basis(ctx.answers),
        planned=planned_volume(ctx),
        # New work waits for an unpaid invoice (from a late payer, for a deposit too).
        settle_first=owed,
        # Extras already quoted and billed, which the client refuses or ignores.
        extras_refused=facts(ctx, "demanding").get("raised") == "enforced",
        deposit_first=history or (owed and not good),
        business=is_business_client(ctx),
        private=answered(ctx, "situation.client_kind") == "individual",
        where=jurisdiction(ctx),
        uk_fixed=uk_compensation(details.overdue_amount) if code == "GBP" else None,
        example=details.example or REQUIRED_PLACEHOLDERS[lang][0],
        facts={sign.id: facts(ctx, sign.id) for sign in ctx.signs},
        reminder_case=reminder_case(ctx),  # what it answers: the title reads it too
        threat_made=threat_made(ctx),
        rates=rate_review(ctx.answers, dates.prepared_on, lang, weeks, code),
    )
    subject, _, body = _tidy(text).partition("\n")
    return Draft(
        message_id=message_id,
        tone=tone,
        lang=lang,
        title=message_title(message_id, lang, ctx),
        subject=subject.strip(),
        body=body.strip("\n"),
    )
