"""The questionnaire walked once per language and window, read by several test modules.

Two walks: English at 1280 px and French on a 390 px phone (both languages, both widths,
the longest words on the narrowest screen; all four pairs were walked while the layout
was built). Each walk opens the app, answers every step as a person does (the answers
of ``plan``), goes back a step and forward again on the phone, opens the results with
every folded section open, shows a help tooltip, prepares the summary, makes a copy of
the client and compares the two, and records on the way what the tests read:

- test_accessibility.py: an axe-core scan of every step (tests/browser/axe_scan.py);
- test_flow.py: each step's title and text, how far it sticks out of the window, the
  answers kept after Back, the verdict and the radar as Plotly drew it, and where each
  step opened after the step before was scrolled to its end;
- test_privacy.py (the English walk): every request and websocket of the browser and
  every download, on a server of its own that runs a copy of the app from a fresh
  directory with TMPDIR in another one, both snapshotted before and after the walk.

A walk takes about half a minute: walking once for all of them instead of once per
module saves a minute of a test worker. The tests that read the walks share the xdist
group "walks", so that one worker walks.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from clientcheck.bank.loader import default_bank
from clientcheck.i18n import t
from tests.browser.axe_scan import StepScan, record_step
from tests.browser.helpers import (
    answer_step,
    horizontal_overflow,
    radar,
    scroll_to_bottom,
    scroll_top,
    sign_rows,
    type_number,
)
from tests.browser.helpers import main_area as _main
from tests.browser.helpers import wait_idle as settle
from tests.support.servers import ROOT, start_server, stop_server

BANK = default_bank()
WIDTHS = {"phone": 390, "desktop": 1280}
WALKS = [("en", WIDTHS["desktop"]), ("fr", WIDTHS["phone"])]
LOCALES = {"en": "en-GB", "fr": "fr-FR"}
RESULTS_STEPS = ["results", "results, help shown", "results, summary ready"]
STEP_NAMES = ["welcome", "client", *(f"sign {i}" for i in range(1, 8)), *RESULTS_STEPS, "compare"]
WORDS = {
    "en": {
        "start": "Start",
        "next": "Next",
        "back": "Back",
        "results": "See the results",
        "copy": "Duplicate",
        "compare": "Compare",
        "collapse": "Collapse sidebar",
        "prepare": "Prepare my summary (PDF, Markdown)",
        "pdf": "Summary (PDF)",
    },
    "fr": {
        "start": "Commencer",
        "next": "Suivant",
        "back": "Retour",
        "results": "Voir les résultats",
        "copy": "Dupliquer",
        "compare": "Comparer",
        "collapse": "Replier le panneau latéral",
        "prepare": "Préparer mon résumé (PDF, Markdown)",
        "pdf": "Résumé (PDF)",
    },
}
# The privacy walk's client: a name found nowhere else, looked for on disk afterwards.
PRIVATE_NAME = f"Zyxqa-{uuid.uuid4().hex[:10]}"
SKIP_DIRS = {".venv", ".git", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache"}
APP_PARTS = ("app.py", "clientcheck", "questions", "templates", ".streamlit", "requirements.txt")


def question_text(question_id: str, lang: str) -> str:
    return BANK.question(question_id).text(lang)


def _option(question_id: str, option_id: str, lang: str) -> str:
    if option_id == "dont_know":
        return t("dont_know", lang)
    return BANK.question(question_id).scale.option(option_id).label(lang)


def plan(lang: str) -> dict[str, list[tuple[str, str]]]:
    """At least one answer per sign, some of them "don't know", as (label, value) pairs:
    60 % of the income, no other work, an invoice 90 days late never raised."""
    raw = {
        "client": [("situation.income_share", "=60"), ("situation.pipeline", "none")],
        "late_payment": [
            ("late_payment.invoices_total", "=10"),
            ("late_payment.late_invoices", "=6"),
            ("late_payment.unpaid_90", "once"),
            ("late_payment.chasing", "dont_know"),
        ],
        "less_work": [("less_work.predictable", "sometimes")],
        "demanding": [
            ("demanding.tight_deadlines", "often"),
            ("demanding.free_extras", "often"),
        ],
        "disrespect": [("disrespect.belittles", "rarely")],
        "contract_breach": [("contract_breach.keeps_word", "dont_know")],
        "high_maintenance": [("high_maintenance.after_hours", "sometimes")],
        "unprofessional": [("unprofessional.off_topic", "rarely")],
    }
    return {
        step: [
            (
                question_text(qid, lang),
                value if value.startswith("=") else _option(qid, value, lang),
            )
            for qid, value in answers
        ]
        for step, answers in raw.items()
    }


@dataclass
class Privacy:
    """The English walk's own server: a copy of the app, and its directories' snapshots."""

    app_dir: Path
    tmp_dir: Path
    before: dict[str, dict] = field(default_factory=dict)
    after: dict[str, dict] = field(default_factory=dict)


@dataclass
class Walk:
    lang: str
    width: int
    url: str
    client: str  # the name typed ("" for none)
    scans: dict[str, StepScan] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # the main heading of each step
    texts: dict[str, str] = field(default_factory=dict)  # the main area's text
    overflow: dict[str, int] = field(default_factory=dict)  # px wider than the window
    controls: dict[str, list[dict]] = field(default_factory=dict)  # CONTROLS on each step
    kept: dict[str, str] = field(default_factory=dict)  # the phone walk's Back and Next
    radar: dict = field(default_factory=dict)  # helpers.radar on the results
    radar_box: dict = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)  # the results' rows of the signs
    # Leaving a step scrolled to its end (px scrolled), and where the next step opened:
    # {step: (px the step before was scrolled, the step's own scroll 300 ms after it opened)}.
    opened_at: dict[str, tuple[int, int]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    privacy: Privacy | None = None


# Controls in the main area that are drawn (not the hidden file input or radio dots, whose
# labels are the targets; not a chart's own buttons or a help icon), with their box.
CONTROLS = """() => {
    const main = document.querySelector('[data-testid=stMain]');
    const selector = 'button, textarea, input:not([type=radio]):not([type=checkbox])'
        + ':not([type=file]), [role=radiogroup] label, [data-testid=stCheckbox] label,'
        + ' [role=combobox]';
    const out = [];
    for (const el of main.querySelectorAll(selector)) {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (!box.width || !box.height || style.visibility === 'hidden') continue;
        if (el.closest('[data-testid=stTooltipIcon], [data-testid=stPlotlyChart]')) continue;
        out.push({
            name: (el.getAttribute('aria-label') || el.innerText || el.tagName).trim().slice(0, 60),
            left: box.left, right: box.right, width: box.width, height: box.height,
        });
    }
    return out;
}"""


def _title(page: Page) -> str:
    heading = _main(page).locator("h1").first
    return heading.inner_text().strip() if heading.count() else ""


def _note(page: Page, axe, walk: Walk, step: str) -> None:
    walk.titles[step] = _title(page)
    walk.texts[step] = _main(page).inner_text()
    walk.overflow[step] = horizontal_overflow(page)
    walk.controls[step] = page.evaluate(CONTROLS)
    walk.scans[step] = record_step(page, axe, step)


def _click(page: Page, name: str) -> None:
    _main(page).get_by_role("button", name=name, exact=True).first.click()
    settle(page)


def _next_from_the_end(page: Page, walk: Walk, name: str, step: str) -> None:
    """Scroll to the end of the step, as a person who has answered it, then click ``name``:
    note where ``step`` opens (a new step starts at the top, clientcheck/ui/js/page.js)."""
    scrolled = scroll_to_bottom(page)
    _click(page, name)
    page.wait_for_timeout(300)  # a late scroll would show by then
    walk.opened_at[step] = (scrolled, scroll_top(page))


def _field_value(page: Page, question_id: str, lang: str) -> str:
    return page.get_by_role("textbox", name=question_text(question_id, lang)).input_value()


def _open_expanders(page: Page) -> None:
    """Open every expander (advice, draft details, copy, sidebar), as a person clicking each."""
    closed = "[data-testid=stExpander] details:not([open]) > summary"
    for _ in range(40):
        if not page.locator(closed).count():
            return
        page.locator(closed).first.evaluate("summary => summary.click()")
        settle(page)  # some are drawn only once open: the page runs again
    raise AssertionError("expanders kept closing")


def _show_tooltip(page: Page) -> None:
    """Hover the first help icon of the main area so its tooltip is on screen."""
    _main(page).locator("[data-testid=stTooltipIcon]").first.hover()
    page.locator("[data-testid=stTooltipContent]").first.wait_for(state="visible")
    page.wait_for_timeout(500)  # let its fade-in end: axe measures the colours on screen


def _sidebar_open(page: Page) -> bool:
    box = page.locator('[data-testid="stSidebar"]').bounding_box()
    return bool(box and box["width"] > 50 and box["x"] >= 0)


def _sidebar_click(page: Page, name: str, collapse: str) -> None:
    """Click a sidebar button, opening the sidebar first on a phone and closing it after."""
    if not _sidebar_open(page):
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.wait_for_timeout(500)
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name=name).first.click()
    settle(page)
    if page.viewport_size["width"] < 600 and _sidebar_open(page):
        page.get_by_role("button", name=collapse).click()
        page.wait_for_timeout(500)


def _fill_draft_example(page: Page) -> None:
    """Replace [your example]: a draft quoting a remark downloads only once it is filled."""
    if not _main(page).get_by_text("Replace [your example]").count():
        return
    example = _main(page).get_by_role("textbox", name="Your example: the remark, word for word")
    if not example.is_visible():
        _main(page).get_by_text("Details to fill in the draft (optional)").first.click()
        settle(page)
    example.fill("My kids could do better.")
    example.press("Control+Enter")
    settle(page)


def _download_all(page: Page, where, into: list[str]) -> None:
    buttons = where.locator("[data-testid=stDownloadButton] button:visible")
    for i in range(buttons.count()):
        with page.expect_download(timeout=60_000) as info:
            buttons.nth(i).click()
        download = info.value
        assert download.failure() is None
        into.append(download.suggested_filename)
        download.delete()  # Playwright's own copy, outside the trees the privacy test watches
    settle(page)


def _expect_client_page(page: Page, lang: str) -> None:
    """The client's page follows Start, with its name field: else say what is on screen.

    (Twice in many runs on a busy machine, the first text field after Start was a folded
    Money field, the name field nowhere: this keeps what the page showed for next time.)
    """
    try:
        page.get_by_role("textbox", name=t("client_name", lang)).wait_for(timeout=30_000)
    except Exception as exc:
        shown = _main(page).inner_text()[:800]
        raise AssertionError(f"no client name field after Start; the page shows:\n{shown}") from exc


def walk(browser: Browser, walk: Walk, axe) -> None:
    """Go through every step once, answering as ``plan`` says, and record each step."""
    lang, words, answers = walk.lang, WORDS[walk.lang], plan(walk.lang)
    phone = walk.width < 600
    context = browser.new_context(
        viewport={"width": walk.width, "height": 844 if phone else 900},
        locale=LOCALES[lang],
        is_mobile=phone,
        has_touch=phone,
        accept_downloads=True,
    )
    context.on("request", lambda r: walk.requests.append(r.url))
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("websocket", lambda ws: walk.websockets.append(ws.url))
    try:
        page.goto(walk.url)  # no ?lang=: the browser's language decides
        expect(page.get_by_role("heading", name="Client Check")).to_be_visible(timeout=30_000)
        settle(page)
        _note(page, axe, walk, "welcome")
        _click(page, words["start"])
        _expect_client_page(page, lang)
        if walk.client:
            name = page.get_by_role("textbox", name=t("client_name", lang))
            name.fill(walk.client)
            name.press("Enter")
            settle(page)
            notes = _main(page).locator("textarea").first
            notes.fill(f"Notes about {walk.client}")
            notes.press("Control+Enter")
            settle(page)
        answer_step(page, answers["client"])
        if phone:
            type_number(page, question_text("situation.savings_months", lang), "2,5")
        _note(page, axe, walk, "client")
        _next_from_the_end(page, walk, words["next"], "sign 1")
        for i, sign in enumerate(BANK.signs, start=1):
            answer_step(page, answers[sign.id])
            if phone and i == 1:  # back to the client and forth: the answers stay
                _click(page, words["back"])
                walk.kept["back"] = _title(page)
                walk.kept["savings"] = _field_value(page, "situation.savings_months", lang)
                _click(page, words["next"])
                walk.kept["next"] = _title(page)
                walk.kept["late"] = _field_value(page, "late_payment.late_invoices", lang)
            _note(page, axe, walk, f"sign {i}")
            following = "results" if i == 7 else f"sign {i + 1}"
            _next_from_the_end(page, walk, words["results" if i == 7 else "next"], following)
        _open_expanders(page)  # the evidence and the drafts editor are folded
        settle(page)
        page.wait_for_selector("[data-testid=stPlotlyChart]:visible .main-svg")
        walk.radar = radar(page)
        walk.radar_box = page.locator(".js-plotly-plot:visible").first.bounding_box() or {}
        walk.rows = [row.inner_text() for row in sign_rows(page).all()]
        _note(page, axe, walk, "results")
        _show_tooltip(page)
        _note(page, axe, walk, "results, help shown")
        page.mouse.move(0, 0)
        if walk.privacy is not None:
            _fill_draft_example(page)  # before the summary: a change makes it stale
        _click(page, words["prepare"])
        _main(page).get_by_role("button", name=words["pdf"]).wait_for()
        _note(page, axe, walk, "results, summary ready")
        walk.scans["results"].radar = page.evaluate(
            """() => {
                // The radar on screen: with the names, or numbered on a phone.
                const chart = [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
                    .find(c => c.checkVisibility());
                return {
                    label: chart.getAttribute('aria-label') || '',
                    role: chart.getAttribute('role') || '',
                    rows: document.querySelectorAll('[data-testid=stMain] [class*=st-key-cc_sign_]')
                        .length,
                };
            }"""
        )
        if walk.privacy is not None:
            _download_all(page, _main(page), walk.downloads)
            _download_all(page, page.locator('[data-testid="stSidebar"]'), walk.downloads)
        # A second client, so the comparison draws its chart and table.
        _sidebar_click(page, words["copy"], words["collapse"])
        _sidebar_click(page, words["compare"], words["collapse"])
        page.wait_for_selector("[data-testid=stPlotlyChart]:visible .main-svg")
        _note(page, axe, walk, "compare")
    finally:
        context.close()


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


class Walks:
    """Each language × width walked at most once per test worker."""

    def __init__(self, browser: Browser, url: str) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.browser, self.url, self.axe = browser, url, Axe()
        self.done: dict[tuple[str, int], Walk] = {}
        self._dirs: list[tempfile.TemporaryDirectory] = []

    def __call__(self, lang: str, width: int) -> Walk:
        if (lang, width) not in self.done:
            if (lang, width) == WALKS[0]:
                self.done[(lang, width)] = self._private_walk(lang, width)
            else:
                current = Walk(lang, width, self.url, client="")
                walk(self.browser, current, self.axe)
                self.done[(lang, width)] = current
        return self.done[(lang, width)]

    def _private_walk(self, lang: str, width: int) -> Walk:
        """The walk on a server of its own, from a fresh copy of the app, TMPDIR elsewhere."""
        app_root, tmp_root = tempfile.TemporaryDirectory(), tempfile.TemporaryDirectory()
        self._dirs += [app_root, tmp_root]
        app_dir, tmp_dir = Path(app_root.name, "app"), Path(tmp_root.name)
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
        current = Walk(lang, width, url, client=PRIVATE_NAME)
        current.privacy = Privacy(app_dir, tmp_dir)
        try:
            current.privacy.before = {"app": snapshot(app_dir), "tmp": snapshot(tmp_dir)}
            walk(self.browser, current, self.axe)
            current.privacy.after = {"app": snapshot(app_dir), "tmp": snapshot(tmp_dir)}
        finally:
            stop_server(process)
        return current

    def close(self) -> None:
        for directory in self._dirs:
            directory.cleanup()

    def violations_seen(self) -> list[str]:
        """Every axe-core violation of the walks, any impact, with the steps it was on."""
        seen: dict[tuple[str, str, str], set[str]] = {}
        for done in self.done.values():
            for s in done.scans.values():
                for v in s.violations:
                    seen.setdefault((v.rule, v.impact, v.kind), set()).add(s.step)
        return [
            f"{rule} ({impact}) on {kind}: {', '.join(sorted(where))}"
            for (rule, impact, kind), where in sorted(seen.items())
        ]
