"""The RDF export, read from the real Neo4j holding the fixture graph."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from pyshacl import validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.errors import NotFound
from graph.rdf import (
    RdfExportError,
    RdfFormat,
    RdfSource,
    UriScheme,
    build_dataset,
    build_graph,
    date_literal,
    describe,
    emitted,
    export,
    graph_of,
    rdflib_format,
    stream,
)
from schema.vocab import NIF, PROV, SDO
from tests.rdf import graph_fixture as fx
from tests.rdf.conftest import BASE
from tests.rdf.sparql import ROLES_AT, SAID_BY, shapes

TRIPLE_FORMATS = [f for f in RdfFormat if not f.is_quads]
QUAD_FORMATS = [f for f in RdfFormat if f.is_quads]


def parse(data: bytes, fmt: RdfFormat) -> Graph:
    target: Graph = Dataset() if fmt.is_quads else Graph()
    target.parse(data=data, format=rdflib_format(fmt))
    return target


def quads(dataset: Graph) -> int:
    assert isinstance(dataset, Dataset)
    return sum(1 for _ in dataset.quads((None, None, None, None)))


def node(node_id: str) -> URIRef:
    return URIRef(f"{BASE}/{node_id}")


@pytest.mark.parametrize("fmt", TRIPLE_FORMATS, ids=str)
async def test_every_triple_format_parses_back_to_the_same_number_of_triples(
    fixture_graph: RdfSource, fmt: RdfFormat
) -> None:
    built = await build_graph(fixture_graph)
    parsed = parse(await export(fixture_graph, fmt), fmt)
    assert len(built) > 100
    assert len(parsed) == len(built)
    assert isomorphic(parsed, built)


@pytest.mark.parametrize("fmt", QUAD_FORMATS, ids=str)
async def test_every_quad_format_parses_back_to_the_same_named_graphs(
    fixture_graph: RdfSource, fmt: RdfFormat
) -> None:
    built = await build_dataset(fixture_graph)
    parsed = parse(await export(fixture_graph, fmt), fmt)
    assert quads(parsed) == quads(built)
    assert isinstance(parsed, Dataset)
    names = {g.identifier for g in parsed.graphs() if len(g)}
    assert {node(fx.ARTICLE_A), node(fx.ARTICLE_B)} <= names


async def test_streamed_ntriples_comes_in_batches_and_repeats_no_triple(
    fixture_graph: RdfSource,
) -> None:
    small = RdfSource(fixture_graph.driver, fixture_graph.database, BASE, batch_size=3)
    chunks = [chunk async for chunk in stream(small, RdfFormat.NT)]
    lines = b"".join(chunks).decode("utf-8").splitlines()
    assert len(chunks) > 10
    assert len(lines) == len(set(lines)) == len(await build_graph(fixture_graph))


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=str)
async def test_quote_marks_backslashes_newlines_and_non_ascii_survive_the_round_trip(
    fixture_graph: RdfSource, fmt: RdfFormat
) -> None:
    parsed = parse(await export(fixture_graph, fmt), fmt)
    quote = node(fx.QUOTE_TRICKY)
    texts = (
        list(parsed.objects(quote, SDO.text))
        if not fmt.is_quads
        else [
            o
            for _, _, o, _ in parsed.quads((quote, SDO.text, None, None))  # type: ignore[attr-defined]
        ]
    )
    assert texts and all(t == Literal(fx.TRICKY) for t in texts)
    contexts = (
        list(parsed.objects(node(fx.ARTICLE_A), NIF.isString))
        if not fmt.is_quads
        else [
            o
            for _, _, o, _ in parsed.quads((node(fx.ARTICLE_A), NIF.isString, None, None))  # type: ignore[attr-defined]
        ]
    )
    assert contexts and str(contexts[0]) == fx.TEXT_A


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=str)
async def test_the_streamed_export_conforms_to_the_shapes(
    fixture_graph: RdfSource, fmt: RdfFormat
) -> None:
    parsed = parse(await export(fixture_graph, fmt), fmt)
    graph = Graph()
    for s, p, o, *_ in (
        parsed.quads((None, None, None, None))  # type: ignore[attr-defined]
        if fmt.is_quads
        else parsed
    ):
        graph.add((s, p, o))
    assert len(graph) > 100
    conforms, _, report = validate(graph, shacl_graph=shapes())
    assert conforms, report


async def test_the_shapes_reject_a_quotation_without_creator_or_provenance(
    fixture_graph: RdfSource,
) -> None:
    graph = await build_graph(fixture_graph)
    quote = node(fx.QUOTE_HOUSE)
    graph.remove((quote, SDO.creator, None))
    graph.remove((quote, PROV.wasDerivedFrom, None))
    conforms, _, report = validate(graph, shacl_graph=shapes())
    assert not conforms
    assert "creator" in str(report) and "wasDerivedFrom" in str(report)


async def test_sparql_over_the_export_tells_what_cressida_dick_said(
    fixture_graph: RdfSource,
) -> None:
    graph = parse(await export(fixture_graph, RdfFormat.TTL), RdfFormat.TTL)
    rows = graph.query(SAID_BY, initBindings={"name": Literal("Cressida Dick")})
    assert {str(r[0]) for r in rows} == fx.SAID_BY_DICK  # type: ignore[index]


async def test_sparql_over_the_export_tells_who_holds_which_role_at_the_met(
    fixture_graph: RdfSource,
) -> None:
    graph = parse(await export(fixture_graph, RdfFormat.JSONLD), RdfFormat.JSONLD)
    rows = graph.query(ROLES_AT, initBindings={"name": Literal("Metropolitan Police")})
    assert {(str(r[0]), str(r[1])) for r in rows} == fx.ROLES_AT_MET  # type: ignore[index]


async def test_every_span_points_at_its_characters_in_the_article_text(
    fixture_graph: RdfSource,
) -> None:
    graph = await build_graph(fixture_graph)
    spans = list(graph.subjects(NIF.referenceContext, None))
    assert len(spans) > 10
    for span in spans:
        context = graph.value(span, NIF.referenceContext)
        text = str(graph.value(context, NIF.isString))
        begin = int(graph.value(span, NIF.beginIndex).toPython())  # type: ignore[union-attr]
        end = int(graph.value(span, NIF.endIndex).toPython())  # type: ignore[union-attr]
        assert text[begin:end] == str(graph.value(span, NIF.anchorOf))


async def test_an_article_export_is_exactly_that_articles_named_graph(
    fixture_graph: RdfSource,
) -> None:
    dataset = await build_dataset(fixture_graph)
    alone = await build_graph(fixture_graph, fx.ARTICLE_B)
    named = dataset.graph(node(fx.ARTICLE_B))
    assert set(alone) == set(named)
    assert (node(fx.DICK), SDO.name, Literal("Cressida Dick")) in alone
    assert (node(fx.HOUSE), None, None) not in alone
    # The article's own aliases only: article B calls her "Ms Dick", never "Dick".
    assert set(alone.objects(node(fx.DICK), SDO.alternateName)) == {Literal("Ms Dick")}


async def test_a_fact_from_two_articles_is_derived_from_both(fixture_graph: RdfSource) -> None:
    graph = await build_graph(fixture_graph)
    sources = set(graph.objects(node(fx.DICK), PROV.wasDerivedFrom))
    assert {node(fx.ARTICLE_A), node(fx.ARTICLE_B)} <= sources


async def test_exporting_an_unknown_article_raises_not_found(fixture_graph: RdfSource) -> None:
    with pytest.raises(NotFound):
        await build_graph(fixture_graph, "article/nope")


async def test_an_entity_is_described_with_its_evidence(fixture_graph: RdfSource) -> None:
    graph = graph_of(await describe(fixture_graph, fx.DICK))
    assert graph.value(node(fx.DICK), SDO.name) == Literal("Cressida Dick")
    spans = set(graph.objects(node(fx.DICK), PROV.wasDerivedFrom)) - {
        node(fx.ARTICLE_A),
        node(fx.ARTICLE_B),
    }
    assert spans and all((s, NIF.anchorOf, None) in graph for s in spans)


async def test_a_role_title_is_a_dereferenceable_concept(fixture_graph: RdfSource) -> None:
    graph = graph_of(await describe(fixture_graph, "title/assistant-commissioner"))
    assert str(graph.value(node("title/assistant-commissioner"), None)) is not None
    assert Literal("Assistant Commissioner") in set(graph.objects())


@pytest.mark.parametrize("missing", ["person/nobody", "title/nobody", "planet/mars", "person"])
async def test_describing_an_unknown_id_raises_not_found(
    fixture_graph: RdfSource, missing: str
) -> None:
    with pytest.raises(NotFound):
        await describe(fixture_graph, missing)


async def test_the_jsonld_is_compacted_with_the_published_context(
    fixture_graph: RdfSource,
) -> None:
    document = json.loads(await export(fixture_graph, RdfFormat.JSONLD))
    published = json.loads(
        resources.files("schema").joinpath("context.jsonld").read_text(encoding="utf-8")
    )
    assert document["@context"] == published["@context"]
    people = [n for n in document["@graph"] if n.get("type") == "Person"]
    assert {p["name"] for p in people} >= {"Cressida Dick", "Stephen House"}


async def test_batches_are_bounded_by_the_batch_size(fixture_graph: RdfSource) -> None:
    small = RdfSource(fixture_graph.driver, fixture_graph.database, BASE, batch_size=2)
    sizes = [len(batch) async for batch in emitted(small)]
    assert max(sizes) < 60


def test_dates_are_typed_only_when_they_are_iso_dates() -> None:
    assert date_literal("2017-09-15") is not None
    assert date_literal("2017-09") is not None
    assert date_literal("Thursday") is None
    assert date_literal("2017-02-30") is None
    assert date_literal(None) is None


@pytest.mark.parametrize("base", ["ftp://x", "https://x.org/id/", "https://x.org/a b", ""])
def test_a_bad_base_uri_is_refused_with_the_variable_to_fix(base: str) -> None:
    with pytest.raises(RdfExportError, match="NEWSGRAPH_BASE_URI"):
        UriScheme(base)


def test_format_names_media_types_and_aliases_resolve() -> None:
    assert RdfFormat.parse("turtle") is RdfFormat.TTL
    assert RdfFormat.parse("application/ld+json") is RdfFormat.JSONLD
    with pytest.raises(RdfExportError, match="ttl"):
        RdfFormat.parse("yaml")
