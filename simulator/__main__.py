"""``python -m simulator`` is the same as ``kundenapp-sim``."""

from __future__ import annotations

from simulator.cli import main

main()
