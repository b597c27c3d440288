"""The statement runner: how the writer's transaction functions send their statements.

A transaction function makes one :class:`Statements` per attempt (the driver may
retry it) and sends every statement through it; it sums the server's counters.
The class is the writer's one seam: a subclass may observe or change how
statements are sent (the tests fail a transaction after a named statement, the
write benchmark sends each row in a round trip of its own), and is passed to the
transaction functions of :mod:`graph.writer.transactions` and
:mod:`graph.writer.removal`; the public functions of :mod:`graph.writer` always
use this class as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.records import Counts
from graph.writer.rows import Rows


class Statements:
    """One attempt of a transaction function: runs statements, sums their counters."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx
        self.counts = Counts()

    async def run(self, name: str, query: str, **params: Any) -> list[dict[str, Any]]:
        """Run one statement (``name`` says which, for subclasses); its rows."""
        result = await self.tx.run(query, params)
        rows = await result.data()
        summary = await result.consume()
        self.counts = self.counts + Counts.of(summary.counters)
        return rows

    async def write(self, name: str, query: str, rows: Rows) -> None:
        """A batched ``UNWIND $rows`` write (nothing to do for no rows)."""
        if rows:
            await self.run(name, query, rows=rows)


StatementsFactory = Callable[[AsyncManagedTransaction], Statements]
"""Makes the :class:`Statements` of one attempt: the class itself, or a test's subclass."""
