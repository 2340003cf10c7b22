"""``python -m steps [--json | --markdown]``: the step catalogue, every Gherkin step grouped by area with its
German one-liner (``docs/steps.md`` is the Markdown, ``make docs-steps``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from harness import catalogue
from steps import AREAS


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m steps", description="The step catalogue of the Gherkin suites.")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object per step (for tools)")
    form.add_argument("--markdown", action="store_true", help="Markdown, as in docs/steps.md (make docs-steps)")
    args = parser.parse_args(argv)
    entries = catalogue.catalogue(catalogue.definitions(AREAS), AREAS)
    if args.json:
        sys.stdout.write(catalogue.as_json(entries) + "\n")
    elif args.markdown:
        sys.stdout.write(catalogue.as_markdown(entries))
    else:
        sys.stdout.write(catalogue.as_text(entries) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
