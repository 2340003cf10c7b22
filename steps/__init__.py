"""Step definitions, screens (page objects) and the typed backend client for the Gherkin suites.

Nothing here imports ``simulator``: the app is reached through the Appium client,
the backend through its HTTP admin and test-control API (DESIGN §2).
"""
