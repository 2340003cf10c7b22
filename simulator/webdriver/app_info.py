"""What the Appium Inspector asks about the phone: the app in front and the device.

Its Session Information tab calls ``mobile: getCurrentPackage`` (Android) or
``mobile: activeAppInfo`` (iOS); its screenshot scaling calls ``mobile: deviceInfo``
(UiAutomator2's ``realDisplaySize``). Answers have the real drivers' shapes:
https://github.com/appium/appium-uiautomator2-driver#mobile-getcurrentpackage,
https://appium.github.io/appium-xcuitest-driver/latest/reference/execute-methods/#mobile-activeappinfo
A command of the other platform is ``unsupported operation``, as the real driver answers it
(``EXTENSIONS`` in ``simulator/webdriver/mobile.py`` names each one's platform).
"""

from __future__ import annotations

import zlib
from typing import Any, TypedDict

from simulator.app.device_api import APP_FOREGROUND
from simulator.webdriver.layout import window_size
from simulator.webdriver.session import Session

# What is in front when the Kunden-App is not: the launcher (Android) / SpringBoard (iOS).
ANDROID_LAUNCHER = ("com.google.android.apps.nexuslauncher", ".NexusLauncherActivity")
IOS_LAUNCHER = "com.apple.springboard"
MAIN_ACTIVITY = ".MainActivity"
API_LEVEL = {"10": "29", "11": "30", "12": "31", "13": "33", "14": "34", "15": "35", "16": "36"}
APP_NAME = "Kunden-App"

Args = dict[str, Any]  # a mobile: command's JSON arguments (these commands take none)


class ProcessArguments(TypedDict):
    """What WebDriverAgent reports the app was started with."""

    env: dict[str, str]
    args: list[str]


class ActiveAppInfo(TypedDict):
    """mobile: activeAppInfo (iOS)."""

    pid: int
    bundleId: str
    name: str
    processArguments: ProcessArguments


class IosDeviceInfo(TypedDict):
    """mobile: deviceInfo as WebDriverAgent answers it."""

    name: str
    model: str
    uuid: str
    userInterfaceIdiom: int
    userInterfaceStyle: str
    isSimulator: bool
    timeZone: str
    currentLocale: str
    thermalState: int


class Bluetooth(TypedDict):
    """The Bluetooth part of Android's deviceInfo."""

    state: str


class AndroidDeviceInfo(TypedDict):
    """mobile: deviceInfo as UiAutomator2 answers it."""

    realDisplaySize: str
    displayDensity: int
    platformVersion: str
    model: str
    manufacturer: str
    brand: str
    apiVersion: str
    androidId: str
    timeZone: str
    locale: str
    carrierName: str
    bluetooth: Bluetooth


def _app_in_front(session: Session) -> bool:
    return int(session.device.query_app_state(session.app_id)) == APP_FOREGROUND


def get_current_package(session: Session, args: Args) -> str:
    """mobile: getCurrentPackage (Android): the package of the app in front."""
    return session.app_id if _app_in_front(session) else ANDROID_LAUNCHER[0]


def get_current_activity(session: Session, args: Args) -> str:
    """mobile: getCurrentActivity (Android): the activity in front (``appium:appActivity`` if given)."""
    if not _app_in_front(session):
        return ANDROID_LAUNCHER[1]
    activity = session.capabilities.get("appium:appActivity")
    return activity if isinstance(activity, str) and activity else MAIN_ACTIVITY


def active_app_info(session: Session, args: Args) -> ActiveAppInfo:
    """mobile: activeAppInfo (iOS): pid, bundle id and name of the app in front, as WebDriverAgent."""
    if _app_in_front(session):
        bundle_id, name = session.app_id, APP_NAME
    else:
        bundle_id, name = IOS_LAUNCHER, ""
    pid = 1000 + zlib.crc32(f"{session.id}:{bundle_id}".encode()) % 60000  # stable per session and app
    return {"pid": pid, "bundleId": bundle_id, "name": name, "processArguments": {"env": {}, "args": []}}


def device_info(session: Session, args: Args) -> IosDeviceInfo | AndroidDeviceInfo:
    """mobile: deviceInfo: the simulated phone; ``realDisplaySize`` matches the screenshot's pixels."""
    config = session.config
    width, height = window_size(session.platform)
    if session.platform == "ios":
        return {
            "name": config.device_name or "iPhone",
            "model": "iPhone",
            "uuid": session.id.upper(),
            "userInterfaceIdiom": 1,
            "userInterfaceStyle": "light",
            "isSimulator": True,
            "timeZone": "Europe/Berlin",
            "currentLocale": "de_DE",
            "thermalState": 0,
        }
    return {
        "realDisplaySize": f"{width}x{height}",
        "displayDensity": 160,  # the layout is in dp: one dp per pixel of the screenshot
        "platformVersion": config.os_version,
        "model": config.device_name or "Android",
        "manufacturer": "Kundenapp-Simulator",
        "brand": "kundenapp",
        "apiVersion": API_LEVEL.get(config.os_version.split(".")[0], ""),
        "androidId": session.id.replace("-", "")[:16],
        "timeZone": "Europe/Berlin",
        "locale": "de_DE",
        "carrierName": "",
        "bluetooth": {"state": "OFF"},
    }
