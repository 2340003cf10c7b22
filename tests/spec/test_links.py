"""The token of a mailed app link, as backend and client both read it."""

from __future__ import annotations

from simulator.spec.links import first_token, token_of


def test_the_token_of_a_link_and_of_the_first_link_that_has_one() -> None:
    assert token_of("kundenapp://registrierung-bestaetigen?token=abc&x=1") == "abc"
    assert token_of("kundenapp://einladung?makler_id=MK1&email=a%40b.de") is None
    assert first_token(["kundenapp://einladung?makler_id=MK1", "kundenapp://passwort?token=t2"]) == "t2"
    assert first_token([]) is None
