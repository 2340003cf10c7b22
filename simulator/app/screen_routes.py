"""Route names of the app's navigation stack, the main screen's tabs, and ``ScreenRoute``.

Each route name has one screen module (``screens/``) and a root accessibility id
``screen_<name>``.
"""

from __future__ import annotations

from dataclasses import dataclass

LOGIN = "login"
REGISTER = "register"
FORGOT = "forgot"
RESET = "reset"
CONFIRM = "confirm"
UPDATE = "update"
MAIN = "main"
CONTRACT = "contract"

TABS = ("overview", "contracts", "chat", "claims", "me")


@dataclass(frozen=True)
class ScreenRoute:
    """One entry of the navigation stack; ``param`` is the reset token, the invitation's secret or the contract id."""

    name: str
    param: str = ""
