"""The documentation checked against the code, so it cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert block, "the README's first screen has a bash block"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_the_readme_gives_exactly_two_commands_and_ci_runs_the_second_verbatim():
    commands = readme_commands()
    assert len(commands) == 2
    assert "streamlit run app.py" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands[1] in ci


def test_the_test_command_runs_the_fast_tests_in_parallel_and_the_load_tests_alone():
    test_command = readme_commands()[1]
    assert '-n auto -m "not load"' in test_command
    assert test_command.endswith("-n auto -m load tests/load")


def test_every_load_test_lives_in_the_folder_the_serial_pass_collects():
    """The serial pass collects tests/load alone (a few seconds less than the whole suite):
    a load test anywhere else would be left out of both passes."""
    marked = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("test_*.py")
        if re.search(r"(pytestmark\s*=.*|@)pytest\.mark\.load\b", path.read_text("utf-8"))
    }
    assert marked, "the load tests are marked pytest.mark.load"
    assert all(path.startswith("tests/load/") for path in marked), marked


def test_the_readme_stays_short():
    assert len(README.encode("utf-8")) <= 12_000


def test_every_document_the_readme_links_exists():
    links = [
        link for link in re.findall(r"\]\(([^)#]+)\)", README) if not link.startswith("https://")
    ]
    assert links
    for link in links:
        assert (ROOT / link).is_file(), link


def test_the_readme_layout_names_every_sub_package():
    packages = sorted(
        p.name for p in (ROOT / "clientcheck").iterdir() if (p / "__init__.py").is_file()
    )
    layout = README[README.index("## Layout") :]
    for name in packages:
        assert re.search(rf"^\s+{name}/\s", layout, re.M), name


def test_the_tables_in_the_docs_are_generated_from_the_question_bank():
    from scripts.docs_tables import update

    assert update(write=False) == [], "run scripts/docs_tables.py"


def test_ci_fails_when_the_first_test_pass_fails(tmp_path):
    """`.ci/run` stops with a failure when the parallel pass fails, not only the last one.

    A stand-in `python3` makes a virtualenv whose `python` fails the parallel pass and
    passes everything else; the script must still end in failure.
    """
    import os
    import shutil
    import subprocess

    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    fake = stubs / "python3"
    fake.write_text(
        "#!/bin/sh\n"
        'mkdir -p .venv/bin\nprintf "#!/bin/sh\\nexit 0\\n" > .venv/bin/pip\n'
        "cp .venv/bin/pip .venv/bin/uv\n"
        'printf \'#!/bin/sh\\ncase "$*" in *"not load"*) exit 1;; esac\\nexit 0\\n\''
        " > .venv/bin/python\n"
        "chmod +x .venv/bin/pip .venv/bin/uv .venv/bin/python\n"
    )
    fake.chmod(0o755)
    tools = ("chromium", "haproxy", "openssl", "pdftoppm", "pdftotext", "qpdf")
    if not all(shutil.which(t) or os.path.exists(f"/usr/bin/{t}") for t in tools):
        import pytest

        pytest.skip("the script would install its tools first (apt-get)")
    env = {**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}", "CI": "1"}
    done = subprocess.run(
        ["bash", str(tmp_path / ".ci" / "run")], cwd=tmp_path, env=env, capture_output=True
    )
    assert done.returncode != 0
    # And with every pass green, the stand-in run gets through.
    fake.write_text(fake.read_text().replace("exit 1;;", "exit 0;;"))
    done = subprocess.run(
        ["bash", str(tmp_path / ".ci" / "run")], cwd=tmp_path, env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()[-500:]


def test_the_money_section_says_it_can_raise_a_verdict_never_lower_it():
    # A user's walk: "elle ne change jamais le verdict" above a section whose rate, below the
    # target, turned "Keep, and set boundaries" into "Renegotiate now".
    from clientcheck.bank.loader import default_bank

    money = default_bank().money
    assert money is not None
    assert "never lower it" in money.summary("en") and "never changes" not in money.summary("en")
    assert "jamais plus clément" in money.summary("fr")
    assert "ne change jamais le verdict" not in money.summary("fr")
