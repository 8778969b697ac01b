"""Privacy, proved: no request leaves the app's own origin, and nothing about a client hits disk.

The English walk of tests/browser/walks.py is a full assessment with every download,
under a distinctive client name (notes included), on a server of its own: it runs a copy
of the app from a fresh directory, with TMPDIR pointed at another fresh directory. Both
are snapshotted before and after the walk, and every request and websocket the browser
made is recorded.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.walks import SKIP_DIRS, WIDTHS, Walk
from tests.support.servers import ROOT

# The walk is shared with the accessibility and flow tests: keep them on one test worker.
pytestmark = pytest.mark.xdist_group("walks")


def files_containing(root: Path, needle: str) -> list[str]:
    found = []
    encoded = needle.encode("utf-8")
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        for name in filenames:
            path = Path(dirpath, name)
            try:
                if path.stat().st_size < 50_000_000 and encoded in path.read_bytes():
                    found.append(str(path))
            except OSError:
                continue
    return found


@pytest.fixture
def session(walks) -> Walk:
    """The English walk, on a server of its own, with its directories' snapshots."""
    walked = walks("en", WIDTHS["desktop"])
    assert walked.privacy is not None
    return walked


def test_every_request_goes_to_the_apps_own_origin(session):
    origin = urlsplit(session.url)
    assert session.requests, "no request was recorded"
    elsewhere = [
        u
        for u in session.requests
        if urlsplit(u).scheme not in ("data", "blob")
        and (urlsplit(u).scheme, urlsplit(u).netloc) != (origin.scheme, origin.netloc)
    ]
    assert elsewhere == []


def test_the_only_websocket_is_the_apps_own(session):
    origin = urlsplit(session.url).netloc
    assert session.websockets
    assert [u for u in session.websockets if urlsplit(u).netloc != origin] == []


def test_the_assessment_offered_its_downloads(session):
    # PDF, Markdown, answers JSON, drafts (.txt/.eml) and the whole session: all served locally.
    extensions = {Path(name).suffix for name in session.downloads}
    assert {".pdf", ".md", ".json", ".txt", ".eml"} <= extensions, session.downloads


def test_usage_statistics_are_off_in_the_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False


def test_nothing_is_written_to_disk_on_the_server(session):
    privacy = session.privacy
    assert "app.py" in privacy.before["app"]  # the snapshot did see the served app
    for tree in ("app", "tmp"):
        before, after = privacy.before[tree], privacy.after[tree]
        created = sorted(set(after) - set(before))
        changed = sorted(p for p in set(after) & set(before) if after[p] != before[p])
        assert (created, changed) == ([], []), tree


def test_the_client_name_is_nowhere_on_disk(session):
    assert session.client in session.titles["results"]  # the name did reach the app
    for root in (session.privacy.app_dir, session.privacy.tmp_dir, ROOT):
        assert files_containing(root, session.client) == [], root
