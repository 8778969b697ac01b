"""The letter around a draft: what the user adds to it, the addressee, and its files.

``MessageDetails`` holds what the user types in the drafts panel; ``addressee`` writes
the greeting's name for a language; ``draft_to_txt`` and ``draft_to_eml`` are the two
files a draft leaves as (the app never sends anything).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default as default_policy

from clientcheck.guidance.render import Draft
from clientcheck.i18n import DEFAULT_LANG, t

# Line breaks and other vertical separators: a name or subject must stay on one line.
_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
# Courtesy titles an addressee may start with, as each language writes them.
_TITLES_BY_LANG = {
    "en": {
        "madame": "Ms",
        "mme": "Ms",
        "mme.": "Ms",
        "mademoiselle": "Ms",
        "mlle": "Ms",
        "monsieur": "Mr",
        "m.": "Mr",
        "ms": "Ms",
        "ms.": "Ms",
        "mrs": "Mrs",
        "mrs.": "Mrs",
        "miss": "Miss",
        "mr": "Mr",
        "mr.": "Mr",
        "dr": "Dr",
        "dr.": "Dr",
        "prof": "Prof",
        "prof.": "Prof",
        "professor": "Professor",
    },
    "fr": {
        "ms": "Madame",
        "ms.": "Madame",
        "mrs": "Madame",
        "mrs.": "Madame",
        "miss": "Madame",
        "mr": "Monsieur",
        "mr.": "Monsieur",
        "madame": "Madame",
        "mme": "Madame",
        "mme.": "Madame",
        "monsieur": "Monsieur",
        "m.": "Monsieur",
    },
}


@dataclass(frozen=True)
class MessageDetails:
    """What the user may add to a draft; anything left empty gets neutral wording.

    The client's name or alias from "About the client" never reaches a draft:
    only ``client_label`` (a name the user chose for messages) and
    ``contact_name`` (the addressee, "Jane" or "Madame Durand") do.
    """

    sender_name: str = ""
    contact_name: str = ""
    client_label: str = ""
    overdue_amount: float | None = None
    # Every overdue invoice together (this one included), when others are overdue too.
    total_owed: float | None = None
    currency: str | None = None  # None: the currency chosen in the answers, else EUR
    invoice_number: str = ""
    invoice_date: date | None = None
    invoice_due: date | None = None  # the invoice's original due date
    deposit_percent: int = 50
    due_date: date | None = None  # the date by which the overdue amount should be paid
    notice_weeks: int | None = None  # None: taken from the answers, if given there
    end_date: date | None = None  # the last day of the collaboration
    referral_name: str = ""
    office_hours: str = ""
    proposed_clause: str = ""
    revision_reason: str = ""  # "", or one of REVISION_REASONS ("" picks from the answers)
    example: str = ""  # the user's own example of what happened
    incident_date: date | None = None  # the day of a threat put on record
    balance_due: float | None = None  # what is still due on a part-paid invoice
    extra_work: str = ""  # what the client asked for
    extra_price: float | None = None
    extra_deadline: date | None = None
    sender_email: str = ""
    contact_email: str = ""
    prepared_on: date | None = None  # the day the message is sent; None: the assessment day

    def tidied(self) -> MessageDetails:
        """Names go into one-line places (subject, greeting): keep them on one line."""
        return replace(
            self,
            sender_name=one_line(self.sender_name),
            contact_name=one_line(self.contact_name),
            client_label=one_line(self.client_label),
            invoice_number=one_line(self.invoice_number),
            referral_name=one_line(self.referral_name),
            office_hours=one_line(self.office_hours),
            extra_work=one_line(self.extra_work),
            example=self.example.strip(),
            proposed_clause=self.proposed_clause.strip(),
        )

    def owes_money(self) -> bool:
        """The user gave an unpaid amount (one invoice's, or the total of several)."""
        return bool(self.overdue_amount or self.total_owed)

    def owes_more(self) -> bool:
        """Other invoices are overdue too: the total is larger than the named invoice's."""
        return self.total_owed is not None and self.total_owed > (self.overdue_amount or 0)


def one_line(text: str) -> str:
    """Put a name or a subject on one line."""
    return _LINE_BREAKS.sub(" ", text).strip()


def addressee(contact_name: str, lang: str) -> tuple[str, bool]:
    """Write the addressee for ``lang`` and say whether it starts with a courtesy title.

    "Madame Durand" becomes "Ms Durand" in English (greeted "Dear Ms Durand", never
    "Hi Madame Durand"); "Jane" stays "Jane".
    """
    name = one_line(contact_name)
    first, _, rest = name.partition(" ")
    title = _TITLES_BY_LANG.get(lang.split("-")[0], {}).get(first.lower())
    if title and lang == "en-US":
        title += "."  # Ms. Durand, as written in the United States
    if not rest.strip():
        return name, False
    if title:
        return f"{title} {rest.strip()}", True
    return name, first.lower().rstrip(".") in {"dr", "prof", "professor", "docteur", "maître"}


def draft_to_txt(draft: Draft) -> bytes:
    """Write a draft as a UTF-8 text file: the subject line (in the draft's language), a blank
    line, the body."""
    colon = "\u00a0:" if draft.lang == "fr" else ":"
    return f"{t('draft_subject', draft.lang)}{colon} {draft.subject}\n\n{draft.body}\n".encode()


def _address(name: str, addr: str) -> Address | None:
    addr = addr.strip()
    if not addr:
        return None
    try:
        return Address(display_name=one_line(name), addr_spec=addr)
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
    msg["Subject"] = one_line(draft.subject)
    msg["X-Unsent"] = "1"
    msg["Content-Language"] = draft.lang or DEFAULT_LANG
    msg.set_content(draft.body + "\n", charset="utf-8")
    return msg.as_bytes()
