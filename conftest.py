"""Root conftest: the harness (run modes, a broker and phones per scenario, reports) and every step module."""

from steps import AREAS

pytest_plugins = ["harness.plugin", *AREAS]
