"""One running process of the Kunden-App: the facade the phone talks to.

``KundenApp`` routes taps, typing, back and deep links to the concern that
handles them: ``navigation.py`` (the stack, tabs, inputs, forms' fields),
``forms.py`` (the submits), ``flows.py`` (backend calls through ``run_flow``,
the failure mapping, the main data, the behaviours' mechanisms) and
``cache.py`` (offline data). Its own part is the process lifecycle: cold
start, suspend, resume, terminate and network changes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from simulator.app import screen_routes
from simulator.app.behaviours import SHARED_RESTART
from simulator.app.flows import Flows, Services
from simulator.app.forms import Forms
from simulator.app.links import CONFIRM, INVITATION, DeepLink
from simulator.app.memory import Env, Memory, Summary
from simulator.app.navigation import INPUTS, Navigation
from simulator.app.screen_routes import TABS, ScreenRoute
from simulator.app.screens import render
from simulator.app.tree import Node


class KundenApp:
    """The app process: ``start`` (cold start), ``resume``, UI actions, deep links; ``render`` for the tree."""

    def __init__(self, process: int, services: Services) -> None:
        self.mem = Memory(process=process)
        self._s = services
        self._nav = nav = Navigation(self.mem, services.storage, services.log)
        self._flows = flows = Flows(self.mem, services, nav)
        self._forms = forms = Forms(self.mem, services, nav, flows)
        self._taps: dict[str, Callable[[], None]] = {
            "login_submit": forms.submit_login,
            "login_forgot_password": lambda: nav.open_form(screen_routes.FORGOT),
            "login_register": lambda: nav.open_form(screen_routes.REGISTER),
            "register_submit": forms.submit_register,
            "register_back": nav.pop,
            "register_to_login": nav.pop_to_root,
            "forgot_submit": forms.submit_forgot,
            "forgot_back": nav.pop,
            "reset_submit": forms.submit_reset,
            "reset_back": nav.pop,
            "reset_to_login": nav.pop_to_root,
            "confirm_to_login": nav.pop_to_root,
            "contract_back": nav.pop,
            "logout_button": lambda: flows.spawn("logout", flows.logout),
            **{f"tab_{tab}": functools.partial(self._select_tab, tab) for tab in TABS},
        }

    # ------------------------------------------------------------------ lifecycle
    def start(self, link: DeepLink | None = None) -> None:
        """Cold start: route from storage, then update check and data load; then the link, if any."""
        logged_in = self._s.storage.tokens() is not None
        self._nav.start(logged_in)
        if logged_in or self._s.storage.makler_id:
            self._flows.spawn("cold-start", self._flows.cold_start)
        if link is not None:
            self.open_link(link)

    def terminate(self) -> None:
        """The process dies: running flows drop their answers."""
        self._flows.alive = False

    def suspend(self) -> None:
        """Sent to the background: memory stays, the keyboard goes."""
        self._nav.focus(None)

    def resume(self) -> None:
        """Back in front: fixed builds retry a failed load and reload the customer list."""
        if self.mem.stack[0].name != screen_routes.MAIN or self.mem.session_error or self.mem.update:
            return
        main = self.mem.main
        if main.stuck:
            self._s.log.add("resume: main data stuck after an outage, no reload (unusable_memory)", "WARNING")
        elif main.failed:
            self._flows.reload("resume after a failed load")
        elif main.loaded and self._s.behaviour(SHARED_RESTART):
            self._s.log.add("resume: customer list kept from the cold start (shared_restart)")
        elif main.loaded:
            self._flows.reload("resume")

    def connectivity_changed(self, online: bool) -> None:
        """Network back: retry a load that failed (not a stuck one)."""
        main = self.mem.main
        if online and self.mem.stack[0].name == screen_routes.MAIN and main.failed and not main.stuck:
            if not self.mem.session_error and not self.mem.update:
                self._flows.reload("network back")

    # ------------------------------------------------------------------ rendering
    def render(self, env: Env) -> Node:
        """The current screen's element tree."""
        return render(self.mem, env)

    @property
    def keyboard_shown(self) -> bool:
        """True while an input has the focus."""
        return self.mem.focused is not None

    def hide_keyboard(self) -> None:
        """Drop the input focus."""
        self._nav.focus(None)

    def summary(self) -> Summary:
        """For the appState debugging command."""
        return self.mem.summary()

    # ------------------------------------------------------------------ input
    def tap(self, local: str) -> None:
        """Act on a tap of the element with this local key."""
        if local in INPUTS:
            self._nav.focus(local)
            return
        self._nav.focus(None)
        action = self._taps.get(local)
        if action is not None:
            action()
        elif local.startswith("chip."):
            self._nav.toggle_chip(local.removeprefix("chip."))
        elif local.startswith("contract."):
            contract_id = local.removeprefix("contract.")
            self._nav.open_contract(contract_id)
            self._flows.spawn("contract", lambda: self._flows.contract(contract_id))
        # Labels, checklist items and documents do nothing when tapped.

    def type_text(self, local: str, text: str) -> None:
        """Append to an input and give it the focus (the checklist re-renders from the value)."""
        self._nav.type_text(local, text)

    def clear(self, local: str) -> None:
        """Empty an input."""
        self._nav.clear(local)

    def back(self) -> bool:
        """In-app back: pop one screen; False at the root (the phone decides what happens then)."""
        if len(self.mem.stack) <= 1:
            return False
        self._nav.pop()
        return True

    def open_link(self, link: DeepLink) -> None:
        """Open a deep link (invitation, confirmation, password reset)."""
        if self.mem.update is not None:
            self._s.log.add(f"deep link {link.action} ignored: update required", "WARNING")
            return
        self._s.log.add(f"deep link: {link.action}")
        if link.action == INVITATION:  # the registration form keeps the link's secret (it proves the mailbox)
            self._nav.open_link_form(ScreenRoute(screen_routes.REGISTER, link.params.get("token", "")))
            self._forms.invited(link.params["makler_id"], link.params.get("email", ""))
        elif link.action == CONFIRM:
            self._nav.open_link_form(ScreenRoute(screen_routes.CONFIRM))
            self._forms.confirm(link.params["token"])
        else:
            self._nav.open_link_form(ScreenRoute(screen_routes.RESET, link.params["token"]))

    def _select_tab(self, tab: str) -> None:
        self._nav.select_tab(tab)
        main = self.mem.main
        if main.failed and not main.stuck and not self.mem.session_error:
            self._flows.reload("tab switch after a failed load")
