"""Screens: pure functions from the app's memory (and ``Env``) to one element tree.

``render`` picks the screen of the route on top of the navigation stack.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.app import routes
from simulator.app.memory import Env, Memory
from simulator.app.screens import contract, forgot, login, register, reset, tabs, update
from simulator.app.tree import Node

Screen = Callable[[Memory, Env], Node]

SCREENS: dict[str, Screen] = {
    routes.LOGIN: login.screen,
    routes.REGISTER: register.screen,
    routes.FORGOT: forgot.screen,
    routes.RESET: reset.screen,
    routes.CONFIRM: register.confirm_screen,
    routes.UPDATE: update.screen,
    routes.MAIN: tabs.screen,
    routes.CONTRACT: contract.screen,
}


def render(mem: Memory, env: Env) -> Node:
    """The element tree of what the app shows now."""
    return SCREENS[mem.route.name](mem, env)
