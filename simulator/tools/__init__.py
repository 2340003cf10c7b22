"""In-process tools around world files that look inside the app and the backend.

Diagnosis by the help article (``diagnose``, ``report``, ``cases``), a throwaway backend and the
simulated phone for a world (``run``, ``phone``) and the CLI commands around world files (``world_commands``). Unlike
``simulator.world`` (file schema, parsing, loading through the HTTP client), these may import
``simulator.app`` and ``simulator.backend``; the steps never import them (docs/architecture.md).
"""
