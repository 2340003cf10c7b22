"""The one version parser and its two strictness levels (simulator/spec/versions.py)."""

from __future__ import annotations

import pytest

from simulator.spec.versions import is_version, parse_version


@pytest.mark.parametrize(
    ("text", "parts"), [("3.5.2", (3, 5, 2)), ("17", (17,)), ("17.0", (17,)), ("4.0.0", (4,)), ("0", (0,))]
)
def test_both_levels_agree_on_plain_versions(text: str, parts: tuple[int, ...]) -> None:
    assert parse_version(text, strict=True) == parts
    assert parse_version(text, strict=False) == parts


@pytest.mark.parametrize("text", ["17.4.1-beta", " 3.5 ", "3.5.x", "12345", "1.2.3.4.5"])
def test_strict_refuses_what_lenient_reads(text: str) -> None:
    assert not is_version(text)
    with pytest.raises(ValueError, match="not a version"):
        parse_version(text, strict=True)
    assert parse_version(text, strict=False)


def test_lenient_reads_leading_numbers_up_to_the_first_piece_without_one() -> None:
    assert parse_version("17.4.1-beta", strict=False) == (17, 4, 1)
    assert parse_version("3.5.x.7", strict=False) == (3, 5)


@pytest.mark.parametrize("text", ["", "beta", ".3", "v3.5"])
def test_both_levels_refuse_text_without_a_leading_number(text: str) -> None:
    for strict in (True, False):
        with pytest.raises(ValueError, match="not a version"):
            parse_version(text, strict=strict)
