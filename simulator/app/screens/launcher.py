"""The phone's system UI, shown whenever the app is not in the foreground (simulator/app/README.md, Lifecycle).

Home screen with the app icon, and the app switcher (Android: recents, iOS:
app switcher) with one card per running app. The roots carry the system's
package (the launcher on Android, SpringBoard on iOS), so page source and
screenshot read like the real system screens.
"""

from __future__ import annotations

from simulator.app.tree import Node

KEY_PREFIX = "launcher:"
APP_ICON_KEY = KEY_PREFIX + "app_icon"
APP_CARD_KEY = KEY_PREFIX + "app_card"
CLEAR_ALL_KEY = KEY_PREFIX + "clear_all"
APP_LABEL = "Kunden-App"
SCREEN_ID = "screen_launcher"  # the home screen's root
SYSTEM_PACKAGE = {"android": "com.google.android.apps.nexuslauncher", "ios": "com.apple.springboard"}


def screen(installed: bool, platform: str) -> Node:
    """Home screen; the ``app_icon`` ("Kunden-App") is there when the app is installed."""
    title = "Startbildschirm" if platform == "android" else "Home-Bildschirm"
    children: list[Node] = [Node(kind="text", key=KEY_PREFIX + "title", text=title)]
    if installed:
        children.append(Node(kind="button", key=APP_ICON_KEY, id="app_icon", text=APP_LABEL))
    return Node(
        kind="screen",
        key=KEY_PREFIX + "screen",
        id=SCREEN_ID,
        children=tuple(children),
        package=SYSTEM_PACKAGE[platform],
    )


def switcher(running: bool, platform: str) -> Node:
    """Android recents / iOS app switcher: the app's card while its process runs.

    Swiping the card up ends the process; tapping it brings the app back.
    Android's recents also has "Alle löschen".
    """
    android = platform == "android"
    title = "Letzte Apps" if android else "App-Umschalter"
    children: list[Node] = [Node(kind="text", key=KEY_PREFIX + "switcher_title", text=title)]
    if running:
        children.append(Node(kind="button", key=APP_CARD_KEY, id="app_card", text=APP_LABEL))
        if android:
            children.append(Node(kind="button", key=CLEAR_ALL_KEY, id="clear_all", text="Alle löschen"))
    else:
        children.append(Node(kind="text", key=KEY_PREFIX + "switcher_empty", text="Keine kürzlich verwendeten Apps"))
    return Node(
        kind="screen",
        key=KEY_PREFIX + "switcher",
        id="screen_recents" if android else "screen_app_switcher",
        children=tuple(children),
        package=SYSTEM_PACKAGE[platform],
    )
