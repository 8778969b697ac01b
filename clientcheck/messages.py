"""Message drafts the user edits, copies or downloads: never sent by the app.

Each message is one Jinja2 template per language (``templates/messages/<lang>/<id>.txt.j2``)
with the three tones inside. A template's first line is the subject, the rest the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default as default_policy

from clientcheck.advice import facts
from clientcheck.i18n import DEFAULT_LANG, Text, t
from clientcheck.moneytext import rate_review, rate_review_due
from clientcheck.render import AssessmentContext, Draft, render

TONES = ("warm", "neutral", "firm")
MESSAGE_IDS = (
    "payment_terms",
    "workload_checkin",
    "decline_extra_work",
    "name_disrespect",
    "contract_revision",
    "communication_boundaries",
    "professionalism_reminder",
    "goodbye",
    "new_rates",
)

_TITLES = {
    "payment_terms": Text(en="Payment terms", fr="Conditions de paiement"),
    "workload_checkin": Text(en="Workload check-in", fr="Point sur le volume de travail"),
    "decline_extra_work": Text(en="Declining extra work", fr="Refuser un travail supplémentaire"),
    "name_disrespect": Text(en="Naming disrespect", fr="Signaler un manque de respect"),
    "contract_revision": Text(en="Contract revision", fr="Révision du contrat"),
    "communication_boundaries": Text(en="Communication boundaries", fr="Cadre de communication"),
    "professionalism_reminder": Text(
        en="Professionalism reminder", fr="Rappel au professionnalisme"
    ),
    "goodbye": Text(en="Professional goodbye", fr="Fin de collaboration"),
    "new_rates": Text(en="New rates", fr="Nouveaux tarifs"),
}
_TONE_LABELS = {
    "warm": Text(en="Warm", fr="Chaleureux"),
    "neutral": Text(en="Neutral", fr="Neutre"),
    "firm": Text(en="Firm", fr="Ferme"),
}

# What to send for a sign you are trying to fix, and for one you are leaving over.
_FIX = {
    "late_payment": ("payment_terms",),
    "less_work": ("workload_checkin",),
    "demanding": ("decline_extra_work", "contract_revision"),
    "disrespect": ("name_disrespect",),
    "contract_breach": ("contract_revision",),
    "high_maintenance": ("communication_boundaries",),
    "unprofessional": ("professionalism_reminder",),
}
_EXIT = {"demanding": ("decline_extra_work", "goodbye")}
# Line breaks and other vertical separators: a name or subject must stay on one line.
_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class MessageDetails:
    """What the user may add to a draft; anything left empty gets neutral wording."""

    sender_name: str = ""
    contact_name: str = ""
    overdue_amount: float | None = None
    currency: str = "EUR"
    deposit_percent: int = 50
    due_date: date | None = None  # the date by which the overdue amount should be paid
    notice_weeks: int | None = None  # None: taken from the answers, if given there
    end_date: date | None = None  # the last day of the collaboration
    referral_name: str = ""
    office_hours: str = ""
    proposed_clause: str = ""
    sender_email: str = ""
    contact_email: str = ""


def message_title(message_id: str, lang: str) -> str:
    """Name a kind of message in ``lang``: "Payment terms"."""
    return _TITLES[message_id](lang)


def tone_label(tone: str, lang: str) -> str:
    """Name a tone in ``lang``: "Warm"."""
    return _TONE_LABELS[tone](lang)


def _unique(ids: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def suggested_messages(ctx: AssessmentContext) -> tuple[str, ...]:
    """List the drafts that fit the verdict and the flagged signs, most relevant first."""
    if ctx.verdict == "not_enough":
        return ()
    leaving_now = ctx.verdict == "let_go"
    ids: list[str] = ["goodbye"] if leaving_now else []
    for sign in ctx.flagged:
        if leaving_now:
            ids.extend(_EXIT.get(sign.id, ("goodbye",)))
        else:
            ids.extend(_FIX.get(sign.id, ()))
    if rate_review_due(ctx):
        ids.append("new_rates")
    # Cannot leave yet but should: protect yourself first, the goodbye is for later.
    if ctx.verdict == "plan_exit" or ctx.dealbreakers:
        ids.append("goodbye")
    return _unique(ids)


def ordered_messages(ctx: AssessmentContext) -> tuple[str, ...]:
    """List every message id: the suggested ones first, then the others in the usual order."""
    return _unique([*suggested_messages(ctx), *MESSAGE_IDS])


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text).strip()


def _milestones(deposit_percent: int) -> tuple[int, int, int]:
    """Split a project into start / delivery / completion payments: 50 -> (50, 25, 25)."""
    start = min(max(int(deposit_percent), 0), 100)
    rest = 100 - start
    return start, rest - rest // 2, rest // 2


def _notice_weeks(ctx: AssessmentContext, details: MessageDetails) -> int | None:
    if details.notice_weeks is not None:
        return max(int(details.notice_weeks), 0)
    answered = facts(ctx, "situation").get("notice_weeks")
    return int(answered) if isinstance(answered, int | float) else None


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def render_message(
    message_id: str, tone: str, ctx: AssessmentContext, details: MessageDetails | None = None
) -> Draft:
    """Write the draft of ``message_id`` in ``tone``, in the assessment's language."""
    if message_id not in MESSAGE_IDS:
        raise KeyError(message_id)
    if tone not in TONES:
        raise KeyError(tone)
    details = details or MessageDetails()
    # Names go into one-line places (subject, greeting): keep them on one line.
    details = replace(
        details,
        sender_name=_one_line(details.sender_name),
        contact_name=_one_line(details.contact_name),
        referral_name=_one_line(details.referral_name),
        office_hours=_one_line(details.office_hours),
        proposed_clause=details.proposed_clause.strip(),
    )
    lang = ctx.lang
    client = _one_line(ctx.client_name)
    if client == t("unnamed_client", lang):
        client = ""
    notice_weeks = _notice_weeks(ctx, details)
    text = render(
        f"messages/{lang}/{message_id}.txt.j2",
        ctx=ctx,
        tone=tone,
        d=details,
        client=client,
        milestones=_milestones(details.deposit_percent),
        notice_weeks=notice_weeks,
        facts={sign.id: facts(ctx, sign.id) for sign in ctx.signs},
        rates=rate_review(ctx.answers, ctx.assessed_on, lang, notice_weeks),
    )
    subject, _, body = _tidy(text).partition("\n")
    return Draft(
        message_id=message_id,
        tone=tone,
        lang=lang,
        title=message_title(message_id, lang),
        subject=subject.strip(),
        body=body.strip("\n"),
    )


def draft_to_txt(draft: Draft) -> bytes:
    """Write a draft as a UTF-8 text file: the subject line, a blank line, the body."""
    return f"Subject: {draft.subject}\n\n{draft.body}\n".encode()


def _address(name: str, addr: str) -> Address | None:
    addr = addr.strip()
    if not addr:
        return None
    try:
        return Address(display_name=_one_line(name), addr_spec=addr)
    except (ValueError, IndexError):
        return None


def draft_to_eml(draft: Draft, details: MessageDetails | None = None) -> bytes:
    """Write a draft as an unsent e-mail (.eml) that mail programs open ready to edit."""
    details = details or MessageDetails()
    msg = EmailMessage(policy=default_policy)
    sender = _address(details.sender_name, details.sender_email)
    recipient = _address(details.contact_name, details.contact_email)
    if sender:
        msg["From"] = sender
    if recipient:
        msg["To"] = recipient
    msg["Subject"] = _one_line(draft.subject)
    msg["X-Unsent"] = "1"
    msg["Content-Language"] = draft.lang or DEFAULT_LANG
    msg.set_content(draft.body + "\n", charset="utf-8")
    return msg.as_bytes()
