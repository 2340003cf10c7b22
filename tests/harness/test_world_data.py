"""The per-scenario test data: one Faker per process, reseeded per scenario."""

from __future__ import annotations

from faker import Faker

from harness.scenario_broker import seeded_faker


def test_the_shared_faker_gives_a_seed_the_data_a_fresh_one_gives() -> None:
    """A replay (--seed, a fresh process) must see the data of the failed run, whatever ran before it."""

    def data(fake: Faker) -> list[str]:
        return [fake.name(), fake.unique.user_name(), fake.unique.user_name(), fake.email()]

    fresh = Faker("de_DE")
    fresh.seed_instance(5)
    expected = data(fresh)
    data(seeded_faker(5))  # an earlier scenario with the same seed used up unique names
    data(seeded_faker(7))
    assert data(seeded_faker(5)) == expected
