"""Write every message draft, in every tone and language, for a few typical situations.

One Markdown file to read side by side: ``python scripts/drafts_gallery.py [out.md]``
(default ``drafts_gallery.md``). Each situation shows its verdict, the suggested drafts
with their reason, then each draft in English and French, warm, neutral and firm.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clientcheck.bank.loader import default_bank  # noqa: E402
from clientcheck.bank.records import ClientRecord  # noqa: E402
from clientcheck.engine.verdict import assess  # noqa: E402
from clientcheck.guidance.advice import advice_for  # noqa: E402
from clientcheck.guidance.messages import (  # noqa: E402
    MESSAGE_IDS,
    TONES,
    MessageDetails,
    message_title,
    render_message,
    suggested_drafts,
    tone_label,
)
from clientcheck.guidance.render import build_context  # noqa: E402
from clientcheck.i18n import LANGS  # noqa: E402

ASSESSED_ON = date(2026, 11, 27)


@dataclass(frozen=True)
class Situation:
    title: str
    story: str
    answers: dict[str, str | float]
    details: MessageDetails = field(default_factory=MessageDetails)
    alias: str = "Nightmare Co"  # must never show in a draft


SITUATIONS = (
    Situation(
        "A late payer you cannot drop yet (France, business client)",
        "8 of 10 invoices late by 45 days, always chased; 70% of income, 2 months of savings; "
        "signed contract, 4 weeks' notice. Invoice details and names filled in.",
        {
            "situation.income_share": 70,
            "situation.savings_months": 2,
            "situation.pipeline": "little",
            "situation.notice_weeks": 4,
            "situation.client_kind": "business",
            "situation.jurisdiction": "fr",
            "situation.currency": "EUR",
            "contract_breach.has_contract": "yes",
            "contract_breach.terms_broken": ("none",),
            "late_payment.invoices_total": 10,
            "late_payment.late_invoices": 8,
            "late_payment.days_late": 45,
            "late_payment.chasing": "always",
        },
        MessageDetails(
            sender_name="Camille Martin",
            contact_name="Madame Durand",
            invoice_number="2026-014",
            invoice_date=date(2026, 10, 2),
            invoice_due=date(2026, 11, 1),
            overdue_amount=2400,
            due_date=date(2026, 12, 11),
        ),
    ),
    Situation(
        "A demanding client you can afford to leave (United Kingdom, pounds)",
        "Constant out-of-scope requests and impossible deadlines, raised with no change; "
        "an invoice 90 days overdue; 10% of income, a year of savings; no written contract, "
        "no notice period. Only the sender's name is filled in.",
        {
            "situation.income_share": 10,
            "situation.savings_months": 12,
            "situation.pipeline": "plenty",
            "situation.notice_weeks": 0,
            "situation.client_kind": "business",
            "situation.jurisdiction": "uk",
            "situation.currency": "GBP",
            "contract_breach.has_contract": "no",
            "demanding.out_of_scope": 10,
            "demanding.tight_deadlines": "always",
            "demanding.changes_after_signoff": "always",
            "demanding.free_extras": "always",
            "demanding.raised": "no_change",
            "late_payment.unpaid_90": "once",
        },
        MessageDetails(sender_name="Sam Taylor", contact_name="Jane"),
    ),
    Situation(
        "A fading client who pays and behaves well (no details at all)",
        "Work down 40% in six months, 3 idle weeks kept free; nothing else wrong; "
        "situation questions answered, nothing typed in the details.",
        {
            "situation.income_share": 30,
            "situation.savings_months": 6,
            "situation.pipeline": "some",
            "less_work.volume_change": -40,
            "less_work.idle_weeks": 3,
        },
    ),
    Situation(
        "Repeated insults from a client you depend on (individual client, CHF)",
        "Insulted more than once and belittled often; 60% of income, 1 month of savings; "
        "the client is a private person. The example is filled in.",
        {
            "situation.income_share": 60,
            "situation.savings_months": 1,
            "situation.pipeline": "none",
            "situation.client_kind": "individual",
            "situation.currency": "CHF",
            "disrespect.insults": "repeatedly",
            "disrespect.belittles": "often",
        },
        MessageDetails(
            sender_name="Alex Roy",
            example="Honestly, my kids could do better than this.",
            overdue_amount=900,
        ),
    ),
)


def _context(situation: Situation, lang: str):
    bank = default_bank()
    record = ClientRecord(
        name=situation.alias, answers=dict(situation.answers), assessed_on=ASSESSED_ON
    )
    return build_context(bank, record, assess(bank, record.answers), lang)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def gallery() -> str:
    """Build the whole gallery as Markdown."""
    out = [
        "# Client Check: drafts gallery",
        "",
        f"Generated by `scripts/drafts_gallery.py` for an assessment dated {ASSESSED_ON}. "
        "Every draft, in every tone, in English and French, for four typical situations. "
        "The client's alias in the assessment is “Nightmare Co”: it must never appear below.",
        "",
    ]
    for number, situation in enumerate(SITUATIONS, start=1):
        contexts = {lang: _context(situation, lang) for lang in LANGS}
        en = contexts["en"]
        out += [f"## {number}. {situation.title}", "", situation.story, ""]
        out += [f"**Verdict:** {en.verdict_label} / {contexts['fr'].verdict_label}", ""]
        for lang in LANGS:
            ranked = suggested_drafts(contexts[lang])
            out.append(f"**Suggested ({lang}):**")
            colon = "\u00a0:" if lang == "fr" else ":"
            out += [
                f"{i}. {message_title(m, lang)}{colon} {why}"
                for i, (m, why) in enumerate(ranked, 1)
            ]
            if not ranked:
                out.append("none")
            out.append("")
        for lang in LANGS:
            items = advice_for(contexts[lang])
            if items:
                out.append(f"**Advice ({lang}), first block:** {items[0].title}")
                out += [f"- {line}" for line in items[0].lines]
                out.append("")
        for message_id in MESSAGE_IDS:
            out += [
                f"### {number}.{MESSAGE_IDS.index(message_id) + 1} "
                f"{message_title(message_id, 'en')} / {message_title(message_id, 'fr')}",
                "",
            ]
            for tone in TONES:
                for lang in LANGS:
                    draft = render_message(message_id, tone, contexts[lang], situation.details)
                    out += [
                        f"**{tone_label(tone, lang)} ({lang})** — Subject: {draft.subject}",
                        "",
                        _quote(draft.body),
                        "",
                    ]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else Path("drafts_gallery.md")
    target.write_text(gallery(), encoding="utf-8")
    print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
