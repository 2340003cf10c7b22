"""Pure pieces: password rules, versions, KDF profiles, tokens, clock."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters

from simulator.backend.clock import Clock
from simulator.backend.passwords import violations
from simulator.backend.security import KDF_PROFILES, PasswordHashing, new_token, token_hash
from simulator.backend.versions import below, parse


@pytest.mark.parametrize(
    ("password", "broken"),
    [
        ("", ["length", "lower", "upper", "digit", "special"]),
        ("Sicher!2026", []),
        ("ÄÖÜäöü1!", []),
        ("Mit Leer1", ["special"]),  # a blank is not a special character
    ],
)
def test_password_violations(password: str, broken: list[str]) -> None:
    assert [v["rule"] for v in violations(password)] == broken


def test_versions_compare_numerically() -> None:
    assert below("3.5.2", "3.6.0") and below("9", "10") and not below("10.0", "10")
    assert parse("17.4.0") == (17, 4)
    with pytest.raises(ValueError):
        parse("14-beta")


def test_production_profile_meets_owasp_argon2id_floor() -> None:
    production = KDF_PROFILES["production"]
    assert production.memory_cost_kib >= 19 * 1024 and production.time_cost >= 2
    params = extract_parameters(PasswordHashing("production").hash("x"))
    assert params.type.name == "ID"
    assert params.memory_cost == production.memory_cost_kib and params.time_cost == production.time_cost


def test_hashing_verifies_and_rejects() -> None:
    hashing = PasswordHashing("test")
    stored = hashing.hash("Sicher!2026")
    assert hashing.verify(stored, "Sicher!2026")
    assert not hashing.verify(stored, "sicher!2026")
    assert not hashing.verify(None, "Sicher!2026")
    assert not hashing.verify("kaputt", "Sicher!2026")
    with pytest.raises(ValueError):
        PasswordHashing("schnell")


def test_tokens_are_long_random_and_hashed() -> None:
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) >= 43 for t in tokens)
    token = next(iter(tokens))
    assert token_hash(token) != token and len(token_hash(token)) == 64


def test_clock_scopes_and_reset() -> None:
    now = [1000.0]
    clock = Clock(lambda: now[0])
    clock.advance(10, "MK1")
    clock.advance(5)
    assert (clock.now("MK1"), clock.now("MK2"), clock.now()) == (1015.0, 1005.0, 1005.0)
    with pytest.raises(ValueError):
        clock.advance(-1)
    clock.reset()
    assert clock.now("MK1") == 1000.0


def test_a_stopped_clock_moves_only_when_advanced_and_runs_again_when_forgotten() -> None:
    now = [1000.0]
    clock = Clock(lambda: now[0])
    assert clock.stop("MK1") == 1000.0
    now[0] = 1500.0  # wall time goes on
    assert (clock.now("MK1"), clock.now("MK2")) == (1000.0, 1500.0)
    assert clock.stop("MK1") == 1000.0  # stopping again does not move it
    clock.advance(3599, "MK1")
    assert clock.now("MK1") == 4599.0
    clock.forget("MK1")
    assert clock.now("MK1") == 1500.0
