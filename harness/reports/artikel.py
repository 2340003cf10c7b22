"""``artikel.html`` beside the Cucumber JSON: the help article with this run's result for every passage.

Written at the end of a run from the Cucumber JSON the run wrote (merged under ``-n``), by the same
code as ``kundenapp-sim artikel --cucumber`` (``simulator.artikel``), so both give the same page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.reports.cucumber import CUCUMBER_KEY

PAGE = "artikel.html"


def page_path(cucumber: str) -> Path:
    """Where the article page of a run goes: beside its Cucumber JSON."""
    return Path(cucumber).resolve().with_name(PAGE)


def write(config: pytest.Config) -> None:
    """After the Cucumber JSON is complete (not on an xdist worker): the article page of this run."""
    cucumber = config.stash.get(CUCUMBER_KEY, None)
    if not cucumber or hasattr(config, "workerinput") or not Path(cucumber).is_file():
        return
    from simulator.artikel.page import write as write_page  # Jinja2 and the article only when a page is written

    write_page(Path(cucumber), page_path(cucumber))
