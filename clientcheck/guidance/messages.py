"""Message drafts the user edits, copies or downloads: never sent by the app.

Each message is one Jinja2 template per language (``templates/messages/<lang>/<id>.txt.j2``)
with the three tones inside. A template's first line is the subject, the rest the body.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from difflib import SequenceMatcher

from clientcheck.engine import money
from clientcheck.guidance.advice import (
    answered,
    asked_to_cheat,
    contract_term_broken,
    currency,
    facts,
    has_contract,
    is_business_client,
    jurisdiction,
    money_owed,
    notice_weeks,
    occasional,
    uk_compensation,
)
from clientcheck.guidance.dates import DraftDates, draft_dates
from clientcheck.guidance.draft_facts import (
    REMINDER_TITLES,
    cancellation_term_broken,
    debt_growing,
    good_record,
    late_history,
    late_pattern,
    milestones,
    past_due_now,
    payment_terms_mode,
    planned_volume,
    reminder_case,
    revision_clauses,
    strengthens_payment_clause,
    threat_made,
)
from clientcheck.guidance.explain import PAST_DUE, invoice_claimed
from clientcheck.guidance.letters import MessageDetails, addressee
from clientcheck.guidance.rate_review import rate_review
from clientcheck.guidance.render import US_ENGLISH, AssessmentContext, Draft, letter_style, render
from clientcheck.guidance.suggestions import (
    against_verdict,
    claim_due,
    cut_imposed,
    suggested_messages,
)
from clientcheck.guidance.us_english import american, one_period
from clientcheck.i18n import Text, letter_money, t

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
    "counter_proposal": Text(
        en="Reply to their new terms", fr="Réponse à ses nouvelles conditions"
    ),
    "late_payment_claim": Text(en="Late-payment claim", fr="Réclamation des pénalités de retard"),
}
_TONE_LABELS = {
    "warm": Text(en="Warm", fr="Chaleureux"),
    "neutral": Text(en="Neutral", fr="Neutre"),
    "firm": Text(en="Firm", fr="Ferme"),
}
# Placeholders the user must replace before downloading: the draft cannot guess them.
REQUIRED_PLACEHOLDERS = {"en": ("[your example]",), "fr": ("[votre exemple]",)}

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


_TOKENS = re.compile(r"\[[^\[\]\n]{1,240}\]|\w+|\s+|[^\w\s]")


def detail_fills(blank: Draft, filled: Draft) -> dict[str, str]:
    """What each bracketed field of the draft with no details became once the details were
    typed ("[name]" -> "Jane"): only fields replaced alone, and always by the same text.

    A user's walk: details typed after the draft was edited never reached it, and the only
    way to get them in was a reset that lost the user's own words.
    """
    fills: dict[str, str | None] = {}
    for old, new in ((blank.subject, filled.subject), (blank.body, filled.body)):
        a, b = _TOKENS.findall(old), _TOKENS.findall(new)
        for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op == "replace" and i2 - i1 == 1 and _BRACKETED.fullmatch(a[i1]):
                value = "".join(b[j1:j2])
                if "[" in value or fills.get(a[i1], value) != value:
                    fills[a[i1]] = None  # ambiguous, or still a field: left as it is
                else:
                    fills[a[i1]] = value
    return {field: value for field, value in fills.items() if value}


def carry_details(text: str, fills: dict[str, str]) -> str:
    """Put the typed details into text the user edited, where their fields still stand."""
    for field, value in fills.items():
        text = text.replace(field, value)
    return text


_BALANCE_FIELD = {"en": "[balance]", "fr": "[solde]"}  # a part-paid invoice's balance, not typed


def _amount(value: float | None, code: str, lang: str) -> str:
    return letter_money(value, lang, code) if value else ""


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
    code = details.currency or currency(ctx)[0]
    style = letter_style(lang, code)
    to_name, formal = addressee(details.contact_name, style)
    details = replace(details, contact_name=to_name)
    weeks = _notice_weeks(ctx, details)
    dates = message_dates(ctx, details)
    # Money past due today, after asking changed nothing, is named and asked for, with
    # fields for what the user did not give (a professional's reading: two unpaid invoices
    # called "invoices that needed chasing before they were paid", and no draft asked for
    # them).
    past_due = past_due_now(ctx)
    # Named and asked for by a date (``invoice_claimed``, which the check date reads too):
    # after a formal notice as after asking (dt12: CHF 18,000 unpaid three months after a
    # registered letter), and a disputed or ignored invoice raised before or not (dr21:
    # new terms alone read "as if the dispute did not exist").
    owed = invoice_claimed(ctx.answers) or details.owes_money()
    owed_now = facts(ctx, "late_payment").get("owed_now")
    disputed = owed_now == "disputed"
    due = details.invoice_due
    days_overdue = (dates.prepared_on - due).days if due and due < dates.prepared_on else None
    flagged = {sign.id for sign in ctx.flagged}
    history, good = late_history(ctx), good_record(ctx)
    contract, clauses = has_contract(ctx), revision_clauses(ctx, details, owed)
    text = render(
        f"messages/{lang}/{message_id}.txt.j2",
        ctx=ctx,
        tone=tone,
        d=details,
        client=details.client_label,
        currency=code,
        style=style,  # date(style): month first in US English
        milestones=milestones(details.deposit_percent),
        notice_weeks=weeks,
        last_day=dates.last_day,
        dates=dates,
        contract=contract,
        owed=owed,
        past_due=past_due,  # money past its due date today, however it comes
        disputed=disputed,
        more_owed=details.owes_more(),  # other invoices unpaid too: give the total
        # The answers say an invoice is 90+ days overdue today. Money that is "slow, but it
        # comes" beside a 90-day delay that happened once is the habit, not a 90-day debt
        # today (a professional's reading, dy11: "is now more than 90 days overdue" for a
        # client two months late as a rule, four months once): the draft says "still unpaid".
        # So does a draft for a user who said neither that money is overdue today nor which
        # invoice (ee13, ej17: "now more than 90 days overdue" from an invoice that once went
        # unpaid that long, with the question about today unanswered).
        overdue_90=money_owed(ctx)
        and owed_now != "slow"
        and (owed_now in PAST_DUE or details.owes_money()),
        late_history=history,
        growing=debt_growing(ctx, ("growing",)),
        part_paid=(part_paid := owed_now == "part_paid"),
        # The claim is suggested too: the terms draft does not waive what it claims (a
        # professional's reading: "a claim and a waiver for the same invoice").
        claim_suggested=claim_due(ctx),
        # What is still due on the invoice: its balance once part of it was paid (a user's
        # walk: "[balance]" with no field, and a draft asking for the whole $3,200).
        still_due=_amount(details.balance_due if part_paid else details.overdue_amount, code, lang)
        or (_BALANCE_FIELD[lang] if part_paid else ""),
        pattern=late_pattern(ctx) if history else {},
        good_record=good,
        # What the payment-terms draft proposes: the same choice as its one-line reason.
        terms_mode=payment_terms_mode(ctx),
        leaving=ctx.verdict == "let_go",
        occasional=occasional(ctx),  # a tiny client, job by job: the next job declined
        flagged=flagged,
        days_overdue=days_overdue,
        day_after_due=due + timedelta(days=1) if due else None,
        pay_by=dates.pay_by,
        formal=formal,
        clauses=clauses,
        # The cancellation term was agreed and is what they break: it is confirmed and
        # applied, not added as if new (a professional's reading, eu18).
        cancel_agreed=cancellation_term_broken(ctx),
        # The contract's own payment term is what they break: recalled, never proposed.
        agreed_term=contract_term_broken(ctx, "payment"),
        pay_clause=contract and strengthens_payment_clause(ctx, details, clauses),
        # A cut the client already made on its own: the reply says so (counter_proposal).
        imposed=cut_imposed(ctx),
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
        example_given=bool(details.example),  # the user typed the remark, word for word
        facts={sign.id: facts(ctx, sign.id) for sign in ctx.signs},
        reminder_case=reminder_case(ctx),  # what it answers: the title reads it too
        threat_made=threat_made(ctx),
        asked_to_cheat=asked_to_cheat(ctx),  # the goodbye's "no" to a dishonest request
        rates=rate_review(ctx.answers, dates.prepared_on, lang, weeks, code),
    )
    text = one_period(_tidy(text))
    if style == US_ENGLISH:
        text = american(text)
    subject, _, body = text.partition("\n")
    return Draft(
        message_id=message_id,
        tone=tone,
        lang=lang,
        title=message_title(message_id, lang, ctx),
        subject=subject.strip(),
        body=body.strip("\n"),
    )
