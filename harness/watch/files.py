"""The suite's own files as the watch mode sees them: which are watched, which a run imports afresh, checks on save.

Every module loaded from a watched path is imported anew by each run (the warm process forgets
them, :mod:`harness.watch.warm`); everything else (the harness, the simulator, the libraries) stays
loaded for the watcher's life. (No watchfiles here: the warm process imports this module before
pytest starts, and a library with a pytest plugin, such as watchfiles' anyio, must first be imported
by pytest.)
"""

from __future__ import annotations

import glob
import importlib.util
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PATHS = ("features", "steps", "tests", "conftest.py", "examples/worlds")  # the suite of this repository
EXTENSIONS = (".feature", ".yaml", ".yml")  # besides Python: feature files and the world files scenarios read


@dataclass(frozen=True)
class Suite:
    """The watched paths (absolute, each one existing) below the project directory ``root``."""

    root: Path
    paths: tuple[Path, ...]

    @classmethod
    def find(cls, root: Path, names: tuple[str, ...]) -> Suite:
        """The given paths (relative to ``root``) that exist; a ValueError naming them when none does."""
        paths = tuple(path for name in names if (path := (root / name).resolve()).exists())
        if not paths:
            raise ValueError(f"keiner der Pfade {', '.join(names)} existiert in {root}")
        return cls(root.resolve(), paths)

    def holds(self, file: str | Path) -> bool:
        """Whether ``file`` lies in a watched path (its module is imported afresh by every run)."""
        resolved = Path(file).resolve()
        return any(resolved.is_relative_to(path) for path in self.paths)

    def label(self, file: str | Path) -> str:
        """``file`` as the console names it: relative to the project directory where it lies below it."""
        resolved = Path(file).resolve()
        return resolved.relative_to(self.root).as_posix() if resolved.is_relative_to(self.root) else str(resolved)

    def python_files(self) -> list[Path]:
        """Every Python file in the watched paths (checked once before the first run)."""
        found: list[Path] = []
        for path in self.paths:
            found += [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
        return [file for file in found if "__pycache__" not in file.parts]


def syntax_error(file: Path) -> str | None:
    """None when ``file`` compiles, else where and what (German; Python's own words for what)."""
    try:
        compile(file.read_bytes(), str(file), "exec", dont_inherit=True)
    except SyntaxError as exc:
        where = f"Zeile {exc.lineno}" + (f", Spalte {exc.offset}" if exc.offset else "")
        shown = f"\n    {exc.text.rstrip()}" if exc.text and exc.text.strip() else ""
        return f"{where}: {exc.msg}{shown}"
    except (ValueError, OSError) as exc:  # null bytes; unreadable
        return str(exc)
    return None


def forget_bytecode(file: Path) -> None:
    """Remove the cached bytecode of ``file``: Python's, and pytest's of the rewritten module.

    Python's cache trusts a file's size and its modification time in whole seconds: an edit that
    keeps the size within the second of the last compile would otherwise run the old code.
    """
    cache = Path(importlib.util.cache_from_source(str(file)))
    for stale in cache.parent.glob(f"{glob.escape(file.stem)}.*.pyc"):
        stale.unlink(missing_ok=True)
