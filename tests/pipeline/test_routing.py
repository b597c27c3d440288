"""A routing URI (``neo4j://``, as for a cluster or Aura) needs no code change: the
driver routes the batch writes to the leader and the checksum lookups as reads."""

from __future__ import annotations

from dataclasses import replace

from neo4j import AsyncDriver

from graph.driver import Connection, open_driver
from graph.records import WriteStatus
from graph.writer import stored_checksums, write_batch
from tests.graph.factories import bridge_extraction, mayor_extraction


async def test_a_routing_uri_writes_batches_and_reads_checksums(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    assert connection.uri.startswith("bolt://")
    routed = replace(connection, uri="neo4j://" + connection.uri.removeprefix("bolt://"))
    driver = await open_driver(routed)
    try:
        batch = [mayor_extraction(), bridge_extraction()]
        written = await write_batch(driver, routed.database, batch)
        stored = await stored_checksums(
            driver, routed.database, [e.article.id for e in batch]
        )
    finally:
        await driver.close()
    assert written.one_transaction and not written.failures
    assert {r.status for r in written.results} == {WriteStatus.CREATED}
    assert stored == {e.article.id: e.article.checksum for e in batch}
