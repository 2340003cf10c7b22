"""The phone's home screen, shown whenever the app is not in the foreground."""

from __future__ import annotations

from simulator.app.tree import Node

KEY_PREFIX = "launcher:"
APP_ICON_KEY = KEY_PREFIX + "app_icon"
APP_LABEL = "Kunden-App"


def screen(installed: bool, platform: str) -> Node:
    """Home screen; the ``app_icon`` ("Kunden-App") is there when the app is installed."""
    title = "Startbildschirm" if platform == "android" else "Home-Bildschirm"
    children: list[Node] = [Node(kind="text", key=KEY_PREFIX + "title", text=title)]
    if installed:
        children.append(Node(kind="button", key=APP_ICON_KEY, id="app_icon", text=APP_LABEL))
    return Node(kind="screen", key=KEY_PREFIX + "screen", id="screen_launcher", children=tuple(children))
