"""Navigation of one app process: the screen stack, the tabs, the inputs and the forms' fields.

Everything here only changes ``Memory`` (and reads the stored Makler-ID to
prefill forms); backend calls are the flows' business (``flows.py``).
"""

from __future__ import annotations

from simulator.app import screen_routes
from simulator.app.applog import AppLog
from simulator.app.memory import Memory, UpdateRequired
from simulator.app.screen_routes import ScreenRoute
from simulator.app.storage import Storage

# The inputs: a tap focuses them (keyboard shown), typing appends to their value.
INPUTS = frozenset(
    {
        "login_email",
        "login_password",
        "login_makler_id",
        "register_email",
        "register_makler_id",
        "register_password",
        "register_password_repeat",
        "forgot_email",
        "forgot_makler_id",
        "reset_password",
        "reset_password_repeat",
    }
)


class Navigation:
    """Moves between screens and prepares their forms; call with the phone's lock held."""

    def __init__(self, mem: Memory, storage: Storage, log: AppLog) -> None:
        self.mem = mem
        self._storage = storage
        self._log = log

    # ------------------------------------------------------------------ the stack
    def start(self, logged_in: bool) -> None:
        """Cold start: the main screen with a stored session, else the login form."""
        self.mem.stack = [ScreenRoute(screen_routes.MAIN if logged_in else screen_routes.LOGIN)]
        self.fill_login()

    def pop(self) -> None:
        """Leave the top screen (not the root); leaving the contract details drops them."""
        if len(self.mem.stack) > 1:
            left = self.mem.stack.pop()
            if left.name == screen_routes.CONTRACT:
                self.mem.main.detail = None
                self.mem.main.detail_error = None

    def pop_to_root(self) -> None:
        """Back to the root screen."""
        while len(self.mem.stack) > 1:
            self.pop()

    def replace_top(self, route: ScreenRoute) -> None:
        """Show a link screen over the root, replacing other pushed screens."""
        self.mem.stack = [self.mem.stack[0], route]

    def open_contract(self, contract_id: str) -> None:
        """Push the contract details, empty until their load answers."""
        self.mem.stack.append(ScreenRoute(screen_routes.CONTRACT, contract_id))
        self.mem.main.detail = None
        self.mem.main.detail_error = None

    def enter_main(self) -> None:
        """Logged in: the main screen alone, first tab, the typed password forgotten."""
        self.mem.fields.pop("login_password", None)
        self.mem.stack = [ScreenRoute(screen_routes.MAIN)]
        self.mem.tab = "overview"

    def keep_main_root(self) -> None:
        """The main screen as root (it shows the session error); screens above a main root stay."""
        if self.mem.stack[0].name != screen_routes.MAIN:
            self.mem.stack = [ScreenRoute(screen_routes.MAIN)]

    def set_login_root(self, note: str | None) -> None:
        """Logged out: login screen as root; link screens above it stay."""
        above = [
            route for route in self.mem.stack[1:] if route.name not in (screen_routes.CONTRACT, screen_routes.MAIN)
        ]
        self.mem.stack = [ScreenRoute(screen_routes.LOGIN), *above]
        self.mem.tab = "overview"
        self.mem.fields.pop("login_password", None)
        self.fill_login()
        self.mem.notes.pop("login_error", None)
        if note:
            self.mem.notes["login_error"] = note

    def logged_out(self) -> None:
        """Abmelden: the login screen alone."""
        self.mem.stack = [self.mem.stack[0]]
        self.set_login_root(None)

    def show_update(self, kind: str, minimum: str) -> None:
        """The update screen replaces everything: the backend refuses this app or OS version."""
        self._log.add(f"update required: {kind} >= {minimum}", "WARNING")
        self.mem.update = UpdateRequired("os" if kind == "os" else "app", minimum)
        self.mem.stack = [ScreenRoute(screen_routes.UPDATE)]
        self.mem.banner = None
        self.mem.focused = None

    # ------------------------------------------------------------------ tabs and inputs
    def select_tab(self, tab: str) -> None:
        """Show one tab of the main screen."""
        self.mem.tab = tab

    def toggle_chip(self, customer_id: str) -> None:
        """Show or hide one customer's contracts."""
        self.mem.main.selected ^= {customer_id}

    def focus(self, local: str | None) -> None:
        """Give an input the focus (keyboard shown), or None to hide the keyboard."""
        self.mem.focused = local

    def type_text(self, local: str, text: str) -> None:
        """Append to an input and give it the focus (the checklist re-renders from the value)."""
        self.mem.fields[local] = self.mem.fields.get(local, "") + text
        self.mem.focused = local

    def clear(self, local: str) -> None:
        """Empty an input."""
        self.mem.fields[local] = ""
        self.mem.focused = local

    # ------------------------------------------------------------------ forms
    def fill_login(self) -> None:
        """Prefill the login form's Makler-ID from storage."""
        self.mem.fields["login_makler_id"] = self._storage.makler_id or ""

    def reset_form(self, name: str) -> None:
        """Forget a form's fields and messages (prefix ``<route>_``)."""
        prefix = f"{name}_"
        for key in [key for key in self.mem.fields if key.startswith(prefix)]:
            del self.mem.fields[key]
        for key in [key for key in self.mem.notes if key.startswith(prefix)]:
            del self.mem.notes[key]

    def open_form(self, name: str) -> None:
        """Push a fresh form prefilled with the login form's e-mail and Makler-ID."""
        fields = self.mem.fields
        self.reset_form(name)
        fields[f"{name}_email"] = fields.get("login_email", "")
        fields[f"{name}_makler_id"] = fields.get("login_makler_id", "") or self._storage.makler_id or ""
        self.mem.stack.append(ScreenRoute(name))

    def open_link_form(self, route: ScreenRoute) -> None:
        """A deep link's screen over the root, its form fresh."""
        self.replace_top(route)
        self.reset_form(route.name)
