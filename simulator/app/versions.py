"""App and OS version numbers: parsing, ordering, and reading a build's version from its file name."""

from __future__ import annotations

import re

_LEADING_NUMBER = re.compile(r"\d+")
_BUILD_VERSION = re.compile(r"(\d+(?:\.\d+){0,3})")


def parse_version(text: str) -> tuple[int, ...]:
    """``"3.5.2"`` -> ``(3, 5, 2)``; trailing zeros are dropped so ``"17"`` equals ``"17.0"``."""
    parts: list[int] = []
    for piece in text.strip().split("."):
        match = _LEADING_NUMBER.match(piece)
        if match is None:
            break
        parts.append(int(match.group()))
    if not parts:
        raise ValueError(f"not a version number: {text!r}")
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def version_lt(left: str, right: str) -> bool:
    """True when version ``left`` is older than ``right``."""
    return parse_version(left) < parse_version(right)


def version_from_app(app: str) -> str | None:
    """The build version named by an ``appium:app`` / installApp value.

    Accepts a bare version (``"3.5.2"``) or a build file name or URL that
    carries one (``"/builds/kundenapp-3.5.2.apk"``, ``"kundenapp_4.0.0.ipa"``);
    None when there is no version in it.
    """
    name = app.strip().replace("\\", "/").rsplit("/", 1)[-1]
    found = _BUILD_VERSION.findall(name)
    if not found:
        return None
    # The version is the last dotted number; a lone "2" in "app2.apk" is no version.
    dotted = [candidate for candidate in found if "." in candidate]
    return dotted[-1] if dotted else (found[-1] if name == found[-1] else None)
