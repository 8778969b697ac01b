"""Small fixes to Streamlit's own page that no option or CSS can make.

Streamlit writes its controls' labels ("Collapse sidebar", "Help for …", "Choose an
option"…) in English whatever the page's language, and marks the file drop area
``role="presentation"`` while naming it and making it focusable (axe:
presentation-role-conflict). The page's script (``js/page.js``, drawn by
``layout.sync_page``) fixes both and keeps them fixed as Streamlit redraws: it
translates those strings on French pages (and puts the English back when the user
switches to English), and gives the drop area the ``group`` role its label calls for.
It only changes attributes and the text of Streamlit's own nodes, never our content.
"""

from __future__ import annotations

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


def tables() -> dict[str, dict[str, object]]:
    """The translation tables the page's script (js/page.js) reads, by language."""
    return {"fr": {"exact": FRENCH_LABELS, "prefixes": [list(pair) for pair in FRENCH_PREFIXES]}}
