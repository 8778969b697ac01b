"""Small fixes to Streamlit's own page that no option or CSS can make.

Streamlit writes its controls' labels ("Collapse sidebar", "Help for …", "Choose an
option"…) in English whatever the page's language, and marks the file drop area
``role="presentation"`` while naming it and making it focusable (axe:
presentation-role-conflict). A script, installed once in the page, fixes both and
keeps them fixed as Streamlit redraws: it translates those strings on French pages
(and puts the English back when the user switches to English), and gives the drop
area the ``group`` role its label calls for. It only changes attributes and the
text of Streamlit's own nodes, never our content.
"""

from __future__ import annotations

import json

# Streamlit's English, exactly as it writes it -> French.
FRENCH_LABELS: dict[str, str] = {
    "Sidebar": "Panneau latéral",
    "Collapse sidebar": "Replier le panneau latéral",
    "Expand sidebar": "Déplier le panneau latéral",
    "Open": "Ouvrir",
    "Close": "Fermer",
    "Clear value": "Effacer",
    "Clear all": "Tout effacer",
    "Selected values": "Valeurs choisies",
    "Choose an option": "Choisissez une option",
    "Choose options": "Choisissez des options",
    "file upload": "Choisir un fichier",
    "Upload": "Choisir un fichier",
    "Browse files": "Parcourir",
    "Drag and drop file here": "Déposez un fichier ici",
    "Remove file": "Retirer le fichier",
    "Decrement": "Diminuer",
    "Increment": "Augmenter",
    "Choose date": "Choisir une date",
    "Empty": "Vide",
    "Copy to clipboard": "Copier dans le presse-papiers",
    "Show/hide columns": "Afficher ou masquer des colonnes",
    "Download as CSV": "Télécharger en CSV",
    "Search": "Rechercher",
    "Fullscreen": "Plein écran",
    "Close fullscreen": "Quitter le plein écran",
    "Skip to main content": "Aller au contenu principal",
    "Press Enter to apply": "Appuyez sur Entrée pour valider",
    "Press Ctrl+Enter to apply": "Appuyez sur Ctrl+Entrée pour valider",
    "Press ⌘+Enter to apply": "Appuyez sur ⌘+Entrée pour valider",
    "10MB per file": "10 Mo par fichier",
    "dd": "jj",
    "yyyy": "aaaa",
    "Main menu": "Menu principal",
    "progress": "Progression",
}
# Labels Streamlit builds around our text: English prefix -> French prefix.
FRENCH_PREFIXES: tuple[tuple[str, str], ...] = (
    ("Help for ", "Aide\u00a0: "),
    ("Remove ", "Retirer "),
    ("day, ", "jour, "),
    ("month, ", "mois, "),
    ("year, ", "année, "),
)

_SCRIPT = """
(() => {
  const TABLES = __TABLES__;
  const ATTRS = ["aria-label", "placeholder", "aria-valuetext"];
  const ORIGINAL = new WeakMap();  // node -> {attr or "#text": Streamlit's English}
  let lang = "en";
  const translate = (value) => {
    const table = TABLES[lang];
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
  const fixTree = (root) => {
    if (root.nodeType === Node.TEXT_NODE) {
      if (root.parentElement && root.parentElement.closest(CHROME)) fixText(root);
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    fixAttrs(root);
    const labelled =
      "[aria-label], [placeholder], [aria-valuetext], [data-testid=stFileUploaderDropzone]";
    for (const el of root.querySelectorAll(labelled)) {
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
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "childList") record.addedNodes.forEach(fixTree);
      else if (record.type === "attributes") fixAttrs(record.target);
      else if (record.type === "characterData") fixTree(record.target);
    }
  });
  window.__clientCheckFixes = {
    setLang(next) {
      if (next === lang) return;
      lang = next;
      fixTree(document.body);
    },
  };
  fixTree(document.body);
  observer.observe(document.body, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: [...ATTRS, "role"],
  });
})();
"""


def script() -> str:
    """The fixer's JavaScript, with its translation tables."""
    tables = {"fr": {"exact": FRENCH_LABELS, "prefixes": [list(pair) for pair in FRENCH_PREFIXES]}}
    return _SCRIPT.replace("__TABLES__", json.dumps(tables, ensure_ascii=False))
