"""Message drafts on the results page: pick, choose a tone, fill details, edit, copy, download.

The app never sends anything: drafts leave only as text the user copies or a
file they download.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date

import streamlit as st

from clientcheck.guidance.advice import currency, jurisdiction, late_payment_rights
from clientcheck.guidance.dates import working_day_on_or_after
from clientcheck.guidance.draft_facts import default_tone, nothing_overdue, reminder_case
from clientcheck.guidance.letters import draft_to_eml, draft_to_txt
from clientcheck.guidance.messages import (
    TONES,
    MessageDetails,
    carry_details,
    detail_fills,
    fields_to_fill,
    message_dates,
    message_title,
    missing_placeholders,
    ordered_messages,
    render_message,
    tone_label,
)
from clientcheck.guidance.render import (
    AssessmentContext,
    Draft,
    escape_markdown,
    format_date,
    letter_style,
)
from clientcheck.guidance.suggestions import against_verdict, suggested_drafts, verdict_note
from clientcheck.i18n import LANGS, NO_SYMBOL, currency_name, format_money, t
from clientcheck.outputs.exports import draft_file_stem
from clientcheck.persistence.device import NO_DRAFT
from clientcheck.ui.draft_details import details_form, details_values
from clientcheck.ui.layout import fitted_text_area
from clientcheck.ui.state import store

MAX_DRAFT_CHARS = 20_000
CLAIM = "late_payment_claim"


def _moved_dates(
    ctx: AssessmentContext, details: MessageDetails, message_id: str, lang: str
) -> list[str]:
    """Say which typed dates the draft had to move (too early, or not a working day)."""
    dates = message_dates(ctx, details)
    where = jurisdiction(ctx)
    style = letter_style(ctx.lang, currency(ctx)[0])  # as the draft writes them
    notes = []
    # Which of the two reasons moved it (a user's walk: "not after the day you send the
    # message, or not a working day" left her to work out which).
    if "end_date" in dates.moved and message_id == "goodbye" and dates.last_day:
        typed = details.end_date
        early = typed is not None and working_day_on_or_after(typed, where) < dates.last_day
        key = "draft_end_moved_early" if early else "draft_end_moved_day_off"
        notes.append(t(key, lang, day=format_date(dates.last_day, style)))
    if "due_date" in dates.moved and message_id in ("payment_terms", "goodbye", CLAIM):
        early = details.due_date is not None and details.due_date <= dates.prepared_on
        key = "draft_due_moved_early" if early else "draft_due_moved_day_off"
        notes.append(t(key, lang, day=format_date(dates.pay_by, style)))
    return notes


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


def _carry_details(
    ctx: AssessmentContext, draft: Draft, details: MessageDetails, draft_id: str
) -> dict[str, str]:
    """Put details typed after an edit into the edited text, where its fields still stand
    ("[name]" -> "Jane"); return the parts changed, {} when none."""
    edits = store().drafts.get(draft_id)
    if not edits or "[" not in "".join(edits.values()):
        return {}
    blank_details = MessageDetails(currency=details.currency, prepared_on=details.prepared_on)
    blank = render_message(draft.message_id, draft.tone, ctx, blank_details)
    fills = detail_fills(blank, draft)
    changed: dict[str, str] = {}
    for part, text in edits.items():
        carried = carry_details(text, fills)
        if carried != text:
            edits[part] = changed[part] = carried
    return changed


def _ticked(ctx: AssessmentContext, record_id: str) -> list[str]:
    """The drafts ("message|tone") in the summary: those the user ticked or, until they
    tick or untick one, the first suggested draft (a user's walk: the summary said "send
    the message below" and held none, its box being off by default)."""
    chosen = store().chosen_drafts.get(record_id)
    if chosen is None:
        ranked = suggested_drafts(ctx)
        first = ranked[0][0] if ranked else None
        return [f"{first}|{default_tone(ctx, first)}"] if first else []
    return [entry for entry in chosen if entry != NO_DRAFT]


def chosen_drafts(ctx: AssessmentContext, record_id: str, details: MessageDetails) -> list[Draft]:
    """The drafts for the summary, as edited."""
    out = []
    for entry in _ticked(ctx, record_id):
        message_id, tone = entry.split("|")
        draft = render_message(message_id, tone, ctx, details)
        draft_id = _draft_id(record_id, message_id, tone, ctx.lang)
        _carry_details(ctx, draft, details, draft_id)
        out.append(edited_draft(draft, draft_id))
    return out


def _last_edited(record_id: str, lang: str, options: list[str]) -> tuple[str, str] | None:
    """(message, tone) of this client's most recently edited draft in ``lang``, if any."""
    for draft_id in reversed(list(store().drafts)):
        parts = draft_id.split("|")
        if len(parts) == 4 and parts[0] == record_id and parts[3] == lang:
            if parts[1] in options and parts[2] in TONES:
                return parts[1], parts[2]
    return None


def _remember_open(record_id: str, key: str) -> None:
    store().editor_open[record_id] = bool(st.session_state.get(key))


def _remember_choice(record_id: str, pick_key: str, tone_key: str) -> None:
    message_id, tone = st.session_state.get(pick_key), st.session_state.get(tone_key)
    if isinstance(message_id, str) and tone in TONES:
        store().draft_choice[record_id] = (message_id, tone)


def _follow_the_verdict(ctx: AssessmentContext, record_id: str, pick_key: str) -> None:
    """When the verdict changed since the panel was last drawn, a draft chosen under the old
    one that now pulls against it ("Professional goodbye — only if you decide to leave"
    under Keep) gives way to the first suggested one (a user's walk: the list stayed on it)."""
    seen_key = f"draft_verdict|{record_id}"
    if st.session_state.get(seen_key, ctx.verdict) != ctx.verdict:
        chosen = st.session_state.get(pick_key) or (store().draft_choice.get(record_id) or ("",))[0]
        if chosen and against_verdict(ctx, chosen):
            store().draft_choice.pop(record_id, None)
            for code in LANGS:
                st.session_state.pop(f"draft_pick|{record_id}|{code}", None)
                st.session_state.pop(f"draft_tone|{record_id}|{code}", None)
    st.session_state[seen_key] = ctx.verdict


def _toggle_chosen(record_id: str, entry: str, key: str, ticked: list[str]) -> None:
    # One tone of a message in the summary: ticking another replaces it (a user's walk:
    # the firm version, ticked by default, and the neutral one she ticked both went in).
    message = entry.split("|")[0]
    chosen = store().chosen_drafts[record_id] = [e for e in ticked if e.split("|")[0] != message]
    if st.session_state.get(key):
        chosen.append(entry)
    elif not chosen:
        chosen.append(NO_DRAFT)  # kept, so the first suggestion does not come back


def drafts_section(ctx: AssessmentContext, record_id: str, lang: str) -> MessageDetails:
    """Draw the drafts panel and return the details typed (the summary reuses them).

    The suggested drafts with why, then the editor, folded until first opened (and
    open again on coming back once a draft was chosen or edited).
    """
    st.header(t("drafts_title", lang), anchor=False)
    st.caption(t("drafts_caption", lang))
    ranked = suggested_drafts(ctx)
    if ranked:
        colon = "\u00a0:" if lang == "fr" else ":"
        lines = "\n".join(
            f"{n}. **{escape_markdown(message_title(m, lang, ctx), streamlit=True)}**{colon} "
            f"{escape_markdown(why, streamlit=True)}"
            for n, (m, why) in enumerate(ranked, start=1)
        )
        st.markdown(f"{t('drafts_suggested', lang)}\n\n{lines}")
    # Open as it was left; at first, open once a draft was chosen or edited. Its key
    # holds the language (its label changes with it), its state is kept in the store.
    open_key = f"draft_open|{record_id}|{lang}"
    if open_key not in st.session_state:
        s = store()
        used = record_id in s.draft_choice or any(d.startswith(f"{record_id}|") for d in s.drafts)
        st.session_state[open_key] = s.editor_open.get(record_id, used)
    box = st.expander(
        t("draft_editor", lang),
        icon=":material/edit_note:",
        key=open_key,
        on_change=_remember_open,
        args=(record_id, open_key),
    )
    if not box.open:
        return details_values(record_id)
    with box:
        return _editor(ctx, record_id, lang, tuple(message_id for message_id, _ in ranked))


def _editor(
    ctx: AssessmentContext, record_id: str, lang: str, suggested: tuple[str, ...]
) -> MessageDetails:
    """Pick a draft and a tone, fill details, edit, copy, download, include in the summary."""
    code, chosen = currency(ctx)
    # Said only over a draft that states an amount (a user's walk: "Amounts in euros" over
    # a goodbye with none); filled once the draft is written, below.
    currency_note = st.empty()
    options = list(ordered_messages(ctx))
    # One pair of widgets per language, so their labels follow a change of language;
    # the choice itself is kept in the store, so it survives that and a change of page.
    pick_key = f"draft_pick|{record_id}|{lang}"
    tone_key = f"draft_tone|{record_id}|{lang}"
    _follow_the_verdict(ctx, record_id, pick_key)
    if pick_key not in st.session_state and tone_key not in st.session_state:
        # Back on this page: the draft and tone last chosen, else the draft last edited
        # (a new tab, which has only the device's copy).
        last = store().draft_choice.get(record_id) or _last_edited(record_id, lang, options)
        if last is not None:
            st.session_state[pick_key], st.session_state[tone_key] = last
    if st.session_state.get(pick_key) not in options:
        st.session_state[pick_key] = options[0]

    def label(m: str) -> str:
        against = against_verdict(ctx, m)
        tag = "suggested" if m in suggested else against
        return message_title(m, lang, ctx) + (f" — {t(tag, lang)}" if tag else "")

    labels = {m: label(m) for m in options}
    keys = (record_id, pick_key, tone_key)
    st.selectbox(
        t("draft_pick", lang),
        options,
        key=pick_key,
        format_func=labels.__getitem__,
        on_change=_remember_choice,
        args=keys,
        filter_mode=None,  # a short list: no typing, so a phone's keyboard stays down
    )
    message_id = st.session_state[pick_key]
    note = verdict_note(ctx, message_id)
    if note:
        st.info(note, icon=":material/info:")
    if st.session_state.get(tone_key) not in TONES:
        st.session_state[tone_key] = default_tone(ctx, message_id)
    st.segmented_control(
        t("draft_tone", lang),
        TONES,
        key=tone_key,
        required=True,
        format_func=lambda tone: tone_label(tone, lang),
        on_change=_remember_choice,
        args=keys,
    )
    tone = st.session_state.get(tone_key) or "neutral"
    part_paid = ctx.answers.get("late_payment.owed_now") == "part_paid"
    details = details_form(
        record_id, lang, message_id, code, nothing_overdue(ctx), reminder_case(ctx), part_paid
    )
    generated = render_message(message_id, tone, ctx, details)
    if states_an_amount(generated, lang, code):
        name = currency_name(code, lang)
        if code == NO_SYMBOL:
            key = "drafts_currency_other"
        else:
            key = "drafts_currency" if chosen else "drafts_currency_default"
        currency_note.caption(t(key, lang, currency=code, currency_name=name))
    draft_id = _draft_id(record_id, message_id, tone, lang)
    carried = _carry_details(ctx, generated, details, draft_id)
    draft = edited_draft(generated, draft_id)
    # Keys change with the generated text, so new details show unless the user edited.
    digest = hashlib.sha1((generated.subject + generated.body).encode()).hexdigest()[:8]
    edited = draft_id in store().drafts
    suffix = draft_id if edited else f"{draft_id}|{digest}"
    subject_key, body_key = f"draft_subject|{suffix}", f"draft_body|{suffix}"
    for part, text in carried.items():  # details typed since the edit, put into its fields
        st.session_state[subject_key if part == "subject" else body_key] = text
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
    # As tall as the draft, closing and signature included, on a phone as on a laptop.
    fitted_text_area(
        t("draft_body", lang),
        body_key,
        "cc_draft_body",
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
    cites_law = message_id == CLAIM or (message_id == "payment_terms" and tone == "firm")
    if cites_law and late_payment_rights(ctx, "client"):
        eu = jurisdiction(ctx) == "eu"  # the directive's minimum: the national rate may differ
        st.caption(t("draft_cites_law_eu" if eu else "draft_cites_law", lang))
    for note in _moved_dates(ctx, details, message_id, lang):
        st.caption(note)
    to_fill = fields_to_fill(draft)
    if to_fill:
        st.caption(t("draft_fill_fields", lang, fields=", ".join(to_fill)))
    missing = missing_placeholders(draft)
    for placeholder in missing:
        st.warning(t("draft_needs_example", lang, placeholder=placeholder), icon=":material/edit:")
    with st.expander(t("draft_copy", lang), icon=":material/content_copy:"):
        # The subject and the message apart, each with its own copy button (a user's walk:
        # the subject pasted into the message's body had to be deleted by hand).
        st.code(draft.subject, language=None, wrap_lines=True)
        st.code(draft.body, language=None, wrap_lines=True)
    stem = draft_file_stem(ctx.client_name, message_title(message_id, lang, ctx), date.today())
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
    ticked = _ticked(ctx, record_id)
    st.session_state[include_key] = entry in ticked
    st.checkbox(
        t("draft_include", lang),
        key=include_key,
        on_change=_toggle_chosen,
        args=(record_id, entry, include_key, ticked),
    )
    return details


_GROUPED = re.compile(r"\d[,\u202f\u00a0]\d{3}(?!\d)")


def states_an_amount(draft: Draft, lang: str, code: str) -> bool:
    """The draft gives an amount in ``code`` (its symbol or code appears), or a field for one."""
    mark = format_money(1, lang, code).replace("1", "").strip("\u00a0\u202f ")
    text = draft.subject + draft.body
    if code == NO_SYMBOL:  # a plain amount: digits grouped by thousands ("4,000", "4 000")
        stated = bool(_GROUPED.search(text))
    else:
        stated = mark in text or code in text
    return stated or "[amount]" in text or "[montant]" in text
