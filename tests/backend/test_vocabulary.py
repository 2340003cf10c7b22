"""The backend's closed vocabularies and every other place that lists the same values."""

from __future__ import annotations

import re
import sqlite3
from typing import get_args, get_type_hints

from simulator.backend import mechanisms, routes_admin, schema, seeding
from simulator.spec.vocabulary import AccountState, LinkKind


def _check_values(column: str, table: str) -> set[str]:
    body = re.search(rf"CREATE TABLE IF NOT EXISTS {table} \((.*?)\n\);", schema.SCHEMA, re.DOTALL)
    assert body is not None, table
    found = re.search(rf"{column} TEXT NOT NULL CHECK \({column} IN \(([^)]*)\)\)", body.group(1))
    assert found is not None, (table, column)
    return {value.strip().strip("'") for value in found.group(1).split(",")}


def test_the_schema_checks_list_the_enums_values() -> None:
    assert _check_values("state", "externals") == {s.value for s in AccountState}
    assert _check_values("kind", "links") == {k.value for k in LinkKind}


def test_the_api_literals_list_the_account_states() -> None:
    assert set(get_args(seeding.State)) == {s.value for s in AccountState}
    hint = get_type_hints(routes_admin.externe)["status"]  # Literal[...] | None
    assert {value for arg in get_args(hint) for value in get_args(arg)} == {s.value for s in AccountState}


def test_every_mechanism_is_described() -> None:
    assert set(mechanisms.MECHANISMS) == set(get_args(mechanisms.Mechanism))
    assert set(mechanisms.MODES) == set(get_args(mechanisms.Mode))


def test_an_enum_member_is_stored_as_its_plain_text() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (state TEXT NOT NULL CHECK (state IN ('eingeladen', 'aktiv', 'deaktiviert')))")
    db.execute("INSERT INTO t VALUES (?)", (AccountState.INVITED,))
    assert db.execute("SELECT state, typeof(state) FROM t").fetchone() == ("eingeladen", "text")
    assert db.execute("SELECT COUNT(*) FROM t WHERE state = ?", (AccountState.INVITED,)).fetchone() == (1,)
