"""Writes and deletions whose statements a test observes or sends one row at a time.

They run the writer's own transaction functions with a subclass of its statement
runner (:class:`graph.writer.runner.Statements`), the writer's one seam; the
public functions of :mod:`graph.writer` have no such switch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph.records import DeleteResult, WriteResult
from graph.writer.removal import delete_tx
from graph.writer.rows import Rows
from graph.writer.runner import Statements
from graph.writer.transactions import Written, write_tx
from schema.model import Extraction

Hook = Callable[[str], None]


class Observed(Statements):
    """Calls ``hook`` with each statement's name once it ran (an exception it raises
    aborts the transaction)."""

    def __init__(self, tx: AsyncManagedTransaction, hook: Hook) -> None:
        super().__init__(tx)
        self.hook = hook

    async def run(self, name: str, query: str, **params: Any) -> list[dict[str, Any]]:
        rows = await super().run(name, query, **params)
        self.hook(name)
        return rows


class PerRow(Statements):
    """Each row of a write in a round trip of its own: the same statements, unbatched."""

    async def write(self, name: str, query: str, rows: Rows) -> None:
        for row in rows:
            await self.run(name, query, rows=[row])


async def write_observed(
    driver: AsyncDriver, database: str, extraction: Extraction, hook: Hook
) -> WriteResult:
    async with driver.session(database=database) as session:
        written: Written = await session.execute_write(
            write_tx, [extraction], lambda tx: Observed(tx, hook)
        )
    (result,) = written.results
    return result


async def write_per_row(
    driver: AsyncDriver, database: str, extractions: list[Extraction]
) -> Written:
    async with driver.session(database=database) as session:
        return await session.execute_write(write_tx, extractions, PerRow)


async def delete_observed(
    driver: AsyncDriver, database: str, article: str, hook: Hook
) -> DeleteResult:
    async with driver.session(database=database) as session:
        return await session.execute_write(delete_tx, [article], lambda tx: Observed(tx, hook))
