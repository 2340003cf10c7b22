"""Appium's own endpoints: contexts, settings and logs.

https://appium.io/docs/en/latest/reference/api/ (contexts, settings, logs)
"""

from __future__ import annotations

from typing import Any

from simulator.app.device_api import LogEntry
from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.session import Call

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
    name = call.body.get("name")
    if name is not None and not isinstance(name, str):
        raise WebDriverError("invalid argument", "'name' must be a string")
    if name not in (None, NATIVE_APP):
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
