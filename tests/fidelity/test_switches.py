"""make fidelity: every documented case has a switch, and every switch names a real mechanism."""

from __future__ import annotations

import pytest

from fidelity.__main__ import main
from fidelity.switches import SWITCHES
from simulator.app.behaviours import REGISTRY
from simulator.backend.mechanisms import MECHANISMS
from tests.harness.test_feature_tags import CASES


def test_every_documented_case_is_switched_in_the_article_order() -> None:
    assert list(SWITCHES) == CASES


@pytest.mark.parametrize("case", sorted(SWITCHES))
def test_each_switch_names_a_known_mechanism_and_mode(case: str) -> None:
    switch = SWITCHES[case]
    assert switch.backend or switch.behaviours
    for name, mode in switch.backend.items():
        assert name in MECHANISMS and mode in ("off", "inverted")
    for name, mode in switch.behaviours.items():
        assert name in REGISTRY and mode == "inverted"


@pytest.mark.parametrize("argv", [["no_such_case"], ["makler-id"], ["--jobs", "0"]])
def test_unknown_cases_and_bad_options_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert capsys.readouterr().err
