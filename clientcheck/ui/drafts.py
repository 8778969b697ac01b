"""Message drafts on the results page: pick, choose a tone, fill details, edit, copy, download.

The app never sends anything: drafts leave only as text the user copies or a
file they download.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import streamlit as st

from clientcheck.bank.answers import AnswerError, parse_decimal
from clientcheck.guidance.advice import currency, late_payment_rights
from clientcheck.guidance.messages import (
    REVISION_REASONS,
    TONES,
    MessageDetails,
    draft_to_eml,
    draft_to_txt,
    fields_to_fill,
    message_title,
    missing_placeholders,
    ordered_messages,
    render_message,
    suggested_drafts,
    tone_label,
)
from clientcheck.guidance.render import AssessmentContext, Draft, escape_markdown
from clientcheck.i18n import t
from clientcheck.outputs.exports import export_filename
from clientcheck.ui.state import store

MAX_DETAIL_CHARS = 300
MAX_DRAFT_CHARS = 20_000
# Every detail: field -> (kind, label key, help key or None). Kinds: text, area, money,
# weeks, date, percent, reason.
DETAILS = {
    "sender_name": ("text", "detail_sender_name", None),
    "sender_email": ("text", "detail_sender_email", None),
    "contact_name": ("text", "detail_contact_name", "detail_contact_help"),
    "contact_email": ("text", "detail_contact_email", None),
    "client_label": ("text", "detail_client_label", "detail_client_label_help"),
    "invoice_number": ("text", "detail_invoice_number", None),
    "invoice_date": ("date", "detail_invoice_date", None),
    "invoice_due": ("date", "detail_invoice_due", None),
    "overdue_amount": ("money", "detail_overdue_amount", None),
    "due_date": ("date", "detail_due_date", None),
    "deposit_percent": ("percent", "detail_deposit_percent", None),
    "notice_weeks": ("weeks", "detail_notice_weeks", "detail_notice_help"),
    "end_date": ("date", "detail_end_date", None),
    "referral_name": ("text", "detail_referral_name", "detail_referral_help"),
    "office_hours": ("text", "detail_office_hours", "detail_office_hours_help"),
    "revision_reason": ("reason", "detail_revision_reason", None),
    "proposed_clause": ("area", "detail_proposed_clause", "detail_proposed_clause_help"),
    "example": ("area", "detail_example", "detail_example_help"),
    "extra_work": ("text", "detail_extra_work", None),
    "extra_price": ("money", "detail_extra_price", None),
    "extra_deadline": ("date", "detail_extra_deadline", None),
}
COMMON_DETAILS = ("sender_name", "sender_email", "contact_name", "contact_email", "client_label")
# Which details each draft uses, shown under the common ones.
MESSAGE_DETAILS = {
    "payment_terms": (
        "invoice_number",
        "invoice_date",
        "invoice_due",
        "overdue_amount",
        "due_date",
        "deposit_percent",
    ),
    "workload_checkin": (),
    "quote_extra_work": ("extra_work", "extra_price", "extra_deadline"),
    "decline_extra_work": ("extra_work", "referral_name"),
    "name_disrespect": ("example",),
    "contract_revision": ("revision_reason", "proposed_clause"),
    "communication_boundaries": ("office_hours",),
    "professionalism_reminder": ("example",),
    "goodbye": (
        "notice_weeks",
        "end_date",
        "referral_name",
        "invoice_number",
        "overdue_amount",
        "due_date",
    ),
}
_LIMITS = {"money": (0, 10_000_000, False), "weeks": (0, 104, True)}
_ERRORS = {"money": "error_amount", "weeks": "error_notice"}


def _details_store(record_id: str) -> dict[str, object]:
    return store().details.setdefault(record_id, {})


def _keep(field: str, key: str, record_id: str) -> None:
    value = st.session_state.get(key)
    _details_store(record_id)[field] = value[:MAX_DETAIL_CHARS] if isinstance(value, str) else value


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


def _value(field: str, raw: object) -> tuple[object, bool]:
    """Turn what is stored for a detail into its MessageDetails value: (value, ok)."""
    kind = DETAILS[field][0]
    if kind in _LIMITS:
        value, ok = _number(raw, *_LIMITS[kind])
        return (int(value) if kind == "weeks" and value is not None else value), ok
    if kind == "date":
        return (raw if isinstance(raw, date) else None), True
    if kind == "percent":
        return int(raw) if isinstance(raw, int | float) else 50, True
    if kind == "reason":
        return (raw if raw in REVISION_REASONS else ""), True
    return str(raw or "").replace("\x00", ""), True


def _draw(field: str, record_id: str, lang: str, currency_code: str, where) -> None:
    kind, label_key, help_key = DETAILS[field]
    key = _bound_key(field, record_id)
    label = t(label_key, lang, currency=currency_code) if kind == "money" else t(label_key, lang)
    common = {
        "key": key,
        "help": t(help_key, lang) if help_key else None,
        "on_change": _keep,
        "args": (field, key, record_id),
    }
    if kind in ("text", "area"):
        widget = where.text_area if kind == "area" else where.text_input
        widget(label, max_chars=MAX_DETAIL_CHARS, **common)
    elif kind in _LIMITS:
        where.text_input(label, **common)  # no max_chars: no "2/20" counter under a number
        if not _value(field, st.session_state.get(key))[1]:
            where.error(t(_ERRORS[kind], lang), icon=":material/error:")
    elif kind == "date":
        if key not in st.session_state:
            st.session_state[key] = None
        where.date_input(label, format="DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD", **common)
    elif kind == "percent":
        if key not in st.session_state:
            st.session_state[key] = 50
        where.number_input(label, min_value=10, max_value=100, step=5, **common)
    else:
        options = ("", *REVISION_REASONS)
        if st.session_state.get(key) not in options:
            st.session_state[key] = ""
        names = {"": t("revision_auto", lang)} | {r: t(f"revision_{r}", lang) for r in options[1:]}
        where.selectbox(label, options, format_func=names.__getitem__, **common)


def details_form(
    record_id: str, lang: str, message_id: str = "payment_terms", currency_code: str = "EUR"
) -> MessageDetails:
    """Draw the details this draft uses and return them all; a bad value is skipped.

    Details of other drafts keep their saved values, so the summary's drafts use them.
    """
    # Drawn only while open (most people never open it): ten fields cost more than the
    # rest of the drafts panel, on every change of the results page.
    box = st.expander(
        t("details_title", lang),
        icon=":material/edit_note:",
        key=f"details_open|{record_id}",
        on_change="rerun",
    )
    if box.open:
        with box:
            st.caption(t("details_caption", lang))
            left, right = st.columns(2)
            shown = (*COMMON_DETAILS, *MESSAGE_DETAILS.get(message_id, ()))
            for index, field in enumerate(shown):
                wide = DETAILS[field][0] in ("area", "reason")
                where = st if wide else (left, right)[index % 2]
                _draw(field, record_id, lang, currency_code, where)
    saved = _details_store(record_id)
    values: dict[str, object] = {}
    for field in DETAILS:
        key = f"detail|{record_id}|{field}"
        raw = st.session_state.get(key, saved.get(field))
        values[field] = _value(field, raw)[0]
    return MessageDetails(**values)


def _draft_id(record_id: str, message_id: str, tone: str, lang: str) -> str:
    return f"{record_id}|{message_id}|{tone}|{lang}"


def _save_edit(draft_id: str, part: str, key: str) -> None:
    edits = store().drafts.pop(draft_id, {})
    store().drafts[draft_id] = edits  # last in order: the most recently edited draft
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


def _last_edited(record_id: str, lang: str, options: list[str]) -> tuple[str, str] | None:
    """(message, tone) of this client's most recently edited draft in ``lang``, if any."""
    for draft_id in reversed(list(store().drafts)):
        parts = draft_id.split("|")
        if len(parts) == 4 and parts[0] == record_id and parts[3] == lang:
            if parts[1] in options and parts[2] in TONES:
                return parts[1], parts[2]
    return None


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
    ranked = suggested_drafts(ctx)
    suggested = tuple(message_id for message_id, _ in ranked)
    if ranked:
        colon = "\u00a0:" if lang == "fr" else ":"
        lines = "\n".join(
            f"{n}. **{escape_markdown(message_title(m, lang), streamlit=True)}**{colon} "
            f"{escape_markdown(why, streamlit=True)}"
            for n, (m, why) in enumerate(ranked, start=1)
        )
        st.markdown(f"{t('drafts_suggested', lang)}\n\n{lines}")
    code, chosen = currency(ctx)
    if chosen:
        from babel.numbers import get_currency_name

        locale = "fr_FR" if lang == "fr" else "en"
        name = get_currency_name(code, locale=locale)
        st.caption(t("drafts_currency", lang, currency=code, currency_name=name))
    else:
        st.caption(t("drafts_currency_default", lang))
    options = list(ordered_messages(ctx))
    pick_key = f"draft_pick|{record_id}"
    tone_key = f"draft_tone|{record_id}"
    if pick_key not in st.session_state and tone_key not in st.session_state:
        # Back on this page (or in a new tab): open the draft the user last edited.
        last = _last_edited(record_id, lang, options)
        if last is not None:
            st.session_state[pick_key], st.session_state[tone_key] = last
    if st.session_state.get(pick_key) not in options:
        st.session_state[pick_key] = options[0]
    labels = {
        m: message_title(m, lang) + (f" — {t('suggested', lang)}" if m in suggested else "")
        for m in options
    }
    st.selectbox(t("draft_pick", lang), options, key=pick_key, format_func=labels.__getitem__)
    message_id = st.session_state[pick_key]
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
    details = details_form(record_id, lang, message_id, code)
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
    if message_id == "payment_terms" and tone == "firm" and late_payment_rights(ctx, "client"):
        st.caption(t("draft_cites_law", lang))
    to_fill = fields_to_fill(draft)
    if to_fill:
        st.caption(t("draft_fill_fields", lang, fields=", ".join(to_fill)))
    missing = missing_placeholders(draft)
    for placeholder in missing:
        st.warning(t("draft_needs_example", lang, placeholder=placeholder), icon=":material/edit:")
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
        disabled=bool(missing),
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
        disabled=bool(missing),
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
