"""World files: a described state (brokers, customers, accounts, mail, the customer's phone) to reproduce a report.

``parse.read`` validates a file, ``load.load`` applies it to a running backend
over HTTP, ``snapshot`` exports a backend's state as a world, ``diagnose``
walks the help article's checklist for one customer. Schema and a worked
example: ``docs/fehlerbericht.md``.
"""
