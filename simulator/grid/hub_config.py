"""The TOML of a Grid 4 hub in front of relay nodes (``kundenapp-sim grid-hub``): how soon it sees a node die.

How Selenium 4.48 finds out that a relay node's serve died (selenium-server jar; sources under
``java/src/org/openqa/selenium/grid/`` of SeleniumHQ/selenium):

- Only the hub checks: ``[distributor] healthcheck-interval`` (``distributor/config/DistributorOptions``,
  ``getHealthCheckInterval``) is read by the distributor role alone, in seconds, default 120, and never
  below 10 (``Math.max(value, 10)``): ``healthcheck-interval = 2`` runs every 10 s, and the hub logs
  "Added node … Health check every 10s". In a node's TOML the section is ignored.
- The check asks the node for its status; a relay node answers DOWN while its service's
  ``[relay] status-endpoint`` does not answer (``node/local/LocalNode.getStatus`` →
  ``SessionSlot.isRelayServiceUp`` → ``RelaySessionFactory.isServiceUp``).
- A node's heartbeat (``[node] heartbeat-period``) cannot mark it DOWN: the hub only takes an UP
  from it (``distributor/local/LocalGridModel.touch``).
- ``[node] node-down-failure-threshold`` would take a node out after N failed session creations,
  but nothing in 4.48 resets the count of a node that is DOWN: one refused capability (an unknown
  app build) would take a healthy node out until it is restarted. So it stays off.

So between a serve's death and the next check (at most ``HEALTHCHECK_SECONDS``) the hub still
sends new sessions to its node; they fail with "Connection error (POST …/session)", which the
suite's harness retries (``harness/grid_sessions.py``; README.md, "A node that dies").
"""

from __future__ import annotations

import json

HEALTHCHECK_SECONDS = 10  # the shortest interval Grid 4.48 runs, see above
SESSION_REQUEST_SECONDS = 120  # how long a new session may wait in the hub's queue for a free slot


def hub_toml(
    *,
    host: str = "127.0.0.1",
    port: int = 4444,
    events: tuple[str, str] | None = None,
) -> str:
    """The TOML of a hub (``java -jar selenium-server.jar hub --config``) that checks its nodes every 10 s."""
    lines = [
        "# Selenium Grid 4 hub for Kunden-App simulator relay nodes (kundenapp-sim grid-hub).",
        "[server]",
        f"host = {toml_string(host)}",
        f"port = {port}",
        "",
        "[distributor]",
        f"# read only by the hub; Grid 4.48 never checks more often than every {HEALTHCHECK_SECONDS} s",
        f"healthcheck-interval = {HEALTHCHECK_SECONDS}",
        "# a request no stereotype matches (an OS version without a stereotype) fails at once instead of queueing",
        "reject-unsupported-caps = true",
        "",
        "[sessionqueue]",
        f"session-request-timeout = {SESSION_REQUEST_SECONDS}",
    ]
    if events is not None:  # event bus ports other than 4442/4443
        lines += events_section(events)
    return "\n".join(lines) + "\n"


def toml_string(value: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these)."""
    return json.dumps(value)


def events_section(events: tuple[str, str]) -> list[str]:
    """The ``[events]`` lines of hub and node: where the hub publishes and subscribes (``tcp://host:port``)."""
    return ["", "[events]", f"publish = {toml_string(events[0])}", f"subscribe = {toml_string(events[1])}"]
