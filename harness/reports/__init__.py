"""The reports of a run from one record per scenario: HTML, JUnit XML, Cucumber JSON, Allure, and their files."""
