"""Test ids shown to people are readable German: outline rows spelt in ASCII ("Aebcdefgh1"), no ``\\xfc`` escapes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_outline_rows_keep_their_umlauts() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests/e2e"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    ids = [line for line in listed.splitlines() if "::" in line]
    assert any("[Aebcdefgh1-special]" in node for node in ids), ids[:5]  # the row of "Äbcdefgh1"
    assert [node for node in ids if "\\x" in node or "\\u" in node] == []
