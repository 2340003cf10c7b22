"""Server-rendered pages of the backend: the Makler-Konsole (/konsole/) and the Postfach (/postfach/)."""
