"""The questionnaire's pages: welcome, about the client, one page per sign."""

from __future__ import annotations

import streamlit as st

from clientcheck.bank.answers import is_answered
from clientcheck.bank.records import MAX_NAME_CHARS, MAX_NOTES_CHARS, name_problem
from clientcheck.engine.signs import visible_questions
from clientcheck.guidance.render import question_count
from clientcheck.i18n import t
from clientcheck.ui import device, files
from clientcheck.ui.layout import literal, quoted_list
from clientcheck.ui.money_fields import money_fields
from clientcheck.ui.navigation import back_to_results
from clientcheck.ui.questions import draw_section, pending_error
from clientcheck.ui.state import CLIENT, RESULTS, bank, go, steps, store


def _nav(lang: str, back: str | None, forward: str, forward_label: str) -> None:
    """Back and next buttons at the foot of a page (and back to the results, once seen)."""
    back_to_results(lang, "foot")
    left, right = st.columns(2)
    with left:
        if back:
            st.button(
                t("back", lang),
                key=f"back|{store().step}",
                on_click=go,
                args=(back,),
                icon=":material/arrow_back:",
                width="stretch",
            )
    with right:
        st.button(
            forward_label,
            key=f"next|{store().step}",
            type="primary",
            on_click=go,
            args=(forward,),
            icon=":material/arrow_forward:",
            icon_position="right",
            width="stretch",
        )


def welcome(lang: str) -> None:
    st.title(t("app_title", lang), anchor=False)
    st.header(t("tagline", lang), anchor=False)
    # Start (or Continue the work kept on this device) before the explanations, so it
    # is on a phone's first screen.
    device.start_buttons(lang)
    _, asked = question_count(bank(), {})  # the same count as everywhere else
    st.markdown(t("welcome_body", lang, questions=asked))
    st.info(t("privacy_promise", lang), icon=":material/lock:")
    with st.expander(t("resume_title", lang), icon=":material/upload_file:"):
        files.upload_answers(lang, "welcome")
    device.device_panel(lang)
    st.caption(t("not_legal_advice", lang))


def _on_text(field: str, key: str) -> None:
    s = store()
    value = st.session_state.get(key) or ""
    if field == "name":
        if name_problem(value) is None:
            s.record.name = value.strip()
    elif len(value) <= MAX_NOTES_CHARS and "\x00" not in value:
        s.record.notes = value


def about_client(lang: str) -> None:
    s = store()
    record = s.record
    # Where this page stands, as each sign's page says it (the step list is in the sidebar,
    # folded away on a phone).
    st.progress(0.0, text=t("progress_about", lang, total=len(bank().signs)))
    st.title(t("about_title", lang), anchor=False)
    st.caption(t("about_caption", lang))
    name_key = f"name|{record.id}"
    if name_key not in st.session_state:
        st.session_state[name_key] = record.name
    st.text_input(
        t("client_name", lang),
        key=name_key,
        placeholder=t("client_name_placeholder", lang),
        help=t("client_name_help", lang, max=MAX_NAME_CHARS),
        on_change=_on_text,
        args=("name", name_key),
    )
    typed = st.session_state.get(name_key) or ""
    problem = name_problem(typed)
    if problem == "name_empty":
        st.info(t("error_name_empty", lang), icon=":material/badge:")
    elif problem:
        st.error(
            t(f"error_{problem}", lang, max=MAX_NAME_CHARS, length=len(typed)),
            icon=":material/error:",
        )
    notes_key = f"notes|{record.id}"
    if notes_key not in st.session_state:
        st.session_state[notes_key] = record.notes
    st.text_area(
        t("client_notes", lang),
        key=notes_key,
        help=t("client_notes_help", lang),
        on_change=_on_text,
        args=("notes", notes_key),
        height=80,
    )
    notes = st.session_state.get(notes_key) or ""
    if len(notes) > MAX_NOTES_CHARS:
        st.error(
            t("error_notes_too_long", lang, max=MAX_NOTES_CHARS, length=len(notes)),
            icon=":material/error:",
        )
    elif "\x00" in notes:
        st.error(t("error_notes_bad_chars", lang), icon=":material/error:")
    situation = bank().situation
    st.header(situation.name(lang), anchor=False)
    st.caption(situation.summary(lang))
    draw_section(situation, lang)
    if any(pending_error(q, record.id, lang) for q in situation.questions):
        st.warning(t("fix_before_results", lang), icon=":material/warning:")
    money_fields(lang)
    all_steps = steps(bank())
    _nav(lang, "welcome", all_steps[all_steps.index(CLIENT) + 1], t("next", lang))


def sign_page(sign_id: str, lang: str) -> None:
    question_bank = bank()
    sign = question_bank.sign(sign_id)
    index = [s.id for s in question_bank.signs].index(sign_id) + 1
    total = len(question_bank.signs)
    st.progress(index / total, text=t("progress", lang, index=index, total=total))
    st.title(sign.name(lang), anchor=False)
    st.markdown(f"_{sign.summary(lang)}_")
    name = store().record.display_name(t("unnamed_client", lang))
    st.caption(t("about_whom", lang, name=literal(name)))
    draw_section(sign, lang)
    errors = [q for q in sign.questions if pending_error(q, store().record.id, lang)]
    if errors:
        st.warning(t("fix_before_results", lang), icon=":material/warning:")
    # A follow-up that appeared below an answer is easy to miss on a phone (a user's walk:
    # "Next" moved on with "Have you already raised it?" blank, and nothing said so).
    answers = store().record.answers
    open_follow_ups = [
        q
        for q in visible_questions(question_bank, sign, answers)
        if q.show_if is not None and not is_answered(answers.get(q.id))
    ]
    if open_follow_ups:
        asked = quoted_list([q.text(lang) for q in open_follow_ups], lang)
        st.caption(t("follow_up_open", lang, questions=asked))
    all_steps = steps(question_bank)
    here = all_steps.index(f"sign:{sign_id}")
    forward = all_steps[here + 1]
    label = t("see_results", lang) if forward == RESULTS else t("next", lang)
    _nav(lang, all_steps[here - 1], forward, label)
