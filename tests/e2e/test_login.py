"""Login scenarios (features/login): Passwort vergessen, deactivated account."""

from pytest_bdd import scenarios

scenarios("login")
