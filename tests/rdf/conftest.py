"""Fixtures of the RDF tests: the small fixture graph loaded into the real Neo4j."""

from __future__ import annotations

import pytest_asyncio
from neo4j import AsyncDriver

from graph.driver import Connection
from graph.rdf import RdfSource
from tests.rdf import graph_fixture

BASE = "https://news.example.org/id"


@pytest_asyncio.fixture(scope="module")
async def fixture_graph(driver: AsyncDriver, connection: Connection) -> RdfSource:
    """The database holding exactly :mod:`tests.rdf.graph_fixture`, as an export source.

    Loaded once per module: the RDF tests only read.
    """
    await graph_fixture.load(driver, connection.database)
    return RdfSource(driver, connection.database, BASE)
