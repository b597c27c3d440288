"""The HTTP app's per-process :class:`Runtime` (its one driver), read by every route;
:mod:`api.connection` turns the settings into a reachable database."""

from __future__ import annotations

from dataclasses import dataclass

import anyio
from neo4j import AsyncDriver
from neo4j.exceptions import DriverError, Neo4jError
from starlette.requests import HTTPConnection

from graph.driver import Connection
from graph.errors import GraphUnavailable, classify
from graph.migrations import apply_migrations
from graph.reads import GraphReader, RoundTrips


@dataclass(slots=True)
class Runtime:
    """What the app's lifespan opens once per process and every request shares."""

    driver: AsyncDriver
    connection: Connection
    round_trips: RoundTrips
    # Extractions (spaCy, CPU-bound) run in worker threads, at most this many at once.
    ingest_limiter: anyio.CapacityLimiter
    migrated: bool = False

    def reader(self, timeout: float) -> GraphReader:
        return GraphReader(
            self.driver, self.connection.database, timeout=timeout, round_trips=self.round_trips
        )

    async def migrate(self) -> None:
        """Apply the migrations once; raise a GraphError when the database does not answer."""
        if self.migrated:
            return
        try:
            await apply_migrations(self.driver, self.connection.database)
        except (DriverError, Neo4jError) as exc:
            error = classify(exc, f"cannot apply migrations: {exc}")
            raise error or GraphUnavailable(f"cannot apply migrations: {exc}") from exc
        self.migrated = True


def runtime_of(connection: HTTPConnection) -> Runtime:
    runtime: Runtime = connection.app.state.runtime
    return runtime
