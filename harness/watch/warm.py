"""The warm process of the watch mode: what the fork server imports once, before it forks a process per run.

multiprocessing's fork server imports this module (its preload) with the run's pytest arguments
and the watched paths in ``KUNDENAPP_WATCH_WARM`` (:mod:`harness.watch.runs` sets it). pytest
starts up once as it would for the run, but stops before collecting (``-V -V`` shows the plugins'
versions instead): the plugins, the harness and the step modules with every library they import
are loaded, through pytest's assertion rewriter, so a run's pytest finds them rewritten and warns
about nothing. No feature file is read, so pytest-bdd's feature cache stays empty. A few caches
every run would fill for itself are filled (:func:`prime_caches`). Then every module loaded from a
watched path is forgotten again (each run imports those from disk), and everything left is frozen
out of the garbage collector's way (``gc.freeze``): every run starts from these objects and never
frees them.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import platform
import sys
from pathlib import Path

import pytest

from harness.watch import child  # noqa: F401 - what every run unpickles, loaded once here
from harness.watch.files import Suite
from harness.watch.runs import WARM_ENV


def prime_caches() -> None:
    """What every run would otherwise build for itself, built once (together ~0.1-0.5 s a run, measured).

    Faker's locale providers: faker's pytest plugin makes an en_US Faker every session, the harness
    its one de_DE Faker (which every scenario reseeds); and the platform string pytest-metadata
    asks for at configure time, for which ``platform`` runs ``uname -p`` once per process.
    """
    # imported here, after pytest's start-up: faker is a pytest plugin, which pytest must import first (to rewrite it)
    from faker import Faker

    from harness.scenario_broker import seeded_faker

    Faker()
    seeded_faker(0)
    platform.platform()


def warm_up(args: list[str], suite: Suite) -> None:
    """Start pytest as for a run, up to collection; forget the suite's modules; freeze what is left."""
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        try:
            pytest.main([*args, "-p", "no:cacheprovider", "-V", "-V"])
        except Exception:  # noqa: S110 - only a warm-up: the first run meets and reports the same problem
            pass
    prime_caches()
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and suite.holds(file):
            del sys.modules[name]
    gc.collect()
    gc.freeze()


if (_spec := os.environ.get(WARM_ENV)) is not None:
    _warm = json.loads(_spec)
    warm_up(_warm["args"], Suite(Path(_warm["root"]), tuple(Path(path) for path in _warm["paths"])))
