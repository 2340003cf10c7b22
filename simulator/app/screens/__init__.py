"""Screens: pure functions from the app's memory (and ``Env``) to one element tree.

``render`` picks the screen of the route on top of the navigation stack.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.app import screen_routes
from simulator.app.memory import Env, Memory
from simulator.app.screens import contract, forgot, login, register, reset, tabs, update
from simulator.app.tree import Node

Screen = Callable[[Memory, Env], Node]

SCREENS: dict[str, Screen] = {
    screen_routes.LOGIN: login.screen,
    screen_routes.REGISTER: register.screen,
    screen_routes.FORGOT: forgot.screen,
    screen_routes.RESET: reset.screen,
    screen_routes.CONFIRM: register.confirm_screen,
    screen_routes.UPDATE: update.screen,
    screen_routes.MAIN: tabs.screen,
    screen_routes.CONTRACT: contract.screen,
}


def render(mem: Memory, env: Env) -> Node:
    """The element tree of what the app shows now."""
    return SCREENS[mem.route.name](mem, env)
