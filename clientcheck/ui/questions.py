"""Question widgets: a radio per choice question, a checkbox per option where several answers
may be picked, a text field per number question.

Several answers are checkboxes, not a multiselect: a multiselect's menu cuts long options to
one line (on a phone, "Asking you to take a dishonest shortcut for them (fake or pl..."), so the
part that tells two options apart could not be read.

Widget values are mirrored into the store on every change, and restored from
it when a page is drawn again, so going back and forth never loses an answer.
"""

from __future__ import annotations

import streamlit as st

from clientcheck.bank.answers import DONT_KNOW, AnswerError, limit_of, parse_number
from clientcheck.bank.questions import Question, Section
from clientcheck.engine import money
from clientcheck.engine.signs import visible_questions
from clientcheck.i18n import LANGS, currency_symbol, format_number, t, with_unit
from clientcheck.ui.layout import literal
from clientcheck.ui.state import bank, store

# Money answers that are amounts: their field names the currency chosen with the situation.
MONEY_AMOUNTS = (*money.Q_RATES.values(), money.Q_TARGET)
# Fields that take other units say so where they are typed (a user's walk: the notice was
# "in weeks", though "30 days" or "2 months" is accepted, as its help says).
PLACEHOLDERS = {
    "situation.notice_weeks": "number_placeholder_notice",
    "high_maintenance.unbilled_hours": "number_placeholder_messages",
}


def widget_key(record_id: str, question_id: str) -> str:
    return f"q|{record_id}|{question_id}"


def number_error(code: str, question: Question, lang: str, maximum: float | None = None) -> str:
    spec = question.number
    assert spec is not None
    upper = format_number(spec.max if maximum is None else maximum, lang)
    values = {
        "min": format_number(spec.min, lang),
        "max": upper,
        "max_with_unit": with_unit(upper, spec.unit(lang), lang),
    }
    return t(f"error_{code}", lang, **values)


def _within_limit(question: Question, value: float | None) -> float | None:
    """Refuse a count above the answer it is part of (late invoices > invoices sent)."""
    limit = limit_of(question, store().record.answers)
    return None if value is not None and limit is not None and value > limit else value


def _release_dependents(question: Question) -> None:
    """A lowered total un-answers the counts above it; their typed text stays, with a message."""
    s = store()
    for other in bank().questions():
        if other.number is not None and other.number.at_most == question.id:
            value = s.record.answers.get(other.id)
            if isinstance(value, float) and _within_limit(other, value) is None:
                s.raw_for(s.record.id).setdefault(other.id, format_number(value, "en"))
                s.set_answer(other.id, None)


def chosen_option(question: Question, value: object) -> str | None:
    """The option a radio's value stands for, or None when it stands for none.

    Streamlit 1.67 keeps a radio's choice as its label: after a change of language, the
    browser can send back the old label ("Sometimes" under French labels), which Streamlit
    then returns as the value (a user's walk: the results page failed and a reload lost the
    work). A label in either language is read as its option; anything else as no answer.
    """
    assert question.scale is not None
    if value == DONT_KNOW or value in question.scale.option_ids:
        return str(value)
    for lang in LANGS:
        if value == t("dont_know", lang):
            return DONT_KNOW
        for option in question.scale.options:
            if value == option.label(lang):
                return option.id
    return None


def _on_choice(question_id: str, key: str) -> None:
    value = st.session_state.get(key)
    if value is None:
        store().set_answer(question_id, None)
        return
    option = chosen_option(bank().question(question_id), value)
    if option is None:  # nothing it stands for: keep the answer given before
        st.session_state[key] = store().record.answers.get(question_id)
        return
    st.session_state[key] = option
    store().set_answer(question_id, option)


# Typed text kept for a number field: longer is no number, and would only fill memory.
MAX_NUMBER_CHARS = 40


def option_key(key: str, option: str) -> str:
    """The checkbox of one option of a question where several answers may be picked."""
    return f"{key}|{option}"


def _on_tick(question: Question, key: str, option: str) -> None:
    """Store several picks; "don't know" and an option that stands alone ("none so far")
    clear the others when ticked, and are cleared when another option is ticked after them."""
    assert question.scale is not None
    options = [*question.scale.option_ids, DONT_KNOW]
    alone = {DONT_KNOW} | {o.id for o in question.scale.options if o.exclusive}
    if st.session_state.get(option_key(key, option)):
        for other in options:
            if other != option and (option in alone or other in alone):
                st.session_state[option_key(key, other)] = False
    picked = [o for o in options if st.session_state.get(option_key(key, o))]
    if not picked:
        answer = None
    elif picked == [DONT_KNOW]:
        answer = DONT_KNOW
    else:
        answer = tuple(o for o in question.scale.option_ids if o in picked)
    store().set_answer(question.id, answer)


def _on_number(question: Question, key: str) -> None:
    s = store()
    text = (st.session_state.get(key) or "")[:MAX_NUMBER_CHARS]
    s.raw_for(s.record.id)[question.id] = text
    try:
        value = _within_limit(question, parse_number(text, question))
    except AnswerError:
        value = None  # the typed text stays in `raw` and its message shows inline
    s.set_answer(question.id, value)
    _release_dependents(question)


def pending_error(question: Question, record_id: str, lang: str) -> str | None:
    """Return the message for a number typed but not accepted, if any."""
    if question.kind != "number":
        return None
    text = store().raw_for(record_id).get(question.id, "")
    try:
        value = parse_number(text, question)
    except AnswerError as exc:
        return number_error(exc.code, question, lang)
    limit = limit_of(question, store().record.answers)
    if value is not None and limit is not None and value > limit:
        return number_error("more_than_total", question, lang, limit)
    return None


def draw_question(question: Question, number: int, lang: str) -> None:
    """Draw one question bound to the current client's answers."""
    s = store()
    record = s.record
    key = widget_key(record.id, question.id)
    label = f"{number}. {question.text(lang)}"
    help_text = question.help(lang) if question.help else None
    if question.kind == "choice":
        assert question.scale is not None
        options = [*question.scale.option_ids, DONT_KNOW]
        labels = {o.id: o.label(lang) for o in question.scale.options} | {
            DONT_KNOW: t("dont_know", lang)
        }
        if question.multiple:
            stored = record.answers.get(question.id)
            picked = {DONT_KNOW} if stored == DONT_KNOW else set(stored or ())
            with st.container(key=f"cc_several_{question.id.replace('.', '_')}"):
                st.markdown(literal(label), help=help_text)
                for option in options:
                    tick = option_key(key, option)
                    if tick not in st.session_state:
                        st.session_state[tick] = option in picked
                    st.checkbox(
                        labels[option],
                        key=tick,
                        on_change=_on_tick,
                        args=(question, key, option),
                    )
            return
        if key not in st.session_state or st.session_state[key] not in (*options, None):
            st.session_state[key] = record.answers.get(question.id)
        st.radio(
            label,
            options,
            index=None,
            format_func=labels.__getitem__,
            key=key,
            help=help_text,
            horizontal=True,
            on_change=_on_choice,
            args=(question.id, key),
        )
        return
    assert question.number is not None
    raw = s.raw_for(record.id)
    if key not in st.session_state:
        stored = record.answers.get(question.id)
        if question.id in raw:
            st.session_state[key] = raw[question.id]
        elif isinstance(stored, int | float):
            st.session_state[key] = format_number(float(stored), lang)
        else:
            st.session_state[key] = ""
    unit = question.number.unit(lang)
    code = money.currency(record.answers)
    if question.id in MONEY_AMOUNTS and code is not None:
        # An amount says its currency (a user's walk: "(de l'heure)" with euros chosen).
        unit = f"{currency_symbol(code, lang)} {unit}".strip()
    st.text_input(
        f"{label} ({unit})",
        key=key,
        help=help_text,
        placeholder=t(PLACEHOLDERS.get(question.id, "number_placeholder"), lang),
        on_change=_on_number,
        args=(question, key),
    )  # no max_chars: Streamlit would show a "2/40" counter under a number
    error = pending_error(question, record.id, lang)
    if error:
        st.error(error, icon=":material/error:")


def draw_section(section: Section, lang: str) -> None:
    """Draw the questions of a section that are asked, given the answers so far.

    A follow-up question appears as soon as the answer that calls for it is given.
    """
    answers = store().record.answers
    for i, question in enumerate(visible_questions(bank(), section, answers), start=1):
        draw_question(question, i, lang)
