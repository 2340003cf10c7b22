"""Fehlerberichte (features/fehlerberichte): each example world reproduced, its symptom, the article's remedy."""

from pytest_bdd import scenarios

scenarios("fehlerberichte")
