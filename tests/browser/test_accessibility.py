"""Accessibility: axe-core on every step, in English on a desktop and in French on a phone.

Any serious or critical violation fails, whoever causes it (our pages or Streamlit):
the app fixes Streamlit's own faults with its theme, CSS and a small script
(clientcheck/ui/page.css, clientcheck/ui/page_helper.py). Moderate and minor
violations must be the few listed in ``KNOWN_MINOR`` (and in docs/development.md), each
with the reason the app cannot fix it. The results page is scanned with every
expander open and a draft shown, with a help tooltip on screen, and with the
summary prepared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page, expect

from clientcheck.ui.page_helper import french_labels, french_prefixes
from tests.browser.helpers import main_area as _main
from tests.browser.helpers import wait_idle as settle

SERIOUS = ("serious", "critical")
AXE_OPTIONS = {"resultTypes": ["violations"]}  # what axe_playwright_python asks for
# Moderate or minor violations the app cannot fix, by (rule, kind of element): why.
KNOWN_MINOR = {
    ("region", "#stFloatingOverlayPortal"): (
        "Streamlit draws an open help tooltip in a layer at the end of the page, outside"
        " any landmark. Screen readers reach its text through the help button's"
        " description (aria-describedby); making the layer a landmark or a live region"
        " would only announce it twice."
    ),
}
WIDTHS = {"phone": 390, "desktop": 1280}
# Two walks cover both languages and both widths: English on a desktop, French on a phone
# (a walk takes half a minute; all four pairs were walked while the layout was built).
WALKS = [("en", WIDTHS["desktop"]), ("fr", WIDTHS["phone"])]
WALK_IDS = ["en-desktop", "fr-phone"]
# The walks are shared by this module's tests: keep them on one test worker.
pytestmark = pytest.mark.xdist_group("accessibility_walks")
LOCALES = {"en": "en-GB", "fr": "fr-FR"}
WORDS = {
    "en": {
        "start": "Start",
        "next": "Next",
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
        "results": "Voir les résultats",
        "copy": "Dupliquer",
        "compare": "Comparer",
        "collapse": "Replier le panneau latéral",
        "prepare": "Préparer mon résumé (PDF, Markdown)",
        "pdf": "Résumé (PDF)",
    },
}
RESULTS_STEPS = ["results", "results, help shown", "results, summary ready"]
# Words on both pages that read the same in both languages: the language switch, the
# client's name, our "Message" label, the date field's month, the uploader's file type.
LANGUAGE_NEUTRAL = {"English", "Français", "Language / Langue", "Acme", "Message", "mm", "• JSON"}
STEP_NAMES = ["welcome", "client", *(f"sign {i}" for i in range(1, 8)), *RESULTS_STEPS, "compare"]

# For each node axe flags: the nearest Streamlit element, to tell "the same kind of element".
_NODE_KIND = """targets => targets.map(t => {
    if (t.length !== 1) return 'frame';
    const el = document.querySelector(t[0]);
    if (!el) return 'gone';
    const owner = el.closest('[data-testid]');
    if (owner) return owner.getAttribute('data-testid');
    return el.id ? '#' + el.id : el.tagName.toLowerCase();
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


# What Streamlit itself writes on the page: its controls' labels, placeholders and
# value texts, and text outside our Markdown (which Streamlit also uses for button labels).
_STREAMLIT_WORDS = """() => {
    const out = new Set();
    const ours = '[data-testid=stMarkdownContainer]:not(button *, '
        + '[data-testid=stFileUploaderDropzone] *), textarea, pre, code, table, svg, '
        + '[aria-hidden=true], style, script, noscript, [data-testid=stIconMaterial]';
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [aria-valuetext]')) {
        if (el.closest('svg, [data-testid=stPlotlyChart]')) continue;
        for (const attr of ['aria-label', 'placeholder', 'aria-valuetext']) {
            const value = (el.getAttribute(attr) || '').trim();
            if (value) out.add(value);
        }
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode.nodeValue.trim();
        const parent = walker.currentNode.parentElement;
        if (text && parent && !parent.closest(ours)) out.add(text);
    }
    return [...out];
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    kind: str  # nearest data-testid of the node
    help: str
    html: str
    detail: str = ""  # axe's failure summary: the colours measured, for instance

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
    streamlit_words: list[str] = field(default_factory=list)


def scan(page: Page, axe) -> list[Violation]:
    """Run axe-core and return every violation, one entry per flagged node.

    axe-core (570 KB) is put in the page once: the steps are one page load (Streamlit
    changes the page without loading another), so it stays there for every scan.
    """
    if not page.evaluate("() => typeof window.axe === 'object' && !!window.axe.run"):
        page.evaluate(axe.axe_script)
    response = page.evaluate("options => axe.run(options)", AXE_OPTIONS)
    found = []
    for rule in response["violations"]:
        kinds = page.evaluate(_NODE_KIND, [n["target"] for n in rule["nodes"]])
        for node, kind in zip(rule["nodes"], kinds, strict=True):
            found.append(
                Violation(
                    rule["id"],
                    rule["impact"] or "",
                    kind,
                    rule["help"],
                    node["html"][:160],
                    " ".join((node.get("failureSummary") or "").split())[:300],
                )
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


def _steady_scan(page: Page, axe) -> list[Violation]:
    """Scan; if anything is found, wait for the page to be idle and scan again.

    Only what both scans find counts: a rerun starting mid-scan fades the page for a
    moment, which is not what anyone reads. A real fault shows in both scans.
    """
    first = scan(page, axe)
    if not first:
        return first
    settle(page)
    page.wait_for_timeout(500)
    again = {(v.rule, v.kind, v.html) for v in scan(page, axe)}
    return [v for v in first if (v.rule, v.kind, v.html) in again]


def _record(page: Page, axe, step: str) -> StepScan:
    main = _main(page)
    return StepScan(
        step=step,
        violations=_steady_scan(page, axe),
        html_lang=page.evaluate("document.documentElement.lang"),
        unnamed=page.evaluate(_UNNAMED_CONTROLS),
        radio_groups=main.locator("[data-testid=stRadio] [role=radiogroup]").count(),
        text_inputs=main.locator("[data-testid=stTextInput] input, textarea").count(),
        streamlit_words=page.evaluate(_STREAMLIT_WORDS),
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
        _open_expanders(page)  # the evidence and the drafts editor are folded
        settle(page)
        page.wait_for_selector("[data-testid=stPlotlyChart] .main-svg")
        scans["results"] = _record(page, axe, "results")
        _show_tooltip(page)
        scans["results, help shown"] = _record(page, axe, "results, help shown")
        page.mouse.move(0, 0)
        _click(page, words["prepare"])
        _main(page).get_by_role("button", name=words["pdf"]).wait_for()
        scans["results, summary ready"] = _record(page, axe, "results, summary ready")
        scans["results"].radar = page.evaluate(
            """() => {
                const chart = document.querySelector('[data-testid=stPlotlyChart]');
                return {
                    label: chart.getAttribute('aria-label') || '',
                    role: chart.getAttribute('role') || '',
                    rows: document.querySelectorAll('[data-testid=stMain] [class*=st-key-cc_sign_]')
                        .length,
                };
            }"""
        )
        # A second client, so the comparison draws its chart and table.
        _sidebar_click(page, words["copy"], words["collapse"])
        _sidebar_click(page, words["compare"], words["collapse"])
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


def _serious(scans: dict[str, StepScan]) -> list[str]:
    return [
        f"{s.step}: {v.rule} ({v.impact}) on {v.kind}: {v.help} — {v.html} — {v.detail}"
        for s in scans.values()
        for v in s.violations
        if v.impact in SERIOUS
    ]


@pytest.mark.parametrize(("lang", "width"), WALKS, ids=WALK_IDS)
def test_no_serious_or_critical_violation_on_any_step(walks, lang, width):
    scans = walks(lang, width)
    assert list(scans) == STEP_NAMES
    assert _serious(scans) == []


@pytest.mark.parametrize(("lang", "width"), WALKS, ids=WALK_IDS)
def test_moderate_and_minor_violations_are_only_the_listed_ones(walks, lang, width):
    scans = walks(lang, width)
    unlisted = [
        f"{s.step}: {v.rule} ({v.impact}) on {v.kind}: {v.help} — {v.html}"
        for s in scans.values()
        for v in s.violations
        if v.impact not in SERIOUS and v.signature not in KNOWN_MINOR
    ]
    assert unlisted == []


@pytest.mark.parametrize(("lang", "width"), WALKS, ids=WALK_IDS)
def test_every_question_on_sign_pages_has_an_accessible_name(walks, lang, width):
    scans = walks(lang, width)
    for step in ["client", *(f"sign {i}" for i in range(1, 8))]:
        scan_ = scans[step]
        assert scan_.radio_groups + scan_.text_inputs >= 3, step
        assert scan_.unnamed == [], step


@pytest.mark.parametrize(("lang", "width"), WALKS, ids=WALK_IDS)
def test_page_language_matches_the_chosen_language(walks, lang, width):
    scans = walks(lang, width)
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
        # Streamlit's own labels follow the switch, both ways.
        expect(page.locator('[aria-label="Replier le panneau latéral"]')).to_have_count(1)
        expect(page.locator('[aria-label="Collapse sidebar"]')).to_have_count(0)
        page.get_by_role("radiogroup", name="Language / Langue").get_by_text("English").click()
        settle(page)
        assert page.evaluate("document.documentElement.lang") == "en"
        expect(page.locator('[aria-label="Collapse sidebar"]')).to_have_count(1)
        expect(page.locator('[aria-label="Replier le panneau latéral"]')).to_have_count(0)
    finally:
        page.context.close()


@pytest.mark.parametrize(("lang", "width"), WALKS, ids=WALK_IDS)
def test_radar_has_a_label_and_a_row_per_sign_as_its_text(walks, lang, width):
    radar = walks(lang, width)["results"].radar
    assert radar["role"] in ("figure", "img")
    assert ("Radar" in radar["label"]) and radar["label"].count("/100") == 7
    assert radar["rows"] == 7


def _english(word: str) -> bool:
    return word in french_labels() or any(word.startswith(en) for en, _ in french_prefixes())


def test_streamlit_controls_speak_french_on_french_pages(walks):
    french = walks("fr", WIDTHS["phone"])
    english = walks("en", WIDTHS["desktop"])
    # The English pages do show these words: the check below is not vacuous.
    assert any(_english(w) for s in english.values() for w in s.streamlit_words)
    left = {step: [w for w in s.streamlit_words if _english(w)] for step, s in french.items()}
    assert left == {step: [] for step in STEP_NAMES}
    # Whatever Streamlit writes the same way on both pages is a name or a symbol.
    same = {
        w
        for step in STEP_NAMES
        for w in set(french[step].streamlit_words) & set(english[step].streamlit_words)
        if not re.fullmatch(r"\d+/\d+", w)  # a field's character count
    }
    assert same <= LANGUAGE_NEUTRAL, sorted(same - LANGUAGE_NEUTRAL)
