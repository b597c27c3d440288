"""Four processes loading overlapping articles at once leave the graph a sequential
load leaves: no duplicate node, every shared entity once, with evidence from all."""

from __future__ import annotations

import multiprocessing

from neo4j import AsyncDriver

from graph.driver import Connection
from graph.writer import write_extraction
from tests.graph.factories import fingerprint, load_in_process, overlapping_extraction

ARTICLES = 16
PROCESSES = 4


async def test_four_processes_loading_overlapping_articles_create_no_duplicates(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    for index in range(ARTICLES):
        await write_extraction(empty_graph, db, overlapping_extraction(index))
    sequential = await fingerprint(empty_graph, db)
    await empty_graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)

    # Every process loads every article, each starting at a different one, so the
    # same nodes and the same articles are written at the same moment.
    orders = [
        [(start + step) % ARTICLES for step in range(ARTICLES)]
        for start in range(0, ARTICLES, ARTICLES // PROCESSES)
    ]
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=load_in_process, args=(connection, order)) for order in orders
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [worker.exitcode for worker in workers] == [0] * PROCESSES

    records, _, _ = await empty_graph.execute_query(
        "MATCH (n) WITH n.id AS id, count(*) AS copies WHERE copies > 1 RETURN id",
        database_=db,
    )
    assert records == []
    people, _, _ = await empty_graph.execute_query(
        "MATCH (p:Person {name: 'Ada Lovelace'})-[:EVIDENCED_BY]->(:Mention)-[:FROM]->(a) "
        "RETURN count(DISTINCT p) AS people, count(DISTINCT a) AS articles",
        database_=db,
    )
    assert (people[0]["people"], people[0]["articles"]) == (1, ARTICLES // 2)
    assert await fingerprint(empty_graph, db) == sequential
