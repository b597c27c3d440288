"""``newsgraph ingest --cluster``: extraction on a real Dask cluster (a local scheduler
and two worker processes on loopback), writes by this process into the real Neo4j,
with the same idempotency and no-duplicate checks as the local pipeline."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from neo4j import AsyncDriver

from api.extractors import ClusterError, DaskExtractor
from api.pipeline import Pipeline
from api.settings import Settings
from graph.driver import Connection, open_driver
from graph.records import WriteStatus
from tests.graph.factories import fingerprint
from tests.pipeline.corpus import duplicates, reader, statuses, write_corpus


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    ) as local:
        yield local


@pytest.fixture(scope="module")
def dask_extractor(cluster: LocalCluster, settings: Settings) -> Iterator[DaskExtractor]:
    extractor = DaskExtractor(cluster.scheduler_address, settings.spacy_model)
    yield extractor
    extractor.close()


def _models_loaded() -> int:
    from loaders.nlp import _load

    return _load.cache_info().currsize


async def test_the_cluster_extracts_batches_and_each_worker_holds_the_model_once(
    empty_graph: AsyncDriver, connection: Connection, settings: Settings,
    cluster: LocalCluster, dask_extractor: DaskExtractor, tmp_path: Path,
) -> None:
    db = connection.database
    sources = write_corpus(tmp_path, 6)
    run = Pipeline(empty_graph, db, dask_extractor, reader(settings), batch_size=2)

    first = await run.run(sources)

    assert set(statuses(first)) == {WriteStatus.CREATED}
    assert dask_extractor.workers == 2
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        loaded = client.run(_models_loaded)
    assert sorted(loaded.values()) == [1, 1]  # the plugin's one load per worker
    found, _, _ = await empty_graph.execute_query(
        "MATCH (p:Person) RETURN count(p) AS people", database_=db
    )
    assert found[0]["people"] == 4

    before = await fingerprint(empty_graph, db)
    again = Pipeline(empty_graph, db, dask_extractor, reader(settings), batch_size=4)
    second = await again.run(sources)
    assert set(statuses(second)) == {WriteStatus.UNCHANGED}
    assert again.counts.changed is False
    assert await fingerprint(empty_graph, db) == before


async def test_four_concurrent_cluster_pipelines_over_overlapping_sources_create_no_duplicates(
    empty_graph: AsyncDriver, connection: Connection, settings: Settings,
    dask_extractor: DaskExtractor, tmp_path: Path,
) -> None:
    db = connection.database
    sources = write_corpus(tmp_path, 6)
    await Pipeline(empty_graph, db, dask_extractor, reader(settings), batch_size=3).run(sources)
    sequential = await fingerprint(empty_graph, db)
    await empty_graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    shares = [sources[i:] + sources[:i] for i in (0, 2, 3, 5)]
    drivers = [await open_driver(connection) for _ in shares]
    try:
        results = await asyncio.gather(*(
            Pipeline(driver, db, dask_extractor, reader(settings), batch_size=2).run(share[:4])
            for driver, share in zip(drivers, shares, strict=True)
        ))
    finally:
        for driver in drivers:
            await driver.close()

    assert all(o.result is not None for outcomes in results for o in outcomes)
    assert await duplicates(empty_graph, db) == []
    assert await fingerprint(empty_graph, db) == sequential


def test_a_scheduler_that_does_not_answer_is_a_clear_error(settings: Settings) -> None:
    with pytest.raises(ClusterError, match=r"No Dask scheduler answered at tcp://127\.0\.0\.1:9"):
        DaskExtractor("tcp://127.0.0.1:9", settings.spacy_model, timeout=2)
