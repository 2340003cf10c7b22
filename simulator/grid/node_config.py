"""The relay node TOML of a Grid 4 node in front of one ``kundenapp-sim serve``.

Grid matches ``appium:platformVersion`` exactly (``DefaultSlotMatcher``), so the node needs one
stereotype per platform and OS version the suite asks for: the defaults, the versions feature
files name in "hat ein Android-Telefon (Android 14)" (an outline's in every row of its Beispiele),
and the world files' phones.
https://www.selenium.dev/documentation/grid/configuration/toml_options/ (``[relay]``)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from gherkin.errors import ParserError
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler

from simulator.app.device_api import Platform
from simulator.grid.hub_config import HEALTHCHECK_SECONDS, events_section, toml_string
from simulator.webdriver.capabilities import DEFAULT_OS_VERSION
from simulator.webdriver.session import BUILD_NAME
from simulator.world.parse import WorldError, read

STEREOTYPE_MARKER = "kundenapp:simulator"  # tells ``--target remote`` that every slot is a simulator
PLATFORM_NAME: dict[Platform, str] = {"android": "Android", "ios": "iOS"}
# the phone step of the feature files: "hat ein Android-Telefon (Android 14) mit der Kunden-App …"
PHONE_STEP = re.compile(r"-Telefon \((Android|iOS) (\d+(?:\.\d+)*)\)")


def suite_versions(features: Path, worlds: Path) -> list[tuple[Platform, str]]:
    """Every (platform, OS version) a session of the suite may ask for, sorted (FeatureFileError: a broken file)."""
    found: set[tuple[Platform, str]] = set(DEFAULT_OS_VERSION.items())
    for feature in sorted(features.rglob("*.feature")):
        for text in _step_texts(feature):
            for name, version in PHONE_STEP.findall(text):
                found.add(("ios" if name == "iOS" else "android", version))
    for path in sorted(worlds.glob("*.yaml")):
        try:
            phone = read(path).phone
        except WorldError:
            continue  # a broken world fails its own scenario; it cannot add a version here
        if phone is not None:
            found.add((phone.platform, phone.os))
    return sorted(found, key=lambda item: (item[0], [int(part) for part in item[1].split(".")]))


class FeatureFileError(ValueError):
    """A feature file Gherkin cannot parse; the message names the file and the first problem."""


def _step_texts(feature: Path) -> list[str]:
    """Every step of a feature file as it runs: outlines once per Beispiele row, placeholders filled in."""
    try:
        document = Parser().parse(feature.read_text(encoding="utf-8"))
    except ParserError as exc:
        problem = str(exc).removeprefix("Parser errors:").strip().splitlines()[0]
        raise FeatureFileError(f"{feature}: keine gültige Feature-Datei {problem}") from exc
    pickles = Compiler().compile({**document, "uri": str(feature)})
    return [step["text"] for pickle in pickles for step in pickle["steps"]]


def stereotype(platform: Platform, version: str) -> dict[str, str]:
    """The capabilities Grid matches a new session against for one platform version.

    No ``appium:automationName``: Grid compares it case-sensitively, and clients spell it
    ``UiAutomator2`` or ``UIAutomator2``; the platform already decides the driver here.
    """
    return {
        "platformName": PLATFORM_NAME[platform],
        "appium:platformVersion": version,
        STEREOTYPE_MARKER: BUILD_NAME,
    }


def relay_toml(
    serve_url: str,
    versions: list[tuple[Platform, str]],
    *,
    hub_url: str | None = None,
    max_sessions: int = 4,
    host: str = "127.0.0.1",
    port: int = 5555,
    events: tuple[str, str] | None = None,
) -> str:
    """The TOML of a relay node forwarding to ``serve_url`` (``java -jar selenium-server.jar node --config``)."""
    if max_sessions < 1:
        raise ValueError("max-sessions must be at least 1")
    lines = [
        f"# Selenium Grid 4 relay node for the Kunden-App simulator at {serve_url}",
        "# (kundenapp-sim grid-node); one stereotype per platform and OS version the suite uses.",
        f"# The hub checks the node every {HEALTHCHECK_SECONDS} s (its own TOML: kundenapp-sim grid-hub); the node",
        "# answers DOWN while the serve's status-endpoint does not answer.",
        "[server]",
        f"host = {toml_string(host)}",
        f"port = {port}",
        "",
        "[node]",
        "detect-drivers = false",
        f"max-sessions = {max_sessions}",
        "override-max-sessions = true",
    ]
    if hub_url:
        lines.append(f"hub = {toml_string(hub_url.rstrip('/'))}")  # event bus on the hub's host, ports 4442/4443
        lines.append("register-cycle = 2")
    if events is not None:  # a hub with other event bus ports
        lines += events_section(events)
    lines += [
        "",
        "[relay]",
        f"url = {toml_string(serve_url.rstrip('/'))}",
        'status-endpoint = "/status"',
        'protocol-version = "HTTP/1.1"',
        "configs = [",
    ]
    for platform, version in versions:
        lines.append(f"  {toml_string(str(max_sessions))}, {toml_string(json.dumps(stereotype(platform, version)))},")
    lines.append("]")
    return "\n".join(lines) + "\n"
