"""The relay node TOML: one stereotype per platform and OS version the suite uses (simulator/grid/node_config.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from simulator.grid.hub_config import HEALTHCHECK_SECONDS
from simulator.grid.node_config import STEREOTYPE_MARKER, FeatureFileError, relay_toml, suite_versions

ROOT = Path(__file__).resolve().parents[2]


def test_versions_come_from_defaults_feature_files_and_world_phones(tmp_path: Path) -> None:
    features, worlds = tmp_path / "features", tmp_path / "worlds"
    (features / "bereich").mkdir(parents=True)
    worlds.mkdir()
    (features / "bereich" / "x.feature").write_text(
        "# language: de\n"
        "Funktionalität: X\n"
        "  Szenario: Zwei Telefone\n"
        '    Angenommen "A" hat ein Android-Telefon (Android 12) mit der Kunden-App 4.0.0\n'
        '    Und "B" hat ein iOS-Telefon (iOS 16.7) mit der Kunden-App 4.0.0\n'
        "    Und das Betriebssystem wird auf Android 15 aktualisiert\n"  # an update, not a new session
        "  Szenariogrundriss: Eine Zeile je Version\n"
        '    Angenommen "A" hat ein <plattform>-Telefon (<plattform> <vorher>) mit der Kunden-App 4.0.0\n'
        "    Beispiele:\n"
        "      | plattform | vorher |\n"
        "      | iOS       | 17.3.9 |\n"
        "      | Android   | 13     |\n",
        encoding="utf-8",
    )
    (worlds / "w.yaml").write_text("version: 1\nphone:\n  platform: ios\n  os_version: 15.8\n", encoding="utf-8")
    (worlds / "broken.yaml").write_text("version: [\n", encoding="utf-8")
    assert suite_versions(features, worlds) == [
        ("android", "12"),
        ("android", "13"),
        ("android", "14"),
        ("ios", "15.8"),
        ("ios", "16.7"),
        ("ios", "17.3.9"),
        ("ios", "17.4"),
    ]


def test_a_broken_feature_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "kaputt.feature").write_text(
        "# language: de\nFunktionalität: X\n  Szenario: Y\n    Angenommen a\n  Beispiele\n  @@ kein Gherkin\n",
        encoding="utf-8",
    )
    with pytest.raises(FeatureFileError, match=r"kaputt\.feature: keine gültige Feature-Datei \(5:3\)"):
        suite_versions(tmp_path, tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "grid-node", "--serve", "http://x", "--features", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and "kaputt.feature: keine gültige Feature-Datei" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_repositorys_suite_needs_these_versions() -> None:
    versions = suite_versions(ROOT / "features", ROOT / "examples" / "worlds")
    assert {("android", "11"), ("android", "14"), ("ios", "16.7"), ("ios", "17.4")} <= set(versions)
    assert {("android", "13"), ("ios", "16.9.9"), ("ios", "17.3.9")} <= set(versions)  # updates.feature's outline


def test_relay_toml_is_a_grid_relay_config() -> None:
    text = relay_toml(
        "http://127.0.0.1:4723/",
        [("android", "14"), ("ios", "17.4")],
        hub_url="http://127.0.0.1:4444",
        max_sessions=3,
        port=5556,
        events=("tcp://127.0.0.1:7001", "tcp://127.0.0.1:7002"),
    )
    config = tomllib.loads(text)
    assert config["server"] == {"host": "127.0.0.1", "port": 5556}
    assert config["node"]["max-sessions"] == 3 and config["node"]["detect-drivers"] is False
    assert config["node"]["hub"] == "http://127.0.0.1:4444"
    assert config["events"] == {"publish": "tcp://127.0.0.1:7001", "subscribe": "tcp://127.0.0.1:7002"}
    relay = config["relay"]
    assert relay["url"] == "http://127.0.0.1:4723" and relay["status-endpoint"] == "/status"
    counts, stereotypes = relay["configs"][::2], [json.loads(s) for s in relay["configs"][1::2]]
    assert counts == ["3", "3"]
    assert [(s["platformName"], s["appium:platformVersion"]) for s in stereotypes] == [
        ("Android", "14"),
        ("iOS", "17.4"),
    ]
    assert all(s[STEREOTYPE_MARKER] == "kundenapp-sim" for s in stereotypes)
    # the hub alone reads the health check ([distributor]); a node TOML naming it would mislead
    assert "distributor" not in config and f"every {HEALTHCHECK_SECONDS} s" in text


def test_grid_node_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "node.toml"
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "grid-node", "--serve", "http://127.0.0.1:4723", "--hub",
         "http://127.0.0.1:4444", "--os-version", "android:13", "--max-sessions", "2", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    stereotypes = [json.loads(s) for s in tomllib.loads(out.read_text())["relay"]["configs"][1::2]]
    assert {
        "platformName": "Android",
        "appium:platformVersion": "13",
        STEREOTYPE_MARKER: "kundenapp-sim",
    } in stereotypes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--serve", "ftp://localhost:4723"], "--serve ftp://localhost:4723: keine http(s)-URL"),
        (["--serve", "http://x", "--os-version", "windows:11"], "erwartet android:14"),
        (["--serve", "http://x", "--max-sessions", "0"], "--max-sessions"),
    ],
)
def test_grid_node_refuses_bad_input(args: list[str], message: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "grid-node", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_a_serve_url_without_scheme_is_taken_as_http() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "grid-node", "--serve", "localhost:4723"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert tomllib.loads(done.stdout)["relay"]["url"] == "http://localhost:4723"


def test_the_serve_accepts_a_request_with_the_merged_stereotype() -> None:
    """Grid merges the slot's stereotype into the request: the marker must be a known capability."""
    from simulator.grid.node_config import stereotype
    from simulator.webdriver.capabilities import process

    caps = process({"capabilities": {"alwaysMatch": stereotype("android", "14")}}, "http://127.0.0.1:9")
    assert caps.config.extra == {}  # nothing for the app
    assert caps.granted[STEREOTYPE_MARKER] == "kundenapp-sim" and caps.config.os_version == "14"
