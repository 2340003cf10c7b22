"""The layering of docs/architecture.md, read from its import-rule table and checked on every import (also lazy ones
inside functions and under ``TYPE_CHECKING``)."""

from __future__ import annotations

import ast
import graphlib
import re
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


DOC = ROOT / "docs" / "architecture.md"
NAME = re.compile(r"`([\w.]+)`")


def rules_of(doc: Path) -> tuple[Rule, ...]:
    """The import-rule table of docs/architecture.md: package | never imports | except | why."""
    section = doc.read_text(encoding="utf-8").split("\n## Import rules\n", 1)[1].split("\n## ", 1)[0]
    rules = []
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        package, never, allowed, why = (cell.strip() for cell in line.strip().strip("|").split("|"))
        (source,) = NAME.findall(package)
        rules.append(Rule(source, tuple(NAME.findall(never)), tuple(NAME.findall(allowed)), why))
    return tuple(rules)


RULES = rules_of(DOC)


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


def packages(root: Path) -> list[str]:
    """Every package of the project (a folder with ``__init__.py``; tests and hidden folders left out)."""
    return sorted(name for name, path in project_modules(root).items() if path.name == "__init__.py")


def without_rule(root: Path, rules: tuple[Rule, ...]) -> list[str]:
    """The packages no row of the table covers (neither their own nor a parent's)."""
    return [package for package in packages(root) if not any(within(package, rule.source) for rule in rules)]


def test_the_rules_are_the_table_of_docs_architecture_md() -> None:
    assert len(RULES) >= 15 and all(rule.why for rule in RULES)
    assert len({rule.source for rule in RULES}) == len(RULES), "one row per package"
    client = next(rule for rule in RULES if rule.source == "simulator.client")
    assert client.forbidden == ("simulator",) and client.allowed == ("simulator.client", "simulator.spec")
    harness = next(rule for rule in RULES if rule.source == "harness")
    assert "steps" in harness.forbidden and "simulator.client" in harness.allowed


def test_every_package_has_a_row_in_the_table() -> None:
    assert without_rule(ROOT, RULES) == []


def test_a_package_without_a_row_is_named(tmp_path: Path) -> None:
    doc = tmp_path / "architecture.md"
    text = DOC.read_text(encoding="utf-8")
    doc.write_text("\n".join(line for line in text.splitlines() if not line.startswith("| `bench`")), encoding="utf-8")
    assert without_rule(ROOT, rules_of(doc)) == ["bench"]


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
        "(the harness knows no step; it reaches the app through Appium and the backend over HTTP "
        "(simulator.embedded starts the default run mode))",
        "simulator/app/bad.py:5: simulator.app.bad imports simulator.backend "
        "(the app reaches the backend only over HTTP, through its own app-API client)",
        "simulator/app/bad.py:5: simulator.app.bad imports simulator.backend.store "
        "(the app reaches the backend only over HTTP, through its own app-API client)",
        "simulator/cli.py:2: simulator.cli imports steps (the simulator knows no suite: the suites build on it)",
        "simulator/cli.py:2: simulator.cli imports steps.catalogue "
        "(the simulator knows no suite: the suites build on it)",
        "simulator/client/http.py:2: simulator.client.http imports simulator.world "
        "(the backend client speaks HTTP only, so the harness and the steps may use it)",
        "simulator/world/load.py:2: simulator.world.load imports simulator.backend.store "
        "(world files reach the backend only through simulator.client)",
        "simulator/world/load.py:2: simulator.world.load imports simulator.backend.store.Store "
        "(world files reach the backend only through simulator.client)",
        "steps/s.py:2: steps.s imports simulator.app.tree "
        "(steps reach the app only through Appium and the backend only over HTTP "
        "(simulator.world is HTTP-only by its own row))",
        "steps/s.py:4: steps.s imports simulator.tools.diagnose "
        "(steps reach the app only through Appium and the backend only over HTTP "
        "(simulator.world is HTTP-only by its own row))",
        "steps/s.py:4: steps.s imports simulator.tools.diagnose.diagnose "
        "(steps reach the app only through Appium and the backend only over HTTP "
        "(simulator.world is HTTP-only by its own row))",
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
