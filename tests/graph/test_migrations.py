"""Migrations are safe to apply from several processes at once on a new database (F1),
and fill in the stored sort keys of a graph written before them."""

from __future__ import annotations

import asyncio

from neo4j import AsyncDriver

from graph.driver import Connection, open_driver
from graph.migrations import MIGRATIONS, apply_migrations
from graph.pages import SORT_KEYS
from graph.writer import write_extraction
from tests.graph.factories import bridge_extraction, mayor_extraction

_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN name"
# A uniqueness constraint owns an index of its own name; LOOKUP indexes are the server's.
_INDEXES = ("SHOW INDEXES YIELD name, type, owningConstraint "
            "WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN name")


async def _rules(driver: AsyncDriver, database: str) -> list[str]:
    names = []
    for query in (_CONSTRAINTS, _INDEXES):
        found = await driver.execute_query(query, database_=database)
        names += [r["name"] for r in found.records]
    return names


async def _drop_every_rule(driver: AsyncDriver, database: str) -> None:
    """Make the database new again as far as the schema goes."""
    # Schema commands take no parameters; the names are the server's own.
    for record in (await driver.execute_query(_CONSTRAINTS, database_=database)).records:
        await driver.execute_query(f"DROP CONSTRAINT `{record['name']}`", database_=database)
    for record in (await driver.execute_query(_INDEXES, database_=database)).records:
        await driver.execute_query(f"DROP INDEX `{record['name']}`", database_=database)


async def test_four_processes_migrating_a_new_database_at_once_all_succeed(
    driver: AsyncDriver, connection: Connection
) -> None:
    await _drop_every_rule(driver, connection.database)
    assert await _rules(driver, connection.database) == []
    # Each "process" has its own driver, as `ingest` and `serve` would.
    drivers = [await open_driver(connection) for _ in range(4)]
    try:
        outcomes = await asyncio.gather(
            *(apply_migrations(d, connection.database) for d in drivers), return_exceptions=True
        )
    finally:
        for d in drivers:
            await d.close()
    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    assert len(await _rules(driver, connection.database)) == len(MIGRATIONS)


async def test_the_writer_stores_sort_keys_and_the_migrations_fill_in_missing_ones(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    """Pages seek stored sort keys: every node the writer creates has them, and a graph
    written before they existed gets them from the migrations."""
    db = connection.database
    await write_extraction(empty_graph, db, mayor_extraction())
    await write_extraction(empty_graph, db, bridge_extraction())
    keys = [(label, key, expression.format(v="n"))
            for label, by_key in SORT_KEYS.items() for key, expression in by_key.items()]
    kept = ("MATCH (n:{label}) RETURN count(n) AS n, "
            "count(CASE WHEN n.{key} = {expression} THEN 1 END) AS keyed")

    async def keyed() -> dict[tuple[str, str], tuple[int, int]]:
        found = {}
        for label, key, expression in keys:
            query = kept.format(label=label.value, key=key, expression=expression)
            [record] = (await empty_graph.execute_query(query, database_=db)).records
            found[label.value, key] = (record["n"], record["keyed"])
        return found

    written = await keyed()
    assert all(n > 0 and keyed == n for n, keyed in written.values()), written
    for label, key, _ in keys:  # as an older version wrote them
        await empty_graph.execute_query(f"MATCH (n:{label.value}) REMOVE n.{key}", database_=db)
    assert all(keyed == 0 for _, keyed in (await keyed()).values())
    await apply_migrations(empty_graph, db)
    assert await keyed() == written
