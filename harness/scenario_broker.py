"""The scenario's own broker: a fresh tenant of the backend with Faker data, released after a passed scenario.

Option: ``--seed`` replays a scenario's Faker data (the seed is shown with every failed scenario).
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass, field

import pytest
from faker import Faker

from simulator.client import BackendClient, Broker, BrokerAdmin

SEED_KEY = pytest.StashKey[int]()
FAILED_KEY = pytest.StashKey[bool]()


def add_options(group: pytest.OptionGroup) -> None:
    """The scenario broker's command-line option."""
    group.addoption("--seed", type=int, default=None, help="Faker seed to replay a scenario's data")


@dataclass(frozen=True)
class ScenarioBroker:
    """The scenario's own broker (a tenant of the backend), the backend's API and the Faker data of its people.

    Frozen: a step that starts from another broker (a world file's) makes its own ``ScenarioBroker``
    instead of changing this one under the fixtures that hold it.
    """

    api: BackendClient
    broker: Broker
    admin: BrokerAdmin
    fake: Faker
    seed: int
    more_brokers: list[str] = field(default_factory=list)  # Makler-IDs of brokers the scenario made besides

    def email(self, name: str, domain: str = "example.com") -> str:
        """A unique address for a person of this scenario, at the given mail domain."""
        local = self.fake.unique.user_name()
        return f"{local}.{self.broker.makler_id.lower()}@{domain}"


@functools.cache
def _faker() -> Faker:
    return Faker("de_DE")


def seeded_faker(seed: int) -> Faker:
    """The process's one Faker (de_DE), reseeded: the same data for a seed as a fresh Faker gives
    (so a replay with ``--seed`` sees what the failed run saw); building one costs more than a step."""
    fake = _faker()
    fake.seed_instance(seed)
    fake.unique.clear()
    return fake


def note_failure(item: pytest.Item, report: pytest.TestReport) -> None:
    """Remember a failed set-up or step, so the scenario's broker is kept for a look afterwards."""
    if report.failed:
        item.stash[FAILED_KEY] = True


def seed_for(request: pytest.FixtureRequest) -> int:
    """The scenario's Faker seed: ``--seed`` or a random one, kept on the test item for the reports' replay line."""
    seed = request.config.getoption("seed")
    seed = int(seed) if seed is not None else random.randrange(2**31)  # noqa: S311 - test data, not secrets
    request.node.stash[SEED_KEY] = seed
    return seed


def adopt(request: pytest.FixtureRequest, backend: BackendClient, broker: Broker, release: list[str]) -> ScenarioBroker:
    """The scenario's broker for an existing tenant (Faker seeded with the broker's seed).

    After a passed scenario the brokers in ``release`` (and the ones a step adds to ``more_brokers``)
    are released, so a standing backend keeps its memory flat over a nightly; a failed scenario's
    are kept, so their state can still be looked at.
    """
    made = ScenarioBroker(backend, broker, backend.admin(broker), seeded_faker(broker.seed), broker.seed)

    def release_after_a_pass() -> None:
        if not request.node.stash.get(FAILED_KEY, False):
            for makler_id in (*release, *made.more_brokers):
                backend.delete_broker(makler_id)

    request.addfinalizer(release_after_a_pass)
    return made


def make(request: pytest.FixtureRequest, backend: BackendClient) -> ScenarioBroker:
    """A fresh broker with Faker data (de_DE) for one scenario (fixture ``scenario_broker``), released after a pass."""
    broker = backend.create_broker(seed_for(request))
    return adopt(request, backend, broker, [broker.makler_id])
