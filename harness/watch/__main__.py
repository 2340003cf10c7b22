"""``python -m harness.watch [pytest args]``: the watch mode (:mod:`harness.watch.loop`)."""

from harness.watch.loop import main

main()
