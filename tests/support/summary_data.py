"""Assessments and summary inputs shared by the summary, PDF, CLI and storage tests.

Advice and plan are written here by hand so these tests do not depend on the
advice templates; ``clientcheck.outputs.exports.build_summary_input`` is tested apart.
"""

from __future__ import annotations

from datetime import date

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine.verdict import assess
from clientcheck.guidance.render import AdviceItem, Draft, build_context, render_why
from clientcheck.outputs.charts import RadarSeries
from clientcheck.outputs.summary import ComparisonRow, ComparisonView, SummaryInput

DAY = date(2026, 11, 27)
ACCENTED_NAME = "Société Œuvre & Fils"
HOSTILE_NAMES = (
    "<script>alert(1)</script>",
    "[x](http://evil)",
    "![img](http://evil/x.png)",
    "{{ 7*7 }}",
    "**bold**",
    "| pipe |",
    "first line\nsecond line",
    "`code` ``` ~~~",
    "# heading",
    "1. list",
    "&lt;b&gt; &amp;",
)

FULL_ANSWERS = {
    "situation.income_share": 20,
    "situation.savings_months": 8,
    "situation.pipeline": "some",
    "situation.notice_weeks": 4,
    "situation.work_matters": "a_little",
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 5,
    "late_payment.days_late": 40,
    "late_payment.chasing": "often",
    "late_payment.unpaid_90": "no",
    "less_work.volume_change": -30,
    "less_work.idle_weeks": 2,
    "less_work.predictable": "sometimes",
    "demanding.out_of_scope": 4,
    "demanding.tight_deadlines": "often",
    "demanding.changes_after_signoff": "sometimes",
    "demanding.free_extras": "often",
    "disrespect.belittles": "rarely",
    "disrespect.insults": "no",
    "disrespect.ethics": "never",
    "disrespect.feel_after": "sometimes",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ("none",),
    "contract_breach.minor_breaches": "sometimes",
    "contract_breach.keeps_word": "often",
    "contract_breach.cancelled": "rarely",
    "high_maintenance.unbilled_hours": 5,
    "high_maintenance.after_hours": "often",
    "high_maintenance.explain_everything": "always",
    "high_maintenance.impatience": "often",
    "unprofessional.off_topic": "sometimes",
    "unprofessional.crossed_line": "no",
    "unprofessional.gossip": "often",
    "unprofessional.unpredictable": "sometimes",
}
FRENCH_SAMPLE = "é è à ç œ Œ € « » — ’ …"


def record(name: str = ACCENTED_NAME, answers: dict | None = None, notes: str = "") -> ClientRecord:
    return ClientRecord(
        name=name,
        notes=notes,
        answers=dict(FULL_ANSWERS if answers is None else answers),
        assessed_on=DAY,
    )


def drafts(lang: str, count: int = 2, name: str = ACCENTED_NAME) -> tuple[Draft, ...]:
    body = (
        f"Bonjour,\n\nÀ partir du prochain projet pour {name}, je demanderai un acompte de 50 % "
        "à la commande, 25 % à la livraison et 25 % à la validation finale. "
        f"{FRENCH_SAMPLE}\n\nCela me permet de garder du temps pour vos projets.\n\n"
        "Bien cordialement,\nCamille"
    )
    return tuple(
        Draft(
            message_id="payment_terms",
            tone=("warm", "neutral", "firm")[i % 3],
            lang=lang,
            title=f"Conditions de paiement {i + 1}",
            subject=f"Nos conditions de paiement, {name}",
            body=body,
        )
        for i in range(count)
    )


def summary_input(
    lang: str = "fr",
    name: str = ACCENTED_NAME,
    answers: dict | None = None,
    notes: str = "",
    draft_count: int = 2,
    comparison: bool = False,
    advice: bool = True,
) -> SummaryInput:
    """Score a record and wrap it with hand-written advice, plan and drafts."""
    bank = default_bank()
    rec = record(name, answers, notes)
    ctx = build_context(bank, rec, assess(bank, rec.answers), lang)
    items = tuple(
        AdviceItem(
            sign_id=sign.id,
            sign_name=sign.name,
            band=sign.band,
            band_label=sign.band_label,
            advice=ctx.advice,
            dealbreaker=sign.dealbreaker,
            title=f"Advice for {name}",
            lines=(
                "Ask for 50% upfront on the next project, then 25% on delivery and 25% at the end.",
                f"Tell {name} politely that you now have to prioritise other clients.",
            ),
        )
        for sign in ctx.flagged
    )
    view = None
    if comparison:
        other = record("Acme Ltd", {k: v for k, v in FULL_ANSWERS.items() if "late" not in k})
        other_ctx = build_context(bank, other, assess(bank, other.answers), lang)
        view = ComparisonView(
            title="then and now",
            labels=tuple(s.name for s in ctx.signs),
            series=tuple(
                RadarSeries(c.client_name, tuple(float(s.score) for s in c.signs))
                for c in (ctx, other_ctx)
            ),
            rows=tuple(
                ComparisonRow(
                    c.client_name,
                    c.verdict_label,
                    c.risk,
                    c.dependency,
                    ", ".join(s.name for s in c.flagged[:3]),
                )
                for c in (ctx, other_ctx)
            ),
        )
    return SummaryInput(
        ctx=ctx,
        why=render_why(ctx),
        advice=items if advice else (),
        plan=(f"Send {name} the payment terms this week.", "Check again on the date below.")
        if advice
        else (),
        drafts=drafts(lang, draft_count, name),
        comparison=view,
    )


def sign_names(lang: str) -> list[str]:
    return [sign.name(lang) for sign in default_bank().signs]
