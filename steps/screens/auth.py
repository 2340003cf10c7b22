"""Screens before login: login, registration (with the live password checklist), forgot and reset password."""

from __future__ import annotations

from steps.screens.base import Screen

RULES = ("length", "lower", "upper", "digit", "special")


class LoginScreen(Screen):
    """Anmelden: e-mail, password, Makler-ID."""

    root = "screen_login"

    def login(self, email: str, password: str, makler_id: str | None) -> None:
        """Fill the form and submit."""
        self.wait_shown()
        self.type("login_email", email)
        self.type("login_password", password)
        if makler_id is not None:
            self.type("login_makler_id", makler_id)
        self.tap("login_submit")

    def error(self) -> str:
        """The error or hint on the login screen once the app is idle (after a failed login or an ended session)."""
        self.wait_shown()
        return self.read_now("login_error", "Fehlermeldung beim Login")

    def makler_id(self) -> str:
        """What the Makler-ID field holds now (e.g. prefilled from storage or the invitation link)."""
        self.wait_shown()
        return self.text("login_makler_id")


class RegisterScreen(Screen):
    """Registrieren (erste Anmeldung)."""

    root = "screen_register"

    def open_from_login(self) -> RegisterScreen:
        """An empty registration form: from the login screen, or after a finished registration."""
        if self.present("register_email"):
            return self
        if self.present("register_to_login"):
            self.tap("register_to_login")
        LoginScreen(self.driver, self.timeout).wait_shown()
        self.tap("login_register")
        self.wait_present("register_email")
        return self

    def fill(self, email: str | None, makler_id: str | None, password: str, repeat: str | None = None) -> None:
        """Fill the form (None keeps what is there, e.g. prefilled by the invitation link)."""
        self.wait_shown()
        if email is not None:
            self.type("register_email", email)
        if makler_id is not None:
            self.type("register_makler_id", makler_id)
        self.type("register_password", password)
        self.type("register_password_repeat", password if repeat is None else repeat)

    def checklist(self) -> dict[str, bool]:
        """Checked state of each password rule: Android reports ``checked``, an iOS switch its ``value``."""
        found = {}
        for rule in RULES:
            element = self.find(f"password_rule_{rule}")
            checked = element.get_attribute("checked")
            found[rule] = (checked if checked is not None else element.get_attribute("value")) in ("true", "1")
        return found

    def submit(self) -> None:
        """Registrieren."""
        self.tap("register_submit")

    def field(self, aid: str) -> str:
        """Current content of a form field."""
        return self.text(aid)

    def error(self) -> str:
        """The server's or the form's error."""
        return self.read_now("register_error", "Fehlermeldung bei der Registrierung")

    def confirmation(self) -> str:
        """The success text after registering."""
        return self.wait_text("register_confirmation", bool, "Bestätigung der Registrierung")


class ForgotScreen(Screen):
    """Passwort vergessen."""

    root = "screen_forgot"

    def request(self, email: str, makler_id: str) -> str:
        """Login -> Passwort vergessen -> send; returns the confirmation text."""
        LoginScreen(self.driver, self.timeout).wait_shown()
        self.tap("login_forgot_password")
        self.wait_shown()
        self.type("forgot_email", email)
        self.type("forgot_makler_id", makler_id)
        self.tap("forgot_submit")
        return self.wait_text("forgot_confirmation", bool, "Bestätigung „Passwort vergessen“")

    def error(self) -> str:
        """The form's or the server's error (e.g. a missing Makler-ID)."""
        return self.read_now("forgot_error", "Fehlermeldung bei „Passwort vergessen“")


class ResetScreen(Screen):
    """Neues Passwort festlegen (opened by the mailed link)."""

    root = "screen_reset"

    def set_password(self, password: str) -> None:
        """Enter the new password twice and submit."""
        self.wait_shown()
        self.type("reset_password", password)
        self.type("reset_password_repeat", password)
        self.tap("reset_submit")

    def outcome(self) -> str:
        """Confirmation or error text."""
        return self.wait(
            lambda d: next((self.text(a) for a in ("reset_confirmation", "reset_error") if self.present(a)), None),
            "Ergebnis des Zurücksetzens",
        )

    def to_login(self) -> None:
        """Zur Anmeldung (after success), else Zurück."""
        self.tap("reset_to_login" if self.present("reset_to_login") else "reset_back")
        LoginScreen(self.driver, self.timeout).wait_shown()


class ConfirmScreen(Screen):
    """What the confirmation link shows."""

    root = "screen_confirm"

    def outcome(self) -> str:
        """Success or error text."""
        return self.wait(
            lambda d: next((self.text(a) for a in ("confirm_message", "confirm_error") if self.present(a)), None),
            "Ergebnis der Bestätigung",
        )

    def to_login(self) -> None:
        """Zur Anmeldung."""
        self.tap("confirm_to_login")
        LoginScreen(self.driver, self.timeout).wait_shown()


class UpdateScreen(Screen):
    """Update erforderlich (app or operating system)."""

    root = "screen_update"

    def message(self) -> str:
        """Title and message."""
        return f"{self.title()}\n{self.body()}"

    def title(self) -> str:
        """The heading, read once the app is idle (the update check has answered)."""
        return self.read_now("update_required_title", "Update-Bildschirm")

    def body(self) -> str:
        """The message naming what to update and the minimum version."""
        self.wait_shown()
        return self.wait_text("update_required_message", bool, "Hinweis auf dem Update-Bildschirm")
