"""Our ``st.components.v2`` components, their JavaScript served from the app's own origin.

The JavaScript lives in ``clientcheck/ui/js/*.js``. Given inline, Streamlit would load
it from a ``blob:`` URL, which a Content-Security-Policy must then allow for scripts
(deploy/security.py). Given as a file of a component's ``asset_dir``, the browser
imports it from ``/_stcore/bidi-components/clientcheck.<name>/<file>`` like any other
script of the app, so ``script-src 'self'`` covers it.

Streamlit 1.67 finds an ``asset_dir`` only in the manifest (``pyproject.toml``) of an
installed package, and the app is run from its folder, not installed. So the same
manifest is handed to the running server's component manager here, before each use
(every server, and every ``AppTest``, has its own). Without a running server (imports
in plain unit tests) the JavaScript is passed inline: it never runs there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

JS_DIR = Path(__file__).resolve().parent / "js"
PACKAGE = "clientcheck"
_MARK = "_clientcheck_components"  # set on a component manager that knows ours


def _manager() -> Any | None:
    """The running server's component manager, or None outside a server."""
    from streamlit.runtime import Runtime

    return Runtime.instance().bidi_component_registry if Runtime.exists() else None


def _declare(manager: Any) -> bool:
    """Give ``manager`` our components' asset folder, as an installed manifest would."""
    if getattr(manager, _MARK, False):
        return True
    try:
        from streamlit.components.v2.manifest_scanner import ComponentConfig, ComponentManifest

        names = [path.stem for path in JS_DIR.glob("*.js")]
        manifest = ComponentManifest(
            name=PACKAGE,
            version="1",
            components=[ComponentConfig(name=name, asset_dir="ui/js") for name in names],
        )
        manager.register_from_manifest(manifest, JS_DIR.parents[1])
    except Exception:  # a Streamlit without this hook: fall back to inline JavaScript
        return False
    setattr(manager, _MARK, True)
    return True


def js_component(name: str) -> Callable[..., Any]:
    """The component whose JavaScript is ``js/<name>.js``; call it like Streamlit's own.

    Each call makes sure the running server serves the file, then mounts the component.
    """
    file_name = f"{name}.js"
    key = f"{PACKAGE}.{name}"
    if not (JS_DIR / file_name).is_file():
        raise FileNotFoundError(JS_DIR / file_name)
    made: dict[bool, Callable[..., Any]] = {}  # served as a file (True) or inline (False)

    def mount(**kwargs: Any) -> Any:
        manager = _manager()
        served = manager is not None and _declare(manager)
        if served not in made:
            js = file_name if served else (JS_DIR / file_name).read_text(encoding="utf-8")
            made[served] = st.components.v2.component(key, js=js)
        return made[served](**kwargs)

    return mount
