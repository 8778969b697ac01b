"""Write every message draft, in every tone, for a few typical situations: one file a language.

``python scripts/drafts_gallery.py [out_dir]`` writes ``drafts-en.md`` and ``drafts-fr.md``
(default: the current folder), to read side by side or to hand to a reviewer. Each
situation says what the user answered and typed, its verdict and the suggested drafts
with their reason, then each draft in the warm, neutral and firm tones. Situations with
and without the Money answers, with and without details typed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clientcheck.bank.loader import default_bank  # noqa: E402
from clientcheck.bank.records import ClientRecord  # noqa: E402
from clientcheck.engine.verdict import assess  # noqa: E402
from clientcheck.guidance.letters import MessageDetails  # noqa: E402
from clientcheck.guidance.messages import (  # noqa: E402
    MESSAGE_IDS,
    TONES,
    message_title,
    render_message,
    tone_label,
)
from clientcheck.guidance.render import build_context, format_date  # noqa: E402
from clientcheck.guidance.suggestions import suggested_drafts, verdict_note  # noqa: E402
from clientcheck.i18n import LANGS  # noqa: E402

ASSESSED_ON = date(2026, 11, 27)
PREPARED_ON = date(2026, 12, 7)  # the drafts are sent ten days after the assessment
ALIAS = "Nightmare Co"  # the client's name in the assessment: it must never show in a draft


@dataclass(frozen=True)
class Situation:
    title: dict[str, str]
    story: dict[str, str]
    answers: dict[str, str | float]
    details: MessageDetails = field(default_factory=MessageDetails)
    # What the user typed in their own language (office hours, a remark, a request).
    typed: dict[str, dict[str, str]] = field(default_factory=dict)

    def details_in(self, lang: str) -> MessageDetails:
        return replace(self.details, **self.typed.get(lang, {}))


SITUATIONS = (
    Situation(
        {
            "en": "A chronic late payer you depend on (France, business client, contract)",
            "fr": "Un mauvais payeur dont vous dépendez (France, client professionnel, contrat)",
        },
        {
            "en": "65% of income, 2 months of savings, little else lined up. 5 of the last 12 "
            "invoices paid late, 35 days on average, often chased; one invoice more than 90 days "
            "overdue. Requests beyond the scope and after-hours calls. Signed contract, 4 weeks' "
            "notice. Money: paid €55 an hour for 60 hours a month, 2 unbilled hours a week, aims "
            "for €65 an hour. Details typed: names, the overdue invoice, office hours, a referral, "
            "the extra work asked for (a second version of the brochure).",
            "fr": "65 % des revenus, 2 mois d'épargne, peu d'autres pistes. 5 factures sur les 12 "
            "dernières réglées en retard, 35 jours en moyenne, souvent relancé ; une facture "
            "impayée depuis plus de 90 jours. Demandes hors périmètre et appels hors horaires. "
            "Contrat signé, préavis de 4 semaines. Argent : 55 € de l'heure pour 60 heures par "
            "mois, 2 heures non facturées par semaine, objectif 65 € de l'heure. Précisions "
            "saisies : noms, facture en retard, horaires, une personne à recommander, le travail "
            "demandé en plus (une deuxième version de la brochure).",
        },
        {
            "situation.income_share": 65,
            "situation.savings_months": 2,
            "situation.pipeline": "little",
            "situation.notice_weeks": 4,
            "situation.client_kind": "business",
            "situation.jurisdiction": "fr",
            "situation.currency": "EUR",
            "contract_breach.has_contract": "yes",
            "contract_breach.terms_broken": ("none",),
            "late_payment.invoices_total": 12,
            "late_payment.late_invoices": 5,
            "late_payment.days_late": 35,
            "late_payment.chasing": "often",
            "late_payment.unpaid_90": "once",
            "demanding.out_of_scope": 6,
            "demanding.changes_after_signoff": "often",
            "demanding.free_extras": "often",
            "high_maintenance.after_hours": "often",
            "high_maintenance.unbilled_hours": 2,
            "money.pay_basis": "hourly",
            "money.hourly_rate": 55,
            "money.billed_hours": 60,
            "money.target_rate": 65,
        },
        MessageDetails(
            sender_name="Camille Martin",
            contact_name="Madame Durand",
            invoice_number="2026-031",
            invoice_date=date(2026, 7, 15),
            invoice_due=date(2026, 8, 14),
            overdue_amount=2400,
            referral_name="Léa Moreau",
            prepared_on=PREPARED_ON,
        ),
        {
            "en": {
                "office_hours": "Monday to Friday, 9am to 6pm",
                "extra_work": "a second version of the brochure",
            },
            "fr": {
                "office_hours": "du lundi au vendredi, de 9\u00a0h à 18\u00a0h",
                "extra_work": "une deuxième version de la brochure",
            },
        },
    ),
    Situation(
        {
            "en": "A good client with one invoice long overdue (United Kingdom, pounds)",
            "fr": "Un bon client avec une facture très en retard (Royaume-Uni, livres sterling)",
        },
        {
            "en": "25% of income, 6 months of savings, some leads. 1 of the last 8 invoices "
            "late, and it is now more than 90 days overdue. No written contract, no notice "
            "period. Money: £350 a day for 8 days a month (7-hour days), 2 unbilled hours a "
            "week, aims for £60 an hour. Details typed: names, invoice number and amount.",
            "fr": "25 % des revenus, 6 mois d'épargne, quelques pistes. 1 facture sur les 8 "
            "dernières en retard, impayée depuis plus de 90 jours. Pas de contrat écrit, pas "
            "de préavis. Argent : 350 £ par jour pour 8 jours par mois (journées de 7 heures), "
            "2 heures non facturées par semaine, objectif 60 £ de l'heure. Précisions "
            "saisies : noms, numéro et montant de la facture.",
        },
        {
            "situation.income_share": 25,
            "situation.savings_months": 6,
            "situation.pipeline": "some",
            "situation.client_kind": "business",
            "situation.jurisdiction": "uk",
            "situation.currency": "GBP",
            "contract_breach.has_contract": "no",
            "late_payment.invoices_total": 8,
            "late_payment.late_invoices": 1,
            "late_payment.days_late": 95,
            "late_payment.chasing": "sometimes",
            "late_payment.unpaid_90": "once",
            "high_maintenance.unbilled_hours": 2,
            "money.pay_basis": "daily",
            "money.day_rate": 350,
            "money.billed_days": 8,
            "money.day_hours": 7,
            "money.target_rate": 60,
        },
        MessageDetails(
            sender_name="Sam Taylor",
            contact_name="Jane",
            invoice_number="INV-0412",
            overdue_amount=2800,
            prepared_on=PREPARED_ON,
        ),
    ),
    Situation(
        {
            "en": "A demanding client you can afford to leave (another EU country)",
            "fr": "Un client exigeant que vous pouvez quitter (autre pays de l'UE)",
        },
        {
            "en": "Constant out-of-scope requests and impossible deadlines; the extras were "
            "already quoted and billed, and the client refuses or ignores it. An invoice more "
            "than 90 days overdue. 10% of income, a year of savings, plenty of leads. No "
            "written contract, 2 weeks' notice. No Money answers. Only the sender's name is "
            "typed.",
            "fr": "Demandes hors périmètre constantes et délais impossibles ; les demandes en "
            "plus ont déjà été chiffrées et facturées, et le client refuse ou n'en tient pas "
            "compte. Une facture impayée depuis plus de 90 jours. 10 % des revenus, un an "
            "d'épargne, beaucoup de pistes. Pas de contrat écrit, préavis de 2 semaines. Pas "
            "de réponses sur l'argent. Seul le nom de l'expéditeur est saisi.",
        },
        {
            "situation.income_share": 10,
            "situation.savings_months": 12,
            "situation.pipeline": "plenty",
            "situation.notice_weeks": 2,
            "situation.client_kind": "business",
            "situation.jurisdiction": "eu",
            "contract_breach.has_contract": "no",
            "demanding.out_of_scope": 10,
            "demanding.tight_deadlines": "always",
            "demanding.changes_after_signoff": "always",
            "demanding.free_extras": "always",
            "demanding.raised": "enforced",
            "late_payment.unpaid_90": "once",
        },
        MessageDetails(sender_name="Alex Roy", prepared_on=PREPARED_ON),
    ),
    Situation(
        {
            "en": "Repeated insults from a client you depend on (a private individual, CHF)",
            "fr": "Des insultes répétées d'un client dont vous dépendez (un particulier, CHF)",
        },
        {
            "en": "Insulted more than once and often belittled; 60% of income, 1 month of "
            "savings, nothing else lined up. The client is a private person. No Money answers. "
            "Details typed: the remark, word for word, and the sender's name.",
            "fr": "Insulté plus d'une fois et souvent rabaissé ; 60 % des revenus, 1 mois "
            "d'épargne, rien d'autre en vue. Le client est un particulier. Pas de réponses sur "
            "l'argent. Précisions saisies : la remarque, mot pour mot, et le nom de "
            "l'expéditeur.",
        },
        {
            "situation.income_share": 60,
            "situation.savings_months": 1,
            "situation.pipeline": "none",
            "situation.client_kind": "individual",
            "situation.currency": "CHF",
            "disrespect.insults": "repeatedly",
            "disrespect.belittles": "often",
        },
        MessageDetails(sender_name="Alex Roy", prepared_on=PREPARED_ON),
        {
            "en": {"example": "Honestly, my kids could do better than this."},
            "fr": {"example": "Franchement, mes enfants feraient mieux que ça."},
        },
    ),
)

WORDS = {
    "en": {
        "title": "Client Check: message drafts",
        "intro": "Generated by `scripts/drafts_gallery.py`. Every draft in every tone for {n} "
        "typical situations, assessed on {assessed} and prepared to be sent on {prepared}. "
        "Words in [brackets] are for the sender to fill in: the app cannot know them. The "
        "client's name in the assessment (“{alias}”) never appears in a draft. Drafts that "
        "quote the law are pointers, not legal advice. A draft that pulls against the "
        "verdict says so in italics under its title, as the app does.",
        "verdict": "Verdict",
        "suggested": "Suggested drafts",
        "none": "none",
        "subject": "Subject",
    },
    "fr": {
        "title": "Client Check : brouillons de messages",
        "intro": "Produit par `scripts/drafts_gallery.py`. Chaque brouillon dans chaque ton "
        "pour {n} situations types, évaluées le {assessed} et préparées pour un envoi le "
        "{prepared}. Les mots [entre crochets] sont à compléter par l'expéditeur : "
        "l'application ne peut pas les connaître. Le nom du client dans l'évaluation "
        "(« {alias} ») n'apparaît jamais dans un brouillon. Les brouillons qui citent la loi "
        "sont des repères, pas un conseil juridique. Un brouillon qui va à l'encontre du "
        "verdict le dit en italique sous son titre, comme dans l'application.",
        "verdict": "Verdict",
        "suggested": "Brouillons suggérés",
        "none": "aucun",
        "subject": "Objet",
    },
}


def situation_context(situation: Situation, lang: str):
    """The assessment context of one situation, as the app builds it."""
    bank = default_bank()
    record = ClientRecord(name=ALIAS, answers=dict(situation.answers), assessed_on=ASSESSED_ON)
    return build_context(bank, record, assess(bank, record.answers), lang)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def gallery(lang: str) -> str:
    """Build the gallery of one language as Markdown."""
    words = WORDS[lang]
    colon = "\u00a0:" if lang == "fr" else ":"
    intro = words["intro"].format(
        n=len(SITUATIONS),
        assessed=format_date(ASSESSED_ON, lang),
        prepared=format_date(PREPARED_ON, lang),
        alias=ALIAS,
    )
    out = [f"# {words['title']}", "", intro, ""]
    for number, situation in enumerate(SITUATIONS, start=1):
        ctx = situation_context(situation, lang)
        out += [f"## {number}. {situation.title[lang]}", "", situation.story[lang], ""]
        out += [f"**{words['verdict']}{colon}** {ctx.verdict_label}", ""]
        ranked = suggested_drafts(ctx)
        out.append(f"**{words['suggested']}{colon}**")
        out += [
            f"{i}. {message_title(m, lang)}{colon} {why}" for i, (m, why) in enumerate(ranked, 1)
        ]
        out += [words["none"]] if not ranked else []
        out.append("")
        for index, message_id in enumerate(MESSAGE_IDS, start=1):
            title = message_title(message_id, lang)
            note = verdict_note(ctx, message_id)
            for tone in TONES:
                draft = render_message(message_id, tone, ctx, situation.details_in(lang))
                out += [
                    f"### {number}.{index} {title} — {tone_label(tone, lang)}",
                    "",
                    *([f"*{note}*", ""] if note else []),
                    f"**{words['subject']}{colon}** {draft.subject}",
                    "",
                    _quote(draft.body),
                    "",
                ]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder", nargs="?", default=".", type=Path, help="where drafts-en.md and drafts-fr.md go"
    )
    folder = parser.parse_args(argv).folder
    folder.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        target = folder / f"drafts-{lang}.md"
        target.write_text(gallery(lang), encoding="utf-8")
        print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
