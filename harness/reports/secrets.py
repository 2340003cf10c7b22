"""No secret in a report: a page source attached to a failing step loses its CSRF tokens and link tokens.

A browser's page source holds the Konsole session's CSRF token in every form (``<input type="hidden"
name="csrf" value="…">``), the Postfach's the tokens of the mailed links; the reports (HTML, Cucumber
JSON, Allure, screenshots folder) are shared with a team. The objects the harness hands to pytest and
Allure mask their keys themselves (``simulator/client/redact.py``).
"""

from __future__ import annotations

import re

from simulator.client.redact import MASK, masked_links

_HIDDEN_SECRET = re.compile(r"<input\b[^>]*\bname=\"[^\"]*(?:csrf|token)[^\"]*\"[^>]*>", re.IGNORECASE)
_VALUE = re.compile(r"\bvalue=\"[^\"]*\"")


def page_source(source: str) -> str:
    """The page source with the value of every hidden CSRF or token field and every link token masked."""
    source = _HIDDEN_SECRET.sub(lambda tag: _VALUE.sub(f'value="{MASK}"', tag.group(0)), source)
    return masked_links(source)
