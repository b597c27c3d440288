"""Alias resolution: which stored entity an incoming person, organisation or place is.

An incoming entity whose id is already in the graph keeps it. Otherwise it merges
into the single stored node of its label whose ``keys`` (slugs of its names and
aliases) hold the slug of the incoming name; with two or more such nodes the name
is ambiguous and the entity keeps its own id. Deterministic, whatever the order of
loads.

One statement per batch: it looks up every incoming id, and asks the full-text
index ``entity_keys`` (keyword analyzer: one exact token per key, see
graph/migrations.py) for every incoming key in a handful of disjunctive queries of
at most :data:`KEYS_PER_QUERY` keys each (Lucene's clause limit is 1,024), instead
of one full-text call per row. The index's hits are checked again exactly here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.migrations import ENTITY_KEYS_INDEX
from graph.writer.rows import ENTITY_LABELS
from graph.writer.runner import Statements
from schema.ids import slugify
from schema.labels import Label
from schema.model import Extraction

KEYS_PER_QUERY = 500
"""Keys per full-text query: well under Lucene's limit of 1,024 clauses."""

_RESOLVE = """
CALL () {
  UNWIND $people AS id
  MATCH (n:Person {id: id})
  RETURN collect(n.id) AS people
}
CALL () {
  UNWIND $organisations AS id
  MATCH (n:Organisation {id: id})
  RETURN collect(n.id) AS organisations
}
CALL () {
  UNWIND $locations AS id
  MATCH (n:Location {id: id})
  RETURN collect(n.id) AS locations
}
CALL () {
  UNWIND $queries AS query
  CALL db.index.fulltext.queryNodes($index, query) YIELD node
  WITH DISTINCT node
  RETURN collect({id: node.id, labels: labels(node), keys: node.keys}) AS hits
}
RETURN people + organisations + locations AS existing, hits
"""


@dataclass(frozen=True, slots=True)
class _Incoming:
    label: Label
    id: str
    key: str


def _incoming(extractions: Iterable[Extraction]) -> list[_Incoming]:
    found: list[_Incoming] = []
    for extraction in extractions:
        found += [
            _Incoming(Label.PERSON, person.id, slugify(person.name))
            for person in extraction.people if not person.anonymous
        ]
        found += [
            _Incoming(Label.ORGANISATION, organisation.id, slugify(organisation.name))
            for organisation in extraction.organisations
        ]
        found += [
            _Incoming(Label.LOCATION, location.id, slugify(location.name))
            for location in extraction.locations
        ]
    return found


def lucene_phrase(text: str) -> str:
    """A Lucene query for exactly ``text`` (one token under the keyword analyzer)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _queries(keys: list[str]) -> list[str]:
    return [
        " OR ".join(lucene_phrase(key) for key in keys[i : i + KEYS_PER_QUERY])
        for i in range(0, len(keys), KEYS_PER_QUERY)
    ]


async def resolve(run: Statements, extractions: Iterable[Extraction]) -> dict[str, str]:
    """Incoming id -> the stored node's id, where the name is one node's name or alias."""
    incoming = _incoming(extractions)
    if not incoming:
        return {}
    ids = {label: sorted({i.id for i in incoming if i.label is label}) for label in ENTITY_LABELS}
    keys = sorted({i.key for i in incoming if i.key})
    (found,) = await run.run(
        "resolve", _RESOLVE,
        people=ids[Label.PERSON], organisations=ids[Label.ORGANISATION],
        locations=ids[Label.LOCATION], queries=_queries(keys), index=ENTITY_KEYS_INDEX,
    )
    existing = set(found["existing"])
    holders: dict[tuple[Label, str], set[str]] = {}
    for hit in found["hits"]:
        for label in ENTITY_LABELS:
            if label.value in hit["labels"]:
                for key in hit["keys"] or ():
                    holders.setdefault((label, key), set()).add(hit["id"])
    remap: dict[str, str] = {}
    for item in incoming:
        if item.id in existing:
            continue
        candidates = holders.get((item.label, item.key), set())
        if len(candidates) == 1:
            remap[item.id] = next(iter(candidates))
    return remap
