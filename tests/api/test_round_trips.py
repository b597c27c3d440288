"""One Cypher statement per root field, however deep the query and however many rows.

Two counts, both of real statements sent to the real server: the graph layer's own
counter (graph.reads.RoundTrips, incremented once per statement a request's
GraphReader sends), and a counting wrapper around the real async driver the app
uses, which records the text of every statement any session of the app runs."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import pytest_asyncio
from neo4j import AsyncDriver, Query

from graph.driver import Connection
from tests.api.conftest import Api
from tests.api.gold_graph import load_gold, many_graph

NESTED = """query($first: Int!) { people(first: $first) { totalCount nodes {
  name
  roles { title organisation { name roles { title person { name } } } }
  statements { text kind speaker { ... on Person { name } } occasion { kind } }
  evidence { start text article { headline } }
} } }"""

DEEP = """query($id: ID!) { person(id: $id) { name
  roles(first: 10) { title organisation { name roles(first: 20) { title person { name
    statements(first: 10) { text kind evidence { text } } } } } } } }"""

PAGE_OF_100 = """{ people(first: 100) { totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id name roles { title status organisation { name } } } } } }"""


class _CountingSession:
    def __init__(self, session: Any, statements: list[str]) -> None:
        self._session = session
        self._statements = statements

    async def __aenter__(self) -> _CountingSession:
        await self._session.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._session.__aexit__(*exc)

    async def run(self, query: Any, parameters: Any = None, **kwargs: Any) -> Any:
        self._statements.append(query.text if isinstance(query, Query) else str(query))
        return await self._session.run(query, parameters, **kwargs)


class _CountingDriver:
    """The app's real driver, with every session's statements written down."""

    def __init__(self, driver: AsyncDriver) -> None:
        self._driver = driver
        self.statements: list[str] = []

    def session(self, **kwargs: Any) -> _CountingSession:
        return _CountingSession(self._driver.session(**kwargs), self.statements)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._driver, name)


@contextmanager
def _counting(api: Api) -> Iterator[_CountingDriver]:
    runtime = api.runtime
    real = runtime.driver
    counting = _CountingDriver(real)
    runtime.driver = counting  # type: ignore[assignment]
    try:
        yield counting
    finally:
        runtime.driver = real


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def many(driver: AsyncDriver, connection: Connection) -> AsyncIterator[str]:
    await driver.execute_query("MATCH (n) DETACH DELETE n", database_=connection.database)
    await many_graph(130, statements_each=3).write(driver, connection.database)
    yield await load_gold(driver, connection.database)


async def _statements(api: Api, query: str, variables: dict[str, object]) -> tuple[int, list[str],
                                                                                  dict[str, Any]]:
    before = api.runtime.round_trips.count
    with _counting(api) as counting:
        data = await api.data(query, variables)
    return api.runtime.round_trips.count - before, counting.statements, data


@pytest.mark.parametrize("first", [5, 50, 64])
async def test_nested_query_is_one_statement_whatever_the_rows(
    api: Api, many: str, first: int
) -> None:
    trips, statements, data = await _statements(api, NESTED, {"first": first})
    people = data["people"]["nodes"]
    assert len(people) == first
    assert sum(len(p["statements"]) for p in people) >= first  # many rows really loaded
    assert trips == 1, f"{trips} round trips for {first} people"
    assert len(statements) == 1, statements


async def test_the_deep_query_is_one_statement(api: Api, many: str) -> None:
    trips, statements, data = await _statements(api, DEEP, {"id": "person/cressida-dick"})
    person = data["person"]
    # five levels really read: her roles, their organisations, their roles' holders,
    # and what those holders said
    holders = [r2["person"] for r in person["roles"] if r["organisation"]
               for r2 in r["organisation"]["roles"] if r2["person"]]
    assert holders and any(h["statements"] for h in holders)
    assert trips == 1 and len(statements) == 1, statements


async def test_a_page_of_100_people_with_roles_is_one_statement(api: Api, many: str) -> None:
    trips, statements, data = await _statements(api, PAGE_OF_100, {})
    edges = data["people"]["edges"]
    assert len(edges) == 100
    assert data["people"]["pageInfo"]["hasNextPage"] is True
    synthetic = [e["node"] for e in edges if e["node"]["name"].startswith("Person ")]
    assert len(synthetic) >= 90
    assert all(len(p["roles"]) == 1 and p["roles"][0]["title"] == "Officer" for p in synthetic)
    assert all(r["organisation"]["name"] for e in edges for r in e["node"]["roles"]
               if r["organisation"])
    assert trips == 1 and len(statements) == 1, statements


async def test_one_statement_per_root_field(api: Api, many: str) -> None:
    query = ('{ a: person(id: "person/cressida-dick") { name roles { title } } '
             "b: people(first: 3) { nodes { name } } "
             'c: node(id: "organisation/metropolitan-police") { id } __typename }')
    trips, statements, data = await _statements(api, query, {})
    assert data["a"]["name"] == "Cressida Dick"
    assert len(data["b"]["nodes"]) == 3
    assert data["c"] == {"id": "organisation/metropolitan-police"}
    assert data["__typename"] == "Query"
    assert trips == 3 and len(statements) == 3, statements


async def test_references_come_along_with_their_node(api: Api, many: str) -> None:
    """A role's person and organisation, a statement's speaker: the same statement."""
    trips, statements, data = await _statements(
        api,
        '{ person(id: "person/cressida-dick") { name roles { title person { name } '
        "organisation { name } } statements { speaker { ... on Person { name } } "
        "audience { ... on Organisation { name } } } } }",
        {},
    )
    assert data["person"]["roles"][0]["person"]["name"] == "Cressida Dick"
    assert trips == 1 and len(statements) == 1  # the person, her roles, her statements


async def test_a_statement_reads_only_what_is_asked(api: Api, many: str) -> None:
    _, statements, _ = await _statements(
        api, '{ person(id: "person/cressida-dick") { name } }', {}
    )
    (text,) = statements
    assert ".name" in text
    for unasked in ("aliases", "honorific", "HOLDS", "SAID", "EVIDENCED_BY"):
        assert unasked not in text, (unasked, text)
