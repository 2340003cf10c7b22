"""Kunden-App simulator: fake broker backend, emulated app and an Appium-compatible server."""

from __future__ import annotations

__version__ = "0.1.0"
