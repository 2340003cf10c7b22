"""``python -m steps [--json | --markdown]``: the step catalogue, every Gherkin step grouped by area with its
German one-liner (``docs/steps.md`` is the Markdown, ``make docs-steps``); ``python -m steps --check``
(``make check``): every undefined or ambiguous step of the feature files, exit code 1 when there is one."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from harness import catalogue
from harness.bdd import step_check
from steps import AREAS

ROOT = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m steps", description="The step catalogue of the Gherkin suites.")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object per step (for tools)")
    form.add_argument("--markdown", action="store_true", help="Markdown, as in docs/steps.md (make docs-steps)")
    form.add_argument(
        "--check",
        nargs="?",
        const=str(ROOT / "features"),
        metavar="ORDNER",
        help="undefined or ambiguous steps of the feature files (default: features/); exit code 1 when found",
    )
    args = parser.parse_args(argv)
    if args.check is not None:
        return check(Path(args.check))
    entries = catalogue.catalogue(catalogue.definitions(AREAS), AREAS)
    if args.json:
        sys.stdout.write(catalogue.as_json(entries) + "\n")
    elif args.markdown:
        sys.stdout.write(catalogue.as_markdown(entries))
    else:
        sys.stdout.write(catalogue.as_text(entries) + "\n")
    return 0


def check(features: Path) -> int:
    """German: each undefined or ambiguous step with file:line and what would fit; 0 when there is none."""
    if not features.is_dir():
        sys.stderr.write(f"Fehler: kein Ordner mit Feature-Dateien: {features}\n")
        return 2
    found = step_check.findings(features, catalogue.definitions(AREAS), Path.cwd())
    for finding in found:
        sys.stdout.write(f"{finding}\n")
    count = len(list(features.rglob("*.feature")))
    if found:
        sys.stdout.write(f"{len(found)} Schritte ohne eindeutige Definition in {count} Feature-Dateien.\n")
        return 1
    sys.stdout.write(f"Alle Schritte der {count} Feature-Dateien haben genau eine Definition.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
