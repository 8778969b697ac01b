"""What an accessibility scan of one step records: axe-core's violations, the page's
language, unnamed controls and the words Streamlit itself writes (tests/browser/walks.py
scans every step of its walks with it; test_accessibility.py reads the scans)."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import Page

from tests.browser.helpers import main_area as _main
from tests.browser.helpers import wait_idle as settle

AXE_OPTIONS = {"resultTypes": ["violations"]}  # what axe_playwright_python asks for

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


def record_step(page: Page, axe, step: str) -> StepScan:
    """Scan the step on screen and note what the accessibility tests read."""
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
