"""A catalogue of hostile inputs: text a person may type, and files they may upload.

Each entry has a name (used as a pytest id) and the value. The tests check that
every output shows such text literally (or refuses it with a clear message) and
that no file can crash the app or change answers already entered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from clientcheck.bank.records import MAX_NAME_CHARS
from clientcheck.persistence.storage import SCHEMA_VERSION


@dataclass(frozen=True)
class HostileText:
    name: str
    value: str
    # Too long or with characters a name cannot hold: the app refuses it with a message.
    refused_as_name: bool = False


TEXTS: tuple[HostileText, ...] = (
    HostileText("script_tag", "<script>alert('xss')</script>"),
    HostileText("img_onerror", '<img src=x onerror="alert(1)">'),
    HostileText("html_bold", "<b>bold</b> &amp; <i>co</i>"),
    HostileText("markdown_link", "[click me](http://evil.example/phish)"),
    HostileText("markdown_image", "![pwned](http://evil.example/x.png)"),
    HostileText("markdown_emphasis", "**bold** _it_ `code` ~~strike~~ # Title"),
    HostileText("jinja_expression", "{{ 7*7 }}"),
    HostileText("jinja_statement", "{% for x in range(3) %}x{% endfor %}"),
    HostileText("csv_hyperlink", '=HYPERLINK("http://evil","x")'),
    HostileText("csv_plus", "+cmd|' /C calc'!A0"),
    HostileText("csv_at", "@SUM(1)"),
    HostileText("csv_minus", "-2+3"),
    HostileText("rtl_arabic", "شركة الأمل"),
    HostileText("rtl_hebrew", "חברת אור"),
    HostileText("rtl_override", "Acme\u202etxt.exe"),
    HostileText("zero_width", "Ac\u200bme\u200d\u200c\ufeffLtd"),
    HostileText("emoji", "Café 🚀 👩‍💻 👨‍👩‍👧‍👦 🏳️‍🌈"),
    HostileText("cjk", "株式会社テスト 有限公司 주식회사"),
    HostileText("pipe_table", "| pipe | table |\n|---|---|\n| a | b |"),
    HostileText("newlines", "first line\nsecond line\r\nthird\rfourth"),
    HostileText("streamlit_colour", ":red[x] :blue-background[y]"),
    HostileText("streamlit_icon", ":material/home: :smile:"),
    HostileText("latex", "$x^2$ and $$\\int$$"),
    HostileText("nul_byte", "Acme\x00Ltd", refused_as_name=True),
    HostileText("ten_thousand", "A" * 10_000, refused_as_name=True),
)


def as_name(text: HostileText) -> str:
    """The text as a name the app accepts (what a person would end up with)."""
    value = text.value.replace("\x00", "")
    return value[:MAX_NAME_CHARS]


# Fragments that must never appear in an output: they would mean the text was executed.
EXECUTED = ("49", "xxx")

# --- hostile files ---------------------------------------------------------------

DAY = date(2026, 11, 27).isoformat()


def assessment(**changes: object) -> dict:
    """A valid one-client answers file, with ``changes`` applied on top."""
    doc = {
        "format": "client-check/assessment",
        "schema_version": 1,
        "language": "en",
        "saved_on": DAY,
        "client": {"name": "From file", "notes": ""},
        "assessed_on": DAY,
        "answers": {"late_payment.invoices_total": 10, "late_payment.late_invoices": 3},
        "step": "results",
    }
    doc.update(changes)
    return doc


def _json(doc: object) -> bytes:
    return json.dumps(doc).encode("utf-8")


def _session(count: int) -> bytes:
    client = {"client": {"name": "C", "notes": ""}, "assessed_on": DAY, "answers": {}}
    return _json(
        {
            "format": "client-check/session",
            "schema_version": 1,
            "language": "en",
            "saved_on": DAY,
            "current": 0,
            "clients": [dict(client, client={"name": f"C{i}", "notes": ""}) for i in range(count)],
        }
    )


PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


@dataclass(frozen=True)
class HostileFile:
    name: str
    filename: str
    data: bytes
    # The LoadError code storage.loads gives (None: it is not the loader that refuses).
    code: str


FILES: tuple[HostileFile, ...] = (
    HostileFile("malformed_json", "broken.json", b'{"format": "client-check/assess', "not_json"),
    HostileFile("json_array", "array.json", b"[1, 2, 3]", "not_client_check"),
    HostileFile("five_megabytes", "big.json", b'{"x": "' + b"a" * 5_000_000 + b'"}', "too_large"),
    HostileFile("pdf_renamed", "summary.json", PDF_BYTES, "not_json"),
    HostileFile(
        "unknown_question",
        "unknown.json",
        _json(assessment(answers={"late_payment.no_such_question": 3})),
        "bad_answers",
    ),
    HostileFile(
        "out_of_range",
        "range.json",
        _json(
            assessment(
                answers={"late_payment.invoices_total": 10, "late_payment.late_invoices": 11}
            )
        ),
        "bad_answers",
    ),
    HostileFile(
        "unknown_option",
        "option.json",
        _json(assessment(answers={"disrespect.insults": "maybe"})),
        "bad_answers",
    ),
    HostileFile("five_hundred_clients", "session.json", _session(500), "too_many_clients"),
    HostileFile("deeply_nested", "nested.json", b"[" * 100_000 + b"]" * 100_000, "not_json"),
    HostileFile(
        "newer_schema",
        "newer.json",
        _json(assessment(schema_version=SCHEMA_VERSION + 1)),
        "newer_version",
    ),
    HostileFile(
        "markup_in_field_name",
        "fields.json",
        _json(assessment(**{"[x](http://evil)": 1, "<b>b</b>": 2})),
        "unknown_field",
    ),
    HostileFile(
        "markup_in_question_id",
        "qid.json",
        _json(assessment(answers={"![i](http://evil/x.png)": 1})),
        "bad_answers",
    ),
    HostileFile("not_utf8", "latin1.json", '{"x": "é"}'.encode("latin-1"), "not_json"),
    HostileFile("empty", "empty.json", b"", "not_json"),
)
