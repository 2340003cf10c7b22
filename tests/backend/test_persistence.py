"""File mode: committed writes survive a kill -9 and a restart; the CLI serves and stops cleanly."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from simulator.backend.schema import SCHEMA
from simulator.backend.store import Store


@contextmanager
def _service(db: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "backend", "--db", str(db), "--port", "0", "--kdf", "test"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"http://[\d.]+:\d+", line)
        assert match, line
        yield proc, match.group(0)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()


def test_committed_writes_survive_kill_9(tmp_path: Path) -> None:
    db = tmp_path / "world.db"
    with _service(db) as (proc, url), httpx.Client(base_url=url) as http:
        broker = http.post("/test/v1/brokers", json={"seed": 7}).json()
        admin = {"X-API-Key": broker["api_key"]}
        for i in range(20):
            assert http.post("/admin/v1/customers", json={"name": f"Kunde {i}"}, headers=admin).status_code == 201
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    with _service(db) as (_, url), httpx.Client(base_url=url) as http:
        customers = http.get("/admin/v1/customers", headers=admin).json()["customers"]
        assert [c["name"] for c in customers] == [f"Kunde {i}" for i in range(20)]
        assert http.get("/admin/v1/konto/kundenapp", headers=admin).json()["makler_id"] == broker["makler_id"]


def test_ctrl_c_stops_the_backend_cleanly(tmp_path: Path) -> None:
    with _service(tmp_path / "w.db") as (proc, url):
        assert httpx.get(f"{url}/health").status_code == 200
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        assert proc.stdout is not None
        rest = proc.stdout.read()
    assert "GET /health" in rest  # one access-log line per request
    assert "Backend beendet." in rest
    assert "Traceback" not in rest


# The links table of schema version 2: no invitation links, no proof of the mailbox.
_LINKS_V2 = """CREATE TABLE links (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'reset')),
    external_id INTEGER NOT NULL REFERENCES externals(id) ON DELETE CASCADE,
    expires_at REAL NOT NULL,
    used_at REAL,
    password_hash TEXT
)"""


def test_a_file_of_the_previous_schema_gets_invitation_links_and_keeps_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "v2.db"
    old = sqlite3.connect(db)
    old.executescript(SCHEMA)
    old.executescript(f"DROP TABLE links; {_LINKS_V2}; ALTER TABLE externals DROP COLUMN password_proved;")
    old.execute("INSERT INTO brokers VALUES (1, 'MK1', 'M', 'T', 'A', 'h', 1, NULL, 0)")
    old.execute("INSERT INTO customers VALUES (1, 1, 'Kunde', 'person', NULL)")
    old.execute("INSERT INTO externals VALUES (1, 1, 1, 'k@example.com', 'k@example.com', 'eingeladen', NULL, 0)")
    old.execute("INSERT INTO links VALUES ('t', 'confirmation', 1, 99, NULL, 'pw')")
    old.commit()
    old.close()
    store = Store(str(db))
    try:
        with store.tx() as tx:
            tx.execute("INSERT INTO links (token_hash, kind, external_id, expires_at) VALUES ('i', 'invitation', 1, 9)")
            rows = [tuple(r) for r in tx.execute("SELECT token_hash, kind, password_hash, proved FROM links")]
            proved = tx.execute("SELECT password_proved FROM externals").fetchone()[0]
    finally:
        store.close()
    assert rows == [("t", "confirmation", "pw", 0), ("i", "invitation", None, 0)]
    assert proved == 0
