"""JUnit XML: testcases named by their German scenario titles, with the seed and the replay command as properties.

pytest's junitxml names a testcase after its test function; a scenario's German title (outline rows
with their values) is what QA looks for. The title travels on the call-phase report
(``TITLE_ATTR``), so it arrives from xdist workers too; the properties are the item's
``user_properties`` (set in :mod:`harness.reports.scenario`).
"""

from __future__ import annotations

import pytest
from _pytest.junitxml import LogXML, xml_key

TITLE_ATTR = "kundenapp_title"  # an attribute on a call-phase report; it travels from xdist workers


class JUnitNames:
    """JUnit testcases named by their German scenario title (set before junitxml records the testcase)."""

    def __init__(self, xml: LogXML) -> None:
        self.xml = xml

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        title = getattr(report, TITLE_ATTR, None)
        if title:
            self.xml.node_reporter(report).add_attribute("name", title)


def name_testcases(config: pytest.Config) -> None:
    """With ``--junitxml``: register the namer (junitxml's writer exists once every plugin is configured)."""
    if (xml := config.stash.get(xml_key, None)) is not None:
        config.pluginmanager.register(JUnitNames(xml), "kundenapp-junit")
