"""World files: a described state (brokers, customers, accounts, mail, the customer's phone) to reproduce a report.

``parse.read`` validates a file, ``load.load`` applies it to a running backend
through ``simulator.client`` (HTTP only), ``snapshot`` exports a backend's state
as a world, ``relocate`` moves a world's names for one scenario. Nothing here
imports the app, the backend or the WebDriver server; the diagnosis and the
in-process tools are ``simulator.tools``. Schema and a worked example:
``docs/fehlerbericht.md``.
"""
