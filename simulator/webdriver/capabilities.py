"""New-session capabilities: W3C merging and matching, then parsing into a DeviceConfig.

https://www.w3.org/TR/webdriver2/#processing-capabilities
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.app.builds import LATEST, UnknownBuild, build_file, check_build, check_os_version
from simulator.app.device_api import DEFAULT_APP_ID, DeviceConfig, Platform
from simulator.app.versions import version_from_app
from simulator.caps import Capabilities
from simulator.webdriver.errors import WebDriverError

# A session that names the package but no app file finds the latest release installed (as a
# device that already has the app); one that names neither gets the phone with the app not
# installed (as a fresh device). The answer says which (kundenapp:appVersion, kundenapp:appNote), and
# the server logs it.
DEFAULT_APP_VERSION = LATEST
DEFAULT_OS_VERSION: dict[Platform, str] = {"android": "14", "ios": "17.4"}
AUTOMATION_NAME: dict[Platform, str] = {"android": "UiAutomator2", "ios": "XCUITest"}
PLATFORM_NAME: dict[Platform, str] = {"android": "Android", "ios": "iOS"}
VENDOR = "kundenapp:"

# https://www.w3.org/TR/webdriver2/#dfn-table-of-standard-capabilities
_STANDARD = frozenset(
    {
        "acceptInsecureCerts",
        "browserName",
        "browserVersion",
        "pageLoadStrategy",
        "platformName",
        "proxy",
        "setWindowRect",
        "strictFileInteractability",
        "timeouts",
        "unhandledPromptBehavior",
        "userAgent",
        "webSocketUrl",
    }
)
_STRINGS = frozenset(
    {
        "platformName",
        "appium:automationName",
        "appium:app",
        "appium:appPackage",
        "appium:bundleId",
        "appium:deviceName",
        "kundenapp:backendUrl",
        "kundenapp:simulator",  # Grid merges the relay stereotype's marker into the request (grid-node)
    }
)
_BOOLS = frozenset({"appium:noReset", "appium:fullReset"})
# Appium's default appium:newCommandTimeout (base driver: NEW_COMMAND_TIMEOUT_MS): a session no command
# addressed for this long ends and releases its phone; 0 means never.
DEFAULT_COMMAND_TIMEOUT = 60
COMMAND_TIMEOUT = "appium:newCommandTimeout"
MAX_COMMAND_TIMEOUT = 2**31  # seconds; JSON may say Infinity, a deadline must stay a number
# https://www.w3.org/TR/webdriver2/#timeouts (defaults)
DEFAULT_TIMEOUTS: dict[str, int | None] = {"script": 30_000, "pageLoad": 300_000, "implicit": 0}


@dataclass(frozen=True)
class SessionCapabilities:
    """The outcome of capability processing: the phone to build and the caps to echo."""

    config: DeviceConfig
    granted: Capabilities
    timeouts: dict[str, int | None]
    command_timeout: float | None = DEFAULT_COMMAND_TIMEOUT  # seconds (appium:newCommandTimeout); None: never
    notes: list[str] = field(default_factory=list)  # for the server log: what the session got and why


def process(body: dict[str, Any], backend_url: str) -> SessionCapabilities:
    """Merge alwaysMatch with each firstMatch and take the first one this server can serve."""
    always, first_matches = _envelope(body)
    always = _normalise(always)
    reasons: list[str] = []
    for first in first_matches:
        first = _normalise(first)
        overlap = always.keys() & first.keys()
        if overlap:
            raise WebDriverError(
                "invalid argument", f"capabilities in both alwaysMatch and firstMatch: {sorted(overlap)}"
            )
        merged = {**always, **first}
        _validate_types(merged)
        reason = _mismatch(merged)
        if reason is None:
            return _grant(merged, backend_url)
        reasons.append(reason)
    raise WebDriverError("session not created", "; ".join(reasons) or "no capabilities matched")


def parse_timeouts(value: Any, current: dict[str, int | None]) -> dict[str, int | None]:
    """A W3C timeouts object (also the legacy ``{"type","ms"}`` form) applied to ``current``.

    https://www.w3.org/TR/webdriver2/#dfn-deserialize-as-timeouts-configuration
    """
    if not isinstance(value, dict):
        raise WebDriverError("invalid argument", "timeouts must be a JSON object")
    if isinstance(value.get("type"), str) and "ms" in value:  # JSONWP, still sent by old clients
        value = {"pageLoad" if value["type"] == "page load" else value["type"]: value["ms"]}
    result = dict(current)
    for name in ("script", "pageLoad", "implicit"):
        if name not in value:
            continue
        ms = value[name]
        if ms is None and name == "script":
            result[name] = None
            continue
        if isinstance(ms, float) and ms.is_integer():
            ms = int(ms)
        if not isinstance(ms, int) or isinstance(ms, bool) or not 0 <= ms <= 2**53 - 1:
            raise WebDriverError("invalid argument", f"timeout {name!r} must be an integer in [0, 2^53-1]")
        result[name] = ms
    return result


def _envelope(body: dict[str, Any]) -> tuple[Capabilities, list[Capabilities]]:
    """alwaysMatch and firstMatch from the body; Grid-style and legacy bodies too."""
    caps = body.get("capabilities")
    if caps is None:
        if "alwaysMatch" in body or "firstMatch" in body:
            caps = body
        elif isinstance(body.get("desiredCapabilities"), dict):  # JSONWP clients
            caps = {"alwaysMatch": body["desiredCapabilities"]}
        else:
            raise WebDriverError("invalid argument", "the body needs a 'capabilities' object")
    if not isinstance(caps, dict):
        raise WebDriverError("invalid argument", "'capabilities' must be a JSON object")
    always = caps.get("alwaysMatch")
    always = {} if always is None else always
    if not isinstance(always, dict):
        raise WebDriverError("invalid argument", "'alwaysMatch' must be a JSON object")
    first = caps.get("firstMatch")
    first = [{}] if first is None else first
    if not isinstance(first, list) or not first or not all(isinstance(item, dict) for item in first):
        raise WebDriverError("invalid argument", "'firstMatch' must be a non-empty list of JSON objects")
    return always, first


def _normalise(caps: Capabilities) -> Capabilities:
    """Expand ``appium:options`` and prefix bare non-standard names with ``appium:`` as Appium does."""
    result: Capabilities = {}
    for name, value in caps.items():
        if name == "appium:options":
            if not isinstance(value, dict):
                raise WebDriverError("invalid argument", "'appium:options' must be a JSON object")
            result.update(_normalise(value))
            continue
        if name not in _STANDARD and ":" not in name:
            name = f"appium:{name}"
        result[name] = value
    return result


def _validate_types(caps: Capabilities) -> None:
    """Wrong JSON types are client mistakes: invalid argument (W3C validate capabilities)."""
    for name, value in caps.items():
        if name in _STRINGS and not isinstance(value, str):
            raise WebDriverError("invalid argument", f"capability {name!r} must be a string")
        if name in _BOOLS and not isinstance(value, bool):
            raise WebDriverError("invalid argument", f"capability {name!r} must be a boolean")
    version = caps.get("appium:platformVersion")
    if version is not None and (isinstance(version, bool) or not isinstance(version, str | int | float)):
        raise WebDriverError("invalid argument", "capability 'appium:platformVersion' must be a string")
    timeout = caps.get(COMMAND_TIMEOUT)
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 <= timeout <= MAX_COMMAND_TIMEOUT
    ):
        raise WebDriverError(
            "invalid argument",
            f"capability {COMMAND_TIMEOUT!r} must be seconds in [0, {MAX_COMMAND_TIMEOUT}] (0: never)",
        )
    latency = caps.get("kundenapp:latencyMs")
    if latency is not None and (isinstance(latency, bool) or not isinstance(latency, int) or latency < 0):
        raise WebDriverError("invalid argument", "capability 'kundenapp:latencyMs' must be an integer >= 0")


def _platform(caps: Capabilities) -> Platform | None:
    name = str(caps.get("platformName", "")).lower()
    if name == "android":
        return "android"
    if name == "ios":
        return "ios"
    return None


def _mismatch(caps: Capabilities) -> str | None:
    """Why this server cannot serve these capabilities, or None when it can."""
    platform = _platform(caps)
    if platform is None:
        if "platformName" not in caps:
            return "'platformName' is required (Android or iOS)"
        return f"unsupported platformName {caps['platformName']!r} (Android or iOS)"
    automation = caps.get("appium:automationName")
    if automation is not None and automation.lower() != AUTOMATION_NAME[platform].lower():
        return f"automationName {automation!r} is not supported on {PLATFORM_NAME[platform]}"
    return None


def app_version_of(app: str) -> str | None:
    """The version in a simulated build name: ``kundenapp-3.5.2.apk`` or ``kundenapp@4.0.0`` -> x.y.z; None if none."""
    return version_from_app(app.split("?", 1)[0].rstrip("/"))


def _app_version(caps: Capabilities, platform: Platform, named_id: str | None) -> tuple[str | None, str]:
    """The build the phone gets and a note saying so; a build that does not exist is refused."""
    app = caps.get("appium:app")
    if app is not None:
        try:
            version = check_build(app, platform)
        except UnknownBuild as exc:
            raise WebDriverError("session not created", str(exc)) from exc
        return version, f"App-Build {version} installiert / app build {version} installed ({app})"
    if named_id is not None:
        latest = build_file(platform, DEFAULT_APP_VERSION)
        return DEFAULT_APP_VERSION, (
            f"Kein appium:app angegeben: installiert ist der neueste Build {latest} / "
            f"no appium:app given: the latest build {latest} is installed"
        )
    return None, (
        "Kein appium:app angegeben: die Kunden-App ist nicht installiert (wie auf einem neuen Gerät), "
        "installieren mit mobile: installApp / no appium:app given: the app is not installed (as on a "
        "fresh device); install it with mobile: installApp"
    )


def _os_version(caps: Capabilities, platform: Platform) -> str:
    version = caps.get("appium:platformVersion")
    if version is None:
        return DEFAULT_OS_VERSION[platform]
    try:
        return check_os_version(platform, version)
    except UnknownBuild as exc:
        raise WebDriverError("session not created", str(exc)) from exc


def _grant(caps: Capabilities, backend_url: str) -> SessionCapabilities:
    platform = _platform(caps) or "android"  # _mismatch has checked it
    id_cap = "appium:appPackage" if platform == "android" else "appium:bundleId"
    named_id = caps.get(id_cap)
    app_version, note = _app_version(caps, platform, named_id)
    config = DeviceConfig(
        platform=platform,
        os_version=_os_version(caps, platform),
        app_version=app_version,
        app_id=named_id or DEFAULT_APP_ID,
        backend_url=caps.get("kundenapp:backendUrl") or backend_url,
        no_reset=caps.get("appium:noReset", False),
        full_reset=caps.get("appium:fullReset", False),
        latency_ms=caps.get("kundenapp:latencyMs", 0),
        device_name=caps.get("appium:deviceName") or "",  # none: a private phone (simulator/app/lifecycle/phones.py)
        extra={
            name[len(VENDOR) :]: value
            for name, value in caps.items()
            if name.startswith(VENDOR)
            and name not in ("kundenapp:backendUrl", "kundenapp:latencyMs", "kundenapp:simulator")
        },
    )
    granted = {
        **caps,
        "platformName": PLATFORM_NAME[platform],
        "appium:automationName": AUTOMATION_NAME[platform],
        "appium:platformVersion": config.os_version,
        id_cap: config.app_id,
        "kundenapp:backendUrl": config.backend_url,
        "kundenapp:appVersion": config.app_version,  # None: the app is not installed
        "kundenapp:appNote": note,
        COMMAND_TIMEOUT: caps.get(COMMAND_TIMEOUT, DEFAULT_COMMAND_TIMEOUT),  # what applies, given or not
    }
    timeouts = parse_timeouts(caps["timeouts"], DEFAULT_TIMEOUTS) if "timeouts" in caps else DEFAULT_TIMEOUTS
    seconds = granted[COMMAND_TIMEOUT]
    return SessionCapabilities(
        config=config, granted=granted, timeouts=dict(timeouts), command_timeout=seconds or None, notes=[note]
    )
