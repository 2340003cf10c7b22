"""The hub TOML: a health check Grid applies as written (simulator/grid/hub_config.py)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from simulator.grid.hub_config import HEALTHCHECK_SECONDS, hub_toml

ROOT = Path(__file__).resolve().parents[2]
GRID_FLOOR_SECONDS = 10  # Selenium 4.48's DistributorOptions.getHealthCheckInterval: Math.max(value, 10)


def test_the_health_check_is_one_grid_runs_as_written() -> None:
    config = tomllib.loads(hub_toml(port=4445, events=("tcp://127.0.0.1:7001", "tcp://127.0.0.1:7002")))
    interval = config["distributor"]["healthcheck-interval"]
    assert interval == HEALTHCHECK_SECONDS >= GRID_FLOOR_SECONDS  # below the floor the hub silently runs 10 s
    assert config["distributor"]["reject-unsupported-caps"] is True
    assert config["server"] == {"host": "127.0.0.1", "port": 4445}
    assert config["events"] == {"publish": "tcp://127.0.0.1:7001", "subscribe": "tcp://127.0.0.1:7002"}
    assert config["sessionqueue"]["session-request-timeout"] > 0


def test_grid_hub_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "hub.toml"
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "grid-hub", "--port", "4446", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"Knoten-Prüfung alle {HEALTHCHECK_SECONDS} s" in done.stderr
    config = tomllib.loads(out.read_text(encoding="utf-8"))
    assert config["server"]["port"] == 4446 and config["distributor"]["healthcheck-interval"] == HEALTHCHECK_SECONDS
