"""The details a draft cannot guess (names, invoice, amounts, dates…), typed under the draft.

Drawn only while their folded section is open; their values are kept per client in the
store, so every draft (and the summary's) uses them, open or not.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from clientcheck.bank.answers import AnswerError, parse_decimal
from clientcheck.guidance.draft_facts import REVISION_REASONS
from clientcheck.guidance.letters import MessageDetails
from clientcheck.i18n import format_number, t
from clientcheck.persistence.details import DETAIL_KINDS, MAX_DETAIL_CHARS
from clientcheck.ui.state import store

# Every detail: field -> (kind, label key, help key or None), in the order drawn. The
# fields and their kinds are the device copy's (DETAIL_KINDS), so all of them survive a
# reload.
_LABELS = {
    "prepared_on": ("detail_prepared_on", "detail_prepared_on_help"),
    "sender_name": ("detail_sender_name", None),
    "sender_email": ("detail_sender_email", None),
    "contact_name": ("detail_contact_name", "detail_contact_help"),
    "contact_email": ("detail_contact_email", None),
    "client_label": ("detail_client_label", "detail_client_label_help"),
    "invoice_number": ("detail_invoice_number", None),
    "invoice_date": ("detail_invoice_date", None),
    "invoice_due": ("detail_invoice_due", None),
    "overdue_amount": ("detail_overdue_amount", None),
    "total_owed": ("detail_total_owed", "detail_total_owed_help"),
    "due_date": ("detail_due_date", None),
    "deposit_percent": ("detail_deposit_percent", None),
    "notice_weeks": ("detail_notice_weeks", "detail_notice_help"),
    "end_date": ("detail_end_date", None),
    "referral_name": ("detail_referral_name", "detail_referral_help"),
    "office_hours": ("detail_office_hours", "detail_office_hours_help"),
    "revision_reason": ("detail_revision_reason", None),
    "proposed_clause": ("detail_proposed_clause", "detail_proposed_clause_help"),
    "example": ("detail_example", "detail_example_help"),
    "incident_date": ("detail_incident_date", "detail_incident_date_help"),
    "balance_due": ("detail_balance_due", "detail_balance_due_help"),
    "extra_work": ("detail_extra_work", None),
    "extra_price": ("detail_extra_price", None),
    "extra_deadline": ("detail_extra_deadline", None),
}
DETAILS = {field: (kind, *_LABELS[field]) for field, kind in DETAIL_KINDS.items()}
COMMON_DETAILS = ("sender_name", "sender_email", "contact_name", "contact_email", "client_label")
# Which details each draft uses, shown under the common ones.
MESSAGE_DETAILS = {
    "payment_terms": (
        "prepared_on",
        "invoice_number",
        "invoice_date",
        "invoice_due",
        "overdue_amount",
        "total_owed",
        "due_date",
        "deposit_percent",
    ),
    "workload_checkin": (),
    "quote_extra_work": ("extra_work", "extra_price", "extra_deadline"),
    "decline_extra_work": ("extra_work", "referral_name"),
    "name_disrespect": ("example",),
    "contract_revision": ("revision_reason", "proposed_clause"),
    "communication_boundaries": ("office_hours",),
    "professionalism_reminder": ("office_hours", "example"),
    "goodbye": (
        "prepared_on",
        "notice_weeks",
        "end_date",
        "referral_name",
        "invoice_number",
        "overdue_amount",
        "total_owed",
        "due_date",
    ),
    "new_rates": ("prepared_on", "notice_weeks"),
    "late_payment_claim": (
        "prepared_on",
        "invoice_number",
        "invoice_date",
        "invoice_due",
        "overdue_amount",
        "due_date",
    ),
}
# After a threat to the user's safety, the record and the goodbye name the day it was said
# (a user's walk: "[date]" with no field for it, and "Your office hours" the draft never uses).
SAFETY_DETAILS = {
    "professionalism_reminder": ("incident_date", "example"),
    "goodbye": ("incident_date", *MESSAGE_DETAILS["goodbye"]),
}
# The fields of a draft by what the professionalism reminder answers
# (draft_facts.reminder_case), where they differ from MESSAGE_DETAILS: a client drunk or
# high at work gets a reply with no quoted remark and no working hours, so neither is asked;
# one treated like an employee, their hours and no quoted remark.
CASE_DETAILS = {
    "safety": SAFETY_DETAILS,
    "intoxicated": {"professionalism_reminder": ()},
    "control": {"professionalism_reminder": ("office_hours",)},
    # Mood swings alone: the reply names them and asks for changes in writing, no hours.
    "moody": {"professionalism_reminder": ()},
}
# The fields about an overdue invoice: not asked of a client the answers say owes nothing
# (a user leaving a client who pays on time was asked for "Overdue amount" and "Pay the
# overdue invoice by").
INVOICE_DETAILS = frozenset(
    ("invoice_number", "invoice_date", "invoice_due", "overdue_amount", "total_owed", "due_date")
)
_LIMITS = {"money": (0, 10_000_000, False), "weeks": (0, 104, True)}
_ERRORS = {"money": "error_amount", "weeks": "error_notice"}


def _details_store(record_id: str) -> dict[str, object]:
    return store().details.setdefault(record_id, {})


def _keep(field: str, key: str, record_id: str) -> None:
    value = st.session_state.get(key)
    _details_store(record_id)[field] = value[:MAX_DETAIL_CHARS] if isinstance(value, str) else value


def _bound_key(field: str, record_id: str) -> str:
    key = f"detail|{record_id}|{field}"
    saved = _details_store(record_id)
    if key not in st.session_state and field in saved:
        st.session_state[key] = saved[field]
    return key


def _number(raw: object, lo: float, hi: float, integer: bool) -> tuple[float | None, bool]:
    """Parse an optional number typed by the user: (value, ok)."""
    try:
        value = parse_decimal(str(raw or ""))
    except AnswerError:
        return None, False
    if value is None:
        return None, True
    if not lo <= value <= hi or (integer and not value.is_integer()):
        return None, False
    return value, True


def _value(field: str, raw: object) -> tuple[object, bool]:
    """Turn what is stored for a detail into its MessageDetails value: (value, ok)."""
    kind = DETAILS[field][0]
    if kind in _LIMITS:
        value, ok = _number(raw, *_LIMITS[kind])
        return (int(value) if kind == "weeks" and value is not None else value), ok
    if kind == "date":
        return (raw if isinstance(raw, date) else None), True
    if kind == "sent_on":  # never before today: a draft's dates count from the day it goes
        return max(raw, date.today()) if isinstance(raw, date) else date.today(), True
    if kind == "percent":
        return int(raw) if isinstance(raw, int | float) else 50, True
    if kind == "reason":
        return (raw if raw in REVISION_REASONS else ""), True
    return str(raw or "").replace("\x00", ""), True


def _from_answers(field: str, record_id: str, lang: str) -> str | None:
    """What an empty field stands for: the notice given in the questionnaire, if any."""
    if field != "notice_weeks":
        return None
    record = next((r for r in store().clients if r.id == record_id), None)
    weeks = record.answers.get("situation.notice_weeks") if record else None
    if not isinstance(weeks, int | float) or isinstance(weeks, bool):
        return None
    return t("detail_notice_from_answers", lang, weeks=format_number(weeks, lang))


def date_entry_format(lang: str, currency_code: str) -> str:
    """The order a typed date is read in: day first, as the drafts write it ("1 February"),
    except in English for a client billed in US dollars (month first, as in the US).

    Never year first: a British user typing "18122026" into a YYYY-MM-DD field got the
    year 1812 (a user's walk, 6 December 2026).
    """
    return "MM/DD/YYYY" if lang == "en" and currency_code == "USD" else "DD/MM/YYYY"


def _draw(field: str, record_id: str, lang: str, currency_code: str, where) -> None:
    kind, label_key, help_key = DETAILS[field]
    key = _bound_key(field, record_id)
    label = t(label_key, lang, currency=currency_code) if kind == "money" else t(label_key, lang)
    common = {
        "key": key,
        "help": t(help_key, lang) if help_key else None,
        "on_change": _keep,
        "args": (field, key, record_id),
    }
    if kind in ("text", "area"):
        widget = where.text_area if kind == "area" else where.text_input
        widget(label, max_chars=MAX_DETAIL_CHARS, **common)
    elif kind in _LIMITS:
        placeholder = _from_answers(field, record_id, lang)
        # no max_chars: no "2/20" counter under a number
        where.text_input(label, placeholder=placeholder, **common)
        if not _value(field, st.session_state.get(key))[1]:
            where.error(t(_ERRORS[kind], lang), icon=":material/error:")
    elif kind == "date":
        if key not in st.session_state:
            st.session_state[key] = None
        where.date_input(label, format=date_entry_format(lang, currency_code), **common)
    elif kind == "sent_on":
        # Empty means today (a day kept from an earlier visit that has passed empties
        # again), so the field shows nothing until the user picks a later day.
        today = date.today()
        kept = st.session_state.get(key)
        st.session_state[key] = kept if isinstance(kept, date) and kept > today else None
        where.date_input(
            label, min_value=today, format=date_entry_format(lang, currency_code), **common
        )
    elif kind == "percent":
        if key not in st.session_state:
            st.session_state[key] = 50
        where.number_input(label, min_value=10, max_value=100, step=5, **common)
    else:
        options = ("", *REVISION_REASONS)
        if st.session_state.get(key) not in options:
            st.session_state[key] = ""
        names = {"": t("revision_auto", lang)} | {r: t(f"revision_{r}", lang) for r in options[1:]}
        # No typing in a short list, so a phone's keyboard stays down.
        where.selectbox(label, options, format_func=names.__getitem__, filter_mode=None, **common)


def details_form(
    record_id: str,
    lang: str,
    message_id: str = "payment_terms",
    currency_code: str = "EUR",
    nothing_overdue: bool = False,
    case: str = "",
    part_paid: bool = False,
) -> MessageDetails:
    """Draw the details this draft uses and return them all; a bad value is skipped.

    Details of other drafts keep their saved values, so the summary's drafts use them.
    With ``nothing_overdue`` (the answers say no invoice is overdue), the goodbye and the
    payment terms do not ask about an overdue invoice (one typed before is kept, and
    still drawn). ``case`` is what the professionalism reminder answers (CASE_DETAILS:
    after a threat to the user's safety, the record and the goodbye ask for the day it
    was said). With ``part_paid`` (part of an overdue invoice was paid), the balance
    still due is asked for beside the invoice's amount.
    """
    # Drawn only while open (most people never open it): ten fields cost more than the
    # rest of the drafts panel, on every change of the results page.
    box = st.expander(
        t("details_title", lang),
        icon=":material/edit_note:",
        key=f"details_open|{record_id}",
        on_change="rerun",
    )
    if box.open:
        with box:
            st.caption(t("details_caption", lang))
            own = CASE_DETAILS.get(case, {}).get(message_id)
            fields = MESSAGE_DETAILS.get(message_id, ()) if own is None else own
            shown = (*COMMON_DETAILS, *fields)
            if part_paid and "overdue_amount" in shown:  # its balance, right after it
                at = shown.index("overdue_amount") + 1
                shown = (*shown[:at], "balance_due", *shown[at:])
            if nothing_overdue and message_id in ("goodbye", "payment_terms"):
                saved = _details_store(record_id)
                shown = tuple(f for f in shown if f not in INVOICE_DETAILS or saved.get(f))
            for row in _rows(shown):
                # Row by row, so a phone (where columns stack) reads them in this order
                # too (a user's walk: "Invoice due date" came before "Invoice date").
                wide = DETAILS[row[0]][0] in ("area", "reason")
                places = (st,) if wide else st.columns(2)
                for field, where in zip(row, places, strict=False):
                    _draw(field, record_id, lang, currency_code, where)
    return details_values(record_id)


def _rows(fields: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The fields two by two, in order; a wide one (a text area, a list) on its own row."""
    rows: list[tuple[str, ...]] = []
    pair: list[str] = []
    for field in fields:
        if DETAILS[field][0] in ("area", "reason"):
            rows += [tuple(pair)] if pair else []
            rows.append((field,))
            pair = []
        else:
            pair.append(field)
            if len(pair) == 2:
                rows.append(tuple(pair))
                pair = []
    return rows + ([tuple(pair)] if pair else [])


def details_values(record_id: str) -> MessageDetails:
    """Every detail typed for this client (a value that is not valid is left out)."""
    saved = _details_store(record_id)
    values: dict[str, object] = {}
    for field in DETAILS:
        key = f"detail|{record_id}|{field}"
        raw = st.session_state.get(key, saved.get(field))
        values[field] = _value(field, raw)[0]
    return MessageDetails(**values)
