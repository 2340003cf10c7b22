"""App and OS version numbers in the app: ordering, and reading a build's version from its file name.

The parser is the shared one (``simulator/spec/versions.py``), used leniently: the app compares
versions it already holds, e.g. an OS version ``"17.4.1-beta"``.
"""

from __future__ import annotations

import re

from simulator.spec import versions as spec_versions

_BUILD_VERSION = re.compile(r"(\d+(?:\.\d+){0,3})")


def parse_version(text: str) -> tuple[int, ...]:
    """``"3.5.2"`` -> ``(3, 5, 2)``, read leniently (see ``simulator/spec/versions.py``)."""
    return spec_versions.parse_version(text, strict=False)


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
