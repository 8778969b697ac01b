"""Accessibility: axe-core on every step, in English and French, on a phone and a desktop.

A serious or critical violation fails the test unless Streamlit itself causes it:
a bare Streamlit page with the same kinds of elements is scanned in the same run,
and a violation is Streamlit's own only when the same rule hits the same kind of
element (its nearest ``data-testid``) there too. That list is printed at the end
so it can go in the README.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import start_server, stop_server
from tests.browser.helpers import main_area as _main
from tests.browser.helpers import wait_idle as settle

BARE_APP = Path(__file__).with_name("bare_app.py")
SERIOUS = ("serious", "critical")
WIDTHS = {"phone": 390, "desktop": 1280}
LOCALES = {"en": "en-GB", "fr": "fr-FR"}
WORDS = {
    "en": {"start": "Start", "next": "Next", "results": "See the results", "copy": "Duplicate"},
    "fr": {
        "start": "Commencer",
        "next": "Suivant",
        "results": "Voir les résultats",
        "copy": "Dupliquer",
    },
}
STEP_NAMES = ["welcome", "client", *(f"sign {i}" for i in range(1, 8)), "results", "compare"]

# For each node axe flags: the nearest Streamlit element, to tell "the same kind of element".
_NODE_KIND = """targets => targets.map(t => {
    if (t.length !== 1) return 'frame';
    const el = document.querySelector(t[0]);
    if (!el) return 'gone';
    const owner = el.closest('[data-testid]');
    return owner ? owner.getAttribute('data-testid') : el.tagName.toLowerCase();
})"""

_UNNAMED_CONTROLS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const out = [];
    const named = el => {
        const label = (el.getAttribute('aria-label') || '').trim();
        if (label) return true;
        const by = el.getAttribute('aria-labelledby');
        const text = id => (document.getElementById(id)?.textContent || '').trim();
        if (by && by.split(/\\s+/).some(text)) return true;
        return el.labels && [...el.labels].some(l => l.textContent.trim());
    };
    const fields = '[role=radiogroup], input[type=text], input:not([type]), textarea';
    for (const el of main.querySelectorAll(fields)) {
        if (!named(el)) out.push(el.outerHTML.slice(0, 120));
    }
    for (const group of main.querySelectorAll('[data-testid=stRadio] [role=radiogroup]')) {
        for (const radio of group.querySelectorAll('input[type=radio]')) {
            const label = radio.closest('label');
            if (!(label && label.textContent.trim()) && !radio.getAttribute('aria-label')) {
                out.push(radio.outerHTML.slice(0, 120));
            }
        }
    }
    return out;
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    kind: str  # nearest data-testid of the node
    help: str
    html: str

    @property
    def signature(self) -> tuple[str, str]:
        return (self.rule, self.kind)


@dataclass
class StepScan:
    step: str
    violations: list[Violation]
    html_lang: str
    unnamed: list[str] = field(default_factory=list)
    radio_groups: int = 0
    text_inputs: int = 0
    radar: dict | None = None


def scan(page: Page, axe) -> list[Violation]:
    """Run axe-core and return every violation, one entry per flagged node."""
    response = axe.run(page).response
    found = []
    for rule in response["violations"]:
        kinds = page.evaluate(_NODE_KIND, [n["target"] for n in rule["nodes"]])
        for node, kind in zip(rule["nodes"], kinds, strict=True):
            found.append(
                Violation(rule["id"], rule["impact"] or "", kind, rule["help"], node["html"][:160])
            )
    return found


def _new_page(browser: Browser, lang: str, width: int) -> Page:
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 900},
        locale=LOCALES[lang],
        is_mobile=phone,
        has_touch=phone,
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _click(page: Page, name: str) -> None:
    _main(page).get_by_role("button", name=name, exact=True).first.click()
    settle(page)


def _answer_a_little(page: Page) -> None:
    """Answer the first question of each kind on the page, as a person would."""
    radios = _main(page).locator("[data-testid=stRadio] [role=radiogroup]")
    if radios.count():
        radios.first.locator("label").first.click()
        settle(page)
    numbers = _main(page).locator("[data-testid=stTextInput] input")
    for i in range(numbers.count()):
        field_ = numbers.nth(i)
        if "(" in (field_.get_attribute("aria-label") or ""):  # number questions show their unit
            field_.fill("2")
            field_.press("Enter")
            settle(page)
            break


def _sidebar_open(page: Page) -> bool:
    box = page.locator('[data-testid="stSidebar"]').bounding_box()
    return bool(box and box["width"] > 50 and box["x"] >= 0)


def _sidebar_click(page: Page, name: str) -> None:
    """Click a sidebar button, opening the sidebar first on a phone and closing it after."""
    if not _sidebar_open(page):
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.wait_for_timeout(500)
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name=name).first.click()
    settle(page)
    if page.viewport_size["width"] < 600 and _sidebar_open(page):
        page.get_by_role("button", name="Collapse sidebar").click()
        page.wait_for_timeout(500)


def _record(page: Page, axe, step: str) -> StepScan:
    main = _main(page)
    return StepScan(
        step=step,
        violations=scan(page, axe),
        html_lang=page.evaluate("document.documentElement.lang"),
        unnamed=page.evaluate(_UNNAMED_CONTROLS),
        radio_groups=main.locator("[data-testid=stRadio] [role=radiogroup]").count(),
        text_inputs=main.locator("[data-testid=stTextInput] input, textarea").count(),
    )


def walk(browser: Browser, url: str, lang: str, width: int, axe) -> dict[str, StepScan]:
    """Go through every step once, answering a little, and scan each step."""
    words = WORDS[lang]
    page = _new_page(browser, lang, width)
    scans: dict[str, StepScan] = {}
    try:
        page.goto(url)
        expect(page.get_by_role("heading", name="Client Check")).to_be_visible(timeout=30_000)
        settle(page)
        scans["welcome"] = _record(page, axe, "welcome")
        _click(page, words["start"])
        name = _main(page).locator("[data-testid=stTextInput] input").first
        name.fill("Acme")
        name.press("Enter")
        settle(page)
        _answer_a_little(page)
        scans["client"] = _record(page, axe, "client")
        for i in range(1, 8):
            _click(page, words["next"])
            _answer_a_little(page)
            scans[f"sign {i}"] = _record(page, axe, f"sign {i}")
        _click(page, words["results"])
        page.wait_for_selector("[data-testid=stPlotlyChart] .main-svg")
        scans["results"] = _record(page, axe, "results")
        scans["results"].radar = page.evaluate(
            """() => {
                const chart = document.querySelector('[data-testid=stPlotlyChart]');
                const tables = [...document.querySelectorAll('[data-testid=stMain] table')];
                return {
                    label: chart.getAttribute('aria-label') || '',
                    role: chart.getAttribute('role') || '',
                    rows: tables.map(t => t.querySelectorAll('tbody tr').length),
                };
            }"""
        )
        # A second client, so the comparison draws its chart and table.
        _sidebar_click(page, words["copy"])
        _sidebar_click(page, "Compare" if lang == "en" else "Comparer")
        page.wait_for_selector("[data-testid=stPlotlyChart] .main-svg")
        scans["compare"] = _record(page, axe, "compare")
    finally:
        page.context.close()
    return scans


class Walks:
    """Each language × width walked at most once per run, shared by the tests below."""

    def __init__(self, browser: Browser, url: str) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.browser, self.url, self.axe = browser, url, Axe()
        self.done: dict[tuple[str, int], dict[str, StepScan]] = {}

    def __call__(self, lang: str, width: int) -> dict[str, StepScan]:
        if (lang, width) not in self.done:
            self.done[(lang, width)] = walk(self.browser, self.url, lang, width, self.axe)
        return self.done[(lang, width)]


@pytest.fixture(scope="module")
def walks(browser: Browser, app_url: str, request) -> Iterator[Walks]:
    walked = Walks(browser, app_url)
    yield walked
    seen: dict[tuple[str, str, str], set[str]] = {}
    for scans in walked.done.values():
        for s in scans.values():
            for v in s.violations:
                seen.setdefault((v.rule, v.impact, v.kind), set()).add(s.step)
    lines = [
        f"{rule} ({impact}) on {kind}: {', '.join(sorted(where))}"
        for (rule, impact, kind), where in sorted(seen.items())
    ]
    _report(request, "axe-core violations on Client Check's pages (any impact):", lines)


@pytest.fixture(scope="module")
def streamlit_own(browser: Browser, request) -> Iterator[dict[tuple[str, str], Violation]]:
    """Scan the bare Streamlit page at both widths; yield its violations by signature."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    own: dict[tuple[str, str], Violation] = {}
    with tempfile.TemporaryDirectory() as empty:
        process, url = start_server(BARE_APP, cwd=Path(empty))
        try:
            for width in WIDTHS.values():
                page = _new_page(browser, "en", width)
                try:
                    page.goto(url)
                    expect(page.get_by_role("heading", name="Title")).to_be_visible(timeout=30_000)
                    page.wait_for_selector("[data-testid=stPlotlyChart] .main-svg")
                    settle(page)
                    for violation in scan(page, axe):
                        own.setdefault(violation.signature, violation)
                finally:
                    page.context.close()
        finally:
            stop_server(process)
    yield own
    lines = [f"{rule} ({v.impact}) on {kind}: {v.help}" for (rule, kind), v in sorted(own.items())]
    _report(request, "axe-core violations Streamlit itself causes (bare page, same run):", lines)


def _report(request, title: str, lines: list[str]) -> None:
    """Print past pytest's output capture, so the lists show in a normal run."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        reporter.write_line(title)
        for line in lines:
            reporter.write_line(f"  - {line}")


def _ours(scans: dict[str, StepScan], own: dict) -> list[str]:
    return [
        f"{s.step}: {v.rule} ({v.impact}) on {v.kind}: {v.help} — {v.html}"
        for s in scans.values()
        for v in s.violations
        if v.impact in SERIOUS and v.signature not in own
    ]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("lang", LOCALES)
def test_no_serious_violation_caused_by_our_pages(walks, streamlit_own, lang, width):
    scans = walks(lang, width)
    assert list(scans) == STEP_NAMES
    assert _ours(scans, streamlit_own) == []


@pytest.mark.parametrize("lang", LOCALES)
def test_every_question_on_sign_pages_has_an_accessible_name(walks, lang):
    scans = walks(lang, WIDTHS["desktop"])
    for step in ["client", *(f"sign {i}" for i in range(1, 8))]:
        scan_ = scans[step]
        assert scan_.radio_groups + scan_.text_inputs >= 3, step
        assert scan_.unnamed == [], step


@pytest.mark.parametrize("lang", LOCALES)
def test_page_language_matches_the_chosen_language(walks, lang):
    scans = walks(lang, WIDTHS["desktop"])
    assert {s.step: s.html_lang for s in scans.values()} == {step: lang for step in STEP_NAMES}


def test_switching_language_updates_the_page_language(browser, app_url):
    page = _new_page(browser, "en", WIDTHS["desktop"])
    try:
        page.goto(app_url)
        expect(page.get_by_role("heading", name="Client Check")).to_be_visible(timeout=30_000)
        settle(page)
        assert page.evaluate("document.documentElement.lang") == "en"
        page.get_by_role("radiogroup", name="Language / Langue").get_by_text("Français").click()
        settle(page)
        expect(page.get_by_role("button", name="Commencer")).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "fr"
        page.get_by_role("radiogroup", name="Language / Langue").get_by_text("English").click()
        settle(page)
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", LOCALES)
def test_radar_has_a_label_and_a_seven_row_table(walks, lang):
    radar = walks(lang, WIDTHS["desktop"])["results"].radar
    assert radar["role"] in ("figure", "img")
    assert ("Radar" in radar["label"]) and radar["label"].count("/100") == 7
    assert 7 in radar["rows"]


def test_bare_streamlit_page_was_scanned(streamlit_own):
    # The exclusion list is only meaningful if the bare page really was scanned.
    assert isinstance(streamlit_own, dict)
