"""Assessment contexts built through the real pipeline, shared by the advice and draft tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine.verdict import assess
from clientcheck.guidance.render import AssessmentContext, build_context

ASSESSED_ON = date(2026, 11, 27)
# Cannot leave yet: most income from this client, no savings, nothing else lined up.
DEPENDENT = {
    "situation.income_share": 80,
    "situation.savings_months": 1,
    "situation.pipeline": "none",
}
# A client who pays most invoices late, and has to be chased every time.
LATE_PAYER = {
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 8,
    "late_payment.days_late": 45,
    "late_payment.chasing": "always",
}
# Free to leave: little income from this client, a year of savings, plenty of leads.
FREE = {
    "situation.income_share": 10,
    "situation.savings_months": 12,
    "situation.pipeline": "plenty",
}
# A client whose business is in trouble, paying later and later after being asked
# (paid_before_the_work once something is overdue): calibration situation cc19.
STRUGGLING = {
    "situation.income_share": 45,
    "situation.savings_months": 1.5,
    "situation.hard_times": "business",
    "late_payment.invoices_total": "dont_know",
    "late_payment.chasing": "often",
    "late_payment.raised": "no_change",
}
# Late payments that stopped once raised: five of twelve invoices, 35 days late.
LATE_RAISED_AND_FIXED = {
    "late_payment.invoices_total": 12,
    "late_payment.late_invoices": 5,
    "late_payment.days_late": 35,
    "late_payment.chasing": "often",
    "late_payment.raised": "improved",
}
# A 2 % agency sending a video edit now and then, five months to pay €300 once, no
# contract, nothing owed today; a year saved and plenty of other work (calibration ds08).
OCCASIONAL_LATE = {
    "situation.income_share": 2,
    "situation.savings_months": 12,
    "situation.pipeline": "plenty",
    "situation.work_matters": "not_at_all",
    "situation.client_kind": "business",
    "situation.jurisdiction": "eu",
    "late_payment.invoices_total": "dont_know",
    "late_payment.owed_now": "none",
    "late_payment.unpaid_90": "once",
    "demanding.tight_deadlines": "always",
    "contract_breach.has_contract": "no",
}
# A request to falsify something that carries the user's name, not answered yet, from a
# client worth 15 % of the income: Critical risk under *Keep, and set boundaries*.
FALSIFY_UNANSWERED = {
    "situation.income_share": 15.0,
    "situation.savings_months": 5.0,
    "unprofessional.crossed_line": "yes",
    "unprofessional.crossed_what": ["dishonest"],
}
# Names that must come out of every template literally.
HOSTILE_NAMES = (
    "Société Œuvre & Fils",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "**bold**",
    "😀" * 500,
)


def make_ctx(answers: dict, lang: str = "en", name: str = "Acme") -> AssessmentContext:
    """Score ``answers`` for a client called ``name`` and build the template context."""
    bank = default_bank()
    record = ClientRecord(name=name, answers=dict(answers), assessed_on=ASSESSED_ON)
    return build_context(bank, record, assess(bank, record.answers), lang)


def with_verdict(ctx: AssessmentContext, verdict: str) -> AssessmentContext:
    """The same context under another verdict, with the advice that verdict calls for."""
    advice = default_bank().rules.advice_for(verdict) or ""
    return replace(ctx, verdict=verdict, advice=advice)


# Cannot leave yet, insulted repeatedly, asked and nothing changed: plan the exit.
LEAVING = {
    "situation.income_share": 80,
    "situation.savings_months": 2,
    "situation.pipeline": "some",
    "situation.notice_weeks": 4,
    "disrespect.insults": "repeatedly",
    "disrespect.raised": "no_change",
}
