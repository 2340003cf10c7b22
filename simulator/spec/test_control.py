"""How a client shows the key of a backend's test control (docs/backend-api.md, "Test control on a shared backend").

The backend checks it, the typed client sends it, the CLI and the harness read it from the same
environment variable.
"""

from __future__ import annotations

TOKEN_HEADER = "X-Test-Api-Token"  # noqa: S105 - a header's name; or ``Authorization: Bearer <token>``
TOKEN_ENV = "KUNDENAPP_TEST_API_TOKEN"  # noqa: S105 - an environment variable's name
