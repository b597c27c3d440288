"""No N+1: a nested query costs the same few Cypher round trips for 5 rows or 50.

The count comes from the graph layer's own counter (graph.reads.RoundTrips),
which every request's GraphReader increments once per query it sends to the
real server."""

from __future__ import annotations

import pytest
import pytest_asyncio
from neo4j import AsyncDriver

from graph.driver import Connection
from tests.api.conftest import Api
from tests.api.gold_graph import load_gold, many_graph

NESTED = """query($first: Int!) { people(first: $first) { totalCount nodes {
  name
  roles { title organisation { name roles { title person { name } } } }
  statements { text kind speaker { ... on Person { name } } occasion { kind } }
  evidence { start text article { headline } }
} } }"""

# people page 1, roles 1 (their organisations come along), organisation roles 1 (their
# holders come along), statements 1 (speakers come along), occasions 1, evidence 1,
# evidence articles 1.
BOUND = 7


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def many(driver: AsyncDriver, connection: Connection) -> str:
    await driver.execute_query("MATCH (n) DETACH DELETE n", database_=connection.database)
    await many_graph(60, statements_each=3).write(driver, connection.database)
    return await load_gold(driver, connection.database)


async def _round_trips(api: Api, query: str, variables: dict[str, object]) -> int:
    before = api.runtime.round_trips.count
    await api.data(query, variables)
    return api.runtime.round_trips.count - before


@pytest.mark.parametrize("first", [5, 50, 64])
async def test_nested_query_round_trips_do_not_grow_with_rows(
    api: Api, many: str, first: int
) -> None:
    data = await api.data(NESTED, {"first": first})
    people = data["people"]["nodes"]
    assert len(people) == first
    assert sum(len(p["statements"]) for p in people) >= first  # many rows really loaded
    trips = await _round_trips(api, NESTED, {"first": first})
    assert trips <= BOUND, f"{trips} round trips for {first} people"


async def test_sixty_four_rows_cost_no_more_than_five(api: Api, many: str) -> None:
    """More rows can only mean more nodes already primed (e.g. role holders on the page)."""
    small = await _round_trips(api, NESTED, {"first": 5})
    large = await _round_trips(api, NESTED, {"first": 64})
    assert large <= small <= BOUND


async def test_a_single_entity_query_is_one_round_trip(api: Api, many: str) -> None:
    trips = await _round_trips(
        api, '{ person(id: "person/cressida-dick") { name aliases } }', {}
    )
    assert trips == 1


async def test_references_come_along_with_their_node(api: Api, many: str) -> None:
    """A role's person and organisation, a statement's speaker: no extra round trip."""
    trips = await _round_trips(
        api,
        '{ person(id: "person/cressida-dick") { name roles { title person { name } '
        "organisation { name } } statements { speaker { ... on Person { name } } "
        "audience { ... on Organisation { name } } } } }",
        {},
    )
    assert trips == 3  # the person, her roles, her statements
