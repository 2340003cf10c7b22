"""A bounded Schemathesis run against the backend's ``/openapi.json``.

``python -m bench.openapi_fuzz [--examples N] [--seed S]`` (needs ``pip install -e '.[fuzz]'``)
starts a throwaway backend (test KDF, test-control API), creates a broker for its admin key,
and runs Schemathesis on every operation except the destructive ``POST /test/v1/reset`` and
``/test/v1/faults`` (an injected outage would make every later app call a documented 503, which
Schemathesis counts as a server error), with the key as ``X-API-Key`` header.
The checks that are the contract (docs/backend-api.md, docs/robustness.md):
no server error, only documented statuses, the documented content type and headers, a
correct ``Allow`` on 405 and 405 for unsupported methods. The run prints Schemathesis' report
and a summary from its JSON report; the exit code is Schemathesis'.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "allow_header_conformance",
    "unsupported_method",
)


def main(argv: list[str]) -> int:
    """Run Schemathesis against a fresh backend; returns its exit code."""
    parser = argparse.ArgumentParser(prog="python -m bench.openapi_fuzz")
    parser.add_argument("--examples", type=int, default=30, help="test cases per operation (default 30)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    st = shutil.which("schemathesis") or str(Path(sys.executable).with_name("schemathesis"))
    if not Path(st).exists():
        print("schemathesis fehlt: pip install -e '.[fuzz]'", file=sys.stderr)
        return 2
    with BackendThread(Settings(kdf_profile="test")) as server, tempfile.TemporaryDirectory() as tmp:
        api_key = httpx.post(f"{server.url}/test/v1/brokers", json={}).json()["api_key"]
        report = Path(tmp) / "report.json"
        command = [
            st,
            "run",
            f"{server.url}/openapi.json",
            "--max-examples",
            str(args.examples),
            "--seed",
            str(args.seed),
            "--header",
            f"X-API-Key: {api_key}",
            "--exclude-path",
            "/test/v1/reset",
            "--exclude-path",
            "/test/v1/faults",
            "--checks",
            ",".join(CHECKS),
            "--phases",
            "examples,coverage,fuzzing",
            "--workers",
            "1",
            "--request-timeout",
            "10",
            "--no-color",
            "--report",
            "json",
            "--report-json-path",
            str(report),
        ]
        result = subprocess.run(command, check=False)
        data = json.loads(report.read_text(encoding="utf-8"))
    cases = data["test_cases"]
    print(
        f"\nOperationen: {data['operations']['tested']}/{data['operations']['total']}, "
        f"Testfälle: {cases['generated']}, mit Fehlern: {cases['with_failures']}, Fehler (Netz): {cases['errored']}"
    )
    for failure in data["failures"]:
        print(f"  {failure['code']} {failure['title']}: {failure['count']} ({', '.join(failure['operations'])})")
    for error in data["errors"]:
        print(f"  {error['title']}: {error['count']}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
