"""The command line: turn a saved answers file into the PDF or Markdown summary.

python -m clientcheck report answers.json --format pdf --lang fr -o out.pdf
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from clientcheck import __version__
from clientcheck.guidance.render import AssessmentContext, Draft
from clientcheck.i18n import LANGS
from clientcheck.persistence.storage import (
    MAX_CLIENTS,
    MAX_FILE_BYTES,
    SCHEMA_VERSION,
    LoadError,
    loads,
)

PROG = "clientcheck"
FORMATS = ("pdf", "md", "json")

_EPILOG = f"""\
examples:
  python -m clientcheck report answers.json
  python -m clientcheck report answers.json --format md --lang fr -o summary.md
  python -m clientcheck report session.json --client 2 --drafts --tone firm
  python -m clientcheck report session.json --compare -o - > summary.pdf
  python -m clientcheck report answers.json --format json        (printed: verdict, figures,
      each sign, suggested drafts, what would change the verdict)

The answers file is the JSON the app downloads ("Save answers"): an object with
"format": "client-check/assessment" (one client) or "client-check/session" (several),
"schema_version" ({SCHEMA_VERSION}), "language", "saved_on", the client's "name" and "notes",
"assessed_on" and "answers" by question id, e.g. "late_payment.late_invoices": 3.
The full description is at the top of clientcheck/persistence/storage.py.
Exit status: 0 done, 1 the output could not be written, 2 bad arguments or file.
"""

_ANSWER_PROBLEMS = {
    "unknown_question": "unknown question",
    "unknown_option": "not one of the question's options",
    "out_of_range": "number out of the question's range",
    "not_a_number": "not a number",
    "a_range": "a range, not one number",
    "not_whole": "not a whole number",
    "not_a_mapping": '"answers" is not an object',
}


class CliError(Exception):
    """A problem to report on one line, with the exit status to use."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.replace("\x00", "").split())
    flat = "".join(ch if ch.isprintable() else "?" for ch in flat)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def load_error_message(error: LoadError) -> str:
    """Say in plain English why a file could not be loaded."""
    detail = _one_line(error.detail)
    if error.code == "too_large":
        return f"the file is too large (more than {MAX_FILE_BYTES // 1_000_000} MB)"
    if error.code == "not_json":
        return "the file is not valid JSON text (UTF-8)"
    if error.code == "not_client_check":
        return (
            'not a Client Check answers file ("format" should be '
            '"client-check/assessment" or "client-check/session")'
        )
    if error.code == "newer_version":
        return (
            f"the file was saved by a newer Client Check (format version {detail}); "
            f"this one reads version {SCHEMA_VERSION}: update Client Check"
        )
    if error.code == "unknown_field":
        return f"unknown field in the file: {detail}"
    if error.code == "bad_field":
        return f'missing or invalid value for "{detail}"'
    if error.code == "too_many_clients":
        return f"too many clients in the session ({detail}; at most {MAX_CLIENTS})"
    if error.code == "bad_answers":
        problem, _, question = detail.partition(":")
        what = _ANSWER_PROBLEMS.get(problem, problem.replace("_", " "))
        where = f" for {question}" if question else ""
        return f"invalid answer{where}: {what}"
    return f"the file cannot be loaded ({_one_line(error.code)})"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Client Check: should I let this client go? Summaries from saved answers.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    report = commands.add_parser(
        "report",
        help="write the summary (PDF or Markdown) of a saved assessment",
        description=(
            "Write the summary of a saved assessment: verdict and why, radar, the seven "
            "signs, advice, action plan, a date to check again. Nothing is sent anywhere."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EPILOG,
    )
    report.add_argument("file", help='answers or session JSON file saved by the app ("-": stdin)')
    report.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="pdf, md or json (default: from the -o extension, else pdf); "
        "json is printed unless -o is given",
    )
    report.add_argument(
        "--lang", "-l", choices=LANGS, help="language of the summary (default: the file's)"
    )
    report.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help='where to write ("-": standard output; default: '
        "client-check_<client>_<date>.<ext> in the current folder)",
    )
    report.add_argument(
        "--client",
        "-c",
        type=int,
        metavar="N",
        help="for a session file: which client, counting from 1 (default: the current one)",
    )
    report.add_argument(
        "--compare",
        action="store_true",
        help="for a session file: add a comparison of all its clients",
    )
    report.add_argument("--drafts", action="store_true", help="add the suggested message drafts")
    report.add_argument(
        "--tone",
        choices=("warm", "neutral", "firm"),
        default=None,
        help="tone of the drafts (default: the tone the app opens each draft in)",
    )
    return parser


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    try:
        with Path(path).open("rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise CliError(f"{path}: cannot read it ({exc.strerror or exc})") from None


def _drafts(ctx: AssessmentContext, tone: str | None) -> tuple[Draft, ...]:
    """The suggested drafts, in ``tone``, or each in the tone the app opens it in."""
    from clientcheck.guidance.draft_facts import default_tone
    from clientcheck.guidance.messages import MessageDetails, render_message
    from clientcheck.guidance.suggestions import suggested_messages

    return tuple(
        render_message(message_id, tone or default_tone(ctx, message_id), ctx, MessageDetails())
        for message_id in suggested_messages(ctx)
    )


def report(args: argparse.Namespace) -> int:
    """Run ``report``: load, score, render, write."""
    from clientcheck.bank.loader import default_bank
    from clientcheck.outputs.exports import build_summary_input, comparison_view, export_filename

    bank = default_bank()
    name = "stdin" if args.file == "-" else args.file
    try:
        loaded = loads(_read(args.file), bank)
    except LoadError as exc:
        raise CliError(f"{name}: {load_error_message(exc)}") from None
    if args.client is not None and not 1 <= args.client <= len(loaded.clients):
        count = len(loaded.clients)
        raise CliError(
            f"--client {args.client}: {name} has {count} client{'s' if count > 1 else ''}"
        )
    record = loaded.clients[args.client - 1 if args.client else loaded.current]
    lang = args.lang or loaded.language
    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
        fmt = suffix if suffix in FORMATS else "pdf"
    if fmt == "json":
        import json

        from clientcheck.outputs.report import assessment_report

        report = assessment_report(bank, record, lang)
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        if not args.output or args.output == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
            return 0
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CliError(f"{args.output}: cannot write it ({exc.strerror or exc})", 1) from None
        print(f"{PROG}: wrote {args.output}", file=sys.stderr)
        return 0
    comparison = None
    if args.compare and len(loaded.clients) > 1:
        from clientcheck.outputs.summary import labels

        comparison = comparison_view(bank, loaded.clients, lang, labels(lang)["compare_title"])
    data = build_summary_input(bank, record, lang, comparison=comparison)
    if args.drafts:
        data = replace(data, drafts=_drafts(data.ctx, args.tone))
    if fmt == "pdf":
        from clientcheck.outputs.pdf import summary_pdf

        payload = summary_pdf(data)
    else:
        from clientcheck.outputs.summary import summary_markdown

        payload = summary_markdown(data).encode("utf-8")
    output = args.output or export_filename(record.name, record.assessed_on, fmt)
    if output == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return 0
    try:
        Path(output).write_bytes(payload)
    except OSError as exc:
        raise CliError(f"{output}: cannot write it ({exc.strerror or exc})", status=1) from None
    print(f"{PROG}: wrote {output}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return report(args)
    except CliError as exc:
        print(f"{PROG}: error: {_one_line(str(exc), 400)}", file=sys.stderr)
        return exc.status
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130
