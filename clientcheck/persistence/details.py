"""The details a user gives a draft (names, invoice, dates…), as the device copy keeps them.

Plain data shared by the device copy's loader (clientcheck/persistence/device.py) and the
drafts panel that draws them (clientcheck/ui/draft_details.py).
"""

from __future__ import annotations

from typing import Final

MAX_DETAIL_CHARS: Final = 300
# Every detail a draft may be given, in the order the drafts panel draws them
# (clientcheck/ui/draft_details.py takes its fields from here), by kind: text as typed
# ("text", "area"; numbers too, "money" and "weeks", read where they are used; "reason", a
# revision reason), a day ("date"; "sent_on", the day the message goes), or the deposit's
# percentage ("percent"). One list for both, so a detail the panel keeps cannot be refused
# on a reload: a stale copy of this list cost a user the whole assessment (6 December 2026).
DETAIL_KINDS: Final = {
    "prepared_on": "sent_on",
    "sender_name": "text",
    "sender_email": "text",
    "contact_name": "text",
    "contact_email": "text",
    "client_label": "text",
    "invoice_number": "text",
    "invoice_date": "date",
    "invoice_due": "date",
    "overdue_amount": "money",
    "total_owed": "money",
    "due_date": "date",
    "deposit_percent": "percent",
    "notice_weeks": "weeks",
    "end_date": "date",
    "referral_name": "text",
    "office_hours": "text",
    "revision_reason": "reason",
    "proposed_clause": "area",
    "example": "area",
    "incident_date": "date",
    "balance_due": "money",
    "extra_work": "text",
    "extra_price": "money",
    "extra_deadline": "date",
}
DAY_KINDS: Final = ("date", "sent_on")
