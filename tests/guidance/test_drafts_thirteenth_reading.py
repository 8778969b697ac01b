"""Plans, advice and drafts after a thirteenth professional reading (7 December 2026, tenth
session: docs/reviews/five-summaries-reading-2026-12-07o.md and -07p.md), each test failing
on the code before.

- A rate far below the usual one: the plan offered two steps and the New rates draft gave
  one rate (ee17, ef02). The draft now has both steps, as fields when no rate is known.
- "weigh that beside the verdict" (ee01, ee13) and "tenez-en compte à côté du verdict".
- French: "Annoncez par écrit à Le Carré Gourmand" (ef10): à and de join a name's article
  ("au Carré Gourmand", "du Carré Gourmand") and de is elided before a vowel ("d'Acme").
- French: "N'en faites rien, pas même une fois" read as the polite formula (ef17).
- *What would change the verdict* offered "if it stops now that you raised it" beside a
  verdict saying behaviour that goes on after a clear no will not change (ee06, ef10). The
  JSON report now pairs each change with the words the page states (it failed where the
  page leaves one out).
- Payment drafts for a late payer asked in vain under a contract (ee13, ee01): the plan no
  longer says "the late fees your contract provides" when nobody said it has any; new
  terms are asked for, not said to be "changing" beside "until it has been signed, our
  current terms still apply"; both drafts give the late fee a year, keep the contract's
  own payment term rather than 30 days, and ask for the same deposit.
- Asked in vain: "Asking is not enforcing" repeated the headline's "Asking has not worked";
  enforcing terms on scope was described with a late payer's levers (ef11).
- *Plan your exit* opened "It is time to leave" above "keep them for now" (ee02).
- Disrespect in front of others, from a client the user is stuck with (ef05): the draft
  asks for remarks in private, and the advice says to answer in private soon after rather
  than in front of their guests.
- A goodbye promised "your access details, the notes you need to carry on and the final
  files" to a food photographer's and an accountant's clients (ee06, ef10): everything the
  client needs to carry on, "such as" those.
- New payment terms under a contract apply once the amendment is signed, as the drafts
  say, not "from the next order" with a date to answer that no draft gave (ee01).
- Escalating an unpaid invoice: a user who already chased starts at the pause on new work,
  not "first a written reminder"; outside the countries the app knows, the last step is
  "the court procedure for small debts where you are based", not a small-claims court a
  country may not have (ee13).
- New rates for work agreed job by job (paid per job, no notice): the rate applies to the
  next jobs, with no amendment to sign (ef02).
- From a fourteenth reading (pair eg/eh, docs/reviews/five-summaries-reading-2026-12-07p.md):
  a problem the client put right themselves is watched as settled, not "at Critical, all
  the same"; the advice for a settled sign is titled "settled, watch for a repeat", not
  "keep it that way", read as "stay disrespectful" (eg13). A refusal to falsify reads for
  any trade: "it has to be complete and accurate", and an example that includes signing off
  unfinished work, not an accountant's "complete and accurate information" (eh16). A reply
  to a cut already in force, from a client the user depends on, is dated ("in [month]") and
  says the change does not work as it stands, rather than "I can't accept" what the user
  has been working under for months (ee02, eh13).
- From a nineteenth reading (pair ei/ej, docs/reviews/five-summaries-reading-2026-12-07q.md):
  "Both of your last two invoices", not "All of your last 2" (ei12); a goodbye with money
  owed hands over "everything you need from me to carry on", not "all your access details,
  with the notes you need to carry on" (ei06).
- From a twentieth reading (pair ek/el, docs/reviews/five-summaries-reading-2026-12-07r.md):
  refusing a shortcut to a client you depend on starts the search for other clients now
  (ek17, as ei14); a tiny client far below your rate gets the new rate in one step (ek09);
  a client in trouble, paid before the work, is offered the schedule the plan speaks of
  (el18).
"""

from __future__ import annotations

from datetime import date

import pytest

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.guidance.advice import action_plan, advice_for
from clientcheck.guidance.explain import change_lines
from clientcheck.guidance.messages import TONES, render_message
from clientcheck.guidance.render import render_why, verdict_reasons
from clientcheck.i18n import contract_articles
from clientcheck.outputs.report import assessment_report
from tests.support.contexts import FALSIFY_UNANSWERED, FREE, make_ctx

# ee17: a school friend who pays a fraction of the usual rate, 5 % of the income.
FRIEND = {
    "situation.income_share": 5,
    "situation.pipeline": "plenty",
    "situation.notice_weeks": 0,
    "situation.usual_rate": "far_below",
    "situation.client_kind": "individual",
    "contract_breach.has_contract": "no",
    "money.pay_basis": "job",
}
FIRST_STEP = {"en": "[first step] from ", "fr": "[premier palier] à partir du "}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_rate_far_below_is_raised_in_the_two_steps_the_plan_offers(lang):
    ctx = make_ctx({**FREE, "situation.usual_rate": "far_below"}, lang, "Tunde")
    assert ctx.verdict == "renegotiate"
    plan = " ".join(action_plan(ctx))
    assert ("two steps" if lang == "en" else "en deux temps") in plan, plan
    assert "So far above" not in plan and "si grand" not in plan, plan
    for tone in TONES:
        body = render_message("new_rates", tone, ctx).body
        assert FIRST_STEP[lang] in body, body
        assert ("from 1 July 2027" if lang == "en" else "à partir du 1er juillet 2027") in body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_tiny_client_far_below_gets_the_new_rate_in_one_step_in_plan_and_draft(lang):
    # ek09: a 2 % client paying below minimum wage kept there eight more months by a rise
    # in two steps; the plan and the draft agree on one step (ee17's reading asked for the
    # two to agree).
    ctx = make_ctx(FRIEND, lang, "Tunde")
    assert ctx.driver_rule == "far_below_from_a_small_client", ctx.driver_rule
    plan = " ".join(action_plan(ctx))
    assert "two steps" not in plan and "deux temps" not in plan, plan
    for tone in TONES:
        assert FIRST_STEP[lang] not in render_message("new_rates", tone, ctx).body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_rate_only_somewhat_below_comes_in_one_step(lang):
    ctx = make_ctx({**FREE, "situation.usual_rate": "below"}, lang, "Tunde")
    for tone in TONES:
        body = render_message("new_rates", tone, ctx).body
        assert FIRST_STEP[lang] not in body, body


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [
        ("en", "take that into account in your decision", "weigh that beside"),
        ("fr", "tenez-en compte dans votre décision", "à côté du verdict"),
    ],
)
def test_how_much_the_work_matters_is_said_as_a_native_speaker_would(lang, said, not_said):
    answers = {"situation.income_share": 30, "situation.savings_months": 4}
    more = {"situation.work_matters": "quite", "situation.usual_rate": "far_below"}
    reasons = " ".join(verdict_reasons(make_ctx({**answers, **more}, lang)))
    assert said in reasons and not_said not in reasons, reasons


# ef10: "Annoncez par écrit à Le Carré Gourmand".
@pytest.mark.parametrize(
    ("name", "said", "not_said"),
    [
        ("Le Carré Gourmand", "par écrit au Carré Gourmand", "à Le "),
        ("Les Ateliers Roux", "par écrit aux Ateliers Roux", "à Les "),
        ("Acme", "par écrit à Acme", "au Acme"),
    ],
)
def test_french_joins_a_to_the_article_of_the_clients_name(name, said, not_said):
    plan = " ".join(
        action_plan(make_ctx({**FREE, "situation.usual_rate": "far_below"}, "fr", name))
    )
    assert said in plan and not_said not in plan, plan


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("du travail de Le Carré Gourmand", "du travail du Carré Gourmand"),
        ("du travail de Les Ateliers Roux", "du travail des Ateliers Roux"),
        ("du travail de Atelier Orange", "du travail d'Atelier Orange"),
        ("du travail de Hachette", "du travail de Hachette"),
        ("à La Poste", "à La Poste"),
    ],
)
def test_french_joins_de_to_the_article_of_the_clients_name_and_elides_it(text, said):
    assert contract_articles("messages/fr/workload_checkin.txt.j2", text) == said


def test_english_text_keeps_the_name_as_typed():
    assert contract_articles("plan/en.txt.j2", "Write to Le Carré") == "Write to Le Carré"
    assert contract_articles("plan/fr.txt.j2", "Écrivez à Le Carré") == "Écrivez au Carré"


def test_a_french_refusal_never_reads_as_the_polite_formula_nen_faites_rien():
    # ef17: "N'en faites rien" is what one says to decline a favour ("don't bother").
    ctx = make_ctx(FALSIFY_UNANSWERED, "fr", "Hôtel de la Corniche")
    text = " ".join(action_plan(ctx)) + render_why(ctx)
    assert "n'en faites rien" not in text.lower(), text
    assert "Ne le faites pas, même une seule fois" in text, text
    # Not "rien de ce qu'il demande": read as "do nothing for them at all" (et02, et09).
    assert "rien de ce qu'il demande" not in text, text


# ee06: insulted again and again, told calmly in June, it went on; 15 % of the income.
WENT_ON = {
    "situation.income_share": 15,
    "situation.savings_months": 12,
    "disrespect.belittles": "often",
    "disrespect.insults": "repeatedly",
    "disrespect.raised": "no_change",
}
# A line crossed once (drunk at a meeting) that the client put right on their own.
PUT_RIGHT = {
    "situation.income_share": 10,
    "situation.pipeline": "plenty",
    "unprofessional.crossed_line": "yes",
    "unprofessional.crossed_what": ["intoxicated"],
    "unprofessional.raised": "self_corrected",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_behaviour_that_went_on_after_a_clear_no_is_not_offered_a_calm_spell(lang):
    # The verdict says it will not change: "if it stops now that you raised it" beside it
    # contradicted the summary (ee06, ef10). A calm spell that gave way keeps the line
    # (test_drafts_seventh_reading: RELAPSE).
    ctx = make_ctx(WENT_ON, lang, "Harbour Group")
    assert ctx.verdict == "let_go" and ctx.driver_rule == "repeated_after_objection"
    lines = change_lines(default_bank(), ctx.answers, lang)
    months = "stays that way for a few months" if lang == "en" else "que cela dure plusieurs mois"
    assert lines and not any(months in line for line in lines), lines


@pytest.mark.parametrize("answers", [WENT_ON, PUT_RIGHT])
def test_the_json_report_pairs_each_stated_change_with_its_words(answers):
    # The report zipped every change with the page's lines, and failed (ValueError) where
    # the page leaves one out: five calibration situations could not be reported.
    record = ClientRecord(name="Acme", answers=answers, assessed_on=date(2026, 12, 7))
    report = assessment_report(default_bank(), record, "en")
    texts = [change["text"] for change in report["what_would_change"]]
    ended = len(report["ends_whatever_is_tried"])
    assert texts == list(change_lines(default_bank(), answers, "en"))[ended:]


# ee13: an interior designer; the contract says 15 days, payment comes after three months;
# raised, nothing changed; 35 % of the income, two months saved; outside the EU and UK.
SKYLINE = {
    "situation.income_share": 35,
    "situation.savings_months": 2,
    "situation.work_matters": "quite",
    "situation.client_kind": "business",
    "situation.jurisdiction": "other",
    "late_payment.invoices_total": "dont_know",
    "late_payment.days_late": 75,
    "late_payment.chasing": "often",
    "late_payment.unpaid_90": "once",
    "late_payment.raised": "no_change",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ["payment"],
    "money.pay_basis": "job",
}
NO_CONTRACT = {
    **{k: v for k, v in SKYLINE.items() if k != "contract_breach.terms_broken"},
    "contract_breach.has_contract": "no",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_plan_never_invents_a_late_fee_in_the_contract(lang):
    plan = " ".join(action_plan(make_ctx(SKYLINE, lang, "Skyline Developers")))
    said = {
        "en": "charge a late fee (the one your contract sets, or one you add to it)",
        "fr": "les pénalités de retard prévues par votre contrat (ou à y ajouter)",
    }[lang]
    assert said in plan, plan
    assert "your contract provides" not in plan and "que prévoit votre contrat" not in plan


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_new_payment_terms_under_a_contract_are_asked_for_never_said_to_apply(lang):
    # "the payment terms for future work are changing", then "until it has been signed, our
    # current terms still apply" (ee13).
    ctx = make_ctx(SKYLINE, lang, "Skyline Developers")
    body = render_message("payment_terms", "firm", ctx).body
    changing = {"en": "are changing", "fr": "changent donc"}[lang]
    will = {"en": "will start once a deposit", "fr": "démarrera après"}[lang]
    would = {"en": "would carry a late fee", "fr": "entraînerait une pénalité"}[lang]
    assert changing not in body and will not in body and would in body, body
    # Without a contract, asked in vain, the terms are announced.
    free = render_message("payment_terms", "firm", make_ctx(NO_CONTRACT, lang)).body
    assert changing in free, free


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_payment_drafts_agree_on_the_late_fee_the_term_and_the_deposit(lang):
    # "[rate]% a month" in one draft, "[rate]% a year" in the other; 30 days proposed to a
    # client whose contract says 15; a deposit "over [amount]" in one, on every project in
    # the other (ee13, ee01).
    ctx = make_ctx(SKYLINE, lang, "Skyline Developers")
    terms = render_message("payment_terms", "firm", ctx).body
    revision = render_message("contract_revision", "neutral", ctx).body
    year = {"en": "[rate]% a year", "fr": "taux annuel de [taux]\u00a0%"}[lang]
    assert year in terms and year in revision, (terms, revision)
    assert "a month" not in terms and "par mois" not in terms
    thirty = {"en": "within 30 days", "fr": "à 30 jours"}[lang]
    agreed = {
        "en": "within the term already agreed in this contract",
        "fr": "déjà prévu par le présent contrat",
    }
    assert thirty not in revision and agreed[lang] in revision, revision
    over = {"en": "over [amount]", "fr": "plus de [montant]"}[lang]
    assert over in terms and over in revision, revision


# ef11: a portal rebuild stretched over eighteen months by new requests every week; raised,
# nothing changed; a good payer, 70 % of the income, eight months saved.
PORTAL = {
    "situation.income_share": 70,
    "situation.savings_months": 8,
    "situation.pipeline": "some",
    "situation.client_kind": "business",
    "demanding.out_of_scope": 6,
    "demanding.free_extras": "often",
    "demanding.raised": "no_change",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_asked_in_vain_is_said_once_and_the_levers_fit_the_sign(lang):
    ctx = make_ctx(PORTAL, lang, "Assurances Laurentides")
    assert ctx.driver_rule == "asked_nothing_changed", ctx.driver_rule
    words = " ".join(verdict_reasons(ctx))
    # The headline already says asking has not worked (ef11: said twice in three lines).
    assert "Asking is not enforcing" not in words and "Demander n'est pas imposer" not in words
    changes = " ".join(change_lines(default_bank(), ctx.answers, lang))
    # Fees and deposits are the late payer's levers, not a scope's (ef11).
    assert "fees, deposits" not in changes and "pénalités, acomptes" not in changes, changes
    plan_names = {"en": "the ones the action plan names", "fr": "celles que nomme le plan"}[lang]
    assert plan_names in changes, changes


# ee02: an agency that is 85 % of the income cut the rate twice on its own; two months saved.
CUT_TWICE = {
    "situation.income_share": 85,
    "situation.savings_months": 2,
    "situation.usual_rate": "below",
    "situation.rate_history": "imposed",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_preparing_an_exit_never_opens_with_it_is_time_to_leave(lang):
    # "It is time to leave" above "keep them for now, but start looking" (ee02).
    ctx = make_ctx(CUT_TWICE, lang, "Lingua Partner GmbH")
    assert ctx.verdict == "plan_exit" and ctx.driver_rule == "rate_cut_while_you_depend"
    why = render_why(ctx)
    assert "time to leave" not in why and "temps de partir" not in why, why
    assert ("Prepare to leave" if lang == "en" else "Préparez votre départ") in why, why


# ef05: shouted at and called incompetent in front of a wedding's guests by the boss of an
# events agency that is 95 % of the income; half a month saved.
SHOUTED_AT = {
    "situation.income_share": 95,
    "situation.savings_months": 0.5,
    "situation.pipeline": "little",
    "disrespect.belittles": "sometimes",
    "disrespect.feel_after": "often",
    "disrespect.insults": "repeatedly",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_disrespect_in_front_of_others_is_named_in_private(lang):
    ctx = make_ctx(SHOUTED_AT, lang, "Teranga Events")
    assert ctx.driver_rule == "name_it_while_stuck", ctx.driver_rule
    private = {"en": "in private, never in front of others", "fr": "en privé, jamais devant"}[lang]
    for tone in TONES:
        body = render_message("name_disrespect", tone, ctx).body
        if tone != "warm":
            assert private in body, (tone, body)
    # Answering back in front of their guests turns it into a scene (ef05).
    advice = " ".join(line for item in advice_for(ctx) for line in item.lines)
    soon = {"en": "in private soon after", "fr": "en privé peu après"}[lang]
    assert soon in advice, advice


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_goodbye_offers_what_the_client_needs_to_carry_on_whatever_the_trade(lang):
    # "Your access details, the notes you need to carry on and the final files" read as a
    # web developer's handover to a food photographer (ee06) and an accountant (ef10).
    ctx = make_ctx({**WENT_ON, "situation.client_kind": "business"}, lang, "Harbour Group")
    said = {
        "en": "everything you need from me to carry on by that last day, such as the final files",
        "fr": "tout ce dont vous avez besoin de ma part pour la suite, comme les fichiers finaux",
    }[lang]
    for tone in TONES:
        body = render_message("goodbye", tone, ctx).body
        assert said in body, (tone, body)


# ee01: a bakery chain, 40 % of the income, pays in full but 40 days late; a contract with
# 30 days' notice; never raised; in the EU.
BAKERY = {
    "situation.income_share": 40,
    "situation.savings_months": 4,
    "situation.notice_weeks": 4.29,
    "situation.client_kind": "business",
    "situation.jurisdiction": "eu",
    "late_payment.invoices_total": "dont_know",
    "late_payment.days_late": 40,
    "late_payment.unpaid_90": "no",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ["payment"],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_new_terms_under_a_contract_apply_once_the_amendment_is_signed(lang):
    # The plan said "with a date to answer, and apply them from the next order: no deposit,
    # no start" while the drafts asked for agreement and kept the current terms until an
    # amendment was signed (ee01).
    plan = " ".join(action_plan(make_ctx(BAKERY, lang, "Pão Doce")))
    signed = {"en": "once the amendment is signed", "fr": "une fois l'avenant signé"}[lang]
    assert signed in plan, plan
    assert "with a date to answer" not in plan and "avec une date pour répondre" not in plan
    free = {**BAKERY, "contract_breach.has_contract": "no"}
    free.pop("contract_breach.terms_broken")
    assert signed not in " ".join(action_plan(make_ctx(free, lang, "Pão Doce")))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_escalation_starts_where_the_user_is_and_names_no_court_a_country_lacks(lang):
    # ee13: "first a written reminder" to a user who has chased for months, and "a
    # small-claims procedure" for India, which has none.
    ctx = make_ctx(SKYLINE, lang, "Skyline Developers")
    advice = " ".join(line for item in advice_for(ctx) for line in item.lines)
    reminded = {"en": "You have already reminded them", "fr": "Vous l'avez déjà relancé"}[lang]
    assert reminded in advice, advice
    assert "first a written reminder" not in advice and "d'abord une relance écrite" not in advice
    court = ("small-claims procedure", "procédure pour petites créances")
    assert not any(words in advice for words in court), advice
    never = {**SKYLINE, "late_payment.raised": "not_yet"}
    again = " ".join(line for item in advice_for(make_ctx(never, lang)) for line in item.lines)
    assert reminded not in again, again


# ef02: a literary publisher, 15 % of the income, a contract signed book by book, paid per
# book, no notice; a rate half the usual one, asked once, "the subsidies went down".
BOOK_BY_BOOK = {
    "situation.income_share": 15,
    "situation.savings_months": 6,
    "situation.notice_weeks": 0,
    "situation.usual_rate": "far_below",
    "situation.client_kind": "business",
    "contract_breach.has_contract": "yes",
    "money.pay_basis": "job",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_rate_for_work_agreed_job_by_job_needs_no_amendment(lang):
    # "Comme notre contrat fixe le tarif actuel, rien ne changera sans votre accord… un
    # court avenant à signer" to a publisher who signs one contract per book (ef02).
    amendment = {"en": "amendment", "fr": "avenant"}[lang]
    ctx = make_ctx(BOOK_BY_BOOK, lang, "Éditions du Marais")
    for tone in TONES:
        body = render_message("new_rates", tone, ctx).body
        assert amendment not in body, (tone, body)
    # A standing contract with a notice period keeps its amendment.
    standing = make_ctx({**BOOK_BY_BOOK, "situation.notice_weeks": 4}, lang, "Éditions du Marais")
    assert amendment in render_message("new_rates", "neutral", standing).body


# eg13: an audiobook producer, 5 % of the income, snapped once in a session during a family
# crisis and apologised the next day; a new book offered.
PUT_RIGHT_ONCE = {
    "situation.income_share": 5,
    "situation.savings_months": 10,
    "situation.hard_times": "personal",
    "disrespect.belittles": "rarely",
    "disrespect.insults": "once",
    "disrespect.raised": "self_corrected",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_problem_the_client_put_right_is_watched_as_settled(lang):
    # The plan said "keep an eye on it all the same: it is at Critical, and the advice for
    # that sign says what to do", under "one incident, settled"; the advice was titled
    # "Disrespectful: keep it that way", read as "stay disrespectful" (eg13).
    ctx = make_ctx(PUT_RIGHT_ONCE, lang, "Spoken Tales")
    assert (ctx.verdict, ctx.driver_rule) == ("keep", "put_right_by_them")
    plan = " ".join(action_plan(ctx))
    themselves = {"en": "they put it right themselves", "fr": "le client a corrigé de lui-même"}
    assert themselves[lang] in plan, plan
    assert "all the same" not in plan and "tout de même" not in plan, plan
    titles = [item.title for item in advice_for(ctx)]
    settled = {"en": "settled, watch for a repeat", "fr": "réglé, à surveiller"}[lang]
    assert titles and all(settled in title for title in titles), titles
    assert not any("keep it that way" in title for title in titles)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_refusal_to_falsify_reads_for_any_trade(lang):
    # eh16: an electrician asked to sign a conformity certificate for an unfinished
    # installation got an accountant's refusal ("omettre des recettes", "je travaille
    # uniquement à partir d'informations complètes et exactes").
    answers = {
        "situation.income_share": 45,
        "situation.savings_months": 2,
        "unprofessional.crossed_line": "yes",
        "unprofessional.crossed_what": ["dishonest"],
    }
    ctx = make_ctx(answers, lang, "Les Jardins du Nord")
    unfinished = {"en": "signing off unfinished work", "fr": "signer pour un travail inachevé"}
    accurate = {"en": "has to be complete and accurate", "fr": "doit donc être complet et exact"}
    for tone in TONES:
        body = render_message("professionalism_reminder", tone, ctx).body
        assert unfinished[lang] in body, body
        assert "accurate information" not in body and "informations complètes" not in body
        if tone != "warm":
            assert accurate[lang] in body, (tone, body)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_reply_to_a_cut_already_in_force_is_dated_and_asks_to_return(lang):
    # "I'm not able to accept the change as it stands" and "que j'ai examiné attentivement"
    # months after a cut the user has been working under (ee02, eh13).
    ctx = make_ctx(CUT_TWICE, lang, "Lingua Partner GmbH")
    month = {"en": "to our terms in [month]", "fr": "à nos conditions en [mois]"}[lang]
    works = {"en": "doesn't work for me", "fr": "ne me convient pas"}[lang]
    for tone in TONES:
        body = render_message("counter_proposal", tone, ctx).body
        assert month in body and works in body, (tone, body)
        assert "not able to accept" not in body and "can't accept" not in body, body
        assert "examiné attentivement" not in body and "ne peux" not in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_plan_for_leaving_hands_over_what_the_client_needs_whatever_the_trade(lang):
    # "deliver the work in progress, the files and the access" for a food photographer
    # (ee06): what they need to carry on, files, access or notes as the case may be.
    threat = {"unprofessional.crossed_line": "yes", "unprofessional.crossed_what": ["threats"]}
    ctx = make_ctx({**FREE, **threat}, lang, "Acme Ltd")
    assert ctx.verdict == "let_go"
    plan = " ".join(action_plan(ctx))
    said = {
        "en": "whatever they need to carry on (files, access, notes)",
        "fr": "ce dont le client a besoin pour la suite (fichiers, accès, notes)",
    }[lang]
    assert said in plan, plan


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [
        ("en", "Both of your last two invoices were paid late", "All of your last 2"),
        ("fr", "Vos deux dernières factures ont été réglées en retard", "ont toutes été"),
    ],
)
def test_two_late_invoices_of_two_read_as_a_native_speaker_would(lang, said, not_said):
    # ei12: "All of your last 2 invoices were paid late."
    two = {
        **FREE,
        "late_payment.invoices_total": 2,
        "late_payment.late_invoices": 2,
        "late_payment.days_late": 20,
        "late_payment.chasing": "often",
    }
    lines = " ".join(line for item in advice_for(make_ctx(two, lang)) for line in item.lines)
    assert said in lines and not_said not in lines, lines


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_goodbye_with_money_owed_hands_over_what_the_client_needs(lang):
    # ei06: "I'll send you all your access details by that last day, with the notes you
    # need to carry on" to a photographer's client.
    owed = {
        **FREE,
        "late_payment.invoices_total": 4,
        "late_payment.late_invoices": 1,
        "late_payment.owed_now": "disputed",
        "late_payment.raised": "enforced",
        "situation.client_kind": "business",
    }
    ctx = make_ctx(owed, lang, "The Glasshouse")
    assert ctx.verdict == "let_go", ctx.verdict
    said = {
        "en": "everything you need from me to carry on by that last day, such as your access",
        "fr": "tout ce dont vous avez besoin de ma part pour la suite, comme vos accès",
    }[lang]
    body = render_message("goodbye", "neutral", ctx).body
    assert said in body, body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_refusing_a_shortcut_to_a_client_you_depend_on_starts_the_search_now(lang):
    # ei14 (35 %, two months saved) and ek17 (70 %, three months): "if they ask again,
    # start preparing your exit", and nothing about the risk of losing them over the no.
    shortcut = {"unprofessional.crossed_line": "yes", "unprofessional.crossed_what": ["shortcut"]}
    stuck = {"situation.income_share": 70, "situation.savings_months": 3, **shortcut}
    ctx = make_ctx(stuck, lang, "SmileCare")
    assert (ctx.verdict, ctx.driver_rule, ctx.can_leave) == (
        "keep_boundaries",
        "refuse_the_shortcut",
        False,
    )
    search = {"en": "Start looking for other clients now", "fr": "chercher d'autres clients"}[lang]
    assert search in " ".join(action_plan(ctx))
    free = make_ctx({**FREE, **shortcut}, lang, "SmileCare")
    assert search not in " ".join(action_plan(free))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_client_in_trouble_is_offered_the_schedule_the_plan_speaks_of(lang):
    # el18: the plan said "if he cannot pay it all at once, agree a written schedule", the
    # draft asked for everything by a date.
    trouble = {
        "situation.income_share": 45,
        "situation.savings_months": 1.4,
        "situation.hard_times": "business",
        "situation.client_kind": "business",
        "late_payment.invoices_total": "dont_know",
        "late_payment.owed_now": "part_paid",
        "late_payment.owed_growing": "growing",
        "late_payment.chasing": "sometimes",
        "late_payment.raised": "no_change",
    }
    ctx = make_ctx(trouble, lang, "Saveurs de la Gombe")
    assert ctx.driver_rule == "paid_before_the_work", ctx.driver_rule
    schedule = {"en": "a written schedule with you", "fr": "un échéancier écrit"}[lang]
    for tone in TONES:
        body = render_message("payment_terms", tone, ctx).body
        assert schedule in body, (tone, body)
