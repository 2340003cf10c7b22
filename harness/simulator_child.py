"""The simulator process of an embedded run (``python -m harness.simulator_child FILE``; started by
:mod:`harness.simulator_process`): it starts :class:`simulator.embedded.Simulator`, writes its URLs to
``FILE`` and runs until its stdin closes. It imports neither pytest nor the harness: only what the
simulator needs.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Urls:
    """Where the simulator process answers."""

    appium_url: str
    backend_url: str


def publish(urls_file: Path, urls: Urls) -> None:
    """Write the URLs so that a reader sees the whole file or none."""
    partial = urls_file.with_suffix(".partial")
    partial.write_text(json.dumps({"appium_url": urls.appium_url, "backend_url": urls.backend_url}), encoding="utf-8")
    partial.replace(urls_file)


def read(urls_file: Path) -> Urls:
    """The URLs a simulator process published."""
    data = json.loads(urls_file.read_text(encoding="utf-8"))
    return Urls(data["appium_url"], data["backend_url"])


def serve(urls_file: Path) -> None:
    """Start the simulator, publish its URLs, run until stdin closes (the main process closes it, or dies)."""
    from simulator.embedded import Simulator

    with Simulator() as sim:
        publish(urls_file, Urls(sim.appium_url, sim.backend_url))
        sys.stdin.buffer.read()


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
