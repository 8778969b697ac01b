"""The results page's calendar reminder for the day to check this client again."""

from __future__ import annotations

from datetime import date

import streamlit as st

from clientcheck.bank.records import ClientRecord
from clientcheck.guidance.render import AssessmentContext, format_date
from clientcheck.i18n import t
from clientcheck.outputs.exports import export_filename
from clientcheck.outputs.reminder import reminder_ics


def reminder_section(ctx: AssessmentContext, record: ClientRecord, lang: str) -> None:
    """Offer a .ics file for ``ctx.check_again_on``; the client's name only if the user ticks it."""
    st.markdown(f"**{t('reminder_title', lang)}** — {t('reminder_caption', lang)}")
    key = f"reminder_name|{record.id}"
    with_name = st.checkbox(
        t("reminder_include_name", lang),
        key=key,
        help=t("reminder_include_name_help", lang),
    )
    name = record.display_name("") if with_name else ""
    data = reminder_ics(
        ctx.check_again_on,
        record.assessed_on,
        lang,
        name or None,
        record.id,
        date.today(),
        ctx.date_style,
    )
    st.download_button(
        t("reminder_download", lang, date=format_date(ctx.check_again_on, ctx.dates)),
        data=data,
        file_name=export_filename(name or t("reminder_file", lang), ctx.check_again_on, "ics"),
        mime="text/calendar",
        icon=":material/event:",
        key=f"ics|{record.id}",
        on_click="ignore",
    )
