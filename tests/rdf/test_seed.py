"""The export of the seed article, ingested by the real loaders and writer, answers the
gold questions in SPARQL and conforms to the shapes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from neo4j import AsyncDriver
from pyshacl import validate
from rdflib import Graph, Literal

from graph.driver import Connection
from graph.rdf import (
    RdfFormat,
    RdfSource,
    build_dataset,
    build_graph,
    export,
    rdflib_format,
    serialize,
)
from tests.conftest import SEED_GOLD
from tests.rdf.conftest import BASE
from tests.rdf.jena import JENA_FORMATS, riot_validate
from tests.rdf.parsing import statements
from tests.rdf.sparql import ROLES_AT, SAID_BY, shapes

GOLD = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
_STOP_WORDS = (
    "a an the of in on at to for and or but is are was were be been it its this that "
    "we our i you she he they their would will can"
)
_STOP = frozenset(_STOP_WORDS.split())


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def matches(gold: str, found: str) -> bool:
    """The evaluation's rule: 70% of the content words of the shorter quote."""
    a, b = words(gold), words(found)
    return len(a & b) / max(1, min(len(a), len(b))) >= 0.7


def source(driver: AsyncDriver, connection: Connection) -> RdfSource:
    return RdfSource(driver, connection.database, BASE)


async def exported(driver: AsyncDriver, connection: Connection, fmt: RdfFormat) -> Graph:
    data = await export(source(driver, connection), fmt)
    return Graph().parse(data=data, format=rdflib_format(fmt))


async def test_sparql_tells_what_cressida_dick_said_in_the_seed_article(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    graph = await exported(driver, connection, RdfFormat.TTL)
    rows = graph.query(SAID_BY, initBindings={"name": Literal("Cressida Dick")})
    said = [str(r[0]) for r in rows]  # type: ignore[index]
    gold = [s["quote"] for s in GOLD["statements"] if s["speaker"] == "Cressida Dick"]
    assert gold and all(any(matches(q, s) for s in said) for q in gold), said
    assert not any(
        matches(s["quote"], q)
        for s in GOLD["statements"]
        if s["speaker"] != "Cressida Dick"
        for q in said
    )


async def test_sparql_tells_who_holds_which_role_at_the_metropolitan_police(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    graph = await exported(driver, connection, RdfFormat.JSONLD)
    rows = graph.query(ROLES_AT, initBindings={"name": Literal("Metropolitan Police")})
    found = {(str(r[0]), str(r[1])) for r in rows}  # type: ignore[index]
    gold = {
        (r["person"], r["title"])
        for r in GOLD["roles"]
        if r["organisation"] == "Metropolitan Police"
    }
    assert found == gold


async def test_the_seed_export_conforms_to_the_shapes(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    graph = await exported(driver, connection, RdfFormat.TTL)
    conforms, _, report = validate(graph, shacl_graph=shapes())
    assert conforms, report


async def test_every_streamed_format_of_the_seed_says_what_rdflibs_serialisation_says(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    small = RdfSource(driver, connection.database, BASE, batch_size=5)
    graph = await build_graph(small)
    dataset = await build_dataset(small)
    for fmt in RdfFormat:
        reference = statements(serialize(dataset if fmt.is_quads else graph, fmt), fmt)
        assert len(reference) > 100, fmt
        assert statements(await export(small, fmt), fmt) == reference, fmt


async def test_the_seed_articles_named_graph_is_the_whole_export(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    whole = await build_graph(source(driver, connection))
    alone = await build_graph(source(driver, connection), seed_graph)
    assert set(alone) == set(whole)


async def test_jena_accepts_the_seed_article_export(
    seed_graph: str,
    driver: AsyncDriver,
    connection: Connection,
    jena_lib: Path,
    tmp_path: Path,
) -> None:
    source = RdfSource(driver, connection.database, "http://127.0.0.1:8000")
    files = []
    for fmt in JENA_FORMATS:
        path = tmp_path / f"seed.{fmt.extension}"
        path.write_bytes(await export(source, fmt))
        files.append(path)
    result = riot_validate(jena_lib, *files)
    assert result.returncode == 0, result.output
    assert result.problems == [], result.output
