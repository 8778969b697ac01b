"""Summary downloads: PDF, Markdown and the answers file, each built only when clicked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from clientcheck.exports import build_summary_input, comparison_view, export_filename
from clientcheck.i18n import t
from clientcheck.model import ClientRecord
from clientcheck.render import Draft
from clientcheck.storage import dumps_assessment
from clientcheck.summary import ComparisonView, SummaryInput, summary_markdown
from clientcheck.ui.state import bank


def then_now_view(record: ClientRecord, lang: str) -> ComparisonView | None:
    """The then-vs-now comparison, when an earlier assessment of this client is loaded."""
    if record.earlier is None:
        return None
    earlier = ClientRecord(
        name=t("then_label", lang, date=record.earlier.assessed_on.isoformat()),
        answers=dict(record.earlier.answers),
        assessed_on=record.earlier.assessed_on,
    )
    now = ClientRecord(
        name=t("now_label", lang, date=record.assessed_on.isoformat()),
        answers=dict(record.answers),
        assessed_on=record.assessed_on,
    )
    name = record.display_name(t("unnamed_client", lang))
    return comparison_view(bank(), [earlier, now], lang, t("then_now_title", lang, name=name))


def download_buttons(
    record: ClientRecord,
    lang: str,
    drafts: Sequence[Draft],
    comparison: ComparisonView | None = None,
    where: str = "results",
) -> None:
    """Offer the PDF, Markdown and JSON downloads of ``record``, each built on click.

    Drafts and comparison are gathered now (cheap, and they read this session's
    state); only the documents themselves are built when a button is clicked.
    """
    question_bank = bank()
    answers_file = dumps_assessment(record, lang)

    def pdf() -> bytes:
        from clientcheck.pdf import summary_pdf  # fpdf2 loads on the first PDF, not at start

        return summary_pdf(summary())

    def summary() -> SummaryInput:
        return build_summary_input(question_bank, record, lang, drafts, comparison)

    name = record.display_name(t("unnamed_client", lang))
    today = date.today()
    cols = st.columns(3)
    cols[0].download_button(
        t("download_pdf", lang),
        data=pdf,
        file_name=export_filename(name, today, "pdf"),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key=f"pdf|{where}",
        on_click="ignore",
        type="primary",
        width="stretch",
    )
    cols[1].download_button(
        t("download_md", lang),
        data=lambda: summary_markdown(summary()).encode("utf-8"),
        file_name=export_filename(name, today, "md"),
        mime="text/markdown",
        icon=":material/article:",
        key=f"md|{where}",
        on_click="ignore",
        width="stretch",
    )
    cols[2].download_button(
        t("download_json", lang),
        data=answers_file,
        file_name=export_filename(name, today, "json"),
        mime="application/json",
        icon=":material/save:",
        key=f"json|{where}",
        on_click="ignore",
        width="stretch",
        help=t("download_json_help", lang),
    )
