"""The pytest harness of the Gherkin suites: run modes, a broker and phones per scenario, reports, pytest-bdd glue.

Loaded as one plugin (``harness.plugin``) by the root conftest. It reaches the app through the
Appium client and the backend over HTTP (``simulator.client``), like the steps, and never imports
a step module: the steps build on it (docs/architecture.md, import rules).
"""
