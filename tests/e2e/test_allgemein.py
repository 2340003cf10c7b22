"""Allgemein scenarios (features/allgemein): updates, Makler-ID, invitation in Spam or Junk."""

from pytest_bdd import scenarios

scenarios("allgemein")
