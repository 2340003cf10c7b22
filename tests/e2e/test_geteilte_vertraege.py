"""Geteilte Verträge scenarios (features/geteilte_vertraege)."""

from pytest_bdd import scenarios

scenarios("geteilte_vertraege")
