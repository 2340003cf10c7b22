"""``python -m bench``: run the WebDriver benchmark (see ``bench/webdriver_bench.py``)."""

from __future__ import annotations

import sys

from bench.webdriver_bench import main

sys.exit(main(sys.argv[1:]))
