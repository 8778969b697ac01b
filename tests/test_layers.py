"""The package's layers, checked on every module's imports: outer layers import inner ones
only, nothing but app.py and the UI imports Streamlit, and no module grows past 400 lines.

    i18n < bank < engine < guidance < outputs < persistence < ui, cli
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "clientcheck"
LAYERS = ("i18n", "bank", "engine", "guidance", "outputs", "persistence", "ui")
TOP = ("cli", "__main__")  # the command line may use every layer but the UI
MAX_LINES = 400


def layer_of(module: str) -> str:
    """ "clientcheck.engine.verdict" -> "engine"; "clientcheck.cli" -> "cli"."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def all_code() -> list[Path]:
    """Every Python module but the tests: the package, app.py, scripts/ and deploy/."""
    extra = [ROOT / "app.py", *(ROOT / "scripts").glob("*.py"), *(ROOT / "deploy").glob("*.py")]
    return sorted([*modules(), *extra])


def imports_of(path: Path) -> list[str]:
    return imports_in(path.read_text(encoding="utf-8"))


def imports_in(source: str) -> list[str]:
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_each_module_imports_only_its_own_layer_and_inner_ones(path):
    here = layer_of(module_name(path))
    for imported in imports_of(path):
        if not imported.startswith("clientcheck.") or imported == "clientcheck.__version__":
            continue
        there = layer_of(imported)
        if there not in LAYERS or here == "":
            continue
        if here in TOP:
            assert there != "ui", imported
            continue
        assert LAYERS.index(there) <= LAYERS.index(here), f"{module_name(path)} -> {imported}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_ui_imports_streamlit(path):
    if layer_of(module_name(path)) == "ui":
        return
    assert not any(i == "streamlit" or i.startswith("streamlit.") for i in imports_of(path))


@pytest.mark.parametrize("path", all_code(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_grows_past_four_hundred_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


@pytest.mark.parametrize("path", all_code(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_javascript_inside_python_strings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            looks_like_js = ("function" in text or "=>" in text) and (
                "document." in text or "window." in text or "const " in text
            )
            assert not looks_like_js, f"{path.relative_to(ROOT)}: JavaScript belongs in a .js file"


def test_the_check_itself_sees_an_upward_import():
    """A made-up engine module importing the UI is refused (the check is not a no-op)."""
    here, there = layer_of("clientcheck.engine.x"), layer_of("clientcheck.ui.state")
    assert LAYERS.index(there) > LAYERS.index(here)
    assert "clientcheck.ui.state" in imports_in("from clientcheck.ui.state import store")
