"""Watch mode for the developer loop: one warm simulator, the selected scenarios again whenever a suite file is saved.

``python -m harness.watch [pytest args]`` (also ``kundenapp-watch``, ``make watch``). The watcher
(:mod:`harness.watch.loop`) starts the simulator once, in its own process (apart from the tests'),
and a fork server whose process has imported pytest, its plugins, the harness and every library
the step modules use (:mod:`harness.watch.warm`). Each run is a process forked from that warm one
(:mod:`harness.watch.child`): it imports the suite's own files (:mod:`harness.watch.files`: step
modules, test modules, conftests) from disk and collects the feature files afresh, so an edited step
runs as edited, a removed one is gone and a new file is found, with nothing left over from an earlier
run; it reaches the watcher's simulator through the remote-target options (``--target remote``).

It lives in the harness, not in ``kundenapp-sim``: it runs the suites with pytest, and the simulator
knows no suite (docs/architecture.md, import rules).
"""
