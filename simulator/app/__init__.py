"""The emulated Kunden-App on a simulated phone (docs/architecture.md); entry point: ``factory.create_device``."""
