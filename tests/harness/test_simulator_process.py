"""The embedded run's simulator in a process of its own (harness/simulator_process.py): xdist workers share the one
the main process started, each worker's brokers and phones stay its own, and the process ends with the run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from harness import simulator_process

ROOT = Path(__file__).resolve().parents[2]

# Each worker (--dist each: every test on every worker) records where its target is, whether the simulator
# lives in its own process, and what its broker sees after inviting one customer of its own.
RECORDING_TESTS = """\
import json, os, sys
from pathlib import Path

from appium.webdriver.common.appiumby import AppiumBy

from harness import simulator_process


def test_a_broker_and_a_phone(request, target, scenario_broker, phones):
    admin = scenario_broker.admin
    email = scenario_broker.email("Kunde")
    admin.invite(admin.create_customer("Kunde", email).id)
    phone = phones()
    phone.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email")
    given = getattr(request.config, "workerinput", {}).get(simulator_process.WORKERINPUT_KEY)
    child = request.config.stash.get(simulator_process.CHILD_KEY, None)
    record = {
        "worker": os.environ.get("PYTEST_XDIST_WORKER", "main"),
        "child": given or ({"file": str(child.urls_file), "pid": child.process.pid} if child else None),
        "appium_url": target.appium_url,
        "backend_url": target.backend_url,
        "simulator_here": "simulator.embedded" in sys.modules,
        "makler_id": scenario_broker.broker.makler_id,
        "invited": [external.email for external in admin.externe()],
        "own_email": email,
    }
    out = Path(os.environ["RECORDS"]) / f"{record['worker']}.json"
    out.write_text(json.dumps(record), encoding="utf-8")
"""


def _run(pytester: pytest.Pytester, *args: str) -> list[dict[str, object]]:
    records = pytester.path / "records"
    records.mkdir()
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_recording=RECORDING_TESTS)
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECORDS", str(records))
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", *args, timeout=180)
    result.assert_outcomes(passed=2 if "-n" in args else 1)
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(records.glob("*.json"))]


def _ended(record: dict[str, object]) -> bool:
    """The run's simulator process has ended (reaped) and its files are gone."""
    child = record["child"]
    assert isinstance(child, dict), record
    return not Path(f"/proc/{child['pid']}").exists() and not Path(child["file"]).parent.exists()


def test_xdist_workers_share_one_simulator_process_and_keep_their_brokers_apart(pytester: pytest.Pytester) -> None:
    gw0, gw1 = _run(pytester, "-n", "2", "--dist", "each")
    assert (gw0["worker"], gw1["worker"]) == ("gw0", "gw1")
    assert gw0["appium_url"] == gw1["appium_url"] and gw0["backend_url"] == gw1["backend_url"]  # one simulator
    assert not gw0["simulator_here"] and not gw1["simulator_here"]  # in its own process, in neither worker
    assert gw0["makler_id"] != gw1["makler_id"]
    assert gw0["invited"] == [gw0["own_email"]] and gw1["invited"] == [gw1["own_email"]]  # neither sees the other's
    assert gw0["child"] == gw1["child"] and _ended(gw0)  # the simulator process ended with the run


def test_a_serial_run_has_the_simulator_in_a_process_of_its_own_unless_asked_to_keep_it(
    pytester: pytest.Pytester,
) -> None:
    (own,) = _run(pytester)
    assert not own["simulator_here"] and _ended(own), own
    (pytester.path / "records").rename(pytester.path / "records-own")
    (kept,) = _run(pytester, "--simulator-in-process")
    assert kept["simulator_here"] and kept["child"] is None, kept


def test_a_simulator_process_that_died_at_start_fails_the_scenario_with_its_log(tmp_path: Path) -> None:
    (tmp_path / "simulator.log").write_text("OSError: [Errno 98] Address already in use\n", encoding="utf-8")
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    with pytest.raises(pytest.fail.Exception, match=r"beim Start beendet:\nOSError: \[Errno 98\]"):
        simulator_process.wait_for(tmp_path / "urls.json", alive=ended.pid)
