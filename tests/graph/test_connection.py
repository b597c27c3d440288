"""The real Neo4j server: a Bolt round trip, idempotent migrations, clear connection errors."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest
from neo4j import AsyncDriver
from neo4j.exceptions import ConstraintError

from graph.driver import Connection, open_driver
from graph.errors import GraphAuthError, GraphUnavailable
from graph.migrations import MIGRATIONS, apply_migrations
from schema.labels import Label


async def test_a_node_written_over_bolt_reads_back(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    await empty_graph.execute_query(
        "CREATE (:Person {id: $id, name: $name})",
        id="person/ada-lovelace",
        name="Ada Lovelace",
        database_=connection.database,
    )
    result = await empty_graph.execute_query(
        "MATCH (p:Person {id: $id}) RETURN p.name AS name",
        id="person/ada-lovelace",
        database_=connection.database,
    )
    assert [record["name"] for record in result.records] == ["Ada Lovelace"]


async def _schema_names(driver: AsyncDriver, database: str) -> set[str]:
    constraints = await driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database)
    indexes = await driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name", database_=database
    )
    return {r["name"] for r in constraints.records} | {r["name"] for r in indexes.records}


async def test_migrations_are_idempotent(driver: AsyncDriver, connection: Connection) -> None:
    await apply_migrations(driver, connection.database)
    first = await _schema_names(driver, connection.database)
    await apply_migrations(driver, connection.database)
    second = await _schema_names(driver, connection.database)
    assert first == second
    assert {f"{label.kind}_id" for label in Label} <= first
    assert "search" in first
    assert len(MIGRATIONS) >= len(Label) + 1


async def test_every_label_id_is_unique(empty_graph: AsyncDriver, connection: Connection) -> None:
    await empty_graph.execute_query(
        "CREATE (:Organisation {id: $id})", id="organisation/x", database_=connection.database
    )
    with pytest.raises(ConstraintError, match="already exists"):
        await empty_graph.execute_query(
            "CREATE (:Organisation {id: $id})", id="organisation/x", database_=connection.database
        )


async def test_wrong_password_is_a_clear_auth_error(connection: Connection) -> None:
    wrong = replace(connection, password=connection.password + "-wrong")
    with pytest.raises(GraphAuthError, match="wrong user or password") as caught:
        await open_driver(wrong)
    assert "NEWSGRAPH_NEO4J_PASSWORD" in str(caught.value)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_unreachable_server_is_a_clear_error(connection: Connection) -> None:
    nowhere = replace(connection, uri=f"bolt://127.0.0.1:{_closed_port()}")
    with pytest.raises(GraphUnavailable, match="unreachable") as caught:
        await open_driver(nowhere)
    assert "newsgraph neo4j start" in str(caught.value)


async def test_a_uri_that_is_not_neo4j_is_a_clear_error(connection: Connection) -> None:
    with pytest.raises(GraphUnavailable, match="not a Neo4j URI"):
        await open_driver(replace(connection, uri="ftp://127.0.0.1:7474"))
