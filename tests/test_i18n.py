"""Interface strings: complete in both languages, and every one the code asks for exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from clientcheck.i18n import LANGS, format_money, format_number, pick_language, t, ui_strings

ROOT = Path(__file__).resolve().parent.parent


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_has_both_languages_with_the_same_fields():
    for key, text in ui_strings().items():
        assert all(text(lang).strip() for lang in LANGS), key
        assert _fields(text("en")) == _fields(text("fr")), key


def test_every_string_the_interface_asks_for_exists():
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [ROOT / "app.py", *(ROOT / "clientcheck").rglob("*.py")]
    )
    literal_keys = set(re.findall(r"\bt\(\s*\"([a-z0-9_]+)\"", code))
    missing = literal_keys - set(ui_strings())
    assert not missing


@pytest.mark.parametrize("prefix", ["error_load_", "step_"])
def test_families_of_strings_are_complete(prefix):
    expected = {
        "error_load_": {
            "too_large",
            "not_json",
            "not_client_check",
            "newer_version",
            "bad_field",
            "unknown_field",
            "bad_answers",
            "too_many_clients",
        },
        "step_": {"welcome", "client", "results", "compare"},
    }[prefix]
    present = {k.removeprefix(prefix) for k in ui_strings() if k.startswith(prefix)}
    assert expected <= present


def test_number_errors_exist_for_each_parse_failure():
    for code in ("not_a_number", "out_of_range", "not_whole"):
        assert "{min}" in ui_strings()[f"error_{code}"]("fr")
    assert ui_strings()["error_a_range"]("en")  # a range: "type its middle"


@pytest.mark.parametrize(
    ("query", "locale", "expected"),
    [
        ("fr", "en-US", "fr"),
        (None, "fr-CA", "fr"),
        (None, "de-DE", "en"),
        ("xx", None, "en"),
        ("EN", "fr", "en"),
    ],
)
def test_language_comes_from_query_then_browser_then_english(query, locale, expected):
    assert pick_language(query, locale) == expected


def test_numbers_and_money_follow_each_language():
    assert format_number(1500, "fr") == "1\u202f500"
    assert format_number(1500.5, "en") == "1,500.5"
    assert format_money(1500, "fr") == "1\u202f500\u00a0€"
    assert format_money(1500, "en") == "€1,500"


def test_pounds_are_written_as_a_french_reader_writes_them():
    assert format_money(2800, "fr", "GBP") == "2\u202f800\u00a0£"
    assert format_money(70, "fr", "GBP") == "70\u00a0£"
    assert "£GB" not in format_money(1500.5, "fr", "GBP")
    assert format_money(2800, "en", "GBP") == "£2,800"


def test_t_fills_fields_without_evaluating_user_text():
    assert t("about_whom", "en", name="{{ 7*7 }} {x}") == "About: {{ 7*7 }} {x}"


def _french_texts() -> list[str]:
    from clientcheck.bank.loader import default_bank

    bank = default_bank()
    texts = [text("fr") for text in ui_strings().values()]
    for section in bank.sections:
        texts += [section.name("fr"), section.summary("fr")]
        texts += [q.text("fr") for q in section.questions]
        texts += [q.help("fr") for q in section.questions if q.help]
    return texts


def _texts(lang: str) -> list[str]:
    from clientcheck.bank.loader import default_bank
    from clientcheck.guidance.moneytext import money_words

    bank = default_bank()
    texts = [text(lang) for text in ui_strings().values()] + list(money_words(lang).values())
    for section in bank.sections:
        texts += [section.name(lang), section.summary(lang)]
        for q in section.questions:
            texts += [q.text(lang), q.help(lang) if q.help else ""]
            if q.scale is not None:
                texts += [option.label(lang) for option in q.scale.options]
    return texts


def test_english_sets_no_space_before_percent_and_french_a_no_break_one():
    for text in _texts("en"):
        assert not re.search(r"\d[ \u00a0\u202f]%", text), text
    for text in _texts("fr"):
        assert not re.search(r"\d ?%", text), text


def test_numbers_and_units_follow_each_language():
    from clientcheck.i18n import format_percent, with_unit

    assert format_percent(51.4, "en") == "51%"
    assert format_percent(51.4, "fr") == "51\u00a0%"
    assert with_unit("8.5", "% a year", "en") == "8.5% a year"
    assert with_unit("8,5", "% par an", "fr") == "8,5\u00a0% par an"
    assert with_unit("3", "weeks", "en") == "3\u00a0weeks"


def test_french_uses_non_breaking_spaces_before_double_punctuation():
    for text in _french_texts():
        assert not re.search(r" [:;?!»]|« ", text), text


def test_a_negative_zero_amount_is_written_without_a_minus():
    from clientcheck.i18n import format_money

    for lang in ("en", "fr"):
        assert format_money(-0.0, lang, "EUR") == format_money(0.0, lang, "EUR")
        assert "-" not in format_money(-0.0, lang, "EUR")


def test_a_broken_deadline_is_the_clients_own_in_the_singular():
    from clientcheck.bank.loader import default_bank

    scale = default_bank().question("contract_breach.terms_broken").scale
    assert scale.option("deadlines").label("fr") == "Ses propres délais ou fournitures"


def test_a_brief_that_was_met_is_respected_not_filled():
    from clientcheck.bank.loader import default_bank

    summary = default_bank().sign("demanding").summary("fr")
    assert "cahier des charges respecté" in summary
    assert "rempli" not in summary


@pytest.mark.parametrize(
    ("code", "en", "fr"),
    [
        ("EUR", "euros", "euros"),
        ("GBP", "pounds sterling", "livres sterling"),
        ("USD", "US dollars", "dollars américains"),
        ("CHF", "Swiss francs", "francs suisses"),
        ("CAD", "Canadian dollars", "dollars canadiens"),
    ],
)
def test_currencies_are_named_as_people_name_them(code, en, fr):
    from clientcheck.i18n import CURRENCIES, currency_name

    assert code in CURRENCIES
    assert (currency_name(code, "en"), currency_name(code, "fr")) == (en, fr)
    said = t("drafts_currency", "en", currency=code, currency_name=currency_name(code, "en"))
    assert said == f"Amounts in {en} ({code})."


def test_the_currencies_offered_are_the_ones_named_and_read():
    from clientcheck.bank.loader import default_bank
    from clientcheck.engine import money
    from clientcheck.i18n import CURRENCIES

    offered = default_bank().question("situation.currency").scale.option_ids
    assert tuple(offered) == CURRENCIES and money.CURRENCIES is CURRENCIES


def test_every_currency_offered_has_a_name_in_every_language():
    from clientcheck.i18n import CURRENCIES, currency_name

    for code in CURRENCIES:
        for lang in LANGS:
            assert currency_name(code, lang).strip()  # a missing name raises KeyError


def test_french_de_elides_before_a_name_starting_with_a_vowel():
    # A Belgian user's walk: « Téléchargez le résumé de Éditions du Perron ».
    said = t("compare_summary_caption", "fr", name="Éditions du Perron")
    assert "le résumé d'Éditions du Perron" in said
    assert "le résumé de Lumio" in t("compare_summary_caption", "fr", name="Lumio")
    assert "of Éditions" in t("compare_summary_caption", "en", name="Éditions")


@pytest.mark.parametrize(
    ("lang", "whole", "cents"), [("en", "4,000", "1,234.50"), ("fr", "4\u202f000", "1\u202f234,50")]
)
def test_another_currency_is_written_as_a_plain_number(lang, whole, cents):
    # A fresh reading: a freelancer in Durban paid R4,000 a month was sent "up from €4,000":
    # with another currency chosen, an amount carries no symbol at all.
    from clientcheck.i18n import NO_SYMBOL, currency_symbol, format_money

    assert format_money(4000, lang, NO_SYMBOL).replace("\u00a0", "\u202f") == whole
    assert format_money(1234.5, lang, NO_SYMBOL).replace("\u00a0", "\u202f") == cents
    assert currency_symbol(NO_SYMBOL, lang) == ""


def test_the_french_confidence_label_says_it_is_about_the_result():
    # A professional's reading: « Fiabilité : Faible » on a page about a client reads as
    # "this client is unreliable".
    from clientcheck.outputs.summary import labels

    assert t("confidence", "fr") == labels("fr")["confidence"] == "Fiabilité du résultat"


def test_a_reason_that_opens_on_a_sign_as_its_subject_quotes_the_name():
    # "Pays late is at Critical" read as broken English (a reader of ci01); French already
    # writes « Paie en retard » est au niveau « Critique ».
    from clientcheck.bank.loader import default_bank

    rules = default_bank().rules
    for rule in (*rules.sign_rules, *rules.combination_rules, *rules.money_rules):
        english = rule.reason("en")
        assert not re.match(r"\{sign\} (is|has|was)\b", english), (rule.id, english)
