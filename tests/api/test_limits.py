"""Limits and errors: depth, aliases, tokens, body size, timeouts, masking, invalid ids."""

from __future__ import annotations

import time

import pytest
import pytest_asyncio
from graphql import GraphQLError
from neo4j import AsyncDriver

from api.graphql.errors import PublicErrors
from api.graphql.limits import Limits
from api.settings import Settings
from graph.driver import Connection
from graph.reads import GraphReader, QueryTimeout
from tests.api.conftest import TEST_LIMITS, Api, serve
from tests.api.gold_graph import load_gold


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def broken(driver: AsyncDriver, connection: Connection) -> str:
    """The gold graph plus a person whose evidence is corrupt (a span start that is text)."""
    await driver.execute_query("MATCH (n) DETACH DELETE n", database_=connection.database)
    art = await load_gold(driver, connection.database)
    await driver.execute_query(
        "CREATE (:Person {id: 'person/corrupt', name: 'Corrupt'})-[:EVIDENCED_BY]->"
        "(:Mention {id: 'mention/corrupt', article: $art, start: 'not a number', end: 3})",
        art=art,
        database_=connection.database,
    )
    return art


async def test_query_depth_is_limited_with_a_helpful_message(api: Api, broken: str) -> None:
    deep = (
        '{ person(id: "person/cressida-dick") { roles { organisation { roles { person {'
        " statements { occasion { location { events { statements { speaker { ... on Person {"
        " roles { organisation { name } } } } } } } } } } } } } } }"
    )
    body = await api.gql(deep)
    assert "exceeds maximum operation depth of 12" in body["errors"][0]["message"]


async def test_a_deep_but_allowed_query_runs(api: Api, broken: str) -> None:
    data = await api.data(
        '{ person(id: "person/cressida-dick") { roles { organisation { roles { person {'
        " statements { occasion { location { name } } } } } } } } }"
    )
    assert data["person"]["roles"]


async def test_aliases_are_limited(api: Api, broken: str) -> None:
    query = "{ " + " ".join(f"a{i}: people {{ totalCount }}" for i in range(31)) + " }"
    body = await api.gql(query)
    assert "aliases" in body["errors"][0]["message"]


async def test_tokens_are_limited(api: Api, broken: str) -> None:
    query = "{ people { nodes { " + " ".join(["name"] * 2100) + " } } }"
    body = await api.gql(query)
    assert "token" in body["errors"][0]["message"].lower()


async def test_validation_errors_stay_helpful_in_production(api: Api, broken: str) -> None:
    body = await api.gql('{ person(id: "person/cressida-dick") { nmae } }')
    message = body["errors"][0]["message"]
    assert "Cannot query field 'nmae' on type 'Person'" in message
    assert "Did you mean 'name'" in message


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ('{ node(id: "nonsense") { id } }', "expected `kind/key`"),
        ('{ node(id: "spaceship/x") { id } }', "expected `kind/key`"),
        ('{ person(id: "organisation/metropolitan-police") { id } }', "person/..."),
        ('{ article(id: "") { id } }', "Invalid id"),
        ('{ node(id: "person/' + "x" * 300 + '") { id } }', "longer than"),
        ('{ people(filter: {organisation: "person/cressida-dick"}) { totalCount } }', "organ"),
        ('{ statements(filter: {speaker: "location/london"}) { totalCount } }', "Invalid id"),
    ],
)
async def test_invalid_ids_are_clear_errors(
    api: Api, broken: str, query: str, fragment: str
) -> None:
    response = await api.client.post("/graphql", json={"query": query})
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert fragment in error["message"]
    assert error["extensions"]["code"] == "INVALID_ID"


async def test_bad_arguments_are_clear_errors(api: Api, broken: str) -> None:
    body = await api.gql(
        '{ events(filter: {date: {start: "2017-10-01", end: "2017-09-01"}}) { totalCount } }'
    )
    assert "start" in body["errors"][0]["message"]
    body = await api.gql('{ events(filter: {date: {start: "yesterday"}}) { totalCount } }')
    assert "Date" in body["errors"][0]["message"]


async def test_internal_errors_are_masked_in_production(api: Api, broken: str) -> None:
    body = await api.gql('{ person(id: "person/corrupt") { name evidence { start } } }')
    [error] = body["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert "not a number" not in str(body)
    assert body["data"] == {"person": None}  # `evidence` is non-null, so its parent is null


async def test_internal_errors_are_shown_in_debug(api_settings: Settings, broken: str) -> None:
    debug = api_settings.replace(debug=True)
    async with serve(debug, TEST_LIMITS) as client:
        body = await client.gql('{ person(id: "person/corrupt") { evidence { start } } }')
    assert "not a number" in body["errors"][0]["message"]


async def test_request_body_size_is_limited(api_settings: Settings, broken: str) -> None:
    async with serve(api_settings, Limits(max_body_bytes=2_000, query_timeout=60)) as client:
        small = await client.client.post("/graphql", json={"query": "{ people { totalCount } }"})
        assert small.status_code == 200
        padding = " " * 3_000
        big = await client.client.post(
            "/graphql", json={"query": "{ people { totalCount } }" + padding}
        )
        assert big.status_code == 413
        assert "larger than 2000 bytes" in big.json()["error"]


async def test_default_body_limit_follows_the_article_size_limit(
    api: Api, api_settings: Settings, broken: str
) -> None:
    limit = Limits().body_limit(api_settings.max_article_bytes)
    response = await api.client.post(
        "/graphql", content=b"{" + b" " * limit + b"}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


async def test_a_read_past_the_transaction_timeout_is_stopped(
    driver: AsyncDriver, connection: Connection
) -> None:
    """Every read the API makes carries the per-request transaction timeout
    (Limits.query_timeout); the server stops a longer one and the reader raises
    QueryTimeout, which the API shows as a TIMEOUT error (see PublicErrors).
    Neo4j checks timeouts every ~2 s, so the slow query here runs far longer."""
    reader = GraphReader(driver, connection.database, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"longer than 0\.5 s"):
        await reader.run(_SLOW)
    assert time.monotonic() - started < 30


async def test_query_timeout_is_shown_as_a_timeout_error() -> None:
    error = GraphQLError("x", original_error=QueryTimeout("The query ran longer than 1 s."))
    shown = PublicErrors().anonymise_error(error)
    assert shown.message == "The query ran longer than 1 s."
    assert shown.extensions == {"code": "TIMEOUT"}


_SLOW = "UNWIND range(1, 2000000000) AS i WITH i WHERE i % 7 = 3 RETURN count(i) AS n"
