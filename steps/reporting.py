"""Reports: screenshot and page source of every phone on failure, the Faker seed, Cucumber JSON under xdist.

pytest-bdd writes Cucumber JSON only on the xdist controller, which never sees
the scenario data (it lives in a registry on the worker), so the file comes out
empty under ``-n``. Here each worker writes its own part and the controller
merges the parts after pytest-bdd has written its file.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.cucumber_json import LogBDDCucumberJSON
from pytest_html import extras as html_extras  # type: ignore[import-untyped]

from steps.harness import DRIVERS_KEY, SEED_KEY

PARTS_DIR = "cucumber-parts"


def _parts_dir(config: pytest.Config) -> Path | None:
    path = config.option.cucumber_json_path
    return Path(path).resolve().parent / PARTS_DIR if path else None


def pytest_configure(config: pytest.Config) -> None:
    parts = _parts_dir(config)
    if parts is None:
        return
    worker = getattr(config, "workerinput", None)
    if worker is not None:
        parts.mkdir(parents=True, exist_ok=True)
        part = parts / f"{worker['workerid']}.json"
        config.pluginmanager.register(LogBDDCucumberJSON(str(part)), "kundenapp-cucumber-part")
    elif parts.exists():
        for stale in parts.glob("*.json"):
            stale.unlink()


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """On the controller of an xdist run: merge the workers' Cucumber JSON parts into the requested file."""
    config = session.config
    parts = _parts_dir(config)
    if parts is None or hasattr(config, "workerinput") or not parts.exists():
        return
    features: dict[str, dict[str, Any]] = {}
    for part in sorted(parts.glob("*.json")):
        for feature in json.loads(part.read_text(encoding="utf-8")):
            merged = features.setdefault(feature["uri"], {**feature, "elements": []})
            merged["elements"].extend(feature["elements"])
    if features:
        for feature in features.values():
            feature["elements"].sort(key=lambda element: element["line"])
        Path(config.option.cucumber_json_path).write_text(json.dumps(list(features.values()), indent=2), "utf-8")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Attach the seed, and each phone's screenshot and page source, to a failing scenario's report."""
    report = yield
    if report.when != "call" or not report.failed:
        return report
    seed = item.stash.get(SEED_KEY, None)
    if seed is not None:
        report.sections.append(("Faker-Seed", f"Wiederholen mit: --seed {seed}"))
    extras = list(getattr(report, "extras", []))
    drivers: list[Any] = item.stash.get(DRIVERS_KEY, [])
    for index, driver in enumerate(drivers):
        label = getattr(driver, "kundenapp_label", f"Telefon {index + 1}")  # the Makler-Konsole's browser names itself
        try:
            png = driver.get_screenshot_as_base64()
            source = driver.page_source
        except Exception as exc:
            report.sections.append((label, f"kein Bildschirmfoto: {exc}"))
            continue
        report.sections.append((f"{label}: Seitenquelltext", source))
        extras.append(html_extras.png(png, label))
        summary = f"<summary>Seitenquelltext {label}</summary>"
        extras.append(html_extras.html(f"<details>{summary}<pre>{html.escape(source)}</pre></details>"))
        _save(item, index, png)
    report.extras = extras
    return report


def _save(item: pytest.Item, index: int, png: str) -> None:
    """Keep the screenshot next to the reports as a file too."""
    html_path = item.config.getoption("htmlpath", None)
    if not html_path:
        return
    folder = Path(html_path).resolve().parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in item.nodeid)[-150:]
    (folder / f"{name}-{index + 1}.png").write_bytes(base64.b64decode(png))
