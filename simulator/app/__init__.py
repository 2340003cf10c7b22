"""The emulated Kunden-App on a simulated phone (DESIGN §2); entry point: ``factory.create_device``."""
