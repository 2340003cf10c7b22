"""The forms' submits: check the fields, then the backend flow and what its answer shows.

Login, registration, "Passwort vergessen", the new password of a reset link,
and the confirmation link (a form without fields). The checks here are the
app's own; the backend checks everything again and its messages win.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.app.flows import Flows, Services
from simulator.app.memory import Memory
from simulator.app.models import Tokens
from simulator.app.navigation import Navigation
from simulator.app.screens.login import MAKLER_ID_HELP

REGISTERED = (
    "Fast geschafft! Bitte bestätige Deine E-Mail-Adresse über den Link in der E-Mail, die wir Dir geschickt haben."
)
CONFIRMED = "Deine E-Mail-Adresse ist bestätigt. Du kannst Dich jetzt anmelden."
RESET_REQUESTED = "Falls ein Konto zu diesen Angaben existiert, haben wir Dir eine E-Mail geschickt."
RESET_DONE = "Dein neues Passwort ist gespeichert. Du kannst Dich jetzt anmelden."
PASSWORDS_DIFFER = "Die Passwörter stimmen nicht überein."


class Forms:
    """One submit handler per form; call with the phone's lock held."""

    def __init__(self, mem: Memory, services: Services, nav: Navigation, flows: Flows) -> None:
        self.mem = mem
        self._s = services
        self._nav = nav
        self._flows = flows

    def _begin(self, *notes: str) -> None:
        for note in notes:
            self.mem.notes.pop(note, None)
        self.mem.banner = None

    # ------------------------------------------------------------------ login
    def submit_login(self) -> None:
        fields = self.mem.fields
        email = fields.get("login_email", "").strip()
        password = fields.get("login_password", "")
        makler_id = fields.get("login_makler_id", "").strip()
        self._begin("login_error")
        if not email or not password:
            self.mem.notes["login_error"] = "Bitte gib E-Mail-Adresse und Passwort ein."
        elif not makler_id:
            self.mem.notes["login_error"] = f"Bitte gib die Makler-ID ein. {MAKLER_ID_HELP}"
        else:
            self._flows.spawn("login", lambda: self._login(email, password, makler_id))

    def _login(self, email: str, password: str, makler_id: str) -> None:
        def logged_in(tokens: Tokens) -> None:
            self._s.storage.set_tokens(tokens)
            self._s.storage.makler_id = makler_id
            self._s.log.add("login: session stored")
            self._flows.new_session()
            self.mem.session_error = False
            self._nav.enter_main()

        if self._flows.run_flow(
            lambda: self._s.client.login(email, password, makler_id),
            logged_in,
            lambda exc: self._flows.fail(exc, "login_error"),
        ):
            self._flows.load_main()

    # ------------------------------------------------------------------ registration
    def submit_register(self) -> None:
        fields = self.mem.fields
        email = fields.get("register_email", "").strip()
        makler_id = fields.get("register_makler_id", "").strip()
        password = fields.get("register_password", "")
        invitation = self.mem.route.param or None  # opened from the invitation link: its secret goes along
        self._begin("register_error")
        if not email or not makler_id or not password:
            self.mem.notes["register_error"] = "Bitte fülle alle Felder aus."
            return
        if password != fields.get("register_password_repeat", ""):
            self.mem.notes["register_error"] = PASSWORDS_DIFFER
            return

        def registered(message: str) -> None:
            self.mem.notes["register_confirmation"] = message or REGISTERED
            self._s.storage.makler_id = makler_id
            self.mem.fields["login_email"] = email
            self.mem.fields["login_makler_id"] = makler_id

        # The checklist is advice only: the backend checks the rules again and names the violations.
        self._flows.spawn(
            "register",
            lambda: self._flows.run_flow(
                lambda: self._s.client.register(email, makler_id, password, invitation),
                registered,
                lambda exc: self._flows.fail(exc, "register_error"),
            ),
        )

    def invited(self, makler_id: str, email: str) -> None:
        """An invitation link opened the registration form: prefill it and keep the Makler-ID."""
        self._s.storage.makler_id = makler_id
        self.mem.fields["login_makler_id"] = makler_id
        self.mem.fields["register_email"] = email
        self.mem.fields["register_makler_id"] = makler_id

    def confirm(self, token: str) -> None:
        """A confirmation link: the backend confirms the address, the screen shows its answer."""
        self._message("confirm", lambda: self._s.client.confirm(token), "confirm_message", "confirm_error", CONFIRMED)

    # ------------------------------------------------------------------ passwords
    def submit_forgot(self) -> None:
        email = self.mem.fields.get("forgot_email", "").strip()
        makler_id = self.mem.fields.get("forgot_makler_id", "").strip()
        self._begin("forgot_error", "forgot_confirmation")
        if not email or not makler_id:
            self.mem.notes["forgot_error"] = "Bitte gib E-Mail-Adresse und Makler-ID ein."
            return
        self._message(
            "forgot",
            lambda: self._s.client.forgot_password(email, makler_id),
            "forgot_confirmation",
            "forgot_error",
            RESET_REQUESTED,
        )

    def submit_reset(self) -> None:
        token = self.mem.route.param
        password = self.mem.fields.get("reset_password", "")
        self._begin("reset_error")
        if not password or password != self.mem.fields.get("reset_password_repeat", ""):
            self.mem.notes["reset_error"] = PASSWORDS_DIFFER if password else "Bitte gib ein neues Passwort ein."
            return
        self._message(
            "reset",
            lambda: self._s.client.reset_password(token, password),
            "reset_confirmation",
            "reset_error",
            RESET_DONE,
        )

    def _message(self, name: str, call: Callable[[], str], ok_note: str, error_note: str, default: str) -> None:
        """A flow whose answer is just a message to show (confirm, forgot, reset)."""

        def shown(message: str) -> None:
            self.mem.notes[ok_note] = message or default

        self._flows.spawn(
            name, lambda: self._flows.run_flow(call, shown, lambda exc: self._flows.fail(exc, error_note))
        )
