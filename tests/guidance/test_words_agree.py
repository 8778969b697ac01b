"""For every calibration situation, the words agree with the verdict: the sentence under
it, its reasons, the advice titles and labels, the action plan and the first draft.

A verdict that says "renegotiate" over advice on how to leave, or a headline that speaks
of leaving above "less work alone is never a reason to break up", is a fault a user sees.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import ClientRecord
from clientcheck.engine import calibration
from clientcheck.engine.verdict import assess
from clientcheck.guidance.advice import action_plan, advice_for
from clientcheck.guidance.draft_facts import payment_terms_mode, why_key
from clientcheck.guidance.explain import BEHAVIOUR_KINDS, KEPT_AS_IT_IS
from clientcheck.guidance.letters import MessageDetails
from clientcheck.guidance.messages import render_message
from clientcheck.guidance.render import build_context, render_why
from clientcheck.guidance.suggestions import FIX_DRAFT, suggested_drafts, suggested_messages
from clientcheck.i18n import t
from clientcheck.ui.advice_panel import advice_caption

BANK = default_bank()
SITUATIONS = calibration.load()
STAY = ("keep", "keep_boundaries", "renegotiate")
LEAVING_WORDS = {
    "en": re.compile(
        r"\b(notice|last working day|last day of my work|end (this|the) working relationship)\b",
        re.I,
    ),
    "fr": re.compile(r"\b(préavis|dernier jour de travail|mettre fin)\b", re.I),
}
ENFORCE_TERMS = {
    "en": "enforce your terms on “{sign}”",
    "fr": "imposez vos conditions sur « {sign} »",
}
NO_SHARE = {
    "en": "“0%” to “What share of your income",
    "fr": "« 0 % » à la question « Quelle part de vos revenus",
}
RAISE_IT = {"en": "If you raise “{sign}”", "fr": "Si vous abordez « {sign} »"}
TERMS_REFUSED = {"en": "the new terms are refused", "fr": "les nouvelles conditions sont refusées"}
DATED_NOTE = {
    "en": re.compile(r"dated (note|record|copy)", re.I),
    "fr": re.compile(r"(note datée|avec sa date|notez chaque)", re.I),
}
# Words that ask for action now: never in the advice for a problem that has stopped.
URGENT = {
    "en": re.compile(
        r"\b(act now|insist|set firm rules now|negotiate now|propose new terms)\b", re.I
    ),
    "fr": re.compile(
        r"\b(agissez|exigez|imposez|négociez maintenant|proposez de nouvelles)\b", re.I
    ),
}
# French elides these before a vowel ("L'accord", never "Le accord"); a pronoun after a
# verb ("dites-le à", "est-ce arrivé") is not elided.
NOT_ELIDED = re.compile(r"(?<![\w-])(le|la|de|que|ne|je|se|ce) (?=[aeiouéèêàâîôû])", re.I)
# English sets no space before %; French a no-break one, never none nor an ordinary space.
WRONG_PERCENT = {"en": re.compile(r"\d[ \u00a0\u202f]%"), "fr": re.compile(r"\d ?%")}
TITLES = {
    "fix": {"en": "how to fix it", "fr": "comment y remédier"},
    "kept": {"en": "settled, watch for a repeat", "fr": "réglé, à surveiller"},
    "prepare": {"en": "prepare your exit", "fr": "préparer votre départ"},
    "leave": {"en": "how to leave well", "fr": "partir dans de bonnes conditions"},
}


# One test per batch of the calibration set, both languages and every situation inside it,
# each failure named by its situation: about a hundred tests instead of 2,500 (each test
# costs the parallel run a few milliseconds of bookkeeping on top of its work).
# A full stop, question or exclamation mark followed at once by a capital letter.
GLUED = re.compile(r"[a-zàâçéèêëîïôûù)»”][.?!][A-ZÀÂÇÉÈÊËÎÏÔÛÙ]")
BATCHES: dict[str, list] = {}
for _situation in SITUATIONS:
    BATCHES.setdefault(re.sub(r"\d+$", "", _situation.id), []).append(_situation)


@pytest.mark.parametrize("batch", sorted(BATCHES))
def test_headline_reasons_advice_plan_and_first_draft_agree(batch):
    failures = []
    for situation in BATCHES[batch]:
        answers = calibration.as_answers(BANK, situation.answers)
        record = ClientRecord(name="Northwind", answers=answers, assessed_on=date(2026, 12, 1))
        result = assess(BANK, answers)
        for lang in ("en", "fr"):
            ctx = build_context(BANK, record, result, lang)
            try:
                _words_agree(ctx, lang)
                _payment_terms_reason_fits_its_draft(ctx, lang)
            except AssertionError as fault:
                failures.append(f"{situation.id} ({lang}): {fault}")
    assert not failures, "\n\n".join(failures)


def _words_agree(ctx, lang: str) -> None:
    why, plan, items = render_why(ctx), action_plan(ctx), advice_for(ctx)
    drafts = suggested_messages(ctx)
    # The advice does what the verdict calls for, and says so in its title.
    assert {item.advice for item in items} <= {ctx.advice}, (ctx.verdict, items)
    # The plan stays a plan (at most five steps), and never asks the client to stop a
    # sign's label ("that this has to stop, starting with “Unprofessional”").
    assert 1 <= len(plan) <= 5, plan
    label = {"en": "has to stop, starting with “", "fr": "doit cesser, à commencer par «"}[lang]
    assert not any(label in step for step in plan), plan
    # Someone who cannot afford to leave looks for other clients while renegotiating,
    # before any refusal (a professional's reading: "if they refuse, start preparing your
    # exit" with two weeks of savings and no step to look for work).
    if ctx.verdict == "renegotiate" and ctx.dependency_known and not ctx.can_leave:
        others = {"en": "other clients", "fr": "autres clients"}[lang]
        assert others in " ".join(plan), (ctx.driver_rule, plan)
    for item in items:
        assert TITLES[item.path][lang] in item.title
    # A sign kept because it stopped, or because its fee is paid: its advice says how to
    # keep it that way, never to act now, and no draft asks the client for anything about it.
    kept = {s.id for s in ctx.signs if s.rule in KEPT_AS_IT_IS}
    for item in items:
        if item.sign_id in kept and item.advice == "fix":
            assert item.kept, item
            assert not any(URGENT[lang].search(line) for line in item.lines), item.lines
    others = {FIX_DRAFT[s.id] for s in ctx.flagged if s.id not in kept}
    for sign_id in kept:
        if ctx.verdict in STAY and FIX_DRAFT[sign_id] not in others:
            assert FIX_DRAFT[sign_id] not in drafts, (sign_id, drafts)
    # The caption over the advice never tells someone free to leave that they cannot.
    caption = advice_caption(ctx)
    if ctx.can_leave:
        assert caption in (
            None,
            "advice_caption_fix_free",
            "advice_caption_leave",
            "advice_caption_unknown",
        )
    if caption:
        assert t(caption, lang, dependency=ctx.dependency)
    if ctx.verdict in STAY:
        # Staying verdicts: no notice in the plan, no goodbye first.
        assert not any(LEAVING_WORDS[lang].search(step) for step in plan), plan
        assert not drafts or drafts[0] != "goodbye", drafts
    if ctx.verdict == "let_go":
        assert drafts and drafts[0] == "goodbye"
    if ctx.verdict == "plan_exit":
        assert not drafts or drafts[0] != "goodbye"
    # The headline fits the sign that drives it.
    if ctx.verdict == "renegotiate" and ctx.driver_kind in BEHAVIOUR_KINDS:
        assert "terms" not in why.lower() or "enforce" in why.lower(), why
        assert "conditions" not in why.lower() or "appliquez" in why.lower(), why
    if ctx.driver_rule == "fading_and_you_depend_on_it":
        assert "leaving" not in why and "partir" not in why, why
    if ctx.verdict == "let_go" and not ctx.dependency_known:
        assert ("three questions" if lang == "en" else "trois questions") in why
    # What would change the verdict: behaviour is never "enforced" with fees or deposits
    # (a last warning is), and no line imagines a client who brings 0 % of your income.
    flat = [line.replace("\u00a0", " ").replace("\u202f", " ") for line in ctx.changes]
    for sign in ctx.signs:
        if BANK.rules.sign_kinds[sign.id] in BEHAVIOUR_KINDS:
            enforce = ENFORCE_TERMS[lang].format(sign=sign.name)
            assert not any(enforce in line for line in flat), ctx.changes
    assert not any(NO_SHARE[lang] in line for line in flat), ctx.changes
    # A sign already raised (settled or not) is not "raised" again in what would change it:
    # what would change it is what happens from here, or the problem coming back.
    for sign in ctx.signs:
        if ctx.answers.get(f"{sign.id}.raised") not in (None, "not_yet", "dont_know"):
            raise_it = RAISE_IT[lang].format(sign=sign.name)
            assert not any(raise_it in line for line in flat), ctx.changes
        # A line crossed (a request to falsify, a threat, harassment) is answered with a
        # clear no, not "raised" like a habit (a reader, beside a request to falsify).
        if ctx.answers.get(f"{sign.id}.crossed_line") == "yes":
            raise_it = RAISE_IT[lang].format(sign=sign.name)
            assert not any(raise_it in line for line in flat), ctx.changes
    if ctx.verdict == "renegotiate" and ctx.driver_kind in BEHAVIOUR_KINDS and items:
        assert not any(TERMS_REFUSED[lang] in line for line in items[0].lines), items[0]
    # No advice block says the same thing twice (a reader: "keep a dated note of each
    # insult" then "keep a dated note of each incident", under one insult).
    for item in items:
        notes = [line for line in item.lines if DATED_NOTE[lang].search(line)]
        assert len(notes) <= 1, item.lines
    # Every reason names what set the verdict; none is left blank.
    assert all(reason.strip() for reason in ctx.reasons)
    # Nothing is left of the template machinery, and French reads as French.
    for text in (why, *plan, *(line for item in items for line in item.lines)):
        assert "{" not in text and "None" not in text, text
        # No two sentences glued together by a template's line break lost after a tag
        # (a reader: "six months later.Keep everything else as it is").
        assert not GLUED.search(text), text
        assert lang == "en" or not NOT_ELIDED.search(text), text
    for text in (why, *plan, *ctx.reasons, *ctx.changes, *(li for i in items for li in i.lines)):
        assert not WRONG_PERCENT[lang].search(text), text


# A fading but pleasant client: less work alone never changes the verdict, but the words
# must not deny what the sign table shows.
FADING = {
    "situation.income_share": 35,
    "situation.savings_months": 5,
    "situation.pipeline": "some",
    "less_work.volume_change": -60,
    "less_work.idle_weeks": 6,
    "less_work.predictable": "rarely",
    "late_payment.chasing": "never",
    "disrespect.insults": "no",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_keep_verdict_never_says_every_sign_is_healthy_when_one_is_not(lang):
    from tests.support.contexts import make_ctx

    ctx = make_ctx(FADING, lang)
    assert ctx.verdict == "keep" and ctx.flagged
    healthy = (t("reason_none", lang), "looks sound", "semble saine")
    said = " ".join((render_why(ctx), *ctx.reasons))
    assert not any(words in said for words in healthy), said
    assert ctx.flagged[0].name in said  # the sign is named, at its band
    for situation in SITUATIONS:
        result = assess(BANK, situation.answers)
        if result.verdict == "keep" and result.signs_needing_attention():
            why = build_context(
                BANK, ClientRecord(name="X", answers=situation.answers), result, lang
            )
            assert t("reason_none", lang) not in why.reasons, situation.id


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_keep_plan_never_calls_a_sign_at_warning_or_critical_a_small_problem(lang):
    from tests.support.contexts import make_ctx

    ctx = make_ctx(FADING, lang)
    assert ctx.verdict == "keep" and ctx.flagged[0].band == "critical"
    plan = " ".join(action_plan(ctx))
    small = "small problems stay small" if lang == "en" else "petits problèmes le restent"
    assert small not in plan, plan
    assert ctx.flagged[0].name in plan and ctx.flagged[0].band_label in plan, plan
    # A sign only at Watch is still a small problem to keep small.
    quieter = {"less_work.volume_change": -10, "less_work.idle_weeks": 1}
    watch = make_ctx({**FADING, **quieter, "less_work.predictable": "sometimes"}, lang)
    assert watch.verdict == "keep" and watch.flagged[0].band == "watch"
    assert small in " ".join(action_plan(watch))


# What the payment-terms draft proposes, in its neutral English and French with no
# details typed, for each reason the results page gives for it (draft_facts.payment_terms_mode).
PROPOSES = {
    "deposit": (("deposit", "paid before work starts"), ("acompte", "avant le début")),
    "deposit_large": (("deposit of",), ("acompte",)),
    "in_advance": (("in advance",), ("d'avance", "à l'avance")),
    "paid_first": (("paid in full",), ("intégralement",)),
    "due_date": (("days of",), ("jours",)),
    "first_word": (("From the next invoice",), ("prochaine facture",)),
    "gentle": (("settled",), ("réglées",)),
    "plan": (("instalments", "installments"), ("mensualités",)),
}
NO_DEPOSIT = ("due_date", "first_word", "gentle", "plan", "paid_first")


def _payment_terms_reason_fits_its_draft(ctx, lang: str) -> None:
    """The one-line reason over the payment-terms draft and the draft itself agree: no
    deposit promised in the reason of a draft that asks for none, and the other way round."""
    why = dict(suggested_drafts(ctx)).get("payment_terms")
    if why is None or ctx.verdict == "let_go":
        return
    mode = payment_terms_mode(ctx)
    key = why_key(ctx, "payment_terms")
    assert key.removesuffix("_kept") == f"why_payment_terms_{mode}", key
    assert why == t(key, lang, sign=BANK.signs[0].name(lang))
    body = render_message("payment_terms", "neutral", ctx, MessageDetails()).body
    flat = body.replace("\u00a0", " ").replace("\u202f", " ")
    if key.endswith("_kept"):  # the contract's own term, held (not 30 days proposed)
        assert ("term our contract sets", "délai que prévoit notre contrat")[
            0 if lang == "en" else 1
        ] in flat, body
    i = 0 if lang == "en" else 1
    assert any(words in flat for words in PROPOSES[mode][i]), (mode, body)
    if mode in NO_DEPOSIT:
        assert ("deposit", "acompte")[i] not in flat, (mode, body)


# One calibration situation for each reason, so that the check above meets every one.
EACH_REASON = {
    "a15": "deposit_large",
    "a26": "deposit",
    "f19": "in_advance",
    "cc19": "paid_first",
    "ab01": "due_date",
    "i02": "first_word",
    "q02": "gentle",
    "ag09": "plan",
}


@pytest.mark.parametrize(("situation_id", "mode"), EACH_REASON.items())
def test_the_set_holds_each_payment_terms_reason(situation_id, mode):
    situation = next(s for s in SITUATIONS if s.id == situation_id)
    answers = calibration.as_answers(BANK, situation.answers)
    record = ClientRecord(name="Northwind", answers=answers, assessed_on=date(2026, 12, 1))
    for lang in ("en", "fr"):
        ctx = build_context(BANK, record, assess(BANK, answers), lang)
        assert "payment_terms" in dict(suggested_drafts(ctx))
        assert payment_terms_mode(ctx) == mode
        _payment_terms_reason_fits_its_draft(ctx, lang)
