"""Privacy, proved: no request leaves the app's own origin, and nothing about a client hits disk.

A dedicated server runs a copy of the app from a fresh directory, with TMPDIR pointed
at another fresh directory. Both are snapshotted before and after a full assessment
with downloads, under a distinctive client name.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import tomllib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import main_area as _main
from tests.browser.helpers import unfold
from tests.browser.helpers import wait_idle as settle
from tests.support.servers import ROOT, start_server, stop_server

SKIP_DIRS = {".venv", ".git", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache"}
# Where Streamlit's frontend fetches a ":material/...:" page icon from.
APP_PARTS = ("app.py", "clientcheck", "questions", "templates", ".streamlit", "requirements.txt")
# The tests share one assessment on a server of its own: keep them on one test worker.
pytestmark = pytest.mark.xdist_group("privacy")


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` (caches aside) with its size and modification time."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        for name in filenames:
            path = Path(dirpath, name)
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            files[str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns)
    return files


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


@dataclass
class Session:
    url: str
    app_dir: Path
    tmp_dir: Path
    client_name: str
    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    before: dict[str, dict] = field(default_factory=dict)
    after: dict[str, dict] = field(default_factory=dict)


def _answer_page(page: Page) -> None:
    """Answer two choice questions and one number question, if the page has them."""
    radios = _main(page).locator("[data-testid=stRadio] [role=radiogroup]")
    for i in range(min(2, radios.count())):
        radios.nth(i).locator("label").nth(1).click()
        settle(page)
    numbers = _main(page).locator("[data-testid=stTextInput] input[aria-label*='(']")
    if numbers.count():
        numbers.first.fill("3")
        numbers.first.press("Enter")
        settle(page)


def _download_all(page: Page, where, into: list[str]) -> None:
    buttons = where.locator("[data-testid=stDownloadButton] button:visible")
    for i in range(buttons.count()):
        with page.expect_download(timeout=60_000) as info:
            buttons.nth(i).click()
        download = info.value
        assert download.failure() is None
        into.append(download.suggested_filename)
        download.delete()  # Playwright's own copy, outside the trees we watch


def _fill_draft_example(page: Page) -> None:
    """Replace [your example]: a draft quoting a remark downloads only once it is filled."""
    if not _main(page).get_by_text("Replace [your example]").count():
        return
    _main(page).get_by_text("Details to fill in the draft (optional)").first.click()
    example = _main(page).get_by_role("textbox", name="Your example: the remark, word for word")
    example.fill("My kids could do better.")
    example.press("Control+Enter")
    settle(page)


def full_assessment(browser: Browser, session: Session) -> None:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True
    )
    context.on("request", lambda r: session.requests.append(r.url))
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("websocket", lambda ws: session.websockets.append(ws.url))
    try:
        page.goto(session.url)
        expect(page.get_by_role("heading", name="Client Check")).to_be_visible(timeout=30_000)
        settle(page)
        _main(page).get_by_role("button", name="Start").click()
        settle(page)
        name = _main(page).locator("[data-testid=stTextInput] input").first
        name.fill(session.client_name)
        name.press("Enter")
        settle(page)
        notes = _main(page).locator("textarea").first
        notes.fill(f"Notes about {session.client_name}")
        notes.press("Control+Enter")
        settle(page)
        _answer_page(page)
        for label in ["Next"] * 7:
            _main(page).get_by_role("button", name=label, exact=True).click()
            settle(page)
            _answer_page(page)
        _main(page).get_by_role("button", name="See the results").click()
        settle(page)
        expect(_main(page).locator("h1").first).to_contain_text(session.client_name)
        unfold(page, "signs")  # the evidence and the drafts are folded: open them all
        page.wait_for_selector("[data-testid=stPlotlyChart] .main-svg")
        unfold(page, "drafts")
        # Fill the draft's example first: changing a draft afterwards makes a summary stale.
        _fill_draft_example(page)
        _main(page).get_by_role("button", name="Prepare my summary (PDF, Markdown)").click()
        settle(page)
        _download_all(page, _main(page), session.downloads)
        _download_all(page, page.locator('[data-testid="stSidebar"]'), session.downloads)
    finally:
        context.close()


@pytest.fixture(scope="module")
def session(browser: Browser) -> Iterator[Session]:
    """Run one full assessment on a dedicated server; snapshot its directories around it."""
    with tempfile.TemporaryDirectory() as app_root, tempfile.TemporaryDirectory() as tmp_root:
        app_dir, tmp_dir = Path(app_root, "app"), Path(tmp_root)
        app_dir.mkdir()
        for part in APP_PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, app_dir / part, ignore=shutil.ignore_patterns(*SKIP_DIRS))
            elif source.exists():
                shutil.copy2(source, app_dir / part)
        env = {"TMPDIR": str(tmp_dir), "TMP": str(tmp_dir), "TEMP": str(tmp_dir)}
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        process, url = start_server(app_dir / "app.py", cwd=app_dir, env=env)
        current = Session(url, app_dir, tmp_dir, f"Zyxqa-{uuid.uuid4().hex[:10]}")
        try:
            current.before = {"app": snapshot(app_dir), "tmp": snapshot(tmp_dir)}
            full_assessment(browser, current)
            current.after = {"app": snapshot(app_dir), "tmp": snapshot(tmp_dir)}
            yield current
        finally:
            stop_server(process)


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
    assert "app.py" in session.before["app"]  # the snapshot did see the served app
    for tree in ("app", "tmp"):
        before, after = session.before[tree], session.after[tree]
        created = sorted(set(after) - set(before))
        changed = sorted(p for p in set(after) & set(before) if after[p] != before[p])
        assert (created, changed) == ([], []), tree


def test_the_client_name_is_nowhere_on_disk(session):
    for root in (session.app_dir, session.tmp_dir, ROOT):
        assert files_containing(root, session.client_name) == [], root
