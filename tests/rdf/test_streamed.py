"""Every format is streamed, and says exactly what rdflib's serialisation of the same
triples says: on the fixture graph and on a synthetic graph, in small batches (so
subjects, named graphs and JSON-LD nodes meet batch boundaries) and in large ones."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import pytest_asyncio
from neo4j import AsyncDriver
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.driver import Connection
from graph.rdf import (
    RdfFormat,
    RdfSource,
    build_dataset,
    build_graph,
    emitted,
    export,
    serialize,
    stream,
)
from graph.rdf_rows import weighed_groups
from tests.rdf import graph_fixture
from tests.rdf.conftest import BASE
from tests.rdf.parsing import statements
from tests.rdf.synthetic import write_synthetic


@pytest_asyncio.fixture(
    scope="module",
    params=[("fixture", 3), ("synthetic", 7), ("synthetic", 2000)],
    ids=lambda p: f"{p[0]}-batch{p[1]}",
)
async def source(
    request: pytest.FixtureRequest, driver: AsyncDriver, connection: Connection
) -> RdfSource:
    """The database holding the fixture graph or a synthetic graph of 6 articles, read
    ``batch_size`` nodes a round trip."""
    name, batch_size = request.param
    if name == "fixture":
        await graph_fixture.load(driver, connection.database)
    else:
        await write_synthetic(driver, connection.database, 6)
    return RdfSource(driver, connection.database, BASE, batch_size=batch_size)


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=str)
async def test_the_streamed_format_says_what_rdflibs_serialisation_says(
    source: RdfSource, fmt: RdfFormat
) -> None:
    streamed = statements(await export(source, fmt), fmt)
    built = await (build_dataset(source) if fmt.is_quads else build_graph(source))
    reference = statements(serialize(built, fmt), fmt)
    assert len(reference) > 100
    assert streamed == reference


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=str)
async def test_the_stream_writes_a_chunk_per_batch(source: RdfSource, fmt: RdfFormat) -> None:
    batches = [batch async for batch in emitted(source, quads=fmt.is_quads)]
    chunks = [chunk async for chunk in stream(source, fmt)]
    assert len(batches) > 1
    # the head rides on the first batch's chunk, the tail comes alone
    assert len(chunks) == len(batches) + 1
    assert max(len(c) for c in chunks) < sum(len(c) for c in chunks)


async def test_an_empty_graph_is_a_valid_empty_document_in_every_format(
    driver: AsyncDriver, connection: Connection
) -> None:
    await write_synthetic(driver, connection.database, 0)
    empty = RdfSource(driver, connection.database, BASE)
    for fmt in RdfFormat:
        assert statements(await export(empty, fmt), fmt) == set(), fmt


def _names(data: bytes) -> Iterator[str]:
    for line in data.decode("utf-8").splitlines():
        if line.endswith("{"):
            yield line


async def test_trig_repeats_a_named_graph_block_across_batches_and_parses_to_one_graph(
    source: RdfSource,
) -> None:
    data = await export(source, RdfFormat.TRIG)
    blocks = list(_names(data))
    if source.batch_size < 10:
        assert len(blocks) > len(set(blocks))  # a graph's block in several batches
    dataset = Dataset().parse(data=data, format="trig")
    names = {g.identifier for g in dataset.graphs() if len(g)} - {DATASET_DEFAULT_GRAPH_ID}
    assert {b.split()[0].strip("<>") for b in blocks} == {str(n) for n in names}


def test_weighed_groups_cut_a_page_by_evidence_and_keep_a_heavy_node_alone() -> None:
    weighed = [["a", 1], ["b", 1], ["c", 50], ["d", 0], ["e", 2], ["f", 9]]
    assert list(weighed_groups(weighed, 10)) == [["a", "b"], ["c"], ["d", "e"], ["f"]]
    assert list(weighed_groups(weighed, 1000)) == [["a", "b", "c", "d", "e", "f"]]
    assert list(weighed_groups([], 10)) == []
