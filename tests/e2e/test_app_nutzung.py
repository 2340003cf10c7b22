"""App nicht nutzbar scenarios (features/app_nutzung)."""

from pytest_bdd import scenarios

scenarios("app_nutzung")
