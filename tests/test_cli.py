"""The command line: summaries from a saved file, and one-line errors for bad files."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from clientcheck.bank.records import ClientRecord
from clientcheck.cli import load_error_message, main
from clientcheck.persistence.storage import LoadError, dumps_assessment, dumps_session
from tests.support.cli import Done, run_cli
from tests.support.summary_data import ACCENTED_NAME, record, sign_names

ROOT = Path(__file__).resolve().parent.parent


run = run_cli


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_bytes(dumps_assessment(record(), "fr"))
    return path


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    clients = [record(), record("Acme Ltd", {"disrespect.insults": "once"})]
    path = tmp_path / "session.json"
    path.write_bytes(dumps_session(clients, 0, "en"))
    return path


def test_report_writes_a_pdf_named_after_the_client(answers_file, tmp_path):
    done = run("report", str(answers_file), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "client-check_societe-oeuvre-fils_2026-11-27.pdf"
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert ACCENTED_NAME in text
    assert all(name in text for name in sign_names("fr"))


def test_report_writes_markdown_in_the_asked_language(answers_file, tmp_path):
    out = tmp_path / "summary.md"
    done = run(
        "report", str(answers_file), "--format", "md", "--lang", "en", "-o", str(out), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "The seven signs" in text
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    first_table = tokens[: next(i for i, t in enumerate(tokens) if t.type == "table_close")]
    assert sum(t.type == "tr_open" for t in first_table) == 8  # heading row + 7 signs


def test_format_follows_the_output_extension(answers_file, tmp_path):
    done = run("report", str(answers_file), "-o", str(tmp_path / "x.md"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "x.md").read_text(encoding="utf-8").startswith("# Client Check")


def test_report_to_stdout(answers_file, tmp_path):
    done = run("report", str(answers_file), "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-")
    assert list(tmp_path.iterdir()) == [answers_file]


def test_session_reports_on_the_chosen_client(session_file, tmp_path):
    done = run("report", str(session_file), "--client", "2", "-f", "md", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("# Client Check: Acme Ltd")
    done = run("report", str(session_file), "-f", "md", "-o", "-", "--compare", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Acme Ltd" in done.stdout.decode() and "Comparison" in done.stdout.decode()


def test_drafts_can_be_added(answers_file, tmp_path):
    done = run(
        "report",
        str(answers_file),
        "--drafts",
        "--tone",
        "firm",
        "-f",
        "md",
        "-o",
        "-",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Brouillons de messages" in done.stdout.decode()


def test_drafts_open_in_the_tone_the_app_opens_them_in(tmp_path):
    # Without --tone, each draft comes in the app's own first tone: the answer to a threat
    # from a client you depend on opens warm, as on the results page.
    record = ClientRecord(
        name="Acme Ltd",
        answers={
            "situation.income_share": 80.0,
            "situation.savings_months": 1.0,
            "situation.pipeline": "none",
            "unprofessional.crossed_line": "yes",
            "unprofessional.crossed_what": ("threats",),
        },
        step="results",
    )
    path = tmp_path / "threat.json"
    path.write_bytes(dumps_assessment(record, "en"))
    done = run("report", str(path), "--drafts", "-f", "md", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode()
    assert "Answer to their request (warm)" in text, text
    firm = run(
        "report", str(path), "--drafts", "--tone", "firm", "-f", "md", "-o", "-", cwd=tmp_path
    )
    assert "Answer to their request (firm)" in firm.stdout.decode()


def test_python_dash_m_clientcheck_runs_the_command_line(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "clientcheck", "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith(b"clientcheck ")


def test_help_explains_usage(tmp_path):
    done = run("report", "--help", cwd=tmp_path)
    assert done.returncode == 0
    help_text = done.stdout.decode()
    assert "python -m clientcheck report answers.json" in help_text
    assert "client-check/assessment" in help_text
    assert "--client" in help_text
    assert run("--help", cwd=tmp_path).returncode == 0


def bad(tmp_path: Path, content: bytes | None) -> Done:
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_bytes(content)
    return run("report", str(path), cwd=tmp_path)


def good_doc() -> dict:
    return json.loads(dumps_assessment(record(), "en"))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        (b"{oops", "not valid JSON"),
        (b'{"format": "other"}', "not a Client Check answers file"),
        ({"schema_version": 99}, "newer Client Check"),
        ({"surprise": True}, "unknown field in the file: surprise"),
        ({"answers": {"disrespect.insults": "maybe"}}, "invalid answer for disrespect.insults"),
        ({"language": "xx"}, '"language"'),
        (b" " * 1_000_001, "too large"),
    ],
)
def test_bad_files_give_one_line_and_status_2(tmp_path, content, expected):
    if isinstance(content, dict):
        content = json.dumps({**good_doc(), **content}).encode()
    done = bad(tmp_path, content)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert err.count("\n") == 1, err
    assert err.startswith("clientcheck: error: ")
    assert expected in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("*.pdf"))


def test_client_out_of_range_is_an_error(session_file, tmp_path, capsys):
    assert main(["report", str(session_file), "--client", "3"]) == 2
    assert "has 2 clients" in capsys.readouterr().err


@pytest.mark.parametrize(
    "code", ["too_large", "not_json", "not_client_check", "newer_version", "unknown_field",
             "bad_field", "too_many_clients", "bad_answers", "something_new"],
)  # fmt: skip
def test_every_load_error_has_an_english_message(code):
    message = load_error_message(LoadError(code, "x\ny"))
    assert message and "\n" not in message
    assert code not in message or code == "something_new"
