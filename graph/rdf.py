"""RDF export: read the graph from Neo4j in batches, map it to RDF, write it streamed.

The export is built from what is in Neo4j (never from a re-run of the
extractor), so RDF, GraphQL and Cypher always agree. The parts, one concept a
module::

    graph.rdf_rows     Neo4j -> typed rows (keyset pages, one record per page)
    graph.rdf_uris     the URIs: {base}/{id}, concepts and their schemes
    graph.rdf_mapping  rows -> Emitted (s, p, o, graphs) triples; docs/rdf.md's mapping
    graph.rdf_writers  batches of triples -> N-Triples, N-Quads, Turtle, TriG,
                       JSON-LD, RDF/XML text, as they arrive
    graph.rdf_formats  format names, media types, the JSON-LD context

How it flows::

    Neo4j --(rdf_rows: a page per round trip, the next requested early)--> rows
          --(Mapper)--> a batch of Emitted --(Writer)--> text --> bytes out

Every format streams: memory holds one batch, whatever the size of the graph.
:func:`build_graph` / :func:`build_dataset` build rdflib graphs of the same
triples, for checks and SPARQL over small exports (tests, descriptions).

Errors (the graph layer's hierarchy, :mod:`graph.errors`)::

    GraphError
    ├── NotFound        an article or entity id that is not in the graph
    └── RdfExportError  an unusable base URI or an unknown format name
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Final

from neo4j import AsyncDriver, AsyncSession
from rdflib import Dataset, Graph
from rdflib.term import Node

from graph.errors import NotFound, RdfExportError
from graph.rdf_formats import RdfFormat, jsonld_context, rdflib_format
from graph.rdf_mapping import (
    Emitted,
    Lit,
    Mapper,
    Object,
    concept_triples,
    date_literal,
    gather,
    scheme_triples,
)
from graph.rdf_rows import (
    ArticleRow,
    MentionRow,
    chunks,
    distinct_values,
    read_session,
    row_batches,
    rows_by_ids,
)
from graph.rdf_uris import ConceptScheme, UriScheme, iri, uri
from graph.rdf_writers import write_all, writer
from schema.ids import slugify
from schema.labels import Label
from schema.model import RoleStatus, StatementKind
from schema.vocab import PREFIXES

__all__ = [
    "DEFAULT_BATCH",
    "ConceptScheme",
    "Emitted",
    "Lit",
    "RdfExportError",
    "RdfFormat",
    "RdfSource",
    "UriScheme",
    "build_dataset",
    "build_graph",
    "date_literal",
    "describe",
    "emitted",
    "export",
    "graph_of",
    "iri",
    "jsonld_context",
    "rdflib_format",
    "serialize",
    "stream",
    "write_all",
]

DEFAULT_BATCH = 2000
"""Nodes read per round trip."""

TRIPLES_PER_CHUNK = 10_000
"""Triples mapped and written at a time, at most (plus one node's): a page whose nodes
carry much evidence (a person named in thousands of articles) is written in pieces."""

_CONCEPT_SOURCES: Final = {
    ConceptScheme.TITLE: Label.ROLE,
    ConceptScheme.EVENT_KIND: Label.EVENT,
    ConceptScheme.PLACE_KIND: Label.LOCATION,
}


@dataclass(frozen=True, slots=True)
class RdfSource:
    """Where the export reads from and how it names things."""

    driver: AsyncDriver
    database: str
    base: str
    batch_size: int = DEFAULT_BATCH

    @property
    def uris(self) -> UriScheme:
        return UriScheme(self.base)


# -- the export as a stream of triples ------------------------------------------------------


async def emitted(
    source: RdfSource, article: str | None = None, *, quads: bool = False
) -> AsyncIterator[list[Emitted]]:
    """The export, batch by batch (a page of nodes, or a piece of one: see
    :data:`TRIPLES_PER_CHUNK`): the whole graph, or one article's named graph.

    With ``quads`` (for TriG and N-Quads) a batch is cut by triples times their named
    graphs. :class:`NotFound` when ``article`` is not in the graph.
    """
    mapper = Mapper(source.uris, article)
    async with read_session(source.driver, source.database) as session:
        async for rows in row_batches(session, article, source.batch_size):
            for chunk in mapper.chunks(rows, TRIPLES_PER_CHUNK, quads=quads):
                yield chunk
    for chunk in gather(mapper.concept_groups(), TRIPLES_PER_CHUNK, quads=quads):
        yield chunk


async def describe(source: RdfSource, node_id: str) -> list[Emitted]:
    """One node's description: what ``GET /id/{kind}/{key}`` returns.

    A graph node (person, role, statement, mention ...) with its evidence mentions, or a
    SKOS concept (``title/commissioner``). :class:`NotFound` when there is no such id.
    """
    kind, _, key = node_id.partition("/")
    if not key:
        raise NotFound(f"No {node_id!r} in the graph: an id looks like person/cressida-dick.")
    label = next((lbl for lbl in Label if lbl.kind == kind), None)
    scheme = next((s for s in ConceptScheme if s.value == kind), None)
    async with read_session(source.driver, source.database) as session:
        if label is not None:
            return await _describe_node(session, source.uris, label, node_id)
        if scheme is not None:
            return await _describe_concept(session, source.uris, scheme, key)
    raise NotFound(f"No {node_id!r} in the graph: unknown kind {kind!r}.")


async def _describe_node(
    session: AsyncSession, uris: UriScheme, label: Label, node_id: str
) -> list[Emitted]:
    rows = await rows_by_ids(session, label, [node_id], None)
    if not rows:
        raise NotFound(f"No {node_id!r} in the graph.")
    mapper = Mapper(uris, None)
    found = list(mapper.rows(rows))
    row = rows[0]
    evidence = () if isinstance(row, ArticleRow | MentionRow) else row.evidence
    mention_ids = sorted({e.mention for e in evidence})
    for ids in chunks(mention_ids, DEFAULT_BATCH):
        found.extend(mapper.rows(await rows_by_ids(session, Label.MENTION, ids, None)))
    found.extend(mapper.concepts())
    return found


async def _describe_concept(
    session: AsyncSession, uris: UriScheme, scheme: ConceptScheme, key: str
) -> list[Emitted]:
    values: Iterable[str]
    if scheme is ConceptScheme.STATEMENT_KIND:
        values = [k.value for k in StatementKind]
    elif scheme is ConceptScheme.ROLE_STATUS:
        values = [s.value for s in RoleStatus]
    else:
        values = await distinct_values(session, _CONCEPT_SOURCES[scheme])
    labels = sorted({v for v in values if slugify(v) == key})
    if not labels:
        raise NotFound(f"No {scheme.value}/{key} in the graph.")
    c = uris.concept(scheme, labels[0])
    return [*concept_triples(uris, scheme, c, labels, ()), *scheme_triples(uris, scheme, ())]


# -- streamed text ------------------------------------------------------------------------


async def stream(
    source: RdfSource, fmt: RdfFormat, article: str | None = None
) -> AsyncIterator[bytes]:
    """The export in ``fmt`` as UTF-8 chunks, one per batch: never the whole graph at once.

    The first chunk (the format's head with the first batch) is only produced once the
    first batch is read, so :class:`NotFound` is raised before any byte is written.
    """
    out = writer(fmt)
    head = out.head()
    async for batch in emitted(source, article, quads=fmt.is_quads):
        text = out.batch(batch)
        if head:
            text, head = head + text, ""
        if text:
            yield text.encode("utf-8")
    yield (head + out.tail()).encode("utf-8")


async def export(source: RdfSource, fmt: RdfFormat, article: str | None = None) -> bytes:
    """The export in one piece (for tests and small graphs; the CLI and HTTP stream)."""
    return b"".join([chunk async for chunk in stream(source, fmt, article)])


# -- rdflib graphs of the same triples ---------------------------------------------------------


def _term(o: Object) -> Node:
    return o.to_rdflib() if isinstance(o, Lit) else uri(o)


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES:
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def new_dataset() -> Dataset:
    dataset = Dataset()
    for prefix, namespace in PREFIXES:
        dataset.bind(prefix, namespace, override=True, replace=True)
    return dataset


def add_to_graph(graph: Graph, batch: Iterable[Emitted]) -> None:
    for s, p, o, _ in batch:
        graph.add((uri(s), uri(p), _term(o)))


def add_to_dataset(dataset: Dataset, batch: Iterable[Emitted]) -> None:
    for s, p, o, graphs in batch:
        triple = (uri(s), uri(p), _term(o))
        if not graphs:
            dataset.default_graph.add(triple)
        for g in graphs:
            dataset.graph(uri(g)).add(triple)


async def build_graph(source: RdfSource, article: str | None = None) -> Graph:
    """The export as one rdflib graph, in memory: the reference the streamed writers are
    checked against, and SPARQL over small exports."""
    graph = new_graph()
    async for batch in emitted(source, article):
        add_to_graph(graph, batch)
    return graph


async def build_dataset(source: RdfSource, article: str | None = None) -> Dataset:
    """The export as an rdflib dataset, one named graph per article."""
    dataset = new_dataset()
    async for batch in emitted(source, article):
        add_to_dataset(dataset, batch)
    return dataset


def serialize(data: Graph, fmt: RdfFormat) -> bytes:
    """rdflib's own serialisation of a graph (or, for TriG / N-Quads, a dataset): what the
    export wrote before it streamed every format, kept as the reference."""
    if fmt is RdfFormat.JSONLD:
        text = data.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
        return text.encode("utf-8")
    if fmt.is_quads and not isinstance(data, Dataset):
        raise RdfExportError(f"{fmt.value} needs a dataset (named graphs), not a graph.")
    return data.serialize(format=rdflib_format(fmt), encoding="utf-8")


def graph_of(found: Iterable[Emitted]) -> Graph:
    """An rdflib graph of some emitted triples (one entity's description)."""
    graph = new_graph()
    add_to_graph(graph, found)
    return graph
