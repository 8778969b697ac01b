"""Question widgets: a radio per choice question, a text field per number question.

Widget values are mirrored into the store on every change, and restored from
it when a page is drawn again, so going back and forth never loses an answer.
"""

from __future__ import annotations

import streamlit as st

from clientcheck.answers import DONT_KNOW, AnswerError, parse_number
from clientcheck.i18n import format_number, t
from clientcheck.questionnaire import Question, Section
from clientcheck.ui.state import store


def widget_key(record_id: str, question_id: str) -> str:
    return f"q|{record_id}|{question_id}"


def number_error(code: str, question: Question, lang: str) -> str:
    spec = question.number
    assert spec is not None
    values = {
        "min": format_number(spec.min, lang),
        "max": format_number(spec.max, lang),
        "unit": spec.unit(lang),
    }
    return t(f"error_{code}", lang, **values)


def _on_choice(question_id: str, key: str) -> None:
    store().set_answer(question_id, st.session_state.get(key))


def _on_number(question: Question, key: str) -> None:
    s = store()
    text = st.session_state.get(key) or ""
    s.raw_for(s.record.id)[question.id] = text
    try:
        value = parse_number(text, question)
    except AnswerError:
        value = None  # the typed text stays in `raw` and its message shows inline
    s.set_answer(question.id, value)


def pending_error(question: Question, record_id: str, lang: str) -> str | None:
    """Return the message for a number typed but not accepted, if any."""
    if question.kind != "number":
        return None
    text = store().raw_for(record_id).get(question.id, "")
    try:
        parse_number(text, question)
    except AnswerError as exc:
        return number_error(exc.code, question, lang)
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
        if key not in st.session_state:
            st.session_state[key] = record.answers.get(question.id)
        options = [*question.scale.option_ids, DONT_KNOW]
        labels = {o.id: o.label(lang) for o in question.scale.options} | {
            DONT_KNOW: t("dont_know", lang)
        }
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
    st.text_input(
        f"{label} ({unit})",
        key=key,
        help=help_text,
        placeholder=t("number_placeholder", lang),
        on_change=_on_number,
        args=(question, key),
        max_chars=40,
    )
    error = pending_error(question, record.id, lang)
    if error:
        st.error(error, icon=":material/error:")


def draw_section(section: Section, lang: str) -> None:
    """Draw every question of a section."""
    for i, question in enumerate(section.questions, start=1):
        draw_question(question, i, lang)
