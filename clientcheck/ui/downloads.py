"""Summary downloads: PDF and Markdown built when the user asks, and the answers file."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

import streamlit as st

from clientcheck.bank.records import ClientRecord
from clientcheck.guidance.render import Draft, page_date_style
from clientcheck.i18n import t
from clientcheck.outputs.exports import build_summary_input, comparison_view, export_filename
from clientcheck.outputs.summary import ComparisonView, summary_markdown
from clientcheck.persistence.storage import dumps_assessment
from clientcheck.ui.state import bank, store


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


def _fingerprint(record: ClientRecord, lang: str, drafts: Sequence[Draft], extra: object) -> str:
    """A digest of everything a summary shows, so prepared files never go stale."""
    parts = (record.name, record.notes, sorted(record.answers.items()), str(record.assessed_on))
    text = repr((parts, lang, [(d.message_id, d.tone, d.subject, d.body) for d in drafts], extra))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _ask(key: str) -> None:
    """The user's click on "Prepare": remembered, and the summary built by the run it starts.

    The click's callback only records it. Built here from the arguments of the run that
    drew the button, a summary made while the drafts panel redrew itself (the device's copy
    arriving, another tab's save) carried that run's fingerprint, was taken as stale by
    the next run, and the user saw "Prepare" again: a lost click.
    """
    store().summaries_asked.add(key)


def _prepare(
    key: str, fingerprint: str, record: ClientRecord, lang: str, drafts: tuple, comparison
) -> None:
    """Build both summaries once, on the user's click, and keep them for this session."""
    from clientcheck.outputs.pdf_worker import summary_pdf  # built beside the server, not in it

    style = page_date_style(lang, st.context.locale)
    data = build_summary_input(bank(), record, lang, drafts, comparison, date_style=style)
    store().prepared[key] = (fingerprint, summary_pdf(data), summary_markdown(data).encode())


def download_buttons(
    record: ClientRecord,
    lang: str,
    drafts: Sequence[Draft],
    comparison: ComparisonView | None = None,
    where: str = "results",
) -> None:
    """Offer the summaries (built when the user asks) and the answers file.

    The PDF and Markdown are built by a click on "Prepare", then served as plain
    downloads. (Streamlit's build-on-click downloads lose the file when many
    sessions run at once: the generated file is cleaned up before the browser
    fetches it.) They are rebuilt only when something they show has changed.
    """
    name = record.display_name(t("unnamed_client", lang))
    today = date.today()
    key = f"{record.id}|{where}"
    fingerprint = _fingerprint(record, lang, drafts, comparison)
    s = store()
    prepared = s.prepared.get(key)
    ready = prepared is not None and prepared[0] == fingerprint
    if not ready and key in s.summaries_asked:
        _prepare(key, fingerprint, record, lang, tuple(drafts), comparison)
        prepared, ready = s.prepared[key], True
    s.summaries_asked.discard(key)
    cols = st.columns(3 if ready else [2, 1])
    if not ready:
        cols[0].button(
            t("prepare_summary", lang),
            key=f"prepare|{where}",
            on_click=_ask,
            args=(key,),
            icon=":material/picture_as_pdf:",
            type="primary",
            width="stretch",
            help=t("prepare_summary_help", lang),
        )
    else:
        _, pdf, markdown = prepared
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
            data=markdown,
            file_name=export_filename(name, today, "md"),
            mime="text/markdown",
            icon=":material/article:",
            key=f"md|{where}",
            on_click="ignore",
            width="stretch",
        )
    cols[-1].download_button(
        t("download_json", lang),
        data=dumps_assessment(record, lang),
        file_name=export_filename(name, today, "json"),
        mime="application/json",
        icon=":material/save:",
        key=f"json|{where}",
        on_click="ignore",
        width="stretch",
        help=t("download_json_help", lang),
    )
