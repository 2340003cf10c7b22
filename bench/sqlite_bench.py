"""``python -m bench sqlite``: what one shared backend's SQLite file sustains, and what a scenario writes.

1. SQLite alone: one-row write transactions through the backend's ``Store`` on a file (WAL,
   ``synchronous=FULL``, as ``serve --db FILE`` runs it), one after another for ``--seconds``.
2. Through the HTTP API: ``--clients`` threads against one ``kundenapp-sim serve --db FILE --kdf test``,
   each living through tenants as a scenario does (broker, customer, invitation, registration,
   confirmation, a failed and a good login, release) for ``--seconds``: write requests per second.
3. Per scenario: the suite (or the pytest selection given) against an in-process simulator on a
   file database, counting its transactions and those that changed rows (writes).

Bounded; the servers stop by themselves. The password hashing is the cheap test profile, so the
figures are the store's and the HTTP stack's, not the KDF's.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.sessions_bench import fresh_serve_process
from bench.suite_bench import percentile, with_selection
from simulator.backend.store import Store

ROOT = Path(__file__).resolve().parent.parent
APP = {"X-Platform": "android", "X-App-Version": "4.0.0"}
PASSWORD = "Sicher!2026"


def sqlite_alone(path: Path, seconds: float) -> float:
    """Committed one-row write transactions per second on the file."""
    store = Store(str(path))
    try:
        with store.tx() as db:
            db.execute("CREATE TABLE IF NOT EXISTS bench (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        count = 0
        end = time.perf_counter() + seconds
        started = time.perf_counter()
        while time.perf_counter() < end:
            with store.tx() as db:
                db.execute("INSERT INTO bench (value) VALUES (?)", ("x" * 200,))
            count += 1
        return count / (time.perf_counter() - started)
    finally:
        store.close()


class Tally:
    """Write requests and their latencies, from every client thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.writes: list[float] = []
        self.reads = 0
        self.errors: list[str] = []


def _write(
    client: httpx.Client, tally: Tally, method: str, url: str, expected: int, **kwargs: object
) -> httpx.Response:
    started = time.perf_counter()
    answer = client.request(method, url, **kwargs)  # type: ignore[arg-type]
    millis = (time.perf_counter() - started) * 1000
    with tally.lock:
        if answer.status_code != expected:
            tally.errors.append(f"{method} {url}: {answer.status_code} {answer.text[:200]}")
        tally.writes.append(millis)
    return answer


def _read(client: httpx.Client, tally: Tally, url: str, **kwargs: object) -> None:
    answer = client.get(url, **kwargs)  # type: ignore[arg-type]
    with tally.lock:
        if answer.status_code != 200:
            tally.errors.append(f"GET {url}: {answer.status_code} {answer.text[:200]}")
        tally.reads += 1


def tenant_life(client: httpx.Client, tally: Tally, index: int) -> None:
    """A scenario's traffic in miniature: 8 write requests and 18 reads (the suite's mix is about 1 : 2.3)."""
    broker = _write(client, tally, "POST", "/test/v1/brokers", 201, json={}).json()
    admin = {"X-API-Key": broker["api_key"]}
    email = f"k{index}.{broker['makler_id'].lower()}@example.com"
    customer = _write(
        client,
        tally,
        "POST",
        "/admin/v1/customers",
        201,
        json={"name": "Max", "kind": "person", "email": email},
        headers=admin,
    ).json()
    _write(client, tally, "POST", f"/admin/v1/customers/{customer['id']}/invitation", 201, json={}, headers=admin)
    body = {"email": email, "makler_id": broker["makler_id"], "password": PASSWORD}
    _write(client, tally, "POST", "/app/v1/register", 202, json=body, headers=APP)
    mail = client.get(f"/test/v1/mailbox/{email}/latest", params={"kind": "confirmation"}).json()
    with tally.lock:
        tally.reads += 1
    token = mail["links"][0].split("token=")[1]
    _write(client, tally, "POST", "/app/v1/register/confirm", 200, json={"token": token})
    _write(client, tally, "POST", "/app/v1/login", 401, json={**body, "password": "falsch!Pass1"}, headers=APP)
    tokens = _write(client, tally, "POST", "/app/v1/login", 200, json=body, headers=APP).json()
    bearer = {**APP, "Authorization": f"Bearer {tokens['access_token']}"}
    for _ in range(3):
        _read(client, tally, "/app/v1/config", params={"makler_id": broker["makler_id"]}, headers=APP)
        _read(client, tally, "/app/v1/me", headers=bearer)
        _read(client, tally, "/app/v1/broker", headers=bearer)
        _read(client, tally, "/app/v1/customers", headers=bearer)
        _read(client, tally, f"/test/v1/mailbox/{email}")
    _read(client, tally, "/admin/v1/customers", headers=admin)
    _read(client, tally, "/admin/v1/settings/app", headers=admin)
    _write(client, tally, "DELETE", f"/test/v1/brokers/{broker['makler_id']}", 204)


def through_http(backend_url: str, clients: int, seconds: float) -> tuple[Tally, float]:
    """``clients`` threads living through tenants for ``seconds`` (one each at least); the tally and the wall time."""
    tally = Tally()
    end = time.perf_counter() + seconds
    counter = iter(range(10**9))
    lock = threading.Lock()

    def run() -> None:
        with httpx.Client(base_url=backend_url, timeout=60) as client:
            while not tally.errors:  # at least one tenant per client
                with lock:
                    index = next(counter)
                tenant_life(client, tally, index)
                if time.perf_counter() >= end:
                    break

    started = time.perf_counter()
    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return tally, time.perf_counter() - started


@contextmanager
def counting_transactions() -> Iterator[dict[str, int]]:
    """Count the ``Store`` transactions of this process, and those that changed rows (bench only)."""
    counts = {"transactions": 0, "writes": 0}
    original = Store.tx

    @contextmanager
    def tx(self: Store) -> Iterator[sqlite3.Connection]:
        with original(self) as db:
            before = db.total_changes
            yield db
            counts["transactions"] += 1  # under the store's lock
            counts["writes"] += db.total_changes != before

    Store.tx = tx  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        Store.tx = original  # type: ignore[method-assign]


def per_scenario(path: Path, pytest_args: list[str]) -> tuple[dict[str, int], int, str]:
    """The selection against an in-process simulator on the file: the counts, the scenarios and pytest's summary."""
    from simulator.embedded import Simulator

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST", "PYTEST_CURRENT"))}
    with counting_transactions() as counts, Simulator(db=str(path), kdf_profile="test") as sim:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
        command += ["--target", "remote", "--appium-url", sim.appium_url, "--backend-url", sim.backend_url]
        done = subprocess.run([*command, *pytest_args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        counted = dict(counts)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    scenarios = sum(int(n) for n in re.findall(r"(\d+) (?:passed|failed)", summary))
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:])
    return counted, scenarios, summary.strip("= ")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench sqlite", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of parts 1 and 2 (default 10)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients in part 2 (default 8)")
    parser.add_argument("--no-suite", action="store_true", help="skip part 3 (the suite's writes per scenario)")
    parser.epilog = "Other arguments go to pytest in part 3 (default selection: tests/e2e)."
    ns, pytest_args = parser.parse_known_args(argv)
    if ns.seconds <= 0 or ns.clients < 1:
        parser.error("--seconds must be positive and --clients at least 1")
    with tempfile.TemporaryDirectory(prefix="bench-sqlite-") as tmp:
        rate = sqlite_alone(Path(tmp) / "allein.db", ns.seconds)
        print(f"1. SQLite allein (WAL, synchronous=FULL): {rate:.0f} Schreibtransaktionen/s")

        with fresh_serve_process("--db", str(Path(tmp) / "serve.db"), "--kdf", "test") as (_, _, backend_url):
            tally, wall = through_http(backend_url, ns.clients, ns.seconds)
        if tally.errors:
            print(f"Fehler im HTTP-Teil: {tally.errors[0]}", file=sys.stderr)
            return 1
        writes = len(tally.writes)
        rate = (writes + tally.reads) / wall
        print(
            f"2. HTTP-API, {ns.clients} Clients gegen ein serve --db DATEI: {rate:.0f} Anfragen/s, "
            f"davon {writes / wall:.0f} schreibend ({writes // 8} Mandanten in {wall:.1f} s); schreibende Anfragen "
            f"p50 {statistics.median(tally.writes):.1f} ms, p95 {percentile(tally.writes, 0.95):.1f} ms"
        )

        if not ns.no_suite:
            counts, scenarios, summary = per_scenario(Path(tmp) / "suite.db", with_selection(pytest_args))
            per = max(scenarios, 1)
            print(
                f"3. Suite ({summary}): {counts['transactions'] / per:.1f} Transaktionen je Szenario, "
                f"davon {counts['writes'] / per:.1f} schreibend"
            )
            if scenarios == 0:
                return 1
    return 0
