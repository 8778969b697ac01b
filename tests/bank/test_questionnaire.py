"""The question bank loads, is complete in both languages, and fails loudly when broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clientcheck.bank.loader import QUESTIONS_DIR, default_bank, load_bank
from clientcheck.bank.questions import HISTORY, QuestionBankError
from clientcheck.engine.signs import is_history
from clientcheck.i18n import LANGS

SIGN_IDS = [
    "late_payment",
    "less_work",
    "demanding",
    "disrespect",
    "contract_breach",
    "high_maintenance",
    "unprofessional",
]


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    target = tmp_path / "questions"
    shutil.copytree(QUESTIONS_DIR, target)
    return target


def test_bank_has_the_seven_signs_in_order():
    bank = default_bank()
    assert [s.id for s in bank.signs] == SIGN_IDS
    assert [s.order for s in bank.signs] == list(range(1, 8))


@pytest.mark.parametrize("sign_id", SIGN_IDS)
def test_each_sign_asks_three_to_six_scored_questions(sign_id):
    scored = [q for q in default_bank().sign(sign_id).questions if q.role != "context"]
    assert 3 <= len(scored) <= 6


@pytest.mark.parametrize("sign_id", SIGN_IDS)
def test_each_sign_asks_whether_it_was_already_raised_only_when_it_shows(sign_id):
    raised = default_bank().question(f"{sign_id}.raised")
    assert is_history(raised) and raised.role == "context"
    assert raised.show_if.sign_at_least == "watch"
    assert set(raised.scale.option_ids) <= set(HISTORY)


@pytest.mark.parametrize("sign_id", ["disrespect", "unprofessional"])
def test_behaviour_is_never_offered_a_fee_the_client_pays(sign_id):
    # Insults or unprofessional conduct have no fee to charge: going further is a last
    # warning in writing (a user's reading: payment words on every sign were confusing).
    raised = default_bank().question(f"{sign_id}.raised")
    ids = raised.scale.option_ids
    assert "enforced_paid" not in ids and "enforced_complied" not in ids
    labels = [o.label.en for o in raised.scale.options]
    assert not any("fee" in label or "deposit" in label for label in labels)
    assert any("last warning" in label for label in labels)


def test_signs_mix_frequency_facts_and_flags():
    bank = default_bank()
    questions = [q for s in bank.signs for q in s.questions]
    scales = {q.scale.id for q in questions if q.scale}
    assert {"frequency", "yes_no", "incident"} <= scales
    assert sum(q.kind == "number" for q in questions) >= 5
    assert sum(q.role == "flag" for q in questions) >= 4
    assert {"incident", "unfixable"} <= {o for q in questions for o in q.overrides.values()}


def test_flags_never_enter_the_average():
    for q in default_bank().questions():
        if q.role == "flag":
            assert not q.graded and q.overrides, q.id


def test_situation_separates_dependency_from_context():
    situation = default_bank().situation.questions
    assert {q.id for q in situation if q.graded} == {
        "situation.income_share",
        "situation.savings_months",
        "situation.pipeline",
    }
    assert {q.id for q in situation if q.role == "context"} == {
        "situation.notice_weeks",
        "situation.work_matters",
        "situation.usual_rate",
        "situation.rate_history",
        "situation.hard_times",
        "situation.client_kind",
        "situation.jurisdiction",
        "situation.currency",
    }


def test_no_question_is_asked_twice():
    texts = [q.text("en").lower() for q in default_bank().questions()]
    assert len(texts) == len(set(texts))
    assert "unprofessional.favours" not in default_bank().question_ids


def test_no_graded_question_is_double_barrelled():
    """One thing per question: an "or" joins examples of one thing, never two questions."""
    for q in default_bank().questions():
        if q.graded:
            assert " or ask " not in q.text("en") and " and ask " not in q.text("en"), q.id


def test_every_text_exists_in_every_language():
    bank = default_bank()
    texts = []
    for section in bank.sections:
        texts += [section.name, section.summary]
        for q in section.questions:
            texts.append(q.text)
            if q.help:
                texts.append(q.help)
            if q.number:
                texts.append(q.number.unit)
    for scale in bank.scales.values():
        texts += [o.label for o in scale.options]
    texts += [b.label for b in bank.rules.bands] + [v.label for v in bank.rules.verdicts.values()]
    for text in texts:
        for lang in LANGS:
            assert text(lang).strip(), text
        if len(text("en")) >= 12:  # a long text equal in both languages was never translated
            assert text("en") != text("fr"), text


def test_question_ids_are_unique_and_prefixed_by_their_section():
    bank = default_bank()
    ids = [q.id for q in bank.questions()]
    assert len(ids) == len(set(ids))
    assert all(q.id.startswith(q.section + ".") for q in bank.questions())


def test_number_curves_are_monotone_and_within_range():
    for q in default_bank().questions():
        if q.number:
            ys = [q.number.risk(x) for x in range(int(q.number.min), int(q.number.max) + 1)]
            assert ys == sorted(ys) or ys == sorted(ys, reverse=True), q.id
            assert all(0 <= y <= 100 for y in ys)


BANK_FAULTS = {
    # name: (file, text in it, replaced by, what the error says)
    "missing_translation": (
        "signs/1_late_payment.toml",
        'fr = "Paie en retard"',
        'fr = ""',
        "translation",
    ),
    "missing_language_key": ("signs/4_disrespect.toml", ', fr = "Irrespectueux"', "", "fr"),
    "duplicate_question_id": (
        "signs/1_late_payment.toml",
        'id = "days_late"',
        'id = "late_invoices"',
        "duplicate",
    ),
    "dangling_scale": (
        "signs/2_less_work.toml",
        'scale = "frequency_good"',
        'scale = "nope"',
        "unknown scale",
    ),
    "dangling_ladder_step": ("scoring.toml", 'floor = "exit"', 'floor = "run_away"', "run_away"),
    "non_monotone_curve": (
        "signs/1_late_payment.toml",
        "[4, 80], [5, 100]",
        "[4, 80], [5, 10]",
        "monotone",
    ),
    "show_if_unknown_question": (
        "signs/1_late_payment.toml",
        'show_if = { question = "invoices_total", at_least = 1 }',
        'show_if = { question = "nope", at_least = 1 }',
        "unknown question",
    ),
    "show_if_unknown_option": (
        "signs/5_contract_breach.toml",
        'show_if = { question = "has_contract", equals = "yes" }',
        'show_if = { question = "has_contract", equals = "perhaps" }',
        "unknown option",
    ),
    "show_if_later_question": (
        "signs/1_late_payment.toml",
        'show_if = { question = "invoices_total", at_least = 1 }',
        'show_if = { question = "days_late", at_least = 1 }',
        "earlier question",
    ),
    "show_if_any_unknown_question": (
        "signs/1_late_payment.toml",
        '{ question = "invoices_total", unknown = true }',
        '{ question = "nope", unknown = true }',
        "unknown question",
    ),
    "unknown_written_wrongly": (
        "signs/1_late_payment.toml",
        '{ question = "invoices_total", unknown = true }',
        '{ question = "invoices_total", unknown = "yes" }',
        "unknown = true",
    ),
    "override_unknown_option": (
        "signs/4_disrespect.toml",
        'overrides = { once = "incident", repeatedly = "pattern" }',
        'overrides = { twice = "incident", repeatedly = "pattern" }',
        "unknown option",
    ),
    "override_unknown_event": (
        "signs/4_disrespect.toml",
        'repeatedly = "pattern" }',
        'repeatedly = "doom" }',
        "unknown override",
    ),
    "dealbreaker_averaging": (
        "signs/7_unprofessional.toml",
        'role = "flag"\n',
        'role = "flag"\ndealbreaker_at = 100\n',
        "overrides",
    ),
    "several_answers_on_a_graded_question": (
        "signs/4_disrespect.toml",
        'scale = "frequency"\n',
        'scale = "frequency"\nmultiple = true\n',
        "several answers",
    ),
    "sign_without_a_kind": (
        "scoring.toml",
        'less_work = "fading"',
        'less_wrk = "fading"',
        "sign_kinds",
    ),
    "rule_on_an_unknown_state": (
        "scoring.toml",
        'state_at_least = "critical" }',
        'state_at_least = "doom" }',
        "doom",
    ),
    "rule_on_an_unknown_history": (
        "scoring.toml",
        'history = ["improved"] }',
        'history = ["forgiven"] }',
        "forgiven",
    ),
    "rule_on_an_unknown_kind": ("scoring.toml", 'kind = ["money"] }', 'kind = ["cash"] }', "cash"),
    "rule_with_an_unknown_condition": (
        "scoring.toml",
        'history = ["improved"] }',
        'history = ["improved"], mood = "bad" }',
        "mood",
    ),
    "rule_on_an_unknown_answer": (
        "scoring.toml",
        'answers = { "late_payment.owed_now" = ["slow", "part_paid"] }',
        'answers = { "late_payment.nope" = ["slow", "part_paid"] }',
        "unknown sign question",
    ),
    "rule_on_an_unknown_answer_option": (
        "scoring.toml",
        'answers = { "late_payment.owed_now" = ["slow", "part_paid"] }',
        'answers = { "late_payment.owed_now" = ["soon", "part_paid"] }',
        "unknown option",
    ),
    "sign_rule_unless_unknown_option": (
        "scoring.toml",
        '"contract_breach.keeps_word" = ["rarely", "never"] }',
        '"contract_breach.keeps_word" = ["rarely", "nope"] }',
        "sign_rules.cancellations_paid_for: unknown option",
    ),
    "sign_rule_unless_unknown_question": (
        "scoring.toml",
        'unless = { "contract_breach.terms_broken"',
        'unless = { "contract_breach.nope"',
        "unknown sign question",
    ),
    "sign_rule_number_on_an_unknown_question": (
        "scoring.toml",
        'number_at_least = { "late_payment.days_late" = 61 }',
        'number_at_least = { "late_payment.days_lat" = 61 }',
        "unknown number question",
    ),
    "sign_rule_number_on_a_question_of_options": (
        "scoring.toml",
        'number_at_least = { "late_payment.days_late" = 61 }',
        'number_at_least = { "late_payment.owed_now" = 61 }',
        "unknown number question",
    ),
    "sign_rule_number_that_is_not_a_number": (
        "scoring.toml",
        'number_at_least = { "late_payment.days_late" = 61 }',
        'number_at_least = { "late_payment.days_late" = "61" }',
        "not a number",
    ),
    "money_rule_unless_unknown_option": (
        "scoring.toml",
        'unless = { "situation.work_matters" = ["quite", "a_lot"]',
        'unless = { "situation.work_matters" = ["quite", "hugely"]',
        "money_rules.rate_refused: unknown option",
    ),
    "verdict_with_unknown_advice": (
        "scoring.toml",
        'advice = "prepare"',
        'advice = "panic"',
        "advice must be one of",
    ),
    "dependency_floor_unknown_question": (
        "scoring.toml",
        'question = "situation.savings_months", at_most = 3',
        'question = "situation.nope", at_most = 3',
        "unknown question",
    ),
    "duplicate_option_id": (
        "scales.toml",
        '{ id = "rarely", risk = 15',
        '{ id = "never", risk = 15',
        "duplicate option",
    ),
}


@pytest.mark.parametrize(("file", "old", "new", "message"), BANK_FAULTS.values(), ids=BANK_FAULTS)
def test_a_faulty_bank_fails_loudly_saying_where(bank_copy, file, old, new, message):
    path = bank_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text, "the fault no longer applies: update BANK_FAULTS"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(QuestionBankError, match=message):
        load_bank(bank_copy)


def test_malformed_toml_fails_with_file_name(bank_copy):
    (bank_copy / "signs" / "3_demanding.toml").write_text("id = [", encoding="utf-8")
    with pytest.raises(QuestionBankError, match="3_demanding.toml"):
        load_bank(bank_copy)


def test_what_a_help_text_quotes_of_its_options_is_what_they_say():
    # A French reader met «cela a cessé ou nettement changé» in a help text, for an option
    # that reads «cela a cessé ou s'est nettement amélioré».
    import re

    from clientcheck.bank.loader import default_bank
    from clientcheck.bank.questions import HISTORY_SCALES

    quotes = {"en": re.compile(r"“([^”]+)”"), "fr": re.compile(r"«\s*([^»]+?)\s*»")}
    checked = 0
    for question in default_bank().questions():
        if question.scale is None or question.scale.id not in HISTORY_SCALES:
            continue
        for lang, quote in quotes.items():
            labels = [o.label(lang) for o in question.scale.options]
            for fragment in quote.findall(question.help(lang) if question.help else ""):
                checked += 1
                assert any(fragment.lower() in label.lower() for label in labels), (
                    question.id,
                    fragment,
                )
    assert checked >= 4
