"""Appium's own endpoints: contexts, settings, logs and the geolocation.

https://appium.io/docs/en/latest/reference/api/ (contexts, settings, logs, JSONWP location)
"""

from __future__ import annotations

from typing import Any

from simulator.app.device_api import LogEntry
from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.session import Call, Location

NATIVE_APP = "NATIVE_APP"
APP_LOG_TYPE = {"android": "logcat", "ios": "syslog"}
SERVER_LOG_TYPE = "server"


def get_contexts(call: Call) -> list[str]:
    """Appium's Get Contexts: a native app has no web views."""
    del call
    return [NATIVE_APP]


def get_current_context(call: Call) -> str:
    """Appium's Get Current Context."""
    del call
    return NATIVE_APP


def set_context(call: Call) -> None:
    """Appium's Set Context: only NATIVE_APP exists (``no such context`` otherwise, as Appium)."""
    name = call.body["name"]  # required by the route
    if not isinstance(name, str):
        raise WebDriverError("invalid argument", "'name' must be a string")
    if name != NATIVE_APP:
        raise WebDriverError("no such context", "No such context found.")


def get_settings(call: Call) -> dict[str, Any]:
    """Appium's Get Settings."""
    return dict(call.session.settings)


def update_settings(call: Call) -> None:
    """Appium's Update Settings: ``{"settings": {...}}`` merged into the session's settings."""
    settings = call.body.get("settings")
    if not isinstance(settings, dict):
        raise WebDriverError("invalid argument", "'settings' must be a JSON object")
    call.session.settings.update(settings)


def get_location(call: Call) -> Location:
    """Appium's Get Geolocation: the phone's position (the emulator's or simulator's default until set)."""
    return call.session.location.copy()


def set_location(call: Call) -> Location:
    """Appium's Set Geolocation ``{"location": {latitude, longitude, altitude?}}``; answers the new position."""
    value = call.body.get("location")
    if not isinstance(value, dict):
        raise WebDriverError("invalid argument", "'location' must be a JSON object with latitude and longitude")
    numbers: dict[str, float] = {}
    for name, low, high in (("latitude", -90, 90), ("longitude", -180, 180), ("altitude", -1e5, 1e5)):
        number = value.get(name, 0.0 if name == "altitude" else None)
        if isinstance(number, bool) or not isinstance(number, int | float) or not low <= number <= high:
            raise WebDriverError("invalid argument", f"'{name}' must be a number in [{low:g}, {high:g}]")
        numbers[name] = float(number)
    call.session.location = Location(
        latitude=numbers["latitude"], longitude=numbers["longitude"], altitude=numbers["altitude"]
    )
    return call.session.location.copy()


def get_log_types(call: Call) -> list[str]:
    """Appium's Get Log Types: the app log of the platform and the server log."""
    return [APP_LOG_TYPE[call.session.platform], SERVER_LOG_TYPE]


def get_log(call: Call) -> list[LogEntry]:
    """Appium's Get Log: the device's app log entries (the device hands out new ones, as logcat)."""
    session = call.session
    log_type = call.body.get("type")
    if log_type == SERVER_LOG_TYPE:
        return []
    if log_type != APP_LOG_TYPE[session.platform]:
        raise WebDriverError("invalid argument", f"unknown log type {log_type!r}; use {get_log_types(call)}")
    return [
        {
            "timestamp": int(entry.get("timestamp", 0)),
            "level": str(entry.get("level", "INFO")),
            "message": str(entry.get("message", "")),
        }
        for entry in session.device.logs()
    ]
