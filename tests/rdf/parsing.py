"""What a serialisation says, as a set to compare: the streamed export against rdflib's."""

from __future__ import annotations

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from graph.rdf import RdfFormat, rdflib_format

Quad = tuple[Node, Node, Node, Node | None]


def statements(data: bytes, fmt: RdfFormat) -> set[Quad]:
    """What a serialisation says: its triples, with the named graph each is in (None for
    the triple formats and the default graph)."""
    if not fmt.is_quads:
        graph = Graph().parse(data=data, format=rdflib_format(fmt))
        return {(s, p, o, None) for s, p, o in graph}
    dataset = Dataset().parse(data=data, format=rdflib_format(fmt))
    found: set[Quad] = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        found.add((s, p, o, None if name == DATASET_DEFAULT_GRAPH_ID else name))
    return found
