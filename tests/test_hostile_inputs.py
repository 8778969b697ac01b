"""Hostile text and files reach every output shown literally, or are refused with a message.

Outputs: the page (AppTest), message drafts (.txt and .eml), the Markdown and PDF
summaries, the comparison CSV and the answers JSON. Nothing typed is ever run
as markup, template or spreadsheet formula, and no file can crash the app or
change the answers already entered.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from email import message_from_bytes
from email.policy import default as default_policy
from functools import cache
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from clientcheck.bank.loader import default_bank
from clientcheck.bank.records import MAX_NAME_CHARS, MAX_NOTES_CHARS, ClientRecord
from clientcheck.engine.verdict import assess
from clientcheck.guidance.letters import draft_to_eml, draft_to_txt
from clientcheck.guidance.messages import (
    MESSAGE_IDS,
    MessageDetails,
    render_message,
)
from clientcheck.guidance.render import build_context
from clientcheck.i18n import t
from clientcheck.outputs.compare import compared, comparison_frame, scores_csv
from clientcheck.outputs.exports import build_summary_input
from clientcheck.outputs.pdf import pdf_text, summary_pdf
from clientcheck.outputs.summary import clean_text, one_line, summary_markdown
from clientcheck.persistence.storage import LoadError, dumps_assessment, loads
from clientcheck.ui.layout import literal
from clientcheck.ui.state import Store
from tests.support.hostile import EXECUTED, FILES, TEXTS, HostileFile, HostileText, as_name

ROOT = Path(__file__).resolve().parents[1]
BANK = default_bank()
PLAIN = "Plain Name"
# Enough answers that every sign is flagged, so advice and drafts all appear.
ANSWERS = {
    "situation.income_share": 70,
    "situation.savings_months": 1,
    "situation.notice_weeks": 4,
    "late_payment.invoices_total": 10,
    "late_payment.late_invoices": 7,
    "late_payment.chasing": "always",
    "less_work.volume_change": -40,
    "demanding.tight_deadlines": "always",
    "disrespect.insults": "once",
    "contract_breach.has_contract": "yes",
    "contract_breach.terms_broken": ("scope",),
    "contract_breach.breach_count": "once",
    "high_maintenance.after_hours": "always",
    "unprofessional.crossed_line": "yes",
}
TEXT_IDS = [x.name for x in TEXTS]
# What a Markdown viewer's HTML would hold if our text were taken as markup.
MARKUP_FRAGMENTS = ("<script", "<img", "<b>", "<i>", 'href="http://evil')


def squash(text: str) -> str:
    """Drop all whitespace, so wrapping and collapsed spaces do not matter."""
    return "".join(text.split())


def record_for(text: HostileText) -> ClientRecord:
    notes = clean_text(text.value).replace("\x00", "")[:MAX_NOTES_CHARS]
    return ClientRecord(name=as_name(text), notes=notes, answers=dict(ANSWERS))


def plain_record() -> ClientRecord:
    return ClientRecord(name=PLAIN, notes="Some notes.", answers=dict(ANSWERS))


def not_executed(hostile_output: str, plain_output: str) -> None:
    """Assert a template or formula in the name did not produce anything new."""
    for fragment in EXECUTED:
        assert hostile_output.count(fragment) == plain_output.count(fragment), fragment


# --- the page (AppTest) ------------------------------------------------------------------


def app_at(records: list[ClientRecord], step: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.session_state["cc_store"] = Store(clients=records, step=step)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown_texts(at: AppTest) -> str:
    """Everything the page renders as Markdown."""
    kinds = ("title", "header", "subheader", "markdown", "caption")
    kinds += ("info", "success", "warning", "error")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def page_tags(at: AppTest) -> Counter:
    """The HTML elements the page's Markdown builds, counted (as CommonMark with tables)."""
    return _tags(_visible(markdown_texts(at))[0])


@pytest.fixture(scope="module")
def plain_page() -> dict[str, tuple[str, Counter]]:
    out = {}
    for step in ("results", "sign:late_payment"):
        at = app_at([plain_record()], step)
        out[step] = (markdown_texts(at), page_tags(at))
    return out


@pytest.mark.parametrize("text", TEXTS, ids=TEXT_IDS)
def test_hostile_name_shows_escaped_on_the_results_and_sign_pages(text, plain_page):
    # Names show on one line: line breaks in a loaded name become spaces.
    escaped = literal(record_for(text).display_name(""))
    for step in ("results", "sign:late_payment"):
        at = app_at([record_for(text)], step)
        shown = markdown_texts(at)
        assert escaped in shown, step  # the title or the "about whom" line
        plain_text, plain_tags = plain_page[step]
        assert page_tags(at) == plain_tags, step  # no link, image, emphasis, list... added
        not_executed(shown.replace(escaped, ""), plain_text)
        # Streamlit's own syntax (colours, icons, emoji shortcodes, maths) is escaped too.
        assert not re.search(r"(?<!\\)(:red\[|:blue-background|:material/|:smile|\$x)", shown)


# In English for every text; in French too where the name is refused, since the language
# changes only the message.
TYPED = [(x, "en") for x in TEXTS] + [(x, "fr") for x in TEXTS if x.refused_as_name]


@pytest.mark.parametrize(
    ("text", "lang"), TYPED, ids=[f"{text.name}-{lang}" for text, lang in TYPED]
)
def test_typing_a_hostile_name_keeps_it_or_refuses_it_with_a_message(text, lang):
    at = app_at([ClientRecord(name="Before")], "client", lang)
    record_id = at.session_state["cc_store"].record.id
    at.text_input(key=f"name|{record_id}").set_value(text.value).run()
    assert not at.exception
    stored = at.session_state["cc_store"].record.name
    if text.refused_as_name:
        assert stored == "Before"
        problem = "name_bad_chars" if "\x00" in text.value else "name_too_long"
        expected = t(f"error_{problem}", lang, max=MAX_NAME_CHARS, length=len(text.value))
        assert expected in [e.value for e in at.error]
    else:
        assert stored == text.value.strip()
        assert not at.error


@pytest.mark.parametrize("text", TEXTS, ids=TEXT_IDS)
def test_hostile_notes_are_kept_exactly_or_refused_with_a_message(text):
    at = app_at([ClientRecord(name="Acme", notes="Before")], "client")
    record_id = at.session_state["cc_store"].record.id
    at.text_area(key=f"notes|{record_id}").set_value(text.value).run()
    assert not at.exception
    stored = at.session_state["cc_store"].record.notes
    if len(text.value) > MAX_NOTES_CHARS:
        assert stored == "Before"
        assert any(str(MAX_NOTES_CHARS) in e.value.replace(",", "") for e in at.error)
    elif "\x00" in text.value:
        assert stored == "Before"
    else:
        assert stored == text.value


# --- drafts ------------------------------------------------------------------------------


def _drafts(record: ClientRecord, lang: str, details: MessageDetails):
    ctx = build_context(BANK, record, assess(BANK, record.answers), lang)
    return [render_message(m, tone, ctx, details) for m in MESSAGE_IDS for tone in ("warm", "firm")]


def _details(value: str) -> MessageDetails:
    return MessageDetails(
        sender_name=value,
        contact_name=value,
        referral_name=value,
        office_hours=value,
        proposed_clause=value,
        sender_email="me@example.com",
        contact_email="client@example.com",
    )


@cache
def _plain_drafts(lang: str) -> list:
    """The drafts with plain text everywhere, rendered once per language for the module."""
    return _drafts(plain_record(), lang, _details(PLAIN))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("text", TEXTS, ids=TEXT_IDS)
def test_drafts_carry_hostile_text_literally_and_eml_headers_stay_intact(text, lang):
    value = as_name(text)
    drafts = _drafts(record_for(text), lang, _details(value))
    plain = _plain_drafts(lang)
    everything = "\n".join(f"{d.subject}\n{d.body}" for d in drafts)
    not_executed(everything, "\n".join(f"{d.subject}\n{d.body}" for d in plain))
    # Names sit on one line in drafts: the whole text, whitespace collapsed.
    assert " ".join(value.split()) in everything
    for draft in drafts:
        assert "\n" not in draft.subject and "\r" not in draft.subject
        label = "Objet\u00a0: " if lang == "fr" else "Subject: "
        assert draft_to_txt(draft).decode("utf-8").startswith(label)
        message = message_from_bytes(draft_to_eml(draft, _details(value)), policy=default_policy)
        assert set(message.keys()) <= {
            "From", "To", "Subject", "X-Unsent", "Content-Language",
            "Content-Type", "Content-Transfer-Encoding", "MIME-Version",
        }  # fmt: skip
        assert message["X-Unsent"] == "1"


def test_a_name_cannot_inject_email_headers():
    value = "Acme\r\nBcc: victim@example.com\r\nX-Evil: 1"
    record = ClientRecord(name=value, answers=dict(ANSWERS))
    for draft in _drafts(record, "en", _details(value)):
        message = message_from_bytes(draft_to_eml(draft, _details(value)), policy=default_policy)
        assert message["Bcc"] is None and message["X-Evil"] is None


# --- Markdown and PDF summaries ---------------------------------------------------------


def _summary(record: ClientRecord, lang: str, value: str):
    drafts = _drafts(record, lang, _details(value))[:3]
    return build_summary_input(BANK, record, lang, drafts)


def _tags(rendered: str) -> Counter:
    """Count the HTML elements a viewer builds, line breaks and paragraphs aside."""
    return Counter(t for t in re.findall(r"<(\w+)", rendered) if t not in ("br", "p"))


def _visible(markdown: str) -> tuple[str, str]:
    """Render Markdown as a viewer would (raw HTML allowed); return the HTML and its text."""
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    return rendered, html.unescape(re.sub(r"<[^>]+>", "", rendered))


@pytest.fixture(scope="module")
def plain_summaries() -> dict[str, tuple[str, str]]:
    out = {}
    for lang in ("en", "fr"):
        data = _summary(plain_record(), lang, PLAIN)
        out[lang] = (summary_markdown(data), _pdf_text(summary_pdf(data)))
    return out


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("text", TEXTS, ids=TEXT_IDS)
def test_summaries_show_hostile_text_literally(text, lang, plain_summaries):
    record = record_for(text)
    data = _summary(record, lang, record.name)
    markdown = summary_markdown(data)
    rendered, visible = _visible(markdown)
    assert not [f for f in MARKUP_FRAGMENTS if f in rendered]
    plain_md, plain_pdf = plain_summaries[lang]
    assert _tags(rendered) == _tags(_visible(plain_md)[0])  # no heading, link, list... added
    assert squash(one_line(record.name)) in squash(visible)
    not_executed(markdown, plain_md)

    extracted = _pdf_text(summary_pdf(data))
    not_executed(extracted, plain_pdf)
    drawn = pdf_text(one_line(record.name))
    if drawn == one_line(record.name) and text.name not in ("rtl_arabic", "rtl_hebrew"):
        assert squash(drawn)[:60] in squash(extracted)


# --- comparison CSV ---------------------------------------------------------------------


@pytest.mark.parametrize("text", TEXTS, ids=TEXT_IDS)
def test_comparison_csv_never_starts_a_cell_with_a_formula(text):
    people = [
        compared(BANK, record_for(text), "en", "A"),
        compared(BANK, plain_record(), "en", "B"),
    ]
    labels = [s.name("en") for s in BANK.signs]
    data = scores_csv(comparison_frame(people, labels, "en"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    name = record_for(text).display_name("")
    assert name in cells or "'" + name in cells


# --- answers JSON -----------------------------------------------------------------------


@pytest.mark.parametrize("text", TEXTS, ids=TEXT_IDS)
def test_answers_json_round_trips_hostile_text_exactly_or_refuses_it(text):
    record = ClientRecord(name=text.value, notes=text.value, answers=dict(ANSWERS))
    saved = dumps_assessment(record, "fr")
    if "\x00" in text.value or len(text.value) > MAX_NAME_CHARS:
        with pytest.raises(LoadError) as refused:
            loads(saved, BANK)
        assert refused.value.code == "bad_field"
        return
    loaded = loads(saved, BANK).clients[0]
    assert (loaded.name, loaded.notes, loaded.answers) == (text.value, text.value, ANSWERS)


# --- hostile files ----------------------------------------------------------------------


def _expected_error(file: HostileFile, lang: str) -> str:
    from clientcheck.ui.files import load_error_message

    try:
        loads(file.data, BANK)
    except LoadError as exc:
        assert exc.code == file.code
        return load_error_message(exc, lang)
    raise AssertionError(f"{file.name} loaded")


def _uploader(at: AppTest, where: str):
    return next(
        u for u in at.get("file_uploader") if u.proto.id and f"upload_{where}" in u.proto.id
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("file", FILES, ids=[f.name for f in FILES])
def test_hostile_file_gets_a_clear_message_and_changes_nothing(file, lang):
    before = ClientRecord(name="Keep me", notes="n", answers=dict(ANSWERS))
    at = app_at([before], "welcome", lang)
    _uploader(at, "welcome").upload(file.filename, file.data, "application/json")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert errors == [_expected_error(file, lang)]
    nothing_changed = {"en": "Nothing was changed.", "fr": "Rien n'a été modifié."}[lang]
    assert errors[0].endswith(nothing_changed)
    # Text from the file reaches the message escaped: no link, image or HTML from it.
    assert not re.search(r"(?<!\\)[\[<]", errors[0].replace(nothing_changed, ""))
    s = at.session_state["cc_store"]
    assert [(r.name, r.notes, r.answers) for r in s.clients] == [("Keep me", "n", ANSWERS)]


def test_hostile_file_in_the_sidebar_uploader_changes_nothing():
    before = ClientRecord(name="Keep me", answers=dict(ANSWERS))
    at = app_at([before], "results", "fr")
    file = next(f for f in FILES if f.name == "pdf_renamed")
    _uploader(at, "sidebar").upload(file.filename, file.data, "application/json")
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [_expected_error(file, "fr")]
    assert at.session_state["cc_store"].record.answers == ANSWERS


def test_a_file_with_hostile_client_names_loads_with_names_escaped():
    from clientcheck.persistence.storage import dumps_session

    records = [ClientRecord(name=as_name(x), answers={}) for x in TEXTS if not x.refused_as_name]
    at = app_at([ClientRecord()], "welcome")
    _uploader(at, "welcome").upload("s.json", dumps_session(records, 0, "en"), "application/json")
    at.run()
    assert not at.exception
    assert [r.name for r in at.session_state["cc_store"].clients] == [r.name for r in records]
    shown = markdown_texts(at)
    for record in records:
        if literal(record.name) != record.name:
            assert record.name not in shown.replace(literal(record.name), ""), record.name
    assert "![pwned](http://evil.example/x.png)" not in shown
