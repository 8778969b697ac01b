"""Languages, translated texts and the interface's own strings."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Final

LANGS: Final = ("en", "fr")
DEFAULT_LANG: Final = "en"
LANG_NAMES: Final = {"en": "English", "fr": "Français"}
STRINGS_FILE = Path(__file__).resolve().parent / "strings.toml"


@dataclass(frozen=True)
class Text:
    """One text in every supported language."""

    en: str
    fr: str

    def __call__(self, lang: str) -> str:
        return getattr(self, lang if lang in LANGS else DEFAULT_LANG)


def normalize_lang(value: object) -> str | None:
    """Return a supported language code for ``value`` ('fr-CA' -> 'fr'), or None."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGS else None


def pick_language(query_value: object, browser_locale: object) -> str:
    """Choose the language: the ``?lang=`` parameter, else the browser's locale, else English."""
    return normalize_lang(query_value) or normalize_lang(browser_locale) or DEFAULT_LANG


@cache
def load_texts(path: Path) -> dict[str, Text]:
    """Load a TOML file of texts (``[key]`` with one entry per language), each complete.

    The one loader of every string file: the interface's, the money words, the
    summary's labels. A key missing a language fails loudly, naming file and key.
    """
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    texts: dict[str, Text] = {}
    for key, value in raw.items():
        missing = [lang for lang in LANGS if not str(value.get(lang, "")).strip()]
        if missing:
            raise ValueError(f"{path.name}: {key} lacks {', '.join(missing)}")
        texts[key] = Text(**{lang: value[lang] for lang in LANGS})
    return texts


def ui_strings() -> dict[str, Text]:
    """Load the interface strings, each present in every language."""
    return load_texts(STRINGS_FILE)


def t(key: str, lang: str, **values: object) -> str:
    """Return interface string ``key`` in ``lang``, with ``{name}`` fields filled from values."""
    text = ui_strings()[key](lang)
    if lang == "fr":
        # "de" elides before a name starting with a vowel: « le résumé d'Éditions du
        # Perron », never « de Éditions » (a Belgian user's walk).
        for field, value in values.items():
            if isinstance(value, str) and value[:1].lower() in _VOWELS:
                text = text.replace(f" de {{{field}}}", f" d'{{{field}}}")
    return text.format(**values) if values else text


_VOWELS: Final = frozenset("aeiouyàâäéèêëîïôöùûüœæ")


def format_number(value: float, lang: str, decimals: int | None = None) -> str:
    """Format a number the way ``lang`` writes it: 1,500.5 in English, 1 500,5 in French."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


# English prose spells out one to nine ("five of my last 10 invoices", "two weeks' notice"),
# as the AP and Guardian styles do; French letters keep figures.
_SMALL_WORDS: Final = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def spelled(value: float, lang: str) -> str:
    """A count as a letter writes it: words for one to nine in English, figures otherwise."""
    if lang == "en" and float(value).is_integer() and 1 <= value <= 9:
        return _SMALL_WORDS[int(value) - 1]
    return format_number(value, lang)


def with_unit(number: str, unit: str, lang: str) -> str:
    """A number and its unit, never split across lines: "40%" and "3 weeks" in English,
    "40 %" and "3 semaines" in French (English sets no space before %; French does)."""
    gap = "" if lang == "en" and unit.startswith("%") else "\u00a0"
    return f"{number}{gap}{unit}"


def format_percent(value: float, lang: str) -> str:
    """A whole percentage as ``lang`` writes it: "51%" in English, "51 %" in French."""
    return with_unit(format_number(round(value), lang), "%", lang)


CURRENCIES: Final = ("EUR", "GBP", "USD", "CHF", "CAD", "OTHER")
DEFAULT_CURRENCY: Final = "EUR"
# Any other currency (rand, naira, rupees, dirhams…): amounts are written as plain numbers,
# never with a symbol that is not the user's (a fresh reading: "up from €4,000" to a client
# paying R4,000 in Durban).
NO_SYMBOL: Final = "OTHER"
_BABEL_LOCALES: Final = {"en": "en", "fr": "fr_FR"}
# Symbols Babel writes that a French reader would not: "2 800 £GB" is "2 800 £" in a letter.
_SYMBOLS: Final = {("fr", "GBP"): ("£GB", "£")}


# In a letter, an amount in another currency carries a field for its symbol: the client
# may pay in a currency other than the user's (a native reading: "up from 4,000 a month").
CURRENCY_FIELD: Final = {"en": "[currency]", "fr": "[devise]"}


def currency_field(lang: str, currency: str | None) -> str:
    """What follows an amount in a draft: a field for the symbol of another currency."""
    return f"\u00a0{CURRENCY_FIELD[lang]}" if currency == NO_SYMBOL else ""


def letter_money(amount: float, lang: str, currency: str = DEFAULT_CURRENCY) -> str:
    """``format_money`` for a draft (its ``money`` filter): another currency's plain amount
    gets a field beside it."""
    return format_money(amount, lang, currency) + currency_field(lang, currency)


def currency_name(code: str, lang: str) -> str:
    """Name a currency as people do in ``lang``: "pounds sterling", "dollars canadiens"."""
    return t(f"currency_name_{code.lower()}", lang)


@cache
def currency_symbol(code: str, lang: str) -> str:
    """The symbol an amount in ``code`` carries in ``lang``: "€", "£", "$", "CHF", "$CA";
    none for another currency (NO_SYMBOL)."""
    from babel.numbers import get_currency_symbol

    if code == NO_SYMBOL:
        return ""
    symbol = get_currency_symbol(code, locale=_BABEL_LOCALES.get(lang, "en"))
    babel_symbol, usual = _SYMBOLS.get((lang, code), ("", ""))
    return usual if babel_symbol and symbol == babel_symbol else symbol


@cache
def month_names(lang: str, width: str = "wide") -> tuple[str, ...]:
    """The twelve month names in ``lang``, from Babel: "December" / "décembre"; "Dec" / "déc."."""
    from babel.dates import get_month_names

    names = get_month_names(width, locale=_BABEL_LOCALES.get(lang, "en"))
    return tuple(names[month] for month in range(1, 13))


@lru_cache(maxsize=8192)  # Babel takes about 0.1 ms an amount; a money table shows dozens
def format_money(amount: float, lang: str, currency: str = DEFAULT_CURRENCY) -> str:
    """Format an amount of money with Babel: €1,500 / 1 500 € / £1,500.50 / 1 500,50 $CA.

    Whole amounts drop their cents, as people write them in a letter.
    """
    currency = currency or DEFAULT_CURRENCY
    amount = float(amount) + 0.0  # -0.0 becomes 0.0: no "-€0"
    if currency == NO_SYMBOL:  # another currency: the number alone, as in "4,000" / "4 000"
        from babel.numbers import format_decimal

        digits = "#,##0" if amount.is_integer() else "#,##0.00"
        return format_decimal(amount, format=digits, locale=_BABEL_LOCALES.get(lang, "en"))
    pattern, locale = _money_pattern(lang, currency, amount.is_integer())
    text = pattern.apply(amount, locale, currency=currency, currency_digits=False)
    babel_symbol, usual = _SYMBOLS.get((lang, currency), ("", ""))
    return text.replace(babel_symbol, usual) if babel_symbol else text


@cache
def _money_pattern(lang: str, currency: str, whole: bool):
    """Babel's number pattern for an amount in ``currency``, parsed once."""
    from babel import Locale
    from babel.numbers import get_currency_symbol, parse_pattern

    locale = Locale.parse(_BABEL_LOCALES.get(lang, "en"))
    pattern = locale.currency_formats["standard"].pattern
    if whole:
        pattern = pattern.replace(".00", "")
    if pattern.startswith("¤") and get_currency_symbol(currency, locale)[-1:].isalpha():
        pattern = "¤\u00a0" + pattern[1:]  # CHF 1,500, not CHF1,500
    return parse_pattern(pattern), locale


def plural(key: str, count: int, lang: str, **values: object) -> str:
    """``t`` for a count: ``{key}_one`` for one (and, in French, none), else ``{key}_other``."""
    one = count == 1 or (lang == "fr" and count == 0)
    return t(f"{key}_{'one' if one else 'other'}", lang, count=count, **values)


# French joins à and de to a name's own article, and elides de before a vowel: "au Carré
# Gourmand", "aux Ateliers Roux", "du Carré Gourmand", "d'Acme" (a reading, ef10: "Annoncez
# par écrit à Le Carré Gourmand").
_CONTRACTIONS: Final = (
    (re.compile(r"\bà Les "), "aux "),
    (re.compile(r"\bà Le "), "au "),
    (re.compile(r"\bde Les "), "des "),
    (re.compile(r"\bde Le "), "du "),
    (re.compile(r"\bde (?=[AEIOUYÀÂÉÈÊÎÔ])"), "d'"),
)
_FRENCH_TEMPLATE: Final = re.compile(r"(^|[/.])fr[/.]")


def contract_articles(template_name: str, text: str) -> str:
    """The output of a French template with à and de joined to a name's article."""
    if not _FRENCH_TEMPLATE.search(template_name):
        return text
    for pattern, joined in _CONTRACTIONS:
        text = pattern.sub(joined, text)
    return text
