"""Migrations are safe to apply from several processes at once on a new database (F1)."""

from __future__ import annotations

import asyncio

from neo4j import AsyncDriver

from graph.driver import Connection, open_driver
from graph.migrations import MIGRATIONS, apply_migrations

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
