"""A run in which no test runs leaves the last reports alone: a ``-m`` with a mistyped marker (exit code 4 under
``--strict-markers``, as the suite runs) and a selection that matches nothing (exit code 5), serial and under ``-n``."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEATURE = """# language: de
@registrierung
Funktionalität: Auswahl
  @reg_email @android
  Szenario: Ein Makler genügt
    Angenommen ein Makler, der die Kunden-App anbietet
"""


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    out = pytester.path / "reports"
    return pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "--strict-markers",
        f"--junitxml={out}/junit.xml",
        f"--cucumberjson={out}/cucumber.json",
        f"--html={out}/e2e.html",
        "--self-contained-html",
        f"--alluredir={out}/allure",
        *args,
        timeout=180,
    )


# pytest refuses an undeclared marker in -m under --strict-markers from 9.2 on; before, the run selects nothing
UNKNOWN_MARKER = pytest.ExitCode.USAGE_ERROR if pytest.version_tuple >= (9, 2) else pytest.ExitCode.NO_TESTS_COLLECTED


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["seriell", "xdist"])
def test_a_wrong_selection_leaves_the_last_reports_alone(pytester: pytest.Pytester, workers: list[str]) -> None:
    pytester.makefile(".feature", auswahl=FEATURE)
    pytester.makepyfile(test_auswahl='from pytest_bdd import scenarios\n\nscenarios("auswahl.feature")\n')
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    markers = "\n    ".join(("registrierung", "reg_email", "android", "ios", "shared_relogin"))
    pytester.makeini(f"[pytest]\nmarkers =\n    {markers}\nfilterwarnings = error\n")
    _run(pytester).assert_outcomes(passed=1)
    out = pytester.path / "reports"
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert {Path("e2e.html"), Path("junit.xml"), Path("cucumber.json")} <= set(before)
    assert any(path.parts[0] == "allure" for path in before)
    assert b"Ein Makler gen" in before[Path("cucumber.json")]
    listing = sorted(p.name for p in out.iterdir())

    for selection, exit_code in (
        (["-m", "shared_relgin"], UNKNOWN_MARKER),  # a marker nobody declared
        (["-m", "registrierung and ios"], pytest.ExitCode.NO_TESTS_COLLECTED),  # declared, matches nothing
        (["-k", "gibt es nicht"], pytest.ExitCode.USAGE_ERROR),  # not an expression
    ):
        result = _run(pytester, *selection, *workers)
        assert result.ret == exit_code, (selection, result.stdout.str()[-1500:])
        result.stdout.fnmatch_lines(["*Kein Test gelaufen – die Berichte des vorigen Laufs bleiben unverändert.*"])
        after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        assert after == before, selection
        assert sorted(p.name for p in out.iterdir()) == listing, selection  # nothing added, nothing left aside
