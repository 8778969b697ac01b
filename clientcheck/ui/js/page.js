// The page's own upkeep: the page side of clientcheck/ui/layout.py (sync_page).
//
// A Streamlit v2 component: it runs in the app's page (served from the app's own
// origin), and Streamlit calls it again whenever its data changes. It sets the page's
// language (screen readers), scrolls to the top on a new step, and fixes Streamlit's own
// controls: their labels in French (Streamlit writes them in English whatever the
// page's language), and the file drop area's role (Streamlit marks it "presentation"
// while naming it and making it focusable). It only changes attributes and the text of
// Streamlit's own nodes, never our content. The French tables come from Python
// (clientcheck/ui/page_fixes.py), in the data.

const ATTRS = ["aria-label", "placeholder", "aria-valuetext"];
const ORIGINAL = new WeakMap();  // node -> {attr or "#text": Streamlit's English}
let tables = {};
let lang = "en";
let step = null;
let observer = null;

const translate = (value) => {
  const table = tables[lang];
  if (!table || !value) return null;
  if (Object.hasOwn(table.exact, value)) return table.exact[value];
  for (const [en, other] of table.prefixes) {
    if (value.startsWith(en)) return other + value.slice(en.length);
  }
  return null;
};

const remember = (node, slot, value) => {
  const saved = ORIGINAL.get(node) || {};
  saved[slot] = value;
  ORIGINAL.set(node, saved);
};

const fixAttrs = (el) => {
  if (el.matches('section[data-testid="stFileUploaderDropzone"][role="presentation"]')) {
    el.setAttribute("role", "group");
  }
  const saved = ORIGINAL.get(el);
  for (const attr of ATTRS) {
    const value = el.getAttribute(attr);
    if (value === null) continue;
    if (lang === "en") {
      if (saved && saved[attr] !== undefined && value !== saved[attr]) {
        el.setAttribute(attr, saved[attr]);
      }
      continue;
    }
    // A label that repeats the element's own text names our content (a client
    // called "Search" in a list of tags): never translate it.
    if (attr === "aria-label" && el.textContent.trim() === value) continue;
    const done = translate(value);
    if (done !== null && done !== value) {
      remember(el, attr, value);
      el.setAttribute(attr, done);
    }
  }
};

const fixText = (node) => {
  const value = node.nodeValue;
  const saved = ORIGINAL.get(node);
  if (lang === "en") {
    if (saved && saved["#text"] !== undefined && value !== saved["#text"]) {
      node.nodeValue = saved["#text"];
    }
    return;
  }
  const done = translate(value.trim());
  if (done !== null && done !== value.trim()) {
    remember(node, "#text", value.trim());
    node.nodeValue = done;
  }
};

// Text is translated only inside Streamlit's own furniture (the skip link, field
// hints, the file drop area, date fields): elsewhere it may be a client's name.
const CHROME = [
  '[data-testid="stSkipToContent"]', '[data-testid="InputInstructions"]',
  '[data-testid="stFileUploaderDropzone"]', '[data-testid="stDateInput"]',
].join(", ");
const LABELLED =
  "[aria-label], [placeholder], [aria-valuetext], [data-testid=stFileUploaderDropzone]";

const fixTree = (root) => {
  if (root.nodeType === Node.TEXT_NODE) {
    if (root.parentElement && root.parentElement.closest(CHROME)) fixText(root);
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE) return;
  fixAttrs(root);
  for (const el of root.querySelectorAll(LABELLED)) {
    fixAttrs(el);
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeValue.trim() && node.parentElement.closest(CHROME)) {
      fixText(node);
    }
  }
};

function watch() {
  observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "childList") record.addedNodes.forEach(fixTree);
      else if (record.type === "attributes") fixAttrs(record.target);
      else if (record.type === "characterData") fixTree(record.target);
    }
  });
  observer.observe(document.body, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: [...ATTRS, "role"],
  });
}

export default function (component) {
  const data = component.data;
  if (!data || typeof data.lang !== "string") return;
  document.documentElement.lang = data.lang;
  if (data.tables) tables = data.tables;
  if (observer === null) {
    watch();
    fixTree(document.body);
  }
  if (data.lang !== lang) {
    lang = data.lang;
    fixTree(document.body);
  }
  if (step !== data.step) {
    step = data.step;
    const main = document.querySelector('[data-testid="stMain"]');
    if (main) main.scrollTo(0, 0);
    window.scrollTo(0, 0);
  }
}
