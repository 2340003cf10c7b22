"""``python -m bench [scenario|suite|sessions|soak|sqlite]``: WebDriver commands, a scenario, the suites, the store."""

from __future__ import annotations

import sys

if sys.argv[1:2] == ["scenario"]:
    from bench.scenario_bench import main as scenario_main

    sys.exit(scenario_main(sys.argv[2:]))
if sys.argv[1:2] == ["sessions"]:
    from bench.sessions_bench import main as sessions_main

    sys.exit(sessions_main(sys.argv[2:]))
if sys.argv[1:2] == ["soak"]:
    from bench.soak_bench import main as soak_main

    sys.exit(soak_main(sys.argv[2:]))
if sys.argv[1:2] == ["sqlite"]:
    from bench.sqlite_bench import main as sqlite_main

    sys.exit(sqlite_main(sys.argv[2:]))
if sys.argv[1:2] == ["suite"]:
    from bench.suite_bench import main as suite_main

    sys.exit(suite_main(sys.argv[2:]))

from bench.webdriver_bench import main

sys.exit(main(sys.argv[1:]))
