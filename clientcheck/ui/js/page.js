// Client Check's page helper: the page side of clientcheck/ui/page_helper.py.
//
// A Streamlit v2 component (layout.sync_page): it runs in the app's page, its module
// served from the app's own origin, and Streamlit calls it again whenever its data
// changes ({lang, step, focus, nonce, tables}). It does what Streamlit has no option
// for, and only ever changes attributes, styles and the text of Streamlit's own nodes,
// never our content:
//   - the page's language (screen readers), and Streamlit's own labels ("Collapse
//     sidebar", "Help for …") in it, the French from clientcheck/strings.toml (st_*);
//   - accessible names: the file drop area's role, each date field's hidden input and
//     calendar button named after the field;
//   - a help tooltip opens under its "?" rather than over the field above it;
//   - a new step starts at the top; "correct this" scrolls to the field and focuses it;
//   - on a phone, choosing a step in the sidebar closes the sidebar over the page;
//   - a field answered with digits alone brings up the phone's number keypad.

const ATTRS = ["aria-label", "placeholder", "aria-valuetext"];
const ORIGINAL = new WeakMap(); // node -> {attr or "#text": Streamlit's English}
let tables = {};
let tablesText = ""; // the JSON text they were read from
let lang = "en";
let step = null;
let observer = null;
let digits = []; // the ends of the CSS classes of fields answered with digits alone

// --- Streamlit's labels in the page's language -----------------------------------------
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
  if (el.hasAttribute("data-cc-named")) {
    // Named after its date field, in the page's language: name it again if redrawn.
    const field = el.closest('[data-testid="stDateInput"]');
    if (field) nameDateField(field);
    return;
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

// --- date fields: the hidden input and the calendar button say which date --------------
const word = (en) => (tables[lang] && tables[lang].exact[en]) || en;
const setName = (el, name) => {
  if (el && el.getAttribute("aria-label") !== name) el.setAttribute("aria-label", name);
  if (el) el.setAttribute("data-cc-named", "");
};
function nameDateField(field) {
  const label = field.querySelector('[data-testid="stWidgetLabel"]');
  const name = label ? label.textContent.trim() : "";
  if (!name) return;
  setName(field.querySelector('[data-testid="hidden-dateinput-container"] input'), name);
  const button = field.querySelector('[data-testid="stDateInputCalendarButton"]');
  const colon = lang === "fr" ? "\u00a0: " : ": ";
  setName(button, `${word("Choose date")}${colon}${name}`);
}

// --- help tooltips: under their "?" when above it would cover the field above ---------
const SHIFT = new WeakMap(); // tooltip -> the px we moved it down
const placeTooltip = (tip) => {
  if (!tip.id || !tip.querySelector('[data-testid="stTooltipContent"]')) return;
  const trigger = document.querySelector(`[aria-describedby~="${CSS.escape(tip.id)}"]`);
  if (!trigger || !trigger.closest('[data-testid="stTooltipIcon"]')) return;
  const shift = SHIFT.get(tip) || 0;
  const box = tip.getBoundingClientRect();
  const top = box.top - shift; // where Streamlit put it
  const icon = trigger.getBoundingClientRect();
  let wanted = 0;
  if (top + box.height <= icon.top + 1 && icon.bottom + 6 + box.height <= window.innerHeight) {
    wanted = Math.round(icon.bottom + 6 - top);
  }
  if (wanted !== shift) {
    SHIFT.set(tip, wanted);
    tip.style.translate = wanted ? `0 ${wanted}px` : "";
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
  // Only text inside Streamlit's furniture: walk those boxes, not the whole new subtree
  // (a results page adds thousands of text nodes in one go).
  const boxes = root.closest(CHROME) ? [root] : root.querySelectorAll(CHROME);
  for (const box of boxes) {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (walker.currentNode.nodeValue.trim()) fixText(walker.currentNode);
    }
  }
  const dates = root.closest && root.closest('[data-testid="stDateInput"]');
  if (dates) nameDateField(dates);
  root.querySelectorAll('[data-testid="stDateInput"]').forEach(nameDateField);
  markDigits(root);
  if (root.matches('[role="tooltip"]')) placeTooltip(root);
  root.querySelectorAll('[role="tooltip"]').forEach(placeTooltip);
};

// --- a number keypad on a phone for fields that take digits alone ------------------------
const markDigits = (root) => {
  const boxes = [root.closest('[class*="st-key-q-"]'), ...root.querySelectorAll('[class*="st-key-q-"]')];
  for (const box of boxes) {
    if (!box) continue;
    const key = [...box.classList].find((c) => c.startsWith("st-key-q-"));
    const input = box.querySelector('input[type="text"]');
    if (!key || !input || !digits.some((end) => key.endsWith(`-${end}`))) continue;
    if (input.getAttribute("inputmode") !== "decimal") input.setAttribute("inputmode", "decimal");
  }
};

// --- moving about: top of a new step, a field to correct, the sidebar on a phone -------
let focusDone = null;
const focusField = (className, nonce) => {
  if (!className || nonce === focusDone) return false;
  focusDone = nonce;
  const started = Date.now();
  const attempt = () => {
    const box = document.querySelector(`[data-testid="stMain"] .${CSS.escape(className)}`);
    const field = box && box.querySelector("input:not([type=hidden]), textarea");
    if (!field) {
      if (Date.now() - started < 10000) setTimeout(attempt, 100);
      return;
    }
    box.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  };
  attempt();
  return true;
};
const toTop = () => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (main) main.scrollTo(0, 0);
  window.scrollTo(0, 0);
};
// The sidebar covers the page (a phone): after a step is chosen in it, close it.
const closeSidebarAfterStep = (event) => {
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const chosen = event.target.closest && event.target.closest('[class*="st-key-goto-"] button');
  if (!sidebar || !main || !chosen || !sidebar.contains(chosen)) return;
  const over = sidebar.getBoundingClientRect().right > main.getBoundingClientRect().left + 1;
  const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (over && close) setTimeout(() => close.click(), 0);
};

// A typed date is taken when focus leaves its field (Streamlit's date input), but only
// once its calendar is dismissed: Enter in a day, month or year box does both, so the
// date is taken as Enter takes any other field of the page. Without the Escape, a blur
// alone leaves it untaken.
const enterTakesDate = (event) => {
  if (event.key !== "Enter" || !event.target.closest) return;
  const box = event.target.closest('[data-testid="stDateInput"] [role="spinbutton"]');
  if (!box) return;
  const escape = { key: "Escape", code: "Escape", bubbles: true, cancelable: true };
  box.dispatchEvent(new KeyboardEvent("keydown", escape));
  box.blur();
};

function install() {
  observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "childList") record.addedNodes.forEach(fixTree);
      else if (record.type === "characterData") fixTree(record.target);
      else if (record.attributeName !== "style") fixAttrs(record.target);
      else if (record.target.matches('[role="tooltip"]')) placeTooltip(record.target);
    }
  });
  observer.observe(document.body, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: [...ATTRS, "role", "style"],
  });
  document.addEventListener("click", closeSidebarAfterStep, true);
  document.addEventListener("keydown", enterTakesDate, true);
  fixTree(document.body);
}

export default function (component) {
  const data = component.data;
  if (!data || typeof data.lang !== "string") return;
  document.documentElement.lang = data.lang;
  if (data.tables && data.tables !== tablesText) {
    tablesText = data.tables;
    tables = JSON.parse(data.tables);
  }
  if (typeof data.digits === "string") digits = JSON.parse(data.digits);
  if (observer === null) install();
  if (data.lang !== lang) {
    lang = data.lang;
    fixTree(document.body);
  }
  // A new step: scroll to its top, unless a field is to be corrected there.
  if (focusField(data.focus, data.nonce)) {
    step = data.step;
  } else if (step !== data.step) {
    step = data.step;
    toTop();
  }
}
