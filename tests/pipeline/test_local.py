"""``newsgraph ingest``'s pipeline on this machine, against the real Neo4j: real files,
the real reader, extraction by spaCy in two worker processes, batched writes."""

from __future__ import annotations

import asyncio
from pathlib import Path

from neo4j import AsyncDriver

from api.extractors import Extractor, LocalExtractor
from api.pipeline import Pipeline
from api.settings import Settings
from graph.driver import Connection, open_driver
from graph.records import WriteStatus
from tests.graph.factories import fingerprint
from tests.pipeline.corpus import (
    duplicates,
    reader,
    statuses,
    write_corpus,
    write_unindexable,
)


def pipeline(
    driver: AsyncDriver, connection: Connection, settings: Settings, extractor: Extractor,
    batch_size: int = 4,
) -> Pipeline:
    return Pipeline(driver, connection.database, extractor, reader(settings),
                    batch_size=batch_size)


async def test_one_article_the_server_refuses_is_reported_and_the_rest_of_its_batch_lands(
    empty_graph: AsyncDriver, connection: Connection, settings: Settings,
    local_extractor: LocalExtractor, tmp_path: Path,
) -> None:
    good = write_corpus(tmp_path, 3)
    bad = write_unindexable(tmp_path)
    sources = [good[0], bad, good[1], good[2]]  # one batch of four

    outcomes = await pipeline(empty_graph, connection, settings, local_extractor).run(sources)

    assert statuses(outcomes) == ["created", "failed", "created", "created"]
    assert outcomes[1].error is not None and "too large to index" in outcomes[1].error
    assert not any(o.batched for o in outcomes)  # written again one by one
    found, _, _ = await empty_graph.execute_query(
        "MATCH (a:Article) RETURN count(a) AS n, max(size(a.url)) AS longest",
        database_=connection.database,
    )
    assert found[0]["n"] == 3 and found[0]["longest"] is None  # no trace of the bad one


async def test_ingesting_the_same_sources_again_changes_nothing(
    empty_graph: AsyncDriver, connection: Connection, settings: Settings,
    local_extractor: LocalExtractor, tmp_path: Path,
) -> None:
    sources = write_corpus(tmp_path, 6)
    first = await pipeline(empty_graph, connection, settings, local_extractor).run(sources)
    assert set(statuses(first)) == {WriteStatus.CREATED}
    assert all(o.batched for o in first)  # batches of four and two, one transaction each
    before = await fingerprint(empty_graph, connection.database)
    loaded, _, _ = await empty_graph.execute_query(
        "MATCH (a:Article) RETURN collect(a.loadedAt) AS at", database_=connection.database
    )

    again = pipeline(empty_graph, connection, settings, local_extractor, batch_size=2)
    second = await again.run(sources)

    assert set(statuses(second)) == {WriteStatus.UNCHANGED}
    assert again.counts.changed is False
    assert await fingerprint(empty_graph, connection.database) == before
    reloaded, _, _ = await empty_graph.execute_query(
        "MATCH (a:Article) RETURN collect(a.loadedAt) AS at", database_=connection.database
    )
    assert reloaded[0]["at"] == loaded[0]["at"]


async def test_four_concurrent_pipelines_over_overlapping_sources_create_no_duplicates(
    empty_graph: AsyncDriver, connection: Connection, settings: Settings,
    local_extractor: LocalExtractor, tmp_path: Path,
) -> None:
    db = connection.database
    sources = write_corpus(tmp_path, 6)
    await pipeline(empty_graph, connection, settings, local_extractor, 3).run(sources)
    sequential = await fingerprint(empty_graph, db)
    await empty_graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    # Each loader takes four of the six articles, in its own order, with its own driver
    # (its own connections and transactions, as separate processes would have).
    shares = [sources[i:] + sources[:i] for i in (0, 2, 3, 5)]
    drivers = [await open_driver(connection) for _ in shares]
    try:
        results = await asyncio.gather(*(
            pipeline(driver, connection, settings, local_extractor, 2).run(share[:4])
            for driver, share in zip(drivers, shares, strict=True)
        ))
    finally:
        for driver in drivers:
            await driver.close()

    assert all(o.result is not None for outcomes in results for o in outcomes)
    assert await duplicates(empty_graph, db) == []
    assert await fingerprint(empty_graph, db) == sequential
