"""Fake broker platform ("Maklerverwaltung"): app API, admin API, test-control API."""
