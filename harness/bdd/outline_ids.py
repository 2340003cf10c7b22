"""Readable ids for scenario-outline rows: German example values spelt in ASCII ("nicht erfuellt").

pytest-bdd names a row by its example values joined with "-"; pytest escapes non-ASCII ids, so people
read ``nicht erf\\xfcllt``. pytest's ini switch against escaping applies to every id of the run (and
breaks ids made from bytes), so instead the rows are named here, the way German is written without
umlauts. The reports show the values themselves, umlauts included.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

EXAMPLE_ARG = "_pytest_bdd_example"  # the argument pytest-bdd parametrizes outline rows with
GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def example_of(item: pytest.Item) -> dict[str, str]:
    """The example values of an outline row's test item (empty for a plain scenario)."""
    callspec = getattr(item, "callspec", None)
    return dict(callspec.params.get(EXAMPLE_ARG, {})) if callspec is not None else {}


def ascii_id(text: str) -> str:
    """German in ASCII: umlauts and ß spelt out, other accents dropped (pytest escapes what is left)."""
    spelt = unicodedata.normalize("NFKD", text.translate(GERMAN))
    return "".join(c for c in spelt if not unicodedata.combining(c))


def _renamed(mark: pytest.Mark) -> pytest.Mark:
    if mark.name != "parametrize" or not mark.args or mark.args[0] != EXAMPLE_ARG:
        return mark
    rows = [
        pytest.param(*row.values, marks=row.marks, id=ascii_id(row.id) if row.id is not None else None)
        for row in mark.args[1]
    ]
    return pytest.mark.parametrize(EXAMPLE_ARG, rows, **mark.kwargs).mark


def rename_rows(obj: Any) -> None:
    """Before a scenario function becomes test items, name its outline rows in ASCII German."""
    marks = getattr(obj, "pytestmark", None)
    if isinstance(marks, list) and any(m.name == "parametrize" for m in marks):
        obj.pytestmark = [_renamed(mark) for mark in marks]
