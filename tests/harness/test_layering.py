"""Layering (DESIGN §2): steps reach app and backend only over HTTP; the backend never imports app or WebDriver."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STEPS_FORBIDDEN = ("simulator.app", "simulator.backend", "simulator.webdriver")
BACKEND_FORBIDDEN = ("simulator.app", "simulator.webdriver", "simulator.embedded", "steps")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _offenders(folder: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        bad = sorted(n for n in _imports(path) if any(n == f or n.startswith(f + ".") for f in forbidden))
        if bad:
            found[str(path.relative_to(ROOT))] = bad
    return found


def test_steps_never_import_app_backend_or_webdriver() -> None:
    assert _offenders("steps", STEPS_FORBIDDEN) == {}


def test_the_backend_never_imports_app_or_webdriver() -> None:
    assert _offenders("simulator/backend", BACKEND_FORBIDDEN) == {}
