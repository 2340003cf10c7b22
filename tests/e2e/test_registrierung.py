"""Registrierung scenarios (features/registrierung)."""

from pytest_bdd import scenarios

scenarios("registrierung")
