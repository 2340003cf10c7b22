"""``python -m bench [scenario]``: the WebDriver command benchmark, or the whole-scenario benchmark."""

from __future__ import annotations

import sys

if sys.argv[1:2] == ["scenario"]:
    from bench.scenario_bench import main as scenario_main

    sys.exit(scenario_main(sys.argv[2:]))

from bench.webdriver_bench import main

sys.exit(main(sys.argv[1:]))
