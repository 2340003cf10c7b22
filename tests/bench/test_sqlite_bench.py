"""``python -m bench sqlite`` counts what it claims: write transactions apart from reads, a tenant's requests."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx

from bench.sqlite_bench import Tally, counting_transactions, tenant_life
from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from simulator.backend.store import Store

ROOT = Path(__file__).resolve().parents[2]
BENCH = (sys.executable, "-m", "bench")


def test_transactions_that_change_rows_count_as_writes(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "x.db"))
    try:
        with counting_transactions() as counts:
            with store.tx() as db:
                db.execute("SELECT COUNT(*) FROM brokers").fetchone()
            with store.tx() as db:
                db.execute("INSERT INTO meta (key, value) VALUES ('bench', '1')")
            with store.tx() as db:
                db.execute("DELETE FROM meta WHERE key = 'nothing'")
        assert counts == {"transactions": 3, "writes": 1}
        with store.tx():  # the store's own transaction is back
            pass
        assert counts == {"transactions": 3, "writes": 1}
    finally:
        store.close()


def test_a_tenant_life_is_eight_writes_and_eighteen_reads_all_answered_and_leaves_nothing_behind() -> None:
    with BackendThread(Settings(kdf_profile="test")) as server, httpx.Client(base_url=server.url) as client:
        tally = Tally()
        tenant_life(client, tally, 1)
        assert tally.errors == []
        assert (len(tally.writes), tally.reads) == (8, 18)
        assert client.get("/test/v1/export").json()["brokers"] == []


def test_the_bench_prints_all_three_parts() -> None:
    done = subprocess.run(
        [*BENCH, "sqlite", "--seconds", "0.2", "--clients", "2", "tests/e2e/test_login.py", "-k", "einmal"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"1\. SQLite allein .*: \d+ Schreibtransaktionen/s", done.stdout), done.stdout
    assert re.search(r"2\. HTTP-API, 2 Clients .*: \d+ Anfragen/s, davon \d+ schreibend", done.stdout), done.stdout
    per = re.search(
        r"3\. Suite \((\d+) passed.*\): ([\d.]+) Transaktionen je Szenario, davon ([\d.]+) schreibend", done.stdout
    )
    assert per is not None, done.stdout
    assert int(per.group(1)) >= 1 and 0 < float(per.group(3)) <= float(per.group(2))
