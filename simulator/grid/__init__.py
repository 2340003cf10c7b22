"""Selenium Grid 4 as the scale-out path: relay node configs for ``serve`` instances, and a local Grid.

``node_config`` writes the relay node TOML (``kundenapp-sim grid-node``); ``cluster`` starts a hub,
relay nodes, serves and one shared backend on loopback (``make e2e-grid`` and the Grid test).
"""
