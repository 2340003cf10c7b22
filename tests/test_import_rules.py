"""The layering of docs/architecture.md, checked on every import (also lazy ones inside functions)."""

from __future__ import annotations

import ast
import graphlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Rule:
    """Modules under ``source`` must not import ``forbidden`` (dotted prefixes), except ``allowed``."""

    source: str
    forbidden: tuple[str, ...]
    allowed: tuple[str, ...] = ()
    why: str = ""


INTERNALS = ("simulator.app", "simulator.backend", "simulator.webdriver")

RULES = (
    Rule(
        "simulator.spec",
        ("simulator",),
        allowed=("simulator.spec",),
        why="the app, the backend and the client all read it",
    ),
    Rule(
        "simulator.app",
        ("simulator.backend", "simulator.webdriver", "simulator.world", "simulator.tools", "simulator.client"),
        why="the app reaches the backend only over HTTP, through its own app-API client",
    ),
    Rule(
        "simulator.backend",
        ("simulator.app", "simulator.webdriver", "simulator.world", "simulator.tools", "simulator.client"),
        why="the backend knows no phone",
    ),
    Rule(
        "simulator.webdriver",
        ("simulator.backend", "simulator.world", "simulator.tools", "simulator.client"),
        why="the WebDriver server talks to the device protocol only",
    ),
    Rule(
        "simulator.client",
        ("simulator",),
        allowed=("simulator.client", "simulator.spec"),
        why="the backend client speaks HTTP only, so the steps may use it",
    ),
    Rule(
        "simulator.caps",
        ("simulator",),
        allowed=("simulator.caps",),
        why="phone capabilities are data the steps may import",
    ),
    Rule(
        "simulator.framing",
        ("simulator",),
        allowed=("simulator.framing",),
        why="both HTTP surfaces read the framing rules",
    ),
    Rule(
        "simulator.registry",
        ("simulator",),
        allowed=("simulator.registry",),
        why="the registry is data that every layer reads",
    ),
    Rule(
        "simulator.world",
        (*INTERNALS, "simulator.tools", "simulator.embedded", "simulator.cli"),
        why="world files reach the backend only through simulator.client",
    ),
    Rule(
        "simulator",
        ("steps", "harness", "fidelity", "bench", "tests"),
        why="the simulator knows no suite: the suites build on it",
    ),
    Rule(
        "harness",
        ("steps", "simulator", "fidelity", "bench"),
        # simulator.embedded starts the default run mode
        allowed=("simulator.client", "simulator.caps", "simulator.embedded", "simulator.grid.status"),
        why="the harness knows no step; it reaches the app through Appium and the backend over HTTP",
    ),
    Rule(
        "simulator.grid.status",
        ("simulator",),
        allowed=("simulator.grid.status",),
        why="the harness reads a Grid hub's /status through it",
    ),
    Rule(
        "steps",
        ("simulator", "fidelity", "bench"),
        # simulator.world is HTTP-only by its own rule above
        allowed=("simulator.client", "simulator.caps", "simulator.world"),
        why="steps reach the app only through Appium and the backend only over HTTP",
    ),
    Rule(
        "fidelity",
        ("simulator", "steps", "harness", "bench"),
        allowed=("simulator.registry",),
        why="make fidelity runs the suite in pytest processes and switches mechanisms over HTTP",
    ),
)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Every module an import statement names, with its line; relative imports resolved."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(root: Path, rules: tuple[Rule, ...] = RULES) -> list[str]:
    """``file:line: module imports name (why)`` for every import that breaks a rule."""
    out: list[str] = []
    for path in sorted(root.rglob("*.py")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        module = module_name(path, root)
        for rule in rules:
            if not within(module, rule.source):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, name in imported(tree, module, path.name == "__init__.py"):
                if any(within(name, f) for f in rule.forbidden) and not any(within(name, a) for a in rule.allowed):
                    out.append(f"{path.relative_to(root)}:{line}: {module} imports {name} ({rule.why})")
    return sorted(set(out))


def project_modules(root: Path) -> dict[str, Path]:
    """Every module of the project by dotted name (tests and hidden folders left out)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if parts[0] != "tests" and not any(part.startswith(".") for part in parts):
            found[module_name(path, root)] = path
    return found


def dependencies(root: Path) -> dict[str, set[str]]:
    """Which project modules each module imports (``TYPE_CHECKING`` imports too: a cycle there is still one).

    ``from package import module`` depends on the module, not on the package's ``__init__``.
    """
    modules = project_modules(root)
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names = {name for _, name in imported(tree, module, path.name == "__init__.py")}
        found = set()
        for name in names:
            if name in modules and not any(other.startswith(name + ".") and other in modules for other in names):
                found.add(name)
            elif name not in modules and (owner := name.rpartition(".")[0]) in modules:
                found.add(owner)  # ``from module import Name``
        graph[module] = found - {module}
    return graph


def import_cycle(root: Path) -> list[str] | None:
    """One cycle of module imports, or None."""
    try:
        graphlib.TopologicalSorter(dependencies(root)).prepare()
    except graphlib.CycleError as error:
        return list(error.args[1])
    return None


def test_the_project_keeps_its_layering() -> None:
    assert violations(ROOT) == []


def test_no_module_imports_itself_through_others() -> None:
    assert import_cycle(ROOT) is None


def test_an_import_cycle_under_type_checking_is_found(tmp_path: Path) -> None:
    package = tmp_path / "steps"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "context.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from steps.reproduction import Lage\n",
        encoding="utf-8",
    )
    (package / "reproduction.py").write_text("from steps import context\n", encoding="utf-8")
    (package / "flows.py").write_text("from steps.context import Cast\n", encoding="utf-8")

    cycle = import_cycle(tmp_path)

    assert cycle is not None and set(cycle) == {"steps.context", "steps.reproduction"}


def test_a_forbidden_import_is_reported_with_file_and_line(tmp_path: Path) -> None:
    app = tmp_path / "simulator" / "app"
    app.mkdir(parents=True)
    (tmp_path / "simulator" / "__init__.py").write_text("", encoding="utf-8")
    (app / "__init__.py").write_text("", encoding="utf-8")
    (app / "ok.py").write_text("from simulator.app import tree\n", encoding="utf-8")
    (app / "bad.py").write_text("import json\n\n\ndef f():\n    from ..backend import store\n", encoding="utf-8")
    steps = tmp_path / "steps"
    steps.mkdir()
    (steps / "s.py").write_text(
        "from harness.targets import Target\nimport simulator.app.tree\n"
        "from simulator.client import BackendClient\nfrom simulator.tools.diagnose import diagnose\n",
        encoding="utf-8",
    )
    harness = tmp_path / "harness"
    harness.mkdir()
    (harness / "plugin.py").write_text("from simulator.embedded import Simulator\nimport steps.s\n", encoding="utf-8")
    (tmp_path / "simulator" / "cli.py").write_text("def steps():\n    from steps import catalogue\n", encoding="utf-8")
    world = tmp_path / "simulator" / "world"
    world.mkdir()
    (world / "load.py").write_text(
        "from simulator.client import BackendClient\nfrom simulator.backend.store import Store\n", encoding="utf-8"
    )
    client = tmp_path / "simulator" / "client"
    client.mkdir()
    (client / "http.py").write_text(
        "from simulator.client.models import Mail\nimport simulator.world\n", encoding="utf-8"
    )

    found = violations(tmp_path)

    assert found == [
        "harness/plugin.py:2: harness.plugin imports steps.s "
        "(the harness knows no step; it reaches the app through Appium and the backend over HTTP)",
        "simulator/app/bad.py:5: simulator.app.bad imports simulator.backend "
        "(the app reaches the backend only over HTTP, through its own app-API client)",
        "simulator/app/bad.py:5: simulator.app.bad imports simulator.backend.store "
        "(the app reaches the backend only over HTTP, through its own app-API client)",
        "simulator/cli.py:2: simulator.cli imports steps (the simulator knows no suite: the suites build on it)",
        "simulator/cli.py:2: simulator.cli imports steps.catalogue "
        "(the simulator knows no suite: the suites build on it)",
        "simulator/client/http.py:2: simulator.client.http imports simulator.world "
        "(the backend client speaks HTTP only, so the steps may use it)",
        "simulator/world/load.py:2: simulator.world.load imports simulator.backend.store "
        "(world files reach the backend only through simulator.client)",
        "simulator/world/load.py:2: simulator.world.load imports simulator.backend.store.Store "
        "(world files reach the backend only through simulator.client)",
        "steps/s.py:2: steps.s imports simulator.app.tree "
        "(steps reach the app only through Appium and the backend only over HTTP)",
        "steps/s.py:4: steps.s imports simulator.tools.diagnose "
        "(steps reach the app only through Appium and the backend only over HTTP)",
        "steps/s.py:4: steps.s imports simulator.tools.diagnose.diagnose "
        "(steps reach the app only through Appium and the backend only over HTTP)",
    ]


def test_the_shared_spec_may_be_read_by_the_client_but_reads_no_side(tmp_path: Path) -> None:
    spec = tmp_path / "simulator" / "spec"
    client = tmp_path / "simulator" / "client"
    for package in (tmp_path / "simulator", spec, client):
        package.mkdir(exist_ok=True)
        (package / "__init__.py").write_text("", encoding="utf-8")
    (spec / "api.py").write_text(
        "from simulator.spec.vocabulary import AccountState\nfrom simulator.backend.mail import Address\n",
        encoding="utf-8",
    )
    (client / "models.py").write_text("from simulator.spec import api\n", encoding="utf-8")

    assert violations(tmp_path) == [
        "simulator/spec/api.py:2: simulator.spec.api imports simulator.backend.mail "
        "(the app, the backend and the client all read it)",
        "simulator/spec/api.py:2: simulator.spec.api imports simulator.backend.mail.Address "
        "(the app, the backend and the client all read it)",
    ]
