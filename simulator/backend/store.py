"""SQLite store: one connection, one lock, one transaction per unit of work.

File mode uses WAL with ``synchronous=FULL`` so that every committed write
survives a ``kill -9`` of the service.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from simulator.backend.schema import MIGRATIONS, REBUILDS, SCHEMA, SCHEMA_VERSION


class StoreError(ValueError):
    """The database file cannot be used; the message names the file and what is wrong with it (German)."""

    def __init__(self, path: str, cause: sqlite3.Error) -> None:
        target = Path(path)
        if not target.parent.is_dir():
            reason = f"das Verzeichnis {target.parent} gibt es nicht"
        elif target.is_dir():
            reason = "das ist ein Verzeichnis, keine Datei"
        elif isinstance(cause, sqlite3.DatabaseError) and "not a database" in str(cause):
            reason = "die Datei ist keine SQLite-Datenbank"
        else:
            reason = str(cause)
        super().__init__(f"Datenbank {path}: {reason}")


class Store:
    """The backend's database (a file path or ``:memory:``)."""

    def __init__(self, path: str = ":memory:") -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            self._open(path)
        except sqlite3.Error as exc:
            if hasattr(self, "_db"):
                self._db.close()
            raise StoreError(path, exc) from exc

    def _open(self, path: str) -> None:
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
        self._db.executescript(SCHEMA)
        for table, current in REBUILDS:
            self._rebuild(table, current)
        for table, column, declaration in MIGRATIONS:
            columns = {row["name"] for row in self._db.execute(f"PRAGMA table_info({table})")}
            if column not in columns:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
        version = (str(SCHEMA_VERSION),)
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", version)

    def _rebuild(self, table: str, current: str) -> None:
        """Give an older file's table the current definition (a changed CHECK), keeping its rows."""
        row = self._db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
        if row is None or current in row["sql"]:
            return
        with self.tx() as db:
            db.execute(f"ALTER TABLE {table} RENAME TO {table}_before")
            kept = [r["name"] for r in db.execute(f"PRAGMA table_info({table}_before)")]
            statement = SCHEMA[SCHEMA.index(f"CREATE TABLE IF NOT EXISTS {table} (") :]
            db.execute(statement[: statement.index(");") + 2])
            columns = ", ".join(kept)
            db.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_before")  # noqa: S608
            db.execute(f"DROP TABLE {table}_before")

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A serialised write transaction: committed on success, rolled back on any exception."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def wipe(self) -> None:
        """Delete every row (test-control reset); the schema stays."""
        with self.tx() as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            db.execute("PRAGMA defer_foreign_keys = ON")
            for table in tables:
                if table != "meta":
                    db.execute(f"DELETE FROM {table}")  # noqa: S608 - names come from sqlite_master

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()
