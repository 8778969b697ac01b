"""Message drafts on the results page: pick, choose a tone, fill details, edit, copy, download.

The app never sends anything: drafts leave only as text the user copies or a
file they download.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import streamlit as st

from clientcheck.answers import AnswerError, parse_decimal
from clientcheck.exports import export_filename
from clientcheck.i18n import t
from clientcheck.messages import (
    TONES,
    MessageDetails,
    draft_to_eml,
    draft_to_txt,
    message_title,
    ordered_messages,
    render_message,
    suggested_messages,
    tone_label,
)
from clientcheck.render import AssessmentContext, Draft
from clientcheck.ui.state import store

MAX_DETAIL_CHARS = 300
MAX_DRAFT_CHARS = 20_000
# Text details: (field, label key, help key or None, multi-line)
TEXT_DETAILS = (
    ("sender_name", "detail_sender_name", None, False),
    ("sender_email", "detail_sender_email", None, False),
    ("contact_name", "detail_contact_name", None, False),
    ("contact_email", "detail_contact_email", None, False),
    ("referral_name", "detail_referral_name", "detail_referral_help", False),
    ("office_hours", "detail_office_hours", "detail_office_hours_help", False),
    ("proposed_clause", "detail_proposed_clause", "detail_proposed_clause_help", True),
)


def _details_store(record_id: str) -> dict[str, object]:
    return store().details.setdefault(record_id, {})


def _keep(field: str, key: str, record_id: str) -> None:
    _details_store(record_id)[field] = st.session_state.get(key)


def _bound_key(field: str, record_id: str) -> str:
    key = f"detail|{record_id}|{field}"
    saved = _details_store(record_id)
    if key not in st.session_state and field in saved:
        st.session_state[key] = saved[field]
    return key


def _number(raw: object, lo: float, hi: float, integer: bool) -> tuple[float | None, bool]:
    """Parse an optional number typed by the user: (value, ok)."""
    try:
        value = parse_decimal(str(raw or ""))
    except AnswerError:
        return None, False
    if value is None:
        return None, True
    if not lo <= value <= hi or (integer and not value.is_integer()):
        return None, False
    return value, True


def details_form(record_id: str, lang: str) -> MessageDetails:
    """Draw the optional details and return them; a bad value shows a message and is skipped."""
    values: dict[str, object] = {}
    with st.expander(t("details_title", lang), icon=":material/edit_note:"):
        st.caption(t("details_caption", lang))
        for field, label, help_key, multiline in TEXT_DETAILS:
            key = _bound_key(field, record_id)
            widget = st.text_area if multiline else st.text_input
            widget(
                t(label, lang),
                key=key,
                help=t(help_key, lang) if help_key else None,
                max_chars=MAX_DETAIL_CHARS,
                on_change=_keep,
                args=(field, key, record_id),
            )
            values[field] = (st.session_state.get(key) or "").replace("\x00", "")
        left, right = st.columns(2)
        amount_key = _bound_key("overdue_amount", record_id)
        left.text_input(
            t("detail_overdue_amount", lang),
            key=amount_key,
            on_change=_keep,
            args=("overdue_amount", amount_key, record_id),
            max_chars=20,
        )
        amount, ok = _number(st.session_state.get(amount_key), 0, 10_000_000, False)
        if not ok:
            left.error(t("error_amount", lang), icon=":material/error:")
        values["overdue_amount"] = amount
        deposit_key = _bound_key("deposit_percent", record_id)
        if deposit_key not in st.session_state:
            st.session_state[deposit_key] = 50
        right.number_input(
            t("detail_deposit_percent", lang),
            min_value=10,
            max_value=100,
            step=5,
            key=deposit_key,
            on_change=_keep,
            args=("deposit_percent", deposit_key, record_id),
        )
        values["deposit_percent"] = int(st.session_state.get(deposit_key) or 50)
        notice_key = _bound_key("notice_weeks", record_id)
        left.text_input(
            t("detail_notice_weeks", lang),
            key=notice_key,
            on_change=_keep,
            args=("notice_weeks", notice_key, record_id),
            max_chars=5,
            help=t("detail_notice_help", lang),
        )
        notice, ok = _number(st.session_state.get(notice_key), 0, 104, True)
        if not ok:
            left.error(t("error_notice", lang), icon=":material/error:")
        values["notice_weeks"] = int(notice) if notice is not None else None
        for field, label in (("due_date", "detail_due_date"), ("end_date", "detail_end_date")):
            key = _bound_key(field, record_id)
            if key not in st.session_state:
                st.session_state[key] = None
            right.date_input(
                t(label, lang),
                key=key,
                on_change=_keep,
                args=(field, key, record_id),
                format="DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD",
            )
            chosen = st.session_state.get(key)
            values[field] = chosen if isinstance(chosen, date) else None
    return MessageDetails(**values)


def _draft_id(record_id: str, message_id: str, tone: str, lang: str) -> str:
    return f"{record_id}|{message_id}|{tone}|{lang}"


def _save_edit(draft_id: str, part: str, key: str) -> None:
    edits = store().drafts.setdefault(draft_id, {})
    edits[part] = (st.session_state.get(key) or "")[:MAX_DRAFT_CHARS].replace("\x00", "")


def _reset_edit(draft_id: str, keys: tuple[str, ...]) -> None:
    store().drafts.pop(draft_id, None)
    for key in keys:
        st.session_state.pop(key, None)


def edited_draft(draft: Draft, draft_id: str) -> Draft:
    """The draft as the user edited it (their text wins over the generated one)."""
    edits = store().drafts.get(draft_id, {})
    return replace(
        draft, subject=edits.get("subject", draft.subject), body=edits.get("body", draft.body)
    )


def chosen_drafts(ctx: AssessmentContext, record_id: str, details: MessageDetails) -> list[Draft]:
    """The drafts the user ticked for the summary, as edited."""
    out = []
    for entry in store().chosen_drafts.get(record_id, []):
        message_id, tone = entry.split("|")
        draft = render_message(message_id, tone, ctx, details)
        out.append(edited_draft(draft, _draft_id(record_id, message_id, tone, ctx.lang)))
    return out


def _toggle_chosen(record_id: str, entry: str, key: str) -> None:
    chosen = store().chosen_drafts.setdefault(record_id, [])
    if st.session_state.get(key) and entry not in chosen:
        chosen.append(entry)
    elif not st.session_state.get(key) and entry in chosen:
        chosen.remove(entry)


def drafts_section(ctx: AssessmentContext, record_id: str, lang: str) -> MessageDetails:
    """Draw the drafts panel and return the details typed (the summary reuses them)."""
    st.header(t("drafts_title", lang), anchor=False)
    st.caption(t("drafts_caption", lang))
    suggested = suggested_messages(ctx)
    if suggested:
        names = ", ".join(message_title(m, lang) for m in suggested)
        st.markdown(t("drafts_suggested", lang, names=names))
    options = list(ordered_messages(ctx))
    pick_key = f"draft_pick|{record_id}"
    if st.session_state.get(pick_key) not in options:
        st.session_state[pick_key] = options[0]
    labels = {
        m: message_title(m, lang) + (f" — {t('suggested', lang)}" if m in suggested else "")
        for m in options
    }
    st.selectbox(t("draft_pick", lang), options, key=pick_key, format_func=labels.__getitem__)
    message_id = st.session_state[pick_key]
    tone_key = f"draft_tone|{record_id}"
    if st.session_state.get(tone_key) not in TONES:
        st.session_state[tone_key] = "neutral"
    st.segmented_control(
        t("draft_tone", lang),
        TONES,
        key=tone_key,
        required=True,
        format_func=lambda tone: tone_label(tone, lang),
    )
    tone = st.session_state.get(tone_key) or "neutral"
    details = details_form(record_id, lang)
    generated = render_message(message_id, tone, ctx, details)
    draft_id = _draft_id(record_id, message_id, tone, lang)
    draft = edited_draft(generated, draft_id)
    # Keys change with the generated text, so new details show unless the user edited.
    digest = hashlib.sha1((generated.subject + generated.body).encode()).hexdigest()[:8]
    edited = draft_id in store().drafts
    suffix = draft_id if edited else f"{draft_id}|{digest}"
    subject_key, body_key = f"draft_subject|{suffix}", f"draft_body|{suffix}"
    for key, value in ((subject_key, draft.subject), (body_key, draft.body)):
        if key not in st.session_state:
            st.session_state[key] = value
    st.text_input(
        t("draft_subject", lang),
        key=subject_key,
        max_chars=300,
        on_change=_save_edit,
        args=(draft_id, "subject", subject_key),
    )
    st.text_area(
        t("draft_body", lang),
        key=body_key,
        height=320,
        max_chars=MAX_DRAFT_CHARS,
        on_change=_save_edit,
        args=(draft_id, "body", body_key),
    )
    if edited:
        st.caption(t("draft_edited", lang))
        st.button(
            t("draft_reset", lang),
            key=f"reset|{draft_id}",
            icon=":material/undo:",
            on_click=_reset_edit,
            args=(draft_id, (subject_key, body_key)),
            type="tertiary",
        )
    with st.expander(t("draft_copy", lang), icon=":material/content_copy:"):
        st.code(f"{draft.subject}\n\n{draft.body}", language=None, wrap_lines=True)
    stem = export_filename(f"{ctx.client_name} {message_id}", date.today(), "txt")[:-4]
    left, right = st.columns(2)
    left.download_button(
        t("draft_download_txt", lang),
        data=draft_to_txt(draft),
        file_name=f"{stem}.txt",
        mime="text/plain",
        icon=":material/description:",
        key=f"txt|{draft_id}",
        on_click="ignore",
        width="stretch",
    )
    right.download_button(
        t("draft_download_eml", lang),
        data=draft_to_eml(draft, details),
        file_name=f"{stem}.eml",
        mime="message/rfc822",
        icon=":material/mail:",
        key=f"eml|{draft_id}",
        on_click="ignore",
        width="stretch",
    )
    entry = f"{message_id}|{tone}"
    include_key = f"include|{draft_id}"
    st.session_state[include_key] = entry in store().chosen_drafts.get(record_id, [])
    st.checkbox(
        t("draft_include", lang),
        key=include_key,
        on_change=_toggle_chosen,
        args=(record_id, entry, include_key),
    )
    return details
