"""Root conftest: the E2E harness (run modes, a broker per scenario, reports) and all step definitions."""

pytest_plugins = [
    "steps.harness",
    "steps.reporting",
    "steps.step_lookup",
    "steps.step_check",
    "steps.outline_ids",
    "steps.context",
    "steps.common_steps",
    "steps.registration_steps",
    "steps.general_steps",
    "steps.login_steps",
    "steps.usage_steps",
    "steps.world_steps",
    "steps.konsole_steps",
]
