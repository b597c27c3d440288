"""Fixtures of the RDF tests: the small fixture graph loaded into the real Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_asyncio
from neo4j import AsyncDriver

from api.settings import Settings
from graph.driver import Connection
from graph.rdf import RdfSource
from tests.rdf import graph_fixture
from tests.rdf.jena import ensure_jars

BASE = "https://news.example.org/id"


@pytest_asyncio.fixture(scope="module")
async def fixture_graph(driver: AsyncDriver, connection: Connection) -> RdfSource:
    """The database holding exactly :mod:`tests.rdf.graph_fixture`, as an export source.

    Loaded once per module: the RDF tests only read.
    """
    await graph_fixture.load(driver, connection.database)
    return RdfSource(driver, connection.database, BASE)


@pytest.fixture(scope="session")
def jena_lib(settings: Settings) -> Path:
    """Apache Jena's jars (fetched from Maven Central once, then kept)."""
    return ensure_jars(settings.home)
