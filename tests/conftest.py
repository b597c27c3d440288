"""Shared fixtures: settings, and the real Neo4j server that `make test` starts.

`make test` starts a throw-away local Neo4j (instance ``test``, its own data
folder and ports) and exports NEWSGRAPH_NEO4J_URI / _USER / _PASSWORD for this
process. A test that needs the database fails, never skips, when it is absent.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from neo4j import AsyncDriver

from api.settings import Settings
from graph.driver import Connection, open_driver
from graph.migrations import apply_migrations
from graph.writer import write_extraction
from schema.model import Extraction

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "data" / "seed" / "article.txt"
SEED_GOLD = SHARED / "data" / "seed" / "article.gold.json"


def seed_gold() -> dict[str, Any]:
    """The seed article's gold, read by the annotation conventions of the dev set
    (../shared/data/dev/README.md): the reported clause around a partial quote is not
    a second, indirect statement. The seed's gold, annotated before those conventions,
    keeps one such clause; the extractor follows the conventions."""
    gold: dict[str, Any] = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    direct = [s["quote"] for s in gold["statements"] if s["kind"] == "direct"]
    gold["statements"] = [s for s in gold["statements"] if s["kind"] != "indirect"
                          or not any(q in s["quote"] for q in direct)]
    return gold


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env(os.environ)


@pytest.fixture(scope="session")
def connection(settings: Settings) -> Connection:
    if settings.neo4j_uri is None or settings.neo4j_password is None:
        pytest.fail(
            "This test needs the Neo4j server that `make test` starts: run `make test`, or "
            "export NEWSGRAPH_NEO4J_URI and NEWSGRAPH_NEO4J_PASSWORD for a throw-away server "
            "(`eval \"$(newsgraph neo4j start --instance test --bolt-port 17687 "
            "--http-port 17474 --env)\"`)."
        )
    return settings.connection()


@pytest_asyncio.fixture(scope="session")
async def driver(connection: Connection) -> AsyncIterator[AsyncDriver]:
    driver = await open_driver(connection)
    await apply_migrations(driver, connection.database)
    yield driver
    await driver.close()


@pytest_asyncio.fixture
async def empty_graph(driver: AsyncDriver, connection: Connection) -> AsyncDriver:
    """The test database with every node and relationship removed (schema kept)."""
    await driver.execute_query("MATCH (n) DETACH DELETE n", database_=connection.database)
    return driver


@pytest.fixture(scope="session")
def seed_extraction(settings: Settings) -> Extraction:
    """The seed article read and extracted by the loaders (once per test session)."""
    from loaders import extract, load_model, read

    article = read(SEED_ARTICLE, max_bytes=settings.max_article_bytes)
    return extract(article, nlp=load_model(settings.spacy_model))


@pytest_asyncio.fixture
async def seed_graph(
    empty_graph: AsyncDriver, connection: Connection, seed_extraction: Extraction
) -> str:
    """The empty test database with the seed article ingested (read, extracted and
    written by graph.writer); returns the seed article's id."""
    result = await write_extraction(empty_graph, connection.database, seed_extraction)
    return result.article_id
