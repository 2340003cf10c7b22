"""Under pytest-xdist, the controller checks ``-m`` and ``-k`` before any worker starts.

A ``-m`` naming an undeclared marker (``--strict-markers``) or a ``-k`` that does not parse stops
a serial run with pytest's usage error (exit code 4); under ``-n`` each worker meets it while
collecting and the run ends in an internal error. The controller asks pytest's own selection
functions the same question over no items first, so both runs end alike.
"""

from __future__ import annotations

import pytest
from _pytest.mark import deselect_by_keyword, deselect_by_mark


def check(config: pytest.Config) -> None:
    """Raise pytest's ``UsageError`` for a ``-m`` or ``-k`` that the workers would refuse."""
    if hasattr(config, "workerinput") or config.getoption("dist", "no") == "no":
        return
    deselect_by_mark([], config)
    deselect_by_keyword([], config)
