"""The released builds of the Kunden-App and the OS version formats the simulated phones know.

One list, used wherever a build or an OS version comes in: new-session capabilities
(``appium:app``, ``appium:platformVersion``), the ``kundenapp: updateOs`` command and world
files. A build that is not in it is refused, never replaced by another one: a developer
reproducing a 3.5.2 report must not silently get a fixed build.
Messages are German and English, since they reach both QA and client libraries.
"""

from __future__ import annotations

import re

from simulator.app.device_api import Platform
from simulator.app.versions import parse_version, version_from_app
from simulator.registry import NEWEST_RELEASE, RELEASES

LATEST = NEWEST_RELEASE
SUFFIX: dict[Platform, str] = {"android": ".apk", "ios": ".ipa"}
_FOREIGN_SUFFIX: dict[Platform, tuple[str, ...]] = {"android": (".ipa", ".app", ".app.zip"), "ios": (".apk", ".aab")}
PLATFORM_NAME: dict[Platform, str] = {"android": "Android", "ios": "iOS"}
# Major[.minor[.patch]]: Android "14", "13.0"; iOS "17.4", "16.7.2". Anything else is no OS version.
_OS_VERSION = re.compile(r"\d{1,2}(\.\d{1,3}){0,2}")


class UnknownBuild(ValueError):
    """A build or OS version the simulator does not have; the message says what is known."""


def build_file(platform: Platform, version: str) -> str:
    """The build file name of a release, e.g. ``kundenapp-3.5.2.apk``."""
    return f"kundenapp-{version}{SUFFIX[platform]}"


def known_builds(platform: Platform) -> str:
    """The known builds of a platform, for messages."""
    return ", ".join(build_file(platform, v) for v in RELEASES)


def release(version: str) -> str | None:
    """The released build ``version`` names (``3.6`` is ``3.6.0``), or None."""
    try:
        wanted = parse_version(version)
    except ValueError:
        return None
    return next((r for r in RELEASES if parse_version(r) == wanted), None)


def check_build(app: str, platform: Platform) -> str:
    """The release an ``appium:app`` value names on this platform; UnknownBuild otherwise."""
    name = app.split("?", 1)[0].strip().lower()
    known = f"Bekannte Builds / known builds: {known_builds(platform)}"
    if name.endswith(_FOREIGN_SUFFIX[platform]):
        raise UnknownBuild(
            f"„{app}“ ist kein {PLATFORM_NAME[platform]}-Build / {app!r} is not a build for "
            f"{PLATFORM_NAME[platform]} (expected *{SUFFIX[platform]}). {known}"
        )
    version = version_from_app(app.split("?", 1)[0])
    if version is None:
        raise UnknownBuild(f"„{app}“ nennt keine App-Version / {app!r} names no app version. {known}")
    found = release(version)
    if found is None:
        raise UnknownBuild(
            f"Unbekannter App-Build „{app}“ (Version {version}) / unknown app build {app!r} "
            f"(version {version}). {known}"
        )
    return found


def check_os_version(platform: Platform, version: object) -> str:
    """An OS version in the platform's format (``14``, ``17.4``) as text; UnknownBuild otherwise."""
    text = str(version).strip() if isinstance(version, str | int | float) and not isinstance(version, bool) else ""
    if not _OS_VERSION.fullmatch(text):
        example = "14" if platform == "android" else "17.4"
        raise UnknownBuild(
            f"Unbekanntes Format der {PLATFORM_NAME[platform]}-Version {version!r} (z. B. {example}) / "
            f"unknown {PLATFORM_NAME[platform]} version format {version!r} (e.g. {example})"
        )
    return text
