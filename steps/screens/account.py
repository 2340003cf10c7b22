"""Access to the account: what the login form holds, the way back to it, the update screen, the app version."""

from __future__ import annotations

from steps.screens.auth import ConfirmScreen, ForgotScreen, LoginScreen, ResetScreen, UpdateScreen
from steps.screens.main import MainScreen


class LoginForm(LoginScreen):
    """The login screen, read back: prefilled fields and the note shown without a submit."""

    def makler_id(self) -> str:
        """What the Makler-ID field holds now (e.g. prefilled from storage or the invitation link)."""
        self.wait_shown()
        return self.text("login_makler_id")

    def note(self) -> str:
        """The error or hint shown on the login screen (e.g. after a session ended)."""
        self.wait_shown()
        return self.error()


class ForgotForm(ForgotScreen):
    """Passwort vergessen, with the form's own error (e.g. a missing Makler-ID)."""

    def error(self) -> str:
        """The form's or the server's error."""
        return self.wait_text("forgot_error", bool, "Fehlermeldung bei „Passwort vergessen“")


class ResetForm(ResetScreen):
    """Neues Passwort festlegen, with the way back to the login."""

    def to_login(self) -> None:
        """Zur Anmeldung (after success), else Zurück."""
        self.tap("reset_to_login" if self.present("reset_to_login") else "reset_back")
        LoginScreen(self.driver, self.timeout).wait_shown()


class ConfirmView(ConfirmScreen):
    """What the confirmation link shows, with the way back to the login."""

    def to_login(self) -> None:
        """Zur Anmeldung."""
        self.tap("confirm_to_login")
        LoginScreen(self.driver, self.timeout).wait_shown()


class UpdateView(UpdateScreen):
    """Update erforderlich: title and message separately."""

    def title(self) -> str:
        """The heading."""
        self.wait_shown()
        return self.text("update_required_title")

    def body(self) -> str:
        """The message naming what to update and the minimum version."""
        self.wait_shown()
        return self.wait_text("update_required_message", bool, "Hinweis auf dem Update-Bildschirm")


class MeTab(MainScreen):
    """Ich: the installed app version."""

    def app_version(self) -> str:
        """The version text under Ich (e.g. "Version 4.0.0")."""
        self.open_tab("Ich")
        return self.text("app_version")
